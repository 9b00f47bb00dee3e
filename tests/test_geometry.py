"""Tests for atlas.pipeline.geometry: the world TopoJSON and the places table."""

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from atlas.pipeline.geometry import build_geometry

RAW = Path(__file__).resolve().parents[1].parent / "shared/data/raw/internet/ne_50m_admin_0_countries.geojson"
SMALL_STATES = ["BHR", "SGP", "MUS", "CPV", "COM", "STP"]

pytestmark = pytest.mark.skipif(not RAW.exists(), reason=f"Natural Earth 50m file not found at {RAW}")


@pytest.fixture(scope="module")
def built():
    return build_geometry(RAW)


@pytest.fixture(scope="module")
def topo(built):
    return json.loads(built[0])


@pytest.fixture(scope="module")
def geometries(topo):
    return topo["objects"]["countries"]["geometries"]


@pytest.fixture(scope="module")
def ids(geometries):
    return [g.get("id") for g in geometries]


@pytest.fixture(scope="module")
def places(built):
    return built[1]


def _rings(topo):
    """Yield (id, is_exterior, twice the signed area in lon/lat; > 0 is counter-clockwise)."""
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = [np.cumsum(np.asarray(a, dtype=float), axis=0) * scale + translate for a in topo["arcs"]]
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for polygon in polygons:
            for k, ring in enumerate(polygon):
                xy = np.concatenate([arcs[i] if i >= 0 else arcs[~i][::-1] for i in ring])
                x, y = xy[:, 0], xy[:, 1]
                yield geom["id"], k == 0, float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def test_size_at_most_150_kb(built):
    assert len(built[0].encode("utf-8")) <= 150_000


def test_compact_json_with_one_object_named_countries(built, topo):
    assert list(topo["objects"]) == ["countries"]
    assert built[0] == json.dumps(topo, separators=(",", ":"), ensure_ascii=False)


def test_france_norway_kosovo_present(ids):
    assert {"FRA", "NOR", "XKX"} <= set(ids)
    assert "KOS" not in ids  # Natural Earth's code must be mapped to the World Bank's


def test_at_least_230_geometries(geometries):
    assert len(geometries) >= 230


def test_antarctica_absent(ids):
    assert "ATA" not in ids


def test_ids_are_unique_iso3_codes(ids):
    assert all(isinstance(i, str) and re.fullmatch(r"[A-Z]{3}", i) for i in ids), ids
    assert len(ids) == len(set(ids))


def test_every_geometry_has_a_name(geometries):
    assert all(isinstance(g["properties"].get("name"), str) and g["properties"]["name"] for g in geometries)


def test_no_input_country_lost_in_simplification(ids, topo):
    features = json.loads(RAW.read_text(encoding="utf-8"))["features"]
    expected = set()
    for f in features:
        p = f["properties"]
        iso3 = p["ISO_A3_EH"] if p["ISO_A3_EH"] != "-99" else p["ADM0_A3"]
        expected.add({"KOS": "XKX", "SOL": "SOM", "CYN": "CYP"}.get(iso3, iso3))  # merged as the sources count them
    split_out = {"GUF", "GLP", "MTQ", "REU", "MYT", "CXR", "CCK"}  # France's and the Indian Ocean Ter.' parts
    assert set(ids) == (expected - {"ATA"}) | split_out
    # Each country still has at least one ring with an area, not a collapsed line or point.
    with_area = {i for i, exterior, a in _rings(topo) if exterior and a != 0}
    assert with_area == set(ids)


def test_winding_is_what_d3_expects(topo):
    # d3-geo reads a counter-clockwise exterior as "the globe minus this ring" and the
    # map floods; exteriors must be clockwise (area < 0 here), holes counter-clockwise.
    wrong = [(i, ext, a) for i, ext, a in _rings(topo) if a == 0 or (a < 0) != ext]
    assert wrong == []


def test_small_states_present_and_flagged_small(ids, places):
    small = places.set_index("iso3")["small"]
    for iso3 in SMALL_STATES:
        assert iso3 in ids
        assert bool(small[iso3]) is True, iso3


def test_places_columns_and_one_row_per_geometry_or_dot(places, ids):
    assert list(places.columns) == [
        "iso3", "name", "continent", "region_wb_ne", "income_ne", "lon", "lat", "area_km2", "small",
        "shape", "located", "note",
    ]
    assert places.loc[places["shape"], "iso3"].tolist() == sorted(ids)
    assert places.loc[~places["shape"], "small"].all()  # a place with no shape is drawn as a dot


def test_places_values(places):
    classified = places[~places["located"]]
    assert set(classified["income_ne"]) <= {"High income", "Upper middle income", "Lower middle income", "Low income"}
    assert classified.notna().all().all()
    assert places["income_ne"].isna().sum() == places["located"].sum()  # split out or dots: not classified
    assert places["small"].tolist() == (places["area_km2"] < 25_000).tolist()
    # Equal-area km2, not square degrees: metropolitan France (overseas departments split out) ~550,000 km2.
    assert 530_000 < places.set_index("iso3").loc["FRA", "area_km2"] < 570_000


def test_lon_lat_in_range(places):
    assert places["lon"].between(-180, 180).all()
    assert places["lat"].between(-90, 90).all()


def test_building_twice_is_identical(built):
    text, places = build_geometry(RAW)
    assert text == built[0]
    pd.testing.assert_frame_equal(places, built[1])
