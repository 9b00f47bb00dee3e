"""ITU Key ICT indicators (November 2024), from the long extract of the workbook's first two sheets."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .catalog import ITU_INDICATORS, ITU_UNITS
from .errors import BuildError
from .readers import FILE, LINE, numbers, read_table, tidy

# ITU area -> entity code. Income groups and LDCs are the World Bank / UN groups that WDI also
# carries, so they share WDI's codes; ITU's regions are ITU's own and get their own codes.
AREAS = {
    "World": "WLD", "Low-income": "LIC", "Lower-middle-income": "LMC", "Upper-middle-income": "UMC",
    "High-income": "HIC", "Least Developed Countries (LDCs)": "LDC",
    "Land Locked Developing Countries (LLDCs)": "ITU_LLDC", "Small Island Developing States (SIDS)": "ITU_SIDS",
    "Africa": "ITU_AFR", "Americas": "ITU_AMR", "Arab States": "ITU_ARB", "Asia-Pacific": "ITU_ASP",
    "CIS": "ITU_CIS", "Europe": "ITU_EUR",
}
ITU_ENTITY_NAMES = {
    "ITU_AFR": "Africa (ITU region)", "ITU_AMR": "Americas (ITU region)", "ITU_ARB": "Arab States (ITU region)",
    "ITU_ASP": "Asia-Pacific (ITU region)", "ITU_CIS": "CIS (ITU region)", "ITU_EUR": "Europe (ITU region)",
    "ITU_LLDC": "Landlocked developing countries (ITU)", "ITU_SIDS": "Small island developing states (ITU)",
}


def read_itu(path: Path) -> tuple[pd.DataFrame, dict[tuple[str, str], str]]:
    """Return (observations, units) with units keyed by (ITU indicator name, measure)."""
    raw = read_table(path, ["sheet", "indicator", "area", "measure", "unit", "year", "value"])
    for column, known in (("indicator", ITU_INDICATORS), ("area", AREAS), ("unit", ITU_UNITS)):
        unknown = ~raw[column].isin(list(known))
        if unknown.any():
            row = raw[unknown].iloc[0]
            raise BuildError(row[FILE], f"unknown {column} '{row[column]}'", line=int(row[LINE]))
    bad_measure = ~raw["measure"].isin(["rate", "total"])
    if bad_measure.any():
        row = raw[bad_measure].iloc[0]
        raise BuildError(row[FILE], f"measure must be 'rate' or 'total', not '{row['measure']}'", line=int(row[LINE]))
    raw["value_num"] = numbers(raw, "value", blanks=("", "N/A"))
    numbers(raw, "year")
    stems = raw["indicator"].map(lambda n: ITU_INDICATORS[n][0])
    obs = tidy(raw, entity=raw["area"].map(AREAS), indicator=stems + "_" + raw["measure"], period=raw["year"],
               value=raw["value_num"], source_id="itu")
    units = {(i, m): ITU_UNITS[u] for i, m, u in raw[["indicator", "measure", "unit"]].drop_duplicates().values}
    return obs, units
