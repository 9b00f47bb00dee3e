"""Time to the first drawn map (and chart) on slow connections, through the production front (issue 23).

    .venv/bin/python benchmarks/slow_network.py [--runs 1] [--networks slow3g fast3g 4g] [--paths / /internet ...]

Starts `atlas.front.Front` (nginx and 2 replicas) on free loopback ports, waits until the light pages (the
profiles too) are built, then for each network profile and path opens a fresh Chromium context at 390×844
with Chromium's own network emulation (CDP `Network.emulateNetworkConditions`) and measures from the start of
navigation:
- `first`: the first map drawn, at least 170 country shapes `path[aria-roledescription="geoshape"]`, counted
  the same way in the light block and in the app (their SVGs carry the same marks); on `/` and the profile,
  the first chart (a line mark, `[aria-roledescription="line mark"]`);
- `app`: the interactive app's own map (or chart) drawn inside `#root` and the light block hidden;
- `light`: whether the first map or chart was the light block's.
Stops everything it started by process id. Figures in docs/PERFORMANCE.md.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from atlas.front import Front  # noqa: E402
from benchmarks.harness import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# Chromium DevTools' presets (bytes per second; latency in ms)
NETWORKS = {
    "slow3g": {"latency": 400, "downloadThroughput": 400 * 1000 / 8, "uploadThroughput": 400 * 1000 / 8},
    "fast3g": {"latency": 150, "downloadThroughput": 1.6 * 1000 * 1000 / 8, "uploadThroughput": 750 * 1000 / 8},
    "4g": {"latency": 60, "downloadThroughput": 9 * 1000 * 1000 / 8, "uploadThroughput": 9 * 1000 * 1000 / 8},
}
PATHS = ["/", "/internet", "/mobile-money", "/kaios", "/country?country=SEN"]
SHAPES = 'path[aria-roledescription="geoshape"]'
LINES = '[aria-roledescription="line mark"]'
ENOUGH = 170


def target(path: str) -> tuple[str, int]:
    """What counts as drawn on a path: a map's shapes, or a chart's line."""
    return (LINES, 1) if path == "/" or path.startswith("/country") else (SHAPES, ENOUGH)


def measure(browser, url: str, path: str, network: dict, timeout: float = 120.0) -> dict:
    sel, n = target(path)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {"offline": False, **network})
    page.set_default_timeout(timeout * 1000)
    # Polled in the page every animation frame from the first script-free moment we can observe: the times
    # are the page's own clock (performance.now(), from navigation start).
    page.add_init_script(script=INIT.replace("__SEL__", json.dumps(sel)).replace("__N__", str(n)))
    started = time.monotonic()
    page.goto(url + path, wait_until="commit")
    page.wait_for_function("() => window.__seen && window.__seen.app", timeout=timeout * 1000)
    seen = page.evaluate("() => window.__seen")
    wall = time.monotonic() - started
    context.close()
    return {"first_s": round(seen["first"]["t"] / 1000, 2), "light": seen["first"]["light"],
            "app_s": round(seen["app"]["t"] / 1000, 2), "wall_s": round(wall, 1)}


INIT = """
(() => {
  const sel = __SEL__, n = __N__;
  window.__seen = {};
  const tick = () => {
    const now = performance.now();
    const light = document.querySelectorAll('#light ' + sel).length;
    const all = document.querySelectorAll(sel).length;
    const app = document.querySelectorAll('#root ' + sel).length;
    const box = document.getElementById('light');
    const hidden = !box || getComputedStyle(box).display === 'none';
    if (all >= n && !window.__seen.first) window.__seen.first = {t: now, light: light >= n};
    if (app >= n && hidden && !window.__seen.app) window.__seen.app = {t: now};
  };
  new MutationObserver(tick).observe(document, {subtree: true, childList: true, attributes: true});
  const poll = () => { tick(); if (!window.__seen.app) setTimeout(poll, 50); };
  poll();
})();
"""


def wait_for_light(front: Front, paths: list[str], seconds: float = 1200) -> None:
    """Until every path is served with its light block (a profile may still be building in the background)."""
    import urllib.request
    deadline = time.monotonic() + seconds
    for path in paths:
        while time.monotonic() < deadline:
            with urllib.request.urlopen(front.url + path) as r:
                if b'id="light"' in r.read():
                    break
            time.sleep(2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--networks", nargs="*", default=list(NETWORKS))
    parser.add_argument("--paths", nargs="*", default=PATHS)
    parser.add_argument("--compare", action="store_true",
                        help="also each load with the light pages turned off (ATLAS_LIGHT_PAGES=0), run for run")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    rows = []
    fronts = {"light": Front(replicas=2)}
    if args.compare:
        import os
        os.environ["ATLAS_LIGHT_PAGES"] = "0"
        fronts["app alone"] = Front(replicas=2)  # built now, without light pages
        del os.environ["ATLAS_LIGHT_PAGES"]
    with fronts["light"] as front, sync_playwright() as pw:
        wait_for_light(front, args.paths)
        if front.light_builder is not None:  # the profiles' background build would compete with the page loads
            front.light_builder.wait(timeout=1800)
        others = {name: f.start() for name, f in fronts.items() if name != "light"}
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for net in args.networks:
                for path in args.paths:
                    for run in range(args.runs):
                        for name, f in {"light": front, **others}.items():
                            r = measure(browser, f.url, path, NETWORKS[net])
                            rows.append({"front": name, "network": net, "path": path, "run": run + 1, **r})
                            print(json.dumps(rows[-1]), flush=True)
        finally:
            browser.close()
            for f in others.values():
                f.stop()
    print(f"\n{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"{len(__import__('os').sched_getaffinity(0))} cores, load {open('/proc/loadavg').read().split()[:3]}")
    print("| front | network | path | first map/chart (s) | from the light page | app drawn, light hidden (s) |")
    print("| --- | --- | --- | ---: | --- | ---: |")
    for r in rows:
        print(f"| {r['front']} | {r['network']} | `{r['path']}` | {r['first_s']} | {'yes' if r['light'] else 'no'} "
              f"| {r['app_s']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
