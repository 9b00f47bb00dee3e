"""AppTest: the mobile money page runs every control without exception, and the controls change the data."""
import json
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from atlas import charts, numbers
from atlas.themes.mobile_money import data as mm
from atlas.ui.cache import DATA_DIR
from tests.apptest_tools import chart_data, run_page

PAGE = "mobile-money"


def run(query=None):
    return run_page(PAGE, query)


def title(spec) -> str:
    return charts.heading(spec)


def texts(at) -> str:
    return " ".join(e.value for e in [*at.info, *at.caption, *at.markdown])


# --- map ------------------------------------------------------------------------------------------
def test_the_wave_slider_changes_the_map_and_the_url():
    at = run()
    assert not at.exception and not at.warning
    frames, spec = chart_data(at)
    assert title(spec).startswith("Mobile money account (% of adults 15+) — 2024 wave")
    assert "World Bank, Global Findex" in charts.source_line(spec)
    before = frames["map_values"]
    assert 70 <= len(before) <= 90 and set(before["p"]) == {"2024"}
    assert at.select_slider(key="mobile_money.year").options == ["2014", "2017", "2021", "2024"]
    at.select_slider(key="mobile_money.year").set_value("2021").run()
    frames, spec = chart_data(at)
    assert "2021 wave" in title(spec)
    assert set(frames["map_values"]["p"]) == {"2021", "2021 (fieldwork in 2022)"}  # said in the tooltip
    assert at.query_params["year"] == "2021"


def test_the_slice_selector_changes_the_map_and_the_url():
    at = run()
    everyone = chart_data(at)[0]["map_values"].set_index("id")["v"]
    at.selectbox(key="mobile_money.slice").set_value("women").run()
    frames, spec = chart_data(at)
    women = frames["map_values"].set_index("id")["v"]
    assert "women" in title(spec) and at.query_params["slice"] == "women"
    common = everyone.index.intersection(women.index)
    assert len(common) > 50 and (everyone[common] != women[common]).any()


def test_gender_gap_is_its_own_diverging_map_without_slices():
    at = run({"measure": "gender_gap", "slice": "women"})
    frames, spec = chart_data(at)
    assert at.selectbox(key="mobile_money.slice").disabled
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["scheme"] == "purpleorange" and scale["domain"][0] == -scale["domain"][1]
    assert (frames["map_values"]["v"] < 0).any() and (frames["map_values"]["v"] > 0).any()
    assert "gender gap" in title(spec).lower()


def test_a_fas_indicator_steps_through_its_years_on_a_log_scale():
    at = run()
    at.selectbox(key="mobile_money.measure").set_value("tx_value_gdp").run()
    assert not at.exception
    assert "IMF FAS series in this snapshot run 2007–2019; showing 2019" in texts(at)
    slider = at.select_slider(key="mobile_money.year")
    assert slider.options[0] == "2007" and slider.options[-1] == "2019" and slider.label == "Year"
    frames, spec = chart_data(at)
    assert spec["layer"][0]["encoding"]["color"]["scale"]["type"] == "log"
    assert "log scale from 0.001 to 1,000" in texts(at)
    assert "International Monetary Fund" in charts.source_line(spec)
    assert set(frames["map_values"]["p"]) == {"2019"}
    slider.set_value("2012").run()
    assert set(chart_data(at)[0]["map_values"]["p"]) == {"2012"} and at.query_params["year"] == "2012"
    at.selectbox(key="mobile_money.measure").set_value("mobile_money").run()  # back to Findex: nearest wave
    assert at.select_slider(key="mobile_money.year").value == "2014"


def test_region_focus_and_a_clickable_map():
    """The click itself is followed in Chromium (test_maps_open_a_country_profile_on_click)."""
    at = run({"region": "ssa"})
    frames, spec = chart_data(at)
    pick = [p for p in spec["params"] if p["name"] == "pick"][0]
    assert pick["select"]["fields"] == ["id"] and pick["select"]["on"] == "click"
    assert "Sub-Saharan Africa" in json.dumps(spec["layer"][0]["transform"])
    assert 30 <= len(frames["map_values"]) <= 48


def test_a_choice_without_data_says_so_instead_of_an_empty_map():
    """The figure's no-data notice for each such choice, map and table: tests/test_explorer_links.py."""
    at = run({"slice": "rural", "year": "2014"})  # rural/urban splits start in 2024
    assert not at.exception and not at.get("vega_lite_chart")
    assert any(i.value.startswith("No data for this choice") and "2024" in i.value for i in at.info)


# Every indicator in a view and every GSMA measure draw: tests/test_explorer_links.py; each view runs here once.


def test_play_steps_through_the_waves():
    at = run()
    at.button(key="mobile_money.year._play").click().run()  # at the last wave: restarts from the first
    assert at.session_state["mobile_money.year._playing"] is True
    assert at.session_state["mobile_money.year"] == "2014"


# --- trend and table ------------------------------------------------------------------------------
def test_trend_controls():
    at = run({"view": "trend"})
    assert not at.exception and not at.warning
    frames, spec = chart_data(at)
    assert set(frames["series"]["name"]) >= {"Kenya", "Ghana", "Bangladesh"}
    assert set(frames["series"]["period"]) >= {"2014", "2024"} and frames["marker"]["label"].tolist() == ["2024"]
    at.multiselect(key="mobile_money.places").set_value(["KEN", "WLD", "SSA"]).run()
    frames, _ = chart_data(at)
    assert set(frames["series"]["name"]) == {"Kenya", "World", "Sub-Saharan Africa (excluding high income)"}
    assert at.query_params["places"] == "KEN,WLD,SSA"
    at.segmented_control(key="mobile_money.axis").set_value("log").run()
    assert chart_data(at)[1]["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    at.selectbox(key="mobile_money.measure").set_value("tx_per_1000").run()  # FAS has no World or regions
    frames, _ = chart_data(at)
    assert set(frames["series"]["name"]) == {"Kenya"} and len(frames["series"]) >= 10
    assert "No values for: World, Sub-Saharan Africa" in texts(at)
    at.multiselect(key="mobile_money.places").set_value([]).run()
    assert not at.exception and any("Pick one or more places" in i.value for i in at.info)


def test_table_lists_the_cross_section_with_fieldwork_years():
    at = run({"view": "table", "year": "2021", "measure": "account"})
    assert not at.exception and not at.warning
    table = at.dataframe[0].value
    assert len(table) >= 130 and table["rank"].min() == 1
    assert (table["period"] == "2021 (fieldwork in 2022)").sum() == 16
    assert table.iloc[0]["value"] >= table.iloc[-1]["value"]


# --- GSMA regions ---------------------------------------------------------------------------------
def test_regional_view_draws_latest_figures_and_keeps_revised_ones():
    at = run({"view": "regions"})
    assert not at.exception and not at.warning
    frames, spec = chart_data(at)
    points = frames["revised_points"]
    assert set(points["name"]) >= {"World", "Sub-Saharan Africa (GSMA)", "Africa, continent-wide (GSMA)"}
    revised = points[~points["latest"]]
    assert len(revised) >= 3 and revised["status"].str.contains("revised to").any()
    assert points["source_title"].notna().all() and points["edition"].notna().all()
    assert "GSMA" in charts.source_line(spec)
    shown = texts(at)
    assert "kept apart" in shown and "North Africa" in shown  # why Africa is not Sub-Saharan Africa
    assert at.query_params["view"] == "regions" and at.query_params["metric"] == "value"


def test_regional_controls_change_the_data():
    at = run({"view": "regions"})
    at.selectbox(key="mobile_money.metric").set_value("registered").run()
    points = chart_data(at)[0]["revised_points"]
    assert points["period"].min() == "2006" and at.query_params["metric"] == "registered"
    at.multiselect(key="mobile_money.gsma").set_value(["WLD", "GSMA_SAS"]).run()
    points = chart_data(at)[0]["revised_points"]
    assert set(points["name"]) == {"World", "South Asia (GSMA)"} and at.query_params["gsma"] == "WLD,GSMA_SAS"
    at.segmented_control(key="mobile_money.axis").set_value("log").run()
    assert chart_data(at)[1]["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    at.multiselect(key="mobile_money.gsma").set_value(["GSMA_LAC"]).run()
    at.selectbox(key="mobile_money.metric").set_value("agents").run()
    assert not at.exception and not at.get("vega_lite_chart")
    assert any(i.value.startswith("No data for this choice") for i in at.info)
    at.multiselect(key="mobile_money.gsma").set_value([]).run()
    assert any("Pick one or more regions" in i.value for i in at.info)


# --- headline and links ---------------------------------------------------------------------------
def test_headline_shows_both_years_with_sources(snapshot):
    """The story's year and the latest beside it, each figure as the snapshot has it, and each source named."""
    at = run()
    metrics = {m.label: m.value for m in at.metric}
    from atlas.themes.mobile_money import gsma
    story, now = mm.headline(snapshot, mm.STORY_YEAR), gsma.latest(snapshot)  # the dataset, the story as reported
    assert now.year > story.year
    assert metrics[f"Worldwide, {now.year} (GSMA dataset)"] == numbers.usd_bn(now.world, short=True)
    assert metrics[f"Africa, {now.year} (GSMA dataset)"] == numbers.usd_bn(now.africa, short=True)
    assert metrics[f"Worldwide, {story.year}, as reported"] == numbers.usd_bn(story.world.value, short=True)
    assert metrics[f"Africa, {story.year}, as reported"] == numbers.usd_bn(story.africa.value, short=True)
    assert numbers.share_words(now.share) in texts(at)
    sources = {f.source_id for f in (story.world, story.africa) if f} | {gsma.SOURCE}
    for source in sources:  # each linked with its title, address and edition
        src = snapshot.source(source)
        assert src["url"] in texts(at)
    assert "report edition" in texts(at)


def test_headline_numbers_come_from_the_snapshot(tmp_path, monkeypatch):
    """Change the 2022 world value in a copy of the snapshot: the page's headline follows."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    obs = pd.read_parquet(copy / "observations.parquet")
    hit = (obs["indicator"] == "gsma_tx_value") & (obs["entity"] == "WLD") & (obs["period"] == "2022")
    assert hit.sum() == 1
    obs.loc[hit, "value"] = 1357.0
    obs.to_parquet(copy / "observations.parquet", index=False)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(copy))
    at = run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Worldwide, 2022, as reported"] == "US$1.36 tn"
    assert metrics["Africa, 2022, as reported"] == "US$836.5 bn"


def test_bad_links_fall_back_with_a_notice_each():
    """Each bad value's fallback and notice is tested on the pure core (tests/test_explorer_links.py); here the
    page shows them all at once, with the unknown setting it alone reports."""
    at = run({"view": "regions", "year": "1800", "measure": "<script>", "slice": "martians", "places": "XXX",
              "gsma": "GSMA_SSA,NOPE", "metric": "gold", "nonsense": "1"})
    assert not at.exception
    notice = " ".join(w.value for w in at.warning)
    for words in ["Year: '1800' is not available", "Indicator: '?script?' is not one of the choices",
                  "Group: 'martians' is not one of the choices", "Places: XXX not recognised",
                  "GSMA regions: NOPE not recognised and left out", "GSMA measure: 'gold' is not one of the choices",
                  "Ignored unknown link setting(s): nonsense"]:
        assert words in notice, words
    assert at.multiselect(key="mobile_money.gsma").value == ["GSMA_SSA"]


def test_a_year_outside_the_indicator_moves_to_the_nearest_wave_and_says_so():
    at = run({"year": "2022"})
    assert "Findex counts 2022 fieldwork as part of its 2021 wave" in texts(at)
    assert at.select_slider(key="mobile_money.year").value == "2021"
    assert at.query_params["year"] == "2021"


def test_the_view_control_switches_views_and_keeps_the_other_settings():
    at = run({"view": "regions", "measure": "tx_value_gdp", "year": "2015", "metric": "volume"})
    at.button_group(key="mobile_money.view").set_value("map").run()
    assert not at.exception and at.query_params["view"] == "map"
    assert at.selectbox(key="mobile_money.measure").value == "tx_value_gdp"
    assert at.select_slider(key="mobile_money.year").value == "2015"
    assert "Value of mobile money transactions (% of GDP) — 2015" in title(chart_data(at)[1])
    at.button_group(key="mobile_money.view").set_value("regions").run()
    assert at.query_params["metric"] == "volume" and at.query_params["year"] == "2015"
