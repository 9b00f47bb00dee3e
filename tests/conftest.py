from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT.parent / "shared" / "data" / "raw"

# --- parallel runs (pytest-xdist: scripts/test.sh runs `-n 3 --dist loadgroup`) ----------------------------
# The session fixture that starts the production front (nginx + 2 replicas): the tests using it run on one
# worker, so it starts once. The plain app server (`app_url`, one process, a few seconds to start) is not
# grouped: each worker starts its own when it first needs one, so the browser tests spread over all workers
# (grouped on one, they were the suite's longest path while the other worker sat idle).
SERVERS = {"front": "front"}  # fixture -> group


def group_of(item) -> str | None:
    """The worker group of a test (None: any free worker).
    - "front": a test using the production front (nginx + 2 replicas), which then starts once;
    - its module's path: a test module with its own module- or session-scoped fixture (a build, a rendered
      deck), so the fixture is computed once;
    - the name of an explicit `@pytest.mark.xdist_group("…")`.
    Any other browser test runs anywhere: Chromium (`browser`) and the app server (`app_url`), both
    session-scoped, start once on each worker that needs them."""
    marker = item.get_closest_marker("xdist_group")
    if marker:
        return str(marker.args[0] if marker.args else marker.kwargs.get("name", "default"))
    ours = {name: defs[-1] for name, defs in item._fixtureinfo.name2fixturedefs.items()
            if defs and getattr(defs[-1].func, "__module__", "").startswith("tests.")}
    for fixture, group in SERVERS.items():
        if fixture in ours:
            return group
    if any(d.scope != "function" and not d.func.__module__.endswith("conftest") for d in ours.values()):
        return item.nodeid.split("::")[0]
    return None


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """On a worker: write each test's group where the controller's scheduler reads it. (xdist 3.8's own
    loadgroup appends the group to the test's id, which pytest 9.2 no longer lets it change, so its groups
    are silently ignored: pytest-dev/pytest-xdist#1386.)"""
    result = yield
    folder = getattr(config, "workerinput", {}).get("atlas_groups")
    if folder:
        groups = {item.nodeid: g for item in items if (g := group_of(item))}
        path = Path(folder) / f"{config.workerinput['workerid']}.json"
        path.with_suffix(".tmp").write_text(json.dumps(groups))
        path.with_suffix(".tmp").rename(path)
    return result


_GROUPS_DIR: list[Path] = []


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """Controller: tell each worker where to write its groups."""
    if not _GROUPS_DIR:
        import tempfile
        _GROUPS_DIR.append(Path(tempfile.mkdtemp(prefix="atlas-test-groups-")))
    node.workerinput["atlas_groups"] = str(_GROUPS_DIR[0])


def pytest_configure(config):
    """Streamlit's AppTest scans every installed distribution's metadata for custom components (components v2's
    manifest scan) each time an AppTest first runs: ~0.2 s of the ~0.4 s an AppTest took, ~250 times a run.
    Installed packages do not change during a run: scan once per process."""
    import functools

    from streamlit.components.v2 import manifest_scanner
    if not hasattr(manifest_scanner.scan_component_manifests, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


def pytest_collection_finish(session):
    """What the collection imported (Streamlit, Altair's schema, pandas, the test modules) lives until the process
    ends: frozen out of the garbage collector's reach, so its full collections no longer walk it, and the young
    generation collected every 50,000 allocations instead of 700. A run of seven AppTest-heavy files in one
    process: 36.8 -> 33.5 s and 39.4 -> 35.9 s (paired runs, docs/PERFORMANCE.md)."""
    import gc
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def pytest_unconfigure(config):
    import shutil
    for folder in _GROUPS_DIR:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup`: xdist's load-by-scope scheduler with the workers' groups as scopes (each group
    is sent whole to one worker, the largest first; an ungrouped test is its own unit)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:  # called once every worker has sent its collection
                self.groups = {}
                for path in sorted(_GROUPS_DIR[0].glob("*.json")) if _GROUPS_DIR else []:
                    self.groups.update(json.loads(path.read_text()))
            return self.groups.get(nodeid, nodeid)

    return GroupScheduling(config, log)


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
    """The production front (nginx + 2 replicas) on free ports with a temporary prefix; stopped by pid.
    One other origin may frame it (ATLAS_FRAME_ANCESTORS): a page on `front.host_port` of 127.0.0.1 (same site)
    and of localhost (another site), for the embedding tests (tests/browser/test_embed_browser.py), so that they
    need no front of their own (two more replicas to start)."""
    import shutil

    from atlas.front import FRAME_ANCESTORS_ENV, NGINX, Front, free_port
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: run the README's test command, which installs it")
    port = free_port()
    mp = pytest.MonkeyPatch()
    mp.setenv(FRAME_ANCESTORS_ENV, f"http://127.0.0.1:{port} http://localhost:{port}")
    try:
        # landing light pages only: the 480 profiles' background build would take the suite's CPU
        with Front(replicas=2, light_profiles=False) as f:
            f.host_port = port
            yield f
        shutil.rmtree(f.prefix, ignore_errors=True)
    finally:
        mp.undo()


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    if not RAW.exists():
        pytest.skip(f"raw sources not found at {RAW} (CI has ../shared beside the clone)")
    return RAW


_READ: dict = {}  # (reader, its files' paths, sizes and mtimes) -> what it returned, in this test process


@pytest.fixture
def raw_read_once(monkeypatch):
    """The build's slowest readers (the map geometry, the workbooks, WDI's and Findex's tables: ~2.3 s of a
    ~4.5 s build) run once per raw file in this process, for the tests that build many times to see a build
    refuse a broken file (tests/test_build.py, tests/test_gsma_itu_workbooks.py, tests/test_refresh.py). A
    file a test breaks is its own path and contents, so it is read afresh; every other file gives a copy of
    what it gave before. The builds that reproduce the snapshot and check it is deterministic read everything."""
    import copy
    import os

    from atlas.pipeline import findex, gsma_dataset, itu_2025, snapshot, wdi

    def key(arg):
        if isinstance(arg, Path):
            st = os.stat(arg)
            return str(arg.resolve()), st.st_size, st.st_mtime_ns
        return arg

    def once(reader):
        def read(*args):
            k = (reader.__module__, reader.__qualname__, *map(key, args))
            if k not in _READ:
                _READ[k] = reader(*args)
            return copy.deepcopy(_READ[k])  # the build adds columns to what it reads
        return read

    for module, name in ((snapshot, "build_geometry"), (wdi, "read_wdi"), (findex, "read_findex"),
                         (gsma_dataset, "read_gsma_dataset"), (itu_2025, "read_itu_2025")):
        monkeypatch.setattr(module, name, once(getattr(module, name)))


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
