"""World Bank Global Findex 2025: account and mobile money account ownership by economy, wave and slice."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .catalog import FINDEX_BASES, FINDEX_SLICES, findex_id
from .errors import BuildError
from .readers import FILE, LINE, numbers, read_table, tidy

REQUIRED = ["countrynewwb", "codewb", "year", "regionwb24_hi", "incomegroupwb24", "group", "group2", *FINDEX_BASES]
WAVE_OF_YEAR = {"2011": "2011", "2014": "2014", "2017": "2017", "2021": "2021", "2022": "2021", "2024": "2024"}
# Findex aggregates (blank region) -> entity code. Most match WDI's definitions (regions excluding high
# income, income groups); Findex's South Asia and MENA are grouped differently from WDI's 2024 layout
# (Afghanistan and Pakistan sit in South Asia here), so they get their own codes.
AGGREGATES = {
    "WLD": "WLD", "HIC": "HIC", "LIC": "LIC", "LMC": "LMC", "UMC": "UMC", "LMY": "LMY",
    "EAP": "EAP", "ECA": "ECA", "LAC": "LAC", "SSA": "SSA", "SAS": "FDX_SAS", "MNA": "FDX_MNA",
}
FINDEX_ENTITY_NAMES = {
    "FDX_SAS": "South Asia (Findex grouping, with Afghanistan and Pakistan)",
    "FDX_MNA": "Middle East & North Africa (excluding high income; Findex grouping)",
}


def read_findex(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (observations, classification) where classification gives each economy's 2024 region and income."""
    raw = read_table(path, REQUIRED)
    wave = raw["year"].str.strip().map(WAVE_OF_YEAR)
    if wave.isna().any():
        row = raw[wave.isna()].iloc[0]
        raise BuildError(row[FILE], f"year '{row['year']}' is not a Findex survey year", line=int(row[LINE]))
    is_aggregate = raw["regionwb24_hi"].str.strip() == ""
    unknown_agg = is_aggregate & ~raw["codewb"].isin(list(AGGREGATES))
    if unknown_agg.any():
        row = raw[unknown_agg].iloc[0]
        raise BuildError(row[FILE], f"unknown economy code '{row['codewb']}' (no region, and not a known "
                                    "Findex aggregate)", line=int(row[LINE]))
    entity = raw["codewb"].str.strip().where(~is_aggregate, raw["codewb"].map(AGGREGATES))
    slices = [FINDEX_SLICES.get(k) for k in zip(raw["group"], raw["group2"])]
    keep = pd.Series([s is not None for s in slices], index=raw.index)
    breakdown = pd.Series([s[0] if s else "" for s in slices], index=raw.index)
    note = (raw["year"] == "2022").map({True: "fieldwork in 2022", False: ""})

    frames = []
    for column, (base, *_rest) in FINDEX_BASES.items():
        value = (numbers(raw, column) * 100).round(7)  # the file holds fractions
        indicator = [findex_id(base, b) for b in breakdown]
        frames.append(tidy(raw[keep], entity=entity[keep], indicator=pd.Series(indicator, index=raw.index)[keep],
                           period=wave[keep], value=value[keep], source_id="findex", note=note[keep]))
    obs = pd.concat(frames, ignore_index=True)
    obs = pd.concat([obs, gender_gap(obs)], ignore_index=True)

    countries = raw[~is_aggregate].drop_duplicates("codewb", keep="last")
    classification = pd.DataFrame({
        "code": countries["codewb"].str.strip(), "name": countries["countrynewwb"].str.strip(),
        "region": countries["regionwb24_hi"].str.replace(" (excluding high income)", "", regex=False),
        "income_group": countries["incomegroupwb24"].str.strip(),
    }).reset_index(drop=True)
    return obs, classification


def gender_gap(obs: pd.DataFrame) -> pd.DataFrame:
    """Men minus women, in points, where both are published for the same economy and wave."""
    key = ["entity", "period"]
    men = obs[obs["indicator"] == "findex_mobile_money.men"]
    women = obs[obs["indicator"] == "findex_mobile_money.women"][key + ["value"]]
    both = men.merge(women, on=key, suffixes=("", "_women"))
    gap = both.assign(value=(both["value"] - both["value_women"]).round(6),
                      indicator="findex_mobile_money_gender_gap")
    return gap[obs.columns]
