"""axe-core (npm, pinned in package.json) in Chromium: no serious or critical violation on any page, in
explore and presenter modes; every chart's accessible name is written from its data; maps are clickable.

Most pages are checked by the test that already loads them (`conftest.serious_violations`): every explorer, the
overview, the profile, the data and presenter pages in `test_fit_browser`; trends in the themes' tests; the
GSMA views in `test_gsma_browser`; compare and a change map in `test_compare_browser`; the story deck's
slides in `test_present_browser`; light pages and an embedded view in theirs. The pages here are the ones no
other browser test opens."""
import re

import pytest
from playwright.sync_api import expect

from .conftest import CHART, SHAPES, serious_violations, wait_idle, wait_shapes

PAGES = ["/internet?view=table", "/kaios?view=browsers", "/internet?view=gaps&year=2025"]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(page, app_url, path):
    page.goto(app_url + path)
    wait_idle(page)
    assert serious_violations(page) == []


def test_a_map_and_a_trend_are_named_from_their_data(page, app_url):
    page.goto(f"{app_url}/internet?year=2024&region=africa")
    wait_shapes(page, 40)
    name = page.locator(CHART).first.get_attribute("aria-label")
    assert re.fullmatch(r"Map of Internet use \(%\) in 2024, Africa \(continent\): \d+ countries with a value, "
                        r"from [\d.]+ % \([^)]+\) to [\d.]+ % \([^)]+\)\.", name), name
    page.goto(f"{app_url}/kaios?view=trend&places=IND,WLD")
    expect(page.locator(CHART).first).to_have_attribute("aria-label", re.compile(
        r"^Line chart by month of KaiOS share \(%\), Mar 2019–\w{3} 20\d\d, 2 places: .* \(India, \w{3} 20\d\d\)"))


def test_the_kaios_map_opens_a_country_profile_on_click(page, app_url):
    """A click shows the country's card (issue 22: no page change on the first tap); its link opens the profile."""
    page.goto(f"{app_url}/kaios?month=2023-06")
    wait_shapes(page, 150)
    wait_idle(page)
    india = page.locator(SHAPES).filter(has=page.locator("xpath=self::*[contains(@aria-label, 'India')]"))
    target = india.first if india.count() else page.locator(SHAPES).nth(80)
    target.click(force=True)
    page.locator(".st-key-map-picked").get_by_role("link", name="Open this country's profile").click()
    page.wait_for_url(re.compile(r"/country\?country=[A-Z]{3}"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
