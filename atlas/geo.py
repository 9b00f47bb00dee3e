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


def countries(inline: bool = False) -> alt.Data | alt.UrlData:
    """The country shapes as Vega-Lite data. In the app the browser fetches the file once and caches it;
    an exported image must carry its geometry (no server to fetch from), so export asks for inline."""
    fmt = alt.DataFormat(type="topojson", feature=FEATURE)
    if inline:
        return alt.Data(values=topology(), format=fmt)
    return alt.UrlData(url=TOPO_URL, format=fmt)


def places(inline: bool = False) -> alt.Data | alt.UrlData:
    """Names, regions and dot positions for every shape: static too, so a rerun sends only values."""
    if inline:
        return alt.Data(values=place_rows())
    return alt.UrlData(url=PLACES_URL, format=alt.DataFormat(type="json"))

