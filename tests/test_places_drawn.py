"""Every place with data is drawn where its data is: its own shape or a dot, never inside another
place's shape; disputed shapes drawn and labelled as the sources count them (the committed snapshot)."""
import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from atlas.themes.kaios import data as kaios

ROOT = Path(__file__).resolve().parents[1]
# Where each place named in the audit is (its main town), lon/lat.
TOWNS = {"GUF": (-52.33, 4.92), "GLP": (-61.73, 15.99), "MTQ": (-61.07, 14.6), "REU": (55.45, -20.88),
         "MYT": (45.23, -12.78), "GIB": (-5.35, 36.14), "CXR": (105.67, -10.42), "TKL": (-171.85, -9.2),
         "FRA": (2.35, 48.86), "SOM": (45.34, 2.04), "CYP": (33.36, 35.17)}


@pytest.fixture(scope="module")
def places():
    return {p["id"]: p for p in json.loads((ROOT / "static" / "places.json").read_text())}


@pytest.fixture(scope="module")
def shapes():
    world = gpd.read_file(ROOT / "static" / "world.topo.json")
    return dict(zip(world["id"], world.geometry))


def _drawn(place, shapes) -> bool:
    return place["id"] in shapes or (place["small"] and place["lon"] is not None and place["lat"] is not None)


def test_every_entity_with_data_in_any_indicator_can_be_drawn(snapshot, places, shapes):
    ent = snapshot.entities
    with_data = set(snapshot.observations["entity"]) & set(ent.index[ent["kind"] == "country"])
    not_drawn = sorted(c for c in with_data if c not in places or not _drawn(places[c], shapes))
    assert not_drawn == []
    assert ent.loc[sorted(with_data), "lon"].notna().all()


def test_no_place_lies_on_another_places_shape(places, shapes):
    """Two entities never share a shape: no dot and no audited place's main town lies on another
    place's shape, and no shape overlaps another (beyond simplification slivers)."""
    ids = list(shapes)
    tree = shapely.STRtree(list(shapes.values()))
    points = [(c, (p["lon"], p["lat"])) for c, p in places.items() if not p["shape"]] + list(TOWNS.items())
    on_other = [(code, ids[i]) for code, xy in points
                for i in tree.query(shapely.Point(xy), predicate="within") if ids[i] != code]
    assert on_other == []
    overlaps = [(ids[a], ids[b]) for a, b in zip(*tree.query(list(shapes.values()), predicate="intersects"))
                if a < b and shapes[ids[a]].intersection(shapes[ids[b]]).area
                > 0.1 * min(shapes[ids[a]].area, shapes[ids[b]].area)]
    assert overlaps == []
    for code in ["GUF", "FRA", "SOM", "CYP"]:  # large enough that their town falls on their own shape
        assert shapes[code].covers(shapely.Point(TOWNS[code])), code


def test_disputed_shapes_merged_or_labelled_as_the_sources_count_them(places, shapes):
    assert "SOL" not in shapes and "CYN" not in shapes  # drawn with Somalia and Cyprus
    assert "Somaliland" in places["SOM"]["note"] and "Northern Cyprus" in places["CYP"]["note"]
    for code in ("ESH", "KAS"):
        assert code in shapes and "no value" in places[code]["note"]
    assert all(p.get("note", "x") for p in places.values())  # a note is never empty when present


def test_kaios_map_and_table_show_every_place_caniuse_tracks(snapshot):
    tracked = snapshot.rows(kaios.MOBILE_TOTAL).query("period == '2023-07'")["entity"]
    countries = tracked[tracked.map(snapshot.entities["kind"]) == "country"]
    assert len(countries) == 233
    table = kaios.map_table(snapshot, "all", "2023-07")
    assert (table["status"] != "missing").sum() == 233
    assert len(kaios.cross_section_table(snapshot, "2023-07", "world", False)) == 233


def test_france_and_french_guiana_have_their_own_values(snapshot):
    table = kaios.map_table(snapshot, "all", "2022-01").set_index("entity")
    assert table.loc["FRA", "value"] == 0.0
    assert table.loc["GUF", "value"] == pytest.approx(0.079, abs=5e-4)
    assert snapshot.entities.loc["GUF", "has_shape"]


def test_the_map_tooltip_names_a_merged_or_disputed_place_with_its_note(snapshot):
    from atlas import charts
    from atlas.regions import map_values
    spec = charts.choropleth(map_values(snapshot, "internet_users_pct", "2023"), title_text="t", source="s",
                             label="Internet use", unit="%", period="2023")
    spec = json.dumps({k: v for k, v in spec.items() if k != "datasets"})
    assert "datum.note ? datum.name + ' (' + datum.note + ')' : datum.name" in spec
