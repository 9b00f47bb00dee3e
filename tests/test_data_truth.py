"""The audit's findings, one test each: corrections scoped and said, caveats, credits, names,
comparisons and wording that match the data, no figure typed into prose."""
import pytest


def test_nauru_is_named_nauru(snapshot):
    assert snapshot.entities.loc["NRU", "name"] == "Nauru"


def test_source_error_fix_drops_only_the_internet_zeros_not_population(snapshot):
    assert snapshot.value("internet_users_pct", "MNA", "2025") is None
    assert snapshot.value("internet_users_pct", "SST", "2025") is None
    assert snapshot.value("population", "MNA", "2025") == 753_903_407
    assert snapshot.value("population", "SST", "2025") == 20_347_135
    caveat = snapshot.indicator("internet_users_pct")["caveats"]
    assert "population figures for 2025 are kept" in caveat


def test_every_indicator_has_caveats(snapshot):
    assert snapshot.indicators.loc[snapshot.indicators["caveats"].str.len() < 40, "id"].tolist() == []


def test_fas_caveat_names_the_high_income_economies_that_report(snapshot):
    caveat = snapshot.indicator("fas_tx_value_pct_gdp")["caveats"]
    assert "absent" not in caveat
    for name in ("Qatar", "Hungary", "Romania", "Panama", "Uruguay"):
        assert name in caveat


def test_caveats_quote_figures_computed_from_the_snapshot(snapshot):
    caveat = snapshot.indicator("itu_internet_use_rate")["caveats"]
    year = max(set(snapshot.rows("itu_internet_use_rate").query("entity == 'WLD'")["period"])
               & set(snapshot.rows("internet_users_pct").query("entity == 'WLD'")["period"]))
    itu, wdi = (snapshot.value(i, "WLD", year) for i in ("itu_internet_use_rate", "internet_users_pct"))
    assert itu == wdi and f"({itu:.1f} % in {year} in both;" in caveat  # the November 2025 edition agrees with WDI
    rows = snapshot.rows("itu_internet_use_rate", alternates=True)
    earlier = rows[(rows["entity"] == "WLD") & (rows["source_id"] == "itu")]
    prev = earlier.loc[earlier["period"].idxmax()]
    assert (f"gave {prev['value']:.1f} % for {prev['period']}, against WDI's "
            f"{snapshot.value('internet_users_pct', 'WLD', prev['period']):.1f} %") in caveat
    assert "{" not in "".join(snapshot.indicators["caveats"])  # every placeholder filled


def test_the_caniuse_caveat_names_the_months_missing_from_the_data_in_words(snapshot):
    """The months caniuse published no update for are the months with no caniuse figure, written as a reader
    writes them in each language (they were typed into the caveat, and in ISO form in English)."""
    import pandas as pd

    from atlas import i18n, numbers
    months = set(snapshot.observations.loc[snapshot.observations["source_id"] == "caniuse", "period"])
    gaps = [m for m in pd.period_range(min(months), max(months), freq="M").astype(str) if m not in months]
    assert gaps and len(gaps) < 12
    caveat = snapshot.indicator("kaios_share_all")["caveats"]
    assert "caniuse published no update for " + numbers.words(
        [numbers.month(m, "en", long=True) for m in gaps], "en") + "." in caveat
    assert not any(m in caveat for m in gaps)  # no ISO month in the sentence
    from atlas.store import Snapshot
    with i18n.using("fr"):
        french = Snapshot.load().indicator("kaios_share_all")["caveats"]
    assert "caniuse n’a publié aucune mise à jour pour " + numbers.words(
        [numbers.month(m, "fr", long=True) for m in gaps], "fr") + "." in french


def test_rows_that_came_through_owid_credit_our_world_in_data(snapshot):
    obs = snapshot.observations
    via_owid = obs["note"].str.contains("via OWID")
    assert via_owid.sum() >= 70
    assert set(obs.loc[via_owid, "source_id"]) == {"gsma_owid"}
    assert set(obs.loc[obs["source_id"] == "gsma_owid", "indicator"]) == {"gsma_registered_accounts"}
    cited = snapshot.sources.set_index("source_id")
    assert not cited.drop(index="gsma_owid")["url"].str.contains("owid").any()  # no OWID page cited as GSMA's
    assert "Our World in Data" in snapshot.source("gsma_owid")["publisher"]


def test_continent_wide_events_have_a_neutral_geography(snapshot):
    africa = snapshot.events[snapshot.events["geography"] == "Africa"]
    assert len(africa) >= 3 and set(africa["entity"]) == {"AFRICA"}
    assert snapshot.entities.loc["AFRICA", "kind"] == "continent"


def test_countries_are_compared_only_with_aggregates_that_contain_them(snapshot):
    from atlas import profile
    assert "SAS" not in profile.comparators(snapshot, "AFG", "wdi")
    assert profile.comparators(snapshot, "PAK", "wdi")[1] == "MEA"
    assert "Afghanistan & Pakistan" in snapshot.name("MEA")  # WDI's own layout says so
    assert profile.comparators(snapshot, "GUF", "wdi") == ["GUF", "WLD"]  # part of France: in no WB region
    assert profile.comparators(snapshot, "KEN", "wdi") == ["KEN", "SSF", "LMC", "WLD"]


def test_a_maximum_in_the_first_month_is_not_called_a_peak(snapshot):
    from atlas import profile
    from atlas.themes import kaios
    line = kaios.card(snapshot).lines[1]
    assert "peak" not in line and "highest since the series began in March 2019" in line
    india = profile.summary(snapshot, "IND")[-1].text
    assert "peak" not in india and "highest since the series began in March 2019" in india


def test_slide_notes_are_computed_from_the_snapshot(snapshot, edited_snapshot):
    from atlas import slides
    from atlas.store import Snapshot
    notes = [r.notes for r in slides.default_deck(snapshot)]
    assert any("US$1.26 trillion moved in 2022, 66 % of it in Africa" in n for n in notes)
    current = snapshot.value("itu_internet_use_rate", "ITU_AFR", "2023")
    assert any(f"press figure of 37 % for 2023 has since been revised by ITU to {current:.1f} %" in n for n in notes)
    assert any("May 2019: KaiOS passes 100 million devices shipped" in n for n in notes)
    folder = edited_snapshot({("gsma_tx_value", "WLD", "2022"): 1400.0, ("itu_internet_use_rate", "ITU_AFR", "2023"): 37.2})
    changed = [r.notes for r in slides.default_deck(Snapshot.load(folder))]
    assert any("US$1.4 trillion moved in 2022" in n for n in changed)  # numbers.usd_bn drops trailing zeros
    assert any("press figure of 37 % for 2023 matches the current ITU series (37.2 %)" in n for n in changed)
