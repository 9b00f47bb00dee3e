"""Saved decks behind short links (`/present?d=<id>`): a deck too long to travel in a link is kept here.

Content-addressed: a deck's id is a hash of its file (`deck.to_file`), 26 characters of base32 (128 bits),
so a link cannot be guessed into someone else's deck, the same deck saved twice is one record, and no
accounts are needed. Records are never changed or deleted by the app (a short link keeps working).

Where: an embedded SQLite database by default (`ATLAS_DECK_DB`, default `var/decks.sqlite3`; replicas on
one machine share it), PostgreSQL when `ATLAS_DATABASE_URL` is set (replicas on several machines: any
replica opens any saved deck). Bounded: a record is at most `deck.MAX_FILE` bytes, the store at most
`MAX_TOTAL_BYTES` (then new saves are refused with a plain message; saved decks stay), and one client
(its address, stored only as a hash) saves at most `RATE` new decks an hour. Pure: no Streamlit here.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
import sqlite3
import time
import zlib
from pathlib import Path

from . import deck
from .i18n import _

ROOT = Path(__file__).resolve().parents[1]
ID = re.compile(r"[a-z2-7]{26}")
RATE = 60                      # new decks one client may save in an hour
WINDOW_S = 3600
MAX_TOTAL_BYTES = 1_000_000_000  # the whole store, compressed
TIMEOUT_S = 5

SCHEMA = [
    "CREATE TABLE IF NOT EXISTS decks (id TEXT PRIMARY KEY, body {blob} NOT NULL, bytes INTEGER NOT NULL, "
    "created DOUBLE PRECISION NOT NULL, client TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS deck_saves (client TEXT NOT NULL, at DOUBLE PRECISION NOT NULL)",
    "CREATE INDEX IF NOT EXISTS deck_saves_by_client ON deck_saves (client, at)",
]


class StoreError(Exception):
    """A deck that cannot be saved or read now; the message is for the presenter."""


def deck_id(body: bytes) -> str:
    return base64.b32encode(hashlib.sha256(body).digest()[:16]).decode().rstrip("=").lower()


def is_id(text: str) -> bool:
    return bool(ID.fullmatch(text or ""))


def client_key(address: str) -> str:
    """A client as the store keeps it: a hash of its address, never the address."""
    return hashlib.sha256(f"atlas-deck-client:{address}".encode()).hexdigest()[:32]


class Store:
    """The SQL both databases share; subclasses connect and say how parameters are written."""
    blob = "BLOB"

    def connect(self):
        raise NotImplementedError

    def sql(self, text: str) -> str:
        return text

    def __init__(self):
        self._ready = False  # the tables exist (CREATE … IF NOT EXISTS once per process)

    def _run(self, work):
        try:
            conn = self.connect()
        except Exception as exc:  # noqa: BLE001 - any driver's connection failure
            raise StoreError(_("the deck store cannot be reached ({problem})").format(
                problem=type(exc).__name__)) from None
        try:
            if not self._ready:
                cur = conn.cursor()
                for statement in SCHEMA:
                    cur.execute(statement.format(blob=self.blob))
                conn.commit()
                self._ready = True
            result = work(conn, conn.cursor())
            conn.commit()
            return result
        except StoreError:
            conn.rollback()
            raise
        except Exception as exc:  # noqa: BLE001 - a database error is a plain message, not a traceback
            conn.rollback()
            raise StoreError(_("the deck store failed ({problem})").format(problem=type(exc).__name__)) from None
        finally:
            conn.close()

    def save(self, body: bytes, client: str) -> str:
        """Keep a deck file's bytes; return its id. StoreError with a plain message when it cannot be."""
        if len(body) > deck.MAX_FILE:
            raise StoreError(_("the deck is {size} KB; a saved deck is at most {most} KB").format(
                size=len(body) // 1024, most=deck.MAX_FILE // 1024))
        key, packed, now = deck_id(body), zlib.compress(body, 9), time.time()

        def work(conn, cur):
            cur.execute(self.sql("SELECT 1 FROM decks WHERE id = ?"), (key,))
            if cur.fetchone():
                return key  # saved before, by anyone: the same content, the same address
            cur.execute(self.sql("DELETE FROM deck_saves WHERE at < ?"), (now - WINDOW_S,))
            cur.execute(self.sql("SELECT COUNT(*) FROM deck_saves WHERE client = ? AND at >= ?"),
                        (client, now - WINDOW_S))
            if cur.fetchone()[0] >= RATE:
                raise StoreError(_("{count} decks were saved from your address in the last hour, the most "
                                   "allowed; try again later").format(count=RATE))
            cur.execute(self.sql("SELECT COALESCE(SUM(bytes), 0) FROM decks"))
            if cur.fetchone()[0] + len(packed) > MAX_TOTAL_BYTES:
                raise StoreError(_("the deck store of this server is full"))
            cur.execute(self.sql("INSERT INTO decks (id, body, bytes, created, client) VALUES (?, ?, ?, ?, ?) "
                                 "ON CONFLICT (id) DO NOTHING"), (key, packed, len(packed), now, client))
            cur.execute(self.sql("INSERT INTO deck_saves (client, at) VALUES (?, ?)"), (client, now))
            return key
        return self._run(work)

    def load(self, key: str) -> bytes | None:
        """The deck file saved under `key`, or None when there is none."""
        if not is_id(key):
            return None

        def work(conn, cur):
            cur.execute(self.sql("SELECT body FROM decks WHERE id = ?"), (key,))
            row = cur.fetchone()
            return None if row is None else bytes(row[0])
        packed = self._run(work)
        if packed is None:
            return None
        inflater = zlib.decompressobj()
        body = inflater.decompress(packed, deck.MAX_FILE + 1)
        if len(body) > deck.MAX_FILE or inflater.unconsumed_tail or deck_id(body) != key:
            raise StoreError(_("the deck saved under this address is damaged"))
        return body


class SqliteStore(Store):
    def __init__(self, path: Path):
        super().__init__()
        self.path = Path(path)

    def connect(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=TIMEOUT_S)
        conn.execute("PRAGMA journal_mode=WAL")  # several replicas on one machine read while one writes
        return conn


class PostgresStore(Store):
    blob = "BYTEA"

    def __init__(self, url: str):
        super().__init__()
        self.url = url

    def connect(self):
        import psycopg
        return psycopg.connect(self.url, connect_timeout=TIMEOUT_S)

    def sql(self, text: str) -> str:
        return text.replace("?", "%s")


_STORES: dict[str, Store] = {}


def store() -> Store:
    """The store this process uses, from the environment (read on each call, so tests can point it)."""
    url = os.environ.get("ATLAS_DATABASE_URL", "").strip()
    where = url or os.environ.get("ATLAS_DECK_DB", "").strip() or str(ROOT / "var" / "decks.sqlite3")
    if where not in _STORES:
        _STORES[where] = PostgresStore(url) if url else SqliteStore(Path(where))
    return _STORES[where]


def open_deck(key: str) -> deck.Deck:
    """The deck saved under a short link's id; DeckError with a plain message when there is none."""
    try:
        body = store().load(key)
    except StoreError as exc:
        raise deck.DeckError(str(exc)) from None
    if body is None:
        raise deck.DeckError(_("no deck is saved under this address on this server"))
    return deck.from_file_deck(body)
