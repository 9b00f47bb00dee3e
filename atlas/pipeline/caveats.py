"""Caveats that quote the data, computed from the observations at build time (so they follow a rebuild).

A caveat's text is a template with {placeholders}; the build stores the template (`caveats_template`, the
text a translator translates), the raw figures (`caveat_values`, JSON) and the English caveat filled in
(`caveats`). `atlas.i18n.figures.render` fills a template in the run's language (the store does so for
French: "67,4 %" and "Arabie saoudite").
"""
from __future__ import annotations

import json

import pandas as pd

from ..i18n.figures import render
from .errors import BuildError


def _itu_vs_wdi_world(obs: pd.DataFrame, entities: pd.DataFrame) -> dict:
    """ITU's current edition against WDI's World internet use: the run of latest years where they agree (to the
    0.1 both round to), and the earlier ITU edition's figure for its own latest year against WDI's. The caveat
    says they agree: if the latest common year does not, the build stops rather than print a wrong sentence."""
    world = obs[(obs["entity"] == "WLD") & obs["indicator"].isin(["itu_internet_use_rate", "internet_users_pct"])]
    current = world[world["preferred"]].pivot(index="period", columns="indicator", values="value").dropna()
    if current.empty:
        raise BuildError("snapshot", "no year with both ITU's and WDI's World internet use, which a caveat quotes")
    agree = (current["itu_internet_use_rate"] - current["internet_users_pct"]).abs() < 0.05
    year = current.index.max()
    if not agree.loc[year]:
        raise BuildError("snapshot", f"ITU's current edition and WDI differ on World internet use for {year} "
                                     f"({current.loc[year, 'itu_internet_use_rate']:g} against "
                                     f"{current.loc[year, 'internet_users_pct']:g}): reword catalog._ITU_CAVEAT")
    first = year
    for period in sorted(current.index, reverse=True):
        if not agree.loc[period]:
            break
        first = period
    earlier = world[(world["indicator"] == "itu_internet_use_rate") & ~world["preferred"] & (world["source_id"] == "itu")]
    if earlier.empty:
        raise BuildError("snapshot", "no earlier ITU edition's World internet use, which the ITU caveat quotes")
    prev = earlier.loc[earlier["period"].idxmax()]
    wdi = current["internet_users_pct"]
    return {"itu_world": float(current.loc[year, "itu_internet_use_rate"]), "world_year": str(year),
            "itu_wdi_first_year": str(first), "itu_prev_world": float(prev["value"]), "prev_year": str(prev["period"]),
            "wdi_prev_world": float(wdi.loc[prev["period"]])}


def _fas_high_income(obs: pd.DataFrame, entities: pd.DataFrame) -> dict:
    """Which high-income economies report to the FAS mobile money series (the raw folder once said none)."""
    fas = set(obs.loc[obs["indicator"].str.startswith("fas_"), "entity"])
    ent = entities.set_index("code")
    high = sorted(c for c in fas if c in ent.index and ent.loc[c, "income_group"] == "High income")
    if not high:  # the caveat says "few": reword it in catalog.py rather than print a wrong sentence
        raise BuildError("snapshot", "no high-income economy reports the FAS mobile money series, which the "
                                     "FAS caveat (catalog._FAS_CAVEAT) says a few do")
    return {"fas_high_income_count": len(high), "fas_reporting_count": len(fas), "fas_high_income_names": high}


def _caniuse_gaps(obs: pd.DataFrame, entities: pd.DataFrame) -> dict:
    """The months between caniuse's first and last that have no figure at all: it published no update then
    (the KaiOS lines break there)."""
    months = set(obs.loc[obs["source_id"] == "caniuse", "period"].astype(str).unique())
    if not months:
        raise BuildError("snapshot", "no caniuse month, which the caniuse caveat (catalog._CANIUSE_CAVEAT) quotes")
    every = pd.period_range(min(months), max(months), freq="M").astype(str)
    gaps = [m for m in every if m not in months]
    if not gaps:  # the caveat says some months are missing: reword it rather than print a wrong sentence
        raise BuildError("snapshot", "caniuse has a figure for every month, but its caveat (catalog._CANIUSE_CAVEAT) "
                                     "says some are missing")
    return {"caniuse_gap_months": gaps}


FILLERS = {"itu_world": _itu_vs_wdi_world, "fas_high_income_count": _fas_high_income,
           "caniuse_gap_months": _caniuse_gaps}


def filled(indicators: pd.DataFrame, obs: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """The catalogue with each caveat's template, its figures from the data and the English text filled."""
    values = {}
    for key, fill in FILLERS.items():
        if indicators["caveats"].str.contains("{" + key + "}", regex=False).any():
            values.update(fill(obs, entities))
    names = entities.set_index("code")["name"]
    out = indicators.copy()
    out["caveats_template"] = out["caveats"]
    used = [{k: v for k, v in values.items() if "{" + k + "}" in c} for c in out["caveats"]]
    out["caveat_values"] = [json.dumps(u, sort_keys=True) if u else "" for u in used]
    from ..i18n import using
    with using("en"):  # the stored text is the English one, whatever language the build runs in
        out["caveats"] = [render(c, u, lambda code: names.get(code, code)) for c, u in zip(out["caveats"], used)]
    return out
