"""What a person sees on the mobile money page, in Chromium."""
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from .conftest import SHAPES, screenshot, serious_violations, step_slider, wait_idle, wait_shapes

LINES = 'path[aria-roledescription="line mark"]'
POINTS = 'path[aria-roledescription="point"]'
COLOURED = SHAPES + ':not([fill="#d6d6d6"])'  # shapes with a value (grey is "no data")


def params(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def shot(page, name: str) -> None:
    """A screenshot with the chart in view (the page scrolls inside Streamlit's main block)."""
    page.get_by_test_id("stVegaLiteChart").first.scroll_into_view_if_needed()
    screenshot(page, name)


def coloured(page) -> int:
    return page.locator(COLOURED).count()


def choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label."""
    page.get_by_test_id("stSelectbox").filter(has_text=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_map_draws_and_the_wave_slider_changes_map_and_url(page, app_url):
    page.goto(f"{app_url}/mobile-money")
    wait_idle(page)
    assert wait_shapes(page, 170) >= 170
    expect(page.get_by_text("Mobile money account (% of adults 15+) — 2024 wave, World")).to_be_visible()
    expect(page.get_by_text("In 2024, mobile money moved US$1.68 trillion worldwide")).to_be_visible()  # GSMA dataset
    expect(page.get_by_text("US$1.68 tn", exact=True)).to_be_visible()  # the dataset's latest year, and beside
    expect(page.get_by_text("US$1.26 tn", exact=True)).to_be_visible()  # it the story year as reported
    assert params(page)["year"] == "2024"
    with_values_2024 = coloured(page)
    assert 60 <= with_values_2024 <= 90, with_values_2024
    shot(page, "mobile-money-map-2024")

    step_slider(page, "Findex wave", "Mobile money account (% of adults 15+) — 2021 wave, World", "year", "2021")
    assert wait_shapes(page, 170) >= 170
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length !== n",
                           arg=[COLOURED, with_values_2024])


def test_the_slice_selector_changes_map_and_url(page, app_url):
    page.goto(f"{app_url}/mobile-money?year=2017")
    wait_idle(page)
    wait_shapes(page, 170)
    everyone = coloured(page)
    choose(page, "Group (Findex)", "Women")
    expect(page.get_by_text("Mobile money account (% of adults 15+), women — 2017 wave, World")).to_be_visible()
    page.wait_for_url(re.compile(r"slice=women"))
    wait_idle(page)
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length !== n", arg=[COLOURED, everyone])
    assert params(page)["year"] == "2017" and coloured(page) < everyone  # fewer economies report by gender
    shot(page, "mobile-money-map-women-2017")


def test_gsma_chart_draws_one_line_per_region_and_keeps_revised_figures(page, app_url):
    page.goto(f"{app_url}/mobile-money?view=regions")
    wait_idle(page)
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 5", arg=LINES)
    assert page.locator(LINES).count() == 5  # World, Africa, Sub-Saharan Africa, East and West Africa
    # 28 figures from the latest editions (filled) and 3 from other editions (hollow diamonds)
    assert page.locator(POINTS).count() == 31
    assert page.locator(POINTS + '[fill="transparent"]').count() == 3
    expect(page.get_by_text("kept apart", exact=False).first).to_be_visible()
    assert params(page)["view"] == "regions" and params(page)["gsma"] == "WLD,GSMA_AFRICA,GSMA_SSA,GSMA_EAF,GSMA_WAF"
    shot(page, "mobile-money-gsma")
    assert serious_violations(page) == []


def test_a_copied_link_reopens_the_same_view(page, app_url):
    page.goto(f"{app_url}/mobile-money?view=map&measure=gender_gap&year=2017&region=ssa")
    wait_idle(page)
    expect(page.locator(".role-title-text")).to_contain_text(
        re.compile(r"gender gap.*2017\s*wave,\s*Sub-Saharan\s*Africa"))
    drawn = wait_shapes(page, 40)
    assert 40 <= drawn <= 55, drawn  # the region only
    expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("2017")
    assert params(page)["measure"] == "gender_gap" and params(page)["region"] == "ssa"
    shot(page, "mobile-money-gap-ssa-2017")

    page.goto(f"{app_url}/mobile-money?view=map&measure=tx_value_gdp&year=2015")
    wait_idle(page)
    expect(page.get_by_text("Value of mobile money transactions (% of GDP) — 2015, World")).to_be_visible()
    expect(page.get_by_role("slider", name="Year")).to_be_visible()
    expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("2015")
    assert wait_shapes(page, 170) >= 170 and coloured(page) >= 40
    shot(page, "mobile-money-fas-2015")


def test_the_map_downloads_as_svg_with_its_countries(page, app_url):
    page.goto(f"{app_url}/mobile-money?measure=account&year=2011&region=sas")
    wait_idle(page)
    wait_shapes(page, 5)
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="SVG").click()
    svg = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename == "mobile-money-account-all-2011-sas.svg"
    assert svg.count("<path") >= 8 and "Global Findex" in svg
