import datetime as dt

from streamlit.testing.v1 import AppTest


def written(month: str, fmt: str = "%B %Y") -> str:
    """'2026-07' as the page writes it in English ('July 2026'), from the standard library, not the app."""
    return dt.date(int(month[:4]), int(month[5:]), 1).strftime(fmt)


def test_data_page_lists_each_theme_s_indicators_each_source_s_vintage_and_the_last_refresh(snapshot):
    at = AppTest.from_file("../pages/data.py", default_timeout=30).run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert len(shown) == (snapshot.indicators["theme"] == "internet").sum()
    text = " ".join(m.value for m in at.markdown)
    report = snapshot.manifest["last_refresh"]  # what the last refresh recorded (changes every month)
    added = [written(m) for m in report["months_added"]]  # months in words, not ISO: "July 2026 and August 2026"
    assert added and f"Months added: {added[0]}" in text and all(m in text for m in added), text
    assert report["months_added"][0] not in text, text
    vintages = at.dataframe[1].value
    caniuse = vintages[vintages["publisher"].str.startswith("caniuse")].iloc[0]
    assert caniuse["last period"] == written(report["new_last_month"], "%b %Y") and "caniuse-db" in caniuse["vintage"]
    assert vintages["updated"].str.contains("by hand").sum() >= 5
    kept = at.dataframe[2].value
    assert kept["month"].tolist() == [written(m) for m in report["kept"]]
    assert kept["version"].str.startswith("1.0.").all()
    at.segmented_control(key="theme").set_value("kaios").run()
    assert not at.exception
    assert len(at.dataframe[0].value) == (snapshot.indicators["theme"] == "kaios").sum()
