"""What an explorer declaration is made of. Pure: no Streamlit here (`atlas.ui.explorer` draws these).

An `Explorer` names its URL parameters, the controls that set them, its views and, for a given set of
values, what each view shows (`Figure`: a chart spec, the table behind it, captions, a plain no-data
notice). The page, the presenter's slides and the exports all go through `Explorer.figure`, so what a
slide shows is what the page shows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

from .. import numbers
from ..charts import Spec
from ..i18n import _
from ..params import Param, parse_all
from ..store import Snapshot


@dataclass(frozen=True)
class Column:
    """How the table view shows a column: its heading and a printf-style format for numbers ('' for text,
    'link' for a URL). The format only says how many digits: `text` writes the number through
    `atlas.numbers`, so a French table shows '58,4' like the page around it."""
    label: str
    number: str = ""

    def text(self, value) -> str:
        """A cell's number as the reader's language writes it ('%.1f': 58.4 / 58,4; '%d': 1,234 / 1 234;
        '%.4g': four significant digits; '%+.1f': a signed difference)."""
        if value is None or value != value:  # None or NaN: an empty cell
            return ""
        hit = re.fullmatch(r"%([+]?)(?:\.(\d+))?([dfg])", self.number)
        if not hit:
            raise ValueError(f"no number format for {self.number!r}")
        sign, digits, kind = hit.group(1), int(hit.group(2) or 0), hit.group(3)
        if kind == "g":
            text = numbers.significant(value, digits or 6)
        else:
            text = numbers.decimal(value, digits if kind == "f" else 0)
        return ("+" + text) if sign and value > 0 and not text.startswith("+") else text


@dataclass
class Figure:
    """What one view shows for one set of values."""
    title: str                                   # a slide's title
    spec: Spec | None = None                     # the chart (None: a table or a notice)
    source: str = ""                             # citation line
    table: pd.DataFrame | None = None            # the values behind the view (CSV; the table view's rows)
    columns: dict[str, Column] | None = None     # set on a table view: how to show `table`
    captions: list[str] = field(default_factory=list)
    notice: str | None = None                    # nothing to draw: say why instead
    export: Callable[[], Spec] | None = None     # the chart for PNG/SVG, built on click (maps inline geometry)
    file: str = "chart"                          # download file name, without extension
    notes: list[str] = field(default_factory=list)      # Markdown below the chart (a list of milestones)
    details: tuple[str, pd.DataFrame, dict[str, Column]] | None = None  # an expander with the figures
    clickable: bool = False                      # a map: a click opens the country's profile
    plays: bool = False                          # a chart that is not a map whose slide plays its periods too


@dataclass(frozen=True)
class Control:
    """A widget that sets one parameter. `options(snap)` the values; `label_of(snap)` how each is written."""
    param: str
    label: str
    widget: str                                  # "segmented", "select" or "multiselect"
    options: Callable[[Snapshot], list[str]]
    label_of: Callable[[Snapshot], Callable[[str], str]] = lambda snap: str
    help: str | Callable[[], str] | None = None    # a text marked N_, or a function writing it (with numbers)
    disabled: Callable[[dict], bool] = lambda values: False


def fixed(options: dict[str, str]) -> tuple[Callable, Callable]:
    """options/label_of for a fixed dict of choices (labels marked with `N_`, translated where shown)."""
    return (lambda snap: list(options)), (lambda snap: lambda k: _(options.get(k, k)))


@dataclass(frozen=True)
class View:
    key: str
    label: str
    draw: Callable[[Snapshot, dict, dict], Figure]   # (snap, values, extras) -> Figure
    controls: tuple[tuple[str, ...], ...] = ()      # the view's own controls, rows above the chart
    timeline: bool = True                            # a period slider with Play drives it


@dataclass(frozen=True)
class Headline:
    """Big figures above an explorer: text, metrics (label, value, delta, help) and a caption."""
    text: str
    metrics: list[tuple[str, str, str | None, str | None]]
    caption: str


@dataclass(frozen=True)
class Explorer:
    page: str                                    # URL path, e.g. "internet"; also the deck's page name
    key: str                                     # session-state prefix, e.g. "internet"
    title: str
    intro: Callable[[Snapshot], str]                # Markdown under the title
    params: Callable[[Snapshot], list[Param]]
    controls: dict[str, Control]
    views: dict[str, View]
    top: tuple[tuple[str, tuple[str, ...]], ...] = ()  # controls beside the view picker: (param, views shown on)
    period: str = "year"                         # the parameter the timeline moves
    periods: Callable[[Snapshot, dict], list[str]] = lambda snap, values: []
    period_label: Callable[[dict], str] = lambda values: "Year"
    settle: Callable[[Snapshot, dict], str | None] = lambda snap, values: None  # fix values in place; a notice
    caveats: Callable[[Snapshot, dict], tuple[list[str], list[str]]] = lambda snap, values: ([], [])
    headline: Callable[[Snapshot], Headline] | None = None

    def values(self, snap: Snapshot, given: dict[str, Any]) -> tuple[dict, list[str]]:
        """Values from URL texts (a saved view), settled; plain notices for what could not be used."""
        values, notices = parse_all(self.params(snap), given)
        moved = self.settle(snap, values)
        return values, notices + ([moved] if moved else [])

    def figure(self, snap: Snapshot, values: dict, period: str | None = None,
               extras: dict | None = None) -> Figure:
        """What the chosen view shows for these values (at `period` if given and valid)."""
        view = self.views[values["view"]]
        if view.timeline and period is not None and period in self.periods(snap, values):
            values = {**values, self.period: period}
        return view.draw(snap, values, extras or {})
