"""Decks (links and files, tampered ones too), slides, and offline exports."""
import io
import json
import re
import zipfile

import pytest
from pypdf import PdfReader

from atlas import deck, export, slides
from atlas.themes.internet import data as internet
from atlas.themes.internet.explorer import TOLERANCE
from atlas.export import pdf as handout
from atlas.deck import DeckError, SlideRef


def test_a_deck_survives_its_link_and_its_file(snapshot):
    refs = slides.default_deck(snapshot)
    refs[0].title, refs[0].notes = "Africa online — «revised»", "Speak slowly"
    for back in (deck.decode(deck.encode(refs)), deck.from_file(deck.to_file(refs))):
        assert [r.to_dict() for r in back] == [r.to_dict() for r in refs]


@pytest.mark.parametrize("text, words", [
    ("not-base64!!", "damaged or incomplete"),
    (deck.encode([SlideRef("internet", {})])[:-6], "damaged or incomplete"),
    ("x" * (deck.MAX_LINK + 1), "too long"),
])
def test_a_tampered_link_is_refused_plainly(text, words):
    with pytest.raises(DeckError, match=words):
        deck.decode(text)


def test_a_deck_bomb_link_is_refused_without_inflating_it():
    """A 23 KB link that inflates to 18 MB: refused after at most MAX_FILE bytes of output, with little memory."""
    import base64
    import tracemalloc
    import zlib
    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" + b" " * 18_000_000, 9)).decode().rstrip("=")
    assert 20_000 < len(bomb) <= deck.MAX_LINK  # gets past the length check, so only the inflater can stop it
    tracemalloc.start()
    try:
        with pytest.raises(DeckError, match="unpacks to more than 256 KB"):
            deck.decode(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 2**20, f"decoding the bomb allocated {peak / 2**20:.1f} MB"


@pytest.mark.parametrize("content, words", [
    (b"", "not readable JSON"),
    (b"<html><body>hello</body></html>", "not readable JSON"),
    (json.dumps({"slides": []}).encode(), "not a deck saved from Connectivity Atlas"),
    (json.dumps({"format": deck.FORMAT, "slides": "x"}).encode(), "no list of slides"),
    (json.dumps({"format": deck.FORMAT, "slides": [{"page": 3}]}).encode(), "slide 1 is not a view"),
    (json.dumps({"format": deck.FORMAT, "slides": [{"page": "internet", "params": {"year": 2019}}]}).encode(),
     "not plain text"),
    (json.dumps({"format": deck.FORMAT, "slides": [{"page": "internet"}] * (deck.MAX_SLIDES + 1)}).encode(),
     "at most"),
    (b"x" * (deck.MAX_FILE + 1), "at most"),
])
def test_a_bad_deck_file_is_refused_plainly(content, words):
    with pytest.raises(DeckError, match=words):
        deck.from_file(content)


def test_a_slide_from_a_pasted_link():
    ref = deck.from_link("http://localhost:8501/internet?year=2019&region=africa")
    assert ref.page == "internet" and ref.params == {"year": "2019", "region": "africa"}
    with pytest.raises(DeckError):
        deck.from_link("http://localhost:8501/")


def test_slides_validate_their_settings_and_skip_unknown_pages(snapshot):
    slide = slides.render(snapshot, SlideRef("internet", {"year": "1800", "region": "mars"}))
    assert slide.period == "2024" and len(slide.notices) == 2
    assert slides.render(snapshot, SlideRef("no-such-page", {})) is None


def test_handout_pdf_has_one_page_per_drawable_slide_and_skips_the_rest(snapshot):
    refs = [SlideRef("internet", {"view": "map", "year": "2019"}, notes="Note one"),
            SlideRef("gone", {}), SlideRef("country", {"country": "NGA"})]
    pdf = PdfReader(io.BytesIO(handout.pdf(snapshot, refs)))
    assert len(pdf.pages) == 2
    assert "Notes: Note one" in pdf.pages[0].extract_text() and "Slide 3 / 3" in pdf.pages[1].extract_text()
    for page, ref in zip(pdf.pages, [refs[0], refs[2]]):
        # the chart fills the width between the margins; its title and source are written once, as text
        # (the chart image carries neither)
        placed = re.findall(rb"q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm /I\w+ Do Q", page.get_contents().get_data())
        assert len(placed) == 1
        width, _h, left, _y = map(float, placed[0])
        text_width = float(page.mediabox.width) - 2 * left  # the chart starts at the left margin
        assert width >= 0.9 * text_width and left < 40, (width, text_width)
        slide = slides.render(snapshot, ref)
        text = " ".join(page.extract_text().split())
        assert text.count(slide.title) == 1 and text.count(" ".join(slide.source.split())[:80]) == 1


def test_a_full_deck_of_one_view_is_drawn_once_per_export(snapshot, monkeypatch):
    """A link of 40 copies of one map (a small input) costs one render and one PNG, not forty."""
    calls = {"render": 0, "png": 0}
    real_render = slides.render

    def render(*args, **kwargs):
        calls["render"] += 1
        return real_render(*args, **kwargs)

    def png(spec, scale=1):
        calls["png"] += 1
        return b"\x89PNG fake"
    monkeypatch.setattr(slides, "render", render)
    monkeypatch.setattr(export, "png", png)
    refs = deck.decode(deck.encode([SlideRef("internet", {"year": "2019", "region": "africa"})] * deck.MAX_SLIDES))
    with zipfile.ZipFile(io.BytesIO(handout.pngs_zip(snapshot, refs))) as zf:
        assert len(zf.namelist()) == deck.MAX_SLIDES
    assert calls == {"render": 1, "png": 1}


def test_map_exports_are_drawn_offline_with_every_country(snapshot):
    values = internet.map_table(snapshot, "2024", "world", TOLERANCE[internet.WDI])
    spec = internet.map_spec(snapshot, values, "2024", "world", inline=True)
    svg = export.svg(spec).decode()
    assert len(re.findall(r"<path[^>]*aria-roledescription=\"geoshape\"", svg)) >= 180
    assert "World Bank" in svg  # the source line travels with the image
    png = export.png(spec)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000
