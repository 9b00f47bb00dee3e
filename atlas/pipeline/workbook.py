"""Reading a publisher's Excel workbook as it is (python-calamine), every problem a BuildError naming the file,
the sheet and the cell.

A sheet is read as a grid from A1 (row and column indices from 0); `Sheet.cell(r, c)` names a cell the way
Excel does ("CV9"), so a message, and the `origin` an observation keeps, point at the publisher's own cell.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import BuildError
from .readers import rel


def cell_name(row: int, col: int) -> str:
    """0-based (row, column) -> Excel's name: (0, 0) -> 'A1', (8, 99) -> 'CV9'."""
    letters, n = "", col + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return f"{letters}{row + 1}"


class Sheet:
    def __init__(self, file: str, name: str, rows: list[list]):
        self.file, self.name, self.rows = file, name, rows

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, r: int, c: int):
        """The cell's value ('' when empty or outside the used range)."""
        if r < len(self.rows) and c < len(self.rows[r]):
            return self.rows[r][c]
        return ""

    def text(self, r: int, c: int) -> str:
        v = self.get(r, c)
        return v.strip() if isinstance(v, str) else ("" if v is None else str(v))

    def cell(self, r: int, c: int) -> str:
        return cell_name(r, c)

    def origin(self, r: int, c: int) -> str:
        return f"{self.name}!{cell_name(r, c)}"  # the exact sheet name (GSMA's end in a space)

    def fail(self, r: int | None, c: int | None, rule: str) -> BuildError:
        return BuildError(self.file, rule, sheet=self.name, cell=None if r is None else cell_name(r, c))

    def expect(self, r: int, c: int, expected: str) -> None:
        """The cell must hold this text (a header the reader relies on)."""
        got = self.text(r, c)
        if got != expected:
            raise self.fail(r, c, f"expected the header '{expected}', found '{got}'")

    def number(self, r: int, c: int, blanks: tuple[str, ...] = ("",)) -> float | None:
        """The cell as a float; a blank marker gives None; text or a date is an error naming the cell."""
        v = self.get(r, c)
        if isinstance(v, bool):
            raise self.fail(r, c, f"holds {v!r}, which is not a number")
        if isinstance(v, (int, float)):
            return float(v)
        if isinstance(v, str) and v.strip() in blanks:
            return None
        raise self.fail(r, c, f"holds '{v}', which is not a number")


class Workbook:
    def __init__(self, path: Path):
        self.path, self.file = path, rel(path)
        if not path.exists():
            raise BuildError(self.file, "the file is missing")
        try:
            from python_calamine import CalamineWorkbook
            self._wb = CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own error types for a damaged file
            raise BuildError(self.file, f"the file cannot be read as an Excel workbook ({exc})") from None
        self.sheet_names = list(self._wb.sheet_names)

    def sheet(self, name: str) -> Sheet:
        if name not in self.sheet_names:
            listed = ", ".join(f"'{s}'" for s in self.sheet_names)
            raise BuildError(self.file, f"the sheet '{name}' is missing (the workbook has {listed})", sheet=name)
        rows = self._wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        return Sheet(self.file, name, [list(r) for r in rows])


def quarter_end(value, sheet: Sheet, r: int, c: int) -> str:
    """A quarter-end column header ('01/12/2024', or an Excel date) -> '2024-12'. GSMA dates a quarter by the
    first day of its last month; anything else is an error naming the cell."""
    if isinstance(value, (dt.date, dt.datetime)):
        day, month, year = value.day, value.month, value.year
    else:
        try:
            day, month, year = (int(p) for p in str(value).strip().split("/"))
        except ValueError:
            raise sheet.fail(r, c, f"expected a quarter-end date such as '01/12/2024', found '{value}'") from None
    if day != 1 or month not in (3, 6, 9, 12):
        raise sheet.fail(r, c, f"expected the first day of March, June, September or December, found '{value}'")
    return f"{year:04d}-{month:02d}"
