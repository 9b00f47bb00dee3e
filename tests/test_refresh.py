"""The caniuse refresh: kept months become the shared files' rows; a failed refresh (no network, a
malformed package, a month failing validation) changes nothing; a new month is added and reported,
and a second run finds nothing new. npm is replaced by a small fake client (no network in tests)."""
import copy
import hashlib
import io
import json
import shutil
import sys
import tarfile
from pathlib import Path

import pandas as pd
import pytest

from atlas.pipeline import caniuse_db, dataset, refresh

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "caniuse-db-2026-06-regions.json"
FAKE_NPM = """#!{python}
import json, os, shutil, sys
args = sys.argv[1:]
if os.environ.get("FAKE_NPM_FAIL"):
    sys.stderr.write("npm error code ENOTFOUND\\nnpm error network request to https://registry.npmjs.org/caniuse-db failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org\\n")
    sys.exit(1)
if args[0] == "view":
    print(json.dumps({{"created": "2014-01-01T00:00:00.000Z", "9.9.1": "2026-10-05T00:00:00.000Z"}}))
elif args[0] == "pack":
    dest = args[args.index("--pack-destination") + 1]
    shutil.copy(os.environ["FAKE_NPM_TGZ"], os.path.join(dest, "caniuse-db-9.9.1.tgz"))
    print(json.dumps([{{"filename": "caniuse-db-9.9.1.tgz"}}]))
"""


def _tarball(regions: list[dict], month, body=None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for r in regions:
            doc = {"id": r["code"].removeprefix("alt-"), "name": r["name"], "month": month,
                   "access_date": r["access_date"], "total": r["total"], "data": r["data"]}
            data = (body or json.dumps)(doc).encode() if not isinstance(body, bytes) else body
            info = tarfile.TarInfo(f"package/region-usage-json/{r['code']}.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _full(regions: list[dict]) -> list[dict]:
    """A whole month (every place of the newest kept month), with the fixture's four regions as published."""
    import gzip
    index = caniuse_db.read_index(ROOT / "raw" / "caniuse-db")
    newest = max(index["months"])
    lines = gzip.decompress((ROOT / "raw" / "caniuse-db" / index["months"][newest]["file"]).read_bytes())
    by_code = {r["code"]: r for r in map(json.loads, lines.decode().splitlines())}
    by_code.update({r["code"]: r for r in regions})
    return sorted(by_code.values(), key=lambda r: r["code"])


def _hashes(*folders: Path) -> dict[str, str]:
    return {str(p.relative_to(folders[0].parent)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path, monkeypatch, raw_dir, raw_read_once):
    """Copies of data/, static/ and raw/caniuse-db/ and a fake npm; returns (run, folders, tgz path)."""
    for name in ("data", "static"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "raw" / "caniuse-db", tmp_path / "kept")
    npm = tmp_path / "npm"
    npm.write_text(FAKE_NPM.format(python=sys.executable))
    npm.chmod(0o755)
    tgz = tmp_path / "package.tgz"
    monkeypatch.setenv("FAKE_NPM_TGZ", str(tgz))
    folders = [tmp_path / "data", tmp_path / "static", tmp_path / "kept"]

    def run():
        return refresh.main(["--raw", str(raw_dir), "--out", str(folders[0]), "--static", str(folders[1]),
                             "--kept", str(folders[2]), "--npm", str(npm)])
    return run, folders, tgz


@pytest.fixture(scope="module")
def regions():
    return json.loads(FIXTURE.read_text())


def test_a_kept_month_gives_exactly_the_shared_files_rows(raw_dir, regions):
    """caniuse-db@1.0.30001803 carried 2026-06, which the shared files also hold (from caniuse's git)."""
    kaios, agents = caniuse_db.rows_of(regions, "x", {"version": "1.0.30001803", "published": "2026-07-07"})
    shared = pd.read_csv(raw_dir / "kaios/caniuse_kaios_browser_share_monthly.csv", dtype=str, keep_default_na=False)
    shared = shared[(shared["month"] == "2026-06") & shared["region_code"].isin(kaios["region_code"])]
    text = ["region_name", "region_type", "month", "access_date"]
    values = ["kaios_share_pct", "mobile_tablet_browsers_share_pct", "kaios_share_of_mobile_tablet_browsers_pct"]
    mine, theirs = kaios.set_index("region_code").sort_index(), shared.set_index("region_code").sort_index()
    assert len(mine) == 4
    pd.testing.assert_frame_equal(mine[text], theirs[text])
    num = lambda df: df.replace("", None).astype(float)  # noqa: E731
    pd.testing.assert_frame_equal(num(mine[values]), num(theirs[values]))
    agents_shared = pd.read_csv(raw_dir / "kaios/caniuse_browser_share_by_agent_monthly.csv", dtype=str,
                                keep_default_na=False)
    agents_shared = agents_shared[(agents_shared["month"] == "2026-06")
                                  & agents_shared["region_code"].isin(agents["region_code"])]
    acols = ["op_mini_pct", "and_uc_pct", "and_chr_pct", "ios_saf_pct", "bb_pct", "total_pct"]
    pd.testing.assert_frame_equal(num(agents.set_index("region_code").sort_index()[acols]),
                                  num(agents_shared.set_index("region_code").sort_index()[acols]))


def test_failed_fetch_changes_nothing_and_says_why(project, monkeypatch, capsys):
    run, folders, _tgz = project
    before = _hashes(*folders)
    monkeypatch.setenv("FAKE_NPM_FAIL", "1")
    assert run() == 1
    err = capsys.readouterr().err
    assert "nothing was changed" in err and "ENOTFOUND" in err
    assert _hashes(*folders) == before


def test_malformed_package_changes_nothing(project, capsys):
    run, folders, tgz = project
    before = _hashes(*folders)
    tgz.write_bytes(b"this is not a tarball")
    assert run() == 1
    assert "cannot be read as a caniuse-db package" in capsys.readouterr().err
    assert _hashes(*folders) == before


def test_a_month_failing_validation_changes_nothing(project, regions, capsys):
    run, folders, tgz = project
    before = _hashes(*folders)
    bad = copy.deepcopy(regions)
    india = next(r for r in bad if r["code"] == "IN")
    india["data"]["kaios"] = {"2.5": 99.0, "3.0-3.1": 60.0}  # shares adding up to more than 100 %
    tgz.write_bytes(_tarball(_full(bad), "2026-09"))
    assert run() == 1
    err = capsys.readouterr().err
    assert "raw/caniuse-db/2026-09.jsonl.gz" in err and "0-100" in err
    assert _hashes(*folders) == before


def test_a_new_month_is_added_and_reported_then_nothing_new(project, regions, capsys, monkeypatch):
    run, folders, tgz = project
    tgz.write_bytes(_tarball(_full(regions), "2026-09"))
    # The whole-dataset files follow the new snapshot: asked of dataset.main (its 5 s build, and that it runs
    # only when the snapshot changed, are tested in test_dataset.py)
    asked = []
    monkeypatch.setattr(dataset, "main", lambda argv: asked.append(argv) or 0)
    assert run() == 0
    assert asked == [["--data", str(folders[0]), "--out", str(folders[1] / "data"), "--if-stale"]]
    report = json.loads((folders[0] / "manifest.json").read_text())["last_refresh"]
    assert report["months_added"] == ["2026-09"] and report["new_last_month"] == "2026-09"
    assert report["kept"]["2026-09"]["version"] == "9.9.1"
    assert {p["entity"] for p in report["places_added"]} == set() and report["places_gone"] == []
    obs = pd.read_parquet(folders[0] / "observations.parquet")
    india = obs[(obs["indicator"] == "kaios_share_all") & (obs["entity"] == "IND") & (obs["period"] == "2026-09")]
    assert india["value"].tolist() == [0.02028]
    index = json.loads((folders[2] / "releases.json").read_text())
    kept = folders[2] / index["months"]["2026-09"]["file"]
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == index["months"]["2026-09"]["sha256"]
    capsys.readouterr()
    after = _hashes(*folders)
    assert run() == 0
    assert "Nothing new" in capsys.readouterr().out
    assert _hashes(*folders) == after


# --- packages that try to write elsewhere, crash the refresh or swap in a partial month --------------------
def _everything(root: Path) -> dict[str, object]:
    """Every file under the test's folder (its contents) and beside it, where '../..' months would land (its
    size and modification time: beside it are the other tests' folders, too many to read each time)."""
    def seen(p: Path):
        if p.is_relative_to(root):
            return hashlib.sha256(p.read_bytes()).hexdigest()
        st = p.stat()
        return st.st_size, st.st_mtime_ns
    return {str(p): seen(p) for p in sorted(root.parent.rglob("*")) if p.is_file() and p.name != "package.tgz"}


def _deep(doc: dict) -> str:
    return '{"month": "2026-09", "data": {"kaios": ' + "[" * 50_000 + "]" * 50_000 + "}}"


@pytest.mark.parametrize("case, package, words", [
    ("an absolute path as month", lambda r, tmp: _tarball(_full(r), str(tmp / "evil")), "is not a month"),
    ("a relative path as month", lambda r, tmp: _tarball(_full(r), "../../escaped"), "is not a month"),
    ("a month given as a list", lambda r, tmp: _tarball(_full(r), ["2026-09"]), "is not a month"),
    ("a deeply nested region file", lambda r, tmp: _tarball(_full(r), "2026-09", body=_deep), "nested more than"),
    ("a huge region file", lambda r, tmp: _tarball(_full(r)[:3], "2026-09", body=b" " * 300_000),
     "not a plain region file"),
    ("a region file named like a path", lambda r, tmp: _tarball([{**r[0], "code": "../IN"}], "2026-09"),
     "not named like a region file"),
    ("a package missing most places", lambda r, tmp: _tarball(r, "2026-09"), "carries 4 places for 2026-09, far fewer"),
    ("a month after its publication", lambda r, tmp: _tarball(_full(r), "2026-11"), "not yet over"),
])
def test_a_hostile_package_changes_nothing_anywhere(project, regions, tmp_path, capsys, case, package, words):
    run, folders, tgz = project
    tgz.write_bytes(package(regions, tmp_path))
    before = _everything(tmp_path)
    assert run() == 1, case
    err = capsys.readouterr().err
    assert err.startswith("Refresh stopped; nothing was changed") and "Traceback" not in err, case
    assert words in err, (case, err)
    assert _everything(tmp_path) == before, case
    assert not list(tmp_path.parent.rglob("evil*")) and not list(tmp_path.parent.rglob("escaped*"))


def test_an_unexpected_failure_still_ends_with_the_plain_message(project, monkeypatch, capsys):
    run, folders, _tgz = project
    before = _hashes(*folders)

    def boom(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr(refresh, "releases", boom)
    assert run() == 1
    err = capsys.readouterr().err
    assert err.startswith("Refresh stopped") and "RecursionError" in err and "Traceback" not in err
    assert _hashes(*folders) == before
