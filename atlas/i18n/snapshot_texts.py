"""The snapshot's own texts, the msgids of the second catalogue domain (`snapshot`): what `data_()` translates.

`python -m atlas.i18n.snapshot_texts OUT.pot` writes them as a .pot (Babel's Catalog and pofile), which
`scripts/i18n.sh extract` then merges into each language's snapshot.po with `pybabel update -D snapshot`.
tests/test_i18n.py compares the same list with the French .po, so a refresh that brings a new indicator,
event or source text shows up as missing French.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# Vintages written by the build from the data (GSMA's report editions, caniuse's months): translated in
# the code from a template (`atlas.store.vintage`), not one msgid per month.
GENERATED_VINTAGE = re.compile(r"^(report edition \d{4}|monthly updates .*)$")

# (table, column, only for rows where ...) of every text a reader sees as written in the snapshot
_COLUMNS = {
    "indicators": ["label", "short_label", "unit", "definition", "caveats_template", "publisher", "licence",
                   "vintage", "measure"],
    "sources": ["publisher", "licence", "vintage", "title"],
    # geography: named by its entity (Snapshot.events_table); source_title: a publication's title as published
    # with our note of where and when ("(news report, June 2024), citing ITU"), which a French page says in French
    "events": ["title", "detail", "note", "source_title"],
    "facts": ["original_publisher", "note", "source_title"],
    "entities": ["region", "income_group", "region_source"],  # a country's World Bank groups (tables, profile)
    "observations": ["note"],  # how a figure was reported ("reported as \"more than 690 million\""): tables, tooltips
}


def snapshot_texts(data_dir: Path = DATA_DIR) -> dict[str, set[str]]:
    """Every translatable text of the snapshot -> where it occurs ('indicators.label', ...)."""
    from ..pipeline.catalog import DESCRIBED_TITLES
    out: dict[str, set[str]] = {}
    for table, columns in _COLUMNS.items():
        df = pd.read_parquet(data_dir / f"{table}.parquet")
        if table == "sources":  # a publication's own title stays as published
            df = df.assign(title=df["title"].where(df["source_id"].isin(DESCRIBED_TITLES)))
        for column in columns:
            for text in df[column].dropna().unique():
                text = str(text).strip()
                if not text or not re.search(r"[A-Za-z]{2}", text) or (column == "vintage" and GENERATED_VINTAGE.match(text)):
                    continue
                out.setdefault(text, set()).add(f"{table}.{column}")
    manifest = json.loads((data_dir / "manifest.json").read_text())
    for reason in manifest.get("raw_files_not_used", {}).values():  # why a raw file is not read (data page)
        out.setdefault(reason, set()).add("manifest.raw_files_not_used")
    return out


def write_pot(path: Path, data_dir: Path = DATA_DIR) -> int:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po
    cat = Catalog(project="Connectivity Atlas", domain="snapshot")
    for text, where in sorted(snapshot_texts(data_dir).items()):
        msg = cat.add(text, auto_comments=sorted(where))
        msg.flags.discard("python-format")  # "% of GDP" is a unit, not a format string
    with open(path, "wb") as f:
        write_po(f, cat, sort_output=True, width=120)
    return len(cat)


def compile_mo(locales: Path) -> None:
    """Every language's .po (both domains) -> .mo, with Babel's `write_mo`. Not `pybabel compile`: Babel flags
    any msgid where a '%' precedes a letter as a Python %-format ("% of GDP", "(% of adults)") and then
    rejects the French ("% du PIB") as an incompatible placeholder, failing the setup. Our texts are never
    %-formatted (placeholders are `{name}`, checked by tests/test_i18n.py), so that check does not apply."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    for po in sorted(locales.glob("*/LC_MESSAGES/*.po")):
        with open(po, "rb") as f:
            cat = read_po(f)
        with open(po.with_suffix(".mo"), "wb") as f:
            write_mo(f, cat)
        done = sum(1 for m in cat if m.id and m.string and "fuzzy" not in m.flags)
        print(f"{done} of {len(cat)} messages translated in {po}")


if __name__ == "__main__":
    if sys.argv[1] == "--compile":
        compile_mo(Path(sys.argv[2]))
    else:
        n = write_pot(Path(sys.argv[1]))
        print(f"{n} snapshot texts written to {sys.argv[1]}")
