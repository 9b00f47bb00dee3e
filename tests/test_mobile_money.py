"""Unit tests of the mobile money data shaping (atlas/themes/mobile_money/data.py) and its chart builder."""
import pandas as pd
import pytest

from atlas import charts, export
from atlas.themes.mobile_money import data as mm


def test_every_country_measure_exists_and_is_comparable_across_countries(snapshot):
    for measure, (ind, _label) in mm.MEASURES.items():
        meta = snapshot.indicator(ind)
        assert bool(meta["comparable_across_countries"]), measure
        assert len(snapshot.rows(ind)) > 100, measure
    for ind in mm.GSMA_METRICS.values():
        assert len(snapshot.rows(ind)) > 0


def test_national_currency_and_counts_are_left_off_the_map(snapshot):
    offered = {ind for ind, _ in mm.MEASURES.values()}
    left_out = mm.left_out_fas(snapshot)
    assert "Value of mobile money transactions (national currency, millions)" in left_out
    assert not offered & {"fas_tx_value_lcu", "fas_balances_lcu", "fas_tx_count", "fas_accounts_registered"}


def test_slices_map_to_catalogue_ids(snapshot):
    assert mm.indicator_id(snapshot, "mobile_money", "women") == "findex_mobile_money.women"
    assert mm.indicator_id(snapshot, "account", "all") == "findex_account"
    assert mm.indicator_id(snapshot, "gender_gap", "women") == mm.GAP  # the gap has no slices
    assert mm.indicator_id(snapshot, "tx_value_gdp", "men") == "fas_tx_value_pct_gdp"
    assert not mm.sliceable("gender_gap") and not mm.sliceable("tx_per_1000") and mm.sliceable("fi_account")


def test_findex_steps_through_waves_only_and_fas_through_years(snapshot):
    assert mm.measure_periods(snapshot, "mobile_money") == ["2014", "2017", "2021", "2024"]
    assert mm.measure_periods(snapshot, "account") == ["2011", "2014", "2017", "2021", "2024"]
    fas = mm.measure_periods(snapshot, "tx_value_gdp")
    assert fas[0] == "2007" and fas[-1] == "2019" and len(fas) == 13


@pytest.mark.parametrize("year, expected", [("2022", "2021"), ("2019", "2017"), ("2024", "2024"), ("2008", "2014")])
def test_nearest_wave(year, expected):
    assert mm.nearest_period(["2014", "2017", "2021", "2024"], year) == expected


def test_fieldwork_2022_is_said_in_the_period_label(snapshot):
    values = mm.map_table(snapshot, "findex_mobile_money", "2021", "world")
    noted = values[values["period"] == "2021 (fieldwork in 2022)"]
    assert 5 <= len(noted) <= 20 and "ETH" in set(noted["entity"])
    assert set(values["period"].dropna()) == {"2021", "2021 (fieldwork in 2022)"}
    assert mm.fieldwork_economies(snapshot) == 16  # SOURCES.md: fielded in 2022 in 16 economies


def test_colour_scales(snapshot):
    assert mm.colour_scale(snapshot, "findex_mobile_money") == {"domain": (0.0, 100.0)}
    gap = mm.colour_scale(snapshot, mm.GAP)
    low, high = gap["domain"]
    assert low == -high and high >= snapshot.rows(mm.GAP)["value"].abs().max()  # centred on 0, nothing cut
    assert gap["scheme"] == "purpleorange"
    low, high = mm.colour_scale(snapshot, "fas_tx_value_pct_gdp")["log_domain"]
    values = snapshot.rows("fas_tx_value_pct_gdp")["value"]
    assert low == 0.001 and high == 1000 and values.max() <= high  # powers of ten around the data
    assert (values[values > 0] < low).mean() < 0.05


def test_fas_maps_colour_on_a_log_scale_with_a_readable_legend(snapshot):
    values = mm.map_table(snapshot, "fas_tx_per_1000", "2019", "world")
    spec = mm.map_spec(snapshot, values, "fas_tx_per_1000", "tx_per_1000", "2019", "world")
    color = spec["layer"][0]["encoding"]["color"]
    assert color["scale"]["type"] == "log" and color["scale"]["clamp"] is True
    assert color["legend"]["title"] == "Mobile money transactions (per 1,000 adults), log scale"
    assert color["condition"][-1]["value"] == charts.NO_DATA  # grey, not dropped
    linear = mm.map_spec(snapshot, mm.map_table(snapshot, "findex_mobile_money", "2024", "world"),
                         "findex_mobile_money", "mobile_money", "2024", "world")
    assert linear["layer"][0]["encoding"]["color"]["scale"]["type"] == "linear"  # one builder, built per scale


def test_no_data_message_names_the_periods_that_have_data(snapshot):
    msg = mm.no_data_message(snapshot, "findex_mobile_money.rural", "mobile_money", "rural", "2014")
    assert msg.startswith("No data for this choice") and "2024" in msg


def test_headline_comes_from_the_gsma_rows(snapshot):
    h = mm.headline(snapshot, mm.STORY_YEAR)
    assert h.world.value == snapshot.value("gsma_tx_value", "WLD", "2022")
    assert h.africa.value == snapshot.value("gsma_tx_value", "GSMA_AFRICA", "2022")
    assert h.share == snapshot.value("gsma_share_tx_value", "GSMA_AFRICA", "2022") and h.share_reported
    assert snapshot.source(h.world.source_id)["vintage"].startswith("report edition")
    latest = mm.headline(snapshot, mm.latest_year(snapshot))
    assert latest.year == max(snapshot.rows("gsma_tx_value").query("entity == 'WLD'")["period"])
    assert not latest.share_reported  # no reported Africa share that year: computed, and marked so
    assert latest.share == pytest.approx(100 * latest.africa.value / latest.world.value)


def test_headline_without_an_africa_figure_has_no_share(snapshot):
    h = mm.headline(snapshot, "2013")
    assert h.world is not None and h.africa is None and h.share is None


@pytest.mark.parametrize("value, text", [(1260, "US$1.26 trillion"), (1000, "US$1 trillion"), (1100, "US$1.1 trillion"),
                                         (836.5, "US$836.5 bn"), (68, "US$68 bn")])
def test_usd_bn(value, text):
    assert mm.usd_bn(value) == text


@pytest.mark.parametrize("pct, words", [(66.3, "about two-thirds"), (64.9, "about two-thirds"), (49, "about half"),
                                        (58, "58 %")])
def test_share_words(pct, words):
    assert mm.share_words(pct) == words


def test_gsma_points_keep_revised_figures_with_their_edition(snapshot):
    points = mm.gsma_points(snapshot, "gsma_tx_value", ["WLD"])
    assert len(points) == len(snapshot.rows("gsma_tx_value", alternates=True).query("entity == 'WLD'"))
    y2019 = points[points["period"] == "2019"].set_index("latest")
    assert y2019.loc[True, "value"] == 631 and y2019.loc[False, "value"] == 690.1
    assert y2019.loc[False, "status"] == "Earlier figure (report edition 2020), revised to 631 (report edition 2022)"
    assert points["source_title"].notna().all() and points["edition"].str.startswith("report edition").all()
    assert points.groupby("period")["latest"].sum().eq(1).all()  # exactly one drawn figure per year


def test_africa_is_shown_to_be_continent_wide(snapshot):
    check = mm.africa_parts_check(snapshot)
    assert check["period"] == "2021"
    assert check["parts"] == pytest.approx(snapshot.value("gsma_tx_value", "GSMA_AFRICA", "2021"))
    assert check["north"] == snapshot.value("gsma_tx_value", "GSMA_NAF", "2021")


def test_revised_series_spec_draws_lines_and_faint_markers_and_exports(snapshot):
    points = mm.gsma_points(snapshot, "gsma_tx_value", ["WLD", "GSMA_AFRICA", "GSMA_SSA"])
    spec = mm.gsma_spec(snapshot, "gsma_tx_value", points, log=False)
    marks = [layer["mark"] for layer in spec["layer"]]
    assert [m["type"] for m in marks] == ["line", "point", "point"]
    assert marks[2]["filled"] is False and marks[2]["opacity"] < 1
    assert spec["layer"][2]["transform"] == [{"filter": "!datum.latest"}]
    assert "GSMA" in charts.source_line(spec)
    assert len(spec["datasets"]["revised_points"]) == len(points)
    tooltip = {t["field"] for t in spec["layer"][2]["encoding"]["tooltip"]}
    assert {"source_title", "edition", "status", "note"} <= tooltip
    svg = export.svg(spec).decode()
    assert "GSMA" in svg and svg.count("<path") >= 3
    # a second call reuses the cached template: only data, title and the lines' colours (charts.palette) differ
    again = charts.revised_series(points.head(3), title="t", source="s", label="x", unit="USD billion")
    template = charts.series._revised_series_template("x", "USD billion", False, 380)
    assert template is charts.series._revised_series_template("x", "USD billion", False, 380)
    assert [layer["mark"] for layer in again["layer"]] == [layer["mark"] for layer in template["layer"]]
    assert again["layer"][0]["encoding"]["color"]["scale"]["range"][0] == charts.palette.GROUP_OF[points["entity"][0]]


def test_trend_series_drop_non_positive_values_on_log(snapshot):
    series = mm.trend_series(snapshot, "fas_tx_value_pct_gdp", ["KEN", "ZWE", "WLD"], log=True)
    assert (series["value"] > 0).all() and set(series["entity"]) == {"KEN", "ZWE"}
    assert mm.missing_places(snapshot, series, ["KEN", "WLD"]) == ["World"]


def test_a_table_for_an_early_wave(snapshot):
    assert isinstance(mm.table(mm.map_table(snapshot, "findex_account", "2011", "ssa")), pd.DataFrame)


@pytest.mark.parametrize("width", [600, 1800])
def test_the_regional_chart_names_each_year_once(snapshot, width):
    """A wide chart put a tick every quarter, each labelled with its year: '2012 2012 2012 2012 2013 …'."""
    import re

    import vl_convert as vlc
    points = mm.gsma_points(snapshot, "gsma_tx_value", mm.DEFAULT_GSMA)
    for spec in (mm.gsma_spec(snapshot, "gsma_tx_value", points, False),
                 charts.time_series(snapshot.series("internet_users_pct", ["KEN"]), title="t", source="s",
                                    label="Internet use", unit="%")):
        svg = vlc.vegalite_to_svg(export.jsonable(spec, width=width))
        years = re.findall(r">((?:19|20)\d\d)</text>", svg)
        assert len(years) >= 3 and len(years) == len(set(years)), years
