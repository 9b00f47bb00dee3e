"""Presenting and exporting cost is bounded by design: a view repeated in a deck is built and sent once,
the Play frames of a whole deck are capped, heavy exports run one at a time with a plain "busy" message.
(Figures for the crafted 40-map link are measured in benchmarks/presenter_cost.py, not timed here.)"""
import json
import re
import threading

import pytest

from atlas import slides
from atlas.deck import SlideRef
from atlas.export import budget, html_deck, pdf


def deck_data(page: str) -> dict:
    return json.loads(re.search(r'<script id="deck-data" type="application/json">(.*?)</script>', page, re.S).group(1))


def test_allowances_share_a_budget_fairly():
    assert budget.allowances([10, 20], 100) == [10, 20]
    assert budget.allowances([87] * 40, 200) == [5] * 40
    assert budget.allowances([3, 87, 87], 100) == [3, 48, 49]
    assert sum(budget.allowances([87] * 40 + [2], 200)) <= 200 and budget.allowances([87, 2], 200) == [87, 2]


def test_forty_copies_of_a_map_are_built_once_and_their_frames_sent_once(snapshot, monkeypatch):
    calls = []
    real = slides.render
    monkeypatch.setattr(slides, "render", lambda *a, **k: calls.append(k.get("period")) or real(*a, **k))
    refs = [SlideRef("internet", {"view": "map", "year": "2024"}, title=f"Slide {i}" if i % 2 else "", notes=str(i))
            for i in range(40)]
    data, notices = html_deck.slide_data(snapshot, refs)
    first, built = data[0]["frames"], len(calls)
    periods = real(snapshot, refs[0]).periods
    assert len(first) == built == len(html_deck.play_range(periods, "2024", None)) and notices == []
    assert all(d["frames"] == 0 for d in data[1:])  # the slide that carries them
    assert [d["title"] for d in data[:2]] == [first[-1]["title"], "Slide 1"] and data[1]["fixed_title"]
    assert [d["notes"] for d in data] == [str(i) for i in range(40)]


def test_a_deck_of_many_different_maps_plays_at_most_the_budget(snapshot, monkeypatch):
    monkeypatch.setattr(budget, "MAX_DECK_FRAMES", 30)
    refs = [SlideRef("internet", {"view": "map", "year": str(y)}) for y in range(2015, 2025)]
    data, notices = html_deck.slide_data(snapshot, refs)
    frames = [d["frames"] for d in data]
    assert sum(len(f) for f in frames) <= 30 and all(f and f[-1]["period"] == r.params["year"]
                                                     for f, r in zip(frames, refs))
    assert any("Play was shortened on 10 map slide(s)" in n for n in notices)


def test_heavy_exports_run_one_at_a_time_and_say_busy(snapshot, monkeypatch):
    monkeypatch.setattr(budget, "WAIT_S", 0.05)
    held, release = threading.Event(), threading.Event()

    def hold():
        with budget.heavy():
            held.set()
            release.wait(10)
    t = threading.Thread(target=hold)
    t.start()
    held.wait(10)
    try:
        assert budget.is_busy()
        for export in (lambda: pdf.pdf(snapshot, [SlideRef("internet", {})]),
                       lambda: html_deck.file(snapshot, [SlideRef("internet", {})])):
            with pytest.raises(budget.Busy, match="busy making another export"):
                export()
    finally:
        release.set()
        t.join()
    assert not budget.is_busy()
