"""A stakeholder on a 390 px phone: the map fills the width, takes its own shape (no empty band above it),
nothing scrolls sideways, and the title and source line are there in full, wrapped, never cut with "…"."""
import pytest

from atlas.charts import maps

from .conftest import ARTIFACTS, SHAPES, screenshot, wait_idle, wait_shapes

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
FOLD = PHONE["viewport"]["height"]
MEASURE = """(sel) => {  // the map as a person sees it (the union of its drawn shapes), the title block, their texts
  const chart = document.querySelector('[data-testid="stVegaLiteChart"]');
  const union = (els) => {
    const boxes = [...els].map((e) => e.getBoundingClientRect()).filter((b) => b.width > 0);
    return {left: Math.min(...boxes.map((b) => b.left)), right: Math.max(...boxes.map((b) => b.right)),
            top: Math.min(...boxes.map((b) => b.top)), bottom: Math.max(...boxes.map((b) => b.bottom))};
  };
  // Vega draws each line of a multi-line text as a tspan; a line too long for the chart ends in "…"
  const lines = [...chart.querySelectorAll('g.role-title-text text, g.role-title-subtitle text')].flatMap(
    (t) => t.querySelectorAll('tspan').length ? [...t.querySelectorAll('tspan')].map((s) => s.textContent) : [t.textContent]);
  return {map: union(chart.querySelectorAll(sel)), title: union(chart.querySelectorAll('g.role-title text')), lines,
          texts: [...chart.querySelectorAll('svg text')].map((e) => e.textContent),
          scroll: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("path, shapes, name, world", [
    ("/internet", 170, "phone-internet-map", True),
    ("/kaios", 170, "phone-kaios-map", True),
    ("/mobile-money", 40, "phone-mobile-money-map", True),
    ("/internet?view=map&region=africa", 40, "phone-internet-africa-map", False),  # taller than wide: 460 px
    ("/internet?lang=fr", 170, "phone-internet-map-fr", True),  # French titles run longer
])
def test_a_map_on_a_phone_fills_its_width_and_names_its_source(browser, app_url, path, shapes, name, world):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{app_url}{path}")
        wait_idle(page)
        assert wait_shapes(page, shapes) >= shapes
        m = page.evaluate(MEASURE, SHAPES)
        drawn = m["map"]
        width, height = drawn["right"] - drawn["left"], drawn["bottom"] - drawn["top"]
        assert m["scroll"] <= 390  # nothing wider than the screen
        assert width / 390 >= 0.8  # the map uses most of the width
        # The view takes the map's shape: the map starts right under the source line (before: a 460 px view
        # with a 153 px world in its middle, 150 px of blank above it).
        assert 0 <= drawn["top"] - m["title"]["bottom"] <= 40, m
        if world:  # as tall as the world's shape allows at this width (Equal Earth: 0.44 of it, ~153 px)
            assert height >= 0.95 * width * maps.aspect(), m
        # Title and source line in full: several lines, none cut
        assert len(m["lines"]) >= 3 and not [t for t in m["lines"] if t.endswith("…")], m["lines"]
        assert any(t.startswith("Source") for t in m["lines"])
        assert any(t.startswith("Source") for t in m["texts"])
        if path == "/internet":
            # The internet page's controls take ~590 px of an 844 px screen: most of the world map must still be
            # on the first screen (before: it started at y=813, 31 px of it above the fold).
            assert drawn["top"] < FOLD
            assert (FOLD - drawn["top"]) / (drawn["bottom"] - drawn["top"]) >= 2 / 3, drawn
        screenshot(page, name)
        ARTIFACTS.mkdir(exist_ok=True)  # the chart itself (the page scrolls inside Streamlit's container)
        page.get_by_test_id("stVegaLiteChart").screenshot(path=str(ARTIFACTS / f"{name}-chart.png"))
    finally:
        context.close()
