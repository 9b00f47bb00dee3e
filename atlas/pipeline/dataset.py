"""The whole dataset as files, built from the snapshot in data/ (so it always matches what the app shows):

    python -m atlas.pipeline.dataset [--data data] [--out static/data] [--if-stale]

Writes into `static/data/` (served by Streamlit at `/app/static/data/…`, by the front with caching):
- `connectivity-atlas-dataset.zip`: every snapshot table as CSV (UTF-8) and as the snapshot's own Parquet,
  one metadata file per indicator (English and French), the snapshot's manifest and a README (how to cite
  each source, the licences, the files and their columns);
- `<indicator>.csv` and `<indicator>.json`: each indicator's rows and metadata at a stable address (the
  atlas's data API, README "Data API"), and `index.json`, the list of indicators with their addresses.

Run by the pipeline after every build or refresh, and by `scripts/setup.sh` when the snapshot, this code or
the translations changed since the last run (`--if-stale`): the files are generated, not committed.
Nothing here knows which indicators exist: everything is read from the snapshot.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import sys
import zipfile
from pathlib import Path

import pandas as pd

from .. import i18n
from ..i18n import LANGS
from ..store import DATA_DIR, TABLES, Snapshot

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "static" / "data"
URL = "/app/static/data"          # where Streamlit (and the front) serve OUT
ZIP_NAME = "connectivity-atlas-dataset.zip"
STAMP = "dataset.json"            # what the files were built from (for --if-stale) and their sizes
INDEX = "index.json"
ATLAS = "Connectivity Atlas"
# The per-indicator CSV: the snapshot's observation rows of that indicator, alternates included (flagged).
CSV_COLUMNS = ["entity", "name", "period", "value", "unit", "preferred", "source_id", "note"]


def key(data: Path = DATA_DIR) -> str:
    """What the files depend on: the snapshot's manifest, this code and the French catalogues."""
    digest = hashlib.sha256((data / "manifest.json").read_bytes())
    digest.update(Path(__file__).read_bytes())
    for code in LANGS:
        for domain in (i18n.DOMAIN, i18n.DATA_DOMAIN):
            po = i18n.po_path(code, domain)
            if po.exists():
                digest.update(po.read_bytes())
    return digest.hexdigest()


def published(out: Path = OUT) -> dict | None:
    """What the last build wrote (zip size, files), or None when static/data has not been built."""
    try:
        return json.loads((out / STAMP).read_text())
    except (OSError, ValueError):
        return None


def is_stale(data: Path = DATA_DIR, out: Path = OUT) -> bool:
    try:
        return json.loads((out / STAMP).read_text())["key"] != key(data)
    except (OSError, ValueError, KeyError):
        return True


# --------------------------------------------------------------------------------------- metadata
def _texts(frame: pd.DataFrame, column: str) -> dict[str, str]:
    return {code: frame[code][column] for code in LANGS}


def metadata(snap: Snapshot) -> dict[str, dict]:
    """One metadata record per indicator: its texts in every language, its source, licence, vintage,
    citation, rows, periods and addresses."""
    rows: dict[str, dict] = {}
    for code in LANGS:
        with i18n.using(code):
            rows[code] = {ind: (row, snap.citation(ind)) for ind, row in snap.catalogue().iterrows()}
    out = {}
    for ind, raw in snap.indicators.iterrows():
        obs = snap.rows(ind, alternates=True)
        preferred = obs[obs["preferred"]]
        text = {code: rows[code][ind][0] for code in LANGS}
        per_lang = {column: {code: _clean(text[code][column]) for code in LANGS}
                    for column in ("label", "short_label", "unit_label", "definition", "caveats", "publisher",
                                   "licence", "vintage")}
        out[ind] = {
            "id": ind,
            "theme": raw["theme"],
            "unit": raw["unit"],
            "period_type": raw["period_type"],
            **{k: per_lang[k] for k in ("label", "short_label", "unit_label", "definition", "caveats")},
            "comparable_across_countries": bool(raw["comparable_across_countries"]),
            "source": {"id": raw["source_id"], "url": raw["source_url"],
                       **{k: per_lang[k] for k in ("publisher", "licence", "vintage")}},
            "citation": {code: rows[code][ind][1] for code in LANGS},
            "rows": int(len(obs)),
            "preferred_rows": int(len(preferred)),
            "places": int(preferred["entity"].nunique()),
            "first_period": min(preferred["period"]) if len(preferred) else None,
            "last_period": max(preferred["period"]) if len(preferred) else None,
            "cited_sources": sorted(obs["source_id"].unique().tolist()),
            "snapshot_built_at": snap.manifest["built_at"],
            "files": {"csv": f"{URL}/{ind}.csv", "json": f"{URL}/{ind}.json", "dataset": f"{URL}/{ZIP_NAME}"},
        }
    return out


def _clean(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def indicator_csv(snap: Snapshot, ind: str) -> bytes:
    """An indicator's rows (alternates flagged `preferred=False`) with the place's English name and unit."""
    obs = snap.rows(ind, alternates=True)
    frame = obs.assign(name=obs["entity"].map(snap.entities["name"]), unit=snap.indicators.loc[ind, "unit"])
    return frame[CSV_COLUMNS].to_csv(index=False).encode("utf-8")


def table_csv(frame: pd.DataFrame) -> bytes:
    """A snapshot table as CSV: comma, decimal point, UTF-8, the header first; empty cells for no value."""
    return frame.to_csv(index=False).encode("utf-8")


# ----------------------------------------------------------------------------------------- README
def readme(snap: Snapshot, meta: dict[str, dict]) -> str:
    m = snap.manifest
    sources = snap.sources.reset_index(drop=True)
    with i18n.using("fr"):
        fr_sources = snap.source_table().set_index("source_id")
    lines = [
        f"# {ATLAS}: the whole dataset",
        "",
        f"Snapshot built {m['built_at']}. The same tables the atlas shows, unchanged: every figure on its pages "
        "is computed from these files.",
        "",
        "## Files",
        "",
        "| file | what it holds | rows |",
        "| --- | --- | --- |",
        *[f"| `tables/{name}.csv`, `tables/{name}.parquet` | {TABLE_NOTES[name]} | {len(getattr(snap, name)):,} |"
          for name in TABLES],
        f"| `metadata/<indicator>.json` | one per indicator ({len(meta)}): label, unit, definition, caveats, source, "
        "publisher, licence, vintage and citation, in English (`en`) and French (`fr`); rows, places, periods | |",
        "| `manifest.json` | the snapshot's manifest: build time, SHA-256 of every raw file read, rows per "
        "indicator | |",
        "",
        "CSV files: UTF-8, comma-separated, decimal point, header on the first line, an empty cell where a "
        "table has no value. Parquet files are the snapshot's own (zstd-compressed). `observations.preferred` "
        "is false for alternate values of the same cell (a GSMA figure revised in a later report edition): "
        "keep `preferred == true` to get the values the atlas shows. Periods are `YYYY` or `YYYY-MM`. Namibia's "
        "two-letter code is `NA`: read the CSVs without turning \"NA\" into a missing value (pandas: "
        "`keep_default_na=False, na_values=[\"\"]`).",
        "",
        "## Indicators",
        "",
        "| id | label | unit | rows | periods | licence |",
        "| --- | --- | --- | --- | --- | --- |",
        *[f"| `{i}` | {r['label']['en']} | {r['unit_label']['en']} | {r['rows']:,} | "
          f"{r['first_period']}–{r['last_period']} | {r['source']['licence']['en']} |" for i, r in meta.items()],
        "",
        "## How to cite",
        "",
        f"Cite the original publisher of each figure (each table row names its `source_id`), and the {ATLAS} "
        f"as the compiler: \"{ATLAS}, dataset snapshot of {m['built_at'][:10]}\". Each indicator's "
        "`citation` field gives the line in English and French.",
        "",
    ]
    for s in sources.itertuples():
        fr = fr_sources.loc[s.source_id]
        lines += [f"- **`{s.source_id}`**: {s.publisher}, *{s.title}*; {s.vintage}. <{s.url}>",
                  f"  - Licence: {s.licence}",
                  f"  - Français : {fr['publisher']}, *{fr['title']}* ; {fr['vintage']}. Licence : {fr['licence']}"]
    lines += ["", "## Licences", "",
              "The atlas redistributes each source under its own terms; check them before reuse:", ""]
    by_licence: dict[str, list[str]] = {}
    for s in sources.itertuples():
        by_licence.setdefault(s.licence, []).append(s.source_id)
    for licence, ids in sorted(by_licence.items()):
        shown = ", ".join(f"`{i}`" for i in ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
        lines.append(f"- {licence}: {shown}")
    lines += ["", "## Data API", "",
              "The same files, one indicator at a time, at stable addresses on the atlas's server:", "",
              f"- `{URL}/{INDEX}`: every indicator with its label, unit, rows and addresses",
              f"- `{URL}/<indicator>.csv`: its rows (columns {', '.join(CSV_COLUMNS)})",
              f"- `{URL}/<indicator>.json`: its metadata (as in `metadata/` here)",
              f"- `{URL}/{ZIP_NAME}`: this whole dataset",
              "", "They change only when the atlas's snapshot is rebuilt (monthly for caniuse, by hand for the "
              "others).",
              ""]
    return "\n".join(lines)


TABLE_NOTES = {
    "observations": "one value per indicator, place and period: entity, indicator, period, value, source_id, "
                    "preferred, note",
    "entities": "countries and aggregates: code (ISO3 or a stable code), name, French name, kind, region, income "
                "group, continent, map point, area",
    "indicators": "the catalogue: label, unit, theme, period type, source, publisher, licence, vintage, definition, "
                  "caveats (English)",
    "sources": "every publication cited, with its link, licence and vintage",
    "events": "dated events and reported headline figures, as reported",
    "facts": "KaiOS device facts, as reported",
}


# ------------------------------------------------------------------------------------------ build
def build(data: Path = DATA_DIR, out: Path = OUT) -> dict:
    """Write every file into a temporary folder beside `out`, then swap it in; return the stamp."""
    snap = Snapshot.load(data)
    meta = metadata(snap)
    tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        when = tuple(int(x) for x in (snap.manifest["built_at"][:10].split("-") + [0, 0, 0]))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            def put(name: str, payload: bytes, packed: bool = True) -> None:
                info = zipfile.ZipInfo(f"connectivity-atlas-dataset/{name}", date_time=when)  # same bytes per snapshot
                info.compress_type = zipfile.ZIP_DEFLATED if packed else zipfile.ZIP_STORED
                info.external_attr = 0o644 << 16
                z.writestr(info, payload)
            for name in TABLES:
                put(f"tables/{name}.csv", table_csv(pd.read_parquet(data / f"{name}.parquet")))
                put(f"tables/{name}.parquet", (data / f"{name}.parquet").read_bytes(), packed=False)
            for ind, record in meta.items():
                put(f"metadata/{ind}.json", _json(record))
            put("manifest.json", (data / "manifest.json").read_bytes())
            put("README.md", readme(snap, meta).encode("utf-8"))
        zipped = buf.getvalue()
        (tmp / ZIP_NAME).write_bytes(zipped)
        for ind, record in meta.items():
            (tmp / f"{ind}.csv").write_bytes(indicator_csv(snap, ind))
            (tmp / f"{ind}.json").write_bytes(_json(record))
        (tmp / INDEX).write_bytes(_json({
            "snapshot_built_at": snap.manifest["built_at"], "dataset": f"{URL}/{ZIP_NAME}",
            "indicators": [{"id": i, "label": r["label"], "unit": r["unit"], "theme": r["theme"], "rows": r["rows"],
                            "licence": r["source"]["licence"], **r["files"]} for i, r in meta.items()]}))
        stamp = {"key": key(data), "snapshot_built_at": snap.manifest["built_at"], "zip_bytes": len(zipped),
                 "indicators": len(meta), "files": len(list(tmp.iterdir())) + 1}
        (tmp / STAMP).write_text(json.dumps(stamp, indent=2) + "\n")
        old = out.with_name(f"{out.name}.old-{os.getpid()}")
        try:
            if out.exists():
                out.rename(old)
            tmp.rename(out)
        except OSError:  # another process (a parallel test worker's front) swapped in its build meanwhile
            if is_stale(data, out):
                raise
            shutil.rmtree(tmp, ignore_errors=True)  # theirs is the same build: keep it
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return stamp


def _json(record: dict) -> bytes:
    return (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas.pipeline.dataset", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--if-stale", action="store_true", help="only when the snapshot, code or translations changed")
    args = parser.parse_args(argv)
    if args.if_stale and not is_stale(args.data, args.out):
        return 0
    stamp = build(args.data, args.out)
    print(f"Dataset written to {args.out}: {stamp['indicators']} indicators, {stamp['files']} files, "
          f"{ZIP_NAME} {stamp['zip_bytes']:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
