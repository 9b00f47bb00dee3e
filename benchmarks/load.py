"""Concurrent users, simulated at Streamlit's protocol level, against one plain process and the production front.

    .venv/bin/python benchmarks/load.py                 # N = 1, 10, 20, 40, 80; prints a markdown table
    .venv/bin/python benchmarks/load.py --users 40 --targets front
    .venv/bin/python benchmarks/load.py --validate      # the simulated client beside a real Chromium

Each simulated user does what a browser does on an explorer page (internet, mobile money and KaiOS in turn):
GET the page, /_stcore/health and /_stcore/host-config (cookies kept), open /_stcore/stream with the
subprotocols ["streamlit", <XSRF cookie>] and permessage-deflate, send the first rerun, and wait for the
script to finish (first load); then moves the page's period slider one step every second, sending the
same rerun message Chromium sends (the page's widget states, the fragment id, the URL's query string, the
hashes of the messages it has cached), and waits for the fragment run to finish (move). The users arrive
evenly within 10 seconds. The messages are recorded from a real Chromium at the start of every run, so the
client follows the pages as they change. Before the measured rounds the server is brought to the state of
one that has been up a while (`settle`: the front's light profiles built, every page drawn once by every
replica, the machine quiet again); `--cold` measures users arriving at a server that has just started.
Static files are not fetched (their bytes are in
docs/PERFORMANCE.md); the first load here is the server's part of it.

Every server is started here on free loopback ports and stopped by its pid; all traffic goes to 127.0.0.1.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from atlas.front import Front, free_port  # noqa: E402

PAGES = ("internet", "mobile-money", "kaios")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


# ------------------------------------------------------------------------------ what Chromium sends
def record_browser(url: str, pages=PAGES) -> dict[str, dict]:
    """Open each page in Chromium, move its period slider once; keep the messages it sent and received."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page_name in pages:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            sent, received = [], []
            page.on("websocket", lambda ws: (ws.on("framesent", lambda p: sent.append(p)),
                                             ws.on("framereceived", lambda p: received.append(p))))
            page.goto(f"{url}/{page_name}")
            page.wait_for_selector(IDLE)
            page.wait_for_timeout(500)
            first_received = len(received)
            page.get_by_role("slider").first.focus()
            page.keyboard.press("ArrowLeft")
            page.wait_for_timeout(300)
            page.wait_for_selector(IDLE)
            page.wait_for_timeout(500)
            msgs = [BackMsg.FromString(p if isinstance(p, bytes) else p.encode()) for p in sent]
            reruns = [m for m in msgs if m.WhichOneof("type") == "rerun_script"]
            out[page_name] = {"first": reruns[0], "move": reruns[-1], "sent": msgs,
                              "received": [[ForwardMsg.FromString(p) for p in received[:first_received]],
                                           [ForwardMsg.FromString(p) for p in received[first_received:]]]}
            page.close()
        browser.close()
    return out


def slider_id(move: BackMsg) -> str:
    """The period slider's widget: the one whose value the recorded move changed (year or month)."""
    for w in move.rerun_script.widget_states.widgets:
        if w.id.endswith((".year", ".month", ".period")):
            return w.id
    raise RuntimeError("no period slider in the recorded move")


# ----------------------------------------------------------------------------------- one user
async def http_get(port: int, path: str, cookies: dict) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: gzip, br\r\n"
                 f"Cookie: {cookie}\r\nConnection: close\r\n\r\n".encode())
    data = await reader.read(-1)
    writer.close()
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    if not head.startswith("HTTP/1.1 200"):
        raise RuntimeError(f"GET {path}: {head.splitlines()[0] if head else 'no answer'}")
    for line in head.split("\r\n"):
        if line.lower().startswith("set-cookie:"):
            name, _, value = line.split(":", 1)[1].strip().split(";", 1)[0].partition("=")
            cookies[name] = value


class User:
    def __init__(self, port: int, page_name: str, recorded: dict, stats: dict):
        self.port, self.page_name, self.recorded, self.stats = port, page_name, recorded, stats
        self.cached: set[str] = set()
        self.query = ""
        self.options: list[str] = []
        self.slider = slider_id(recorded["move"])

    async def until_finished(self, ws, timeout: float = 60) -> None:
        while True:
            raw = await asyncio.wait_for(ws.recv(), timeout)
            msg = ForwardMsg.FromString(raw)
            if msg.metadata.cacheable:
                self.cached.add(msg.hash)
            kind = msg.WhichOneof("type")
            if kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                if el.WhichOneof("type") == "exception":
                    raise RuntimeError(f"exception shown: {el.exception.message[:200]}")
                if el.WhichOneof("type") == "slider" and el.slider.id == self.slider:
                    self.options = list(el.slider.options)
            elif kind == "script_finished":
                if msg.script_finished in FINISHED:
                    return
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("script error")

    def rerun(self, template: BackMsg, value: str | None = None) -> bytes:
        msg = BackMsg()
        msg.CopyFrom(template)
        rs = msg.rerun_script
        rs.context_info.url = f"http://127.0.0.1:{self.port}/{self.page_name}"
        del rs.cached_message_hashes[:]
        rs.cached_message_hashes.extend(sorted(self.cached))
        if value is not None:
            rs.query_string = self.query
            for w in rs.widget_states.widgets:
                if w.id == self.slider:
                    del w.string_array_value.data[:]
                    w.string_array_value.data.append(value)
        return msg.SerializeToString()

    async def run(self, start_delay: float, seconds: float) -> None:
        from websockets.asyncio.client import connect
        await asyncio.sleep(start_delay)
        cookies: dict[str, str] = {}
        t0 = time.perf_counter()
        try:
            await http_get(self.port, f"/{self.page_name}", cookies)
            await http_get(self.port, "/_stcore/health", cookies)
            await http_get(self.port, "/_stcore/host-config", cookies)
            async with connect(f"ws://127.0.0.1:{self.port}/_stcore/stream", compression="deflate", max_size=None,
                               subprotocols=["streamlit", cookies.get("_streamlit_xsrf", "")],
                               additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
                               open_timeout=60, ping_interval=None) as ws:
                await ws.send(self.rerun(self.recorded["first"]))
                await self.until_finished(ws)
                self.stats["first"].append(time.perf_counter() - t0)
                if not self.options:
                    raise RuntimeError("the page showed no period slider")
                current = dict(parse_qsl(self.query)).get(self._param())
                i = self.options.index(current) if current in self.options else len(self.options) - 1
                step, end = -1, time.perf_counter() + seconds
                while time.perf_counter() < end:
                    if not 0 <= i + step < len(self.options):
                        step = -step
                    i += step
                    t = time.perf_counter()
                    await ws.send(self.rerun(self.recorded["move"], self.options[i]))
                    await self.until_finished(ws)
                    self.stats["move"].append(time.perf_counter() - t)
                    await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - t)))
        except Exception as exc:  # counted, not raised: the table shows errors
            self.stats["errors"].append(f"{self.page_name}: {type(exc).__name__}: {exc}"[:300])

    def _param(self) -> str:
        return self.slider.rsplit(".", 1)[1]


# --------------------------------------------------------------------------------------- one run
class Sampler(threading.Thread):
    """Peak memory (RSS) and CPU seconds of the server's processes while the users run."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.procs = [psutil.Process(p) for p in pids]
        self.peak, self.stop = 0, False
        self.cpu0 = self.cpu()

    def cpu(self) -> float:
        return sum(sum(p.cpu_times()[:2]) for p in self.procs if p.is_running())

    def rss(self) -> int:
        return sum(p.memory_info().rss for p in self.procs if p.is_running())

    def run(self) -> None:
        while not self.stop:
            self.peak = max(self.peak, self.rss())
            time.sleep(0.25)


def load(port: int, pids: list[int], recorded: dict, users: int, seconds: float, arrival: float) -> dict:
    stats = {"first": [], "move": [], "errors": []}
    sampler = Sampler(pids)
    rss_before = sampler.rss()
    sampler.start()
    crowd = [User(port, PAGES[i % len(PAGES)], recorded[PAGES[i % len(PAGES)]], stats) for i in range(users)]

    async def all_users():
        await asyncio.gather(*(u.run(arrival * i / max(users, 1), seconds) for i, u in enumerate(crowd)))
    t = time.perf_counter()
    asyncio.run(all_users())
    sampler.stop = True
    sampler.join()
    stats.update(wall=time.perf_counter() - t, rss_mb=sampler.peak / 2**20, cpu_s=sampler.cpu() - sampler.cpu0,
                 rss_before_mb=rss_before / 2**20)
    return stats


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def row(target: str, users: int, s: dict, uptime: str) -> str:
    f, m = s["first"], s["move"]
    return (f"| {target} | {users} | {pct(f, .5):.2f} | {pct(f, .95):.2f} | {max(f, default=float('nan')):.2f} "
            f"| {len(m)} | {pct(m, .5):.2f} | {pct(m, .95):.2f} | {max(m, default=float('nan')):.2f} "
            f"| {len(s['errors'])} | {s['rss_before_mb']:.0f} → {s['rss_mb']:.0f} | {s['cpu_s']:.0f} | {uptime} |")


def uptime_load() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])


class Plain:
    """One process as scripts/run.sh starts it (python -m atlas.serve, Streamlit's defaults)."""

    def __init__(self):
        self.port = free_port()
        from tests.browser.conftest import start_app
        self.proc = start_app(self.port)
        self.pids = [self.proc.pid]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Fronted:
    def __init__(self, replicas: int):
        self.front = Front(replicas=replicas).start()
        if self.front.light_builder is not None:  # a front that has been up a while: its profiles are built
            print("Waiting for the front's background build of the light profiles (once per key)...", file=sys.stderr)
            self.front.light_builder.wait()
        self.port = self.front.port
        self.pids = [p.pid for p in self.front.replicas] + [self.front.nginx.pid] + \
            [c.pid for c in psutil.Process(self.front.nginx.pid).children()]

    def stop(self) -> None:
        self.front.stop()


def validate() -> None:
    """The simulated client beside Chromium, on the same server: what each sends, and what each gets back."""
    server = Plain()
    try:
        url = f"http://127.0.0.1:{server.port}"
        recorded = record_browser(url)
        print("| page | step | Chromium sent | client sent | same message (but URL, cache hashes) | "
              "Chromium got (msgs) | client got (msgs) |\n|---|---|---|---|---|---|---|")
        for page_name, rec in recorded.items():
            user = User(server.port, page_name, rec, {"first": [], "move": [], "errors": []})
            sent: list[bytes] = []
            got: list[list[ForwardMsg]] = [[], []]

            async def one():
                from websockets.asyncio.client import connect
                cookies: dict[str, str] = {}
                for path in (f"/{page_name}", "/_stcore/health", "/_stcore/host-config"):
                    await http_get(server.port, path, cookies)
                async with connect(f"ws://127.0.0.1:{server.port}/_stcore/stream", compression="deflate",
                                   subprotocols=["streamlit", cookies.get("_streamlit_xsrf", "")],
                                   additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
                                   max_size=None) as ws:
                    original = ws.recv

                    async def recv_and_keep(*a, **k):
                        raw = await original(*a, **k)
                        got[len(sent) - 1].append(ForwardMsg.FromString(raw))
                        return raw
                    ws.recv = recv_and_keep
                    for template, value in ((rec["first"], None), (rec["move"], None)):
                        if value is None and template is rec["move"]:
                            value = [w for w in template.rerun_script.widget_states.widgets
                                     if w.id == user.slider][0].string_array_value.data[0]
                        sent.append(user.rerun(template, value))
                        await ws.send(sent[-1])
                        await user.until_finished(ws)
            asyncio.run(one())
            for step, (browser_msg, client_raw) in enumerate(zip((rec["first"], rec["move"]), sent)):
                client_msg = BackMsg.FromString(client_raw)
                a, b = BackMsg(), BackMsg()
                a.CopyFrom(browser_msg)
                b.CopyFrom(client_msg)
                for m in (a, b):
                    m.rerun_script.context_info.url = ""
                    del m.rerun_script.cached_message_hashes[:]
                kinds = lambda ms: len(ms)  # noqa: E731
                if os.environ.get("LOAD_DEBUG"):
                    for name, ms in (("browser", rec["received"][step]), ("client", got[step])):
                        print(name, [m.WhichOneof("type") + ("/" + m.delta.WhichOneof("type") if m.HasField("delta") else "") for m in ms])
                print(f"| {page_name} | {'first load' if step == 0 else 'slider move'} | {browser_msg.ByteSize()} B "
                      f"| {client_msg.ByteSize()} B | {'yes' if a == b else 'NO'} | {kinds(rec['received'][step])} "
                      f"| {kinds(got[step])} |")
    finally:
        server.stop()


def settle(server, recorded: dict, quiet: float = 1.0, longest: float = 120) -> None:
    """Before the measured rounds: one unreported round (6 users for 5 s) so every replica has drawn every
    page once (each builds its chart templates on its first run of a page, as a server that has been up a
    while already has), then wait until the 1-minute load average falls below `quiet` (at most `longest` s):
    users arriving while the front is still busy with its own start measure the start, not the users."""
    load(server.port, server.pids, recorded, 6, 5, 1)
    t = time.time()
    while float(uptime_load().split()[0]) >= quiet and time.time() - t < longest:
        time.sleep(2)


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 20, 40, 80])
    parser.add_argument("--targets", nargs="+", default=["plain", "front"], choices=["plain", "front"])
    parser.add_argument("--seconds", type=float, default=20, help="how long each user moves the slider")
    parser.add_argument("--arrival", type=float, default=10, help="users arrive evenly within this many seconds")
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--validate", action="store_true")
    parser.add_argument("--cold", action="store_true",
                        help="users arrive as soon as the server is up (no warm-up round, no wait for a quiet machine)")
    args = parser.parse_args()
    # SIGTERM (e.g. from `timeout`) unwinds like Ctrl-C, so the servers started here are stopped.
    signal.signal(signal.SIGTERM, _interrupt)
    if args.validate:
        validate()
        return
    random.seed(1)
    print(f"Started {time.strftime('%Y-%m-%d %H:%M')}; {os.cpu_count()} cores; load average at start "
          f"{uptime_load()}; each user moves a slider every second for {args.seconds:.0f} s; users arrive "
          f"within {args.arrival:.0f} s; front = nginx + {args.replicas} replicas.\n")
    print("| server | users | first load p50 (s) | p95 | max | moves | move p50 (s) | p95 | max | errors "
          "| RSS before → peak (MB) | server CPU (s) | load avg before (1/5/15 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    errors = []
    for target in args.targets:
        server = Plain() if target == "plain" else Fronted(args.replicas)
        try:
            recorded = record_browser(f"http://127.0.0.1:{server.port}")
            if not args.cold:
                settle(server, recorded)
            for users in args.users:
                before = uptime_load()
                stats = load(server.port, server.pids, recorded, users, args.seconds, args.arrival)
                print(row(target if target == "plain" else f"front ({args.replicas} replicas)", users, stats, before),
                      flush=True)
                errors += stats["errors"][:3]
                time.sleep(3)
        finally:
            server.stop()
    for e in errors[:10]:
        print(f"\nerror: {e}")


if __name__ == "__main__":
    main()
