"""The committed snapshot holds the published figures, each with a citation."""
import math

import pytest


@pytest.mark.parametrize("indicator, entity, period, expected, tol", [
    ("internet_users_pct", "WLD", "2024", 71.2, 1e-9),             # WDI
    ("internet_users_pct", "SSF", "2013", 11.2, 1e-9),             # WDI aggregate
    ("findex_mobile_money", "KEN", "2024", 87.5, 0.01),           # Findex 0.874994
    ("findex_mobile_money", "ETH", "2024", 9.45, 0.01),
    ("kaios_share_all", "IND", "2019-03", 3.21, 0.005),           # caniuse
    ("gsma_tx_value", "WLD", "2022", 1260, 1e-9),                 # GSMA, USD bn
    ("gsma_tx_value", "GSMA_AFRICA", "2022", 836.5, 1e-9),
    ("itu_internet_use_rate", "ITU_AFR", "2023", 32.3, 1e-9),     # ITU Nov 2025 (the current edition)
    ("itu_internet_use_rate", "WLD", "2023", 69.2, 1e-9),
    ("itu_internet_use_rate.female", "ITU_AFR", "2025", 31.2, 1e-9),
    ("gsma_mm_year_value", "WLD", "2024", 1_680.9e9, 0.05e9),     # GSMA dataset, US$ (headline US$1.68 trillion)
    ("population", "NGA", "2025", 237_527_782, 0),
])
def test_published_values(snapshot, indicator, entity, period, expected, tol):
    value = snapshot.value(indicator, entity, period)
    assert value is not None and math.isclose(value, expected, abs_tol=tol), value


def test_itu_november_2024_edition_is_kept_as_an_earlier_edition(snapshot):
    rows = snapshot.rows("itu_internet_use_rate", alternates=True)
    africa = rows[(rows["entity"] == "ITU_AFR") & (rows["period"] == "2023") & ~rows["preferred"]]
    assert africa["value"].tolist() == [35.0] and africa["source_id"].tolist() == ["itu"]


def test_wave_2022_fieldwork_is_shown_as_2021(snapshot):
    rows = snapshot.rows("findex_mobile_money")
    assert "2022" not in set(rows["period"])
    assert (rows["note"] == "fieldwork in 2022").sum() >= 14


def test_gsma_revisions_prefer_latest_edition_and_keep_alternates(snapshot):
    all_rows = snapshot.rows("gsma_tx_value", alternates=True)
    world_2019 = all_rows[(all_rows["entity"] == "WLD") & (all_rows["period"] == "2019")]
    assert sorted(world_2019["value"]) == [631.0, 690.1]
    assert world_2019.loc[world_2019["preferred"], "value"].tolist() == [631.0]


def test_source_errors_are_left_out(snapshot):
    assert snapshot.value("internet_users_pct", "MNA", "2025") is None
    assert snapshot.value("internet_users_pct", "SST", "2025") is None


def test_every_indicator_has_a_citation(snapshot):
    ind = snapshot.indicators
    for column in ("publisher", "licence", "vintage", "definition", "label", "unit"):
        assert ind[column].fillna("").str.len().gt(0).all(), column
    assert set(ind["source_id"]) <= set(snapshot.sources["source_id"])
    for indicator in ind["id"]:
        assert snapshot.citation(indicator).startswith("Source: ")


def test_every_observation_is_catalogued_sourced_and_of_a_known_entity(snapshot):
    obs = snapshot.observations
    assert set(obs["indicator"]) == set(snapshot.indicators["id"])
    assert set(obs["source_id"]) <= set(snapshot.sources["source_id"])
    assert set(obs["entity"]) <= set(snapshot.entities["code"])
    preferred = obs[obs["preferred"]]
    assert not preferred.duplicated(["entity", "indicator", "period"]).any()


def test_percentages_are_percentages(snapshot):
    pct = snapshot.indicators.query("unit == '%'")["id"]
    values = snapshot.observations[snapshot.observations["indicator"].isin(pct)]["value"]
    assert values.between(0, 100).all()
    assert values.max() > 1  # fractions were converted


def test_entities_have_classification(snapshot):
    ent = snapshot.entities
    countries = ent[ent["kind"] == "country"]
    assert (countries["region_source"].str.startswith("World Bank 2024")).sum() >= 100
    assert ent.loc["KEN", "region"] == "Sub-Saharan Africa"
    assert ent.loc["KEN", "income_group"] == "Lower middle income"
    assert ent.loc["FRA", "income_group"] == "High income" and ent.loc["FRA", "region"]
    assert ent.loc["XKX", "has_shape"]
    assert ent.loc["WLD", "kind"] == "world"
    assert ent.loc["MUS", "small"]


def test_manifest_lists_raw_files_with_hashes(snapshot):
    m = snapshot.manifest
    from atlas.pipeline.snapshot import RAW_FILES
    assert set(m["raw_files"]) == set(RAW_FILES.values())  # the publishers' workbooks included
    assert all(len(f["sha256"]) == 64 for f in m["raw_files"].values())
    assert m["rows_per_indicator"]["internet_users_pct"] == len(snapshot.rows("internet_users_pct"))
    assert m["static_files"]["static/world.topo.json"]["bytes"] <= 150_000


def test_cross_section_flags_earlier_values(snapshot):
    rows = snapshot.rows("internet_users_pct")
    with_2024 = int(((rows["period"] == "2024") & (rows["entity"].map(snapshot.entities["kind"]) == "country")).sum())
    cs = snapshot.cross_section("internet_users_pct", "2024", tolerance=3)
    assert with_2024 > 100 and len(cs) >= with_2024
    assert cs["earlier"].any() and not cs.loc[~cs["earlier"], "period"].ne("2024").any()
    assert cs["rank"].min() == 1 and cs["value"].is_monotonic_decreasing
    strict = snapshot.cross_section("internet_users_pct", "2024", tolerance=0)
    assert not strict["earlier"].any() and len(strict) == with_2024


def test_series_has_dates(snapshot):
    s = snapshot.series("kaios_share_all", ["IND", "WLD"])
    assert set(s["entity"]) == {"IND", "WLD"}
    assert str(s["date"].dtype).startswith("datetime64")
    assert s.loc[(s["entity"] == "IND") & (s["period"] == "2019-03"), "date"].iloc[0].month == 3
