"""Nothing cut, the answer on the first screen (issue 22), measured in Chromium. Each page is loaded once and the
viewport resized: axe-core finds no serious or critical violation at 1440 px; at 1440, 390 and 360 px no text is cut with "…" (by CSS or by Vega), no chart text runs out of
its chart, no control is wider than its box, nothing scrolls sideways; on every explorer at least half of the
chart (its bounding box: title, source line, plot, legend) is above the fold at 1440×900 and 390×844."""
import re

import pytest

from atlas.themes import themes

from .conftest import ARTIFACTS, serious_violations, wait_idle
from .test_french_browser import assert_french

WIDTHS = [(1440, 900), (390, 844), (360, 800)]  # the fold is checked at the first two: a laptop, a phone
# Compare, the profile and the data page in French, whose words run longest (and are checked for English) (the themes' explorers in English: their
# controls' labels were the ones cut)
EXPLORERS = [f"/{t.page}" for t in themes()] + ["/compare?lang=fr"]
PAGES = EXPLORERS + ["/overview", "/country?country=SEN&lang=fr", "/present", "/data?lang=fr"]
READ_IN_FRENCH = ["/compare?lang=fr", "/data?lang=fr"]  # the profile is read in test_french_browser

# What a person would see cut or overflowing, in the page as drawn now.
FIT = """() => {
  const vw = window.innerWidth;
  const seen = (e) => e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const text = (e) => e.textContent.trim().slice(0, 60);
  // the sidebar when it is open (on a phone it slides away when the page narrows)
  const side = document.querySelector('[data-testid="stSidebar"]');
  const open = side && side.getBoundingClientRect().left >= 0 && side.getBoundingClientRect().width > 100;
  const cut = [...document.querySelectorAll('[data-testid="stMain"] *' + (open ? ', [data-testid="stSidebar"] *' : ''))]
    .filter((e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && seen(e)
                   && getComputedStyle(e).textOverflow === 'ellipsis').map(text);
  // a select's chosen value (its input's text) clipped by its box: no "…" there, the text just stops
  const clipped = [...document.querySelectorAll('[data-testid="stMain"] input:not([type=range])')]
    .filter((e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1).map((e) => e.value);
  const chartCut = [];
  for (const c of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    const box = c.getBoundingClientRect();
    for (const t of c.querySelectorAll('svg text')) {
      const r = t.getBoundingClientRect();
      // (labels Vega hid for overlapping are transparent; 3 px of a glyph's box past the edge is antialiasing)
      if (r.width > 0 && seen(t) && (t.textContent.endsWith('…') || r.right > Math.min(box.right, vw) + 3
                                     || r.left < box.left - 3))
        chartCut.push([t.textContent, Math.round(r.left), Math.round(r.right), Math.round(box.right)]);
    }
  }
  const wide = [];
  for (const e of document.querySelectorAll('[data-testid="stMain"] :is(button, [data-baseweb="select"], '
      + 'input:not([type=range]), [data-testid="stButtonGroup"], [data-testid="stMetric"])')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || !seen(e)) continue;
    const box = (e.closest('[data-testid="stColumn"]') || e.closest('[data-testid="stMainBlockContainer"]'))
      .getBoundingClientRect();
    if (r.right > box.right + 1 || r.right > vw + 1) wide.push([text(e), Math.round(r.right), Math.round(box.right)]);
  }
  return {cut, clipped, chartCut, wide, scroll: document.documentElement.scrollWidth};
}"""
# The first chart's box from the top of the page, and how much of it the first screen shows.
FOLD = """() => {
  const r = document.querySelector('[data-testid="stVegaLiteChart"]').getBoundingClientRect();
  return {top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY),
          shown: (Math.min(r.bottom, innerHeight) - r.top) / r.height};
}"""
DRAWN = """() => (document.querySelector('[data-testid="stVegaLiteChart"] svg.marks')
  ?.querySelectorAll('g[class*="role-mark"] path[d], g[class*="role-mark"] line').length || 0) > 10"""
# Redrawn at this width: every chart's SVG within its box again (Vega redraws on the container's resize).
# The sidebar settled too: on a phone it slides away when the page narrows (half-way, it covers the page).
SETTLED = """(w) => innerWidth === w && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(
  (c) => { const s = c.querySelector('svg.marks'); return s && s.getBoundingClientRect().width <= c.clientWidth + 1; })
  && (() => { const r = document.querySelector('[data-testid="stSidebar"]')?.getBoundingClientRect();
              return !r || r.right <= 0 || r.left >= 0; })()"""


@pytest.mark.parametrize("path", PAGES)
def test_nothing_cut_and_the_chart_on_the_first_screen(page, app_url, path):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}{path}")
    wait_idle(page)
    explorer = path in EXPLORERS
    if explorer:  # the chart drawn (a map's shapes come with its geometry, after the spec)
        page.wait_for_function(DRAWN)
    assert serious_violations(page) == []  # axe-core on the page as a laptop draws it
    problems, folds = {}, {}
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(SETTLED, arg=width)
        fit = page.evaluate(FIT)
        bad = {k: v for k, v in fit.items() if (v if k != "scroll" else v > width)}
        if bad:
            problems[width] = bad
        if explorer and width != 360:
            folds[width] = page.evaluate(FOLD)
            ARTIFACTS.mkdir(exist_ok=True)  # the first screen only: what the fold leaves
            page.screenshot(path=str(ARTIFACTS / f"fit{re.sub(r'[/?=&]', '-', path)}-{width}.png"))
    assert not problems, problems
    for width, fold in folds.items():
        assert fold["shown"] >= 0.5, (width, fold)
    if path in READ_IN_FRENCH:  # and reads in French throughout (expanders opened: last), read at a laptop's
        # width (at 360 px a chart's wrapped lines run together in innerText: "données" + "Global")
        page.set_viewport_size({"width": 1440, "height": 900})
        page.wait_for_function(SETTLED, arg=1440)
        assert_french(page)
