"""Presenter mode and every export in the deck's language: the deck stores it, the pages, the deck engine's
texts, the charts' number format, PowerPoint, the PDF handout, CSV and the deck's error messages."""
import base64
import io
import json
import re
import zlib

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader

from atlas import deck, export, i18n, numbers, slides
from atlas.deck import DeckError, SlideRef
from atlas.export import html_deck, pdf, pptx
from tests.apptest_tools import french_problems
from tests.test_app_present import current, present, shown_deck


def _link(payload) -> str:
    raw = json.dumps(payload).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw)).decode().rstrip("=")


# --- the deck's language ------------------------------------------------------------------------------
def test_a_deck_stores_its_language_and_older_or_bad_ones_still_open():
    refs = [SlideRef("internet", {"year": "2019"}, notes="n")]
    assert deck.decode_deck(deck.encode(refs, "fr")).lang == "fr"
    with i18n.using("fr"):  # by default, the run's language
        assert deck.decode_deck(deck.encode(refs)).lang == "fr"
        assert deck.from_file_deck(deck.to_file(refs)).lang == "fr"
    old = deck.decode_deck(_link([r.to_dict() for r in refs]))  # a link made before the language was stored
    assert old.lang is None and old.notice is None and old.slides[0].notes == "n"
    with i18n.using("fr"):
        bad = deck.decode_deck(_link({"lang": "de", "slides": [r.to_dict() for r in refs]}))
    assert bad.lang == "fr" and "« de »" in bad.notice and len(bad.slides) == 1
    assert deck.from_link("http://x/internet?year=2019&lang=fr").params == {"year": "2019"}


@pytest.mark.parametrize("call, words", [
    (lambda: deck.decode("not-base64!!"), "endommagée ou incomplète"),
    (lambda: deck.from_file(b"<html>"), "n’est pas une présentation enregistrée depuis l’Atlas de la connectivité"),
    (lambda: deck.from_file(json.dumps({"format": deck.FORMAT, "slides": [{"page": 3}]}).encode()),
     "la diapositive 1 n’est pas une vue"),
    (lambda: deck.from_link("http://localhost:8501/"), "ne désigne aucune page"),
])
def test_deck_errors_in_french(call, words):
    with i18n.using("fr"), pytest.raises(DeckError, match=words):
        call()


# --- the page -----------------------------------------------------------------------------------------
def test_presenter_page_in_french_builds_and_shows_in_french():
    with i18n.using("fr"):  # AppTest formats widget values in the test's thread
        at = present(lang="fr")
        assert not at.exception
        assert at.title[0].value == "Mode présentation"
        assert french_problems(at) == []
        assert "Notes de l’orateur" in [w.label for w in at.text_area]
        assert deck.decode_deck(at.query_params["deck"]).lang == "fr"
        notes = [r.notes for r in current(at)]
        assert notes[0].startswith("L’Afrique (région UIT)") and "\u00a0%" in notes[0]
        at.button(key="present-start").click().run()
        assert not at.exception and at.query_params["mode"] == "show"
        assert french_problems(at) == []
        data = shown_deck(at)
    t = data["strings"]
    assert (t["lang"], t["next"], t["slide"]) == ("fr", "Suivante", "Diapositive")
    assert data["slides"][0]["title"] == "Évolution de l’usage d’Internet"
    assert all(s["spec"]["config"]["locale"]["number"]["decimal"] == "," for s in data["slides"] if s["spec"])
    assert f'<html lang="fr">' in at.get("iframe")[0].proto.srcdoc


def test_switching_language_on_the_presenter_keeps_the_deck_and_the_slide():
    refs = [SlideRef("internet", {"view": "trend"}, title="Mine"), SlideRef("internet", {"view": "map", "year": "2019"})]
    at = present(deck=deck.encode(refs, "en"), mode="show", slide="2")
    assert shown_deck(at)["start"] == 2 and shown_deck(at)["strings"]["lang"] == "en"
    with i18n.using("fr"):
        at.query_params["lang"] = "fr"
        at.run()
    assert not at.exception
    data = shown_deck(at)
    assert data["start"] == 2 and data["strings"]["lang"] == "fr"
    assert data["slides"][0]["title"] == "Mine" and data["slides"][1]["title"].startswith("Usage d’Internet, 2019")
    q = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert (q["slide"], q["mode"], q["lang"]) == ("2", "show", "fr")
    assert [r.to_dict() for r in deck.decode(q["deck"])] == [r.to_dict() for r in refs]
    assert deck.decode_deck(q["deck"]).lang == "fr"


def test_a_deck_link_without_lang_opens_in_the_decks_language():
    at = present(deck=deck.encode([SlideRef("internet", {"view": "trend"})], "fr"))
    assert not at.exception
    assert at.title[0].value == "Mode présentation"


# --- exports ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def french_refs(snapshot):
    with i18n.using("fr"):
        return [SlideRef("internet", {"view": "trend"}, notes=slides.default_deck(snapshot)[0].notes),
                SlideRef("internet", {"view": "map", "year": "2019", "region": "africa"},
                         notes=f"Une note : {numbers.count(1234567)} personnes."),
                SlideRef("country", {"country": "KEN"})]


def test_the_html_deck_in_french(snapshot, french_refs):
    page = html_deck.file(snapshot, french_refs, lang="fr").decode("utf-8")
    assert '<html lang="fr">' in page
    data = json.loads(re.search(r'<script id="deck-data" type="application/json">(.*?)</script>', page, re.S).group(1))
    t = data["strings"]
    assert t["previous"] == "Précédente" and t["speaker_title"].startswith("Vue de l’orateur")
    assert ["F", "plein écran"] in t["keys"] and t["paces"]["1.5"] == "1,5"
    assert [s["title"] for s in data["slides"]] == ["Évolution de l’usage d’Internet",
                                                    "Usage d’Internet, 2019 — Afrique (continent)", "Kenya en bref"]
    assert all(s["spec"]["config"]["locale"]["number"]["decimal"] == "," for s in data["slides"])
    assert '"title":"Usage d’Internet (%)"' in json.dumps(data["slides"][0]["spec"], ensure_ascii=False,
                                                          separators=(",", ":"))  # the axis title
    assert data["slides"][1]["frames"][0]["title"].startswith("Usage d’Internet, 1990")
    english = html_deck.file(snapshot, french_refs[:1], lang="en").decode("utf-8")
    assert '<html lang="en">' in english and '"previous":"Previous"' in english


def test_a_french_svg_writes_numbers_the_french_way(snapshot):
    texts = {}
    for code in ("en", "fr"):
        with i18n.using(code):
            # KaiOS shares are small: its axis has decimals (whole-number axes write none)
            spec = slides.render(snapshot, SlideRef("kaios", {"view": "trend"}), inline=True).spec
        texts[code] = re.findall(r"<text[^>]*>([^<]*)</text>", export.svg(spec).decode())
    assert "0.5" in texts["en"] and "0,5" in texts["fr"] and "0.5" not in texts["fr"]


def test_powerpoint_in_french(snapshot, french_refs):
    pages = Presentation(io.BytesIO(pptx.file(snapshot, french_refs, lang="fr"))).slides
    assert [p.shapes.title.text for p in pages] == ["Évolution de l’usage d’Internet",
                                                     "Usage d’Internet, 2019 — Afrique (continent)", "Kenya en bref"]
    assert pages[0].notes_slide.notes_text_frame.text.startswith("L’Afrique (région UIT) face au reste du monde.")


def test_the_pdf_handout_in_french_keeps_every_french_character(snapshot, french_refs):
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.pdf(snapshot, french_refs, lang="fr"))).pages)
    assert "Évolution de l’usage d’Internet" in text and "Notes : L’Afrique (région UIT)" in text
    assert "Diapositive 3 / 3" in text and "Kenya en bref" in text
    revised = numbers.pct(snapshot.value("itu_internet_use_rate", "ITU_AFR", "2023"), lang="fr")
    assert revised.replace("\u00a0", " ") in text  # "35,0 %" (pypdf reads the no-break space as a space)
    assert "1\u202f234\u202f567 personnes" in text  # the narrow no-break space between thousands survives


def test_csv_for_french_spreadsheets_and_unchanged_in_english():
    frame = pd.DataFrame({"name": ["Côte d’Ivoire"], "value": [58.4], "period": ["2024"]})
    fr = export.csv(frame, "Banque mondiale; WDI", lang="fr")
    assert fr.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel then reads UTF-8
    lines = fr.decode("utf-8-sig").splitlines()
    assert lines[0] == '"name";"value";"period";"source"'  # the same column names in both languages
    assert lines[1] == '"Côte d’Ivoire";"58,4";"2024";"Banque mondiale; WDI"'  # quoted: a "," never splits 58,4
    back = pd.read_csv(io.BytesIO(fr), sep=";", decimal=",", encoding="utf-8-sig", dtype={"period": str})
    assert back["value"].tolist() == [58.4] and back["source"].tolist() == ["Banque mondiale; WDI"]
    en = export.csv(frame, "World Bank, WDI", lang="en").decode("utf-8").splitlines()
    assert en == ["name,value,period,source", 'Côte d’Ivoire,58.4,2024,"World Bank, WDI"']


# --- issue 22: words, not codes; plurals that agree ---------------------------------------------------------
def _add_button() -> None:
    from atlas.ui import lang
    from atlas.ui.presenter import add_view_button
    lang.setup()
    add_view_button("internet", "Internet use")


@pytest.mark.parametrize("code, one, two", [
    ("en", "Added to your deck (1 slide).", "Added to your deck (2 slides)."),
    ("fr", "Ajoutée à votre présentation (1 diapositive).", "Ajoutée à votre présentation (2 diapositives)."),
])
def test_the_added_to_deck_message_agrees_with_its_count(code, one, two):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_function(_add_button, default_timeout=30)
    at.query_params["lang"] = code
    at.run()
    texts = []
    for _ in range(2):
        at.button(key="add-to-deck").click().run()
        texts.append(at.toast[0].value)
    assert texts[0].startswith(one) and texts[1].startswith(two), texts


@pytest.mark.parametrize("code, words", [
    ("en", ["Internet use", "its region"]),
    ("fr", ["Usage d’Internet", "sa région"]),
])
def test_slide_descriptions_name_places_and_indicators_not_codes(snapshot, code, words):
    gsma = next(r for r in slides.default_deck(snapshot) if "gsma" in r.params)  # the story's regions slide
    profile = SlideRef("country", {"country": "GHA", "peers": "internet_users_pct", "within": "region"})
    with i18n.using(code):
        regions = slides.settings(snapshot, gsma)
        country = slides.settings(snapshot, profile)
        names = [snapshot.name(c) for c in gsma.params["gsma"].split(",")]
    assert all(name in regions for name in names), regions
    assert not re.search(r"\b(WLD|GSMA_\w+)\b", regions), regions
    assert not re.search(r"internet_users_pct|\bwithin region\b|\bpeers \w", country), country  # the codes as before
    assert all(w in country for w in words + [snapshot.name("GHA") if code == "en" else "Ghana"]), country
