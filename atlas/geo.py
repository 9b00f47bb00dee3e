"""World geometry: served once as a static file to the browser, inlined only for offline export."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import altair as alt

from . import i18n

STATIC = Path(__file__).resolve().parents[1] / "static"
TOPO_FILE = "world.topo.json"
PLACES_FILE = "places.json"  # per shape: name, region, continent, dot position, small
TOPO_URL = f"app/static/{TOPO_FILE}"  # Streamlit's static serving ([server] enableStaticServing)
PLACES_URL = f"app/static/{PLACES_FILE}"
FEATURE = "countries"


@functools.cache
def _read(name: str):
    return json.loads((STATIC / name).read_text(encoding="utf-8"))


def topology() -> dict:
    """The world TopoJSON itself (for pages that carry their own geometry: exports, the HTML deck)."""
    return _read(TOPO_FILE)


def place_rows() -> list[dict]:
    """The places file itself: every shape's name, region and dot position."""
    return _read(PLACES_FILE)


def place_field(field: str) -> str:
    """The places file's column for `field` ("name", "note") in the run's language: it holds both languages
    (`name`, `name_fr`), so a chart that looks names up there picks its template's."""
    return f"{field}_fr" if i18n.lang() == "fr" else field


def place_names() -> dict[str, str]:
    """Every place's name in the run's language as the places file holds it (what a lookup there shows)."""
    return _names(place_field("name"))


@functools.cache
def _names(field: str) -> dict[str, str]:
    return {row["id"]: row[field] for row in place_rows() if row.get(field)}


def countries() -> alt.UrlData:
    """The country shapes as Vega-Lite data. In the app the browser fetches the file once and caches it;
    an export puts it inline (`inline`)."""
    return alt.UrlData(url=TOPO_URL, format=alt.DataFormat(type="topojson", feature=FEATURE))


def places() -> alt.UrlData:
    """Names, regions and dot positions for every shape: static too, so a rerun sends only values."""
    return alt.UrlData(url=PLACES_URL, format=alt.DataFormat(type="json"))


def inline(spec: dict) -> dict:
    """The spec with the static files it names (world geometry, places) put inline, for what has no server
    to fetch from (an exported image, a deck, a light page). A dict walk on the finished spec: built into an
    Altair chart instead, the 1 MB geometry was deep-copied by Altair at every layer and param (4 s a map)."""
    files = {TOPO_URL: topology, PLACES_URL: place_rows}

    def walk(node):
        if isinstance(node, dict):
            if node.get("url") in files:
                return {**{k: v for k, v in node.items() if k != "url"}, "values": files[node["url"]]()}
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node
    return walk(spec)

