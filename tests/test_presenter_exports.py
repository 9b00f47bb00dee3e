"""The deck's exports, made offline: the one-file HTML deck, PowerPoint (checked by LibreOffice), and a
map's Play as GIF and MP4."""
import io
import json
import re
import shutil
import subprocess

import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from atlas import slides
from atlas.deck import SlideRef
from atlas.export import animation, html_deck, pptx

MB = 1024 * 1024


def deck_data(page: str) -> dict:
    return json.loads(re.search(r'<script id="deck-data" type="application/json">(.*?)</script>', page, re.S).group(1))


def test_play_runs_from_the_first_period_or_a_saved_start_to_the_slides_own():
    periods = [str(y) for y in range(2000, 2025)]
    assert play_range(periods, "2024", None) == periods
    assert play_range(periods, "2010", "2005") == [str(y) for y in range(2005, 2011)]
    assert play_range(periods, "2010", "2015") == periods[:11]   # a start after the slide's period: from the first
    assert play_range(periods, "2010", "1990") == periods[:11]   # a start the data does not have: from the first


play_range = html_deck.play_range


def test_the_story_deck_as_one_html_file_carries_everything(snapshot):
    refs = slides.default_deck(snapshot)
    refs[1].params[html_deck.PLAY_FROM] = "2000"
    page = html_deck.file(snapshot, refs).decode("utf-8")
    assert len(page.encode()) <= 5 * MB
    data = deck_data(page)
    assert [s["title"] for s in data["slides"]] == [slides.render(snapshot, r).title for r in refs]
    assert [s["notes"] for s in data["slides"]] == [r.notes for r in refs]
    assert set(data["shared"]) == {"world", "places"} and data["shared"]["world"]["type"] == "Topology"
    specs = json.dumps([s["spec"] for s in data["slides"]])
    assert '"url"' not in specs  # nothing to fetch: every chart's data and geometry is in the file
    assert '"title"' not in json.dumps([{k: v for k, v in s["spec"].items() if k == "title"} for s in data["slides"]])
    internet_map = data["slides"][1]
    assert [f["period"] for f in internet_map["frames"]] == [str(y) for y in range(2000, 2025)]
    assert internet_map["frames"][0]["title"].startswith("Internet use, 2000")
    assert internet_map["frames"][0]["datasets"]["map_values"] != internet_map["spec"]["datasets"]["map_values"]
    assert data["slides"][0]["frames"] == []  # a trend chart has nothing to play
    assert "window.vegaEmbed=" in page and "</script" not in page.split('<script>', 2)[1].split('</script>')[0]


def test_hostile_titles_and_notes_stay_text(snapshot):
    refs = [SlideRef("internet", {"view": "trend"}, title="</script><script>alert(1)</script>", notes="<img src=x>")]
    page = html_deck.file(snapshot, refs).decode("utf-8")
    assert "<script>alert(1)" not in page and "<img src=x>" not in page
    assert deck_data(page)["slides"][0]["title"] == "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def story_pptx(snapshot):
    return pptx.file(snapshot, slides.default_deck(snapshot) + [SlideRef("old-page", {})])


def test_powerpoint_has_one_slide_per_view_with_title_picture_source_and_notes(snapshot, story_pptx):
    refs = slides.default_deck(snapshot)
    deck = Presentation(io.BytesIO(story_pptx))
    assert len(deck.slides) == len(refs)  # the view the app no longer has is left out
    for page, ref in zip(deck.slides, refs):
        slide = slides.render(snapshot, ref)
        assert page.shapes.title.text == slide.title
        pictures = [s for s in page.shapes if s.shape_type == 13]
        assert len(pictures) == 1
        assert pictures[0].width > deck.slide_width * (0.55 if slide.lines else 0.9)
        assert pictures[0].height > deck.slide_height * 0.7
        assert pictures[0].image.size[0] / (pictures[0].width / 914400) >= 180  # dots per inch: sharp when projected
        texts = " ".join(s.text_frame.text for s in page.shapes if s.has_text_frame)
        assert slide.source in texts
        assert page.notes_slide.notes_text_frame.text == ref.notes


def test_libreoffice_opens_the_powerpoint_and_prints_every_slide(story_pptx, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: run the README's test command, which installs libreoffice-impress")
    (tmp_path / "story.pptx").write_bytes(story_pptx)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "story.pptx")], check=True, timeout=180,
                   capture_output=True)
    pdf = PdfReader(tmp_path / "story.pdf")
    assert len(pdf.pages) == len(Presentation(io.BytesIO(story_pptx)).slides)
    assert "Internet use, 2024" in pdf.pages[1].extract_text()


def test_gif_of_internet_use_2019_to_2024_has_a_frame_per_year_and_names_its_source(snapshot):
    """Six years: what is checked does not depend on the length (2000-2024, 25 frames, rendered 4 times as
    long; its size and time: benchmarks/exports.py)."""
    ref = SlideRef("internet", {"view": "map", "year": "2024", "region": "world"})
    data = animation.gif(snapshot, ref, start="2019")
    gif = Image.open(io.BytesIO(data))
    assert gif.n_frames == 6
    assert b"World Development Indicators" in gif.info["comment"] and b"2019" in gif.info["comment"]
    firsts = []
    for i in (0, 5):
        gif.seek(i)
        firsts.append(gif.convert("RGB").crop((900, 0, 1280, 80)).tobytes())  # the period, in large type
    assert firsts[0] != firsts[1]


def test_mp4_of_a_short_range_is_an_h264_video(snapshot):
    ref = SlideRef("mobile-money", {"view": "map", "measure": "mobile_money", "year": "2024", "region": "africa"})
    data = animation.mp4(snapshot, ref)
    assert data[4:8] == b"ftyp" and b"avc1" in data[:4096] + data[-65536:]


def test_a_view_without_a_timeline_cannot_be_animated(snapshot):
    with pytest.raises(animation.AnimationError, match="only a map view"):
        animation.gif(snapshot, SlideRef("internet", {"view": "trend"}))
