"""World geometry: served once as a static file to the browser, inlined only for offline export."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import altair as alt

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

