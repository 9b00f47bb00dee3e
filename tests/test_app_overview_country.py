"""AppTest: the overview and the country profile, every number from the snapshot."""
import pytest
from streamlit.testing.v1 import AppTest


def app(page=None, **query):
    at = AppTest.from_file("../app.py", default_timeout=30)
    at.query_params.update(query)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def texts(at) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info])


def test_overview_shows_three_cards_with_sources_and_links(snapshot):
    at = app()  # the app's entry: the overview is its default page
    assert not at.exception and at.title[0].value
    body = texts(at)
    from atlas import numbers, story
    from atlas.themes.mobile_money import gsma
    for _theme, card in story.cards(snapshot):  # each card's figure, computed from the snapshot
        assert card.figure in body, card.figure
    assert numbers.usd_bn(snapshot.value("gsma_tx_value", "GSMA_AFRICA", "2022")) in body  # as reported
    now = gsma.latest(snapshot)  # beside GSMA's dataset
    assert numbers.usd_bn(now.world) in body and numbers.usd_bn(now.africa) in body
    for _theme, card in story.cards(snapshot):  # each card's sources, "Source" said once (issue 22)
        assert story.sources_line(card.sources) in body
    assert body.count("Sources:") == 2 and "Sources: Source:" not in body  # one card has a single source
    assert len(at.get("vega_lite_chart")) == 3
    links = at.main.get("page_link")  # the sidebar's navigation links aside
    assert len(links) == 3
    assert [l.proto.page for l in links] == ["internet", "mobile-money", "kaios"]
    assert "places=ITU%3AITU_AFR" in links[0].proto.query_string


def test_overview_numbers_follow_the_snapshot(snapshot, edited_snapshot):
    from atlas import numbers
    before = numbers.usd_bn(snapshot.value("gsma_tx_value", "WLD", "2022"))
    itu = snapshot.rows("itu_internet_use_rate")
    latest = itu.loc[itu["entity"] == "ITU_AFR", "period"].max()  # the card's year
    year = snapshot.periods("gsma_mm_year_value", kind=None)[-1]  # GSMA's dataset: its annual table's year
    edited_snapshot({("gsma_tx_value", "WLD", "2022"): 1370.0, ("itu_internet_use_rate", "ITU_AFR", latest): 38.9,
                     ("gsma_mm_year_value", "WLD", year): 1.93e12})
    body = texts(app())
    assert before != "US$1.37 trillion" and "US$1.37 trillion" in body and before not in body
    assert "38.9 %" in body and "US$1.93 trillion" in body


@pytest.mark.parametrize("code", ["KEN", "NGA", "IND", "TUV", "DEU", "MAF", "XKX", "BRA"])
def test_country_profile_runs_for_dense_and_sparse_countries(code):
    at = app("pages/country.py", country=code)
    assert not at.exception, at.exception
    from atlas.store import Snapshot
    assert at.title[0].value == Snapshot.load().name(code)
    summary = at.markdown[0].value
    assert summary.count("- ") >= 3


def test_country_profile_numbers_follow_the_snapshot(edited_snapshot):
    edited_snapshot({("internet_users_pct", "NGA", "2024"): 55.5})
    at = app("pages/country.py", country="NGA")
    assert "In 2024, 56 % of people in Nigeria used the internet" in at.markdown[0].value


def test_country_controls_change_the_view():
    at = app("pages/country.py", country="KEN")
    assert at.title[0].value == "Kenya"
    at.selectbox(key="country.country").set_value("NGA").run()
    assert at.title[0].value == "Nigeria" and at.query_params["country"] == "NGA"
    at.segmented_control(key="country.within").set_value("income").run()
    assert not at.exception and at.query_params["within"] == "income"
    at.segmented_control(key="country.peers").set_value("findex_mobile_money").run()
    assert not at.exception


def test_unknown_country_in_link_falls_back_with_notice():
    at = app("pages/country.py", country="ZZZ")
    assert not at.exception
    assert any("Country: 'ZZZ' is not one of the choices" in w.value for w in at.warning)
