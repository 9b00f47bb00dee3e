"""IMF Financial Access Survey: the 16 mobile money series, one row per economy and year."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .catalog import FAS_SERIES
from .readers import numbers, read_table, tidy


def read_fas(path: Path) -> pd.DataFrame:
    raw = read_table(path, ["economy", "year", "iso3", *FAS_SERIES])
    numbers(raw, "year")
    frames = [tidy(raw, entity=raw["iso3"].str.strip(), indicator=id, period=raw["year"].str.strip(),
                   value=numbers(raw, column), source_id="imf_fas")
              for column, (id, *_rest) in FAS_SERIES.items()]
    return pd.concat(frames, ignore_index=True)
