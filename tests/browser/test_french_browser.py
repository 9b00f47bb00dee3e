"""The app in French, as a person sees it in Chromium: the map's tooltip, legend and the trend's axis in
French number format, the overview in French, and screenshots of French pages (looked at, see the note)."""
import re

from playwright.sync_api import expect

from .conftest import SHAPES, screenshot, wait_idle, wait_shapes

FRENCH_PCT = re.compile(r"\d[\u202f\u00a0]%")  # "58,4 %": a (narrow) no-break space before %
ENGLISH_DECIMAL = re.compile(r"\d\.\d")


def svg_texts(page, role: str) -> list[str]:
    """The texts Vega drew in one kind of group (role-legend, role-axis) of every chart on the page."""
    return [t for t in page.locator(f"g.{role} text").all_text_contents() if t and t.strip()]


def test_internet_map_tooltip_and_legend_in_french(page, app_url):
    page.goto(f"{app_url}/internet?lang=fr&region=ssa&year=2020")
    wait_idle(page)
    wait_shapes(page, 40)
    expect(page.get_by_role("heading", name="Usage d’Internet")).to_be_visible()
    expect(page.get_by_text("Individuals using the internet")).to_have_count(0)  # the indicator's own label too
    legend = svg_texts(page, "role-legend")
    assert legend and not [t for t in legend if ENGLISH_DECIMAL.search(t)], legend
    assert any(FRENCH_PCT.search(t) for t in legend), legend
    shape = page.locator(SHAPES).nth(0)
    shape.hover()
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    text = tooltip.inner_text()
    assert "Pays" in text and "Rang" in text, text
    assert re.search(r"\d,\d[\u202f\u00a0]%", text) and not ENGLISH_DECIMAL.search(text), text
    screenshot(page, "fr-internet-map")


def test_internet_trend_axis_in_french(page, app_url):
    page.goto(f"{app_url}/internet?lang=fr&view=trend&places=WLD,SSF,SEN,CIV")
    wait_idle(page)
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 4",
                           arg='path[aria-roledescription="line mark"]')
    axis = svg_texts(page, "role-axis")
    values = [t for t in axis if re.fullmatch(r"[\d.,\u202f\u00a0%+−-]+", t) and not re.fullmatch(r"\d{4}", t)]
    assert len(values) >= 4 and any(re.search(r"\d,\d", t) for t in values), axis  # "10,0": a decimal comma
    assert not [t for t in values if ENGLISH_DECIMAL.search(t)], values
    assert "Internet use" not in " ".join(axis), axis  # the axis title is French too
    expect(page.get_by_text("Côte d’Ivoire").first).to_be_visible()
