from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "raw"


@pytest.fixture(scope="session", autouse=True)
def deck_store(tmp_path_factory):
    """Saved decks (short links) go to a temporary SQLite database, for the tests and for the replicas the
    tests start (they inherit the environment): never to the project's var/."""
    import os
    path = tmp_path_factory.mktemp("deckstore") / "decks.sqlite3"
    saved = {k: os.environ.get(k) for k in ("ATLAS_DECK_DB", "ATLAS_DATABASE_URL")}
    os.environ["ATLAS_DECK_DB"] = str(path)
    os.environ.pop("ATLAS_DATABASE_URL", None)
    yield path
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def snapshot():
    from atlas.store import Snapshot
    return Snapshot.load()


@pytest.fixture(scope="session")
def front():
    """The production front (nginx + 2 replicas) on free ports with a temporary prefix; stopped by pid."""
    import shutil

    from atlas.front import NGINX, Front
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: run the README's test command, which installs it")
    with Front(replicas=2) as f:
        yield f
    shutil.rmtree(f.prefix, ignore_errors=True)


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    if not RAW.exists():
        pytest.skip(f"raw sources not found at {RAW} (CI has ../shared beside the clone)")
    return RAW


@pytest.fixture
def edited_snapshot(tmp_path, monkeypatch):
    """Returns edit(changes): a copy of data/ with observation values changed, used by the app
    (ATLAS_DATA_DIR) for the rest of the test. changes: {(indicator, entity, period): new value}."""
    import shutil

    import pandas as pd

    def edit(changes: dict) -> Path:
        folder = tmp_path / "data"
        shutil.copytree(ROOT / "data", folder)
        obs = pd.read_parquet(folder / "observations.parquet")
        for (indicator, entity, period), value in changes.items():
            hit = (obs["indicator"] == indicator) & (obs["entity"] == entity) & (obs["period"] == period) & obs["preferred"]
            assert hit.sum() == 1, (indicator, entity, period)
            obs.loc[hit, "value"] = value
        obs.to_parquet(folder / "observations.parquet", index=False)
        monkeypatch.setenv("ATLAS_DATA_DIR", str(folder))
        return folder
    return edit
