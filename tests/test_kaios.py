"""KaiOS page data shaping: months and gaps, smoothing, the map table, small samples, the browser mix,
milestones from the snapshot's facts and events, and the chart builders the page uses."""
import dataclasses
import json

import numpy as np
import pandas as pd
import pytest

from atlas import charts, geo
from atlas.themes.kaios import data as kaios
from atlas.themes.kaios import upload

GAPS = ["2024-06", "2024-10", "2026-01"]  # months caniuse never published (SOURCES.md)


def test_months_run_from_2019_03_and_skip_the_unpublished_ones(snapshot):
    months = kaios.months(snapshot)
    latest = snapshot.rows(kaios.ALL)["period"].max()  # moves with every monthly refresh
    assert months[0] == "2019-03" and months[-1] == latest
    assert len(months) == len(kaios.calendar("2019-03", latest)) - len(GAPS)
    assert sorted(set(kaios.calendar(months[0], months[-1])) - set(months)) == GAPS


def test_a_missing_month_is_an_empty_row_not_a_bridge(snapshot):
    series = kaios.trend(snapshot, "all", ["IND"], smooth=False)
    assert len(series) == len(kaios.calendar("2019-03", kaios.months(snapshot)[-1]))
    assert sorted(series.loc[series["value"].isna(), "period"]) == GAPS
    assert series.loc[series["period"] == "2019-03", "value"].item() == snapshot.value(kaios.ALL, "IND", "2019-03")


def test_rolling_mean_uses_the_months_there_are_and_keeps_gaps():
    frame = pd.DataFrame({"entity": "X", "name": "X", "period": ["2020-01", "2020-02", "2020-03", "2020-05"],
                          "value": [1.0, 2.0, 6.0, 4.0]})
    smooth = kaios.rolling_mean(kaios.with_gaps(frame)).set_index("period")["value"]
    assert np.isnan(smooth["2020-01"])  # one month only: fewer than two
    assert smooth["2020-02"] == 1.5 and smooth["2020-03"] == 3.0
    assert np.isnan(smooth["2020-04"])  # the missing month stays missing
    assert smooth["2020-05"] == 5.0  # March and May (April absent)


def test_map_table_says_which_places_are_zero_none_recorded_or_missing(snapshot):
    table = kaios.map_table(snapshot, "all", "2026-06")
    status = table.set_index("entity")["status"]
    kaios_rows = snapshot.rows(kaios.ALL).query("period == '2026-06'").set_index("entity")["value"]
    tracked = set(snapshot.rows(kaios.MOBILE_TOTAL).query("period == '2026-06'")["entity"])
    assert (status[status == "value"].index.map(kaios_rows) > 0).all()
    none = status[status == "none"].index
    assert len(none) > 100 and not set(none) & set(kaios_rows.index) and set(none) <= tracked
    assert not set(status[status == "missing"].index) & tracked
    assert table.loc[table["status"] == "value", "rank"].min() == 1


def test_hiding_small_samples_blanks_exactly_the_flagged_places(snapshot):
    flags = kaios.small_sample_flags(snapshot)
    shown = kaios.map_table(snapshot, "all", "2023-06")
    hidden = kaios.map_table(snapshot, "all", "2023-06", hide_small=True)
    covered = set(shown.loc[shown["status"] != "missing", "entity"])  # a place caniuse lacks stays 'missing'
    assert set(hidden.loc[hidden["status"] == "hidden", "entity"]) == covered & set(flags.index)
    assert hidden.loc[hidden["status"] == "hidden", "value"].isna().all()
    assert shown.set_index("entity").loc["TUV", "note"].startswith("Small sample: under 1 million people")


def test_small_sample_flag_follows_population(snapshot):
    flags = kaios.small_sample_flags(snapshot)
    pop = snapshot.rows("population").sort_values("period").drop_duplicates("entity", keep="last")
    small = set(pop.loc[pop["value"] < kaios.SMALL_POPULATION, "entity"]) & set(flags.index)
    assert {"TUV", "GRL"} <= small and not {"IND", "NGA", "TZA"} & set(flags.index)
    assert flags["TWN"] == "no World Bank population figure"  # the proxy's known limit, said in the caption


def test_colour_domain_is_fixed_across_months(snapshot):
    rows = snapshot.rows(kaios.ALL)
    countries = rows[rows["entity"].map(snapshot.entities["kind"]) == "country"]["value"]
    low, high = kaios.colour_domain(snapshot, "all", "log")
    assert low <= countries[countries > 0].min() and high == countries.max()
    assert kaios.colour_domain(snapshot, "all", "quantile") is None


def test_browser_mix_puts_kaios_first_and_breaks_at_missing_months(snapshot):
    mix = kaios.browser_mix(snapshot, "IND", "lowend")
    names = mix.drop_duplicates("name").sort_values("order")["name"].tolist()
    assert names[0] == "KaiOS" and "Opera Mini" in names and "UC Browser for Android" in names
    assert len(names) == 1 + len(kaios.LOW_END)
    segments = mix.groupby("segment")["period"].agg(["min", "max"])
    assert segments["max"].tolist()[:3] == ["2024-05", "2024-09", "2025-12"]
    assert len(kaios.browser_mix(snapshot, "IND", "mobile")["name"].unique()) == 13
    assert kaios.browser_mix(snapshot, "IND", "lowend").query("name == 'KaiOS'")["period"].min() == "2019-03"


def test_milestones_come_from_device_facts_and_events_with_sources(snapshot):
    items = kaios.milestones(snapshot)
    facts = items[items["origin"] == "device fact"]
    assert facts["text"].tolist()[:1] == ["Over 40 million devices shipped to date"]
    assert {"Over 100 million devices shipped to date",
            "Over 170 million devices shipped to date"} <= set(facts["text"])
    events = items[items["origin"] == "event"]["text"]
    assert any("Google" in t for t in events) and any("Smart Africa" in t for t in events)
    assert (items["source"].str.len() > 10).all()
    assert items["url"].str.startswith("http").sum() >= len(items) - 2  # two events point to the facts' pages
    assert items["date"].min() < pd.Timestamp("2019-03-01")  # most milestones predate the series
    marks = kaios.milestone_marks(items)
    assert marks["n"].tolist() == list(range(1, len(marks) + 1)) and marks["date"].is_monotonic_increasing


def test_a_changed_fact_changes_the_milestone(snapshot):
    facts = snapshot.facts.copy()
    hit = (facts["metric"] == "kaios_devices_shipped_cumulative") & (facts["value"] == 40)
    facts.loc[hit, ["value", "qualifier"]] = [45.0, "about"]
    changed = dataclasses.replace(snapshot, facts=facts)
    texts = kaios.milestones(changed)["text"].tolist()
    assert "About 45 million devices shipped to date" in texts
    assert "Over 40 million devices shipped to date" not in texts


def test_quintiles_label_each_range_in_order():
    values = pd.Series([0.001, 0.002, 0.01, 0.02, 0.1, 0.2, 1.0, 2.0, 3.0, 3.2, np.nan])
    classes = charts.quintiles(values)
    labels = list(classes.cat.categories)
    assert len(labels) == 5 and labels[0].startswith("0.001–") and labels[-1].endswith("–3.2")
    assert pd.isna(classes.iloc[-1]) and classes.iloc[0] == labels[0] and classes.iloc[-2] == labels[-1]


@pytest.mark.parametrize("scale", ["log", "quantile", "linear"])
def test_share_map_spec_carries_status_and_a_cached_template(snapshot, scale):
    values = kaios.map_table(snapshot, "all", "2023-06")
    spec = kaios.map_spec(snapshot, values, "all", "2023-06", "world", scale)
    data = spec["datasets"]["map_values"]
    assert len(data) == (values["status"] == "value").sum() and (data["v"] > 0).all()
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["condition"][0]["value"] == charts.ZERO_FILL  # zeros get their own colour, not the scale
    if scale == "quantile":  # classes made in Python: an ordinal field over the class labels
        assert colour["type"] == "ordinal" and colour["field"] == "k" and "type" not in colour["scale"]
    else:
        assert colour["type"] == "quantitative" and colour["scale"]["type"] == scale
    assert "caniuse" in charts.source_line(spec)
    again = kaios.map_spec(snapshot, values, "all", "2023-06", "world", scale)
    assert again["layer"] is spec["layer"]  # the template is built once per shape


def test_trend_spec_reaches_back_to_the_first_milestone(snapshot):
    series = kaios.trend(snapshot, "all", ["IND"], False).assign(kind="built-in")
    spec = kaios.trend_spec(snapshot, series, "all", "2023-06", smooth=False, log=False)
    band = spec["datasets"]["band"]
    assert band["start"].iloc[0] == kaios.milestones(snapshot)["date"].min()
    assert band["end"].iloc[0] == pd.Timestamp("2019-03-01")
    assert len(spec["datasets"]["milestones"]) == kaios.milestones(snapshot)["n"].max()


def test_an_upload_series_gets_gaps_too():
    frame = pd.DataFrame({"period": ["2020-01", "2020-03"], "date": pd.to_datetime(["2020-01-01", "2020-03-01"]),
                          "value": [1.0, 2.0]})
    rows = upload.upload_series(frame, "mine")
    assert rows["period"].tolist() == ["2020-01", "2020-02", "2020-03"] and np.isnan(rows["value"].iloc[1])
    yearly = frame.assign(period=["2019", "2020"])
    assert upload.upload_series(yearly, "mine")["period"].tolist() == ["2019", "2020"]


def test_place_from_a_statcounter_code(snapshot):
    assert upload.place_for_code(snapshot, "IN") == "IND"
    assert upload.place_for_code(snapshot, "ww") == "WLD"
    assert upload.place_for_code(snapshot, "ZZ") is None and upload.place_for_code(snapshot, None) is None
    assert upload.default_system(["Android", "KaiOS"]) == "KaiOS" and upload.default_system(["Android"]) == "Android"


@pytest.mark.parametrize("region", ["africa", "sas"])
def test_a_region_keeps_its_shapes(snapshot, region):
    """The focus filter tests a column of the places file, the data both layers draw from."""
    import json as json_
    from atlas.geo import STATIC, PLACES_FILE
    from atlas.regions import focus_filter
    values = kaios.map_table(snapshot, "all", "2023-06", focus=region)
    spec = kaios.map_spec(snapshot, values, "all", "2023-06", region, "log")
    column = focus_filter(region)[0]
    assert spec["layer"][0]["data"]["url"].endswith(PLACES_FILE)
    assert column in json_.loads((STATIC / PLACES_FILE).read_text())[0]
    assert any(column in t.get("filter", "") for t in spec["layer"][0]["transform"])


def test_upload_names_and_log_axis_gaps():
    assert upload.upload_name("KaiOS", "India") == "India — your StatCounter file: KaiOS share of mobile OS"
    assert upload.upload_name("iOS", None) == "Your StatCounter file: iOS share of mobile OS"
    rows = kaios.positive_only(pd.DataFrame({"value": [0.0, 0.5, np.nan]}))["value"]
    assert np.isnan(rows.iloc[0]) and rows.iloc[1] == 0.5


def test_places_without_a_share_travel_as_codes_and_notes_as_numbers(snapshot):
    for month in ("2026-06", "2021-01"):  # mostly 'none recorded'; mostly recorded 0
        values = kaios.map_table(snapshot, "all", month, hide_small=True)
        spec = kaios.map_spec(snapshot, values, "all", month, "world", "log")
        params = {p["name"]: p.get("value") for p in spec["params"]}
        rows = spec["datasets"]["map_values"]
        assert set(rows["id"]) == set(values.loc[values["status"] == "value", "entity"])
        listed = {status: set(filter(None, codes.split(","))) for status, codes in params["status_ids"].items()}
        # the larger of 'none recorded' and 0 is every place listed nowhere (the few with no status are listed)
        places = {p["id"] for p in geo.place_rows()}
        rest = params["status_rest"]
        listed[rest] = places - set(rows["id"]) - set().union(*listed.values())
        for status in ("zero", "none", "hidden"):
            assert listed[status] == set(values.loc[values["status"] == status, "entity"]), (month, status)
        assert rest == ("none", "zero")[month == "2021-01"], month
        assert listed["missing"] == places - set(values.loc[values["status"] != "missing", "entity"]), month
        assert len(json.dumps({k: v for k, v in spec.items() if k != "datasets"})) < 7_500
    noted = [text for text, codes in zip(params["note_text"], params["note_ids"]) if ",TUV," in codes]
    assert len(noted) == 1 and noted[0].startswith("Small sample: under 1 million people")
