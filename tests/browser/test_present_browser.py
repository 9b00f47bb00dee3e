"""Presenter mode in Chromium: build a deck, reload it from its link, present from the keyboard,
export it, and show every slide of the story deck with no internet at all."""
import io
import re
from urllib.parse import urlparse

from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import SHAPES, screenshot, wait_idle, wait_shapes

LINES = 'path[aria-roledescription="line mark"]'
MARKS = f'{SHAPES}, {LINES}'


def add_view(page, url):
    page.goto(url)
    wait_idle(page)
    page.get_by_role("button", name="Add this view to my deck").click()
    expect(page.get_by_text(re.compile(r"Added to your deck"))).to_be_visible()
    wait_idle(page)


def open_presenter(page, app_url):
    page.get_by_role("link", name="Presenter mode").click()
    page.wait_for_url(re.compile(r"/present"))
    wait_idle(page)


def test_build_reload_present_and_export_a_deck(page, app_url):
    add_view(page, f"{app_url}/internet?view=map&year=2019&region=world")
    page.get_by_role("radio", name="Trend").click()  # segmented control option
    page.wait_for_url(re.compile(r"view=trend"))
    wait_idle(page)
    page.get_by_role("button", name="Add this view to my deck").click()
    expect(page.get_by_text("Added to your deck (2 slides)")).to_be_visible()
    page.get_by_role("link", name="Country profile").click()  # inside the app: the session, and deck, go on
    page.wait_for_url(re.compile(r"/country"))
    wait_idle(page)
    page.get_by_role("button", name="Add this view to my deck").click()
    expect(page.get_by_text("Added to your deck (3 slides)")).to_be_visible()
    open_presenter(page, app_url)
    expect(page.get_by_text("Slides (3)")).to_be_visible()
    before = page.url
    page.get_by_label("Slide 1 title").fill("Where people are online")
    page.get_by_label("Slide 1 title").press("Enter")
    page.wait_for_function("(u) => window.location.href !== u", arg=before)  # the deck link now has the title
    wait_idle(page)
    deck_link = page.url
    assert "deck=" in deck_link

    # The link alone (a fresh browser context) reopens the same deck.
    fresh = page.context.browser.new_context(viewport={"width": 1920, "height": 1080})
    other = fresh.new_page()
    other.goto(deck_link)
    wait_idle(other)
    expect(other.get_by_text("Slides (3)")).to_be_visible()
    expect(other.get_by_label("Slide 1 title")).to_have_value("Where people are online")

    # Present and move with the keyboard, each slide drawing its chart.
    other.get_by_role("button", name="Present").click()
    wait_idle(other)
    for number, key in [(1, None), (2, "ArrowRight"), (3, "PageDown")]:
        if key:
            other.keyboard.press(key)
        expect(other.locator(".slide-number")).to_have_text(f"{number} / 3")
        wait_idle(other)
        other.wait_for_function("(s) => document.querySelectorAll(s).length > 0", arg=MARKS)
    expect(other.locator('[data-testid="stSidebar"]')).to_be_hidden()
    screenshot(other, "present-1920x1080-slide3")
    other.keyboard.press("PageUp")
    wait_idle(other)
    expect(other.locator(".slide-number")).to_have_text("2 / 3")
    other.keyboard.press("ArrowLeft")
    wait_idle(other)
    expect(other.locator(".slide-number")).to_have_text("1 / 3")
    expect(other.locator(".slide-title")).to_have_text("Where people are online")
    assert wait_shapes(other, 170) >= 170
    other.set_viewport_size({"width": 1280, "height": 720})
    other.reload()  # a projector's screen size is known when the slide opens
    wait_idle(other)
    assert wait_shapes(other, 170) >= 170
    screenshot(other, "present-1280x720-slide1")

    # Export: the PDF handout has one page per slide.
    other.keyboard.press("Escape")
    wait_idle(other)
    with other.expect_download(timeout=60_000) as dl:
        other.get_by_role("button", name="Handout as PDF").click()
    pdf = PdfReader(io.BytesIO(open(dl.value.path(), "rb").read()))
    assert len(pdf.pages) == 3
    assert "Where people are online" in pdf.pages[0].extract_text()
    fresh.close()


def test_a_tampered_deck_link_gives_a_plain_message(page, app_url):
    page.goto(f"{app_url}/present?deck=eNqLjgUAARUAuQ-broken&mode=show")
    wait_idle(page)
    expect(page.get_by_text(re.compile("damaged or incomplete"))).to_be_visible()
    expect(page.locator(".slide-number")).to_have_text(re.compile(r"1 / \d+"))  # the story deck instead


def test_the_story_deck_plays_with_no_internet(browser, app_url):
    """Every request that does not go to the app's own server is blocked; every slide still draws."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    host = urlparse(app_url).netloc
    blocked = []

    def only_local(route):
        if urlparse(route.request.url).netloc == host or route.request.url.startswith(("data:", "blob:")):
            return route.continue_()
        blocked.append(route.request.url)
        return route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.goto(f"{app_url}/present")
    wait_idle(page)
    page.get_by_role("button", name="Load the story deck").click()
    wait_idle(page)
    total = int(re.search(r"Slides \((\d+)\)", page.get_by_text(re.compile(r"Slides \(\d+\)")).inner_text()).group(1))
    assert total >= 3
    page.get_by_role("button", name="Present").click()
    wait_idle(page)
    for n in range(1, total + 1):
        expect(page.locator(".slide-number")).to_have_text(f"{n} / {total}")
        page.wait_for_function("(s) => document.querySelectorAll(s).length > 0", arg=MARKS)
        screenshot(page, f"present-offline-slide{n}")
        if n < total:
            page.keyboard.press("ArrowRight")
            wait_idle(page)
    assert not [u for u in blocked if not u.startswith("http://127.0.0.1")], blocked
    context.close()
