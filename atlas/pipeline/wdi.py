"""World Bank WDI files in the 'API_' wide layout (4 preamble lines, one column per year)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import BuildError
from .readers import FILE, LINE, numbers, read_table, tidy

ID_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
# Cells the SOURCES.md documents as errors in the source itself: (indicator, code, year) -> why dropped.
# Only internet use reads 0 there; the same places' 2025 population figures are real and kept.
KNOWN_SOURCE_ERRORS = {
    ("internet_users_pct", "MNA", "2025"): "source shows 0, an error (see internet/SOURCES.md)",
    ("internet_users_pct", "SST", "2025"): "source shows 0, an error (see internet/SOURCES.md)",
}


def read_wdi(path: Path, indicator: str, source_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (observations, names) where names maps every code in the file to its WDI name."""
    raw = read_table(path, ID_COLUMNS, skiprows=4, encoding="utf-8-sig")
    raw = raw[raw["Country Code"].str.strip() != ""]
    years = [c for c in raw.columns if c.isdigit()]
    if not years:
        raise BuildError(path.name, "no year columns (1960, 1961, ...) after the header", line=5)
    for year in years:  # checked column by column so an error names the year
        raw[year] = numbers(raw, year)
    long = raw.melt(id_vars=["Country Code", FILE, LINE], value_vars=years, var_name="year", value_name="value")
    drop = [(indicator, c, y) in KNOWN_SOURCE_ERRORS for c, y in zip(long["Country Code"], long["year"])]
    long = long[~pd.Series(drop, index=long.index)]
    obs = tidy(long, entity=long["Country Code"].str.strip(), indicator=indicator, period=long["year"],
               value=long["value"], source_id=source_id)
    names = raw[["Country Code", "Country Name"]].rename(columns={"Country Code": "code", "Country Name": "name"})
    return obs, names.reset_index(drop=True)
