"""AppTest: the KaiOS page runs every control without exception, and the controls change the chart data."""
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from atlas import charts, geo, numbers
from atlas.themes.kaios import data as kaios
from tests.apptest_tools import chart_data, run_page

PAGE = "kaios"
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "statcounter"
MONTHLY = "mobile_os-IN-monthly-201901-202012.csv"


def run(query=None):
    return run_page(PAGE, query)


def texts(elements) -> str:
    return "\n".join(e.value for e in elements)


# --- map ------------------------------------------------------------------------------------------------
def period_of(spec) -> str:
    """A KaiOS map's month: one value for the whole map, a param (not a column repeated on every row)."""
    return {p["name"]: p.get("value") for p in spec["params"]}["period_label"]


def status_of(frames, spec) -> dict:
    """Every place's status as the browser works it out: a row = above 0; otherwise the code lists; a place of
    the map (all, or its region's) listed nowhere has `status_rest`; one listed as missing has none."""
    params = {p["name"]: p.get("value") for p in spec["params"]}
    filters = [t["filter"] for t in spec["layer"][0].get("transform", []) if isinstance(t.get("filter"), str)]
    focus = next(filter(None, (re.fullmatch(r"datum\.(\w+) === '([^']*)'", f) for f in filters)), None)
    drawn = {p["id"] for p in geo.place_rows() if not focus or p.get(focus[1]) == focus[2]}
    out = {code: params["status_rest"] for code in drawn} | {
        code: status for status, codes in params["status_ids"].items() for code in codes.split(",") if code}
    return {code: status for code, status in out.items() if status != "missing"} | {
        code: "value" for code in frames["map_values"]["id"]}


def test_the_month_slider_changes_the_map_data_and_the_url(snapshot):
    """The default view: the latest month (from the snapshot), a slider through the published months only,
    the small-sample rule explained; then a move."""
    at = run()
    assert not at.exception and not at.warning
    frames, spec = chart_data(at)
    months = kaios.months(snapshot)
    latest = months[-1]
    assert charts.heading(spec) == f"KaiOS share, {numbers.month(latest)} — World"
    assert "caniuse.com" in charts.source_line(spec)
    before = frames["map_values"]
    above_zero = int((kaios.map_table(snapshot, "all", latest)["status"] == "value").sum())
    assert period_of(spec) == latest and len(before) == above_zero > 0
    options = at.select_slider(key="kaios.month").options  # as the slider writes them: "May 2024", not ISO
    assert options == [dt.date(int(m[:4]), int(m[5:]), 1).strftime("%b %Y") for m in months]
    assert "Jun 2024" not in options and "May 2024" in options and "Jul 2024" in options
    flagged = len(kaios.small_samples(snapshot))
    caption = texts(at.markdown)  # in "About this data", the same every month
    assert f"Small samples: {flagged} places are flagged" in caption and "population stands in" in caption
    at.select_slider(key="kaios.month").set_value("2019-06").run()
    assert not at.exception
    frames, spec = chart_data(at)
    assert charts.heading(spec) == "KaiOS share, Jun 2019 — World"
    after = frames["map_values"].set_index("id")
    assert period_of(spec) == "2019-06" and after.loc["IND", "v"] == pytest.approx(3.17177, abs=1e-4)
    assert at.query_params["month"] == "2019-06"


def test_measure_toggle_switches_to_the_mobile_share():
    at = run({"month": "2023-06"})
    frames, _ = chart_data(at)
    at.segmented_control(key="kaios.measure").set_value("mobile").run()
    mobile, spec = chart_data(at)
    assert charts.heading(spec).startswith("KaiOS share of mobile, Jun 2023")
    assert "mobile and tablet page views" in charts.source_line(spec)
    both = frames["map_values"].set_index("id")["v"].to_frame("all").join(mobile["map_values"].set_index("id")["v"])
    both = both.dropna()
    assert len(both) > 70 and (both["v"] >= both["all"] - 1e-4).all() and (both["v"] > both["all"]).any()
    assert at.query_params["measure"] == "mobile"


# Each colour scale's spec, classes and caption: tests/test_explorer_links.py (pure core); the control, here.
def test_the_colour_control_switches_the_scale_and_the_url():
    at = run({"month": "2023-06"})
    at.segmented_control(key="kaios.colours").set_value("quantile").run()
    assert not at.exception and at.query_params["colours"] == "quantile"
    _frames, spec = chart_data(at)
    assert "fifths" in spec["layer"][0]["encoding"]["color"]["legend"]["title"] and "a fifth of the" in texts(at.caption)


def test_hiding_small_samples_hides_the_flagged_places(snapshot):
    at = run({"month": "2023-06"})
    shown = status_of(*chart_data(at))
    at.segmented_control(key="kaios.small").set_value("hide").run()
    hidden = status_of(*chart_data(at))
    flagged = set(kaios.small_sample_flags(snapshot).index)
    gone = {code for code, status in hidden.items() if status == "hidden"}
    assert gone and gone == flagged & set(shown)
    assert "small-sample places hidden" in texts(at.caption)
    assert at.query_params["small"] == "hide"


def test_a_region_zooms_the_map():
    at = run({"region": "africa", "month": "2023-06"})
    frames, spec = chart_data(at)
    assert "Africa" in json.dumps(spec["layer"][0]["transform"])
    assert 45 <= len(status_of(frames, spec)) <= 60 and set(frames["map_values"]["id"]) <= set(status_of(frames, spec))


# --- trend ----------------------------------------------------------------------------------------------
def test_trend_draws_the_default_places_with_gaps_and_milestones(snapshot):
    at = run({"view": "trend"})
    assert not at.exception and not at.warning
    frames, spec = chart_data(at)
    series = frames["series"]
    assert set(series["name"]) == {"India", "Tanzania", "Uganda", "Nigeria", "Pakistan", "World"}
    india = series[series["name"] == "India"].set_index("period")["value"]
    assert india[["2024-06", "2024-10", "2026-01"]].isna().all()  # gaps, not bridges
    marks = frames["milestones"]
    assert len(marks) == kaios.milestone_marks(kaios.milestones(snapshot))["n"].max()
    assert marks["source"].str.len().gt(10).all() and any("Smart Africa" in t for t in marks["title"])
    assert frames["band"]["end"].iloc[0] == pd.Timestamp("2019-03-01")
    page_text = texts(at.markdown)
    assert "Over 40 million devices shipped to date" in page_text and "cdrinfo.com" in page_text
    assert "starts in Mar 2019" in texts(at.caption)


def test_smoothing_axis_and_places_change_the_lines():
    at = run({"view": "trend", "places": "TZA"})
    raw, _ = chart_data(at)
    at.segmented_control(key="kaios.smooth").set_value("3m").run()
    smooth, spec = chart_data(at)
    assert "3-month mean" in spec["layer"][2]["encoding"]["y"]["title"]
    assert not raw["series"]["value"].equals(smooth["series"]["value"])
    assert at.query_params["smooth"] == "3m"
    at.segmented_control(key="kaios.axis").set_value("log").run()
    _, spec = chart_data(at)
    assert spec["layer"][2]["encoding"]["y"]["scale"]["type"] == "log"
    at.multiselect(key="kaios.places").set_value(["KEN", "CIU_AF"]).run()
    frames, _ = chart_data(at)
    assert set(frames["series"]["name"]) == {"Kenya", "Africa (caniuse)"}
    assert at.query_params["places"] == "KEN,CIU_AF"
    at.multiselect(key="kaios.places").set_value([]).run()
    assert not at.exception and "No data for this choice" in texts(at.info)


def test_milestones_follow_a_changed_snapshot(tmp_path, monkeypatch):
    """The milestones are read from the snapshot's facts and events, not typed into the page."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    facts = pd.read_parquet(folder / "facts.parquet")
    hit = (facts["metric"] == "kaios_devices_shipped_cumulative") & (facts["value"] == 40)
    assert hit.sum() == 1
    facts.loc[hit, ["value", "source_title"]] = [45.0, "A corrected test source"]
    facts.to_parquet(folder / "facts.parquet", index=False)
    events = pd.read_parquet(folder / "events.parquet")
    events.loc[events["title"].str.contains("Smart Africa Alliance") & (events["theme"] == "kaios"),
               "title"] = "A renamed partnership"
    events.to_parquet(folder / "events.parquet", index=False)
    monkeypatch.setenv("ATLAS_DATA_DIR", str(folder))
    at = run({"view": "trend"})
    assert not at.exception
    frames, _ = chart_data(at)
    titles = " ".join(frames["milestones"]["title"])
    assert "Over 45 million devices shipped to date" in titles and "Over 40 million" not in titles
    assert "A renamed partnership" in titles and "Smart Africa Alliance" not in titles
    assert "A corrected test source" in " ".join(frames["milestones"]["source"])
    assert "A corrected test source" in texts(at.markdown)


# --- upload ---------------------------------------------------------------------------------------------
def upload(at, name: str, data: bytes | None = None):
    data = (FIXTURES / name).read_bytes() if data is None else data
    at.file_uploader(key="kaios.upload").set_value((name, data, "text/csv")).run()
    return at


def test_a_valid_export_is_drawn_dashed_beside_the_built_in_series():
    at = upload(run({"view": "trend", "measure": "mobile"}), MONTHLY)
    assert not at.exception and not at.error
    frames, spec = chart_data(at)
    mine = frames["series"][frames["series"]["kind"] == "upload"]
    assert mine["name"].unique().tolist() == ["India — your StatCounter file: KaiOS share of mobile OS"]
    assert mine.set_index("period")["value"]["2019-01"] == 6.5
    assert "Dashed: your uploaded file" in charts.source_line(spec)
    assert "Read 24 months (2019-01 to 2020-12)" in texts(at.success)
    assert at.selectbox(key="kaios.upload.place").value == "IND"
    at.selectbox(key="kaios.upload.system").set_value("Android").run()
    frames, _ = chart_data(at)
    assert "Android share of mobile OS" in frames["series"].query("kind == 'upload'")["name"].iloc[0]


def test_a_yearly_export_is_drawn_and_its_place_read_from_the_file_name():
    at = upload(run({"view": "trend"}), "mobile_os-KE-yearly-2019-2023.csv")
    frames, _ = chart_data(at)
    mine = frames["series"][frames["series"]["kind"] == "upload"]
    assert len(mine) == 5 and mine["name"].iloc[0].startswith("Kenya")
    assert "Read 5 years" in texts(at.success)


BROKEN = [
    ("browser_export.csv", "browser market share export"),
    ("wrong_columns.csv", "The first column should be “Date”"),
    ("non_numeric.csv", "is not a number"),
    ("bad_sums.csv", "should add up to about 100 %"),
    ("empty.csv", "The file is empty"),
    ("html_page.csv", "web page (HTML)"),
]


def test_each_broken_export_says_why_and_keeps_the_built_in_series():
    at = run({"view": "trend"})
    for name, words in BROKEN:  # one session, one file after another: none breaks it
        upload(at, name)
        assert not at.exception, name
        assert words in texts(at.error) and "The built-in series are unchanged" in texts(at.error), name
        frames, _ = chart_data(at)
        assert set(frames["series"]["kind"]) == {"built-in"} and frames["series"]["name"].nunique() == 6
    upload(at, MONTHLY)  # and a good file after the bad ones still works
    assert not at.error and (chart_data(at)[0]["series"]["kind"] == "upload").any()


def test_a_huge_upload_is_refused_by_the_page_own_limit():
    huge = b'"Date","Android"\n' + b"2020-01,100\n" * 120_000
    at = upload(run({"view": "trend"}), "huge.csv", huge)
    assert "MB; a StatCounter export is a few kilobytes" in texts(at.error)


def test_the_page_asks_the_one_size_check_before_reading(monkeypatch):
    """One size rule (statcounter.size_problem), asked with the upload's size before its bytes are read."""
    from atlas.themes.kaios import statcounter
    read = []
    monkeypatch.setattr(statcounter, "size_problem", lambda size: f"marker {size} bytes")
    monkeypatch.setattr(statcounter, "read_export", lambda *a, **k: read.append(a))
    at = upload(run({"view": "trend"}), MONTHLY)
    assert "marker" in texts(at.error) and not read


def test_an_export_without_a_place_in_its_name_says_so():
    at = upload(run({"view": "trend"}), "utf16_bom.csv")
    assert not at.error and at.selectbox(key="kaios.upload.place").value is None
    frames, _ = chart_data(at)
    assert frames["series"].query("kind == 'upload'")["name"].iloc[0] == (
        "Your StatCounter file: KaiOS share of mobile OS")
    at.selectbox(key="kaios.upload.place").set_value("KEN").run()
    frames, _ = chart_data(at)
    assert frames["series"].query("kind == 'upload'")["name"].iloc[0].startswith("Kenya — ")


def test_an_upload_survives_switching_views():
    at = upload(run({"view": "trend"}), MONTHLY)
    at.segmented_control(key="kaios.view").set_value("map").run()
    assert "drawn on the Trend view" in texts(at.caption)
    at.segmented_control(key="kaios.view").set_value("trend").run()
    frames, _ = chart_data(at)
    assert (frames["series"]["kind"] == "upload").any()


# --- browsers, table, links, play -----------------------------------------------------------------------
def test_browsers_view_follows_place_and_group():
    at = run({"view": "browsers"})
    assert not at.exception and not at.warning
    frames, spec = chart_data(at)
    assert charts.heading(spec).endswith("— India")
    assert frames["series"]["name"].nunique() == 1 + len(kaios.LOW_END)
    at.selectbox(key="kaios.context").set_value("TZA").run()
    at.segmented_control(key="kaios.browsers").set_value("mobile").run()
    frames, spec = chart_data(at)
    assert charts.heading(spec).endswith("— Tanzania") and frames["series"]["name"].nunique() == 13
    assert at.query_params["context"] == "TZA" and at.query_params["browsers"] == "mobile"


def test_table_lists_both_measures_and_can_hide_small_samples():
    at = run({"view": "table", "month": "2023-06"})
    assert not at.exception and not at.warning
    table = at.dataframe[0].value
    assert table["rank"].min() == 1 and table.iloc[0]["name"] == "Tanzania"
    assert (table["mobile"].dropna() >= table.loc[table["mobile"].notna(), "value"] - 1e-6).all()
    at.segmented_control(key="kaios.small").set_value("hide").run()
    assert len(at.dataframe[0].value) < len(table)


# Every view with each measure draws: tests/test_explorer_links.py (pure); each view runs here once.
def test_bad_links_fall_back_with_a_notice_each(snapshot):
    """Each value's fallback is tested on the pure core (tests/test_explorer_links.py, markup in a link
    included); here the page shows every notice, with the unknown setting it alone reports."""
    at = run({"month": "2024-06", "places": "XXX", "scale": "rainbow", "view": "pie", "context": "ZZZ",
              "tab": "9"})
    assert not at.exception
    notice = texts(at.warning)
    for words in ["Month: '2024-06' is not available", "Places: XXX not recognised",
                  "Colour scale: 'rainbow' is not one of the choices", "View: 'pie' is not one of the choices",
                  "Browsers for: 'ZZZ' is not one of the choices", "Ignored unknown link setting(s): tab"]:
        assert words in notice, words
    assert at.select_slider(key="kaios.month").value == kaios.months(snapshot)[-1] and charts.heading(chart_data(at)[1])


def test_play_restarts_from_the_first_month():
    at = run()
    at.button(key="kaios.month._play").click().run()
    assert at.session_state["kaios.month._playing"] is True
    assert at.session_state["kaios.month"] == "2019-03"

