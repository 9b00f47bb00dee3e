#!/usr/bin/env bash
# Message catalogues with Babel's tooling (see README, "Languages").
#   bash scripts/i18n.sh extract   # both domains: code -> messages.pot, snapshot (data/*.parquet) -> snapshot.pot,
#                                  # then merge each into every language's .po
#   bash scripts/i18n.sh compile   # .po -> .mo for both domains (run by scripts/setup.sh; the app also compiles a
#                                  # stale .po in memory)
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
LOCALES=atlas/i18n/locales
case "${1:-compile}" in
  extract)
    "$PYBABEL" extract -F babel.cfg -k N_ -k plural:2,3 --no-location --sort-output \
      --project "Connectivity Atlas" --width 120 -o "$LOCALES/messages.pot" .
    for po in "$LOCALES"/*/LC_MESSAGES/messages.po; do
      "$PYBABEL" update -i "$LOCALES/messages.pot" -d "$LOCALES" -l "$(basename "$(dirname "$(dirname "$po")")")" --width 120 \
        --no-fuzzy-matching --ignore-obsolete
    done
    # the snapshot's own texts (labels, definitions, caveats, events): read from data/, not from the code
    "${PYTHON:-.venv/bin/python}" -m atlas.i18n.snapshot_texts "$LOCALES/snapshot.pot"
    for dir in "$LOCALES"/*/LC_MESSAGES; do
      lang=$(basename "$(dirname "$dir")")
      if [ -f "$dir/snapshot.po" ]; then
        "$PYBABEL" update -D snapshot -i "$LOCALES/snapshot.pot" -d "$LOCALES" -l "$lang" --width 120 \
          --no-fuzzy-matching --ignore-obsolete
      else
        "$PYBABEL" init -D snapshot -i "$LOCALES/snapshot.pot" -d "$LOCALES" -l "$lang" --width 120
      fi
    done ;;
  compile)
    # both domains, with Babel's write_mo rather than `pybabel compile`, whose %-format check misreads
    # "% of GDP" as a placeholder and fails (see atlas/i18n/snapshot_texts.py, compile_mo)
    "${PYTHON:-.venv/bin/python}" -m atlas.i18n.snapshot_texts --compile "$LOCALES" ;;
  *) echo "usage: $0 extract|compile" >&2; exit 2 ;;
esac
