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
        if pd.isna(value):  # None, NaN or pd.NA (a whole-number column with gaps, e.g. a rank): an empty cell
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
    source_list: str = ""                        # on a slide: the sources its line leaves to the notes and handout
    table: pd.DataFrame | None = None            # the values behind the view (CSV; the table view's rows)
    columns: dict[str, Column] | None = None     # set on a table view: how to show `table`
    captions: list[str] = field(default_factory=list)
    notice: str | None = None                    # nothing to draw: say why instead
    export: Callable[[], Spec] | None = None     # the chart for PNG/SVG, built on click (maps inline geometry)
    file: str = "chart"                          # download file name, without extension
    notes: list[str] = field(default_factory=list)      # Markdown below the chart (a list of milestones)
    details: tuple[str, pd.DataFrame, dict[str, Column]] | None = None  # an expander with the figures
    clickable: bool = False                      # a map: a tap or click shows a country's value, with a link to its profile
    plays: bool = False                          # a chart that is not a map whose slide plays its periods too
    downloads: bool = True                       # CSV (and PNG/SVG for a chart) below it

    def value_of(self, name: str) -> str | None:
        """A map country's value in words, as a tap on it shows it ('Internet use (%): 72.1 (2024)'; a
        change map: '+5.2 (60.1 in 2015 → 65.3 in 2024)'), from the table behind the map and the colour
        legend's title (label and unit); None when the map has no figure of its own for the country."""
        rows = self.table[self.table["name"] == name] if self.table is not None and "name" in self.table else None
        if rows is None or rows.empty or pd.isna(rows.iloc[0].get("value")):
            return None
        row, legend = rows.iloc[0], _legend_title(self.spec)
        value = numbers.significant(float(row["value"]), 3)
        if {"a", "pa", "b", "pb"} <= set(row.index):  # a change: both ends
            ends = [_("{value} in {period}").format(value=numbers.significant(float(row[v]), 3),
                                                     period=numbers.period(str(row[p])))
                    for v, p in (("a", "pa"), ("b", "pb")) if not pd.isna(row[v])]
            text = ("+" if row["value"] > 0 else "") + value + (f" ({' → '.join(ends)})" if ends else "")
        else:
            text = value + (f" ({numbers.period(str(row['period']))})" if "period" in row.index else "")
        return _("{label}: {value}").format(label=legend, value=text) if legend else text


def _legend_title(spec: Spec | None) -> str:
    """The first colour legend's title in a spec (a map's: its label and unit), '' when there is none."""
    stack = [spec or {}]
    while stack:
        node = stack.pop(0)
        if isinstance(node, dict):
            legend = node.get("legend") if isinstance(node.get("legend"), dict) else None
            if legend and isinstance(legend.get("title"), str):
                return re.sub(r",[^,()]*$", "", legend["title"])  # ", log scale" says how it is drawn, not the unit
            stack.extend(v for k, v in node.items() if k != "datasets")
        elif isinstance(node, list):
            stack.extend(node)
    return ""


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


def views(*declared: View) -> dict[str, View]:
    """An explorer's views by key, in the order the view picker shows them."""
    return {v.key: v for v in declared}


def view_labels(declared: dict[str, View]) -> dict[str, str]:
    """The view picker's choices (key -> label marked N_): the views' own labels, declared once."""
    return {k: v.label for k, v in declared.items()}


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
    tolerance: dict[str, int] = field(default_factory=dict)  # indicator -> periods back a map may reach (else 0)

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


@dataclass
class Card:
    """A theme's card on the overview: a big figure, short sentences around it, a small trend and a link to
    the explorer view that shows it. Every text in the run's language, every number from the snapshot."""
    title: str
    figure: str                 # the big number, formatted
    lines: list[str]            # short sentences around it
    sources: list[str]          # citations
    trend: pd.DataFrame         # name, date, value, period: a small chart
    trend_label: str
    trend_unit: str
    link_params: dict[str, str]  # the explorer view the card opens
    reported: list[str] = field(default_factory=list)  # figures as a press story reported them, with date and outlet
    time_unit: str = "year"     # the trend's period ("year" or "month")


@dataclass(frozen=True)
class Profile:
    """How a theme appears on the country profile. `figures(snap, code)`: its charts and tables for one
    country (a notice where there is nothing to draw); `summary(snap, code, where)`: its sentence in "In
    brief" (`where` is the country as `atlas.i18n.places.Place`); `peers`: the indicators 'Closest on'
    offers (id -> label marked N_); `download(snap, code)`: the indicators in the profile's CSV and the
    places for each (id -> entity codes)."""
    title: str                  # the section's heading (N_)
    figures: Callable[[Snapshot, str], list[Figure]]
    summary: Callable[[Snapshot, str, Any], str]
    peers: dict[str, str] = field(default_factory=dict)
    download: Callable[[Snapshot, str], dict[str, list[str]]] = lambda snap, code: {}
    wide: bool = False          # full width; otherwise half-width sections sit side by side


@dataclass(frozen=True)
class Upload:
    """A file a visitor may add to a theme's page to compare with the built-in series: read in memory for
    the session, never written (`atlas.ui.upload` draws the panel). `read(data, filename)` returns an
    export with `systems` (its columns' names), `notes` (plain sentences) and `series(column)`, or raises
    `error` with a message for the visitor."""
    title: str                                   # the panel's heading (N_)
    howto: str                                   # Markdown: where the file comes from (N_)
    label: str                                   # the file picker's label (N_)
    types: tuple[str, ...]
    max_bytes: int
    size_problem: Callable[[int], str | None]    # asked with the size before a byte is read
    size_text: Callable[[int], str]              # "1 MB"
    read: Callable[[bytes, str], Any]
    error: type
    summary: Callable[[Any], str]                # what was read
    missing: Callable[[Any], str | None]         # a notice when the expected column is not in the file
    first_column: Callable[[list[str]], str]     # the column drawn first
    places: Callable[[Snapshot], list[str]]      # the places the export can be for
    place_of: Callable[[Snapshot, Any], str | None]  # the place the file names, if any
    series: Callable[[Any, str, str | None], pd.DataFrame]  # (export, column, place name) -> chart rows
    view: str                                    # the view that draws it


@dataclass(frozen=True)
class Theme:
    """Everything the app knows about one theme; the registry (`atlas.themes`) lists them.

    `key` is the theme's name in the snapshot (the indicators' and events' `theme`); `explorer.page` is its
    URL path and the page name saved in deck links. `card` is its overview card, `profile` its country-profile
    section, `slides(snap)` its slides in the story deck."""
    key: str
    explorer: Explorer
    icon: str                   # a Material icon (":material/wifi:")
    blurb: str = ""             # Markdown naming the theme in the overview's opening sentence (N_)
    card: Callable[[Snapshot], Card] | None = None
    profile: Profile | None = None
    slides: Callable[[Snapshot], list] = lambda snap: []   # SlideRefs (atlas.deck)
    indicators: Callable[[Snapshot], list[str]] | None = None  # the data page's rows; default: the catalogue's theme
    upload: Upload | None = None  # a visitor's own file to compare, on the theme's page
    compare: Callable[[Snapshot], str] | None = None  # the indicator it offers the Compare page (first two: x, y)

    @property
    def page(self) -> str:
        return self.explorer.page

    @property
    def title(self) -> str:
        return self.explorer.title

    def catalogue(self, snap: Snapshot) -> pd.DataFrame:
        """The theme's indicators as the data page lists them."""
        if self.indicators is None:
            return snap.catalogue(self.key)
        cat = snap.catalogue()
        return cat[cat["id"].isin(self.indicators(snap))]
