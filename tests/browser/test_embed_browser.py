"""Embedding (issue 24) in Chromium: pages served from two other local origins (other ports) frame the front's
French internet map; the one named in ATLAS_FRAME_ANCESTORS shows it, the other is refused by the browser."""
from __future__ import annotations

import http.server
from pathlib import Path
import re
import threading
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from benchmarks.harness import IDLE

from .conftest import ARTIFACTS, SHAPES, _free_port, screenshot, serious_violations

VIEW = "/internet?embed=true&lang=fr"
# The app's map inside the frame, not the light page's drawn before it and hidden once the app is there
# (atlas/light.py: its map may show another period or region than the view asked for).
APP_SHAPES = f"#root {SHAPES}"


def query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def frame_html(src: str) -> str:
    return (f'<iframe src="{src}" title="Internet use, Connectivity Atlas" width="1200" height="860" '
            'style="border:0"></iframe>')


def host_page(iframe: str, port: int | None = None):
    """Another origin's page holding this <iframe>, on `port` (a free one if None); returns (server, origin).
    `server.body` may be changed later to serve another frame."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = server.body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port or _free_port()), Handler)
    server.body = f'<!doctype html><html lang="en"><title>Ministry portal</title><h1>Ministry portal</h1>{iframe}'
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture
def embedding_front(front):
    """The suite's front, which lets one port (kept free for the host page) frame it, on 127.0.0.1 (same site,
    another origin) and on localhost (another site: a third-party context): tests/conftest.py."""
    return front, front.host_port


def test_an_allowed_site_shows_the_french_map_in_its_frame_and_another_is_refused(embedding_front, browser):
    front, port = embedding_front
    ok_server, allowed = host_page(frame_html(front.url + VIEW), port)
    other_server, other = host_page(frame_html(front.url + VIEW))
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)

        response = page.goto(allowed)
        assert response.ok
        frame = page.frame_locator("iframe")
        frame.locator(IDLE).wait_for()
        frame.locator(APP_SHAPES).nth(40).wait_for()  # the map drew its countries
        expect(frame.get_by_role("heading", name="Usage d’Internet")).to_be_visible()
        expect(frame.get_by_role("slider", name="Année")).to_be_visible()  # the view's own controls stay
        expect(frame.locator("#root").get_by_text("Source :").first).to_be_visible()        # and its source line
        screenshot(page, "embed-allowed-origin-fr")
        expect(frame.get_by_test_id("stSidebar")).to_be_hidden()           # embed: no sidebar, no header
        expect(frame.get_by_test_id("stSidebarCollapsedControl")).to_have_count(0)
        expect(frame.get_by_test_id("stToolbar")).to_be_hidden()              # (the header is left empty)
        expect(frame.locator("#root").get_by_text("Intégrer cette vue")).to_have_count(0)  # no snippet in a snippet
        inner = page.frames[1]
        assert query(inner.url).items() >= {"embed": "true", "lang": "fr"}.items()
        assert refused == []
        # The app's own links stay in the frame, embedded and French: a map click shows the country's card, whose
        # link opens its profile.
        frame.locator(APP_SHAPES).nth(40).click()
        frame.locator(".st-key-map-picked").get_by_role("link", name="Ouvrir la fiche de ce pays").click()
        page.frames[1].wait_for_url(re.compile(r"/country\?"))
        frame.locator(IDLE).wait_for()
        inner = page.frames[1]
        assert query(inner.url).items() >= {"embed": "true", "lang": "fr"}.items()
        expect(frame.get_by_test_id("stSidebar")).to_be_hidden()
        screenshot(page, "embed-allowed-origin-fr-profile")

        page.goto(other)
        waited = 0
        while not refused and waited < 10_000:  # lets Playwright deliver the console event
            page.wait_for_timeout(100)
            waited += 100
        assert any("frame-ancestors" in text and allowed in text for text in refused), refused
        assert page.frames[1].url.startswith("chrome-error://"), page.frames[1].url
        expect(page.frame_locator("iframe").locator(APP_SHAPES)).to_have_count(0)
        screenshot(page, "embed-other-origin-refused")
    finally:
        context.close()
        for server in (ok_server, other_server):
            server.shutdown()
            server.server_close()


def test_the_snippet_an_explorer_offers_shows_that_view_on_the_allowed_site(embedding_front, browser):
    """Copy "Embed this view" from the atlas itself (a French view of Africa in 2015), paste it in the page."""
    front, port = embedding_front
    # The atlas's own page in a context that lets axe-core's script in (the front's CSP would refuse it);
    # the other site's page in an ordinary one, where frame-ancestors applies.
    atlas_context = browser.new_context(viewport={"width": 1300, "height": 1000}, bypass_csp=True)
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    server = None
    try:
        page = atlas_context.new_page()
        page.set_default_timeout(30_000)
        page.goto(front.url + "/internet?lang=fr&region=africa&year=2015")
        page.locator(IDLE).wait_for()
        page.get_by_text("Intégrer cette vue").click()
        snippet = page.locator('[data-testid="stCode"] code').filter(has_text="<iframe").inner_text()
        page.locator('[data-testid="stCode"]').scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "embed-this-view-fr.png"))  # the snippet on the page, not the whole page
        assert serious_violations(page) == []  # axe-core, with the snippet open
        src = re.search(r'src="([^"]+)"', snippet).group(1).replace("&amp;", "&")
        assert src.startswith(front.url + "/internet?") and "embed=true" in src and "year=2015" in src
        server, allowed = host_page(snippet, port)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(allowed)
        frame = page.frame_locator("iframe")
        frame.locator(IDLE).wait_for()
        frame.locator(APP_SHAPES).nth(20).wait_for()
        expect(frame.get_by_test_id("stSliderThumbValue")).to_have_text("2015")
        expect(frame.locator("#root").get_by_text("Afrique").first).to_be_visible()
        expect(frame.get_by_test_id("stSidebar")).to_be_hidden()
        assert page.locator("iframe").get_attribute("title").startswith("Atlas de la connectivité — ")
        screenshot(page, "embed-snippet-africa-2015-fr")
    finally:
        atlas_context.close()
        context.close()
        if server is not None:
            server.shutdown()
            server.server_close()


def test_a_frame_on_another_site_keeps_its_replica_behind_https(embedding_front, browser):
    """localhost frames 127.0.0.1: another site, so a SameSite=Lax cookie is never sent from inside the frame
    and a download could reach a replica without the session. Behind TLS (X-Forwarded-Proto: https, as a load
    balancer sends) the route cookie is SameSite=None, Secure, Partitioned: every request of the frame,
    the download included, reaches the session's replica."""
    front, port = embedding_front
    server, _ = host_page(frame_html(front.url + VIEW), port)
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, accept_downloads=True,
                                  extra_http_headers={"X-Forwarded-Proto": "https"})
    log = front.prefix / "access.log"
    start = len(log.read_text().splitlines())
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"http://localhost:{port}")
        frame = page.frame_locator("iframe")
        frame.locator(IDLE).wait_for()
        frame.locator(APP_SHAPES).nth(40).wait_for()
        with page.expect_download() as download:
            frame.get_by_role("button", name="CSV").click()
        assert download.value.suggested_filename.endswith(".csv")
        header = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()[0]
        assert '"value";"period"' in header  # the French CSV itself, not a 404 page
        lines = [line.split() for line in log.read_text().splitlines()[start:]]  # [4] path, [5] status, [-1] upstream
        shown = "\n".join(" ".join(f) for f in lines)
        # The page, its health and host-config requests and its websocket: one replica, by the route cookie.
        assert len({f[-1] for f in lines if f[-1] != "-" and not f[4].startswith("/media/")}) == 1, shown
        # Every download answered (Chromium's own download request comes without the partitioned cookie:
        # nginx passes it on to the replica that has the file).
        media = [f for f in lines if f[4].startswith("/media/")]
        assert media and all(f[5] == "200" for f in media), shown
    finally:
        context.close()
        server.shutdown()
        server.server_close()
