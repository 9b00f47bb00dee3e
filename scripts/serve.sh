#!/usr/bin/env bash
# The production front: Debian's nginx (with its brotli modules, installed when missing) in front of
# REPLICAS app processes (default: one per core), on PORT (default 8080). Runs in the foreground;
# Ctrl-C or SIGTERM stops nginx and every replica it started. See docs/DEPLOY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-nginx.sh
bash scripts/setup.sh
exec .venv/bin/python -m atlas.front --port "${PORT:-8080}" --replicas "${REPLICAS:-$(nproc)}" --host "${HOST:-0.0.0.0}"
