"""What a crafted deck link costs the server in show mode: CPU seconds and memory growth of the app process
while a real Chromium opens the link and the deck page arrives (issue 21: 40 KaiOS map slides in a 256-character
link once cost 53-67 s of CPU and +330-540 MB, then failed with MessageSizeError).

    .venv/bin/python benchmarks/presenter_cost.py

Decks measured, each opened in a fresh browser page after the app was warmed up on /present:
- 40 copies of the KaiOS world map (titles t0…t39: a link of ~256 characters);
- 40 different KaiOS maps (each month from the newest back, all/mobile): the frame budget's worst case;
- the 40-copy link with other titles (a deck the cache has not seen) opened in two pages at once.
The app is started on a free loopback port and stopped by its pid; Chromium's own CPU is not counted.
"""
from __future__ import annotations

import os
import platform
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.harness import CHROMIUM, CHROMIUM_ARGS, IDLE, free_port, start_app  # noqa: E402


def decks() -> dict[str, str]:
    from atlas import deck
    from atlas.deck import SlideRef
    from atlas.themes import by_page
    from atlas.store import Snapshot
    snap = Snapshot.load()
    kaios = by_page("kaios").explorer
    months = kaios.periods(snap, {p.name: p.default for p in kaios.params(snap)})
    same = [SlideRef("kaios", {"view": "map"}, title=f"t{i}") for i in range(40)]
    different = [SlideRef("kaios", {"view": "map", "month": months[-1 - i], "measure": ["all", "mobile"][i % 2]})
                 for i in range(40)]
    changed = [SlideRef("kaios", {"view": "map"}, title=f"u{i}") for i in range(40)]
    return {"40 copies of the KaiOS map": deck.encode(same, "en"),
            "40 different KaiOS maps": deck.encode(different, "en"),
            "40 copies, titles changed": deck.encode(changed, "en")}


def cpu(proc: psutil.Process) -> float:
    t = proc.cpu_times()
    return t.user + t.system


def open_show(browser, base: str, link: str, times: int = 1) -> None:
    """Open the link in show mode in `times` pages at once; return when every deck page has arrived."""
    pages = [browser.new_page(viewport={"width": 1280, "height": 720}) for _ in range(times)]
    try:
        for page in pages:
            page.goto(f"{base}/present?mode=show&deck={link}", timeout=180_000, wait_until="commit")
        for page in pages:
            page.wait_for_selector('.st-key-present-deck iframe, [data-testid="stAlert"]', timeout=300_000)
            page.wait_for_selector(IDLE, timeout=300_000)
    finally:
        for page in pages:
            page.close()


def measure(proc, label: str, run) -> None:
    time.sleep(2)  # let the previous run's collection settle
    before_cpu, before_rss = cpu(proc), proc.memory_info().rss
    peak = [before_rss]
    done = threading.Event()

    def sample():
        while not done.wait(0.1):
            peak[0] = max(peak[0], proc.memory_info().rss)
    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    run()
    wall = time.perf_counter() - started
    time.sleep(1)
    done.set()
    sampler.join()
    after = proc.memory_info().rss
    print(f"| {label} | {cpu(proc) - before_cpu:.1f} | {wall:.1f} | {(peak[0] - before_rss) / 2**20:+.0f} | "
          f"{(after - before_rss) / 2**20:+.0f} |")


def main() -> None:
    from playwright.sync_api import sync_playwright
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    links = decks()
    for label, link in links.items():
        print(f"{label}: link of {len(link)} characters")
    port = free_port()
    app = start_app(port)
    base = f"http://127.0.0.1:{port}"
    try:
        proc = psutil.Process(app.pid)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                warm = browser.new_page()
                warm.goto(f"{base}/present", timeout=180_000)
                warm.wait_for_selector(IDLE, timeout=180_000)
                warm.close()
                print("\n| deck opened in show mode | server CPU (s) | wall (s) | peak RSS growth (MB) | RSS growth after (MB) |")
                print("| --- | --- | --- | --- | --- |")
                for label, link in list(links.items())[:2]:
                    measure(proc, label, lambda: open_show(browser, base, link))
                measure(proc, "40 copies, titles changed (a new deck), opened twice at once",
                        lambda: open_show(browser, base, links["40 copies, titles changed"], times=2))
            finally:
                browser.close()
    finally:
        app.terminate()
        app.wait(timeout=20)


if __name__ == "__main__":
    main()
