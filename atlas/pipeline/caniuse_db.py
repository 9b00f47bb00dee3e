"""caniuse months fetched from the npm package `caniuse-db`, kept inside the project as raw snapshots.

Each release of `caniuse-db` carries one month of `region-usage-json/<region>.json` (240 places).
The refresh keeps, per month, the newest release's region files as `raw/caniuse-db/<month>.jsonl.gz`:
one region per line, as published except that versions caniuse gave as `null` are left out (the build
reads them as absent) and desktop agents, which the build does not read, are not kept. `raw/caniuse-db/releases.json` names, per kept month, the package
version, its publication date, the tarball's SHA-256 and npm integrity, and the kept file's SHA-256.

The build turns a kept month into the same rows the shared CSV files hold (same columns, sums and
rounding as `kaios/SOURCES.md` describes) and validates them with the same schemas.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import math
import re
import tarfile
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from .. import safe_text
from .catalog import BROWSER_AGENTS
from .errors import BuildError
from .readers import FILE, LINE

INDEX = "releases.json"
MEMBER_DIR = "package/region-usage-json/"
MAX_MEMBER_BYTES = 200_000  # one region file is ~30 KB; anything far larger is not caniuse's
MAX_TARBALL_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 200_000_000  # the whole package unpacked (caniuse-db: about 10 MB)
MAX_MEMBERS = 20_000
MAX_REGIONS = 400           # caniuse publishes 240 places
MAX_VERSIONS = 3_000        # browser versions kept per region file (the kept agents list about 500)
MAX_DEPTH = 4               # {"data": {"agent": {"version": share}}} is 3 deep
MONTH = re.compile(r"(19|20)\d\d-(0[1-9]|1[0-2])")
REGION_CODE = re.compile(r"[A-Z]{2}|alt-[a-z]{2}")
# caniuse's mobile agents, summed for `mobile_tablet_browsers_share_pct` (kaios/SOURCES.md).
MOBILE_AGENTS = ["and_chr", "ios_saf", "samsung", "op_mini", "op_mob", "and_uc", "android", "and_ff",
                 "and_qq", "baidu", "kaios", "bb", "ie_mob"]
KAIOS_COLUMNS = ["region_code", "region_name", "region_type", "month", "kaios_share_pct", "kaios_2_5_pct",
                 "kaios_3_0_3_1_pct", "mobile_tablet_browsers_share_pct", "kaios_share_of_mobile_tablet_browsers_pct",
                 "access_date", "caniuse_commit", "commit_date"]


# What the build reads of a region file: the agents it sums (the rest, desktop browsers, are not kept).
KEPT_AGENTS = sorted(set(BROWSER_AGENTS) | set(MOBILE_AGENTS))


class PackageError(ValueError):
    """A package that is not what a caniuse-db release should be."""


def regions_from_tarball(data: bytes, name: str) -> list[dict]:
    """The region files of one caniuse-db tarball, validated (`_region`), null versions dropped, sorted by
    region code. Nothing here trusts the package: sizes, counts, nesting, names and types are checked
    before anything is kept, and only what a region file should hold is kept."""
    if len(data) > MAX_TARBALL_BYTES:
        raise PackageError(f"{name}: {len(data):,} bytes, more than a caniuse-db package should be")
    regions, unpacked, members = [], 0, 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in tar:  # streamed: a member is read only when it is a region file
                members += 1
                unpacked += member.size
                if members > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
                    raise PackageError(f"{name}: unpacks to more than {MAX_MEMBERS:,} files or "
                                       f"{MAX_UNPACKED_BYTES:,} bytes, more than a caniuse-db package should be")
                if not (member.name.startswith(MEMBER_DIR) and member.name.endswith(".json")):
                    continue
                code = member.name[len(MEMBER_DIR):-len(".json")]
                if not member.isfile() or member.size > MAX_MEMBER_BYTES:
                    raise PackageError(f"{name}: {shown(member.name)} is not a plain region file "
                                       f"(at most {MAX_MEMBER_BYTES:,} bytes)")
                if not REGION_CODE.fullmatch(code):
                    raise PackageError(f"{name}: {shown(member.name)} is not named like a region file "
                                       "(a two-letter code or alt-xx)")
                if len(regions) >= MAX_REGIONS:
                    raise PackageError(f"{name}: more than {MAX_REGIONS} region files")
                try:
                    doc = safe_text.loads(tar.extractfile(member).read(), MAX_DEPTH)
                except safe_text.TooDeep as exc:
                    raise PackageError(f"{name}: region file {code} is {exc}") from None
                regions.append(_region(doc, code, name))
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError, json.JSONDecodeError, zlib.error) as exc:
        raise PackageError(f"{name}: cannot be read as a caniuse-db package ({shown(str(exc))})") from None
    if not regions:
        raise PackageError(f"{name}: no region-usage-json files")
    codes = [r["code"] for r in regions]
    if len(set(codes)) != len(codes):
        raise PackageError(f"{name}: a region file appears twice")
    months = {r["month"] for r in regions}
    if len(months) != 1:
        raise PackageError(f"{name}: region files for several months ({', '.join(sorted(months)[:5])})")
    return sorted(regions, key=lambda r: r["code"])


def shown(text: str, limit: int = 80) -> str:
    """Text from a package, safe in a one-line message: printable, short."""
    clean = "".join(c if c.isprintable() else "?" for c in safe_text.clean(text[:limit + 1]))
    return clean[:limit] + ("…" if len(text) > limit else "")


def _number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _region(doc, code: str, name: str) -> dict:
    """One region file, checked field by field: the month is a `YYYY-MM` month (it becomes a file name),
    texts are short text, shares are numbers between 0 and 100, and there are not too many of them."""
    where = f"{name}: region file {code}"
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), dict):
        raise PackageError(f"{where} has no 'data' object")
    month = doc.get("month")
    if not (isinstance(month, str) and MONTH.fullmatch(month)):
        raise PackageError(f"{where}: its month {shown(repr(month), 40)} is not a month written YYYY-MM")
    for key, most in (("name", 100), ("access_date", 32)):
        if doc.get(key) is not None and not (isinstance(doc[key], str) and len(doc[key]) <= most):
            raise PackageError(f"{where}: '{key}' is not a short text")
    if doc.get("total") is not None and not _number(doc["total"]):
        raise PackageError(f"{where}: 'total' is not a number")
    data, count = {}, 0
    for agent, versions in doc["data"].items():
        if agent not in KEPT_AGENTS:
            continue
        if not isinstance(versions, dict):
            raise PackageError(f"{where} has an agent that is not a version map")
        kept = {}
        for version, share in versions.items():
            if share is None:
                continue
            if len(version) > 32 or not _number(share) or not 0 <= share <= 100:
                raise PackageError(f"{where}: {agent} {shown(version, 32)} is not a share between 0 and 100")
            kept[version] = share
        count += len(kept)
        if count > MAX_VERSIONS:
            raise PackageError(f"{where}: more than {MAX_VERSIONS:,} browser versions")
        data[agent] = kept
    return {"code": code, "name": doc.get("name"), "month": month, "access_date": doc.get("access_date"),
            "total": doc.get("total"), "data": data}


def encode_month(regions: list[dict]) -> bytes:
    """One region per line (so a validation error can name the line), gzipped reproducibly (no mtime)."""
    text = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in regions)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_index(folder: Path | None) -> dict:
    if folder is None or not (folder / INDEX).exists():
        return {"months": {}}
    return json.loads((folder / INDEX).read_text(encoding="utf-8"))


def read_kept(folder: Path | None) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    """The kept months as (kaios rows, agent rows, file records), in the shared CSVs' layout (text cells,
    with file and line for messages). A file whose SHA-256 differs from the index stops the build."""
    index = read_index(folder)
    kaios, agents, files = [], [], []
    for month, rec in sorted(index["months"].items()):
        path = folder / rec["file"]
        rel = f"raw/caniuse-db/{rec['file']}"
        if not path.exists():
            raise BuildError(rel, "the file is missing (listed in raw/caniuse-db/releases.json)")
        data = path.read_bytes()
        if sha256(data) != rec["sha256"]:
            raise BuildError(rel, "SHA-256 differs from raw/caniuse-db/releases.json: the kept file was changed")
        try:
            lines = gzip.decompress(data).decode("utf-8").splitlines()
            regions = [json.loads(line) for line in lines]
        except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BuildError(rel, f"cannot be read ({exc})") from None
        k, a = rows_of(regions, rel, rec)
        if set(k["month"]) != {month}:
            raise BuildError(rel, f"holds month(s) {sorted(set(k['month']))}, listed as {month}")
        kaios.append(k)
        agents.append(a)
        files.append({"file": rel, "sha256": rec["sha256"], "bytes": len(data)})
    if not kaios:
        return pd.DataFrame(), pd.DataFrame(), []
    return pd.concat(kaios, ignore_index=True), pd.concat(agents, ignore_index=True), files


def _sum(versions: dict | None) -> float | None:
    values = [float(x) for x in (versions or {}).values()]
    return sum(values) if values else None


def _text(x: float | None, digits: int) -> str:
    return "" if x is None or (isinstance(x, float) and np.isnan(x)) else repr(round(float(x), digits))


def rows_of(regions: list[dict], rel: str, rec: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Region records -> the kaios and agent CSV rows (text, as the shared files would hold them)."""
    kaios, agents = [], []
    for line, r in enumerate(regions, start=1):
        data = r.get("data") or {}
        try:
            kaios_versions = data.get("kaios")
            k_share = _sum(kaios_versions)
            mobile = sum(_sum(data.get(a)) or 0.0 for a in MOBILE_AGENTS if a in data)
            code = r["code"]
            kind = "world" if code == "alt-ww" else "continent" if code.startswith("alt-") else "country"
            base = {FILE: rel, LINE: line, "region_code": code, "region_name": str(r.get("name") or ""),
                    "month": str(r.get("month") or "")}
            kv = kaios_versions or {}
            kaios.append({**base, "region_type": kind, "kaios_share_pct": _text(k_share, 5),
                          "kaios_2_5_pct": _text(kv.get("2.5"), 5), "kaios_3_0_3_1_pct": _text(kv.get("3.0-3.1"), 5),
                          "mobile_tablet_browsers_share_pct": _text(mobile, 4),
                          "kaios_share_of_mobile_tablet_browsers_pct":
                              _text(100 * k_share / mobile if k_share is not None and mobile else None, 4),
                          "access_date": str(r.get("access_date") or ""),
                          "caniuse_commit": f"npm caniuse-db@{rec['version']}", "commit_date": rec["published"][:10]})
            agents.append({**base, **{f"{a}_pct": (_text(_sum(data[a]) or 0.0, 5) if a in data else "")
                                      for a in BROWSER_AGENTS},
                           "total_pct": _text(r.get("total"), 4), "caniuse_commit": f"npm {rec['version']}"})
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise BuildError(rel, f"region record is malformed ({exc})", line=line) from None
    return pd.DataFrame(kaios), pd.DataFrame(agents)
