#!/usr/bin/env bash
# Set up and start the app on the committed snapshot in data/ (http://localhost:8501).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m atlas.serve "$@"
