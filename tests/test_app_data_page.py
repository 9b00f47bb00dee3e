from streamlit.testing.v1 import AppTest


def test_data_page_lists_each_theme_s_indicators_each_source_s_vintage_and_the_last_refresh(snapshot):
    at = AppTest.from_file("../pages/data.py", default_timeout=30).run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert len(shown) == (snapshot.indicators["theme"] == "internet").sum()
    text = " ".join(m.value for m in at.markdown)
    report = snapshot.manifest["last_refresh"]  # what the last refresh recorded (changes every month)
    assert report["months_added"] and f"Months added: {', '.join(report['months_added'])}" in text
    vintages = at.dataframe[1].value
    caniuse = vintages[vintages["publisher"].str.startswith("caniuse")].iloc[0]
    assert caniuse["last period"] == report["new_last_month"] and "caniuse-db" in caniuse["vintage"]
    assert vintages["updated"].str.contains("by hand").sum() >= 5
    kept = at.dataframe[2].value
    assert kept["month"].tolist() == list(report["kept"]) and kept["version"].str.startswith("1.0.").all()
    at.segmented_control(key="theme").set_value("kaios").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == (snapshot.indicators["theme"] == "kaios").sum()
