"""Light pages (atlas/light.py) through the production front: a visitor sees the view before the app's code has
arrived, then the app takes over at the same URL; the light pages alone pass axe-core, fit 360 px and fetch
nothing."""
from __future__ import annotations

import re
import urllib.request

from playwright.sync_api import expect

from .conftest import SHAPES, screenshot, serious_violations, wait_idle, wait_shapes

LIGHT_PAGES = ["/light/en/overview.html", "/light/fr/internet-world.html", "/light/en/kaios-africa.html",
               "/light/fr/mobile-money-world.html", "/light/fr/country-KEN.html"]


def get(url: str, **headers) -> tuple[int, dict, str]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
        return r.status, {k: ", ".join(r.headers.get_all(k)) for k in r.headers}, r.read().decode()


def test_the_light_map_shows_before_the_app_which_then_takes_over_with_a_working_slider(front, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    held = []  # the app's entry script, held back: the page is what arrives before the app's code
    entry = re.compile(r"/static/js/index\.[^/]+\.js$")

    def hold(route):
        held.append(route)
    context.route(entry, hold)
    page = context.new_page()
    page.goto(front.url + "/internet", wait_until="commit")
    assert wait_shapes(page, 170, f"#light {SHAPES}") >= 170
    expect(page.locator("#light h1")).to_be_visible()
    assert page.locator("#root *").count() == 0 and held, "the app ran before its code was let through"
    screenshot(page, "light-internet-before-the-app")
    for route in held:
        route.continue_()
    context.unroute(entry, hold)
    wait_idle(page)
    assert wait_shapes(page, 170, f"#root {SHAPES}") >= 170
    expect(page.locator("#light")).to_be_hidden()
    assert page.url.startswith(front.url + "/internet")  # the app keeps the view in its URL (and adds its defaults)
    page.get_by_role("slider", name="Year").focus()  # the slider moves the map (its title wraps on a phone:
    page.keyboard.press("ArrowLeft")                  # the map's description names the year)
    page.wait_for_url(re.compile("year=2023"))
    wait_idle(page)
    expect(page.locator('#root [data-testid="stVegaLiteChart"][aria-label*="in 2023"]')).to_have_count(1)
    assert wait_shapes(page, 170, f"#root {SHAPES}") >= 170
    screenshot(page, "light-internet-after-the-takeover")
    context.close()
    # French by the link, the light page alone with Save-Data, the app's fallback for a page without one
    status, headers, html = get(front.url + "/internet?lang=fr")
    assert '<html lang="fr">' in html and "Usage d’Internet" in html and "no-cache" in headers["Cache-Control"]
    status, headers, html = get(front.url + "/kaios?region=africa", **{"Save-Data": "on"})
    assert "<script" not in html and 'id="light"' in html and "Save-Data" in headers["Vary"]


def test_light_pages_pass_axe_fit_a_phone_and_fetch_nothing(front, browser):
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)  # axe is injected
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    for path in LIGHT_PAGES:
        requests.clear()
        response = page.goto(front.url + path)
        assert response.status == 200 and "max-age" in response.headers["cache-control"], path
        assert requests == [front.url + path], (path, requests)  # no image, font, style or script: nothing
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path
        assert serious_violations(page) == [], path
    screenshot(page, "light-country-KEN-fr-360")
    context.close()


def test_a_link_without_a_region_gets_the_light_map_of_the_browsers_home_region(front):
    """As the app picks it (atlas.ui.explorer.home_region, regions.HOME): a French-speaking browser lands on
    Africa, so its light page is Africa's, not the World's the app would then replace. A page says which view it
    is in its link preview's address (og:url)."""
    french = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8"}
    for path, headers, lang, shown in [("/internet", french, "fr", "africa"),
                                       ("/kaios?lang=fr", french, "fr", "africa"),
                                       ("/internet?region=world", french, "fr", "world"),
                                       ("/internet?lang=fr", {"Accept-Language": "en-GB"}, "fr", "world"),
                                       ("/mobile-money", {}, "en", "world")]:
        _status, _headers, html = get(front.url + path, **headers)
        view = re.search(r'property="og:url" content="([^"]*)"', html).group(1)
        assert f'<html lang="{lang}">' in html and ("region=africa" in view) == (shown == "africa"), (path, view)
