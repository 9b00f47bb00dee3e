"""The page's frame, in one style sheet (issue 22): no empty band above the title, choices that wrap instead of
running out of their box, and on a phone the explorer's chart before its settings, so the answer is on
the first screen. The explorer marks its parts with these container keys (Streamlit gives a keyed container
the class `st-key-<key>`)."""
from __future__ import annotations

import streamlit as st

OPTIONS, FIGURE, AFTER = "atlas-options", "atlas-figure", "atlas-after"
PHONE = "(max-width: 640px)"  # where Streamlit stacks columns

STYLE = f"""<style>
/* Streamlit leaves 6rem above the title for its header, which holds only the menu (top right) */
[data-testid="stMainBlockContainer"] {{ padding-top: 2rem; }}
h1 {{ padding-top: 0 !important; font-size: 2.25rem !important; }}
/* A choice of options wraps onto a second line rather than running past its box (a 7-option picker,
   "Mobile/tablet page views" on a phone) */
[data-testid="stButtonGroup"] > div {{ flex-wrap: wrap; }}
[data-testid="stButtonGroup"] {{ max-width: 100%; }}
/* A select shares its row but keeps room for a region's or an indicator's name (else it goes to a row of its
   own); the places box keeps room for a few names */
[data-testid="stHorizontalBlock"] > [data-testid="stElementContainer"]:has(> [data-testid="stSelectbox"]) {{
  min-width: min(16rem, 100%); }}
[data-testid="stHorizontalBlock"] > [data-testid="stElementContainer"]:has(> [data-testid="stMultiSelect"]) {{
  min-width: min(24rem, 100%); }}
@media {PHONE} {{
  [data-testid="stMainBlockContainer"] {{ padding-top: 3.5rem; }}  /* under the sidebar button */
  h1 {{ font-size: 1.75rem !important; }}
  /* The chart first, its settings under it, then the headline and notes: the order stays the page's
     (a screen reader and the keyboard meet the settings first, as on a laptop) */
  [data-testid="stLayoutWrapper"]:has(> .st-key-{OPTIONS}) {{ order: 1; }}
  [data-testid="stLayoutWrapper"]:has(> .st-key-{AFTER}) {{ order: 2; }}
}}
</style>"""


# On a touch screen (no hover) a tap leaves Streamlit's chart toolbar showing, and it sits 44 px above the chart,
# over the control drawn there (a map's year slider): charts drop it there (their downloads are below them). The
# card a tap on a map opens stays in view at the bottom of the screen while the map is (CSS sticky; with a mouse,
# the tooltip already shows the value and the card stays below the map, over nothing).
TOUCH_CSS = """<style>
@media (hover: none) {
  [data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"]) [data-testid="stElementToolbar"] { display: none; }
  [data-testid="stLayoutWrapper"]:has(> .st-key-map-picked) { position: sticky; bottom: 0.5rem; z-index: 5; }
}
.st-key-map-picked { background-color: #ffffff; }
</style>"""


def style() -> None:
    """Put the style sheets on the page, every run (a style emitted once would leave the page with its element
    on the next run): one element without height (st.html with only <style>s)."""
    st.html(STYLE + TOUCH_CSS)
