"""Benchmark the internet-use page as a browser sees it.

Starts the app, drives Debian's Chromium with Playwright and prints: first-render time (a fresh browser
profile, for the server's very first visitor and for a later one), bytes sent to
the browser per year-slider move (websocket frames), time from a slider move to the repainted map,
the page script's rerun time (AppTest, in-process) and the server's memory.

    .venv/bin/python benchmarks/internet_page.py [--moves 10]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.harness import CHROMIUM, CHROMIUM_ARGS, IDLE, SHAPES, free_port, start_app  # noqa: E402




def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = psutil.virtual_memory().total / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}"


def rerun_times(n: int) -> list[float]:
    """The page script alone, as AppTest runs it in-process after a slider change."""
    sys.path.insert(0, str(ROOT))
    from tests.apptest_tools import run_page
    at = run_page("internet", timeout=60)
    years = [str(y) for y in range(2024 - n, 2024)]
    times = []
    for y in years:
        t = time.perf_counter()
        at.select_slider(key="internet.year").set_value(y).run()
        times.append(time.perf_counter() - t)
    return times


def first_render(browser, url: str) -> float:
    """Seconds from opening the page in a fresh browser profile (empty cache) to 170 drawn countries."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    t = time.perf_counter()
    page.goto(f"{url}/internet")
    page.wait_for_function("(s) => document.querySelectorAll(s).length >= 170", arg=SHAPES, timeout=60_000)
    seconds = time.perf_counter() - t
    context.close()
    return seconds


def browser_figures(url: str, moves: int) -> dict:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cold_server = first_render(browser, url)  # the server's first visitor: imports, snapshot, templates
        warm_server = first_render(browser, url)  # any later visitor, still with an empty browser cache
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        frames: list[int] = []
        page.on("websocket", lambda ws: ws.on("framereceived",
                                              lambda payload: frames.append(len(payload))))
        page.goto(f"{url}/internet")
        page.wait_for_function("(s) => document.querySelectorAll(s).length >= 170", arg=SHAPES, timeout=60_000)
        page.wait_for_selector(IDLE)
        first_bytes = sum(frames)

        slider = page.get_by_role("slider", name="Year")
        per_move, repaint = [], []
        for i in range(moves):
            frames.clear()
            year = 2023 - i
            slider.focus()
            t = time.perf_counter()
            page.keyboard.press("ArrowLeft")
            page.wait_for_function(
                "(y) => [...document.querySelectorAll('svg text')].some(e => e.textContent.includes("
                "'Internet use, ' + y))", arg=str(year), timeout=30_000)
            repaint.append(time.perf_counter() - t)
            page.wait_for_selector(IDLE)
            page.wait_for_timeout(300)  # let trailing frames (script-finished) arrive before counting
            per_move.append(sum(frames))
        browser.close()
    return {"first_render_s": warm_server, "first_render_cold_server_s": cold_server, "first_load_ws_bytes": first_bytes,
            "bytes_per_move": per_move, "repaint_s": repaint}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--moves", type=int, default=10)
    args = parser.parse_args()
    port = free_port()
    server = start_app(port)
    try:
        figures = browser_figures(f"http://127.0.0.1:{port}", args.moves)
        rss = psutil.Process(server.pid).memory_info().rss
    finally:
        server.terminate()
        server.wait(timeout=10)
    reruns = rerun_times(args.moves)
    result = {
        "machine": machine(),
        "first_render_s": round(figures["first_render_s"], 2),
        "first_render_cold_server_s": round(figures["first_render_cold_server_s"], 2),
        "first_load_websocket_kb": round(figures["first_load_ws_bytes"] / 1024, 1),
        "slider_move_kb_median": round(statistics.median(figures["bytes_per_move"]) / 1024, 1),
        "slider_move_kb_max": round(max(figures["bytes_per_move"]) / 1024, 1),
        "repaint_s_median": round(statistics.median(figures["repaint_s"]), 3),
        "repaint_s_max": round(max(figures["repaint_s"]), 3),
        "rerun_ms_median": round(statistics.median(reruns) * 1000, 1),
        "rerun_ms_max": round(max(reruns) * 1000, 1),
        "server_rss_mb": round(rss / 2**20),
        "moves": args.moves,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
