"""ITU's Key ICT indicators for the world and ITU regions, November 2025 edition (Facts and Figures 2025),
read from ITU's workbook as published.

Each sheet stacks indicator blocks. In the two main sheets a block is a title row (indicator name in column A,
the left table's unit in B, the right table's unit above its first year), a row of years and one row per
area: **two tables side by side**, totals on the left and rates on the right. The gender and urban/rural
sheets put a row of groups ('Total', 'Female', 'Male') above the years. Years are read from each table's
header, never from column positions. This edition becomes the current ITU series; the November 2024 edition
(itu.py) stays in the snapshot as an earlier edition (alternate rows).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .catalog import ITU_INDICATORS, ITU_UNITS
from .itu import AREAS
from .readers import FILE, LINE
from .workbook import Sheet, Workbook

SOURCE_ID = "itu_2025"
MAIN_SHEETS = ("By dvpmnt status and spec. reg.", "By BDT region")
# Breakdown sheets: (sheet, block title) -> (indicator, {group -> breakdown id}). Only internet use is kept:
# the other blocks (coverage by area, phone ownership by sex, use by age) are read for their layout only.
BREAKDOWNS = {
    ("By gender", "Percentage of individuals using the Internet, by gender"):
        ("itu_internet_use_rate", {"Female": "female", "Male": "male"}),
    ("By urban-rural area", "Percentage of individuals using the Internet, by urban/rural area"):
        ("itu_internet_use_rate", {"Urban": "urban", "Rural": "rural"}),
}
OTHER_SHEETS = ("Internet use by age",)
EDITION_LINE = "Version November 2025"


def _indicator_name(text: str) -> str:
    return text.strip().rstrip("*").strip()


def _is_year(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and 1990 <= v <= 2100


def _segments(sh: Sheet, r: int) -> list[list[int]]:
    """The runs of year cells in a header row, each run one table."""
    out, run = [], []
    for c in range(1, len(sh.rows[r])):
        if _is_year(sh.get(r, c)):
            run.append(c)
        elif run:
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out


def read_itu_2025(path: Path) -> tuple[pd.DataFrame, dict[tuple[str, str], str]]:
    """Return (observations, units keyed by (ITU indicator name, 'total'/'rate')) like itu.read_itu."""
    wb = Workbook(path)
    rows, units = [], {}
    for name in MAIN_SHEETS:
        rows += _main_sheet(wb.sheet(name), units)
    for (sheet, title), spec in BREAKDOWNS.items():
        rows += _breakdown(wb.sheet(sheet), title, *spec)
    for name in OTHER_SHEETS:
        wb.sheet(name)  # present, as the edition's layout says
    obs = pd.DataFrame(rows, columns=["entity", "indicator", "period", "value", "origin"])
    obs = obs.assign(source_id=SOURCE_ID, preferred=True, note="")
    obs[FILE], obs[LINE] = wb.file, 0
    return obs, units


def _edition(sh: Sheet) -> None:
    if not any(sh.text(r, 0).startswith(EDITION_LINE) for r in range(len(sh))):
        raise sh.fail(None, None, f"expected the footer '{EDITION_LINE}, for Facts and Figures 2025'")


def _main_sheet(sh: Sheet, units: dict) -> list[tuple]:
    _edition(sh)
    rows, title, years, seen = [], None, None, set()
    for r in range(len(sh)):
        first = sh.text(r, 0)
        if not first and _segments(sh, r):
            years = (r, _segments(sh, r))
            if len(years[1]) != 2:
                raise sh.fail(r, 1, f"expected two tables side by side (totals, then rates), found {len(years[1])}")
            continue
        if not first:
            continue
        if first in AREAS:
            if title is None or years is None:
                raise sh.fail(r, 0, f"'{first}' comes before any indicator title and row of years")
            name = _indicator_name(sh.text(title, 0))
            stem = ITU_INDICATORS_2025[name][0]
            for measure, run in zip(("total", "rate"), years[1]):
                at = 1 if measure == "total" else run[0]
                unit = sh.text(title, at).rstrip("*").strip()
                if unit not in ITU_UNITS:
                    raise sh.fail(title, at, f"unknown unit '{sh.text(title, at)}' for the {measure}s of '{name}'")
                units[(name, measure)] = ITU_UNITS[unit]
                key = (AREAS[first], f"{stem}_{measure}")
                if key in seen:
                    raise sh.fail(r, 0, f"'{first}' appears twice under '{name}'")
                seen.add(key)
                for c in run:
                    value = sh.number(r, c, blanks=("", "N/A"))
                    if value is not None:
                        rows.append((AREAS[first], f"{stem}_{measure}", str(int(sh.get(years[0], c))), value,
                                     sh.origin(r, c)))
        elif sh.text(r, 1) and not _is_year(sh.get(r, 1)) and not isinstance(sh.get(r, 1), float):
            if _indicator_name(first) not in ITU_INDICATORS_2025:  # a title row: name, then the unit
                raise sh.fail(r, 0, f"unknown indicator '{first}': add it to catalog.ITU_INDICATORS")
            title = r
        elif any(isinstance(sh.get(r, c), (int, float)) for c in range(1, len(sh.rows[r]))):
            raise sh.fail(r, 0, f"unknown area '{first}'")
    if not rows:
        raise sh.fail(None, None, "no indicator block found")
    return rows


def _breakdown(sh: Sheet, title: str, indicator: str, groups: dict[str, str]) -> list[tuple]:
    _edition(sh)
    start = next((r for r in range(len(sh)) if sh.text(r, 0) == title), None)
    if start is None:
        raise sh.fail(None, None, f"the block '{title}' is missing")
    # the row of groups and the row of years: the last ones above the block's first area row (ITU puts them
    # above or below the title)
    rows, group_row, years, area_rows = [], None, None, 0
    for r in range(max(0, start - 3), len(sh)):
        first = sh.text(r, 0)
        if r > start and first and first not in AREAS:
            break  # the next block or the notes
        if not first and any(sh.text(r, c) in groups for c in range(1, len(sh.rows[r]))):
            group_row = r
        elif not first and _segments(sh, r):
            years = r
        elif first in AREAS and r > start:
            if group_row is None or years is None:
                raise sh.fail(r, 0, f"expected the groups ({', '.join(groups)}) and a row of years above '{first}'")
            runs = _segments(sh, years)
            labels = {sh.text(group_row, run[0]): run for run in runs}
            for group, breakdown in groups.items():
                if group not in labels:  # name the table whose group is not where its years start
                    odd = [run[0] for run in runs if sh.text(group_row, run[0]) not in {*groups, "Total"}]
                    raise sh.fail(group_row, odd[0] if odd else (runs[0][0] if runs else 1),
                                  f"expected the group '{group}' above a table of years in '{title}'")
                for c in labels[group]:
                    value = sh.number(r, c, blanks=("", "N/A"))
                    if value is not None:
                        rows.append((AREAS[first], f"{indicator}.{breakdown}", str(int(sh.get(years, c))), value,
                                     sh.origin(r, c)))
            area_rows += 1
    if not area_rows:
        raise sh.fail(start, 0, f"no area rows under '{title}'")
    return rows


# The 2025 edition's indicator names (the 2024 edition's, plus 5G subscriptions; no international bandwidth)
ITU_INDICATORS_2025 = {k: v for k, v in ITU_INDICATORS.items() if k != "International bandwidth usage"}
