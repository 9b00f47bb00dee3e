"""Country shapes for the maps: Natural Earth 50m -> compact TopoJSON + a places table.

The 50m file is used (not 110m) because 110m has no shape for ~48 small economies.
"""

from __future__ import annotations

import json
import pathlib

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import topojson

EQUAL_AREA_CRS = "EPSG:6933"  # for areas in km2
SMALL_KM2 = 25_000  # below this a country is hard to see on a world map: draw a dot too
# Drawing budget (the TopoJSON must stay <= 150 KB). Every ring costs ~45 bytes even as a
# triangle, so islets nobody can see at world scale (100 km2 is ~0.25 px on a 1000 px
# map) are dropped and the bytes go to coastlines and borders instead.
ISLET_KM2 = 100
SIMPLIFY_DEG = 0.4  # Visvalingam-Whyatt: drops bends under ~0.4 x 0.4 deg; ~133 KB in all
QUANTIZE = 1e5  # grid of ~0.004 x 0.0014 deg; 5e4 already let an Australian islet cross its coast

# Natural Earth writes income groups with a rank and OECD split; the app wants WB labels.
# Disputed shapes drawn the way the data sources count them: merged into the country whose figures
# include them (WDI, Findex and caniuse report Somalia with Somaliland and one figure for Cyprus).
MERGED_INTO = {"SOL": "SOM", "CYN": "CYP"}
# Places inside another country's Natural Earth feature, split out by location
# (lon_min, lon_max, lat_min, lat_max): each has its own figures (caniuse, WDI population).
# Feature ADM0_A3 -> (code for the parts no box claims, {code: box}).
SPLITS = {
    "FRA": ("FRA", {"GUF": (-55.0, -51.0, 1.5, 6.5), "GLP": (-62.0, -60.9, 15.7, 16.7),
                    "MTQ": (-61.4, -60.7, 14.2, 15.0), "REU": (55.0, 56.0, -21.6, -20.7),
                    "MYT": (44.8, 45.5, -13.2, -12.4)}),
    "IOA": (None, {"CXR": (105.4, 105.9, -10.7, -10.3), "CCK": (96.7, 97.0, -12.3, -11.8)}),
}
SPLIT_PLACES = {  # name, continent, region (by location: the World Bank does not classify them)
    "GUF": ("French Guiana", "South America", "Latin America & Caribbean"),
    "GLP": ("Guadeloupe", "North America", "Latin America & Caribbean"),
    "MTQ": ("Martinique", "North America", "Latin America & Caribbean"),
    "REU": ("Réunion", "Africa", "Sub-Saharan Africa"),
    "MYT": ("Mayotte", "Africa", "Sub-Saharan Africa"),
    "CXR": ("Christmas Island", "Asia", "East Asia & Pacific"),
    "CCK": ("Cocos (Keeling) Islands", "Asia", "East Asia & Pacific"),
}
# Places with figures but no Natural Earth 50m shape: a dot at the place (WGS84, rounded; read off
# OpenStreetMap). CHI and ANT sit at sea between the islands they stand for, so no dot lies on
# another place's shape.
DOTS = {
    "GIB": ("Gibraltar", -5.35, 36.14, "Europe", "Europe & Central Asia", 7),
    "TKL": ("Tokelau", -171.85, -9.2, "Oceania", "East Asia & Pacific", 10),
    "CHI": ("Channel Islands", -2.4, 49.33, "Europe", "Europe & Central Asia", 198),
    "ANT": ("Netherlands Antilles", -68.6, 12.2, "North America", "Latin America & Caribbean", 800),
}
# Shown in the map's tooltip after the name.
NOTES = {
    "SOM": "includes Somaliland, which WDI, Findex and caniuse count within Somalia",
    "CYP": "includes Northern Cyprus: the sources give one figure for the island",
    "ESH": "disputed territory: no source here reports Western Sahara separately, so it has no value",
    "KAS": "Siachen Glacier, disputed between India and Pakistan: no source reports it, so it has no value",
    "CHI": "Jersey and Guernsey together, as WDI counts them (a dot between the islands)",
    "ANT": "dissolved in 2010; caniuse reported it until 2014 (a dot between Curaçao and Bonaire)",
}
NOTES_FR = {  # the same notes in French (places.json's note_fr): static, so no catalogue lookup on the map
    "SOM": "y compris le Somaliland, que les WDI, le Findex et caniuse comptent avec la Somalie",
    "CYP": "y compris Chypre du Nord : les sources donnent un seul chiffre pour l’île",
    "ESH": "territoire contesté : aucune source ici ne rend compte du Sahara occidental séparément, d’où l’absence "
           "de valeur",
    "KAS": "glacier de Siachen, disputé entre l’Inde et le Pakistan : aucune source n’en rend compte, d’où l’absence "
           "de valeur",
    "CHI": "Jersey et Guernesey ensemble, comme les compte le WDI (un point entre les deux îles)",
    "ANT": "dissoutes en 2010 ; caniuse les a suivies jusqu’en 2014 (un point entre Curaçao et Bonaire)",
}
assert NOTES_FR.keys() == NOTES.keys()

INCOME = {
    "1. High income: OECD": "High income",
    "2. High income: nonOECD": "High income",
    "3. Upper middle income": "Upper middle income",
    "4. Lower middle income": "Lower middle income",
    "5. Low income": "Low income",
}


def build_geometry(ne_path: pathlib.Path) -> tuple[str, pd.DataFrame]:
    """Return (topojson_text, places)."""
    world = _countries(ne_path)
    return _topojson(world), _places(world)


def _countries(ne_path: pathlib.Path) -> gpd.GeoDataFrame:
    """One row per ISO3, Antarctica dropped, with the attributes the app needs."""
    ne = gpd.read_file(ne_path)
    # ISO_A3 is -99 for France, Norway, ...; ISO_A3_EH fixes most, ADM0_A3 the rest.
    iso3 = ne["ISO_A3_EH"].where(ne["ISO_A3_EH"] != "-99", ne["ADM0_A3"])
    ne["iso3"] = iso3.replace({"KOS": "XKX"}).replace(MERGED_INTO)  # World Bank code for Kosovo
    ne = ne[ne["iso3"] != "ATA"]
    ne = _split_by_location(ne)
    # NAME abbreviates ("Dem. Rep. Congo", "Bosnia and Herz."): use NAME_LONG then.
    ne["name"] = ne["NAME"].where(~ne["NAME"].str.contains(".", regex=False), ne["NAME_LONG"])
    ne["continent"] = ne["CONTINENT"]
    ne["region_wb_ne"] = ne["REGION_WB"]
    ne["income_ne"] = ne["INCOME_GRP"].map(INCOME)
    if (ne["income_ne"].isna() & ne["INCOME_GRP"].notna()).any():
        raise ValueError(f"unknown INCOME_GRP: {sorted(set(ne.loc[ne['income_ne'].isna(), 'INCOME_GRP']))}")

    # Several features can share an ISO3 (AUS: Australia, Indian Ocean Ter., Ashmore and
    # Cartier). Attributes come from the feature whose own ADM0_A3 is that code.
    ne = ne.assign(main=ne["ADM0_A3"] == ne["iso3"]).sort_values(["iso3", "main"], ascending=[True, False])
    cols = ["iso3", "name", "continent", "region_wb_ne", "income_ne", "geometry"]
    world = ne[cols].dissolve("iso3", aggfunc="first", sort=True).reset_index()
    return world[cols]


def _split_by_location(ne: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Natural Earth's France feature holds the overseas departments, and its 'Indian Ocean Ter.'
    (dissolved into Australia by ISO code) Christmas Island and the Cocos Islands: give each its own
    row, so French Guiana is not painted with France's value."""
    out = ne
    for adm0, (rest, split) in SPLITS.items():
        is_feature = out["ADM0_A3"] == adm0
        if is_feature.sum() != 1:
            raise ValueError(f"expected one {adm0} feature")
        feature = out[is_feature].iloc[0]
        parts = shapely.get_parts(feature.geometry)
        owner = []
        for part in parts:
            pt = part.representative_point()
            owner.append(next((code for code, (x0, x1, y0, y1) in split.items()
                               if x0 <= pt.x <= x1 and y0 <= pt.y <= y1), rest))
        missing = set(split) - set(owner)
        if missing or None in owner:
            raise ValueError(f"{adm0}: parts not where expected (missing {sorted(missing)})")
        rows = []
        for code in dict.fromkeys(owner):
            row = feature.copy()
            row["geometry"] = shapely.union_all([p for p, o in zip(parts, owner) if o == code])
            row["iso3"] = row["ADM0_A3"] = code
            if code in SPLIT_PLACES:
                name, row["CONTINENT"], row["REGION_WB"] = SPLIT_PLACES[code]
                row["NAME"] = row["NAME_LONG"] = name
                row["INCOME_GRP"] = None
            rows.append(row)
        split_rows = gpd.GeoDataFrame(rows, geometry="geometry", crs=ne.crs)
        out = pd.concat([out[~is_feature], split_rows], ignore_index=True)
    return out


def _places(world: gpd.GeoDataFrame) -> pd.DataFrame:
    """Attributes plus a label point and area, from the full-resolution shapes."""
    area = world.geometry.to_crs(EQUAL_AREA_CRS).area / 1e6
    point = [_largest_polygon(g).representative_point() for g in world.geometry]
    places = pd.DataFrame(
        {
            "iso3": world["iso3"].astype(str),
            "name": world["name"].astype(str),
            "continent": world["continent"].astype(str),
            "region_wb_ne": world["region_wb_ne"].astype(str),
            "income_ne": world["income_ne"].astype(str),
            "lon": np.round([p.x for p in point], 3),
            "lat": np.round([p.y for p in point], 3),
            "area_km2": area.round(0).to_numpy(),
        }
    )
    places["small"] = places["area_km2"] < SMALL_KM2
    places["shape"] = True
    places["located"] = places["iso3"].isin(list(SPLIT_PLACES))
    dots = pd.DataFrame([{"iso3": code, "name": name, "continent": continent, "region_wb_ne": region,
                          "income_ne": None, "lon": lon, "lat": lat, "area_km2": float(area), "small": True,
                          "shape": False, "located": True}
                         for code, (name, lon, lat, continent, region, area) in DOTS.items()])
    places = pd.concat([places, dots], ignore_index=True)
    places["note"] = places["iso3"].map(NOTES).fillna("")
    return places.sort_values("iso3", ignore_index=True)


def _largest_polygon(geom):
    parts = shapely.get_parts(geom)
    # Compare areas in an equal-area CRS: in degrees, high-latitude parts look too big.
    areas = gpd.GeoSeries(parts, crs="EPSG:4326").to_crs(EQUAL_AREA_CRS).area.to_numpy()
    return parts[int(np.argmax(areas))]


def _without_islets(world: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Drop polygons under ISLET_KM2, except a country's largest one (so no country
    vanishes) and any touching another country (its neighbour would show a gap)."""
    parts = world[["iso3", "name", "geometry"]].explode(index_parts=False, ignore_index=True)
    area = parts.to_crs(EQUAL_AREA_CRS).area / 1e6
    largest = area == area.groupby(parts["iso3"]).transform("max")
    tree = shapely.STRtree(world.geometry.values)
    i_part, i_country = tree.query(parts.geometry.values, predicate="intersects")
    other = world["iso3"].to_numpy()[i_country] != parts["iso3"].to_numpy()[i_part]
    touching = np.isin(np.arange(len(parts)), i_part[other])
    kept = parts[(area >= ISLET_KM2) | largest | touching]
    return kept.dissolve("iso3", aggfunc="first", sort=True).reset_index()


def _topojson(world: gpd.GeoDataFrame) -> str:
    world = _without_islets(world)
    # The Natural Earth countries form a valid coverage (no overlaps, shared borders
    # vertex for vertex). Coverage simplification keeps it one: neighbours get the same
    # simplified border (no gaps or slivers), lines do not cross, and every ring stays
    # at least a triangle, so micro-states survive. Simplifying the topojson arcs one
    # by one (toposimplify) instead let islands and coasts cross each other.
    shapes = gpd.GeoDataFrame(
        {"id": world["iso3"], "name": world["name"]},
        geometry=shapely.coverage_simplify(world.geometry.values, SIMPLIFY_DEG),
    )
    topo = topojson.Topology(shapes, prequantize=QUANTIZE, object_name="countries").to_dict()
    for geom in topo["objects"]["countries"]["geometries"]:
        geom["id"] = geom["properties"].pop("id")
        if not geom.get("arcs"):
            raise ValueError(f"{geom['id']} lost its shape in simplification")
    _fix_winding(topo)
    return json.dumps(topo, separators=(",", ":"), ensure_ascii=False)


def _fix_winding(topo: dict) -> None:
    """Make exterior rings clockwise and holes counter-clockwise (lon east, lat north).

    d3-geo (Vega-Lite's spherical projections) takes a counter-clockwise exterior as
    "the whole globe except this", so a wrong ring floods the map. The topojson package
    asks for this order, but it encodes a closed ring that is both a hole and a country
    (Lesotho in South Africa, Vatican, San Marino, enclaves in Central Asia) with the
    same arc in the same direction for both, so one of the two comes out wrong.
    """
    # Twice the signed area of a ring is the sum of x[i]*y[i+1] - x[i+1]*y[i] over its
    # edges, so each arc contributes a fixed amount (negated when used reversed).
    # Quantized arcs are delta-encoded integers, so the sums are exact; the transform
    # (positive scale, an offset) changes no ring's sign, so it can be left out.
    if "transform" not in topo:
        raise ValueError("expected a quantized topology")
    contrib = []
    for arc in topo["arcs"]:
        xy = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        x, y = xy[:, 0], xy[:, 1]
        contrib.append(int(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])))

    def area2(ring):
        return sum(contrib[i] if i >= 0 else -contrib[~i] for i in ring)

    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for polygon in polygons:
            for k, ring in enumerate(polygon):
                a = area2(ring)
                if a == 0:
                    raise ValueError(f"{geom['id']} has a ring with no area")
                if (a > 0) == (k == 0):  # exterior counter-clockwise or hole clockwise
                    ring[:] = [~i for i in reversed(ring)]
