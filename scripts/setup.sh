#!/usr/bin/env bash
# Create .venv and install the pinned requirements (again only when requirements.txt changed).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
bash scripts/i18n.sh compile  # the French catalogue (.po -> .mo)
# The whole-dataset zip and per-indicator CSV/JSON in static/data/ (generated from data/, not committed;
# rebuilt only when the snapshot, its code or the translations changed: about 5 s).
.venv/bin/python -m atlas.pipeline.dataset --if-stale
