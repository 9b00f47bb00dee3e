"""Presenter mode in Chromium: build a deck, reload it from its link, present from the keyboard, export it;
slides measured against the screen at three projector sizes; the speaker's view kept in step both ways;
the story deck shown with no internet, in the app and as the exported HTML file opened from disk; axe-core on
two of its slides at 1920×1080."""
import io
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from atlas import history, slides
from atlas.export import html_deck

from .conftest import screenshot, serious_violations, wait_idle

DECK = ".st-key-present-deck iframe"
MARKS = '#chart svg path[aria-roledescription="geoshape"], #chart svg path[aria-roledescription="line mark"]'
SIZES = [(1280, 720), (1366, 768), (1920, 1080)]
TYPES = {1: "trend", 2: "region-map", 3: "revised-figures", 5: "world-map", 6: "milestones", 7: "profile"}

# What a slide's drawing occupies: for a map the union of its country shapes (its SVG has whitespace
# around a region), for a chart its SVG (axes and legend included); measured against the height left
# below the slide title.
MEASURE = """() => {
  const rect = (rs) => ({top: Math.min(...rs.map(r => r.top)), bottom: Math.max(...rs.map(r => r.bottom)),
                         left: Math.min(...rs.map(r => r.left)), right: Math.max(...rs.map(r => r.right))});
  const shapes = [...document.querySelectorAll('#chart path[aria-roledescription="geoshape"]')]
    .map(s => s.getBoundingClientRect()).filter(r => r.width > 0);
  const svg = document.querySelector('#chart svg');
  const box = shapes.length ? rect(shapes) : rect([svg.getBoundingClientRect()]);
  const title = document.getElementById('slide-title').getBoundingClientRect();
  const sizes = (sel) => [...document.querySelectorAll(sel)].map(t => parseFloat(getComputedStyle(t).fontSize));
  const marks = document.querySelectorAll('#chart svg path, #chart svg text, #chart svg line').length;
  const legendNodes = [...document.querySelectorAll('#chart .role-legend')];
  const legends = legendNodes.map(l => l.getBoundingClientRect());
  const inside = (r, p) => p.x > r.left && p.x < r.right && p.y > r.top && p.y < r.bottom;
  // data under a legend: a small state's dot, or a country drawn under it (sampled on a grid: a shape's
  // bounding box is no guide, Fiji's spans the map)
  const under = legends.flatMap(r => {
    const dots = [...document.querySelectorAll('#chart .role-mark path[aria-roledescription="circle"], #chart .role-mark path[aria-roledescription="point"]')]
      .map(d => d.getBoundingClientRect()).filter(d => d.width > 0)
      .filter(d => inside(r, {x: (d.left + d.right) / 2, y: (d.top + d.bottom) / 2})).map(() => 'dot');
    const hits = [];
    legendNodes.forEach(l => { l.style.visibility = 'hidden'; });
    for (let x = r.left + 2; x < r.right; x += 8) for (let y = r.top + 2; y < r.bottom; y += 8) {
      const hit = document.elementFromPoint(x, y);
      if (hit && hit.getAttribute('aria-roledescription') === 'geoshape') hits.push('shape');
    }
    legendNodes.forEach(l => { l.style.visibility = ''; });
    return [...dots, ...hits];
  });
  const source = document.getElementById('slide-source'), sourceStyle = getComputedStyle(source);
  const union = legends.length ? rect([...legends, box]) : box;
  return {box, below: innerHeight - title.bottom, width: innerWidth, titleBottom: title.bottom, under,
          group: union, sourceFont: parseFloat(sourceStyle.fontSize),
          sourceLines: Math.round(source.getBoundingClientRect().height / parseFloat(sourceStyle.lineHeight)),
          titleHeight: title.height, shapes: shapes.length, marks,
          axis: sizes('#chart .role-axis-label text, #chart .role-axis-title text'),
          legend: sizes('#chart .role-legend-label text, #chart .role-legend-title text'),
          chartTitles: document.querySelectorAll('#chart .role-title').length,
          toolbars: document.querySelectorAll('.vega-actions, .vega-embed details').length,
          overflow: document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1};
}"""


# The deck cookie's value as the page sees it (atlas.history.DECK writes it; SameSite=Strict, not HttpOnly).
DECK_COOKIE = f"() => (document.cookie.match(/(?:^|; ){history.DECK_COOKIE}=([^;]*)/) || [])[1] || ''"


def shown(frame, n: int) -> None:
    """Wait until slide n is on screen and drawn (its chart, or its text)."""
    frame.locator(f"body[data-slide='{n}'][data-drawn-slide='{n}']").wait_for()


def drawn_marks(frame) -> int:
    return frame.locator(MARKS).count()


def offline_page(context, allowed):
    """A page whose every request is aborted (and listed) unless `allowed(url)` or the page's own data."""
    blocked = []

    def route(r):
        url = r.request.url
        if allowed(url) or url.startswith(("data:", "blob:", "about:")):
            return r.continue_()
        blocked.append(url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page, blocked


def add_view(page, url):
    page.goto(url)
    wait_idle(page)
    page.get_by_role("button", name="Add this view to my deck").click()
    expect(page.get_by_text("Added to your deck (1 slide).")).to_be_visible()  # the singular (ngettext)
    wait_idle(page)


def test_build_reload_present_and_export_a_deck(page, app_url, browser):
    add_view(page, f"{app_url}/internet?view=map&year=2019&region=world")
    page.get_by_role("radio", name="Trend").click()  # segmented control option
    page.wait_for_url(re.compile(r"view=trend"))
    wait_idle(page)
    page.wait_for_function(f"() => ({DECK_COOKIE})() !== ''")  # the deck in the making, kept in a cookie at the
    one = page.evaluate(DECK_COOKIE)                               # end of each run that changed it
    page.get_by_role("button", name="Add this view to my deck").click()
    expect(page.get_by_text("Added to your deck (2 slides)")).to_be_visible()
    # the run writes the cookie after the message: a reload before that (under load, once) met the 1-slide deck
    page.wait_for_function(f"(one) => ({DECK_COOKIE})() !== one", arg=one)
    page.reload()  # F5 (a new session) keeps the deck in the making (issue 22): the next add makes 3, not 1
    wait_idle(page)
    page.get_by_role("link", name="Country profile").click()  # inside the app: the session, and deck, go on
    page.wait_for_url(re.compile(r"/country"))
    wait_idle(page)
    page.get_by_role("button", name="Add this view to my deck").click()
    expect(page.get_by_text("Added to your deck (3 slides)")).to_be_visible()
    page.get_by_role("link", name="Presenter mode").click()
    page.wait_for_url(re.compile(r"/present"))
    wait_idle(page)
    expect(page.get_by_text("Slides (3)")).to_be_visible()
    before = page.url
    page.get_by_label("Slide 1 title").fill("Where people are online")
    page.get_by_label("Slide 1 title").press("Enter")
    page.wait_for_function("(u) => window.location.href !== u", arg=before)  # the deck link now has the title
    wait_idle(page)
    deck_link = page.url
    assert "deck=" in deck_link

    # The link alone (a fresh browser context) reopens the same deck.
    fresh = browser.new_context(viewport={"width": 1920, "height": 1080})
    other = fresh.new_page()
    other.set_default_timeout(60_000)
    other.goto(deck_link)
    wait_idle(other)
    expect(other.get_by_text("Slides (3)")).to_be_visible()
    expect(other.get_by_label("Slide 1 title")).to_have_value("Where people are online")

    # Present and move with the keyboard and a clicker's keys, each slide drawing its chart.
    other.get_by_role("button", name="Present").click()
    deck = other.frame_locator(DECK)
    for number, key in [(1, None), (2, "ArrowRight"), (3, "PageDown")]:
        if key:
            other.keyboard.press(key)
        shown(deck, number)
        expect(deck.locator("#slide-number")).to_have_text(f"{number} / 3")
        assert drawn_marks(deck) > 0
    expect(other.locator('[data-testid="stSidebar"]')).to_be_hidden()
    other.keyboard.press("PageUp")
    shown(deck, 2)
    other.keyboard.press("ArrowLeft")
    shown(deck, 1)
    expect(deck.locator("#slide-title")).to_have_text("Where people are online")
    assert deck.locator('#chart path[aria-roledescription="geoshape"]').count() >= 170

    # Esc leaves presenting; the exports download.
    other.keyboard.press("Escape")
    expect(other.get_by_text("Slides (3)")).to_be_visible()
    with other.expect_download(timeout=120_000) as dl:
        other.get_by_role("button", name="Handout as PDF").click()
    pdf = PdfReader(io.BytesIO(open(dl.value.path(), "rb").read()))
    assert len(pdf.pages) == 3
    assert "Where people are online" in pdf.pages[0].extract_text()
    with other.expect_download(timeout=120_000) as dl:
        other.get_by_role("button", name="Deck as one HTML file").click()
    page_text = open(dl.value.path(), encoding="utf-8").read()
    assert "Where people are online" in page_text and len(page_text.encode()) < 5 * 1024 * 1024
    fresh.close()


def test_a_tampered_deck_link_gives_a_plain_message(page, app_url):
    page.goto(f"{app_url}/present?deck=eNqLjgUAARUAuQ-broken&mode=show")
    deck = page.frame_locator(DECK)
    shown(deck, 1)  # the story deck instead, saying why
    expect(deck.locator("#slide-notices")).to_contain_text("damaged or incomplete")
    expect(deck.locator("#slide-number")).to_have_text(re.compile(r"1 / \d+"))


@pytest.fixture(scope="module")
def presented(browser, app_url):
    """The story deck presented in the app, with every request that leaves the app's server blocked; one load
    for the module's tests (`story`)."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    host = urlparse(app_url).netloc
    page, blocked = offline_page(context, lambda url: urlparse(url).netloc == host)
    page.goto(f"{app_url}/present")
    wait_idle(page)
    page.get_by_role("button", name="Load the story deck").click()
    wait_idle(page)
    page.get_by_role("button", name="Present").click()
    deck = page.frame_locator(DECK)
    shown(deck, 1)
    total = int(deck.locator("#slide-number").inner_text().split("/")[1])
    assert total >= 7
    yield page, deck, total, blocked
    context.close()


@pytest.fixture
def story(presented):
    """The presented story deck, at its first slide at 1920×1080, presenting (a test before may have resized the
    window, moved on or left presenting); nothing may have been fetched from elsewhere."""
    page, deck, total, blocked = presented
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.bring_to_front()
    if not page.locator(DECK).is_visible():
        page.get_by_role("button", name="Present").click()
    page.keyboard.press("Home")
    shown(deck, 1)
    yield page, deck, total
    assert not blocked, blocked


def test_every_slide_type_fills_the_screen_at_projector_sizes(story):
    page, deck, total = story
    shown(deck, 1)
    seen = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for n in range(1, total + 1):
            page.keyboard.press("Home" if n == 1 else "ArrowRight")
            shown(deck, n)
            # after a resize the slide draws again: wait until it is drawn at this size
            # (its drawing as high as the chart's box at this size; a tall map is narrower than the box)
            redrawn = deck.locator("body").evaluate("(b, w) => new Promise(r => { const ok = () => { const svg = document.querySelector('#chart svg'); "
                                          "return svg && svg.getBoundingClientRect().right <= w + 1 && Math.abs(svg.getBoundingClientRect().height "
                                          "- document.getElementById('chart').clientHeight) < 3; }; "
                                          "const end = Date.now() + 30000; "
                                          "const t = () => ok() ? r(true) : Date.now() > end ? r(false) : setTimeout(t, 50); t(); })", width)
            m = deck.locator("body").evaluate(MEASURE)
            assert redrawn, (n, width, m)
            share = (m["box"]["bottom"] - m["box"]["top"]) / m["below"]
            where = f"slide {n} at {width}x{height}"
            assert share >= 0.75, (where, round(share, 3), m["box"], m["below"])
            if m["shapes"]:  # a map keeps its proportions and sits in the middle, with its legend, over no data
                middle = (m["group"]["left"] + m["group"]["right"]) / 2
                assert abs(middle - width / 2) < width * 0.08, (where, middle)
                assert not m["under"], (where, "legend over data", m["under"][:5])
            assert m["sourceLines"] <= 2, (where, "source lines", m["sourceLines"])
            assert m["chartTitles"] == 0 and m["toolbars"] == 0 and not m["overflow"], (where, m)
            if height == 1080:  # legible from the back of the room
                assert min(m["axis"] + m["legend"]) >= 24, (where, m["axis"], m["legend"])
                assert m["sourceFont"] >= 18, (where, m["sourceFont"])
                if n in TYPES:
                    screenshot(page, f"present-{TYPES[n]}-1920x1080")
                if n in (2, 7):  # a map slide and the profile's slide, as the room sees them
                    assert serious_violations(page) == [], (where, "axe-core")
            seen[(n, width)] = round(share, 3)
    print("drawing height / height below the title:", seen)


def test_the_speakers_view_follows_the_deck_and_drives_it(story):
    page, deck, total = story
    shown(deck, 1)
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    expect(speaker.locator("#sp-number")).to_have_text(f"Slide 1 / {total}")
    expect(speaker.locator("#sp-notes")).to_contain_text("Africa (ITU region) against the world")
    expect(speaker.locator("#sp-next")).to_contain_text("Internet use, 2024")
    expect(speaker.locator("#sp-elapsed")).to_have_text(re.compile(r"Elapsed \d\d:\d\d"))
    expect(speaker.locator("#sp-notes")).to_have_css("font-size", re.compile(r"^(2\d|3\d|4\d)"))  # large type
    page.bring_to_front()
    page.keyboard.press("ArrowRight")  # the main window moves: the speaker's view follows
    shown(deck, 2)
    expect(speaker.locator("#sp-number")).to_have_text(f"Slide 2 / {total}")
    expect(speaker.locator("#sp-notes")).to_contain_text("Press Play")
    speaker.bring_to_front()
    speaker.keyboard.press("PageDown")  # the clicker in the speaker's window: the deck follows
    shown(deck, 3)
    expect(speaker.locator("#sp-number")).to_have_text(f"Slide 3 / {total}")
    speaker.get_by_role("button", name="Previous").click()
    shown(deck, 2)
    page.bring_to_front()
    page.keyboard.press("n")  # notes under the slide, for a single screen
    expect(deck.locator("#slide-notes")).to_be_visible()
    expect(deck.locator("#slide-notes")).to_contain_text("Press Play")
    screenshot(page, "present-notes-under-the-slide-1920x1080")
    page.keyboard.press("?")  # Esc closes the help first; the next Esc leaves presenting
    expect(deck.locator("#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(deck.locator("#help")).to_be_hidden()
    expect(page.locator(DECK)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(DECK)).to_be_hidden()


def test_the_exported_html_deck_presents_from_disk_with_no_network(browser, snapshot, tmp_path):
    refs = slides.default_deck(snapshot)
    refs[1].params[html_deck.PLAY_FROM] = "2015"  # a saved start for Play
    refs[0].title = ("A deliberately long slide title, as presenters write them, to show that it wraps onto a "
                     "second line and still leaves")[:120]
    path = tmp_path / "story-deck.html"
    path.write_bytes(html_deck.file(snapshot, refs))
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page, requests = offline_page(context, lambda url: url.startswith("file:"))
    page.goto(path.as_uri() + "#2")  # opened on slide 2 (a rehearsal): the speaker's clock waits for slide 1
    page.locator("body[data-slide='2'][data-drawn-slide='2']").wait_for()
    assert page.evaluate("window.atlasDeck.elapsed") is None
    page.keyboard.press("Home")
    page.wait_for_function("window.atlasDeck.elapsed !== null")
    marks = []
    for n in range(1, len(refs) + 1):
        if n > 1:
            page.keyboard.press("ArrowRight")
        page.locator(f"body[data-slide='{n}'][data-drawn-slide='{n}']").wait_for()
        marks.append(page.locator(MARKS).count())
    assert all(m > 0 for m in marks), marks
    page.keyboard.press("Home")
    page.locator("body[data-slide='1'][data-drawn-slide='1']").wait_for()
    m = page.locator("body").evaluate(MEASURE)  # the long title wraps; the chart still fills what is left
    assert m["titleHeight"] > 1.6 * 30 and not m["overflow"], m
    assert (m["box"]["bottom"] - m["box"]["top"]) / m["below"] >= 0.75, m
    assert page.locator('path[aria-roledescription="geoshape"]').count() == 0  # the last slide is a chart
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    page.locator("body[data-slide='2'][data-drawn-slide='2']").wait_for()
    page.select_option("#pace", "0.5")
    page.locator("#slide-title").click()  # focus back on the slide, as a presenter's click would
    page.keyboard.press("p")
    expect(page.locator("#slide-title")).to_have_text(re.compile(r"Internet use, 2015"))
    expect(page.locator("#period-badge")).to_have_text("2015")
    page.locator("body[data-played='2']").wait_for(timeout=60_000)
    expect(page.locator("#slide-title")).to_have_text(re.compile(r"Internet use, 2024"))
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    expect(popup.value.locator("#sp-notes")).to_contain_text("Press Play")
    screenshot(page, "html-deck-from-disk-1366x768-slide2")
    assert not requests, requests
    print("story deck HTML:", path.stat().st_size, "bytes; marks per slide:", marks)
    context.close()
