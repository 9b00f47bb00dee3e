from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "raw"


@pytest.fixture(scope="session")
def snapshot():
    from atlas.store import Snapshot
    return Snapshot.load()


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    if not RAW.exists():
        pytest.skip(f"raw sources not found at {RAW} (CI has ../shared beside the clone)")
    return RAW
