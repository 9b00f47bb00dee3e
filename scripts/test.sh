#!/usr/bin/env bash
# Set up and run every test: unit, AppTest and browser tests (Debian's Chromium, installed when missing)
# and the production front's tests (Debian's nginx with its brotli modules, installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the browser tests..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
bash scripts/install-nginx.sh
exec .venv/bin/python -m pytest "$@"
