"""French on the KaiOS and mobile money explorers, the overview and the StatCounter upload (engineer A's
part of issue 14), and tables whose numbers follow the page's language."""
import pandas as pd
import pytest

from atlas import charts, i18n
from atlas.themes.base import Column


@pytest.mark.parametrize("fmt, value, en, fr", [
    ("%.1f", 58.39, "58.4", "58,4"),
    ("%d", 1234, "1,234", "1\u202f234"),
    ("%.4f", 0.01234, "0.0123", "0,0123"),
    ("%.4g", 1.23456, "1.235", "1,235"),
    ("%+.1f", 2.25, "+2.3", "+2,3"),
])
def test_a_table_column_writes_numbers_in_the_run_language(fmt, value, en, fr):
    col = Column("x", fmt)
    with i18n.using("en"):
        assert col.text(value) == en
    with i18n.using("fr"):
        assert col.text(value) == fr
    assert col.text(float("nan")) == ""


def test_a_table_shows_french_decimals_and_keeps_numbers_to_sort_by():
    from atlas.ui.explorer import table
    frame = pd.DataFrame({"name": ["Kenya", "Ghana"], "value": [58.39, 9.04], "rank": [1, 2]})
    cols = {"name": Column("Country"), "value": Column("Use (%)", "%.1f"), "rank": Column("Rank", "%d")}
    styled = table(frame, cols)
    with i18n.using("fr"):
        fr = styled.to_string()
    with i18n.using("en"):
        en = styled.to_string()
    assert "58,4" in fr and "9,0" in fr and "58.4" not in fr
    assert "58.4" in en and "9.0" in en
    assert styled.data["value"].dtype == float  # the numbers underneath still sort as numbers


# --- French pages ------------------------------------------------------------------------------------
import functools  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402

from atlas import numbers  # noqa: E402
from atlas.themes.kaios import data as kaios  # noqa: E402
from atlas.themes.mobile_money import data as mm  # noqa: E402
from atlas.store import DATA_DIR, Snapshot  # noqa: E402
from tests.apptest_tools import chart_data, french_problems, page_texts, run_page  # noqa: E402


@functools.cache
def snap() -> Snapshot:
    return Snapshot.load(DATA_DIR)


@functools.cache
def published() -> tuple[list[str], set[str]]:
    """Texts that stay as published in every language: a publication's own title (a press story, a report).
    Everything else the snapshot holds is shown in the page's language and checked."""
    s = snap()
    texts = [str(v) for v in s.sources["title"].dropna()] + [str(v) for v in s.events["source_title"].dropna()]
    texts += [str(v) for v in s.facts["source_title"].dropna()]
    return sorted(set(t for t in texts if len(t) > 3), key=len, reverse=True), set()


def own_texts(at, extra: list[str] = ()) -> list[str]:
    """What the page shows, snapshot texts removed (see `published`), metrics included."""
    strip, names = published()
    out = []
    for text in page_texts(at) + list(extra) + [t for m in at.get("metric") for t in (m.label, m.value)]:
        if text in names:
            continue
        text = re.sub(r"<[^>]+>", "", text)  # an HTML tag's style ("line-height:1.1") is not read
        for s in strip:
            text = text.replace(s, "")
        out.append(text)
    # a chart description names its lowest and highest places: "(World, août 2026)"
    return [re.sub(r"\(([^(),]+),", lambda m: "(," if m.group(1) in names else m.group(0), t) for t in out]


# Proper names that contain a catalogue word: a browser ("UC Browser") and StatCounter's own English-only menu
# names ("Monthly") in the upload how-to, which names its site
KAIOS_NAMES = ["UC Browser", "gs.statcounter.com"]


def run_fr(page: str, query: dict):
    with i18n.using("fr"):  # AppTest formats widget values in the test's thread
        at = run_page(page, {"lang": "fr", **query})
    assert not at.exception
    return at


def test_kaios_map_in_french():
    at = run_fr("kaios", {"month": "2019-06"})
    _frames, spec = chart_data(at)
    captions = " ".join(c.value for c in at.caption)
    high = numbers.significant(kaios.colour_domain(snap(), "all", "log")[1], lang="fr")
    assert french_problems(at, own_texts(at, [spec["description"]]), allow=KAIOS_NAMES) == []
    assert charts.heading(spec) == "Part de KaiOS, juin 2019 — Monde"
    assert f"Échelle de couleurs logarithmique de ≤0,001\u00a0% à {high}\u00a0%" in captions
    assert "Petits échantillons : 80 pays ou régions sont signalés" in " ".join(m.value for m in at.markdown)
    # the log legend's test stays a number Vega can read; its label is French
    assert "datum.value <= 0.001 ? '≤0,001'" in json.dumps(spec, ensure_ascii=False)


def test_kaios_browsers_view_in_french():
    at = run_fr("kaios", {"view": "browsers", "context": "IND"})
    _frames, spec = chart_data(at)
    assert french_problems(at, own_texts(at, [charts.heading(spec), spec["description"]]),
                           allow=KAIOS_NAMES) == []
    assert charts.heading(spec).endswith("— Inde")
    tooltips = [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]]
    assert tooltips[:2] == ["Navigateur", "Mois"]
    first = numbers.month(kaios.months(snap())[0], "fr")
    assert f"Les chiffres de KaiOS commencent en {first}" in " ".join(c.value for c in at.caption)


def test_mobile_money_map_in_french_with_its_headline():
    at = run_fr("mobile-money", {"year": "2021"})
    _frames, spec = chart_data(at)
    assert french_problems(at, own_texts(at, [spec["description"]])) == []
    from atlas.themes.mobile_money import gsma
    story, now = mm.headline(snap(), mm.STORY_YEAR), gsma.latest(snap())
    world = numbers.usd_bn(now.world, lang="fr")  # GSMA's dataset, then the story year as reported
    assert f"En {now.year}, le mobile money a fait circuler {world} dans le monde" in \
        " ".join(m.value for m in at.markdown)
    assert numbers.usd_bn(now.world, short=True, lang="fr") in [m.value for m in at.metric]
    assert numbers.usd_bn(story.world.value, short=True, lang="fr") in [m.value for m in at.metric]
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_mobile_money_table_in_french_writes_decimal_commas():
    import pyarrow as pa
    at = run_fr("mobile-money", {"view": "table", "year": "2021"})
    assert french_problems(at, own_texts(at)) == []
    table = at.dataframe[0]
    shown = pa.ipc.open_stream(table.proto.arrow_data.styler.display_values).read_all().to_pandas()
    values = table.value  # the numbers underneath (what a click on the heading sorts by)
    first = values["value"].iloc[0]
    assert shown["value"].iloc[0] == numbers.decimal(first, 1, "fr") and "," in shown["value"].iloc[0]
    assert values["value"].dtype.kind == "f"


def test_an_english_table_keeps_decimal_points():
    at = run_page("mobile-money", {"view": "table", "year": "2021"})
    table = at.dataframe[0]
    first = table.value["value"].iloc[0]
    assert not table.proto.arrow_data.styler.display_values  # no Styler in English: Streamlit's printf format
    config = json.loads(table.proto.columns)  # Streamlit's column settings, as the browser gets them
    assert any(c.get("type_config", {}).get("format") == "%.1f" for c in config.values())
    assert f"{first:.1f}" == numbers.decimal(first, 1, "en") and "." in numbers.decimal(first, 1, "en")


def test_a_malformed_upload_is_explained_in_french():
    from pathlib import Path
    data = (Path(__file__).parent / "fixtures" / "statcounter" / "bad_sums.csv").read_bytes()
    at = run_fr("kaios", {"view": "trend"})
    with i18n.using("fr"):
        at.file_uploader(key="kaios.upload").set_value(("bad_sums.csv", data, "text/csv")).run()
    assert not at.exception
    error = " ".join(e.value for e in at.error)
    assert error.startswith("Ce fichier est inutilisable : Les parts d’une ligne devraient totaliser environ 100\u00a0%")
    assert "Les séries de l’atlas restent inchangées." in error
    assert french_problems(at, own_texts(at), allow=KAIOS_NAMES) == []


def test_overview_in_french():
    from atlas import story
    at = run_fr("../app.py", {})  # the overview is the app's default page (its links need the navigation)
    charts = [chart_data(at, i)[1] for i in range(3)]
    assert french_problems(at, own_texts(at, [c["description"] for c in charts])) == []
    body = " ".join(own_texts(at) + [m.value for m in at.markdown])
    with i18n.using("fr"):
        internet, money, kaios_card = [card for _, card in story.cards(snap())]
    from atlas.themes.mobile_money import gsma
    now = gsma.latest(snap())
    assert numbers.usd_bn(now.world, lang="fr") == money.figure and money.figure in body
    assert f"ont transité par le mobile money dans le monde en {now.year}" in body
    assert kaios_card.figure.startswith("plus de ") and kaios_card.figure.endswith(" millions")
    reported = snap().events.query("theme == 'internet' and kind == 'reported_figure'")["date"].iloc[0]
    assert f"Tel que publié ({numbers.day(reported, 'fr')}) :" in " ".join(i.value for i in at.info)
    assert at.title[0].value == "Atlas de la connectivité"
    links = at.main.get("page_link")
    assert len(links) == 3 and all("lang=fr" in l.proto.query_string for l in links)
    assert [l.proto.label for l in links] == ["Ouvrir cette vue"] * 3


def test_quantile_map_classes_are_written_in_the_run_language():
    from atlas import charts
    values = pd.Series([0.001, 0.002, 0.01, 0.02, 0.1, 0.2, 1.0, 2.0, 3.0, 3.2])
    with i18n.using("fr"):
        labels = list(charts.quintiles(values).cat.categories)
    assert labels[0] == "0,001–0,0084" and labels[-1] == "2,2–3,2"  # qcut fifths, 2 significant digits
