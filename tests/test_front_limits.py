"""The production front's bounds (deploy/nginx.conf, atlas/front.py): request line and body sizes, uploads,
and what each replica is started with. Runs nginx and two replicas on free ports (the `front` fixture)."""
from __future__ import annotations

import http.client
import re

from atlas import front as front_module


def request(front, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", front.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_a_deck_sized_link_passes_and_a_longer_url_is_refused_by_nginx(front):
    status, headers, _ = request(front, "GET", "/present?deck=" + "A" * 24_000)
    assert status == 200 and "atlas_route=" in headers.get("Set-Cookie", "")
    status, _, _ = request(front, "GET", "/internet?places=" + "A" * 40_000)
    assert status == 414


def test_oversized_headers_and_bodies_are_refused_before_a_replica(front):
    status, _, _ = request(front, "GET", "/internet", headers={"Cookie": "x=" + "A" * 40_000})
    assert status == 400
    status, _, _ = request(front, "POST", "/internet", body=b"x" * 64_000)
    assert status == 413
    status, _, _ = request(front, "PUT", "/_stcore/upload_file/session/widget", body=b"x" * 3_000_000,
                           headers={"Content-Type": "application/octet-stream"})
    assert status == 413


def test_an_upload_over_the_replica_limit_is_refused_by_streamlit(front):
    """Under nginx's 2 MB but over server.maxUploadSize (1 MB): Streamlit refuses it by its length."""
    status, _, _ = request(front, "PUT", "/_stcore/upload_file/session/widget", body=b"x" * 1_500_000,
                           headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert status in (403, 413), status


def test_static_files_are_precompressed_and_cached_as_they_should_be(front):
    index = request(front, "GET", "/internet")[2].decode()
    bundle = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', index).group(1)
    status, headers, body = request(front, "GET", "/" + bundle, headers={"Accept-Encoding": "br"})
    assert status == 200 and headers["Content-Encoding"] == "br"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, headers, body = request(front, "GET", "/app/static/world.topo.json", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and "ETag" in headers
    status, _, _ = request(front, "GET", "/app/static/world.topo.json", headers={"If-None-Match": headers["ETag"],
                                                                                   "Accept-Encoding": "gzip"})
    assert status == 304


def test_replicas_share_one_cookie_secret_and_run_with_the_measured_settings(front):
    import psutil
    secrets = set()
    for proc in front.replicas:
        p = psutil.Process(proc.pid)
        assert {f"--{k}={v}" for k, v in front_module.REPLICA_OPTIONS.items()} <= set(p.cmdline())
        secrets.add(p.environ()["STREAMLIT_SERVER_COOKIE_SECRET"])
    assert len(secrets) == 1 and len(secrets.pop()) >= 32


def test_a_dead_replica_is_restarted_by_the_watch(front):
    """nginx OSS has only passive health checks; the launcher's watch restarts a replica that died."""
    import threading
    import time
    stop = [False]
    watcher = threading.Thread(target=front.watch, args=(stop,), kwargs={"every": 0.5})
    watcher.start()
    try:
        old = front.replicas[0].pid
        front.kill_replica(0)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not (front.replicas[0].pid != old and front.replicas[0].poll() is None
                                                   and request(front, "GET", "/_stcore/health")[0] == 200):
            time.sleep(0.5)
        assert front.replicas[0].pid != old
        front._wait_healthy(front.replica_url(0), front.replicas[0])
    finally:
        stop[0] = True
        watcher.join()
        front.revive()


def test_the_watch_waits_for_a_slow_start_and_restarts_a_hung_replica(tmp_path, monkeypatch):
    """The watch's rules without processes: a restarted replica that takes many checks to answer (a busy
    machine) is left to start; one that answered and then misses `strikes` checks in a row is restarted."""
    class Proc:
        def __init__(self, code=None):
            self.code = code

        def poll(self):
            return self.code

    f = front_module.Front(replicas=1, prefix=tmp_path)
    f.nginx, f.replicas = Proc(), [Proc(code=-9)]  # replica 1 has died
    started, killed, stop = [], [], [False]
    # what each health check of the replica answers, in order: 30 misses while it starts, 2 answers, then a hang
    answers = iter([False] * 30 + [True] * 2 + [False] * 3)

    def start(i):
        started.append(i)
        f.replicas[i] = Proc()

    def healthy(url, timeout):
        answer = next(answers, None)
        if answer is None:
            stop[0] = True
            return True
        return answer

    monkeypatch.setattr(f, "_start_replica", start)
    monkeypatch.setattr(f, "kill_replica", lambda i: killed.append(i))
    monkeypatch.setattr(front_module, "_healthy", healthy)
    assert f.watch(stop, every=0) == 0
    assert started == [0, 0] and killed == [0]  # restarted once when dead, once after the hang; never while starting


def test_the_data_api_answers_through_the_front_with_caching(front, snapshot):
    """Each indicator's CSV and JSON and the whole-dataset zip at their stable addresses (issue 24)."""
    import json

    from atlas.pipeline import dataset
    ind = snapshot.indicators["id"].iloc[0]
    status, headers, body = request(front, "GET", f"{dataset.URL}/{ind}.csv", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8" and "ETag" in headers
    assert headers["Cache-Control"] == "public, max-age=3600" and headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Content-Encoding"] == "gzip" and headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in headers  # a data file is no document: the policy is sent with pages
    import gzip
    assert gzip.decompress(body) == (dataset.OUT / f"{ind}.csv").read_bytes()
    assert request(front, "GET", f"{dataset.URL}/{ind}.csv", headers={"If-None-Match": headers["ETag"],
                                                                      "Accept-Encoding": "gzip"})[0] == 304
    status, headers, body = request(front, "GET", f"{dataset.URL}/{ind}.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["source"]["licence"]["en"] == snapshot.indicators.loc[ind, "licence"]
    status, headers, body = request(front, "GET", f"{dataset.URL}/{dataset.ZIP_NAME}")
    assert status == 200 and headers["Content-Type"] == "application/zip"
    assert len(body) == dataset.published()["zip_bytes"]
    assert request(front, "GET", f"{dataset.URL}/no-such-indicator.csv")[0] == 404


def test_the_route_cookie_can_travel_in_another_sites_frame_behind_https(front):
    """Over HTTPS (X-Forwarded-Proto from the load balancer) the route cookie is SameSite=None, Secure and
    Partitioned, so an embedded page keeps its replica; over plain HTTP it stays Lax (a Secure cookie would be
    dropped there)."""
    cookie = request(front, "GET", "/_stcore/health")[1]["Set-Cookie"]
    assert cookie.endswith("; HttpOnly; SameSite=Lax") and "Secure" not in cookie
    cookie = request(front, "GET", "/_stcore/health", headers={"X-Forwarded-Proto": "https"})[1]["Set-Cookie"]
    assert cookie.endswith("; HttpOnly; Secure; SameSite=None; Partitioned")
