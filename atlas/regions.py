"""Region focus for maps: which countries a 'zoom' shows, and the map table that joins values to them."""
from __future__ import annotations

import pandas as pd

from . import i18n
from .i18n import N_
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


def _map_values(snap: Snapshot, indicator: str, period: str, focus: str, tolerance: int) -> pd.DataFrame:
    ent = places(snap, focus)
    cs = snap.cross_section(indicator, period, tolerance=tolerance)
    cs = cs[cs["entity"].isin(ent.index)].drop(columns=["name", "region", "income_group", "rank"])
    out = ent[["code", "name", "region", "income_group", "lon", "lat", "small"]].rename(columns={"code": "entity"})
    out["name"] = out["entity"].map(snap.names())
    out = out.merge(cs, on="entity", how="left")
    out["earlier"] = out["earlier"].astype("boolean").fillna(False).astype(bool)
    out["rank"] = out["value"].rank(ascending=False, method="min")
    return out.reset_index(drop=True)
