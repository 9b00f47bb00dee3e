"""The "Change" view every explorer map has: the change of its indicator between two periods
(`?view=change&from=2015&year=2024`), on a diverging map centred on zero. The period matching and the
classes are `atlas.compare`'s; a theme's declaration names only its indicator, label and periods."""
from __future__ import annotations

from .. import charts, compare, numbers
from ..i18n import N_, _
from ..params import period
from ..regions import FOCUS_LABELS, focus_filter
from ..store import Snapshot
from .base import Control, Figure

VIEW = "change"
LABEL = N_("Change")
PARAM = "from"   # the start; the explorer's own period parameter is the end


def from_param(periods: list[str], default: str):
    return period(PARAM, periods, default, label=N_("From"))


def from_control(options) -> Control:
    return Control(PARAM, N_("From"), "select", options, label_of=lambda snap: numbers.period,  # 'mars 2019'
                   help=N_("The change is measured from this period to the one on the slider."))


def default_start(periods: list[str], end: str, back: int) -> str:
    """The period `back` steps before `end` (or the first), as the view's default start."""
    if end not in periods:
        return periods[0] if periods else end
    return periods[max(0, periods.index(end) - back)]


def figure(snap: Snapshot, ind: str, start: str, end: str, region: str, periods: list[str], file: str,
           inline: bool = False) -> Figure:
    """The change map of `ind` from `start` to `end` (or a plain notice when there is nothing to draw).
    The classes are made from the change up to the last period, so Play keeps the same colours."""
    meta = snap.indicator(ind)
    label = meta["short_label"] or meta["label"]
    where = _(FOCUS_LABELS[region])
    title = _("{label}: change from {start} to {end} — {where}").format(
        label=label, start=numbers.period(start), end=numbers.period(end), where=where)
    if start >= end:
        return Figure(title, notice=_("No change to draw: the start ({start}) is not before the end ({end}). Pick an "
                                      "earlier start or a later period.").format(start=numbers.period(start),
                                                                                 end=numbers.period(end)))
    table = compare.change_table(snap, ind, start, end, region)
    have = int(table["value"].notna().sum())
    if not have:
        return Figure(title, source=snap.citation(ind), notice=_(
            "No data for this choice: no country has a value of {label} at both {start} and {end}.").format(
            label=label, start=numbers.period(start), end=numbers.period(end)))
    kind = compare.change_kind(meta["unit"])
    last = periods[-1] if periods and periods[-1] > end else end
    reach = compare.change_table(snap, ind, start, last, region)["value"] if last != end else table["value"]
    breaks = compare.diverging_breaks(reach)
    labels = compare.class_labels(breaks, kind)
    table["class"] = compare.classify(table["value"], breaks, labels)
    unit = compare.change_unit(kind)
    description = compare.describe_change(table, label, start, end, kind, FOCUS_LABELS[region])

    def spec(inline_geometry: bool):
        return charts.choropleth(table, title_text=title, source=snap.citation(ind),
                                 label=_("Change in {label}").format(label=label), unit=unit, period=end,
                                 where=FOCUS_LABELS[region], focus=focus_filter(region),
                                 scale=charts.ColourScale("classes"), ends_unit=meta["unit"],
                                 description=description, inline_geometry=inline_geometry)
    # the caption travels with every period move: the rules that do not change with it are in `notes`
    caption = " ".join([description, _("Grey: no value at one end or both.")])
    rows = table[table["value"].notna()].sort_values("rank")
    return Figure(title, spec(inline), snap.citation(ind),
                  table=rows[["name", "a", "pa", "b", "pb", "value", "region", "entity"]].reset_index(drop=True),
                  captions=[caption], export=lambda: spec(True), file=f"{file}-change-{start}-{end}-{region}",
                  clickable=True)


def notes(snap: Snapshot, ind: str) -> list[str]:
    """How a change map is made, for the page's notes on the data (they do not change with the period)."""
    kind = compare.change_kind(snap.indicators.loc[ind, "unit"])
    return [" ".join([
        _("Change map: each end takes {rule}; the tooltip names the period of each value.").format(
            rule=compare.tolerance_text(compare.indicator(snap, ind).calendar)),
        _("Percentage points: the difference of two shares.") if kind == "pp" else
        _("Relative change: (end − start) ÷ start, from a start above 0."),
        _("Eight classes centred on 0, each a round step wide (a third of the 90th percentile of the changes from the "
          "start to the last period, so Play keeps the same colours), the outer two open-ended; a class holds its "
          "lower bound.")])]


def with_notes(caveats, indicator):
    """An explorer's `caveats` with the change map's notes first when the change view is shown.
    `indicator(snap, values)`: the indicator the change map draws (None: nothing drawn)."""
    def shown(snap: Snapshot, v: dict):
        indicators, extra = caveats(snap, v)
        ind = indicator(snap, v) if v.get("view") == VIEW else None
        return indicators, (notes(snap, ind) + list(extra)) if ind else extra
    return shown
