"""Saved decks behind short links (atlas/deckstore.py), against SQLite and against a real PostgreSQL server
that these tests start themselves (Debian's postgresql: initdb in a temporary folder, a free port on
127.0.0.1, run as the `postgres` user, stopped by its pid). A deck the app lets a presenter build comes back
whole from its address; the store is size-bounded and rate-limited per client."""
from __future__ import annotations

import glob
import os
import random
import shutil
import subprocess
import time

import pytest
from streamlit.testing.v1 import AppTest

from atlas import deck, deckstore
from atlas.deck import DeckError, SlideRef
from benchmarks.harness import free_port

POSTGRES_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))


def long_deck() -> list[SlideRef]:
    """40 slides with 1,200-character notes (within the app's limits; its link would be ~38,000 characters)."""
    rng = random.Random(21)

    def notes() -> str:
        text = ""
        while len(text) < 1200:
            text += "".join(rng.choices("abcdefghijklmnopqrstuvwxyzéà", k=rng.randint(2, 9))) + " "
        return text[:1200]
    return [SlideRef("internet", {"view": "map", "year": str(2000 + i % 25)}, title=f"Slide {i + 1}", notes=notes())
            for i in range(40)]


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL server of our own; its URL. As root, the server runs as the `postgres` user."""
    if not POSTGRES_BIN:
        pytest.fail("PostgreSQL is missing: run the README's test command (scripts/test.sh installs postgresql)")
    import tempfile
    from pathlib import Path
    bin_dir = POSTGRES_BIN[-1]
    folder = Path(tempfile.mkdtemp(prefix="atlas-pg-"))  # under /tmp: pytest's own folders are root's alone
    data, port = folder / "data", free_port()
    as_user = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"]
    subprocess.run([*as_user, f"{bin_dir}/initdb", "-D", str(data), "-U", "atlas", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True, cwd=folder)
    proc = subprocess.Popen([*as_user, f"{bin_dir}/postgres", "-D", str(data), "-p", str(port), "-k", str(folder),
                             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
                            stdout=subprocess.DEVNULL, stderr=open(folder / "server.log", "wb"), cwd=folder)
    url = f"postgresql://atlas@127.0.0.1:{port}/postgres"
    import psycopg
    deadline = time.monotonic() + 60
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            break
        except psycopg.OperationalError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"PostgreSQL did not start: {(folder / 'server.log').read_text()[-1000:]}")
            time.sleep(0.2)
    yield url
    proc.send_signal(2)  # SIGINT: PostgreSQL's fast shutdown
    proc.wait(timeout=30)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path, monkeypatch):
    if request.param == "sqlite":
        monkeypatch.setenv("ATLAS_DECK_DB", str(tmp_path / "decks.sqlite3"))
    else:
        url = request.getfixturevalue("postgres")
        import psycopg
        with psycopg.connect(url, autocommit=True) as conn:  # each test starts from an empty store
            conn.execute("DROP TABLE IF EXISTS decks, deck_saves")
        deckstore._STORES.pop(url, None)
        monkeypatch.setenv("ATLAS_DATABASE_URL", url)
    return deckstore.store()


def test_a_long_deck_comes_back_whole_from_its_id(store):
    refs = long_deck()
    assert len(deck.encode(refs)) > deck.MAX_LINK  # too long for a link: this is what short links are for
    body = deck.to_file(refs, "en")
    key = store.save(body, "client-a")
    assert deckstore.is_id(key) and key == deckstore.deck_id(body)
    assert store.save(body, "client-b") == key  # content-addressed: the same deck, the same address
    back = deckstore.open_deck(key)
    assert [r.to_dict() for r in back.slides] == [r.to_dict() for r in refs] and back.lang == "en"
    with pytest.raises(DeckError, match="no deck is saved under this address"):
        deckstore.open_deck(deckstore.deck_id(b"another deck"))


def test_the_store_is_bounded_and_rate_limited_per_client(store, monkeypatch):
    monkeypatch.setattr(deckstore, "RATE", 2)
    bodies = [deck.to_file([SlideRef("internet", {"year": str(y)})], "en") for y in range(2000, 2004)]
    store.save(bodies[0], "busy")
    store.save(bodies[1], "busy")
    with pytest.raises(deckstore.StoreError, match="2 decks were saved from your address in the last hour"):
        store.save(bodies[2], "busy")
    assert store.save(bodies[0], "busy")  # a deck saved before still answers
    assert store.save(bodies[2], "someone else")
    with pytest.raises(deckstore.StoreError, match="at most 256 KB"):
        store.save(b"x" * (deck.MAX_FILE + 1), "someone else")
    monkeypatch.setattr(deckstore, "MAX_TOTAL_BYTES", 1)
    with pytest.raises(deckstore.StoreError, match="full"):
        store.save(bodies[3], "someone else")
    assert deckstore.open_deck(deckstore.deck_id(bodies[0])).slides[0].params == {"year": "2000"}


def test_an_unreachable_store_is_a_plain_message(monkeypatch):
    monkeypatch.setenv("ATLAS_DATABASE_URL", f"postgresql://nobody@127.0.0.1:{free_port()}/none")
    with pytest.raises(DeckError, match="cannot be reached"):
        deckstore.open_deck("a" * 26)


def test_a_deck_too_long_for_a_link_gets_a_short_link_that_another_session_opens():
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at = at.switch_page("pages/present.py").run()
    at.session_state["present.deck"] = long_deck()
    at.run()
    assert not at.exception
    assert "deck" not in at.query_params and deckstore.is_id(at.query_params["d"])
    assert any("/present?d=" in i.value for i in at.info)
    other = AppTest.from_file("../app.py", default_timeout=60)
    other.query_params["d"] = at.query_params["d"]
    other.run()
    other = other.switch_page("pages/present.py").run()
    assert not other.exception and not other.warning
    assert [r.to_dict() for r in other.session_state["present.deck"]] == [r.to_dict() for r in long_deck()]
    missing = AppTest.from_file("../app.py", default_timeout=60)
    missing.query_params["d"] = "a" * 26
    missing.run()
    missing = missing.switch_page("pages/present.py").run()
    text = " ".join(w.value for w in missing.warning)
    assert "no deck is saved under this address" in text and "the story deck" in text
