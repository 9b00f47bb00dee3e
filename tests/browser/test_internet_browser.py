"""What a person sees on the internet-use page, in Chromium."""
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from .conftest import SHAPES, screenshot, serious_violations, step_slider, wait_idle, wait_shapes

LINES = 'path[aria-roledescription="line mark"]'


def params(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_map_draws_countries_and_slider_changes_year_url_and_map(page, app_url):
    page.goto(f"{app_url}/internet")
    wait_idle(page)
    assert wait_shapes(page, 170) >= 170
    expect(page.get_by_text("Internet use, 2024")).to_be_visible()
    assert params(page)["year"] == "2024"
    screenshot(page, "internet-map-2024")

    step_slider(page, "Year", "Internet use, 2023", "year", "2023")
    assert wait_shapes(page, 170) >= 170


def test_a_copied_link_reopens_the_same_view(page, app_url):
    page.goto(f"{app_url}/internet?view=map&year=2015&region=ssa&places=WLD,KEN&scale=linear")
    wait_idle(page)
    expect(page.get_by_text("Internet use, 2015 — Sub-Saharan Africa")).to_be_visible()
    drawn = wait_shapes(page, 40)
    assert 40 <= drawn <= 55, drawn  # only the region's countries: a zoom, not the world
    expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("2015")
    assert params(page)["region"] == "ssa"
    screenshot(page, "internet-map-ssa-2015")


def test_trend_view_draws_one_line_per_place_and_keeps_them_in_the_url(page, app_url):
    page.goto(f"{app_url}/internet?view=trend&places=WLD,SSF,IND,NGA,KEN,IDN,ITU:ITU_AFR&year=2020")
    wait_idle(page)
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 7", arg=LINES)
    assert page.locator(LINES).count() == 7
    assert params(page)["places"] == "WLD,SSF,IND,NGA,KEN,IDN,ITU:ITU_AFR"
    expect(page.get_by_text("Africa (ITU region) — ITU estimate").first).to_be_visible()
    screenshot(page, "internet-trend")
    assert serious_violations(page) == []


def test_a_malformed_link_shows_a_plain_notice_and_the_default_view(page, app_url):
    page.goto(f"{app_url}/internet?year=1800&region=mars&places=XXX,%3Cscript%3Ealert(1)%3C/script%3E&tab=9")
    wait_idle(page)
    notice = page.get_by_text("Some settings in this link could not be used")
    expect(notice).to_be_visible()
    expect(page.get_by_text(re.compile("Year: '1800' is not available"))).to_be_visible()
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert wait_shapes(page, 170) >= 170
    assert params(page)["year"] == "2024" and params(page)["region"] == "world"
    screenshot(page, "internet-bad-link")


@pytest.mark.parametrize("path", ["mobile-money?year=2017"])
def test_a_deep_link_is_the_first_visit_of_a_fresh_server(browser, path):
    """Streamlit's old pages/ mode would serve the page without app.py's navigation (or a 'Page not
    found' dialog where the file name differs from the URL); we must not. One page whose file name differs
    from its URL (pages/mobile_money.py) covers both (the navigation is app.py's for every page): each case
    costs a server start."""
    from .conftest import _free_port, start_app
    port = _free_port()
    server = start_app(port)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"http://127.0.0.1:{port}/{path}")
        wait_idle(page)
        expect(page.get_by_role("link", name="Presenter mode")).to_be_visible()  # app.py's navigation
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_test_id("stSliderThumbValue")).to_have_text(path[-4:])
        assert params(page)["year"] == path[-4:]
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_back_button_returns_to_the_previous_view(page, app_url):
    page.goto(f"{app_url}/internet?year=2020")
    wait_idle(page)
    for year in ("2019", "2018"):
        step_slider(page, "Year", f"Internet use, {year}", "year", year)
    page.go_back()
    expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("2019")
    wait_idle(page)
    assert params(page)["year"] == "2019"
    expect(page.get_by_text("Internet use, 2019")).to_be_visible()


def test_a_phone_tap_shows_the_value_and_back_leaves_the_profile_in_one_step(browser, app_url):
    """Issue 22, on a French phone: the map opens on Africa (the link names no region); the search outlines
    Senegal and shows its value; a tap on Ghana shows Ghana's instead (no page change, no chart toolbar over the
    year slider, the card on screen); the card's link opens the profile, and one Back returns to the map with
    no notice."""
    import pandas as pd

    from .conftest import ROOT
    obs = pd.read_parquet(ROOT / "data" / "observations.parquet")

    def value(code: str) -> str:  # three significant digits with a French decimal comma, as the card writes it
        row = obs[(obs["entity"] == code) & (obs["indicator"] == "internet_users_pct") & (obs["period"] == "2024")
                  & obs["preferred"]]
        return f"{float(row['value'].iloc[0]):.1f}".replace(".", ",")

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{app_url}/internet")
        wait_idle(page)
        page.wait_for_url(re.compile(r"region=africa"))
        assert wait_shapes(page, 40) <= 60  # Africa's countries, not the world's
        card = page.locator(".st-key-map-picked")
        page.get_by_role("button", name="Trouver un pays").click()  # the picker opens on demand
        page.get_by_role("combobox", name="Trouver un pays").click()
        page.keyboard.type("Sénég")
        page.keyboard.press("Enter")
        expect(card).to_contain_text(f"Sénégal — Usage d’Internet (%) : {value('SEN')} (2024)")
        senegal, ghana = (page.locator(f'{SHAPES}[aria-label*="{name}"]').first for name in ("Sénégal", "Ghana"))
        expect(senegal).to_have_attribute("stroke", "#111111")  # outlined

        ghana.scroll_into_view_if_needed()
        box = ghana.bounding_box()
        page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(card).to_contain_text(f"Ghana — Usage d’Internet (%) : {value('GHA')} (2024)")
        link = card.get_by_role("link", name="Ouvrir la fiche de ce pays")
        expect(link).to_be_visible()
        wait_idle(page)
        expect(ghana).to_have_attribute("stroke", "#111111")
        expect(senegal).not_to_have_attribute("stroke", "#111111")  # the search gave way to the tap
        assert urlparse(page.url).path == "/internet"
        shown = page.evaluate("""() => {
          const slider = document.querySelector('[data-testid="stSlider"]').getBoundingClientRect();
          const over = [...document.querySelectorAll('[data-testid="stElementToolbar"]')].map((t) => t.getBoundingClientRect())
            .filter((b) => b.width && b.bottom > slider.top && b.top < slider.bottom && b.right > slider.left && b.left < slider.right);
          return {over: over.length, card: document.querySelector('.st-key-map-picked').getBoundingClientRect().bottom};
        }""")
        assert shown["over"] == 0 and shown["card"] <= 844, shown
        screenshot(page, "phone-map-tap-fr")

        link.click()
        page.wait_for_url(re.compile(r"/country\?country=GHA"))
        wait_idle(page)
        expect(page.get_by_role("heading", name="Ghana", level=1)).to_be_visible()
        page.go_back()
        page.wait_for_url(re.compile(r"/internet\?.*region=africa"))
        wait_idle(page)
        assert wait_shapes(page, 40) <= 60
        expect(page.get_by_text("Certains paramètres de ce lien")).to_have_count(0)
        expect(page.get_by_role("heading", name="Usage d’Internet", level=1)).to_be_visible()
    finally:
        context.close()
