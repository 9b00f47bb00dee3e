"""Region focus for maps: which countries a 'zoom' shows, the map table that joins values to them, and
what a map says about its time tolerance (each indicator's, declared by its theme: `Explorer.tolerance`)."""
from __future__ import annotations

import pandas as pd

from . import i18n, numbers
from .i18n import N_, _
from .store import Snapshot

# key -> (label, column of the entities table, value). World Bank regions as in Findex 2025.
FOCUS = {
    "world": (N_("World"), None, None),
    "africa": (N_("Africa (continent)"), "continent", "Africa"),
    "ssa": (N_("Sub-Saharan Africa"), "region", "Sub-Saharan Africa"),
    "sas": (N_("South Asia"), "region", "South Asia"),
    "eap": (N_("East Asia & Pacific"), "region", "East Asia & Pacific"),
    "lac": (N_("Latin America & Caribbean"), "region", "Latin America & Caribbean"),
    "mena": (N_("Middle East & North Africa"), "region", "Middle East & North Africa"),
    "eca": (N_("Europe & Central Asia"), "region", "Europe & Central Asia"),
    "nam": (N_("North America"), "region", "North America"),
}
FOCUS_LABELS = {k: v[0] for k, v in FOCUS.items()}
# The map region a visitor whose browser speaks this language lands on when the link names none (issue 22: the
# French-speaking readers the atlas is for are mostly African; the World map makes Senegal 7 px wide on a phone).
HOME = {"fr": "africa"}


def focus_filter(focus: str) -> tuple[str, str] | None:
    """The (places column, value) a map keeps for this focus; None for the whole world."""
    _label, column, value = FOCUS[focus]
    return (column, value) if column else None


def places(snap: Snapshot, focus: str = "world") -> pd.DataFrame:
    """Countries that can be drawn (a shape or a point), within the focus."""
    ent = snap.entities
    ent = ent[(ent["kind"] == "country") & (ent["has_shape"] | ent["lon"].notna())]
    _label, column, value = FOCUS[focus]
    if column:
        ent = ent[ent[column] == value]
    return ent


def map_values(snap: Snapshot, indicator: str, period: str, focus: str = "world", tolerance: int = 0) -> pd.DataFrame:
    """One row per drawable country in the focus, with its value (or none) for the period; ranks are
    within the focus so a regional map ranks countries within the region."""
    return snap.memo(("map_values", indicator, period, focus, tolerance, i18n.lang()),  # names in the language
                     lambda: _map_values(snap, indicator, period, focus, tolerance))


def tolerance_notes(values: pd.DataFrame, tolerance: int, period: str) -> list[str]:
    """A yearly map's sentences about its tolerance (nothing when it has none): what grey means, and how many
    countries show an earlier value (`map_values` marks them in `earlier`)."""
    if not tolerance:
        return []
    return [_("Grey: no data within {years} years of {year}.").format(years=tolerance, year=period),
            _("{countries} show their latest earlier value (marked in the tooltip).").format(
                countries=numbers.plural(int(values["earlier"].sum()), "country", "countries"))]


def tolerance_caveat(tolerance: int) -> list[str]:
    """The caveat a yearly map with a tolerance adds (nothing when it has none)."""
    if not tolerance:
        return []
    return [_("Where a country has no value for the chosen year, the map and table use its latest value from up to "
              "{years} years earlier and say so; nothing is interpolated.").format(years=tolerance)]


def _map_values(snap: Snapshot, indicator: str, period: str, focus: str, tolerance: int) -> pd.DataFrame:
    ent = places(snap, focus)
    cs = snap.cross_section(indicator, period, tolerance=tolerance)
    cs = cs[cs["entity"].isin(ent.index)].drop(columns=["name", "region", "income_group", "rank"])
    out = ent[["code", "name", "region", "income_group", "lon", "lat", "small"]].rename(columns={"code": "entity"})
    out["name"] = out["entity"].map(snap.names())
    out = out.merge(cs, on="entity", how="left")
    out["earlier"] = out["earlier"].astype("boolean").fillna(False).astype(bool)
    out["rank"] = out["value"].rank(ascending=False, method="min").astype("Int64")  # "1", not "1.0", in a CSV
    return out.reset_index(drop=True)
