"""AppTest: presenter mode builds, edits, reorders, presents and refuses bad decks without raising."""
from streamlit.testing.v1 import AppTest

from atlas import deck
from atlas.deck import SlideRef


def present(**query):
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params.update(query)
    at.run()
    return at.switch_page("pages/present.py").run()


def shown_deck(at) -> dict:
    """The deck page presenting embeds (the same page as the exported HTML file): its slides' data."""
    import json
    import re
    frames = at.get("iframe")
    assert len(frames) == 1
    page = frames[0].proto.srcdoc
    return json.loads(re.search(r'<script id="deck-data" type="application/json">(.*?)</script>', page, re.S).group(1))


def current(at):
    return deck.decode(at.query_params["deck"])


def test_story_deck_by_default_and_every_control():
    at = present()
    assert not at.exception
    refs = current(at)
    assert len(refs) >= 3
    at.button(key=f"present.down.{at.session_state['present.deck'][0].id}").click().run()
    assert [r.params for r in current(at)][:2] == [refs[1].params, refs[0].params]
    at.button(key=f"present.rm.{at.session_state['present.deck'][0].id}").click().run()
    assert len(current(at)) == len(refs) - 1
    first = at.session_state["present.deck"][0].id
    at.text_input(key=f"present.title.{first}").input("My title").run()
    assert current(at)[0].title == "My title"
    at.button(key="present-start").click().run()
    assert not at.exception and at.query_params["mode"] == "show"
    data = shown_deck(at)
    assert data["embedded"] and data["start"] == 1 and data["slides"][0]["title"] == "My title"
    assert len(data["slides"]) == len(refs) - 1 and all(s["spec"] or s["lines"] for s in data["slides"])
    at.button(key="present-exit").click().run()  # what Esc in the deck presses
    assert at.query_params["mode"] == "build"
    at.button(key="present-clear").click().run()
    assert current(at) == [] and at.info


def test_a_deck_naming_a_missing_page_skips_that_slide_with_a_notice():
    link = deck.encode([SlideRef("internet", {"year": "2019"}), SlideRef("old-page", {})])
    at = present(deck=link, mode="show", slide="2")
    assert not at.exception
    data = shown_deck(at)
    assert len(data["slides"]) == 1 and data["start"] == 1
    assert any("no longer has ('old-page')" in n for n in data["notices"])


def test_tampered_deck_and_slide_numbers_fall_back_with_notices():
    at = present(deck="%%%garbage", slide="abc")
    assert not at.exception
    text = " ".join(w.value for w in at.warning)
    assert "damaged or incomplete" in text and "'abc' is not a slide number" in text


def test_a_map_slide_saves_where_play_starts_and_old_decks_still_open():
    old = deck.encode([SlideRef("internet", {"view": "map", "year": "2024", "region": "africa"}, notes="n")])
    at = present(deck=old)
    assert not at.exception
    ref = at.session_state["present.deck"][0]
    slider = at.select_slider(key=f"present.from.{ref.id}")
    assert slider.value == slider.options[0]  # no saved start: Play runs from the first period
    slider.set_value("2010").run()
    assert current(at)[0].params == {"view": "map", "year": "2024", "region": "africa", "from": "2010"}
    assert current(at)[0].notes == "n"


def test_crafted_links_open_with_a_plain_notice_and_markdown_stays_text():
    import base64
    import json
    import zlib

    def link(obj) -> str:
        raw = obj if isinstance(obj, bytes) else json.dumps(obj).encode()  # ensure_ascii: "\ud800" as an escape
        return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")
    at = present(deck=link(b"[" * 200), mode="show")  # a 162-character link of nested brackets
    assert not at.exception  # the story deck is presented, saying why (in the deck's own notices)
    assert any("damaged or incomplete" in n and "the story deck" in n for n in shown_deck(at)["notices"])
    at = present(deck=link({"lang": "en", "slides": [{"page": "internet", "params": {"view": "map"},
                                                      "title": "Africa \ud800 online"}]}), mode="show")
    assert not at.exception and shown_deck(at)["slides"][0]["title"] == "Africa \ufffd online"
    at = present(deck=deck.encode([SlideRef("internet", {"view": "map", "x": "[x](https://elsewhere.example/)",
                                                         "y": "![i](https://elsewhere.example/i.png)"})]))
    assert not at.exception
    caption = " ".join(c.value for c in at.caption)
    assert "\\[x\\](https\\://elsewhere.example/)" in caption and "\\!\\[i\\]" in caption


def test_a_link_streamlit_dropped_for_too_many_parameters_says_so():
    """The browser reopens such a link as ?refused=<count> (atlas.linkguard; the browser test checks that)."""
    at = present(refused="1001")
    assert not at.exception
    assert "This link has 1,001 settings, more than the 1,000 a link can carry" in " ".join(w.value for w in at.warning)
    assert "refused" not in at.query_params


def test_presenting_a_deck_again_from_another_slide_builds_its_frames_once(monkeypatch):
    """The heavy part of presenting (each map slide's Play frames) is kept per deck and language: the same deck
    from another slide, or with a notice, only assembles its page again."""
    from atlas.export import html_deck
    made = []
    real = html_deck.slide_data
    monkeypatch.setattr(html_deck, "slide_data", lambda *a, **k: made.append(1) or real(*a, **k))
    link = deck.encode([SlideRef("internet", {"view": "map", "year": "2016", "region": "africa"}, notes="once"),
                        SlideRef("internet", {"view": "trend"}, notes="once")])
    for slide in ("1", "2", "2x"):  # "2x": not a slide number, so the page carries a notice
        at = present(deck=link, mode="show", slide=slide)
        assert not at.exception and len(shown_deck(at)["slides"]) == 2
    assert shown_deck(at)["start"] == 1 and made == [1]
