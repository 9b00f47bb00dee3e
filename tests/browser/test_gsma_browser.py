"""GSMA's dataset and ITU's gaps on the pages, in Chromium: the volume lines, the product mix, the regional map
(every country GSMA lists coloured by its region, the others not covered), source lines, accessible names
written from the data, a period move on the map within 15 KB, and axe-core on each view."""
import re

from playwright.sync_api import expect

from atlas.themes.mobile_money import gsma as gv
from atlas.store import Snapshot

from .conftest import CHART, SHAPES, screenshot, serious_violations, wait_idle, wait_shapes

LINES = 'path[aria-roledescription="line mark"]'
BARS = 'path[aria-roledescription="bar"]'
GREY = "#d6d6d6"  # charts.NO_DATA: not covered
SOURCE = re.compile(r"Source:\s*GSMA\s*Mobile\s*Money\s*Programme")


def shot(page, name: str) -> None:
    page.get_by_test_id("stVegaLiteChart").first.scroll_into_view_if_needed()
    screenshot(page, name)


def test_volume_lines_for_the_six_regions_from_2011_to_2024(page, app_url):
    page.goto(f"{app_url}/mobile-money?view=gsma_lines&gmeasure=value")
    wait_idle(page)
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 6", arg=LINES)
    assert page.locator(LINES).count() == 6
    name = page.locator(CHART).first.get_attribute("aria-label")
    assert "Dec 2011–Dec 2024" in name and "6 places" in name and "US$ bn in the month" in name
    expect(page.locator(".role-title-text").first).to_contain_text(re.compile(r"Transaction value by GSMA\s*region"))
    expect(page.locator(".role-title-subtitle").first).to_contain_text(SOURCE)
    shot(page, "gsma-volume-lines")
    assert serious_violations(page) == []


def test_product_mix_bars_and_over_time(page, app_url):
    page.goto(f"{app_url}/mobile-money?view=gsma_mix")
    wait_idle(page)
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length >= 100", arg=BARS)
    name = page.locator(CHART).first.get_attribute("aria-label")
    assert name.startswith("Stacked bar chart of transaction value, 14 places")
    expect(page.locator(".role-title-subtitle").first).to_contain_text("GSMA")
    shot(page, "gsma-product-mix-2024")
    assert serious_violations(page) == []
    page.goto(f"{app_url}/mobile-money?view=gsma_mix&mixarea=GSMA_EAF")
    wait_idle(page)
    page.wait_for_function("() => document.querySelectorAll('path[aria-roledescription=\"area mark\"]').length >= 8")
    shot(page, "gsma-product-mix-east-africa")


def test_the_regional_map_colours_every_listed_country_and_moves_within_15_kb(page, app_url):
    snap = Snapshot.load()
    listed = snap.entities.dropna(subset=["gsma_area"])
    with_shape = int(listed["has_shape"].sum())
    frames = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
    page.goto(f"{app_url}/mobile-money?view=gsma_map&year=2024")
    wait_idle(page)
    total = wait_shapes(page, 180)
    coloured = page.locator(f'{SHAPES}:not([fill="{GREY}"])').count()
    assert coloured == with_shape and total - coloured >= 80, (coloured, with_shape, total)  # the rest: not covered
    name = page.locator(CHART).first.get_attribute("aria-label")
    assert "each of 98 countries is painted with its region's figure" in name and "not a country figure" in name
    expect(page.get_by_text("Regional figures, not country figures", exact=False)).to_be_visible()
    expect(page.locator(".role-title-subtitle").first).to_contain_text(SOURCE)
    shot(page, "gsma-regional-map-2024")
    assert serious_violations(page) == []
    page.get_by_role("slider", name="Year (December)").focus()
    frames.clear()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"year=2023"))
    wait_idle(page)
    page.wait_for_timeout(300)
    assert sum(frames) <= 15 * 1024, sum(frames)
    assert gv.map_years(snap, "value")[-2] == "2023"
