"""AppTest: the Compare page and the change map view run, the period moves the data and the URL, and a bad
link falls back with a notice. Expected figures are read from the snapshot through the pure core."""
import pytest

from atlas import charts, compare
from tests.apptest_tools import chart_data, run_page


def test_compare_default_view_and_a_period_move(snapshot):
    at = run_page("../pages/compare.py")
    assert not at.exception
    frames, spec = chart_data(at)
    periods = compare.common_periods(snapshot, "internet_users_pct", "findex_mobile_money")
    both = compare.compare_table(snapshot, "internet_users_pct", "findex_mobile_money", periods[-1])
    assert len(frames["points"]) == len(both) >= 70
    assert spec["description"].startswith("Bubble chart of ") and str(len(both)) in spec["description"]
    assert at.query_params["year"] == periods[-1]
    at.select_slider(key="compare.year").set_value(periods[-2]).run()
    assert not at.exception
    after, spec = chart_data(at)
    named = next(p["value"] for p in spec["params"] if p["name"] == "periods")  # periods travel as indices
    assert {named[i] for i in after["points"]["py"]} == {periods[-2]} and at.query_params["year"] == periods[-2]
    assert periods[-2] in charts.heading(spec)


def test_compare_falls_back_on_the_same_indicator_and_a_bad_period():
    at = run_page("../pages/compare.py", {"x": "population", "y": "population", "year": "1066",
                                          "places": ",".join(["KEN"] * 40)})
    assert not at.exception
    text = " ".join(w.value for w in at.warning) + " ".join(i.value for i in at.info)
    assert "1066" in text and "both axes" in text
    assert at.query_params["y"] != "population"


def test_internet_change_map(snapshot):
    at = run_page("internet", {"view": "change", "from": "2015", "year": "2024"})
    assert not at.exception
    frames, spec = chart_data(at)
    table = compare.change_table(snapshot, "internet_users_pct", "2015", "2024")
    values = frames["map_values"]
    assert values["v"].notna().sum() == table["value"].notna().sum()
    ends = next(p["value"] for p in spec["params"] if p["name"] == "end_periods")
    assert {ends[i] for i in values["pa"]} <= {"2012", "2013", "2014", "2015"}
    legend = spec["layer"][0]["encoding"]["color"]
    classes = next(p["value"] for p in spec["params"] if p["name"] == "classes")
    assert legend["type"] == "ordinal" and len(classes) == 8 and classes[3].endswith("to 0")
    assert spec["description"].startswith("Map of the change between 2015 and 2024")
    at.select_slider(key="internet.year").set_value("2020").run()
    assert not at.exception and at.query_params["year"] == "2020" and at.query_params["from"] == "2015"
    # the start after the end: a plain notice, no exception
    at = run_page("internet", {"view": "change", "from": "2024", "year": "2015"})
    assert not at.exception and any("not before" in i.value for i in at.info)


@pytest.mark.parametrize("page, query", [("mobile-money", {"view": "change", "from": "2017", "year": "2024"}),
                                         ("kaios", {"view": "change", "from": "2023-11", "lang": "fr"})])
def test_the_other_maps_change_views(page, query):
    at = run_page(page, query)
    assert not at.exception
    frames, spec = chart_data(at)
    classes = next(p["value"] for p in spec["params"] if p["name"] == "classes")
    assert len(classes) == 8 and frames["map_values"]["v"].notna().sum() > 0
    assert at.query_params["view"] == "change" and at.query_params["from"] == query["from"]
    if query.get("lang") == "fr":
        assert spec["description"].startswith("Carte de l’évolution") and classes[3].endswith(" à 0")
