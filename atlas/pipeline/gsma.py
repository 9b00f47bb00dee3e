"""GSMA regional mobile money figures, each with the page it was read in.

GSMA revises its history every year, so one region-year-metric can appear in several editions.
The latest edition is preferred; the others stay in the snapshot as alternates (preferred=False).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .catalog import GSMA_METRICS
from .errors import BuildError
from .readers import FILE, LINE, numbers, read_table, tidy

REGIONS = {
    "World": "WLD", "Sub-Saharan Africa": "GSMA_SSA", "Africa (as reported)": "GSMA_AFRICA",
    "East Africa": "GSMA_EAF", "West Africa": "GSMA_WAF", "Central Africa": "GSMA_CAF",
    "Southern Africa": "GSMA_SAF", "North Africa": "GSMA_NAF",
    "East Asia and Pacific": "GSMA_EAP", "South Asia": "GSMA_SAS", "Europe and Central Asia": "GSMA_ECA",
    "Latin America and the Caribbean": "GSMA_LAC", "Middle East and North Africa": "GSMA_MENA",
    "Asia (East Asia and Pacific + South Asia)": "GSMA_ASIA",
    # OWID's names for GSMA's African sub-regions and its extra aggregate
    "Eastern Africa": "GSMA_EAF", "Western Africa": "GSMA_WAF", "Middle Africa": "GSMA_CAF",
    "World (excluding Sub-Saharan Africa)": "GSMA_WORLD_EX_SSA",
}
GSMA_ENTITY_NAMES = {
    "GSMA_SSA": "Sub-Saharan Africa (GSMA)", "GSMA_AFRICA": "Africa, continent-wide (GSMA)",
    "GSMA_EAF": "East Africa (GSMA)", "GSMA_WAF": "West Africa (GSMA)", "GSMA_CAF": "Central Africa (GSMA)",
    "GSMA_SAF": "Southern Africa (GSMA)", "GSMA_NAF": "North Africa (GSMA)",
    "GSMA_EAP": "East Asia and Pacific (GSMA)", "GSMA_SAS": "South Asia (GSMA)",
    "GSMA_ECA": "Europe and Central Asia (GSMA)", "GSMA_LAC": "Latin America and the Caribbean (GSMA)",
    "GSMA_MENA": "Middle East and North Africa (GSMA)", "GSMA_ASIA": "Asia: East Asia, Pacific and South Asia (GSMA)",
    "GSMA_WORLD_EX_SSA": "World excluding Sub-Saharan Africa (GSMA)",
}
EXPECTED_UNITS = {"registered_accounts": "million accounts", "active_accounts_30day": "million accounts",
                  "active_accounts_90day": "million accounts", "transaction_value": "USD billion",
                  "transaction_volume": "billion transactions", "registered_agents": "million agents",
                  "active_agents": "million agents", "share_of_global_registered_accounts": "percent",
                  "share_of_global_transaction_value": "percent", "share_of_global_transaction_volume": "percent"}
OWID_VINTAGE = 2017
OWID_URL_PART = "owid-datasets"
OWID_SOURCE_ID = "gsma_owid"  # the catalogued source crediting Our World in Data (its licence asks for it)
# Report editions the default rule (figure year + 1) gets wrong, read from the pages' own notes.
EDITION_BY_URL_PART = {
    "ecofinagency.com/telecom/0804-41228": 2020,  # '2019 report edition', published 2020
    "clone.businessday.ng": 2022,                 # quotes the SOTIR 2022 revised series
    "marketnewsng.com/2021/04/01": 2021,          # '2021 report edition'
    "new-infographic-on-mobile-money-in-latin-america": 2015,
    "visualising-the-mobile-money-industry-in-latin-america": 2016,
    OWID_URL_PART: OWID_VINTAGE,
}


def source_id(url: str, title: str) -> str:
    if OWID_URL_PART in url:  # came through Our World in Data: cite OWID's compilation, not a GSMA page
        return OWID_SOURCE_ID
    return "gsma:" + hashlib.sha1(f"{url}|{title}".encode()).hexdigest()[:10]


def edition(url: str, year: int) -> int:
    for part, ed in EDITION_BY_URL_PART.items():
        if part in url:
            return ed
    return year + 1


def read_gsma(path: Path, owid_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (observations, sources) with one source row per cited page."""
    raw = read_table(path, ["region", "year", "metric", "value", "unit", "source_title", "source_url", "notes"])
    _check_known(raw, "region", REGIONS)
    _check_known(raw, "metric", GSMA_METRICS)
    wrong_unit = raw["unit"] != raw["metric"].map(EXPECTED_UNITS)
    if wrong_unit.any():
        row = raw[wrong_unit].iloc[0]
        raise BuildError(row[FILE], f"unit '{row['unit']}' does not match metric '{row['metric']}'", line=int(row[LINE]))
    raw["value_num"] = numbers(raw, "value")
    raw["year_num"] = numbers(raw, "year").astype(int)

    owid = _owid_extra(owid_path, already=set(raw.loc[raw["source_url"].str.contains(OWID_URL_PART), "region"]))
    raw = pd.concat([raw, owid], ignore_index=True)

    raw["sid"] = [source_id(u, t) for u, t in zip(raw["source_url"], raw["source_title"])]
    raw["edition"] = [edition(u, y) for u, y in zip(raw["source_url"], raw["year_num"])]
    raw["entity"] = raw["region"].map(REGIONS)
    raw["indicator"] = raw["metric"].map(lambda m: GSMA_METRICS[m][0])
    # Latest edition first; ties broken by source id so the choice is stable.
    raw = raw.sort_values(["entity", "indicator", "year_num", "edition", "sid"],
                          ascending=[True, True, True, False, True])
    preferred = ~raw.duplicated(["entity", "indicator", "year_num"])
    obs = tidy(raw, entity=raw["entity"], indicator=raw["indicator"], period=raw["year_num"].astype(str),
               value=raw["value_num"], source_id=raw["sid"], note=raw["notes"].str.strip(), preferred=preferred)
    sources = raw[raw["sid"] != OWID_SOURCE_ID].drop_duplicates("sid").apply(lambda r: {
        "source_id": r["sid"], "publisher": "GSMA (as published or quoted)", "title": r["source_title"],
        "url": r["source_url"], "licence": "Facts published by the GSMA (c) GSM Association",
        "vintage": f"report edition {r['edition']}"}, axis=1, result_type="expand")
    return obs, sources.reset_index(drop=True)


def _check_known(raw: pd.DataFrame, column: str, known) -> None:
    unknown = ~raw[column].isin(list(known))
    if unknown.any():
        row = raw[unknown].iloc[0]
        raise BuildError(row[FILE], f"unknown {column} '{row[column]}'", line=int(row[LINE]))


def _owid_extra(path: Path, already: set[str]) -> pd.DataFrame:
    """OWID rows for regions the main table does not already carry from OWID (African sub-regions, World ex SSA)."""
    value_col = "Registered mobile money accounts (GSMA (2017))"
    raw = read_table(path, ["Entity", "Year", value_col])
    _check_known(raw, "Entity", REGIONS)
    raw = raw[~raw["Entity"].isin(already)].copy()
    return pd.DataFrame({
        "region": raw["Entity"], "year": raw["Year"], "metric": "registered_accounts",
        "value": raw[value_col], "unit": "million accounts",
        "source_title": "Our World in Data dataset 'Mobile Bank Accounts by Region - GSMA (2019)' (GSMA Mobile Money Metrics)",
        "source_url": "https://github.com/owid/owid-datasets/tree/02be2c883c877e54722eb50b642e914b32722b0a/datasets",
        "notes": "GSMA Mobile Money Metrics via OWID; exact count / 1e6; end-of-year registered accounts",
        "value_num": (numbers(raw, value_col) / 1e6).round(6), "year_num": numbers(raw, "Year").astype(int),
        FILE: raw[FILE], LINE: raw[LINE],
    })
