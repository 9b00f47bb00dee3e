"""Benchmark the deck's exports, made offline on this machine: bytes and seconds for the story deck as one
HTML file and as PowerPoint, and for internet use 2000–2024 as an animated GIF and an MP4.

    .venv/bin/python benchmarks/exports.py
"""
from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from atlas import slides  # noqa: E402
from atlas.deck import SlideRef  # noqa: E402
from atlas.export import animation, html_deck, pptx  # noqa: E402
from atlas.store import Snapshot  # noqa: E402


def timed(label: str, make) -> None:
    started = time.perf_counter()
    data = make()
    print(f"{label:<42} {len(data):>10,} bytes {time.perf_counter() - started:>7.1f} s")


def main() -> None:
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    snap = Snapshot.load()
    refs = slides.default_deck(snap)
    world = SlideRef("internet", {"view": "map", "year": "2024", "region": "world"})
    timed("story deck, one HTML file (first, cold)", lambda: html_deck.file(snap, refs))
    timed("story deck, one HTML file (again)", lambda: html_deck.file(snap, refs))
    timed("story deck, PowerPoint", lambda: pptx.file(snap, refs))
    timed("internet use 2000-2024, GIF (25 frames)", lambda: animation.gif(snap, world, start="2000"))
    timed("internet use 2000-2024, MP4", lambda: animation.mp4(snap, world, start="2000"))


if __name__ == "__main__":
    main()
