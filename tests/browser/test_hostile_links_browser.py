"""Hostile links in a real browser. Through the production front (its Content-Security-Policy enforced): a
link with more than 1,000 parameters, which Streamlit drops whole, is reopened as ?refused=<count> and the
page says it could not be used; a bare page is left alone. A deck's repeated map slide plays from frames
sent once."""
from __future__ import annotations

from playwright.sync_api import expect

from .conftest import wait_idle


def test_a_link_with_too_many_parameters_says_it_could_not_be_used(front, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        query = "&".join(f"x{i}=1" for i in range(1001))
        page.goto(f"{front.url}/internet?year=2019&{query}")
        expect(page.get_by_text("This link has 1,002 settings, more than the 1,000 a link can carry")).to_be_visible()
        wait_idle(page)
        assert "refused" not in page.url and "x1=" not in page.url
        page.goto(f"{front.url}/internet?year=2019")
        wait_idle(page)
        expect(page.get_by_text("Some settings in this link could not be used")).to_have_count(0)
        assert "year=2019" in page.url and errors == []
    finally:
        context.close()


def test_a_repeated_map_slide_plays_from_the_frames_sent_once(browser, snapshot, tmp_path):
    """The HTML deck sends a repeated view's Play frames once (later slides name the first); the second copy
    plays them, under its own title."""
    from atlas.deck import SlideRef
    from atlas.export import html_deck
    refs = [SlideRef("internet", {"view": "map", "year": "2019", html_deck.PLAY_FROM: "2016"}),
            SlideRef("internet", {"view": "map", "year": "2019", html_deck.PLAY_FROM: "2016"}, title="Again")]
    path = tmp_path / "repeated.html"
    path.write_bytes(html_deck.file(snapshot, refs))
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(path.as_uri())
        page.keyboard.press("ArrowRight")
        page.locator("body[data-slide='2'][data-drawn-slide='2']").wait_for()
        page.select_option("#pace", "0.5")
        page.locator("#slide-title").click()
        page.keyboard.press("p")
        expect(page.locator("#period-badge")).to_have_text("2016")
        expect(page.locator("#slide-title")).to_have_text("Again")
        page.locator("body[data-played='2']").wait_for(timeout=60_000)
        assert html_deck.slide_data(snapshot, refs)[0][1]["frames"] == 0  # carried by slide 1
    finally:
        context.close()
