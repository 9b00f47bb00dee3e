"""The build: reproduces the committed snapshot, and refuses broken raw files without touching it."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from atlas.pipeline.errors import BuildError
from atlas.pipeline.snapshot import TABLES, build

ROOT = Path(__file__).resolve().parents[1]


def _hashes(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def rebuilt(raw_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("rebuild")
    manifest = build(raw_dir, out / "data", out / "static")
    return out, manifest


def test_build_reproduces_the_committed_snapshot(rebuilt):
    out, _ = rebuilt
    for name in TABLES:
        fresh = pd.read_parquet(out / "data" / f"{name}.parquet")
        committed = pd.read_parquet(ROOT / "data" / f"{name}.parquet")
        pd.testing.assert_frame_equal(fresh, committed, obj=name)
    for name in ("world.topo.json", "places.json"):
        assert (out / "static" / name).read_bytes() == (ROOT / "static" / name).read_bytes(), name


def test_second_build_gives_identical_tables(raw_dir, rebuilt, tmp_path):
    first, _ = rebuilt
    build(raw_dir, tmp_path / "data", tmp_path / "static")
    for name in TABLES:
        a = (first / "data" / f"{name}.parquet").read_bytes()
        b = (tmp_path / "data" / f"{name}.parquet").read_bytes()
        assert a == b, name


# --- broken raw files -----------------------------------------------------------------------------
FINDEX = "mobile_money/findex2025_account_mobile_money_by_economy.csv"
WDI = "internet/API_IT.NET.USER.ZS_DS2_en_csv_v2_33086.csv"
FAS = "mobile_money/imf_fas_mobile_money_2007_2019.csv"
EVENTS = "events/events.csv"
CANIUSE = "kaios/caniuse_kaios_browser_share_monthly.csv"


def _drop_column(text: str) -> str:
    lines = text.splitlines()
    return "\n".join(",".join(l.split(",")[:-1]) for l in lines) + "\n"


def _text_in_numeric(text: str) -> str:
    lines = text.splitlines()
    i = next(i for i, l in enumerate(lines) if l.startswith("Kenya,KEN,"))
    cells = lines[i].split(",")
    cells[-3] = "about 40"  # the 2023 column
    lines[i] = ",".join(cells)
    return "\n".join(lines) + "\n"


def _percentage_140(text: str) -> str:
    lines = text.splitlines()
    i = next(i for i, l in enumerate(lines) if l.startswith("Kenya,KEN,2024,") and ",all,all," in l)
    cells = lines[i].split(",")
    cells[-1] = "1.4"  # a fraction of 1.4 is 140 %
    lines[i] = ",".join(cells)
    return "\n".join(lines) + "\n"


def _unknown_code(text: str) -> str:
    lines = text.splitlines()
    i = next(i for i, l in enumerate(lines) if ",AGO," in l)
    lines[i] = lines[i].replace(",AGO,", ",XYZ,", 1)
    return "\n".join(lines) + "\n"


def _unknown_caniuse_region(text: str) -> str:
    lines = text.splitlines()
    i = next(i for i, l in enumerate(lines) if l.startswith("KE,"))
    lines[i] = "QQ," + lines[i][3:]
    return "\n".join(lines) + "\n"


CASES = [
    # (raw file, how it is broken, expected words in the message, line named)
    (FINDEX, _drop_column, "required column(s) missing: mobileaccount_t_d", True),
    (WDI, _text_in_numeric, "column '2023' holds 'about 40', which is not a number", True),
    (FINDEX, _percentage_140, "a percentage must lie within 0-100", True),
    (FAS, _unknown_code, "unknown country code 'XYZ'", True),
    (CANIUSE, _unknown_caniuse_region, "unknown country code 'QQ'", True),
    (EVENTS, lambda text: "", "the file is empty", False),
    (EVENTS, None, "the file is missing", False),
]


@pytest.fixture
def raw_copy(raw_dir, tmp_path):
    """A raw folder of links to the real files, so one file can be replaced cheaply."""
    copy = tmp_path / "raw"
    for src in raw_dir.rglob("*"):
        if src.is_file():
            dst = copy / src.relative_to(raw_dir)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.symlink_to(src)
    return copy


@pytest.fixture
def old_snapshot(tmp_path):
    """A copy of the committed snapshot standing where the build writes."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "static", tmp_path / "static")
    return tmp_path / "data", tmp_path / "static"


@pytest.mark.parametrize("rel, breaker, message, names_line", CASES,
                         ids=["missing-column", "text-in-number", "pct-140", "unknown-code",
                              "unknown-caniuse-region", "empty-file", "missing-file"])
def test_broken_raw_file_stops_the_build_and_keeps_the_old_snapshot(raw_copy, old_snapshot, rel, breaker,
                                                                    message, names_line, raw_read_once):
    target = raw_copy / rel
    original = target.resolve().read_text(encoding="utf-8-sig")
    target.unlink()
    if breaker is not None:
        target.write_text(breaker(original))
    data, static = old_snapshot
    before = _hashes(data, static)

    with pytest.raises(BuildError) as err:
        build(raw_copy, data, static)

    text = str(err.value)
    assert message in text
    assert text.startswith(f"{target.parent.name}/{target.name}")
    if names_line:
        assert err.value.line is not None and err.value.line >= 1
        assert f", line {err.value.line}:" in text
    assert _hashes(data, static) == before
    assert not list(data.parent.glob("data.tmp-*"))


def test_cli_reports_a_broken_file_plainly(raw_copy, old_snapshot, capsys, raw_read_once):
    from atlas.pipeline.__main__ import main
    target = raw_copy / EVENTS
    target.unlink()
    target.write_text("")
    data, static = old_snapshot
    assert main(["--raw", str(raw_copy), "--out", str(data), "--static", str(static)]) == 1
    err = capsys.readouterr().err
    assert "previous snapshot is unchanged" in err and "events/events.csv: the file is empty" in err
