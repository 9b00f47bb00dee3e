"""French: the catalogue is complete and current, numbers follow French conventions, pages render in French."""
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from atlas import i18n, numbers
from tests.apptest_tools import chart_data, french_problems, run_page

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "plural": (2, 3)}


def code_messages() -> set:
    """Every message marked in the code, extracted as `pybabel extract -F babel.cfg` does."""
    with open(ROOT / "babel.cfg") as f:
        from babel.messages.frontend import parse_mapping_cfg
        method_map, options_map = parse_mapping_cfg(f)
    return {m[2] if isinstance(m[2], str) else tuple(m[2])
            for m in extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS)
            if not str(m[0]).startswith((".venv", "tests", "benchmarks", "node_modules"))}


def french_catalogue():
    with open(i18n.po_path("fr"), "rb") as f:
        return read_po(f, locale="fr_FR")


def test_catalogue_has_every_message_translated():
    cat = french_catalogue()
    po = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in cat if m.id}
    wanted = code_messages()
    assert len(wanted) > 80
    absent = sorted(str(m) for m in wanted if m not in po)
    assert absent == [], f"{len(absent)} messages not in the French .po (run scripts/i18n.sh extract): {absent[:5]}"
    untranslated = [m.id for m in po.values()
                    if "fuzzy" in m.flags or not (m.string if isinstance(m.string, str) else all(m.string))]
    assert untranslated == []
    # placeholders survive translation
    for m in po.values():
        if isinstance(m.id, str):
            assert set(re.findall(r"{\w+}", m.id)) == set(re.findall(r"{\w+}", m.string)), m.id


def test_translation_follows_the_run_language():
    with i18n.using("fr"):
        assert i18n._("Country") == "Pays"
        assert numbers.plural(3, "country", "countries") == "3 pays"
    assert i18n._("Country") == "Country"


@pytest.mark.parametrize("call, en, fr", [
    (lambda l: numbers.decimal(1234567.891, 1, l), "1,234,567.9", "1\u202f234\u202f567,9"),
    (lambda l: numbers.pct(16.5, 0, l), "17 %", "17\u00a0%"),
    (lambda l: numbers.pct(58.39, 1, l), "58.4 %", "58,4\u00a0%"),
    (lambda l: numbers.usd_bn(1260, lang=l), "US$1.26 trillion", "1,26 billion de dollars"),
    (lambda l: numbers.usd_bn(836.5, lang=l), "US$836.5 bn", "836,5 milliards de dollars"),
    (lambda l: numbers.million(170, l), "170 million", "170 millions"),
    (lambda l: numbers.month("2026-06", l, long=True), "June 2026", "juin 2026"),
    (lambda l: numbers.month("2026-06", l), "Jun 2026", "juin 2026"),
    (lambda l: numbers.share_words(49, l), "about half", "environ la moitié"),
    (lambda l: numbers.qualified("over", numbers.million(170, l), l), "over 170 million", "plus de 170 millions"),
    (lambda l: numbers.significant(0.012345, 3, l), "0.0123", "0,0123"),
])
def test_numbers_in_both_languages(call, en, fr):
    assert call("en") == en
    assert call("fr") == fr


def test_chart_locale_agrees_with_page_text():
    loc = i18n.vega_locale("fr")
    assert loc["number"]["decimal"] == "," and loc["number"]["thousands"] == "\u202f"
    assert loc["time"]["months"][5] == "juin"
    assert i18n.vega_locale("en") is None


# --- pages -----------------------------------------------------------------------------------------
def test_internet_page_in_french_has_no_english_interface_text():
    # AppTest calls a widget's format_func in the test's thread: give that thread the page's language
    i18n.use("fr")
    at = run_page("../pages/internet.py", {"lang": "fr", "year": "2020", "region": "ssa"})
    assert not at.exception
    # the snapshot's texts (definition, caveats with their figures, citation lines) are French too now
    assert "Usage d’Internet" in [t.value for t in at.title]
    assert french_problems(at) == []
    _frames, spec = chart_data(at)
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    tooltip_titles = [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]]
    assert tooltip_titles[0] == "Pays" and "Rang" in tooltip_titles
    assert "Carte" in spec["description"] and "Afrique subsaharienne" in spec["description"]
    assert at.query_params["lang"] == ["fr"] or at.query_params["lang"] == "fr"
    i18n.use("en")


def test_switching_language_keeps_the_view():
    at = run_page("../pages/internet.py", {"lang": "fr", "year": "2010", "region": "ssa", "view": "table"})
    with i18n.using("fr"):  # AppTest formats the French page's widget values in this thread
        at.query_params["lang"] = "en"
        at.run()
    assert not at.exception
    assert at.title[0].value == "Internet use"
    q = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert (q["year"], q["region"], q["view"], q["lang"]) == ("2010", "ssa", "table", "en")


def test_bad_language_falls_back_with_a_notice():
    at = run_page("../pages/internet.py", {"lang": "de"})
    assert not at.exception
    assert at.title[0].value == "Internet use"
    assert any("'de' is not one of the choices" in w.value for w in at.warning)
