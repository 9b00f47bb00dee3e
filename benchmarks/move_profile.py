"""The server's CPU per period move of each explorer map, one user at a time, and (with --profile) where it goes.

    .venv/bin/python benchmarks/move_profile.py [--moves 30] [--pages internet kaios] [--profile [--top 40]]

Starts one app process with a front replica's settings (`atlas.front.REPLICA_OPTIONS`: no forced gc after a run,
websocket compression), records in Chromium what a browser sends for a first load and a slider move on each page
(`benchmarks/load.py: record_browser`), then, per page, one simulated user (load.py's client) loads the page and
moves its period slider `--moves` times, one move after the other, then the same moves again: the first pass
meets periods the process has not drawn yet, the second the periods again (as most moves of 40 users do: they
all start at the latest period). The CPU per move is the server process's user + system time (psutil) over a
pass, divided by its moves.

With `--profile` the server runs under yappi (CPU clock, every thread: Streamlit runs the page in its own
ScriptRunner thread, which cProfile on the main thread never sees), reset before each page's second pass
(`--profiled 1`: its first) and saved after it; the top functions by own and cumulative time are printed. yappi
slows the server about fourfold: read the CPU figures of a run without it. yappi is for this investigation only
(`pip install yappi`); nothing else uses it.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import pstats
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from atlas.front import REPLICA_OPTIONS, free_port  # noqa: E402
from benchmarks.harness import start_app  # noqa: E402
from benchmarks.load import PAGES, User, http_get, record_browser  # noqa: E402

# Run in the server's process: yappi from the start (every thread created later is profiled), SIGUSR1 clears
# the stats, SIGUSR2 saves them as pstats to $MOVE_PROFILE_OUT; then the launcher as `python -m atlas.serve`.
BOOT = """
import os, signal, sys
sys.path.insert(0, os.getcwd())
if os.environ.get("MOVE_PROFILE_OUT"):
    import yappi
    yappi.set_clock_type("cpu")
    yappi.start(builtins=False, profile_threads=True)
    signal.signal(signal.SIGUSR1, lambda *_: yappi.clear_stats())
    signal.signal(signal.SIGUSR2, lambda *_: (yappi.get_func_stats().save(os.environ["MOVE_PROFILE_OUT"] + ".tmp", type="pstat"),
                                              os.replace(os.environ["MOVE_PROFILE_OUT"] + ".tmp", os.environ["MOVE_PROFILE_OUT"])))
from atlas import serve
serve.main()
"""


def start(port: int, profile_out: str | None) -> subprocess.Popen:
    env = {**os.environ, **({"MOVE_PROFILE_OUT": profile_out} if profile_out else {})}
    return start_app(port, [f"--{k}={v}" for k, v in REPLICA_OPTIONS.items()], env=env,
                     launcher=[sys.executable, "-c", BOOT], wait=90)


def cpu(proc: psutil.Process) -> float:
    t = proc.cpu_times()
    return t.user + t.system


async def moves(port: int, page_name: str, recorded: dict, n: int, server: psutil.Process,
                before_measured=None, profiled: int = 2) -> list[tuple[float, list[float]]]:
    """Two passes of the same `n` moves (stepping back from the page's period, turning at the first): the
    first meets periods this process has not drawn yet, the second the same periods again, as most moves of
    many users do (they all start at the latest period). Per pass: the server's CPU seconds and each move's
    wall time."""
    from websockets.asyncio.client import connect
    user = User(port, page_name, recorded, {"first": [], "move": [], "errors": []})
    cookies: dict[str, str] = {}
    for path in (f"/{page_name}", "/_stcore/health", "/_stcore/host-config"):
        await http_get(port, path, cookies)
    async with connect(f"ws://127.0.0.1:{port}/_stcore/stream", compression="deflate", max_size=None,
                       subprotocols=["streamlit", cookies.get("_streamlit_xsrf", "")],
                       additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
                       ping_interval=None) as ws:
        await ws.send(user.rerun(recorded["first"]))
        await user.until_finished(ws)
        current = dict(parse_qsl(user.query)).get(user._param())
        start = user.options.index(current) if current in user.options else len(user.options) - 1
        path, i, step = [], start, -1
        for _ in range(n):
            if not 0 <= i + step < len(user.options):
                step = -step
            i += step
            path.append(user.options[i])
        passes = []
        for k, sequence in enumerate((path, [user.options[start]] + path)):
            if k + 1 == profiled and before_measured:
                before_measured()
            await asyncio.sleep(0.3)  # let the previous run's trailing work end
            c0, walls = cpu(server), []
            for value in sequence:
                t = time.perf_counter()
                await ws.send(user.rerun(recorded["move"], value))
                await user.until_finished(ws)
                walls.append(time.perf_counter() - t)
            await asyncio.sleep(0.2)
            passes.append((cpu(server) - c0, walls))
        return passes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument("--profile", action="store_true", help="run the server under yappi and print where the CPU goes")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--profiled", type=int, choices=(1, 2), default=2,
                        help="with --profile: the pass profiled (1: periods new to the process; 2: the same again)")
    parser.add_argument("--keep", metavar="DIR", help="with --profile: keep each page's pstats file there")
    args = parser.parse_args()
    out = tempfile.mktemp(prefix="move-profile-", suffix=".pstat") if args.profile else None
    port = free_port()
    proc = start(port, out)
    try:
        server = psutil.Process(proc.pid)
        recorded = record_browser(f"http://127.0.0.1:{port}", pages=tuple(args.pages))
        print(f"{time.strftime('%Y-%m-%d %H:%M')}; load average {' '.join(open('/proc/loadavg').read().split()[:3])}; "
              f"{args.moves} moves per page{' (under yappi: slower)' if args.profile else ''}")
        for page_name in args.pages:
            clear = (lambda: os.kill(proc.pid, signal.SIGUSR1)) if out else None
            passes = asyncio.run(moves(port, page_name, recorded[page_name], args.moves, server, clear, args.profiled))
            print(f"/{page_name}: " + "; ".join(
                f"{what}: server CPU {1000 * spent / len(walls):.1f} ms per move, wall p50 "
                f"{1000 * statistics.median(walls):.0f} ms, max {1000 * max(walls):.0f} ms"
                for what, (spent, walls) in zip(("periods new to the process", "the same periods again"), passes)))
            if out:
                if os.path.exists(out):
                    os.remove(out)
                os.kill(proc.pid, signal.SIGUSR2)
                deadline = time.monotonic() + 60
                while not os.path.exists(out) and time.monotonic() < deadline:
                    time.sleep(0.2)
                stats = pstats.Stats(out)
                for key in ("tottime", "cumulative"):
                    print(f"--- /{page_name}, by {key} (CPU s over {args.moves} moves, every thread)")
                    stats.sort_stats(key).print_stats(args.top)
                if args.keep:
                    os.replace(out, Path(args.keep) / f"{page_name}.pstat")
                else:
                    os.remove(out)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
