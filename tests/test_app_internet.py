"""AppTest: the internet-use page runs every control without exception, and the controls change the data."""
import json

from atlas import charts, numbers
from tests.apptest_tools import chart_data, run_page

PAGE = "internet"


def run(query=None):
    return run_page(PAGE, query)


def countries_with_a_value(snapshot, year: str) -> int:
    """Countries with a WDI internet-use value for exactly this year, counted in the snapshot."""
    rows = snapshot.rows("internet_users_pct")
    return int(((rows["period"] == year) & (rows["entity"].map(snapshot.entities["kind"]) == "country")).sum())


def test_changing_the_year_changes_the_map_data(snapshot):
    at = run()
    assert not at.exception and not at.warning
    frames, spec = chart_data(at)
    assert charts.heading(spec).startswith("Internet use, 2024")
    assert "World Bank" in charts.source_line(spec)
    before = frames["map_values"]
    n = countries_with_a_value(snapshot, "2024")
    assert n > 100 and len(before) >= n and (before["p"] == "2024").sum() == n
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


# Every view in every region draws: tests/test_explorer_links.py (pure); each view runs here once.
def test_trend_controls():
    at = run({"view": "trend"})
    assert not at.exception and not at.warning
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


def test_table_view_lists_the_cross_section(snapshot):
    at = run({"view": "table", "year": "2024"})
    assert not at.exception and not at.warning
    table = at.dataframe[0].value
    assert len(table) >= countries_with_a_value(snapshot, "2024") and table["rank"].min() == 1
    assert table.iloc[0]["value"] >= table.iloc[-1]["value"]


def test_bad_links_fall_back_with_a_notice_each():
    """Each bad value's fallback and notice is tested on the pure core (tests/test_explorer_links.py); here the
    page shows them all, with the unknown setting it alone reports, and keeps the good place of a list."""
    at = run({"view": "trend", "year": "1800", "places": "KEN,XXX", "region": "mars", "nonsense": "1"})
    assert not at.exception
    notice = " ".join(w.value for w in at.warning)
    for words in ["Year: '1800' is not available", "Places: XXX not recognised and left out",
                  "Region: 'mars' is not one of the choices", "Ignored unknown link setting(s): nonsense"]:
        assert words in notice, words
    assert at.multiselect(key="internet.places").value == ["KEN"]


def test_play_steps_forward_and_stops_at_the_end():
    at = run({"year": "2025"})
    at.button(key="internet.year._play").click().run()  # at the last year: restarts from the first
    assert at.session_state["internet.year._playing"] is True
    assert at.session_state["internet.year"] == "1990"


def test_a_found_country_stays_outlined_and_carded_as_the_year_moves(snapshot):
    """The map's search (`widgets.map_with_search`) outlines the country found and shows its card; a year move
    (a figure kept from an earlier draw, issue 23) keeps both, with that year's value."""
    rows = snapshot.rows("internet_users_pct")
    value = {p: float(v) for p, v in zip(rows.loc[rows["entity"] == "SEN", "period"], rows.loc[rows["entity"] == "SEN", "value"])}
    from streamlit.testing.v1 import AppTest

    from tests.apptest_tools import switch_page
    at = AppTest.from_file("../app.py", default_timeout=30)
    at.query_params.update({"year": "2021"})
    switch_page(at.run(), "internet").run()
    at.button(key="internet.map.search").click().run()
    at.selectbox(key="internet.map.find").set_value("SEN").run()
    for year in ("2022", "2021"):  # 2021 was drawn before the search: the kept figure, outlined now
        at.select_slider(key="internet.year").set_value(year).run()
        assert not at.exception
        _frames, spec = chart_data(at)
        assert {"name": "found", "value": "SEN"} in spec["params"]
        assert '"test": "datum.id === found"' in json.dumps(spec["layer"])
        card = " ".join(m.value for m in at.markdown if m.value.startswith("**Senegal**"))
        assert f"Internet use (%): {numbers.significant(value[year], 3)} ({year})" in card, card
