"""Caveats that quote the data, computed from the observations at build time (so they follow a rebuild)."""
from __future__ import annotations

import pandas as pd

from .. import numbers
from .errors import BuildError


def _itu_vs_wdi_world(obs: pd.DataFrame, entities: pd.DataFrame) -> str:
    """ITU's and WDI's World internet use for the latest year both publish."""
    world = obs[(obs["entity"] == "WLD") & obs["indicator"].isin(["itu_internet_use_rate", "internet_users_pct"])
                & obs["preferred"]]
    wide = world.pivot(index="period", columns="indicator", values="value").dropna()
    if wide.empty:
        raise BuildError("snapshot", "no year with both ITU's and WDI's World internet use, which a caveat quotes")
    year = wide.index.max()
    itu, wdi = wide.loc[year, "itu_internet_use_rate"], wide.loc[year, "internet_users_pct"]
    return f"ITU {numbers.pct(itu)} against WDI {numbers.pct(wdi)} for {year} internet use"


def _fas_high_income(obs: pd.DataFrame, entities: pd.DataFrame) -> str:
    """Which high-income economies report to the FAS mobile money series (the raw folder once said none)."""
    fas = set(obs.loc[obs["indicator"].str.startswith("fas_"), "entity"])
    ent = entities.set_index("code")
    high = sorted(ent.loc[[c for c in fas if c in ent.index and ent.loc[c, "income_group"] == "High income"], "name"])
    if not high:
        return "No high-income economy reports these series."
    return (f"Few high-income economies report these series ({len(high)} of {len(fas)} reporting economies: "
            f"{', '.join(high)}).")


FILLERS = {"itu_vs_wdi_world": _itu_vs_wdi_world, "fas_high_income": _fas_high_income}


def filled(indicators: pd.DataFrame, obs: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """The catalogue with every {placeholder} in a caveat replaced by its figure from the data."""
    values = {key: fill(obs, entities) for key, fill in FILLERS.items()
              if indicators["caveats"].str.contains("{" + key + "}", regex=False).any()}
    out = indicators.copy()
    out["caveats"] = [c.format(**values) for c in out["caveats"]]
    return out
