"""The production front: Debian's nginx in front of N app replicas, started, watched and stopped together.

    python -m atlas.front [--port 8080] [--replicas N] [--host 0.0.0.0]   (what scripts/serve.sh runs)

- The static files are copied once into `.front/static-<key>/` with a brotli (.br) and a gzip (.gz) copy
  beside each compressible file, so nginx serves them pre-compressed (`brotli_static`, `gzip_static`).
  The key changes with Streamlit's version and our static files, so a new build happens only then.
- Each replica is `python -m atlas.serve` (warm start) on its own loopback port, with the settings in
  REPLICA_OPTIONS, each with its measured reason.
- nginx runs in the foreground from a prefix folder of its own (config, logs, pid, temp files), so any
  number of fronts can run side by side (tests use temporary ones on free ports).
- Every process is started here and stopped here by its id: on Ctrl-C or SIGTERM, or when nginx dies.
- nginx OSS only has passive health checks (max_fails/fail_timeout); the watch loop adds the active
  side: it polls each replica's /_stcore/health and restarts a replica that exited or stopped answering.
"""
from __future__ import annotations

import argparse
import base64
import concurrent.futures
import getpass
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
BUILD = ROOT / ".front"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MODULES = Path("/usr/lib/nginx/modules")
COMPRESSIBLE = {".js", ".css", ".json", ".html", ".svg", ".txt", ".map", ".ttf", ".otf", ".csv"}
HEALTH_PATH = "/_stcore/health"  # Streamlit's; the launcher's watch and the cluster's probes (deploy/k8s) ask it
START_SECONDS = 120  # the longest a replica may take to answer after it starts (a warm start is a few seconds)
LIGHT_FILES = ("light-http.conf", "light.conf", "light-page.conf")  # deploy/: the light pages' part (issue 23)
UPLOAD_MB = 1  # server.maxUploadSize: the largest upload is a StatCounter CSV (atlas/themes/kaios/statcounter.py: 1,000,000 bytes)

# Streamlit settings of every replica, each with the measurement that justifies it (docs/PERFORMANCE.md).
REPLICA_OPTIONS = {
    # Streamlit forces a full gc.collect(2) after every script run: ~59 ms here, more than our page
    # script, and the user waits for it. Off: one user's move 100 -> 41 ms server time; 40 users' move
    # p95 4.8 s -> 1.0 s on one process. Python's own generational collector still runs; the replicas'
    # memory over the benchmark's runs is in docs/PERFORMANCE.md.
    "runner.postScriptGC": "false",
    # permessage-deflate: a year move is 14.0 KB on the wire without, 6.2 KB with; no measurable CPU.
    "server.enableWebsocketCompression": "true",
    # Streamlit's default, stated: uploads need the XSRF token of the browser's cookie. The cookie is
    # valid on every replica (it is checked against itself, and signed cookies use the shared secret).
    "server.enableXsrfProtection": "true",
    "server.maxUploadSize": str(UPLOAD_MB),
    # Inbound websocket messages are bounded by this too (Streamlit passes it to uvicorn as ws_max_size):
    # 200 MB by default, a memory bomb in one message. Our largest message per rerun is about 82 KB
    # (KaiOS browsers chart, docs/PERFORMANCE.md).
    "server.maxMessageSize": "16",
    # Nothing watches the source in production (no reruns on save, no inotify).
    "server.fileWatcherType": "none",
    "server.runOnSave": "false",
    # A crash shows a plain error, not our source and traceback, to the public.
    "client.showErrorDetails": "none",
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------- static files
def _streamlit_static() -> Path:
    import streamlit
    return Path(streamlit.__file__).parent / "static"


def _compress(path: str) -> None:
    import brotli
    import gzip
    data = Path(path).read_bytes()
    # Quality 11 is 10 % smaller than 9 but 18 times slower: used for every file a page may load
    # (all under 1 MB here); the big charting bundles we never load get 9.
    # The data API's CSVs (static/data, 23 MB in all) get 9: 11 would add a minute to every new snapshot's build.
    br = brotli.compress(data, quality=11 if len(data) <= 1_000_000 and not path.endswith(".csv") else 9)
    gz = gzip.compress(data, 9, mtime=0)
    stat = os.stat(path)
    for suffix, packed in ((".br", br), (".gz", gz)):
        if len(packed) < 0.9 * len(data):
            Path(path + suffix).write_bytes(packed)
            os.utime(path + suffix, ns=(stat.st_atime_ns, stat.st_mtime_ns))


# ------------------------------------------------------------------------------------------------ fonts
# Streamlit's two web fonts were 530 KB of a fresh 1.5 MB page load, and no compression shrinks them.
# Material Symbols (375 KB, 4,300 icons) is loaded because our pages use :material/ icons: the front
# serves a copy holding only the icons named in our code or in Streamlit's own bundle (about 470, 50 KB).
# Source Sans (171 KB) keeps Latin, punctuation, currency, arrows and math signs; other scripts fall back
# to the system's sans-serif, character by character. Both keep their URL, so nginx serves them with
# ETag revalidation instead of "immutable" (a later build may keep more icons).
SUBSET_FONTS = re.compile(r"^(MaterialSymbols|SourceSans)")
SUBSET_RULES = 2  # raised when _subset_font keeps other glyphs, so an existing build is not reused
LATIN = [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070),
         *range(0x20A0, 0x20D0), *range(0x2100, 0x2200), *range(0x2190, 0x2300), *range(0x25A0, 0x2600)]


def icons_in_code() -> set[str]:
    text = " ".join(p.read_text() for p in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("atlas/**/*.py")])
    return set(re.findall(r":material/([a-z0-9_]+):", text))


def _subset_font(path: Path, bundle_js: str) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    font = TTFont(path)
    options = subset.Options()
    options.flavor, options.layout_features, options.name_IDs, options.notdef_outline = "woff2", ["*"], ["*"], True
    if path.name.startswith("MaterialSymbols"):
        cmap = font.getBestCmap()
        ascii_glyphs = {code: glyph for code, glyph in cmap.items() if code < 128}
        char = {glyph: chr(code) for code, glyph in ascii_glyphs.items()}
        # the bundle names icons in quotes and as `:material/<name>:` (the expander's chevrons, the sidebar's arrows)
        wanted = (icons_in_code() | set(re.findall(r"[\"'`]([a-z0-9_]+)[\"'`]", bundle_js))
                  | set(re.findall(r":material/([a-z0-9_]+):", bundle_js)))
        keep = set(ascii_glyphs.values())
        for lookup in font["GSUB"].table.LookupList.Lookup:  # each icon is a ligature of its name's letters
            for table in lookup.SubTable:
                table = getattr(table, "ExtSubTable", table)
                for first, ligatures in table.ligatures.items():
                    for lig in ligatures:
                        name = char.get(first, "") + "".join(char.get(c, "?") for c in lig.Component)
                        if name in wanted:
                            keep.add(lig.LigGlyph)
        options.layout_closure = False  # otherwise every ligature of the kept letters comes back
        subsetter = subset.Subsetter(options)
        subsetter.populate(glyphs=sorted(keep), unicodes=set(ascii_glyphs))
    else:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=LATIN)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(path)


def static_key() -> str:
    import streamlit
    digest = hashlib.sha256(f"{streamlit.__version__} subset {SUBSET_RULES}".encode()
                            + " ".join(sorted(icons_in_code())).encode())
    for f in sorted((ROOT / "static").rglob("*")):
        if f.is_file():
            digest.update(f.name.encode() + f.read_bytes())
    return digest.hexdigest()[:12]


def build_static(build: Path = BUILD) -> Path:
    """Copy Streamlit's bundle and our static/ with .br and .gz beside each compressible file; once per key."""
    from atlas.pipeline import dataset
    if dataset.is_stale():  # the whole-dataset files in static/data follow the snapshot (scripts/setup.sh makes them)
        dataset.build()
    dest = build / f"static-{static_key()}"
    if (dest / "done").exists():
        return dest
    build.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="tmp-static-", dir=build))
    shutil.copytree(_streamlit_static(), tmp / "streamlit", ignore=shutil.ignore_patterns("*.map"))
    shutil.copytree(ROOT / "static", tmp / "app")
    bundle_js = " ".join(f.read_text(errors="ignore") for f in (tmp / "streamlit/static/js").glob("*.js"))
    for font in (tmp / "streamlit/static/media").glob("*.woff2"):
        if SUBSET_FONTS.match(font.name):
            _subset_font(font, bundle_js)
    files = [str(f) for f in tmp.rglob("*") if f.is_file() and f.suffix in COMPRESSIBLE]
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        list(pool.map(_compress, files, chunksize=4))
    (tmp / "done").write_text("built\n")
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    for old in build.glob("static-*"):
        if old != dest:
            shutil.rmtree(old, ignore_errors=True)
    return dest


# ------------------------------------------------------------------------------------------ light pages
# The views people land on as plain HTML (atlas/light.py), built here like the static files: once per key
# (snapshot, code, catalogues, Streamlit's index page, public URL) into .front/light-<key>/. Not with the
# snapshot: the pages hold words and chart templates from the code, so a code or translation change must
# rebuild them too, and 500 generated pages do not belong in the repository. The landing pages (overview and
# maps, 14) are built before nginx starts (about 10 s of CPU, once); the 480 profiles by a background
# process at low priority while the front serves (a profile not yet built is served as the plain app).
LIGHT_PUBLIC_URL = os.environ.get("ATLAS_PUBLIC_URL", "").rstrip("/")  # absolute og: URLs, e.g. https://atlas.example


def light_key(static: Path) -> str:
    data = Path(os.environ.get("ATLAS_DATA_DIR", ROOT / "data"))
    digest = hashlib.sha256(f"{static.name} {LIGHT_PUBLIC_URL} {data}".encode())
    for f in sorted([*data.rglob("*"), *(ROOT / "atlas").rglob("*.py"), *(ROOT / "atlas/i18n").rglob("*.po"),
                     *(ROOT / "atlas/i18n").rglob("*.csv")]):
        if f.is_file() and f.name != "front.py" and "ui" not in f.parts[-2:-1]:  # what the pages are made of
            digest.update(str(f.relative_to(f.parents[1])).encode() + f.read_bytes())
    return digest.hexdigest()[:12]


def _light_cmd(dest: Path, static: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "atlas.light", str(dest), "--index", str(static / "streamlit" / "index.html"),
            "--public-url", LIGHT_PUBLIC_URL, *extra]


def build_light(static: Path, build: Path = BUILD, profiles: bool = False) -> Path:
    """The landing light pages of this key (built into a temporary folder, then renamed); once per key.
    `profiles`: every country's profile too, now (an image build; the front otherwise builds them behind)."""
    dest = build / f"light-{light_key(static)}"
    if profiles and not (dest / "profiles.done").exists():
        build_light(static, build)
        subprocess.run(_light_cmd(dest, static, "--profiles", "--workers", str(os.cpu_count() or 1)), cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL)
    if (dest / "landing.done").exists():
        return dest
    tmp = Path(tempfile.mkdtemp(prefix="tmp-light-", dir=build))
    subprocess.run(_light_cmd(tmp, static), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    try:
        tmp.rename(dest)
    except OSError:  # another front built the same key meanwhile
        shutil.rmtree(tmp, ignore_errors=True)
    for old in build.glob("light-*"):
        if old != dest:
            shutil.rmtree(old, ignore_errors=True)
    return dest


def start_light_profiles(dest: Path, static: Path, log: Path) -> subprocess.Popen | None:
    """Every country's profile, in the background at low priority (one builder per key: a lock file)."""
    if (dest / "profiles.done").exists():
        return None
    lock = dest / "profiles.lock"
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        pid = int(lock.read_text() or 0)
        try:
            os.kill(pid, 0)
            return None  # another front is building them
        except (ProcessLookupError, ValueError):
            lock.unlink(missing_ok=True)
            return start_light_profiles(dest, static, log)
    with open(log, "ab") as out:
        proc = subprocess.Popen(_light_cmd(dest, static, "--profiles", "--workers", str(min(2, os.cpu_count() or 1))),
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, preexec_fn=lambda: os.nice(10),
                                start_new_session=True)  # its own group: stop() ends it and its workers
    os.write(fd, str(proc.pid).encode())
    os.close(fd)
    return proc


def light_config(light: Path) -> str:
    """nginx locations for the app's paths that have light pages (routes.json, written by the builder)."""
    import json
    routes = json.loads((light / "routes.json").read_text())
    out = []
    for path, names in routes.items():
        tries = " ".join(f"/$light_dir/$light_lang/{n}.html" for n in names)
        out.append(f"location = {path} {{ try_files {tries} @app; include @@PREFIX@@/light-page.conf; }}")
    return "\n        ".join(out)


def light_home() -> str:
    """deploy/light-http.conf's lines for a link that names no region: the home region of the browser's
    language (`regions.HOME`, what the app's explorers default to: `atlas.ui.explorer.home_region`)."""
    from atlas.regions import HOME
    return "\n    ".join(f'"~*^:{code}"  {region};' for code, region in sorted(HOME.items()))


# ------------------------------------------------------------------------------------------- embedding
# Which other sites may show the atlas in a frame (a ministry's portal): ATLAS_FRAME_ANCESTORS, origins
# separated by spaces ("https://portal.example.gov https://*.example.org"). Empty (the default): this origin
# only, as before. Each origin is checked, since it goes into the CSP header verbatim: a ";" or a quote would
# add directives of its own.
FRAME_ANCESTORS_ENV = "ATLAS_FRAME_ANCESTORS"
ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$")


def frame_ancestors(text: str | None = None) -> list[str]:
    """The origins allowed to frame the atlas (from ATLAS_FRAME_ANCESTORS unless given); ValueError on
    anything that is not a scheme, a host (optionally `*.` for its subdomains) and a port."""
    text = os.environ.get(FRAME_ANCESTORS_ENV, "") if text is None else text
    origins = [o.rstrip("/") for o in text.split()]
    bad = [o for o in origins if not ORIGIN.match(o)]
    if bad:
        raise ValueError(f"{FRAME_ANCESTORS_ENV}: not an origin (scheme://host[:port]): {bad[0]!r}")
    return list(dict.fromkeys(origins))


def x_frame_options(ancestors: list[str]) -> str:
    """X-Frame-Options for older browsers: SAMEORIGIN when only this origin may frame the atlas; none when
    others may (it cannot name another origin, and browsers that know frame-ancestors ignore it anyway)."""
    return 'add_header X-Frame-Options "SAMEORIGIN" always;' if not ancestors else \
        "# X-Frame-Options left out: ATLAS_FRAME_ANCESTORS lets other origins frame the atlas (CSP frame-ancestors)."


# ---------------------------------------------------------------------------------------------- config
def csp(index_html: str, ancestors: list[str] = ()) -> str:
    """Only this origin; by hash, Streamlit's inline script(s) of the index page and the presenter deck's
    two scripts (atlas/export/html_deck: presenter mode draws the deck in a srcdoc frame, which inherits
    this policy)."""
    from atlas import history, linkguard
    from atlas.export.html_deck import inline_scripts
    scripts = [*re.findall(r"<script>(.*?)</script>", index_html, flags=re.S), *inline_scripts(),
               *linkguard.scripts(),  # a link with too many parameters is reopened as ?refused=<count>
               *history.scripts()]  # Back in one step; a deck in the making kept over a reload
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                      for s in scripts)
    return ("default-src 'self'; "
            f"script-src 'self' 'unsafe-eval' {hashes}; "
            "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
            "worker-src 'self' blob:; frame-src 'self' blob:; media-src 'self' blob:; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'self'" + "".join(f" {o}" for o in ancestors))


# ------------------------------------------------------------------- routes (issue 21: re-pin on failover)
def routes(replica_ports: list[int]) -> str:
    """The route cookie's values (r1, r2, ...), one upstream group per replica (that replica first, the
    others as backups, so a request goes to another only when its own is down), the share of new browsers
    given to each, and which route served a request ($upstream_addr's last address; see deploy/nginx.conf)."""
    names = [f"r{i + 1}" for i in range(len(replica_ports))]
    pinned = "".join(f"        {n} atlas_{n};\n" for n in names)
    share = f"{100 / len(names):.2f}".rstrip("0").rstrip(".")
    new = "".join(f"        {share}% atlas_{n};\n" for n in names[:-1]) + f"        * atlas_{names[-1]};\n"
    served = "".join(f'        "~(^|\\s)127\\.0\\.0\\.1:{port}$" {n};\n' for n, port in zip(names, replica_ports))
    text = (f"    map $cookie_atlas_route $atlas_pinned {{\n        default \"\";\n{pinned}    }}\n"
            f"    split_clients $request_id $atlas_new {{\n{new}    }}\n"
            f"    map $upstream_addr $atlas_served {{\n        default \"\";\n{served}    }}\n")
    # A replica that refuses a connection or times out 3 times is marked failed for 5 s (passive health
    # check: nginx OSS has no active ones; the launcher polls /_stcore/health and restarts a dead or stuck
    # replica). Idle connections expire after 4 s, below uvicorn's 5 s: otherwise nginx may reuse a
    # connection the replica has just closed, fail, and retry on another replica (seen once in the suite:
    # a browser's requests split over both replicas).
    for i, n in enumerate(names):
        order = [replica_ports[i], *replica_ports[i + 1:], *replica_ports[:i]]
        servers = "".join(f"        server 127.0.0.1:{port}{' backup' if j else ''} max_fails=3 fail_timeout=5s;\n"
                          for j, port in enumerate(order))
        text += f"    upstream atlas_{n} {{\n{servers}        keepalive 32;\n        keepalive_timeout 4s;\n    }}\n"
    return text


def write_config(prefix: Path, static: Path, listen: str, replica_ports: list[int], light: Path | None = None) -> Path:
    for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    shutil.copy("/etc/nginx/mime.types", prefix / "mime.types")
    values = {
        "USER": f"user {getpass.getuser()};" if os.geteuid() == 0 else "",
        "PREFIX": str(prefix), "MODULES": str(MODULES), "STATIC": str(static), "LISTEN": listen,
        "ROUTES": routes(replica_ports), "UPLOAD_BODY": f"{UPLOAD_MB + 1}m",
        "CSP": csp((static / "streamlit" / "index.html").read_text(), frame_ancestors()),
        "X_FRAME_OPTIONS": x_frame_options(frame_ancestors()),
    }
    if light:
        values.update(LIGHT=str(light), LIGHT_LOCATIONS=light_config(light), LIGHT_HOME=light_home())
    for name in ("nginx.conf", "proxy.conf", "security-headers.conf", "csp.conf", *LIGHT_FILES):
        if name in LIGHT_FILES and not light:
            (prefix / name).write_text("# no light pages\n")
            continue
        text = (DEPLOY / name).read_text()
        for key, value in values.items():
            text = text.replace(f"@@{key}@@", value)
        text = text.replace("@@PREFIX@@", str(prefix))  # LIGHT_LOCATIONS names it
        if re.search(r"@@[A-Z_]+@@", text):
            raise RuntimeError(f"{name}: a placeholder was left unfilled")
        (prefix / name).write_text(text)
    return prefix / "nginx.conf"


# ------------------------------------------------------------------------------------------- processes
def _healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


class Front:
    """nginx and its replicas. `with Front(...) as front:` starts them; leaving stops them by pid."""

    def __init__(self, port: int | None = None, replicas: int = 2, host: str = "127.0.0.1",
                 prefix: Path | None = None, replica_args: list[str] | None = None, light_profiles: bool = True):
        self.port = port or free_port()
        self.host = host
        self.prefix = Path(prefix or tempfile.mkdtemp(prefix="atlas-front-"))
        self.prefix.mkdir(parents=True, exist_ok=True)
        self.replica_ports = [free_port() for _ in range(replicas)]
        self.replica_args = replica_args or []
        self.secret = os.environ.get("ATLAS_COOKIE_SECRET") or secrets.token_hex(32)
        self.replicas: list[subprocess.Popen | None] = [None] * replicas
        self.nginx: subprocess.Popen | None = None
        self.light_builder: subprocess.Popen | None = None
        self.light_pages = os.environ.get("ATLAS_LIGHT_PAGES", "1") != "0"  # 0: the app alone (to compare, or off)
        self.light_profiles = light_profiles  # False: no background build of the profiles (the test suite's fronts)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replica_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.replica_ports[i]}"

    def _start_replica(self, i: int) -> subprocess.Popen:
        options = {**REPLICA_OPTIONS, "server.port": str(self.replica_ports[i]), "server.address": "127.0.0.1"}
        cmd = [sys.executable, "-m", "atlas.serve", *[f"--{k}={v}" for k, v in options.items()], *self.replica_args]
        # One secret for all replicas (Streamlit takes it only from the environment or a config file), so
        # a signed cookie made by one is valid on another after a failover.
        env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": self.secret}
        log = open(self.prefix / f"replica-{i + 1}.log", "ab")
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        log.close()
        self.replicas[i] = proc
        return proc

    def _wait_healthy(self, url: str, proc: subprocess.Popen, seconds: float = START_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"{url} exited (code {proc.returncode}); see the logs in {self.prefix}")
            if _healthy(url + HEALTH_PATH, 1):
                return
            time.sleep(0.2)
        raise RuntimeError(f"{url} did not become healthy within {seconds:.0f} s")

    def start(self) -> "Front":
        try:
            static = build_static()
            light = None
            try:
                if self.light_pages:
                    light = build_light(static)
            except subprocess.CalledProcessError as e:  # the app is served all the same, without light pages
                print(f"light pages not built ({e}); serving the app alone", file=sys.stderr)
            for i in range(len(self.replicas)):
                self._start_replica(i)
            conf = write_config(self.prefix, static, f"{self.host}:{self.port}", self.replica_ports, light)
            # -e: nginx opens its error log before reading the config; not Debian's /var/log/nginx.
            args = [NGINX, "-p", str(self.prefix), "-c", str(conf), "-e", str(self.prefix / "error.log")]
            subprocess.run([*args, "-t", "-q"], check=True)
            self.nginx = subprocess.Popen([*args, "-g", "daemon off;"])
            for i, proc in enumerate(self.replicas):
                self._wait_healthy(self.replica_url(i), proc)
            self._wait_healthy(self.url, self.nginx, 20)
            if light and self.light_profiles:
                self.light_builder = start_light_profiles(light, static, self.prefix / "light-build.log")
        except BaseException:
            self.stop()
            raise
        return self

    def kill_replica(self, i: int) -> None:
        """For fault tests: the replica dies at once, as in a crash."""
        proc = self.replicas[i]
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)

    def revive(self) -> None:
        """Start again every replica that is not running, and wait until each answers."""
        for i, proc in enumerate(self.replicas):
            if proc is None or proc.poll() is not None:
                self._wait_healthy(self.replica_url(i), self._start_replica(i))

    def watch(self, stop: list[bool], every: float = 2.0, strikes: int = 3) -> int:
        """Restart a replica that exited or failed `strikes` health checks in a row; return when nginx
        exits (its code) or when stop[0] is set (0)."""
        misses = [0] * len(self.replicas)
        starting: list[float | None] = [None] * len(self.replicas)  # when a restarted replica began, until it answers
        while not stop[0]:
            if self.nginx.poll() is not None:
                print(f"nginx exited with code {self.nginx.returncode}; see {self.prefix}/error.log", file=sys.stderr)
                return self.nginx.returncode or 1
            for i, proc in enumerate(self.replicas):
                alive = proc is not None and proc.poll() is None
                healthy = alive and _healthy(self.replica_url(i) + HEALTH_PATH, 5)
                if healthy:
                    starting[i] = None
                # A restarted replica has START_SECONDS to answer a first time before its misses count: on a busy
                # machine its start takes longer than a few checks, and killing it then restarts it for ever.
                still_starting = starting[i] is not None and time.monotonic() - starting[i] < START_SECONDS
                misses[i] = 0 if healthy or (alive and still_starting) else misses[i] + 1
                if not alive or misses[i] >= strikes:
                    print(f"replica {i + 1} on port {self.replica_ports[i]} "
                          f"{'exited' if not alive else 'stopped answering'}: restarting it", file=sys.stderr)
                    if alive:
                        self.kill_replica(i)
                    self._start_replica(i)
                    misses[i], starting[i] = 0, time.monotonic()
            time.sleep(every)
        return 0

    def stop(self) -> None:
        if self.light_builder is not None and self.light_builder.poll() is None:
            os.killpg(self.light_builder.pid, signal.SIGTERM)  # the builder and its workers (a group we started)
            self.light_builder.wait(timeout=15)
        procs = [p for p in (self.nginx, *self.replicas) if p is not None and p.poll() is None]
        for p in procs:
            p.terminate()  # nginx: fast shutdown; Streamlit: closes its sessions
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)

    def __enter__(self) -> "Front":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8080)))
    parser.add_argument("--replicas", type=int, default=int(os.environ.get("REPLICAS") or os.cpu_count() or 1))
    parser.add_argument("--host", default=os.environ.get("HOST", "0.0.0.0"))
    parser.add_argument("--build", action="store_true",
                        help="only build the pre-compressed static files, the landing light pages (once per key) and the "
                             "presenter's Vega bundle, then exit: what a start would build first (scripts/test.sh, an image build)")
    parser.add_argument("--profiles", action="store_true", help="with --build: every country's light profile too")
    args = parser.parse_args()
    if args.build:
        print(f"Built {build_light(build_static(), profiles=args.profiles)}", flush=True)
        from atlas.export.html_deck import inline_scripts
        inline_scripts()  # the presenter's Vega bundle, kept in BUILD for the replicas (html_deck.BUNDLE_FILE)
        return 0
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    stop = [False]

    def on_signal(signum, _frame) -> None:
        stop[0] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    front = Front(args.port, args.replicas, host=args.host, prefix=BUILD / "run")
    print(f"Building the pre-compressed static files (once) and starting {args.replicas} replica(s)...", flush=True)
    front.start()
    print(f"Connectivity Atlas is served on http://{args.host}:{args.port} by nginx and {args.replicas} "
          f"replica(s) (ports {', '.join(map(str, front.replica_ports))}); logs in {front.prefix}. "
          "Ctrl-C stops everything.", flush=True)
    try:
        code = front.watch(stop)
    finally:
        front.stop()
        print("Stopped nginx and every replica.", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
