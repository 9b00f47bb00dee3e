#!/usr/bin/env bash
# Set up and run every test: unit, AppTest and browser tests (Debian's Chromium headless shell and LibreOffice Impress, and
# axe-core from npm, installed when missing) and the production front's tests (Debian's nginx with its
# brotli modules, installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
# Python's bytecode cache on, whatever the machine sets (this one sets PYTHONDONTWRITEBYTECODE=1): without it
# every process of a run (both workers, each app server and replica) compiled the project's modules again, and
# each worker rewrote every test module's asserts (collection 7.3 s; 3.7 s from the cache). __pycache__/ is ignored.
unset PYTHONDONTWRITEBYTECODE
bash scripts/setup.sh
# Debian packages the tests need: Chromium (browser tests), LibreOffice Impress (opens the exported .pptx),
# PostgreSQL (the deck store's tests start a server of their own).
missing=()
command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)  # Blink without the browser's window machinery
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)  # the PDF handout's French glyphs
# Arial/Helvetica metrics, as on the phones and laptops the charts' title wrapping is calibrated for
# (atlas/charts/finish.py): with DejaVu Sans alone, Chromium's fallback is wider and titles are cut with "…".
[ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)  # short links: tests/test_deckstore.py starts its own server
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages for the tests: ${missing[*]}..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then  # axe-core, pinned in package-lock.json
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Debian's npm for the accessibility checks..."
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
  fi
  npm ci --no-audit --no-fund --silent
fi
bash scripts/install-nginx.sh
# The production front's files (pre-compressed static files, landing light pages), as scripts/serve.sh
# builds them at its start: built here once per key (about 50 s of CPU on a clean clone), not inside the
# first front test.
.venv/bin/python -m atlas.front --build
# The project's modules compiled once here, not by each process of the run as it first imports them.
.venv/bin/python -m compileall -q -j 0 atlas pages app.py benchmarks tests >/dev/null
# Two workers (pytest-xdist): the front's tests on one worker (tests/conftest.py groups them), everything
# else spread over both (each worker starts its own app server when a browser test needs one). `-n 0` after the command runs in one process (e.g. with --pdb).
exec .venv/bin/python -m pytest -n 2 "$@"
