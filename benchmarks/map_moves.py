"""Bytes the server sends per period move on every theme's map, change map and the compare page's bubbles
(budget: 15 KB), measured in Chromium.

Starts the app, opens each explorer's map, moves its period slider with the keyboard as a person would
and counts the websocket frames received until the rerun has finished. Prints JSON with the machine's
load (`uptime`) at the time.

    .venv/bin/python benchmarks/map_moves.py [--moves 8] [--only change|compare|French]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.harness import CHROMIUM, CHROMIUM_ARGS, IDLE, SHAPES, free_port, start_app  # noqa: E402

# theme -> (map URL, slider label, period parameter)
MAPS = {
    "internet": ("/internet?view=map&year=2024", "Year", "year"),
    "mobile money (Findex waves)": ("/mobile-money?view=map&measure=mobile_money&year=2024", "Findex wave", "year"),
    "mobile money (IMF FAS years)": ("/mobile-money?view=map&measure=tx_per_1000&year=2019", "Year", "year"),
    "kaios": ("/kaios?view=map", "Month", "month"),
    # the heaviest KaiOS months: the most places above 0 (about 85), on fifths (a class per place)
    "kaios (quantiles, from Nov 2023)": ("/kaios?view=map&month=2023-11&colours=quantile", "Month", "month"),
    # French pages: the same moves with French words (the region names in the tooltip are a literal per move)
    "internet, French": ("/internet?view=map&year=2024&lang=fr", "Année", "year"),
    "kaios (quantiles, from Nov 2023), French": ("/kaios?view=map&month=2023-11&colours=quantile&lang=fr", "Mois",
                                                 "month"),
    # GSMA's regional map: each listed country painted with its region's December figure
    "mobile money (GSMA regional map)": ("/mobile-money?view=gsma_map&year=2024", "Year (December)", "year"),
    "mobile money (GSMA regional map), French": ("/mobile-money?view=gsma_map&year=2024&lang=fr", "Année (décembre)",
                                                 "year"),
    # change maps (issue 20): both ends of every country travel with each move
    "internet change from 2015": ("/internet?view=change&from=2015&year=2024", "Year", "year"),
    "mobile money change from 2014 (Findex waves)": (
        "/mobile-money?view=change&measure=mobile_money&from=2014&year=2024", "Findex wave", "year"),
    "kaios change from Nov 2023": ("/kaios?view=change&from=2023-11", "Month", "month"),
    "internet change from 2015, French": ("/internet?view=change&from=2015&year=2024&lang=fr", "Année", "year"),
    # every map in French too (issue 20: the budget holds in both languages)
    "mobile money (Findex waves), French": (
        "/mobile-money?view=map&measure=mobile_money&year=2024&lang=fr", "Vague du Findex", "year"),
    "mobile money (IMF FAS years), French": (
        "/mobile-money?view=map&measure=tx_per_1000&year=2019&lang=fr", "Année", "year"),
    "kaios, French": ("/kaios?view=map&lang=fr", "Mois", "month"),
    "mobile money change from 2014 (Findex waves), French": (
        "/mobile-money?view=change&measure=mobile_money&from=2014&year=2024&lang=fr", "Vague du Findex", "year"),
    "kaios change from Nov 2023, French": ("/kaios?view=change&from=2023-11&lang=fr", "Mois", "month"),
    # the compare page's bubbles (a bubble chart, not a map: counted by its circles)
    "compare (default: internet use x mobile money, Findex waves)": ("/compare", "Year", "year"),
    "compare, French (Findex waves)": ("/compare?lang=fr", "Année", "year"),
    "compare (KaiOS all x mobile page views, months)": (
        "/compare?x=kaios_share_all&y=kaios_share_mobile&size=none", "Month", "year"),
    "compare (KaiOS months from Dec 2023: the most places)": (
        "/compare?x=kaios_share_all&y=kaios_share_mobile&size=none&year=2023-12", "Month", "year"),
    "compare (KaiOS months from Dec 2023), French": (
        "/compare?x=kaios_share_all&y=kaios_share_mobile&size=none&year=2023-12&lang=fr", "Mois", "year"),
}
BUBBLES = '[data-testid="stVegaLiteChart"] path[aria-roledescription="circle"]'

BUDGET_KB = 15


def moves_on(page, url: str, slider: str, param: str, moves: int) -> list[int]:
    frames: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
    page.goto(url)
    marks = BUBBLES if url.split("?")[0].endswith("/compare") else SHAPES
    page.wait_for_function("(s) => document.querySelectorAll(s).length >= 20", arg=marks, timeout=60_000)
    page.wait_for_selector(IDLE)
    sizes = []
    for _ in range(moves):
        before = parse_qs(urlparse(page.url).query).get(param, [""])[0]
        page.get_by_role("slider", name=slider).focus()
        frames.clear()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("([p, old]) => new URLSearchParams(location.search).get(p) !== old",
                               arg=[param, before], timeout=30_000)
        page.wait_for_selector(IDLE)
        page.wait_for_timeout(300)  # let trailing frames (script-finished) arrive before counting
        sizes.append(sum(frames))
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--moves", type=int, default=8)
    parser.add_argument("--only", default="", help="measure only the views whose name contains this text")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    port = free_port()
    server = start_app(port)
    result = {"load_before": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for theme, (path, slider, param) in MAPS.items():
                if args.only not in theme:
                    continue
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                steps = min(args.moves, 3) if "Findex" in theme else args.moves  # four waves: three moves back
                steps = min(steps, 2) if "from 2014" in theme else steps  # a change needs its end after its start
                sizes = moves_on(page, f"http://127.0.0.1:{port}{path}", slider, param, steps)
                page.close()
                result[theme] = {"kb_median": round(statistics.median(sizes) / 1024, 1),
                                 "kb_max": round(max(sizes) / 1024, 1), "moves": len(sizes),
                                 "within_budget": max(sizes) <= BUDGET_KB * 1024}
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    result["load_after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
