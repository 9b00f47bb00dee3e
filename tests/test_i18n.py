"""French: the catalogue is complete and current, numbers follow French conventions, pages render in French."""
import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from atlas import i18n, numbers, regions
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


def test_the_french_page_check_finds_english_words_only_as_whole_words():
    """The checker every French page test relies on (`apptest_tools.english_leaks`)."""
    from tests.apptest_tools import english_leaks, english_messages
    english = english_messages()
    message = next(m for m in sorted(english) if m.startswith("Year of value"))
    assert (f"x {message} y", message) in english_leaks([f"x {message} y"])
    assert english_leaks(["xYear of valuey", "rien"]) == [] and english_leaks(["Year"]) == [("Year", "Year")]
    assert len(english) > 500


# --- pages -----------------------------------------------------------------------------------------
def test_internet_page_in_french_has_no_english_interface_text():
    # AppTest calls a widget's format_func in the test's thread: give that thread the page's language
    i18n.use("fr")
    at = run_page("internet", {"lang": "fr", "year": "2020", "region": "ssa"})
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
    at = run_page("internet", {"lang": "fr", "year": "2010", "region": "ssa", "view": "table"})
    with i18n.using("fr"):  # AppTest formats the French page's widget values in this thread
        at.query_params["lang"] = "en"
        at.run()
    assert not at.exception
    assert at.title[0].value == "Internet use"
    q = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert (q["year"], q["region"], q["view"], q["lang"]) == ("2010", "ssa", "table", "en")


def test_bad_language_falls_back_with_a_notice():
    at = run_page("internet", {"lang": "de"})
    assert not at.exception
    assert at.title[0].value == "Internet use"
    assert any("'de' is not one of the choices" in w.value for w in at.warning)


# --- the snapshot's own texts (second domain, `snapshot`) ---------------------------------------------
def snapshot_catalogue(path=None):
    with open(path or i18n.po_path("fr", i18n.DATA_DOMAIN), "rb") as f:
        return read_po(f, locale="fr_FR")


def missing_french(data_dir) -> list[str]:
    """Snapshot texts of `data_dir` with no French in the committed snapshot.po."""
    from atlas.i18n.snapshot_texts import snapshot_texts
    po = {m.id: m for m in snapshot_catalogue() if m.id}
    return sorted(t for t in snapshot_texts(data_dir) if t not in po or not po[t].string or "fuzzy" in po[t].flags)


def test_every_snapshot_text_has_french_and_the_pot_is_current():
    from atlas.i18n.snapshot_texts import snapshot_texts
    from atlas.store import DATA_DIR
    texts = snapshot_texts(DATA_DIR)
    assert len(texts) > 300
    assert missing_french(DATA_DIR) == [], "run scripts/i18n.sh extract and translate snapshot.po"
    pot = {m.id for m in snapshot_catalogue(i18n.DIR / "snapshot.pot") if m.id}
    assert pot == set(texts), "snapshot.pot is stale against data/: run scripts/i18n.sh extract"
    for m in snapshot_catalogue():  # a caveat's placeholders survive translation
        if m.id:
            assert set(re.findall(r"{\w+}", m.id)) == set(re.findall(r"{\w+}", m.string)), m.id


def test_a_refresh_that_brings_a_new_indicator_or_event_shows_up_as_missing_french(tmp_path):
    import shutil

    import pandas as pd

    from atlas.store import DATA_DIR
    for f in DATA_DIR.iterdir():
        shutil.copy(f, tmp_path / f.name)
    ind = pd.read_parquet(tmp_path / "indicators.parquet")
    new = ind.iloc[[0]].assign(id="new_one", label="Households with a fixed line (%)")
    pd.concat([ind, new]).to_parquet(tmp_path / "indicators.parquet")
    ev = pd.read_parquet(tmp_path / "events.parquet")
    pd.concat([ev, ev.iloc[[0]].assign(title="A new operator launches")]).to_parquet(tmp_path / "events.parquet")
    assert missing_french(tmp_path) == ["A new operator launches", "Households with a fixed line (%)"]


def test_every_place_and_group_has_a_french_name():
    from atlas.store import DATA_DIR, Snapshot
    ent = Snapshot.load(DATA_DIR).entities
    assert ent.loc[ent["name_fr"].fillna("") == "", "code"].tolist() == []
    assert "'" not in "".join(ent["name_fr"])  # typographic apostrophes, as everywhere in the French texts


def test_snapshot_accessors_speak_the_run_language(snapshot):
    obs = snapshot.rows("itu_internet_use_rate")
    world = obs[(obs["entity"] == "WLD")].set_index("period")["value"]
    wdi = snapshot.rows("internet_users_pct").query("entity == 'WLD'").set_index("period")["value"]
    year = max(set(world.index) & set(wdi.index))
    with i18n.using("fr"):
        ind = snapshot.indicator("internet_users_pct")
        assert ind["label"] == "Personnes utilisant Internet (% de la population)"
        assert ind["short_label"] == "Usage d’Internet" and ind["unit"] == "%"  # the unit stays a machine key
        caveat = snapshot.indicator("itu_internet_use_rate")["caveats"]
        assert world[year] == wdi[year] and f"({numbers.pct(world[year], lang='fr')} en {year} dans les deux" in caveat
        assert "," in numbers.pct(world[year], lang="fr") and "{" not in caveat
        fas = snapshot.indicator("fas_tx_value_pct_gdp")["caveats"]
        assert "Hongrie" in fas and "Hungary" not in fas  # names in the caveat follow the language
        assert snapshot.name("SSF") == "Afrique subsaharienne" and snapshot.name("CIV") == "Côte d’Ivoire"
        assert "Égypte" in snapshot.cross_section("internet_users_pct", "2020")["name"].tolist()
        assert "Égypte" in regions.map_values(snapshot, "internet_users_pct", "2020")["name"].tolist()
        assert set(snapshot.series("internet_users_pct", ["GSMA_SSA", "SSF"])["name"]) <= {"Afrique subsaharienne"}
        cite = snapshot.citation("internet_users_pct")
        assert cite.startswith("Source : Banque mondiale") and " ; version des WDI du 13 juillet 2026. Licence : " in cite
        events = snapshot.events_table()
        assert "Création de l’Alliance Smart Africa" in events["title"].tolist()
        assert "Smart Africa Alliance founded" in events["title_original"].tolist()
        assert snapshot.source("caniuse")["vintage"].startswith("mises à jour mensuelles, de juin 2014 à ")
    # English stays as stored, and the memoised names did not leak across languages
    assert snapshot.name("CIV") == "Cote d'Ivoire"
    assert "Egypt, Arab Rep." in regions.map_values(snapshot, "internet_users_pct", "2020")["name"].tolist()
    assert snapshot.citation("internet_users_pct").startswith("Source: World Bank")
    assert snapshot.indicator("itu_internet_use_rate")["caveats"] == snapshot.indicators.loc["itu_internet_use_rate",
                                                                                             "caveats"]


def test_map_tooltip_names_places_in_french():
    from atlas import geo
    at = run_page("internet", {"lang": "fr", "year": "2020"})
    assert not at.exception
    _frames, spec = chart_data(at)
    names = [t["calculate"] for layer in spec["layer"] for t in layer.get("transform", [])
             if t.get("as") == "name"]
    assert names and all("datum.name_fr" in c and "datum.note_fr" in c for c in names), names
    places = {p["id"]: p for p in geo.place_rows()}  # the static file the browser fetches once
    assert (places["CIV"]["name_fr"], places["EGY"]["name_fr"]) == ("Côte d’Ivoire", "Égypte")
    assert places["SOM"]["note_fr"].startswith("y compris le Somaliland")
    at_en = run_page("internet", {"year": "2020"})
    _frames, spec_en = chart_data(at_en)
    assert "name_fr" not in json.dumps(spec_en)


def test_data_page_in_french():
    i18n.use("fr")
    try:
        at = run_page("../pages/data.py", {"lang": "fr"})
        assert not at.exception
        assert french_problems(at) == []
        table = at.dataframe[0].value
        assert "Personnes utilisant Internet (% de la population)" in table["label"].tolist()
        assert table["caveats"].str.contains("UIT").any() and set(table["period_type"]) == {"annuelle"}
        assert at.markdown[0].value.startswith("Dernière actualisation le ")
    finally:
        i18n.use("en")
