"""Unit tests: country profile comparisons, peers and summary; the overview's headlines."""
import pytest

from atlas import profile, story
from atlas.themes import kaios as kaios_theme


def test_comparators_follow_each_source_grouping(snapshot):
    assert profile.comparators(snapshot, "NGA", "wdi") == ["NGA", "SSF", "LMC", "WLD"]
    assert profile.comparators(snapshot, "NGA", "findex") == ["NGA", "SSA", "LMC", "WLD"]
    assert profile.comparators(snapshot, "IND", "findex")[1] == "FDX_SAS"  # Findex groups South Asia its own way
    assert profile.comparators(snapshot, "DEU", "findex") == ["DEU", "HIC", "WLD"]  # regions exclude high income


def test_nigeria_summary_is_written_from_the_numbers(snapshot):
    text = " ".join(s.text for s in profile.summary(snapshot, "NGA"))
    assert "In 2024, 41 % of people in Nigeria used the internet, up from 21 % in 2014" in text
    assert "33 % of adults had a mobile money account in 2024, up from 9 % in 2021" in text


@pytest.mark.parametrize("code, says", [
    ("DEU", "Global Findex reports no mobile money account figure for Germany"),
    ("MAF", "The World Bank publishes no internet-use figure"),
    ("TUV", "Global Findex reports no mobile money account figure for Tuvalu"),
])
def test_summary_says_what_is_missing(snapshot, code, says):
    assert says in " ".join(s.text for s in profile.summary(snapshot, code))


def test_peers_are_nearest_in_the_region(snapshot):
    near = profile.peers(snapshot, "NGA", "internet_users_pct")
    own = snapshot.latest("internet_users_pct", "NGA")[1]
    assert len(near) == 5 and "NGA" not in set(near["entity"])
    assert (near["difference"].abs().diff().dropna() >= 0).all()
    assert set(snapshot.entities.loc[near["entity"], "region"]) == {"Sub-Saharan Africa"}
    assert near["value"].sub(own).round(6).equals(near["difference"].round(6))
    assert len(profile.peers(snapshot, "IND", "internet_users_pct")) > 0  # India's latest year (2025) is sparse: tolerance finds peers


def test_headlines_come_from_the_snapshot(snapshot):
    """Each card's figures are the snapshot's values (read here, so a data release moves them without failing)."""
    from atlas import numbers
    internet, money, kaios = [card for _, card in story.cards(snapshot)]
    from atlas.themes.mobile_money import gsma
    itu = snapshot.rows("itu_internet_use_rate")
    africa = itu[itu["entity"] == "ITU_AFR"].sort_values("period")
    assert internet.figure == numbers.pct(africa["value"].iloc[-1])
    assert numbers.pct(snapshot.value("itu_internet_use_rate", "ITU_AFR", "2013")) in internet.lines[0]
    assert any("16 % (2013) to 37 % (2023)" in r for r in internet.reported)  # a press figure, kept as published
    assert any("November 2024 edition" in r and "November 2025 edition" in r for r in internet.reported)  # the chain
    # GSMA's dataset for its latest year, then the story year's figures as reported
    assert money.figure == numbers.usd_bn(gsma.latest(snapshot).world) and gsma.latest(snapshot).year in money.lines[0]
    world, afr = (snapshot.value("gsma_tx_value", code, "2022") for code in ("WLD", "GSMA_AFRICA"))
    share = snapshot.value("gsma_share_tx_value", "GSMA_AFRICA", "2022") or 100 * afr / world
    assert numbers.usd_bn(world) in money.lines[1] and numbers.usd_bn(afr) in money.lines[1]
    assert numbers.pct(share) in money.lines[1]
    shipped = snapshot.facts[snapshot.facts["metric"] == "kaios_devices_shipped_cumulative"].sort_values("date")
    first, last = shipped.iloc[0], shipped.iloc[-1]
    assert kaios.figure == numbers.qualified(last["qualifier"], numbers.million(last["value"]))
    assert numbers.qualified(first["qualifier"], numbers.million(first["value"])) in kaios.lines[0]
    assert kaios_theme.peaks(snapshot).iloc[0]["entity"] == "IND"


def test_the_overview_and_the_mobile_money_page_share_one_headline(snapshot):
    from atlas import themes
    from atlas.themes.mobile_money import data as mm
    from atlas.themes.mobile_money import gsma
    from atlas.themes.mobile_money.explorer import headline
    h, now = mm.headline(snapshot, mm.STORY_YEAR), gsma.latest(snapshot)
    money, page = themes.mobile_money.card(snapshot), headline(snapshot)
    assert money.figure == mm.usd_bn(now.world) and now.year in money.lines[0] and mm.STORY_YEAR in money.lines[1]
    assert mm.usd_bn(now.world, short=True) == page.metrics[0][1]  # the dataset's year, on both
    assert mm.usd_bn(h.world.value, short=True) == page.metrics[2][1]  # and the story year as reported


@pytest.mark.parametrize("qualifier, figure", [("over", "over 170 million"), ("about", "about 170 million"),
                                               ("exact", "170 million")])
def test_the_kaios_figure_spaces_every_qualifier(snapshot, qualifier, figure):
    import dataclasses
    facts = snapshot.facts.copy()
    facts.loc[facts["metric"] == "kaios_devices_shipped_cumulative", "qualifier"] = qualifier
    assert kaios_theme.card(dataclasses.replace(snapshot, facts=facts)).figure == figure


def test_one_small_sample_rule_for_the_story_and_the_kaios_page(snapshot):
    from atlas.themes.kaios import data as kaios
    flagged = set(kaios.small_sample_flags(snapshot).index)
    rows = snapshot.rows(kaios.ALL)
    countries = set(rows.loc[rows["entity"].map(snapshot.entities["kind"]) == "country", "entity"])
    assert set(kaios_theme.peaks(snapshot)["entity"]) == countries - flagged
    # India without its latest population year: still over a million people, so still in the story
    import dataclasses
    obs = snapshot.observations
    latest = obs.loc[obs["indicator"] == "population", "period"].max()
    drop = (obs["indicator"] == "population") & (obs["entity"] == "IND") & (obs["period"] == latest)
    kept = obs[~drop]
    older = dataclasses.replace(snapshot, observations=kept, _by_indicator={
        k: v.reset_index(drop=True) for k, v in kept.groupby("indicator")})
    assert "IND" not in kaios.small_sample_flags(older) and "IND" in set(kaios_theme.peaks(older)["entity"])


def test_profile_page_tables_are_shaped_outside_the_page(snapshot):
    import pandas as pd

    from atlas import profile_views
    from atlas.themes import mobile_money
    marks = profile.event_marks(pd.DataFrame({"date": ["2019", "2019-05", "2019-05-03"],
                                                    "source_title": ["a", "b", "c"]}))
    assert list(marks["date"]) == [pd.Timestamp("2019-01-01"), pd.Timestamp("2019-05-01"), pd.Timestamp("2019-05-03")]
    assert profile_views.picker_labels(snapshot)["CIV"] == "Cote d'Ivoire / Côte d’Ivoire"  # typographic apostrophe (entities.py)
    assert set(mobile_money.fas_latest(snapshot, "KEN")["period"]) and mobile_money.fas_latest(snapshot, "DEU").empty


def test_chart_details_read_plainly(snapshot):
    """Issue 22, part 9: each chart spans its data's years, KaiOS has its own scale, axis ticks carry no useless
    decimals, a count has separators and its unit, a CSV's rank is whole and names the ISO code, a card's sources
    say 'Source' once and a bracket once."""
    from atlas import export, i18n
    from atlas.regions import map_values
    from atlas.themes import mobile_money
    from atlas.themes.internet import data as internet
    figures = kaios_theme.figures(snapshot, "NGA")
    own = figures[0].spec
    kaios_dates = snapshot.series(kaios_theme.kaios.ALL, ["NGA"])["date"]
    events = own["datasets"]["events"]
    assert len(figures) == 2 and set(own["datasets"]["series"]["name"]) == {"Nigeria"}  # KaiOS alone on its scale
    assert events["date"].between(kaios_dates.min(), kaios_dates.max()).all()  # no event stretches the axis
    assert "scale" not in own["layer"][0]["encoding"]["x"] or "domain" not in own["layer"][0]["encoding"]["x"]["scale"]
    assert own["layer"][0]["encoding"]["y"]["axis"]["format"] == ",~r"  # "20", not "20.0"
    kes = mobile_money.fas_latest(snapshot, "KEN").set_index("period")["value"].tolist()
    registered = snapshot.latest("fas_accounts_registered_per_1000", "KEN")[1]
    assert f"{registered:,.0f} per 1,000 adults" in kes  # "1,859 per 1,000 adults", not "1859.0"
    table = internet.table(map_values(snapshot, internet.WDI, "2023", "world", 3))
    lines = export.csv(table, "cited", lang="en").decode().splitlines()
    header, first = lines[0].split(","), lines[1].split(",")
    top = snapshot.cross_section(internet.WDI, "2023", tolerance=3).sort_values("value").iloc[-1]
    assert first[header.index("rank")] == "1" and first[header.index("entity")] == top["entity"]
    for lang in ("en", "fr"):
        with i18n.using(lang):
            for _theme, card in story.cards(snapshot):
                line = story.sources_line(card.sources)
                assert line.count("Source") == 1 and ") (" not in line, line
