"""The production front (nginx + replicas, atlas/front.py) in Chromium: nothing from outside, bytes on the
wire, and a replica killed mid-session."""
from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from atlas import deck, slides

from .conftest import SHAPES, screenshot, step_slider, wait_idle, wait_shapes

APP_SHAPES = f"#root {SHAPES}"  # the app's map, not the light page's drawn before it (atlas/light.py)

# (presenting the story deck, /present?mode=show&slide=2&deck=…, is loaded through the front with the same
# guard by the killed-replica test below)
PAGES = ["/", "/internet?region=ssa&year=2019", "/mobile-money", "/kaios", "/country?country=KEN", "/data"]


def log_lines(front) -> list[list[str]]:
    return [line.split() for line in (front.prefix / "access.log").read_text().splitlines()]


def params(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def only_this_origin(context, front) -> tuple[list[str], list[str], list[str]]:
    """Abort every request of the context's pages that leaves the front; return the lists it fills: those
    requests, the console's Content Security Policy refusals and the pages' uncaught errors."""
    outside, refused, errors = [], [], []

    def only_here(route):
        url = route.request.url
        if url.startswith(front.url + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_here)
    context.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    context.on("weberror", lambda e: errors.append(str(e.error)))
    return outside, refused, errors


def test_every_page_loads_only_from_this_origin_and_the_csp_is_enforced(front, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside, refused, errors = only_this_origin(context, front)
    page = context.new_page()
    for path in PAGES:
        response = page.goto(front.url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        # the suite's front lets one other origin frame it (tests/conftest.py): frame-ancestors names it and no
        # X-Frame-Options (which cannot) is sent; a front with no other origin sends SAMEORIGIN
        # (tests/test_front_embedding.py, on the config nginx is started with)
        assert response.headers["content-security-policy"].endswith(
            f"frame-ancestors 'self' http://127.0.0.1:{front.host_port} http://localhost:{front.host_port}")
        assert "x-frame-options" not in response.headers
        wait_idle(page)
        if path.startswith("/internet"):
            assert wait_shapes(page, 40, APP_SHAPES) >= 40
            screenshot(page, "front-internet-ssa")
        expect(page.get_by_test_id("stException")).to_have_count(0)
    assert outside == [] and refused == [] and errors == [], (outside, refused, errors)
    # The policy is enforced, not only sent: a script's request to another origin is refused by the
    # browser itself (.invalid never resolves, and the route above would stop it too).
    page.evaluate("fetch('https://atlas.invalid/beacon').catch(() => null)")
    deadline = time.monotonic() + 10
    while not any("connect-src" in text for text in refused) and time.monotonic() < deadline:
        page.wait_for_timeout(50)  # lets Playwright deliver the console event
    assert any("connect-src" in text for text in refused), refused
    context.close()


def first_upstream(fields: list[str]) -> str:
    """The first replica nginx tried for a logged request ($upstream_addr is last: "A" or "A, B, …")."""
    i = len(fields) - 1
    while i > 0 and fields[i - 1].endswith(","):
        i -= 1
    return fields[i].rstrip(",")


def test_bytes_for_a_fresh_browser_a_repeat_visit_and_a_slider_move(front, browser):
    """Counted by nginx ($bytes_sent: headers and compressed bodies as sent on the connection; a
    websocket's whole life is logged when it closes)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def visit(moves: int) -> int:
        (front.prefix / "access.log").write_text("")
        page = context.new_page()
        page.goto(f"{front.url}/internet?year=2024")
        wait_idle(page)
        assert wait_shapes(page, 170, APP_SHAPES) >= 170
        for year in range(2023, 2023 - moves, -1):
            step_slider(page, "Year", f"Internet use, {year}", "year", str(year))
        page.close()  # closes the websocket, so nginx logs it
        deadline = time.monotonic() + 10
        while not any('/_stcore/stream"' in " ".join(f) for f in log_lines(front)) and time.monotonic() < deadline:
            time.sleep(0.1)
        lines = log_lines(front)
        # The replica the route sent each request to: the first of $upstream_addr's list ("A, B" when a /media/
        # 404 was asked again of the other replica, by design: deploy/nginx.conf), not the one that answered last.
        # The page icon (/media/, the same file on every replica) is left out: Chromium's favicon loader fetches it
        # on its own schedule, and in two runs of this round it went to the other replica (no route cookie yet).
        # So are Streamlit's probes for its base path (`/internet/_stcore/health`, `/internet/_stcore/host-config`,
        # answered 404 by any replica): sent at once as the page starts, they once went out before Chromium had
        # stored the page's route cookie and were split over both replicas, while every request of the session
        # (health, host config, websocket) went to one.
        probe = re.compile(r"^/[^/]+/_stcore/")
        upstreams = {first_upstream(f) for f in lines if f[-1] != "-" and not f[4].startswith("/media/")
                     and not (probe.match(f[4]) and f[5] == "404")}
        assert len(upstreams) == 1, (f"one browser's requests went to {upstreams}: the route is not sticky",
                                     [" ".join(f) for f in lines if f[-1] != "-"])
        assert all(f[5] == "200" for f in lines if f[4].startswith("/media/")), "a download was not found"
        ws.append(sum(int(f[6]) for f in lines if f[4] == '/_stcore/stream"'))
        return sum(int(f[6]) for f in lines)

    ws: list[int] = []

    fresh = visit(0)
    repeat = visit(0)
    with_moves = visit(5)
    per_move, ws_per_move = (with_moves - repeat) / 5, (ws[2] - ws[1]) / 5
    print(f"fresh {fresh} B, repeat {repeat} B, per move {per_move:.0f} B (websocket {ws_per_move:.0f} B)")
    assert fresh <= 1_200_000, fresh
    assert repeat <= 100_000, repeat
    assert per_move <= 8_000, per_move
    context.close()


def test_a_deck_bomb_link_is_refused_plainly_and_costs_the_server_little(front, browser):
    import base64
    import zlib

    import psutil
    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" + b" " * 18_000_000, 9)).decode().rstrip("=")
    import threading
    page = browser.new_context().new_page()  # one route cookie: one replica, warmed up on the page first
    page.goto(f"{front.url}/present")
    wait_idle(page)
    replicas = [psutil.Process(p.pid) for p in front.replicas]
    before = [p.memory_info().rss for p in replicas]
    peak, done = list(before), threading.Event()

    def sample() -> None:  # the peak, not the end: freed memory goes back to the system
        while not done.wait(0.02):
            for i, p in enumerate(replicas):
                peak[i] = max(peak[i], p.memory_info().rss)
    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        for _ in range(3):
            page.goto(f"{front.url}/present?deck={bomb}")
            wait_idle(page)
            expect(page.get_by_text(re.compile("unpacks to more than 256 KB")).first).to_be_visible()
    finally:
        done.set()
        sampler.join()
    grown = max(p - b for p, b in zip(peak, before)) / 2**20
    assert grown < 50, f"a replica grew by {grown:.0f} MB"
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.context.close()


def served_by(front) -> int:
    """Which replica answered this browser's last page request (nginx logs the upstream's address)."""
    ports = [int(f[-1].rsplit(":", 1)[1]) for f in log_lines(front)
             if f[4] == '/_stcore/host-config"' and f[-1].startswith("127.0.0.1:")]  # not a closing websocket
    return front.replica_ports.index(ports[-1])


def route_cookie(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "atlas_route")


def reconnected(page, sockets, before: int) -> None:
    """Wait until the page has noticed its closed websocket and opened one more than the `before` it had, and is
    connected."""
    deadline = time.monotonic() + 30
    while len(sockets) == before and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert len(sockets) > before, "the browser did not reconnect within 30 s"
    expect(page.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')).to_have_count(1)


def test_a_killed_replica_costs_a_reconnect_not_the_view(front, browser):
    try:
        killed_mid_session(front, browser)
    finally:
        front.revive()  # the front is shared with other tests


def killed_mid_session(front, browser) -> None:
    """An explorer view and a presented deck, open in two tabs of one browser (one route cookie: one replica),
    when their replica dies."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside, refused, errors = only_this_origin(context, front)
    tabs = {}
    for name in ("explorer", "deck"):
        tab = context.new_page()
        tab.set_default_timeout(45_000)
        sockets = []
        tab.on("websocket", lambda ws, sockets=sockets: sockets.append(ws))
        tabs[name] = tab, sockets

    # An explorer view: page, period, region and places; the period moved by the user.
    page = tabs["explorer"][0]
    page.goto(f"{front.url}/internet?view=map&year=2016&region=ssa&places=WLD,KEN")
    wait_idle(page)
    step_slider(page, "Year", "Internet use, 2015 — Sub-Saharan Africa", "year", "2015")
    before = {"explorer": params(page)}
    victim = served_by(front)
    # Presenter mode, moved on to slide 3.
    shown = tabs["deck"][0]
    story = deck.encode(slides.default_deck(slides_snapshot()))
    shown.goto(f"{front.url}/present?mode=show&slide=2&deck={story}")
    wait_idle(shown)
    # The deck is drawn in its own frame (atlas/export/deck.js), which keeps ?slide= in the app's URL.
    frame = shown.frame_locator(".st-key-present-deck iframe")
    frame.locator("body[data-slide='2'][data-drawn-slide='2']").wait_for()
    frame.locator("#slide-title").click()  # the presenter's focus is on the slide
    shown.keyboard.press("ArrowRight")  # what a clicker sends
    frame.locator("body[data-slide='3'][data-drawn-slide='3']").wait_for()
    shown.wait_for_url(re.compile(r"slide=3"))
    title = frame.locator("#slide-title").inner_text()
    before["deck"] = params(shown)

    assert served_by(front) == victim, "the two tabs of one browser went to two replicas"
    route = route_cookie(context)
    opened = {name: len(sockets) for name, (_tab, sockets) in tabs.items()}
    front.kill_replica(victim)
    # Streamlit notices the closed websocket and reconnects; nginx sends it to the live replica, whose
    # new session starts from the URL, and the websocket's answer moves the route there (issue 21).
    for name, (tab, sockets) in tabs.items():
        reconnected(tab, sockets, opened[name])
    assert route_cookie(context) != route, "the route did not follow the websocket to the live replica"

    wait_idle(page)
    expect(page.get_by_text("Internet use, 2015 — Sub-Saharan Africa")).to_be_visible()
    expect(page.get_by_test_id("stSliderThumbValue")).to_have_text("2015")
    assert 40 <= wait_shapes(page, 40, APP_SHAPES) <= 55
    assert params(page) == before["explorer"]
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text("Some settings in this link could not be used")).to_have_count(0)
    screenshot(page, "front-after-failover-internet")

    # The deck and the slide come back too.
    wait_idle(shown)
    frame = shown.frame_locator(".st-key-present-deck iframe")
    frame.locator("body[data-slide='3'][data-drawn-slide='3']").wait_for()
    expect(frame.locator("#slide-title")).to_have_text(title)
    assert params(shown) == before["deck"]
    expect(shown.get_by_test_id("stException")).to_have_count(0)
    assert outside == [] and refused == [] and errors == [], (outside, refused, errors)
    screenshot(shown, "front-after-failover-present")
    context.close()


def test_an_upload_through_the_front_reaches_the_sessions_replica(front, browser):
    """The upload (XSRF token from the cookie, /_stcore/upload_file/…) must land where the session lives.
    Runs right after the fault test (issue 21): a replica killed and revived must not split a session."""
    from .conftest import ROOT
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{front.url}/kaios?view=trend&measure=mobile")
    wait_idle(page)
    page.get_by_text("Compare with your own StatCounter export").click()
    expect(page.get_by_text("and drop the file here", exact=False)).to_be_visible()
    wait_idle(page)  # a file chosen while the page still reruns lands on an uploader that is redrawn
    payload = (ROOT / "tests/fixtures/statcounter/mobile_os-IN-monthly-201901-202012.csv").read_bytes()
    seen = len(log_lines(front))  # the shared front's log holds other tests' uploads (test_front_limits: 413s)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "mobile_os-IN-monthly-201901-202012.csv", "mimeType": "text/csv", "buffer": payload}])
    # Right after the file is chosen the script can still read "not running" (the upload has not reached
    # the replica yet): wait for what a person sees, with time for the upload, the rerun and the parse.
    wait_idle(page)
    expect(page.get_by_text("Read 24 months (2019-01 to 2020-12)")).to_be_visible(timeout=30_000)
    uploads = [f for f in log_lines(front)[seen:] if f[4].startswith("/_stcore/upload_file/")]
    assert uploads and all(f[5] in ("200", "204") for f in uploads), uploads
    context.close()


def slides_snapshot():
    from atlas.store import Snapshot
    return Snapshot.load()
