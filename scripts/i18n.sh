#!/usr/bin/env bash
# Message catalogues with Babel's tooling (see README, "Languages").
#   bash scripts/i18n.sh extract   # code -> atlas/i18n/messages.pot, then merge into each language's .po
#   bash scripts/i18n.sh compile   # .po -> .mo (run by scripts/setup.sh; the app also compiles a stale .po in memory)
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
LOCALES=atlas/i18n/locales
case "${1:-compile}" in
  extract)
    "$PYBABEL" extract -F babel.cfg -k N_ -k plural:2,3 --no-location --sort-output \
      --project "Connectivity Atlas" -o "$LOCALES/messages.pot" .
    for po in "$LOCALES"/*/LC_MESSAGES/messages.po; do
      "$PYBABEL" update -i "$LOCALES/messages.pot" -d "$LOCALES" -l "$(basename "$(dirname "$(dirname "$po")")")" \
        --no-fuzzy-matching --ignore-obsolete
    done ;;
  compile)
    "$PYBABEL" compile --statistics -d "$LOCALES" ;;
  *) echo "usage: $0 extract|compile" >&2; exit 2 ;;
esac
