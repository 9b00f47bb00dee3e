"""AppTest: the internet-use page runs every control without exception, and the controls change the data."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from atlas import charts
from tests.apptest_tools import chart_data, run_page

PAGE = "internet"


def run(query=None):
    return run_page(PAGE, query)


def test_changing_the_year_changes_the_map_data():
    at = run()
    assert not at.exception
    frames, spec = chart_data(at)
    assert charts.heading(spec).startswith("Internet use, 2024")
    assert "World Bank" in charts.source_line(spec)
    before = frames["map_values"]
    assert len(before) >= 182 and (before["p"] == "2024").sum() == 182
    at.select_slider(key="internet.year").set_value("2005").run()
    assert not at.exception
    after, spec = chart_data(at)
    assert charts.heading(spec).startswith("Internet use, 2005")
    assert set(after["map_values"]["p"]) <= {"2005", "2004", "2003", "2002"}
    assert at.query_params["year"] == "2005"


def test_region_focus_ranks_within_the_region():
    at = run({"region": "sas"})
    frames, spec = chart_data(at)
    assert "South Asia" in json.dumps(spec["layer"][0]["transform"])
    assert len(frames["map_values"]) <= 8 and frames["map_values"]["r"].min() == 1


@pytest.mark.parametrize("view", ["map", "trend", "table"])
@pytest.mark.parametrize("region", ["world", "africa", "lac"])
def test_every_view_and_region_runs(view, region):
    at = run({"view": view, "region": region})
    assert not at.exception
    assert not at.warning


def test_trend_controls():
    at = run({"view": "trend"})
    frames, spec = chart_data(at)
    assert set(frames["series"]["name"]) >= {"World", "India", "Kenya", "Nigeria"}
    assert frames["marker"]["label"].tolist() == ["2024"]
    at.segmented_control(key="internet.axis").set_value("log").run()
    frames, spec = chart_data(at)
    assert spec["layer"][0]["encoding"]["y"]["scale"]["type"] == "log"
    at.multiselect(key="internet.places").set_value(["ITU:ITU_AFR", "WLD"]).run()
    frames, _ = chart_data(at)
    assert set(frames["series"]["name"]) == {"World", "Africa (ITU region) — ITU estimate"}
    assert at.query_params["places"] == "ITU:ITU_AFR,WLD"
    at.multiselect(key="internet.places").set_value([]).run()
    assert not at.exception and at.info


def test_table_view_lists_the_cross_section():
    at = run({"view": "table", "year": "2024"})
    table = at.dataframe[0].value
    assert len(table) >= 182 and table["rank"].min() == 1
    assert table.iloc[0]["value"] >= table.iloc[-1]["value"]


@pytest.mark.parametrize("query, words", [
    ({"year": "1800"}, "Year: '1800' is not available"),
    ({"year": "<script>"}, "Year: '?script?' is not available"),
    ({"places": "XXX"}, "Places: XXX not recognised"),
    ({"places": "KEN,XXX"}, "Places: XXX not recognised and left out"),
    ({"region": "mars"}, "Region: 'mars' is not one of the choices"),
    ({"nonsense": "1"}, "Ignored unknown link setting"),
])
def test_bad_links_fall_back_with_a_notice(query, words):
    at = run(query)
    assert not at.exception
    assert any(words in w.value for w in at.warning), [w.value for w in at.warning]


def test_partly_good_places_keep_the_good_ones():
    at = run({"view": "trend", "places": "KEN,XXX"})
    assert at.multiselect(key="internet.places").value == ["KEN"]


def test_play_steps_forward_and_stops_at_the_end():
    at = run({"year": "2025"})
    at.button(key="internet.year._play").click().run()  # at the last year: restarts from the first
    assert at.session_state["internet.year._playing"] is True
    assert at.session_state["internet.year"] == "1990"
