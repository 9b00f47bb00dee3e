"""The KaiOS page's upload: a visitor's StatCounter export (read by `statcounter`) beside the built-in
series: how to get one, what was read, which place and column it is, its series on the trend. `UPLOAD` is
the theme's declaration (`atlas.themes.base.Upload`; `atlas.ui.upload` draws the panel)."""
from __future__ import annotations

import pandas as pd

from ... import numbers
from ...i18n import N_, _
from ...store import Snapshot
from ..base import Upload
from . import statcounter
from .data import place_codes, with_gaps


def upload_series(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """An export's series (period, date, value) as chart rows, gaps included when monthly."""
    rows = frame.assign(entity="upload", name=name)
    monthly = rows["period"].str.len().eq(7).all()
    return with_gaps(rows[["entity", "name", "period", "value"]]) if monthly and len(rows) else rows


# StatCounter's own menu and button names stay in English in the French text: its site is English only.
UPLOAD_HOWTO = N_("On [StatCounter Global Stats](https://gs.statcounter.com/os-market-share/mobile) choose "
                  "*Mobile Operating System Market Share*, a country, and *Monthly* or *Yearly*, then "
                  "*Download Data → CSV* and drop the file here. It is read in memory for this session only: "
                  "nothing you upload is saved.")


def upload_summary(export) -> str:
    systems = ", ".join(export.systems[:8]) + (" …" if len(export.systems) > 8 else "")
    n = export.frame["period"].nunique()
    periods = numbers.plural(n, "month", "months") if export.frequency == "month" else numbers.plural(n, "year", "years")
    return _("Read {periods} ({first} to {last}), {systems}: {names}.").format(
        periods=periods, first=export.first, last=export.last,
        systems=numbers.plural(len(export.systems), "system", "systems"), names=systems)


def upload_name(system: str, place_name: str | None) -> str:
    """How an uploaded series is named in the legend: whose file, which column, what it measures."""
    what = _("your StatCounter file: {system} share of mobile OS").format(system=system)
    return f"{place_name} — {what}" if place_name else what[0].upper() + what[1:]


def place_for_code(snap: Snapshot, iso2: str | None) -> str | None:
    """The entity for a StatCounter file-name code (ISO alpha-2; 'WW' is worldwide), if known."""
    if not iso2:
        return None
    if iso2.upper() == "WW":
        return "WLD"
    hit = snap.entities.index[(snap.entities["iso2"] == iso2.upper()) & (snap.entities["kind"] == "country")]
    return str(hit[0]) if len(hit) else None


def default_system(systems: list[str]) -> str:
    """The column to draw first: KaiOS if the export has it, else its first column."""
    return next((s for s in systems if s.lower() == "kaios"), systems[0])


def missing_column(export) -> str | None:
    """A notice when the export has no KaiOS column (StatCounter folds small systems into Other)."""
    if "KaiOS" in export.systems:
        return None
    return _("This export has no KaiOS column (StatCounter folds small systems into Other); pick the column to draw.")


UPLOAD = Upload(
    title=N_("Compare with your own StatCounter export"), howto=UPLOAD_HOWTO,
    label=N_("StatCounter CSV export"), types=("csv", "txt"), max_bytes=statcounter.MAX_BYTES,
    size_problem=lambda size: statcounter.size_problem(size), size_text=statcounter.size_text,
    read=lambda data, name: statcounter.read_export(data, name), error=statcounter.ExportError,
    summary=upload_summary, missing=missing_column, first_column=default_system,
    places=lambda snap: sorted(place_codes(snap), key=snap.name),
    place_of=lambda snap, export: place_for_code(snap, export.place),
    series=lambda export, column, name: upload_series(export.series(column), upload_name(column, name)).assign(
        kind="upload"),
    view="trend")
