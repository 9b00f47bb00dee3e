"""Reading raw CSV files defensively: every problem becomes a BuildError naming file and line."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import BuildError

LINE = "_line"  # the 1-based line of the raw file a row came from
FILE = "_file"


def rel(path: Path) -> str:
    """Name a raw file the way users see it: theme folder and file name."""
    return f"{path.parent.name}/{path.name}"


def read_table(path: Path, required: list[str], skiprows: int = 0, encoding: str = "utf-8") -> pd.DataFrame:
    """Read a CSV as text (no type guessing) and check it has the columns the parser needs."""
    name = rel(path)
    if not path.exists():
        raise BuildError(name, "the file is missing")
    if path.stat().st_size == 0:
        raise BuildError(name, "the file is empty")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, skiprows=skiprows,
                         encoding=encoding, skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, csv.Error) as exc:
        raise BuildError(name, f"the file cannot be read as CSV ({exc})") from None
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise BuildError(name, f"required column(s) missing: {', '.join(missing)}", line=skiprows + 1)
    if df.empty:
        raise BuildError(name, "the file has a header but no data rows")
    df[LINE] = np.arange(len(df)) + skiprows + 2  # header line + 1-based
    df[FILE] = name
    return df


def numbers(df: pd.DataFrame, column: str, blanks: tuple[str, ...] = ("",)) -> pd.Series:
    """Convert a text column to floats; blank markers become NaN, anything else non-numeric is an error."""
    text = df[column].astype(str).str.strip()
    is_blank = text.isin(blanks)
    values = pd.to_numeric(text.where(~is_blank), errors="coerce")
    bad = values.isna() & ~is_blank
    if bad.any():
        row = df[bad].iloc[0]
        raise BuildError(row[FILE], f"column '{column}' holds '{text[bad].iloc[0]}', which is not a number",
                         line=int(row[LINE]))
    return values.astype("float64")


def tidy(df: pd.DataFrame, *, entity, indicator, period, value, source_id, note="", preferred=True) -> pd.DataFrame:
    """Assemble the observation columns (plus file/line for validation messages), dropping blank values."""
    out = pd.DataFrame({
        "entity": entity, "indicator": indicator, "period": period, "value": value,
        "source_id": source_id, "preferred": preferred, "note": note,
        FILE: df[FILE].values, LINE: df[LINE].values,
    }, index=df.index)
    return out[out["value"].notna()].reset_index(drop=True)
