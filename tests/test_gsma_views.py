"""The GSMA dataset's views and ITU's gaps, pure: every figure drawn equals the snapshot's; the regional map
paints each country GSMA lists with its region's figure; slides and exports of each new view render in
English and French."""
from __future__ import annotations

import json
import re

import pytest

from atlas.themes.mobile_money import gsma as gv
from atlas import i18n, numbers
from atlas.themes.internet import gaps as itu_gaps


def test_value_lines_are_monthly_figures_at_quarter_ends_for_six_regions(snapshot):
    frame = gv.series(snapshot, "value", gv.REGIONS)
    assert set(frame["entity"]) == set(gv.REGIONS)
    assert frame["period"].min() <= "2012-12" and frame["period"].max() == "2024-12"
    assert set(frame["period"].str[5:]) == {"03", "06", "09", "12"}
    for row in frame.sample(20, random_state=1).itertuples():
        assert row.value == snapshot.value("gsma_mm_value", row.entity, row.period) / 1e9
    assert "in the month" in gv.MEASURES["value"][1]
    spec = gv.lines_spec(snapshot, "value", frame)
    assert "Line chart" in spec["description"] and "US$ bn in the month" in spec["description"]


def test_computed_measures_follow_their_parts(snapshot):
    per_tx = gv.series(snapshot, "per_tx", ["GSMA_SSA"]).set_index("period")["value"]
    share = gv.series(snapshot, "world_share", [gv.AFRICA]).set_index("period")["value"]
    active = gv.series(snapshot, "active_share", [gv.WORLD]).set_index("period")["value"]
    v = lambda ind, e, p: snapshot.value(ind, e, p)  # noqa: E731
    assert per_tx["2024-12"] == pytest.approx(v("gsma_mm_value", "GSMA_SSA", "2024-12") / v("gsma_mm_volume", "GSMA_SSA", "2024-12"))
    assert share["2024-12"] == pytest.approx(100 * v("gsma_mm_value", gv.AFRICA, "2024-12") / v("gsma_mm_value", gv.WORLD, "2024-12"))
    assert active["2024-12"] == pytest.approx(100 * v("gsma_mm_accounts_active_30d", gv.WORLD, "2024-12")
                                              / v("gsma_mm_accounts_registered", gv.WORLD, "2024-12"))


def test_the_annual_product_mix_adds_up_to_the_annual_table(snapshot):
    year = gv.annual_year(snapshot)
    frame = gv.mix_year(snapshot, "value")
    assert len(frame["entity"].unique()) == 14 and set(frame["period"]) == {year}
    for code, part in frame.groupby("entity"):
        assert part["share"].sum() == pytest.approx(100)
        assert part["amount"].sum() * 1e9 == pytest.approx(snapshot.value("gsma_mm_year_value", code, year))
    over_time = gv.mix_time(snapshot, "volume", "GSMA_SAS")
    assert over_time.groupby("period")["share"].sum().round(6).eq(100).all()


def test_the_regional_map_paints_each_listed_country_with_its_regions_figure(snapshot):
    countries, areas = gv.map_table(snapshot, "value", "2024")
    assert len(countries) == len(snapshot.entities["gsma_area"].dropna()) == 98
    painted = areas.iloc[countries["a"]].reset_index(drop=True)
    assert (painted["entity"].values == countries["gsma_area"].values).all()
    for area in areas.itertuples():
        assert area.value == snapshot.value("gsma_mm_value", area.entity, "2024-12") / 1e9
    kenya = countries.set_index("entity").loc["KEN"]
    assert areas.iloc[kenya["a"]]["entity"] == snapshot.entities.loc["KEN", "gsma_region"] or \
        areas.iloc[kenya["a"]]["entity"] == snapshot.entities.loc["KEN", "gsma_subregion"]
    spec = gv.map_spec(snapshot, "value", "2024", countries, areas)
    assert "not a country figure" in spec["description"] and "Other countries are not covered" in spec["description"]
    values = spec["datasets"]["map_values"]
    assert len(values) == 98 and set(values.columns) == {"id", "a"}  # only the index travels per country
    params = {p["name"]: p.get("value") for p in spec["params"]}
    assert params["area_values"] == [None if v != v else v for v in areas["value"]]
    assert "GSMA region" in json.dumps(spec["layer"][0]["encoding"]["tooltip"])


def test_reported_figures_sit_beside_the_datasets_with_their_revision(snapshot):
    table = gv.revisions(snapshot, [gv.WORLD, gv.AFRICA])
    value = table[table["indicator"] == "gsma_tx_value"].set_index(["entity", "year"])
    reported_2022 = value.loc[(gv.WORLD, "2022")]
    assert reported_2022["reported"] == snapshot.value("gsma_tx_value", gv.WORLD, "2022")
    assert reported_2022["current"] != reported_2022["current"]  # NaN: no annual 2022 figure in the dataset
    year = gv.annual_year(snapshot)
    now = value.loc[(gv.WORLD, year)]
    assert now["current"] == snapshot.value("gsma_mm_year_value", gv.WORLD, year) / 1e9
    assert now["revision_pct"] == pytest.approx(100 * (now["current"] - now["reported"]) / now["reported"])
    accounts = table[table["indicator"] == "gsma_registered_accounts"].set_index(["entity", "year"]).loc[(gv.WORLD, "2022")]
    assert accounts["current"] == snapshot.value("gsma_mm_accounts_registered", gv.WORLD, "2022-12") / 1e6


def test_the_country_profile_line_is_labelled_regional(snapshot):
    line = gv.regional_line(snapshot, "KEN")
    area = snapshot.entities.loc["KEN", "gsma_area"]
    assert line.startswith(f"{snapshot.name(area)}, where Kenya is:") and "regional figures" in line
    assert numbers.usd_bn(snapshot.value("gsma_mm_year_value", area, gv.annual_year(snapshot)) / 1e9) in line
    assert gv.regional_line(snapshot, "FRA") is None  # not in GSMA's list
    with i18n.using("fr"):
        assert "chiffres régionaux" in gv.regional_line(snapshot, "KEN")


def test_itu_gaps_and_the_chain_of_editions_come_from_the_data(snapshot):
    year, women, men = itu_gaps.women_men(snapshot, "ITU_AFR")
    assert women == snapshot.value("itu_internet_use_rate.female", "ITU_AFR", year)
    assert men == snapshot.value("itu_internet_use_rate.male", "ITU_AFR", year)
    assert itu_gaps.women_men_sentence(snapshot) == f"In {year}, women {numbers.pct(women)}, men {numbers.pct(men)} (ITU, by sex)."
    chain = itu_gaps.editions(snapshot, "ITU_AFR")
    rows = snapshot.rows("itu_internet_use_rate", alternates=True).query("entity == 'ITU_AFR' and period == '2023'")
    assert [v for _l, v in chain[1:]] == [rows.loc[~rows["preferred"], "value"].item(), rows.loc[rows["preferred"], "value"].item()]
    frame = itu_gaps.frame(snapshot, "area", "2025")
    assert len(frame) == 14 and set(frame["period"]) == {"2025"}


@pytest.mark.parametrize("page, params", [
    ("mobile-money", {"view": "gsma_lines", "gmeasure": "volume"}),
    ("mobile-money", {"view": "gsma_map", "year": "2023"}),
    ("mobile-money", {"view": "gsma_mix"}),
    ("mobile-money", {"view": "gsma_mix", "mixarea": "GSMA_EAF", "mixby": "volume"}),
    ("internet", {"view": "gaps", "gap": "area", "year": "2025"}),
])
def test_a_slide_of_each_new_view_renders_and_exports_in_both_languages(snapshot, page, params):
    from atlas import export, slides
    from atlas.deck import SlideRef
    titles = {}
    for lang in ("en", "fr"):
        with i18n.using(lang):
            slide = slides.render(snapshot, SlideRef(page, params), inline=True)
            assert slide.spec is not None and not slide.notices, slide.notices
            titles[lang] = slide.title
            if params["view"] == "gsma_map":  # a world map's offline drawing is the slow part (10-25 s): the
                assert slide.periods and slide.spec["datasets"]  # browser test counts its shapes; here its data
                continue
            svg = export.svg(slide.spec).decode()
            assert "GSMA" in svg or "ITU" in svg or "UIT" in svg  # the source line travels with the image
    assert titles["en"] != titles["fr"]


# --- the pages (AppTest) -------------------------------------------------------------------------------
def test_the_mobile_money_page_draws_the_gsma_views_and_their_controls_change_them():
    from tests.apptest_tools import chart_data, run_page
    at = run_page("mobile-money", {"view": "gsma_lines"})
    assert not at.exception
    frames, spec = chart_data(at)
    assert set(frames["series"]["name"]) == {gv.area_name(at_snap(), c) for c in gv.REGIONS}
    assert "US$ bn in the month" in spec["description"]
    assert any("monthly" in e.value or "in one month" in e.value for e in at.caption)
    at.selectbox(key="mobile_money.gmeasure").set_value("active_share").run()
    frames, spec = chart_data(at)
    assert "% of registered accounts" in spec["description"] and frames["series"]["value"].max() <= 100
    at.segmented_control(key="mobile_money.view").set_value("gsma_map").run()
    assert not at.exception
    frames, spec = chart_data(at)
    assert len(frames["map_values"]) == 98 and at.query_params["view"] in ("gsma_map", ["gsma_map"])
    assert any("not country figures" in e.value for e in at.caption)
    at.segmented_control(key="mobile_money.view").set_value("gsma_mix").run()
    frames, spec = chart_data(at)
    assert frames["shares"]["name"].nunique() == 14
    at.selectbox(key="mobile_money.mixarea").set_value("GSMA_EAF").run()
    frames, spec = chart_data(at)
    assert frames["shares"]["period"].max() == "2024-12" and not at.exception


def test_the_internet_page_draws_the_gaps_view():
    from tests.apptest_tools import chart_data, run_page
    at = run_page("internet", {"view": "gaps", "year": "2025"})
    assert not at.exception
    frames, spec = chart_data(at)
    assert set(frames["groups"]["group"]) == {"Women", "Men"} and set(frames["groups"]["period"]) == {"2025"}
    at.segmented_control(key="internet.gap").set_value("area").run()
    frames, spec = chart_data(at)
    assert set(frames["groups"]["group"]) == {"Urban areas", "Rural areas"} and not at.exception


def at_snap():
    from atlas.store import Snapshot
    return Snapshot.load()


def test_the_new_views_in_french():
    """One French page run through the GSMA lines and map (one run, the view switched), then the gaps view (the
    product mix's French is checked on its slide)."""
    from tests.apptest_tools import chart_data, french_problems
    from tests.test_french_explorers import own_texts, run_fr
    at = run_fr("mobile-money", {"view": "gsma_lines"})
    for view in ("gsma_lines", "gsma_map"):
        if view != "gsma_lines":
            with i18n.using("fr"):
                at.segmented_control(key="mobile_money.view").set_value(view).run()
        assert not at.exception
        _frames, spec = chart_data(at)
        assert french_problems(at, own_texts(at, [spec["description"]])) == [], view
        assert spec["config"]["locale"]["number"]["decimal"] == ","
    at = run_fr("internet", {"view": "gaps", "year": "2025"})
    _frames, spec = chart_data(at)
    assert french_problems(at, own_texts(at, [spec["description"]])) == []
    assert "femmes" in spec["description"].lower() or "Femmes" in json.dumps(spec["datasets"]["groups"]["group"].tolist())


def test_the_data_page_lists_the_new_indicators_with_gsmas_definitions_in_both_languages(snapshot):
    from tests.apptest_tools import run_page
    readme = snapshot.indicators.loc["gsma_mm_services", "definition"]
    for lang, expected in (("en", readme), ("fr", None)):
        with i18n.using(lang):
            at = run_page("../pages/data.py", {"lang": lang})
            at.segmented_control(key="theme").set_value("mobile_money").run()
            table = at.dataframe[0].value
            expected = expected or i18n.data_(readme)
            row = table[table["definition"] == expected]
            assert len(row) == 1 and not at.exception
            assert "GSMA" in row["licence"].iloc[0] and row["measure"].iloc[0] == i18n.data_("cumulative at the date")
            if lang == "fr":
                assert expected != readme and expected.startswith("Nombre cumulé")
