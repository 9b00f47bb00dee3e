"""What one deck or export may cost, by design rather than by luck.

- `MAX_DECK_FRAMES`: the Play frames one deck builds in all (each is one render of its view, about 30 ms
  for a KaiOS map). A deck of 40 different maps of 87 months each would otherwise cost 3,480 renders
  (minutes of CPU, tens of MB); past the cap each map slide plays its last periods, fairly shared.
- `one_at_a_time`: the heavy exports (the HTML deck, presenting, GIF, MP4, PDF, PNG, PowerPoint) run one
  at a time in a process; a second waits its turn for `WAIT_S` seconds, then gets `Busy` with a plain
  message ("busy, try again").
"""
from __future__ import annotations

import functools
import threading

from ..i18n import _

MAX_DECK_FRAMES = 200
WAIT_S = 45.0
_HEAVY = threading.Lock()


class Busy(RuntimeError):
    """Another heavy export is running in this process; the message says to try again."""


def allowances(lengths: list[int], total: int | None = None) -> list[int]:
    """How many frames each of several plays may keep so that all together keep at most `total`:
    short plays keep everything, the rest share what is left equally (water-filling)."""
    allowed = [0] * len(lengths)
    left, order = MAX_DECK_FRAMES if total is None else total, sorted(range(len(lengths)), key=lambda i: lengths[i])
    for done, i in enumerate(order):
        share = left // (len(order) - done)
        allowed[i] = min(lengths[i], max(share, 1))
        left -= allowed[i]
    return allowed


def busy_message() -> str:
    return _("The server is busy making another export or deck; try again in a minute.")


def is_busy() -> bool:
    return _HEAVY.locked()


class heavy:
    """`with heavy():` runs the block as this process's one heavy export, or raises Busy after WAIT_S."""

    def __init__(self, wait: float | None = None):
        self.wait = WAIT_S if wait is None else wait

    def __enter__(self):
        if not _HEAVY.acquire(timeout=self.wait):
            raise Busy(busy_message())
        return self

    def __exit__(self, *exc):
        _HEAVY.release()
        return False


def one_at_a_time(fn):
    @functools.wraps(fn)
    def call(*args, **kwargs):
        with heavy():
            return fn(*args, **kwargs)
    return call
