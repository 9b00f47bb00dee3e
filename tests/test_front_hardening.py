"""The production front under hostile or unlucky requests (issue 21; deploy/nginx.conf, atlas/front.py): nginx's
own errors carry the security headers, errors are not cached, metrics stay on the machine, requests without a
Host never reach a replica, the route follows a session's websocket after a failover, and a page file missing
on the route's replica is asked of the others. Raw sockets: the malformed requests are what http.client refuses
to send. Runs nginx and two replicas on free ports (the `front` fixture)."""
from __future__ import annotations

import base64
import os
import re
import socket
import time

import pytest

MALFORMED = [  # each answered by nginx itself, before any location
    (414, b"GET /" + b"a" * 40_000 + b" HTTP/1.1\r\nHost: atlas\r\n\r\n"),
    (400, b"GET / HTTP/1.1\r\nHost: atlas\r\nCookie: " + b"a" * 40_000 + b"\r\n\r\n"),
    (400, b"GET\x01 / HTTP/1.1\r\nHost: atlas\r\n\r\n"),
    (405, b"TRACE / HTTP/1.1\r\nHost: atlas\r\n\r\n"),
    (501, b"POST / HTTP/1.1\r\nHost: atlas\r\nTransfer-Encoding: gzip\r\n\r\n"),
]


def raw(front, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", front.port), timeout=30) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
            if b"\r\n\r\n" in out and data.startswith(b"GET /_stcore/stream"):
                break  # a websocket stays open: its answer's head is enough
        return out


def answer(front, data: bytes) -> tuple[int, dict[str, list[str]]]:
    head = raw(front, data).split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    headers: dict[str, list[str]] = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return int(head[0].split()[1]), headers


def get(front, path: str, cookie: str | None = None) -> tuple[int, dict[str, list[str]]]:
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{front.port}", "Connection: close"]
    return answer(front, ("\r\n".join(lines + ([f"Cookie: {cookie}"] if cookie else [])) + "\r\n\r\n").encode())


def security_headers(front) -> set[str]:
    """The headers deploy/security-headers.conf sends (read from the front's config, so a header added or
    dropped there is what is checked)."""
    text = (front.prefix / "security-headers.conf").read_text()
    names = {m.lower() for m in re.findall(r"^add_header\s+(\S+)", text, flags=re.M)}
    assert {"content-security-policy", "x-content-type-options"} <= names, names
    return names


def access_log(front) -> list[list[str]]:
    return [line.split() for line in (front.prefix / "access.log").read_text().splitlines()]


def served_by(front, path: str) -> str:
    """The upstream address(es) nginx logged for the last request for `path` ("-": none)."""
    return [f for f in access_log(front) if f[4] == path + '"'][-1][-1]


def replica(front, path: str) -> int:
    """Which replica answered the last request for `path`."""
    return front.replica_ports.index(int(served_by(front, path).rsplit(":", 1)[1]))


def route(headers) -> str | None:
    for value in headers.get("set-cookie", []):
        if value.startswith("atlas_route="):
            return value.split(";", 1)[0]
    return None


def test_nginx_own_errors_and_missing_files_carry_the_headers_and_are_not_cached(front):
    wanted = security_headers(front)
    for expected, request in MALFORMED:
        status, headers = answer(front, request)
        assert status == expected, (expected, status)
        assert wanted <= set(headers), (status, wanted - set(headers))
        assert headers.get("cache-control") == ["no-store"], (status, headers.get("cache-control"))
    # A file missing under /static/ (during a deploy) or /media/ (a failover) is not kept broken in caches.
    for path in ("/static/js/index.missing.js", "/media/0123456789abcdef.png", "/app/static/missing.json"):
        status, headers = get(front, path)
        assert status == 404 and headers.get("cache-control") == ["no-store"], (path, headers.get("cache-control"))
        assert wanted <= set(headers), (path, wanted - set(headers))


def test_requests_without_a_host_and_http09_never_reach_a_replica(front):
    status, headers = answer(front, b"GET /_stcore/health HTTP/1.0\r\n\r\n")
    assert status == 400 and security_headers(front) <= set(headers)
    assert served_by(front, "/_stcore/health") == "-"
    # HTTP/0.9 has neither headers nor a Host: nginx answers with a bare body, uvicorn never sees it.
    body = raw(front, b"GET /_stcore/health\r\n")
    assert b"400 Bad Request" in body and b"Invalid HTTP request" not in body, body[:200]
    assert served_by(front, "/_stcore/health") == "-"


def test_metrics_are_refused_through_the_front_and_answered_on_the_machine(front):
    for path in ("/_stcore/metrics", "/_stcore/metrics/", "//_stcore/metrics", "/_stcore/%6Detrics",
                 "/_stcore/./metrics?families=session_events", "/_stcore/agent/openapi.json",
                 "/_stcore/agent/interact", "/_stcore/agent/mcp"):
        status, headers = get(front, path)
        assert status == 404, (path, status)
        assert headers.get("cache-control") == ["no-store"] and security_headers(front) <= set(headers)
    import urllib.request
    with urllib.request.urlopen(front.replica_url(0) + "/_stcore/metrics", timeout=10) as r:
        assert r.status == 200 and b"session" in r.read()  # the replica's own loopback port
    assert get(front, "/_stcore/health")[0] == 200  # what a load balancer's check asks


def test_after_a_failover_the_route_follows_the_websocket(front):
    """The dead replica's browser reconnects its websocket to another replica: the answer moves its route
    there, so its uploads and downloads reach the new session even once the dead replica is back."""
    status, headers = get(front, "/_stcore/health")
    first = route(headers)
    assert status == 200 and first, headers
    victim = replica(front, "/_stcore/health")
    key = base64.b64encode(os.urandom(16)).decode()
    handshake = (f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{front.port}\r\nUpgrade: websocket\r\n"
                 f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                 f"Sec-WebSocket-Protocol: streamlit\r\nCookie: {first}\r\n\r\n").encode()
    try:
        status, headers = answer(front, handshake)  # while the route's replica is up: the route stays
        assert status == 101 and route(headers) is None, headers
        front.kill_replica(victim)
        status, headers = answer(front, handshake)
        moved = route(headers)
        assert status == 101 and moved and moved != first, (status, headers.get("set-cookie"))
        front.revive()
        assert get(front, "/_stcore/health", cookie=moved)[0] == 200
        assert replica(front, "/_stcore/health") != victim, "the moved route went back to the revived replica"
    finally:
        front.revive()


def session_media(replica_url: str, page: str, query: str) -> list[str]:
    """Run a page in a new session on one replica (Streamlit's own protocol, as benchmarks/load.py speaks
    it) and return the /media/ URLs its run sent."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect
    msg = BackMsg()
    msg.rerun_script.query_string, msg.rerun_script.page_name = query, page
    msg.rerun_script.context_info.url = f"{replica_url}/{page}?{query}"
    urls: list[str] = []
    with connect(replica_url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                 max_size=None, open_timeout=30) as ws:
        ws.send(msg.SerializeToString())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            data = ws.recv(timeout=60)
            urls += re.findall(r"/media/[0-9a-f]+\.[a-z]+", data.decode("latin-1"))
            done = ForwardMsg.FromString(data)  # a first run may stop early for the page's own rerun
            if done.WhichOneof("type") == "script_finished" and done.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return urls
    raise AssertionError("the page's run did not finish within 60 s")


def test_a_page_file_missing_on_the_routes_replica_is_asked_of_the_others(front, snapshot):
    """The /media/ race: a replica may have dropped a file for an instant. Made certain here with a file
    only the second replica has (a country's download, made by a session there)."""
    import urllib.error
    import urllib.request
    countries = snapshot.cross_section("internet_users_pct", snapshot.periods("internet_users_pct")[-1])["entity"]
    code = sorted(set(countries) - {"KEN"})[-1]  # a country no other test opens (KEN: the browser tests')
    urls = [u for u in session_media(front.replica_url(1), "country", f"country={code}") if u.endswith(".csv")]
    assert urls, "the country page made no download"
    with pytest.raises(urllib.error.HTTPError, match="404"):  # the first replica does not have it
        urllib.request.urlopen(front.replica_url(0) + urls[0], timeout=10)
        pytest.fail(f"the first replica has {code}'s download too: another test opened it there")
    for _ in range(40):  # a route whose replica is the first one
        status, headers = get(front, "/_stcore/health")
        if replica(front, "/_stcore/health") == 0:
            break
    else:
        raise AssertionError("no new route went to the first replica in 40 tries")
    status, headers = get(front, urls[0], cookie=route(headers))
    assert status == 200 and headers["cache-control"] == ["private, max-age=86400"], (status, headers)
    assert served_by(front, urls[0]).endswith(f":{front.replica_ports[1]}")  # after the first's 404
