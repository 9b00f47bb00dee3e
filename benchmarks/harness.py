"""A running app and Debian's Chromium, for benchmarks and browser tests alike (tests/browser/conftest.py
imports from here; the benchmarks import nothing from tests/)."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Debian's chromium-headless-shell: the same Blink as the full browser without its window machinery, what
# Playwright itself runs headless; a page load costs ~12 % less CPU in Chromium (docs/PERFORMANCE.md).
CHROMIUM = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHAPES = 'path[aria-roledescription="geoshape"][d]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port: int, options: list[str] | None = None, env: dict | None = None,
              launcher: list[str] | None = None, wait: float = 60) -> subprocess.Popen:
    """`python -m atlas.serve` (or `launcher`, e.g. `python -c <code>`) on 127.0.0.1:port with these Streamlit
    `options`, returned once /_stcore/health answers."""
    options = options if options is not None else ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    cmd = [*(launcher or [sys.executable, "-m", "atlas.serve"]), "--server.port", str(port),
           "--server.address", "127.0.0.1", *options]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"the app did not become healthy within {wait:.0f} s")
