"""A deck the app lets a presenter build is never lost: 40 slides with 1,200-character notes, loaded from a
file through the production front (two replicas), get a short link (/present?d=<id>) that opens the whole deck
again after the replica that saved it is killed (issue 21)."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from atlas import deck, deckstore

from ..test_deckstore import long_deck
from .conftest import screenshot, wait_idle
from .test_front_browser import served_by


def test_a_long_deck_from_a_file_comes_back_whole_after_its_replica_is_killed(front, browser):
    refs = long_deck()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{front.url}/present")
        wait_idle(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            files=[{"name": "deck.json", "mimeType": "application/json", "buffer": deck.to_file(refs, "en")}])
        page.wait_for_url(re.compile(r"[?&]d=[a-z2-7]{26}"))
        wait_idle(page)
        key = parse_qs(urlparse(page.url).query)["d"][0]
        assert key == deckstore.deck_id(deck.to_file(refs, "en"))
        expect(page.get_by_text("Slides (40)")).to_be_visible()
        saver = served_by(front)
        front.kill_replica(saver)

        other = context.browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        other.set_default_timeout(60_000)
        other.goto(f"{front.url}/present?d={key}")
        wait_idle(other)
        expect(other.get_by_text("Slides (40)")).to_be_visible()
        assert served_by(front) != saver
        notes = other.get_by_label("Speaker notes")
        expect(notes).to_have_count(40)
        for i in (0, 17, 39):
            expect(notes.nth(i)).to_have_value(refs[i].notes)
        expect(other.get_by_test_id("stException")).to_have_count(0)
        expect(other.get_by_text("Some settings in this link could not be used")).to_have_count(0)
        assert parse_qs(urlparse(other.url).query)["d"] == [key]
        screenshot(other, "front-short-link-after-failover")
        other.context.close()
    finally:
        context.close()
        front.revive()  # the front is shared with other tests
