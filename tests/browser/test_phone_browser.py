"""A stakeholder on a 390 px phone: the map fills the width, nothing scrolls sideways, the source is there."""
import pytest

from .conftest import SHAPES, screenshot, wait_idle, wait_shapes

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DRAWN = """(sel) => {  // the union of the drawn shapes' boxes: the map as a person sees it
  const boxes = [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect()).filter((b) => b.width > 0);
  return {left: Math.min(...boxes.map((b) => b.left)), right: Math.max(...boxes.map((b) => b.right)),
          scroll: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("path, shapes, name", [
    ("/internet", 170, "phone-internet-map"),
    ("/kaios", 170, "phone-kaios-map"),
    ("/mobile-money", 40, "phone-mobile-money-map"),
])
def test_a_map_on_a_phone_fills_its_width_and_names_its_source(browser, app_url, path, shapes, name):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(f"{app_url}{path}")
        wait_idle(page)
        assert wait_shapes(page, shapes) >= shapes
        box = page.evaluate(DRAWN, SHAPES)
        assert box["scroll"] <= 390  # nothing wider than the screen
        assert (box["right"] - box["left"]) / 390 >= 0.8  # the map uses most of the width
        chart_text = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg text')].map((e) => e.textContent)")
        assert any(t.startswith("Source") for t in chart_text)
        screenshot(page, name)
    finally:
        context.close()
