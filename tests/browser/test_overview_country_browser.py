"""Overview cards open the right explorer views; a map click opens the right country profile."""
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from .conftest import SHAPES, screenshot, wait_idle, wait_shapes

LINES = 'path[aria-roledescription="line mark"]'


def test_overview_cards_link_to_their_views(page, app_url, snapshot):
    from atlas import story
    page.goto(app_url)
    wait_idle(page)
    for _, card in story.cards(snapshot):  # each card's figure as the page computes it from the snapshot
        expect(page.get_by_text(card.figure, exact=True)).to_be_visible()
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 6", arg=LINES)  # 3 small trends
    screenshot(page, "overview")
    page.get_by_role("link", name="Open this view").first.click()
    page.wait_for_url(re.compile(r"/internet\?"))
    wait_idle(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["view"] == ["trend"] and "ITU:ITU_AFR" in query["places"][0]
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 4", arg=LINES)
    expect(page.get_by_text("Africa (ITU region) — ITU estimate").first).to_be_visible()

    for n, (path, expected, words) in enumerate([
            ("mobile-money", {"view": ["regions"], "gsma": ["WLD,GSMA_AFRICA,GSMA_SSA"]},
             "Mobile money transaction value by region"),
            ("kaios", {"view": ["trend"], "places": ["IND,TZA,NGA,WLD"]}, "by month, with KaiOS milestones")], start=1):
        page.goto(app_url)
        wait_idle(page)
        page.get_by_role("link", name="Open this view").nth(n).click()
        page.wait_for_url(re.compile(f"/{path}\\?"))
        wait_idle(page)
        query = parse_qs(urlparse(page.url).query)
        assert {k: query.get(k) for k in expected} == expected
        page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 3", arg=LINES)
        expect(page.get_by_text(words).first).to_be_visible()


def test_a_map_click_opens_that_countrys_profile(page, app_url):
    page.goto(f"{app_url}/internet?region=sas")
    wait_idle(page)
    wait_shapes(page, 6)
    shape = page.locator(SHAPES).nth(0)
    shape.hover()
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    name = re.search(r"Country\s*(.+?)\s*Internet use", tooltip.inner_text(), re.S).group(1).strip()
    shape.click()  # the card names the country and links to its profile (issue 22: no page change on a tap)
    card = page.locator(".st-key-map-picked")
    expect(card.get_by_text(name, exact=True)).to_be_visible()
    card.get_by_role("link", name="Open this country's profile").click()
    page.wait_for_url(re.compile(r"/country\?country=[A-Z]{3}"))
    wait_idle(page)
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    screenshot(page, "country-from-map-click")


def test_a_profile_link_opens_the_profile(page, app_url):
    page.goto(f"{app_url}/country?country=TUV")
    wait_idle(page)
    expect(page.get_by_role("heading", name="Tuvalu", exact=True)).to_be_visible()
    expect(page.get_by_text("No mobile money account figures for Tuvalu")).to_be_visible()
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 1", arg=LINES)
    screenshot(page, "country-tuvalu")


FOCUS = "#0b4f9c"  # atlas.charts.palette.FOCUS, written out: the browser must show this very colour
CHART_COLOURS = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]')).map(c => ({
    legend: (symbols => Array.from(c.querySelectorAll('.role-legend-label text')).map((t, i) =>
        [t.textContent, symbols[i] && symbols[i].getAttribute('stroke')]))(
        c.querySelectorAll('.role-legend-symbol path')),
    lines: Array.from(c.querySelectorAll('path[aria-roledescription="line mark"]')).map(p =>
        [p.getAttribute('stroke'), parseFloat(p.getAttribute('stroke-width'))]),
    labels: Array.from(c.querySelectorAll('.role-mark text')).map(t => [t.textContent, t.getAttribute('fill')]),
}))"""


def contrast(colour: str) -> float:
    """WCAG contrast against white: how strong a line reads."""
    r, g, b = ((int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 1.05 / (0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] + 0.05)


# Two countries, two languages, two loads: the specs of both countries in both languages are checked without a
# browser (tests/test_palette.py); here, that the browser draws what the specs say.
@pytest.mark.parametrize("code, lang, name", [("NGA", "en", "Nigeria"), ("SEN", "fr", "Sénégal")])
def test_the_chosen_country_is_the_strongest_line_on_every_profile_chart(page, app_url, code, lang, name):
    """Colour by meaning (issue 22): the same focus colour in every chart and both languages; the exports'
    colours are checked without a browser (tests/test_palette.py)."""
    page.goto(f"{app_url}/country?country={code}&lang={lang}")
    wait_idle(page)
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 4", arg=LINES)
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 4",  # the four charts drawn
                           arg='[data-testid="stVegaLiteChart"] svg.marks')
    charts = page.evaluate(CHART_COLOURS)
    mine = [c for c in charts if any(label == name for label, _ in c["legend"])]
    assert len(mine) == 3, charts  # internet use, mobile money, KaiOS (the other browsers' chart has no such line)
    for chart in mine:
        legend = dict(chart["legend"])
        assert legend[name] == FOCUS and chart["legend"][0][0] == name  # first in the legend
        strokes = [s for s, _ in chart["lines"] if s]
        assert FOCUS in strokes and max(strokes, key=contrast) == FOCUS  # the strongest line
        assert max(w for s, w in chart["lines"] if s == FOCUS) > max(w for s, w in chart["lines"] if s != FOCUS) \
            if len(set(strokes)) > 1 else True  # and the thickest
        assert [name, FOCUS] in chart["labels"]  # named at its line's end
    if code == "SEN" and lang == "fr":
        screenshot(page, "country-senegal-fr-focus")
