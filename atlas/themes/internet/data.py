"""Internet use's data shaping (pure): the map table and spec, the trend lines (WDI countries and
aggregates, ITU's own regions as 'ITU:<code>'), the table behind the map."""
from __future__ import annotations

import pandas as pd

from ... import charts
from ...i18n import N_, _
from ...regions import FOCUS_LABELS, focus_filter, map_values
from ...store import Snapshot, per_snapshot, period_date, shown_groups

WDI, ITU = "internet_users_pct", "itu_internet_use_rate"
DEFAULT_PLACES = ["WLD", "SSF", "IND", "NGA", "KEN", "IDN"]


@per_snapshot
def years(snap: Snapshot) -> list[str]:
    return snap.periods(WDI)


@per_snapshot
def place_codes(snap: Snapshot) -> set[str]:
    """WDI entities by their code; ITU's own aggregates as 'ITU:<code>'."""
    return set(snap.rows(WDI)["entity"]) | {f"ITU:{c}" for c in snap.rows(ITU)["entity"]}


def place_name(snap: Snapshot, code: str) -> str:
    return _("{name} — ITU estimate").format(name=snap.name(code[4:])) if code.startswith("ITU:") else snap.name(code)


def map_table(snap: Snapshot, year: str, region: str, tolerance: int) -> pd.DataFrame:
    return map_values(snap, WDI, year, focus=region, tolerance=tolerance)


def map_spec(snap: Snapshot, values: pd.DataFrame, year: str, region: str, inline: bool = False) -> charts.Spec:
    return charts.choropleth(values, title_text=map_title(year, region), source=snap.citation(WDI), label=N_("Internet use"), unit="%",
                             period=year, where=FOCUS_LABELS[region], focus=focus_filter(region),
                             scale=charts.ColourScale("linear", (0.0, 100.0)), inline_geometry=inline)


def map_title(year: str, region: str) -> str:
    """The map's and its table's title (the chart's heading and the slide's)."""
    return _("Internet use, {year} — {region}").format(year=year, region=_(FOCUS_LABELS[region]))


def table(values: pd.DataFrame) -> pd.DataFrame:
    """The values behind a map, highest first."""
    return shown_groups(values[values["value"].notna()].sort_values("rank")[
        ["name", "value", "period", "rank", "region", "income_group", "entity"]])  # entity: the ISO code, CSV only


def trend_series(snap: Snapshot, places: list[str], log: bool) -> pd.DataFrame:
    wdi = snap.series(WDI, [c for c in places if not c.startswith("ITU:")])
    itu = snap.series(ITU, [c[4:] for c in places if c.startswith("ITU:")])
    itu["name"] = itu["entity"].map(lambda c: place_name(snap, f"ITU:{c}"))
    itu["key"] = "ITU:" + itu["entity"]  # its colour: ITU's world is not the World Bank's (charts.palette)
    series = pd.concat([wdi, itu], ignore_index=True)
    return series[series["value"] > 0] if log else series  # a log axis cannot show zero


def trend_source(snap: Snapshot, places: list[str]) -> str:
    itu = any(c.startswith("ITU:") for c in places)
    return snap.citation(WDI) + (f" {snap.citation(ITU)}" if itu else "")


def trend_spec(snap: Snapshot, series: pd.DataFrame, places: list[str], year: str, log: bool) -> charts.Spec:
    return charts.time_series(series, title=_("Individuals using the internet (share of population, %)"),
                              source=trend_source(snap, places), label=N_("Internet use"), unit="%", log=log,
                              marker=period_date(pd.Series([year])).iloc[0], marker_label=year)
