"""caniuse browser usage by region and month: KaiOS, and the other mobile browsers for context."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pycountry

from .catalog import BROWSER_AGENTS
from .errors import BuildError
from .readers import FILE, LINE, numbers, read_table, tidy

CONTINENTS = {
    "alt-ww": "WLD", "alt-af": "CIU_AF", "alt-as": "CIU_AS", "alt-eu": "CIU_EU", "alt-na": "CIU_NA",
    "alt-sa": "CIU_SA", "alt-oc": "CIU_OC", "alt-an": "CIU_AN",
}
CONTINENT_NAMES = {
    "CIU_AF": "Africa (caniuse)", "CIU_AS": "Asia (caniuse)", "CIU_EU": "Europe (caniuse)",
    "CIU_NA": "North America (caniuse)", "CIU_SA": "South America (caniuse)", "CIU_OC": "Oceania (caniuse)",
    "CIU_AN": "Antarctica (caniuse)",
}
# Cells that are errors in the source itself: (region code, month, agent) -> why dropped.
KNOWN_SOURCE_ERRORS = {
    ("AS", "2025-06", "op_mob"): "negative share (-0.00351) in caniuse's own file",
}
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


def iso3_of(code: str) -> str | None:
    """caniuse region code (ISO 3166-1 alpha-2, or alt-xx) -> entity code."""
    if code in CONTINENTS:
        return CONTINENTS[code]
    country = pycountry.countries.get(alpha_2=code) or pycountry.historic_countries.get(alpha_2=code)
    return country.alpha_3 if country else None


def _entities(raw: pd.DataFrame) -> pd.Series:
    codes = {c: iso3_of(c) for c in raw["region_code"].unique()}
    unknown = raw["region_code"].map(codes).isna()
    if unknown.any():
        row = raw[unknown].iloc[0]
        raise BuildError(row[FILE], f"unknown country code '{row['region_code']}'", line=int(row[LINE]))
    bad_month = ~raw["month"].str.match(MONTH)
    if bad_month.any():
        row = raw[bad_month].iloc[0]
        raise BuildError(row[FILE], f"month '{row['month']}' is not YYYY-MM", line=int(row[LINE]))
    return raw["region_code"].map(codes)


def with_kept_months(shared: pd.DataFrame, kept: pd.DataFrame | None) -> pd.DataFrame:
    """The shared file's rows plus the months the project fetched since (raw/caniuse-db); a kept month
    that the shared file also holds replaces it (caniuse revised it). Ordered by place and month."""
    if kept is None or kept.empty:
        return shared
    rows = pd.concat([shared[~shared["month"].isin(set(kept["month"]))], kept[shared.columns.intersection(kept.columns)]],
                     ignore_index=True)
    return rows.sort_values(["region_code", "month"], kind="stable").reset_index(drop=True)


def read_kaios(path: Path, kept: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (observations, names) with caniuse's own region names, for territories WDI lacks."""
    cols = {"kaios_share_pct": "kaios_share_all", "kaios_share_of_mobile_tablet_browsers_pct": "kaios_share_mobile",
            "mobile_tablet_browsers_share_pct": "mobile_browsers_share"}
    raw = with_kept_months(read_table(path, ["region_code", "region_name", "region_type", "month", *cols]), kept)
    entity = _entities(raw)
    obs = pd.concat([tidy(raw, entity=entity, indicator=ind, period=raw["month"], value=numbers(raw, col),
                          source_id="caniuse") for col, ind in cols.items()], ignore_index=True)
    names = pd.DataFrame({"code": entity, "name": raw["region_name"]}).drop_duplicates("code", keep="last")
    return obs, names.reset_index(drop=True)


def read_agents(path: Path, kept: pd.DataFrame | None = None) -> pd.DataFrame:
    cols = [f"{a}_pct" for a in BROWSER_AGENTS]
    raw = with_kept_months(read_table(path, ["region_code", "month", *cols]), kept)
    entity = _entities(raw)
    frames = []
    for agent in BROWSER_AGENTS:
        value = numbers(raw, f"{agent}_pct")
        for code, month, bad_agent in KNOWN_SOURCE_ERRORS:
            if bad_agent == agent:
                value[(raw["region_code"] == code) & (raw["month"] == month)] = float("nan")
        frames.append(tidy(raw, entity=entity, indicator=f"browser_share_{agent}", period=raw["month"],
                           value=value, source_id="caniuse"))
    return pd.concat(frames, ignore_index=True)
