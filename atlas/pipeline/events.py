"""Dated events and figures as reported (events/events.csv, kaios/kaios_device_facts.csv)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pycountry

from .errors import BuildError
from .readers import FILE, LINE, numbers, read_table

DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
PERIOD = r"^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$"
# Continent-wide events are keyed to the continent itself, whatever their theme (not to one source's
# region such as GSMA's Africa). Anything else must be a country name.
GEOGRAPHIES = {"World": "WLD", "Africa": "AFRICA"}
CONTINENT_NAMES = {"AFRICA": "Africa (continent)"}


def entity_of(geography: str) -> str | None:
    if geography in GEOGRAPHIES:
        return GEOGRAPHIES[geography]
    try:
        return pycountry.countries.lookup(geography).alpha_3
    except LookupError:
        return None


def _check(raw: pd.DataFrame, column: str, pattern: str, what: str) -> None:
    bad = ~raw[column].str.strip().str.match(pattern)
    if bad.any():
        row = raw[bad].iloc[0]
        raise BuildError(row[FILE], f"{column} '{row[column]}' is not {what}", line=int(row[LINE]))


def _geography(raw: pd.DataFrame) -> pd.Series:
    entity = raw["geography"].map(entity_of)
    if entity.isna().any():
        row = raw[entity.isna()].iloc[0]
        raise BuildError(row[FILE], f"unknown geography '{row['geography']}'", line=int(row[LINE]))
    return entity


def read_events(path: Path) -> pd.DataFrame:
    cols = ["date", "theme", "geography", "kind", "title", "detail", "value", "unit", "source_title", "source_url", "note"]
    raw = read_table(path, cols)
    _check(raw, "date", DATE, "a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    _check(raw, "kind", r"^(event|reported_figure)$", "'event' or 'reported_figure'")
    _check(raw, "theme", r"^(kaios|mobile_money|internet|connectivity)$", "a known theme")
    out = raw[cols].copy()
    out["value"] = numbers(raw, "value")
    out["entity"] = _geography(raw)
    return out.reset_index(drop=True)


def read_facts(path: Path) -> pd.DataFrame:
    cols = ["date", "period", "geography", "metric", "qualifier", "value", "unit", "original_publisher",
            "source_title", "source_url", "note"]
    raw = read_table(path, cols)
    _check(raw, "date", DATE, "a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    _check(raw, "period", PERIOD, "a period (YYYY, YYYY-MM or YYYY-Qn)")
    _check(raw, "qualifier", r"^(exact|over|about)$", "'exact', 'over' or 'about'")
    out = raw[cols].copy()
    out["value"] = numbers(raw, "value")
    if out["value"].isna().any():
        row = raw[out["value"].isna()].iloc[0]
        raise BuildError(row[FILE], "a device fact needs a value", line=int(row[LINE]))
    out["entity"] = _geography(raw)
    return out.reset_index(drop=True)
