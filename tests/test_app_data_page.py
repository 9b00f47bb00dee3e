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
