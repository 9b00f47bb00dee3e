"""python -m atlas.pipeline.refresh : bring in the caniuse months published since the snapshot.

Asks npm which `caniuse-db` releases came out after the newest month the project holds
(`npm view caniuse-db time`), downloads them (`npm pack caniuse-db@VERSION`), keeps the newest
release of each new (or revised) month in raw/caniuse-db/ with its version, date and SHA-256,
rebuilds the snapshot with the same validation as any build, and writes a change report (months
added, values revised, places added or gone) that the data page shows.

All or nothing: a failed download, a malformed package or a month that fails validation stops the
refresh with the reason, and data/, static/ and raw/caniuse-db/ are left exactly as they were.
Run monthly (caniuse publishes about once a month); see README "Refreshing the data".
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from . import caniuse_db
from .caniuse_db import INDEX, PackageError
from .errors import BuildError
from .snapshot import PROJECT_RAW, RAW_FILES, swap, stage

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "caniuse-db"
NPM_TIMEOUT_S = 300
VERSION = re.compile(r"\d{1,6}\.\d{1,6}\.\d{1,12}(-[0-9A-Za-z.]{1,20})?")
PUBLISHED = re.compile(r"\d{4}-\d{2}-\d{2}T[0-9:.]{1,20}(Z|[+-]\d{2}:\d{2})")
MIN_COVERAGE = 0.9  # a new month must cover at least this share of the places of the month before
MAX_LISTED_REVISIONS = 500  # the report lists revised values up to this many (and always counts them all)
VALUE_COLUMNS = {  # per kept file kind: the columns compared to tell a revised month from a re-published one
    "kaios": ["kaios_share_pct", "mobile_tablet_browsers_share_pct", "kaios_share_of_mobile_tablet_browsers_pct"],
}


class RefreshError(Exception):
    """Why a refresh stopped (nothing was changed)."""


# --- npm -------------------------------------------------------------------------------------------
def _npm(npm: str, args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run([npm, *args], cwd=cwd, capture_output=True, text=True, timeout=NPM_TIMEOUT_S)
    except FileNotFoundError:
        raise RefreshError(f"the npm client '{npm}' is not installed") from None
    except subprocess.TimeoutExpired:
        raise RefreshError(f"npm {' '.join(args)} took more than {NPM_TIMEOUT_S} s (network?)") from None
    if done.returncode != 0:
        lines = [l for l in (done.stderr or done.stdout).splitlines() if l.strip() and "Unknown user config" not in l]
        raise RefreshError(f"npm {' '.join(args)} failed: {lines[-1] if lines else f'exit code {done.returncode}'}")
    return done.stdout


def releases(npm: str, work: Path) -> dict[str, str]:
    """version -> publication time (ISO, UTC) of every caniuse-db release."""
    try:
        times = json.loads(_npm(npm, ["view", PACKAGE, "time", "--json"], work))
    except json.JSONDecodeError:
        raise RefreshError(f"npm view {PACKAGE} time did not return JSON") from None
    if not isinstance(times, dict):
        raise RefreshError(f"npm view {PACKAGE} time did not return a release list")
    # Only what a release looks like: a version npm can name (it becomes an argument and a record) and an
    # ISO publication time (compared as text with the newest month kept).
    return {v: t for v, t in times.items() if v not in ("created", "modified") and isinstance(t, str)
            and VERSION.fullmatch(v) and PUBLISHED.fullmatch(t)}


def pack(npm: str, version: str, work: Path) -> tuple[bytes, str]:
    """Download one release's tarball; return its bytes and npm's integrity string (checked here too)."""
    out = _npm(npm, ["pack", f"{PACKAGE}@{version}", "--pack-destination", str(work), "--json"], work)
    try:
        info = json.loads(out)[0]
        path = work / Path(info["filename"]).name
        integrity = info.get("integrity", "")
        data = path.read_bytes()
    except (json.JSONDecodeError, IndexError, KeyError, TypeError, OSError) as exc:
        raise RefreshError(f"npm pack {PACKAGE}@{version} gave no package ({exc})") from None
    finally:
        for leftover in work.glob("*.tgz"):
            leftover.unlink()
    if integrity.startswith("sha512-"):
        actual = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        if actual != integrity:
            raise RefreshError(f"{PACKAGE}@{version}: the download does not match npm's integrity hash")
    return data, integrity


# --- what the project holds ------------------------------------------------------------------------
def _shared_kaios(raw: Path) -> pd.DataFrame:
    path = raw / RAW_FILES["caniuse_kaios"]
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as exc:
        raise RefreshError(f"cannot read {RAW_FILES['caniuse_kaios']} ({exc})") from None


def _held_rows(raw: Path, kept: Path, month: str) -> pd.DataFrame:
    """The KaiOS rows the project holds now for a month (a kept file wins over the shared file)."""
    index = caniuse_db.read_index(kept)
    if month in index["months"]:
        k, _a, _f = caniuse_db.read_kept(kept)
        return k[k["month"] == month]
    shared = _shared_kaios(raw)
    return shared[shared["month"] == month]


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    cols = VALUE_COLUMNS["kaios"]
    a = a.set_index("region_code")[cols].sort_index()
    b = b.set_index("region_code")[cols].sort_index()
    if list(a.index) != list(b.index):
        return False
    num = lambda df: df.replace("", np.nan).astype(float)  # noqa: E731
    return bool(((num(a) == num(b)) | (num(a).isna() & num(b).isna())).all().all())


# --- the refresh -----------------------------------------------------------------------------------
def refresh(raw: Path, out: Path, static: Path, kept: Path = PROJECT_RAW, npm: str = "npm",
            log=print) -> dict | None:
    """Fetch, keep, rebuild and swap in; return the change report, or None when nothing is new.
    Raises RefreshError, PackageError or BuildError with nothing changed."""
    index = caniuse_db.read_index(kept)
    shared = _shared_kaios(raw)
    held_months = set(shared["month"].unique()) | set(index["months"])
    last_month = max(held_months)
    cutoff = max([shared["commit_date"].max(), index.get("checked_through", "")]
                 + [m["published"] for m in index["months"].values()])
    with tempfile.TemporaryDirectory(prefix="caniuse-refresh-") as work_dir:
        work = Path(work_dir)
        listed = releases(npm, work)
        newer = sorted((v for v, t in listed.items() if t > cutoff), key=lambda v: listed[v], reverse=True)
        log(f"{PACKAGE}: {len(newer)} release(s) published after {cutoff}; the project holds months to {last_month}.")
        chosen: dict[str, dict] = {}
        seen: set[str] = set()
        for version in newer:  # newest first: the first release seen for a month is its latest
            data, integrity = pack(npm, version, work)
            regions = caniuse_db.regions_from_tarball(data, f"{PACKAGE}@{version}")
            month = regions[0]["month"]  # a YYYY-MM month: validated before anything is kept
            log(f"  {PACKAGE}@{version} ({listed[version][:10]}): month {month}")
            if month > listed[version][:7]:
                raise RefreshError(f"{PACKAGE}@{version}, published {listed[version][:10]}, says it carries "
                                   f"{month}, a month not yet over when it was published")
            if month in seen:
                continue
            seen.add(month)
            _check_coverage(raw, kept, held_months, month, regions, version)
            rec = {"file": kept_name(month), "version": version, "published": listed[version],
                   "tarball_sha256": hashlib.sha256(data).hexdigest(), "tarball_integrity": integrity}
            if month in held_months:
                new_rows, _ = caniuse_db.rows_of(regions, rec["file"], rec)
                if _same_rows(new_rows, _held_rows(raw, kept, month)):
                    continue  # re-published unchanged
            chosen[month] = {"regions": regions, "rec": rec}
    if not chosen:
        log(f"Nothing new: no {PACKAGE} release after {cutoff} adds or revises a month "
            f"(the project holds months to {last_month}). Nothing was changed.")
        return None
    return _apply(raw, out, static, kept, index, chosen, newer, last_month, log)


def kept_name(month: str) -> str:
    """The one file name a kept month gets; made here from a validated month, never from the package."""
    if not caniuse_db.MONTH.fullmatch(month):
        raise RefreshError(f"{month!r} is not a month written YYYY-MM")
    return f"{month}.jsonl.gz"


def _check_coverage(raw: Path, kept: Path, held_months: set[str], month: str, regions: list[dict],
                    version: str) -> None:
    """A month covering far fewer places than the one before it (or than its own previous release) is
    refused: a partial package would make places disappear from the newest month, the KaiOS page's default."""
    earlier = sorted(m for m in held_months if m <= month)
    if not earlier:
        return
    previous = earlier[-1]
    before = len(_held_rows(raw, kept, previous))
    if before and len(regions) < MIN_COVERAGE * before:
        raise RefreshError(f"{PACKAGE}@{version} carries {len(regions)} places for {month}, far fewer than the "
                           f"{before} of {previous} (at least {MIN_COVERAGE:.0%} are expected): refused as incomplete")


def _apply(raw, out, static, kept, index, chosen, checked, last_month, log) -> dict:
    tmp_kept = kept.with_name(f"{kept.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp_kept, ignore_errors=True)
    if kept.exists():
        shutil.copytree(kept, tmp_kept)
    else:
        tmp_kept.mkdir(parents=True)
    staged = None
    try:
        months = dict(index["months"])
        for month, item in sorted(chosen.items()):
            blob = caniuse_db.encode_month(item["regions"])
            target = tmp_kept / kept_name(month)
            if target.parent != tmp_kept or item["rec"]["file"] != target.name:
                raise RefreshError(f"refusing to write {item['rec']['file']!r} outside raw/caniuse-db/")
            target.write_bytes(blob)
            months[month] = {**item["rec"], "sha256": caniuse_db.sha256(blob), "bytes": len(blob)}
        new_index = {"package": PACKAGE, "note": caniuse_db.__doc__.split("\n\n")[1].replace("\n", " "),
                     "months": dict(sorted(months.items())),
                     "checked_through": max(m["published"] for m in months.values()),
                     "last_refresh": index.get("last_refresh")}
        _write_index(tmp_kept, new_index)
        staged, manifest, static_names = stage(raw, out, tmp_kept)  # validates everything
        report = change_report(out, staged, sorted(chosen), last_month, checked, months)
        new_index["last_refresh"] = report
        _write_index(tmp_kept, new_index)
        manifest["last_refresh"] = report
        (staged / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        # Swap in: the kept raw files, then the snapshot (each a rename); undo the first if the second fails.
        old_kept = kept.with_name(f"{kept.name}.old-{os.getpid()}")
        if kept.exists():
            kept.rename(old_kept)
        tmp_kept.rename(kept)
        try:
            swap(staged, out, static, static_names)
        except BaseException:
            shutil.rmtree(kept, ignore_errors=True)
            if old_kept.exists():
                old_kept.rename(kept)
            raise
        shutil.rmtree(old_kept, ignore_errors=True)
    finally:
        shutil.rmtree(tmp_kept, ignore_errors=True)
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
    log(describe(report))
    return report


def _write_index(folder: Path, index: dict) -> None:
    (folder / INDEX).write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def change_report(old_dir: Path, new_dir: Path, kept_months: list[str], last_month: str, checked: list[str],
                  months: dict) -> dict:
    """What the refresh changed in the caniuse rows: months added, values revised (previous and new),
    places added or gone between the previous newest month and the new one."""
    cols = ["entity", "indicator", "period", "value"]
    old = pd.read_parquet(old_dir / "observations.parquet", columns=cols + ["source_id"])
    new = pd.read_parquet(new_dir / "observations.parquet", columns=cols + ["source_id"])
    old, new = old[old["source_id"] == "caniuse"][cols], new[new["source_id"] == "caniuse"][cols]
    names = pd.read_parquet(new_dir / "entities.parquet", columns=["code", "name"]).set_index("code")["name"]
    added_months = sorted(set(new["period"].unique()) - set(old["period"].unique()))
    both = old.merge(new, on=["entity", "indicator", "period"], how="outer", suffixes=("_previous", "_new"))
    both = both[~both["period"].isin(added_months)]
    changed = both[~((both["value_previous"] == both["value_new"])
                     | (both["value_previous"].isna() & both["value_new"].isna()))].sort_values(
        ["period", "indicator", "entity"])
    revised = [{"indicator": r.indicator, "entity": r.entity, "name": names.get(r.entity, r.entity),
                "period": r.period, "previous": _num(r.value_previous), "new": _num(r.value_new)}
               for r in changed.head(MAX_LISTED_REVISIONS).itertuples()]
    tracked = lambda df, m: set(df[(df["indicator"] == "mobile_browsers_share") & (df["period"] == m)]["entity"])  # noqa: E731
    new_last = new["period"].max()
    before, after = tracked(old, last_month), tracked(new, new_last)
    return {
        "run_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "package": PACKAGE,
        "releases_checked": checked,
        "months_added": added_months,
        "months_revised": sorted(set(kept_months) - set(added_months)),
        "kept": {m: {k: months[m][k] for k in ("version", "published", "sha256")} for m in kept_months},
        "previous_last_month": last_month, "new_last_month": new_last,
        "values_revised_count": int(len(changed)), "values_revised": revised,
        "places_added": [{"entity": c, "name": names.get(c, c)} for c in sorted(after - before)],
        "places_gone": [{"entity": c, "name": names.get(c, c)} for c in sorted(before - after)],
    }


def _num(x) -> float | None:
    return None if pd.isna(x) else float(x)


def describe(report: dict) -> str:
    lines = [f"Refreshed {report['package']}: months {report['previous_last_month']} -> {report['new_last_month']}."]
    for month, rec in report["kept"].items():
        lines.append(f"  kept {month}: {report['package']}@{rec['version']} published {rec['published'][:10]}, "
                     f"SHA-256 {rec['sha256'][:16]}…")
    lines.append(f"  months added: {', '.join(report['months_added']) or 'none'}; "
                 f"months revised: {', '.join(report['months_revised']) or 'none'}")
    lines.append(f"  values revised: {report['values_revised_count']}")
    for r in report["values_revised"][:10]:
        lines.append(f"    {r['indicator']} {r['name']} {r['period']}: {r['previous']} -> {r['new']}")
    lines.append(f"  places added: {', '.join(p['name'] for p in report['places_added']) or 'none'}; "
                 f"places gone: {', '.join(p['name'] for p in report['places_gone']) or 'none'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas.pipeline.refresh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "data" / "raw")
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    parser.add_argument("--static", type=Path, default=ROOT / "static")
    parser.add_argument("--kept", type=Path, default=PROJECT_RAW)
    parser.add_argument("--npm", default=os.environ.get("ATLAS_NPM", "npm"), help="the npm client to use")
    args = parser.parse_args(argv)
    try:
        refresh(args.raw, args.out, args.static, args.kept, args.npm)
    except (RefreshError, PackageError, BuildError) as exc:
        return _stopped(str(exc))
    except Exception as exc:  # noqa: BLE001 - MemoryError, RecursionError…: a refresh never ends in a traceback
        return _stopped(f"unexpected {type(exc).__name__}: {caniuse_db.shown(str(exc), 300)}")
    from . import dataset  # the whole-dataset files follow the snapshot (rebuilt only if it changed)
    return dataset.main(["--data", str(args.out), "--out", str(args.static / "data"), "--if-stale"])


def _stopped(why: str) -> int:
    print(f"Refresh stopped; nothing was changed (data/, static/ and raw/caniuse-db/ are as they were).\n"
          f"Why: {why}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
