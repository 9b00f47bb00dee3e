"""Start the app, warmed: `python -m atlas.serve [streamlit options]`.

Streamlit runs nothing until the first visitor arrives, so that visitor would wait for Altair's import,
the snapshot read and the first chart templates (about 2 s on a 2-core machine). This launcher does
that work first, in the server's own process (st.cache_resource is process-wide), then starts
Streamlit as `streamlit run app.py` would.
"""
from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"


def warm() -> None:
    from atlas import internet
    from atlas.ui.cache import store

    snap = store()
    for region in ("world", "africa"):
        values = internet.map_table(snap, "2024", region)
        internet.map_spec(snap, values, "2024", region)


def main() -> None:
    from streamlit.web import cli

    warm()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
