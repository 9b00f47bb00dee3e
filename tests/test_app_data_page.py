from streamlit.testing.v1 import AppTest


def test_data_page_lists_every_indicator_of_a_theme(snapshot):
    at = AppTest.from_file("../pages/data.py", default_timeout=30).run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert len(shown) == (snapshot.indicators["theme"] == "internet").sum()
    at.segmented_control(key="theme").set_value("kaios").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == (snapshot.indicators["theme"] == "kaios").sum()


def test_app_entry_runs():
    at = AppTest.from_file("../app.py", default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value


def test_data_page_shows_each_sources_vintage_and_the_last_refresh(snapshot):
    at = AppTest.from_file("../pages/data.py", default_timeout=30).run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Months added: 2026-07, 2026-08" in text
    vintages = at.dataframe[1].value
    caniuse = vintages[vintages["publisher"].str.startswith("caniuse")].iloc[0]
    assert caniuse["last period"] == "2026-08" and "caniuse-db" in caniuse["vintage"]
    assert vintages["updated"].str.contains("by hand").sum() >= 5
    kept = at.dataframe[2].value
    assert kept["month"].tolist() == ["2026-07", "2026-08"] and kept["version"].str.startswith("1.0.").all()
