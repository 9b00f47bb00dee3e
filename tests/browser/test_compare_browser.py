"""The Compare page and a change map in Chromium: bubbles drawn, a period move (bytes counted), Play, the
accessible name written from the data, French; a change map's shapes and its legend centred on zero; a deck
with both presented at 1920×1080. axe-core on both. Few page loads: each test walks one page through several checks."""
import re

from playwright.sync_api import expect

from atlas import compare, deck, i18n
from atlas.deck import SlideRef

from .conftest import SHAPES, screenshot, serious_violations, wait_idle, wait_shapes

CHART = '[data-testid="stVegaLiteChart"]'
BUBBLES = f'{CHART} path[aria-roledescription="circle"]'
BUDGET = 15 * 1024


def bytes_counter(page) -> list[int]:
    frames: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
    return frames


def test_compare_bubbles_move_play_and_read_in_french(page, app_url, snapshot):
    periods = compare.common_periods(snapshot, "internet_users_pct", "findex_mobile_money")
    frames = bytes_counter(page)
    page.goto(f"{app_url}/compare")
    page.wait_for_function("([s, n]) => document.querySelectorAll(s).length >= n", arg=[BUBBLES, 70])
    wait_idle(page)
    expected = len(compare.compare_table(snapshot, "internet_users_pct", "findex_mobile_money", periods[-1]))
    assert page.locator(BUBBLES).count() >= expected >= 70
    assert serious_violations(page) == []
    name = page.locator(CHART).first.get_attribute("aria-label")
    assert re.match(rf"Bubble chart of .+ in {periods[-1]}, World: {expected} countries with both values; farthest "
                    r"from the others: .+\(\d", name), name
    # a period move: bubbles, URL and accessible name change; the server sends at most 15 KB
    page.get_by_role("slider", name="Year").focus()
    frames.clear()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(f"year={periods[-2]}"))
    wait_idle(page)
    expect(page.locator(CHART).first).to_have_attribute("aria-label", re.compile(f" in {periods[-2]}, World"))
    page.wait_for_timeout(300)  # trailing frames
    moved = sum(frames)
    assert moved <= BUDGET, moved
    # Play runs to the latest period and stops there
    page.get_by_role("button", name="Play").click()
    page.wait_for_url(re.compile(f"year={periods[-1]}"), timeout=30_000)
    expect(page.get_by_role("button", name="Play")).to_be_visible(timeout=30_000)
    expect(page.locator(CHART).first).to_have_attribute("aria-label", re.compile(f" in {periods[-1]}, World"))
    screenshot(page, "compare-default")
    # French: French axis titles, decimal commas in the accessible name
    page.goto(f"{app_url}/compare?lang=fr")
    page.wait_for_function("([s, n]) => document.querySelectorAll(s).length >= n", arg=[BUBBLES, 70])
    expect(page.locator(CHART).first).to_have_attribute("aria-label", re.compile(r"^Graphique à bulles .*\d,\d\u00a0%"))
    titles = page.locator(f"{CHART} .role-axis-title text").all_text_contents()
    with i18n.using("fr"):
        french = snapshot.indicator("internet_users_pct")["short_label"]
    assert f"{french} (%)" in titles and french != snapshot.indicators.loc["internet_users_pct", "short_label"], titles
    print(f"compare: {expected} bubbles, a period move {moved} bytes")


def test_internet_change_map_and_a_deck_with_both_views(page, app_url, snapshot):
    table = compare.change_table(snapshot, "internet_users_pct", "2015", "2024")
    page.goto(f"{app_url}/internet?view=change&from=2015&year=2024")
    drawn = wait_shapes(page, 170)
    wait_idle(page)
    assert drawn >= 170 and table["value"].notna().sum() >= 170
    legend = page.locator(f"{CHART} .role-legend-label text").all_text_contents()
    assert len(legend) == 8 and legend[3].endswith("to 0") and legend[4].startswith("0 to")  # centred on zero
    assert legend[2].replace("−", "") .split(" to ")[0] == legend[5].replace("+", "").split(" to ")[1]
    name = page.locator(CHART).first.get_attribute("aria-label")
    assert name.startswith("Map of the change between 2015 and 2024, World: Internet use rose in "), name
    screenshot(page, "internet-change-2015-2024")
    assert serious_violations(page) == []
    assert page.locator(SHAPES).count() >= 170
    # a deck with a compare slide and a change slide fills the screen below its title at 1920×1080
    link = deck.encode([SlideRef("compare", {}), SlideRef("internet", {"view": "change", "from": "2015", "year": "2024"})])
    shown = page
    shown.set_viewport_size({"width": 1920, "height": 1080})
    shown.goto(f"{app_url}/present?deck={link}&mode=show")
    wait_idle(shown)
    slides = shown.frame_locator(".st-key-present-deck iframe")
    from .test_present_browser import MEASURE
    for n in (1, 2):
        if n == 2:
            shown.keyboard.press("ArrowRight")
        slides.locator(f"body[data-slide='{n}'][data-drawn-slide='{n}']").wait_for()
        m = slides.locator("body").evaluate(MEASURE)
        share = (m["box"]["bottom"] - m["box"]["top"]) / m["below"]
        assert share >= 0.75 and not m["overflow"] and min(m["axis"] + m["legend"]) >= 18, (n, share, m)
        cut = [t for t in slides.locator("svg text").all_text_contents() if t.endswith("…")]
        assert cut == [], (n, cut)  # the legend's regions and title in full on a projector
        screenshot(shown, f"present-{'compare' if n == 1 else 'change'}-1920x1080")
