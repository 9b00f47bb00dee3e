"""Read a StatCounter Global Stats "Mobile Operating System Market Share" CSV export.

The export a user downloads from gs.statcounter.com looks like

    "Date","Android","iOS","KaiOS","Unknown","Samsung",...,"Other"
    2019-01,72.81,21.35,2.62,1.9,...

with monthly (`YYYY-MM`) or yearly (`YYYY`) dates and one column per operating system, each row adding up
to about 100. `read_export` turns the bytes of such a file into a tidy frame, or raises `ExportError`
whose message says in plain words what is wrong and what to do, in the run's language (StatCounter's own
menu names stay as its English-only site writes them). Everything happens in memory: nothing here touches
the disk. No Streamlit here.
"""
from __future__ import annotations

import codecs
import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from ... import numbers
from ...i18n import _

MAX_BYTES = 1_000_000  # a 15-year monthly export is about 15 KB; anything near 1 MB is not one
MAX_ROWS = 1_200  # 100 years of months
MAX_COLUMNS = 200  # StatCounter's mobile OS exports name about 10-30 systems
SUM_TOLERANCE = 2.0  # percentage points: StatCounter rounds to 2 decimals over ~10 columns
CORE_SYSTEMS = {"android", "ios", "kaios"}  # a mobile OS export has at least one of these
DESKTOP_SYSTEMS = {"os x", "macos", "chrome os", "windows 10", "windows 7"}  # only in all-platform OS exports
BROWSERS = {"chrome", "safari", "samsung internet", "uc browser", "opera", "firefox", "edge", "edge legacy",
            "ie", "internet explorer", "android browser", "opera mini", "yandex browser", "qq browser"}


class ExportError(ValueError):
    """A file that cannot be used; the message is meant for the person who uploaded it."""


@dataclass(frozen=True)
class Export:
    frame: pd.DataFrame  # tidy: period, date, system, share (one row per date and system)
    frequency: str  # "month" or "year"
    systems: list[str]  # columns in file order
    place: str | None = None  # ISO alpha-2 code from a StatCounter file name ("WW" for worldwide), if any
    notes: list[str] = field(default_factory=list)  # things worth saying that do not stop the file

    @property
    def first(self) -> str:
        return str(self.frame["period"].min())

    @property
    def last(self) -> str:
        return str(self.frame["period"].max())

    def series(self, system: str) -> pd.DataFrame:
        """One system's shares over time: period, date, value."""
        rows = self.frame[self.frame["system"] == system]
        return rows[["period", "date", "share"]].rename(columns={"share": "value"}).reset_index(drop=True)


def place_from_filename(filename: str) -> str | None:
    """StatCounter names its files like `mobile_os-IN-monthly-201901-202406.csv` (`ww` = worldwide)."""
    hit = re.search(r"(?:^|[_-])os(?:_combined)?-([A-Za-z]{2})-", filename or "")
    return hit.group(1).upper() if hit else None


def size_problem(size: int) -> str | None:
    """The one size check, made before a byte is read (the page asks with the upload's size)."""
    if size > MAX_BYTES:
        return _("The file is {size}; a StatCounter export is a few kilobytes (this page accepts up to {most}). "
                 "Is this the right file?").format(size=size_text(size), most=size_text(MAX_BYTES))
    return None


def read_export(data: bytes, filename: str = "") -> Export:
    """Validate and parse an export; raise ExportError with a plain-language message if it cannot be used."""
    problem = size_problem(len(data))
    if problem:
        raise ExportError(problem)
    if not data.strip():
        raise ExportError(_("The file is empty. Download the chart's data again from StatCounter "
                            "(Download data → CSV)."))
    text = _decode(data)
    head = text.lstrip()[:2048].lower()
    if head.startswith(("<!doctype", "<html", "<?xml")) or "<html" in head or "<body" in head:
        raise ExportError(_("This is a web page (HTML) saved with a .csv name, not the data export. On "
                            "StatCounter, use the chart's “Download Data” menu and choose CSV."))
    rows = _rows(text)
    header, body = rows[0], rows[1:]
    columns = _columns(header)
    if not body:
        raise ExportError(_("The file has a header but no data rows."))
    if len(body) > MAX_ROWS:
        raise ExportError(_("The file has {count} data rows; a monthly export covering all of StatCounter's "
                            "history has fewer than 250. Is this the right file?").format(count=numbers.count(len(body))))
    periods, frequency = _periods(body)
    shares = _shares(body, columns, periods, decimal_comma=_delimiter(text) == ";")
    _check_sums(shares, periods)
    notes = []
    names = {c.lower() for c in columns}
    if names & DESKTOP_SYSTEMS:
        notes.append(_("This looks like StatCounter's all-platform Operating System Market Share (it has desktop "
                       "systems such as OS X or Chrome OS), not the mobile one: its KaiOS share is a share of all "
                       "page views."))
    sums = shares.sum(axis=1)
    if len(sums) and (sums - 100).abs().max() > 0.5:
        notes.append(_("Rows add up to between {low} and {high} (StatCounter rounds each share).").format(
            low=numbers.decimal(sums.min(), 1), high=numbers.decimal(sums.max(), 1)))
    frame = shares.assign(period=periods).melt(id_vars="period", var_name="system", value_name="share")
    frame["date"] = _dates(frame["period"], frequency)
    frame = frame[["period", "date", "system", "share"]].sort_values(["system", "period"]).reset_index(drop=True)
    return Export(frame=frame, frequency=frequency, systems=columns, place=place_from_filename(filename),
                  notes=notes)


# --- steps ----------------------------------------------------------------------------------------
def size_text(n: int) -> str:
    """A file size as the reader writes it: '1.0 MB', '12 KB'; French '1,0 Mo', '12 Ko'."""
    if n >= 100_000:
        return _("{size} MB").format(size=numbers.decimal(n / 1_000_000, 1))
    return _("{size} KB").format(size=numbers.decimal(n / 1000, 0))


def _decode(data: bytes) -> str:
    """Text from bytes: honour a byte-order mark (Excel saves UTF-16 or UTF-8 with BOM), else UTF-8, else
    Windows-1252 (the names and numbers that matter are ASCII either way)."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ExportError(_("The file says it is Unicode text but cannot be read as such; it may be "
                                    "damaged. Download it again from StatCounter.")) from None
    if data.startswith(b"PK\x03\x04"):
        raise ExportError(_("This is an Excel workbook or a zip file, not a CSV. Download the data from "
                            "StatCounter as CSV, or in Excel use Save As → CSV."))
    if b"\x00" in data[:4096]:
        raise ExportError(_("This is not a text file (it holds binary data). Upload the CSV downloaded from "
                            "StatCounter."))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    return max([",", ";", "\t"], key=first.count)


def _rows(text: str) -> list[list[str]]:
    try:
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))]
    except csv.Error as exc:
        raise ExportError(_("The file is not a readable CSV ({error}).").format(error=exc)) from None
    rows = [row for row in rows if any(row)]  # blank lines (StatCounter ends with one)
    if not rows:
        raise ExportError(_("The file is empty."))
    return rows


def _columns(header: list[str]) -> list[str]:
    found = ", ".join(_("“{name}”").format(name=c) for c in header[:8]) + (" …" if len(header) > 8 else "")
    if header[0].lower() != "date":
        raise ExportError(_("The first column should be “Date”, as in StatCounter's export; this file's columns "
                            "are {found}.").format(found=found))
    columns = header[1:]
    if len(columns) > MAX_COLUMNS:  # a 650 KB header of 60,000 names once cost minutes of CPU here
        raise ExportError(_("The file has {count} columns; a StatCounter export names a few dozen systems at "
                            "most. Is this the right file?").format(count=numbers.count(len(columns))))
    if not columns or any(not c for c in columns):
        raise ExportError(_("Some columns have no name; the file's columns are {found}.").format(found=found))
    twice = sorted(c for c, n in Counter(columns).items() if n > 1)
    if twice:
        raise ExportError(_("Column {names} appears more than once.").format(names=", ".join(twice)))
    names = {c.lower() for c in columns}
    if not names & CORE_SYSTEMS:
        if len(names & BROWSERS) >= 2:
            raise ExportError(_("This looks like a browser market share export ({found}), not “Mobile Operating "
                                "System Market Share”. On StatCounter choose Platform → Mobile OS, then download "
                                "CSV.").format(found=found))
        raise ExportError(_("None of the columns is a mobile operating system (expected names such as Android, "
                            "iOS, KaiOS); this file's columns are {found}.").format(found=found))
    return columns


def _periods(body: list[list[str]]) -> tuple[list[str], str]:
    dates = [row[0] for row in body]
    if all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates):
        raise ExportError(_("The dates are days (YYYY-MM-DD). This page compares monthly figures: on StatCounter "
                            "choose Monthly (or Yearly) before downloading."))
    if all(re.fullmatch(r"\d{4}", d) for d in dates):
        frequency = "year"
    elif all(re.fullmatch(r"\d{4}-\d{2}", d) for d in dates):
        frequency = "month"
        bad = [d for d in dates if not 1 <= int(d[5:]) <= 12]
        if bad:
            raise ExportError(_("“{text}” is not a month.").format(text=bad[0][:12]))
    else:
        bad = next(i for i, d in enumerate(dates, start=2)
                   if not re.fullmatch(r"\d{4}(-\d{2})?", d) or len(d) != len(dates[0]))
        raise ExportError(_("Line {line}: the date “{text}” is not a month (YYYY-MM) or a year (YYYY) like the "
                            "other dates.").format(line=bad, text=dates[bad - 2][:20]))
    twice = sorted({d for d in dates if dates.count(d) > 1})
    if twice:
        raise ExportError(_("The date {date} appears more than once.").format(date=twice[0]))
    if frequency == "year" and not all(1990 <= int(d) <= 2100 for d in dates):
        raise ExportError(_("Some years are out of range (StatCounter's data start in 2009)."))
    return dates, frequency


def _shares(body: list[list[str]], columns: list[str], periods: list[str], decimal_comma: bool) -> pd.DataFrame:
    values: list[list[float]] = []
    for line, row in enumerate(body, start=2):
        if len(row) != len(columns) + 1:
            raise ExportError(_("Line {line} ({period}) has {count} values but the header names {columns} "
                                "columns.").format(line=line, period=periods[line - 2], count=len(row),
                                                   columns=len(columns) + 1))
        out = []
        for column, cell in zip(columns, row[1:]):
            number = _number(cell, decimal_comma)
            if number is None:
                raise ExportError(_("Line {line} ({period}), column {column}: “{text}” is not a number. Shares "
                                    "must be numbers such as {example}.").format(
                    line=line, period=periods[line - 2], column=column, text=cell[:20],
                    example=numbers.decimal(12.34, 2)))
            if not 0 <= number <= 100:
                raise ExportError(_("Line {line} ({period}), column {column}: {number} is not a share between 0 and "
                                    "100.").format(line=line, period=periods[line - 2], column=column,
                                                   number=numbers.significant(number, 6)))
            out.append(number)
        values.append(out)
    return pd.DataFrame(values, columns=columns)


def _number(cell: str, decimal_comma: bool) -> float | None:
    text = cell.strip().rstrip("%").strip()
    if decimal_comma:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _check_sums(shares: pd.DataFrame, periods: list[str]) -> None:
    sums = shares.sum(axis=1)
    off = [(periods[i], total) for i, total in enumerate(sums) if abs(total - 100) > SUM_TOLERANCE]
    if off:
        listed = "; ".join(_("{period}: {total}").format(period=numbers.period(p), total=numbers.decimal(t, 1))
                           for p, t in off[:3])
        if len(off) > 3:
            listed += _(" and {count} more").format(count=numbers.count(len(off) - 3))
        raise ExportError(_("The shares in a row should add up to about {hundred}, but {off} of {rows} rows do not "
                            "({listed}). Was a column removed or the file edited?").format(
            hundred=numbers.pct(100, 0), off=numbers.count(len(off)), rows=numbers.count(len(sums)), listed=listed))


def _dates(periods: pd.Series, frequency: str) -> pd.Series:
    """Months on their first day; a year's figure (an average over the year) in the middle of the year."""
    if frequency == "year":
        return pd.to_datetime(periods + "-07-01", format="%Y-%m-%d")
    return pd.to_datetime(periods + "-01", format="%Y-%m-%d")
