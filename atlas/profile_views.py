"""The country profile page's tables, shaped from the snapshot (pure; `pages/country.py` lays them out).
Kept beside `atlas.profile` (its comparisons, peers and summary) so that module stays as it is."""
from __future__ import annotations

import pandas as pd

from . import profile
from .explorers.base import Column
from .store import Snapshot


def picker_labels(snap: Snapshot) -> dict[str, str]:
    """Country code -> 'Name / French name' (the name alone when the French is the same or missing)."""
    return {r.code: r.name if not r.name_fr or r.name_fr == r.name else f"{r.name} / {r.name_fr}"
            for r in profile.countries(snap).itertuples()}


def fas_latest(snap: Snapshot, code: str) -> pd.DataFrame:
    """The latest value of each IMF FAS mobile money series the country has (empty if none)."""
    rows = [(i, profile.latest(snap, i, code)) for i in profile.FAS]
    return pd.DataFrame([{"IMF FAS series": snap.indicator(i)["label"], "Year": p, "Value": v}
                         for i, hit in rows if hit for p, v in [hit]])


def event_marks(events: pd.DataFrame) -> pd.DataFrame:
    """Events as chart marks: a date at its precision (year, month or day) and the source's title."""
    dates = events["date"].str.pad(10, "right", "-").str.replace(r"-+$", "", regex=True)
    return events.assign(date=pd.to_datetime(dates, format="mixed"), source=events["source_title"])


def browser_series(snap: Snapshot, code: str) -> pd.DataFrame:
    """KaiOS and the low-end browsers' shares of page views in the country, one line each."""
    return pd.concat([snap.series(i, [code]).assign(name=snap.indicator(i)["short_label"]) for i in profile.BROWSERS])


def peer_columns(label: str) -> dict[str, Column]:
    """The peers table's columns: `label` names the indicator compared (a share, in %)."""
    return {"name": Column("Country"), "value": Column(f"{label} (%)", "%.1f"), "period": Column("Year"),
            "difference": Column("Difference (points)", "%+.1f")}
