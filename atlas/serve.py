"""Start the app, warmed: `python -m atlas.serve [streamlit options]`.

Streamlit runs nothing until the first visitor arrives, so that visitor would wait for Altair's import,
the snapshot read and the first chart templates (about 2 s on a 2-core machine). This launcher does
that work first, in the server's own process (st.cache_resource is process-wide), then starts
Streamlit as `streamlit run app.py` would, with app.py's navigation routing every URL (`navigation_only`).
"""
from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"


def warm() -> None:
    from atlas.themes import themes
    from atlas.ui.cache import store

    snap = store()
    for theme in themes():  # each explorer's default view: its chart templates are built once per process
        ex = theme.explorer
        ex.figure(snap, ex.values(snap, {})[0])


def navigation_only() -> None:
    """Let app.py's `st.navigation` route every URL, from the first visit of a fresh server.

    The project keeps its page scripts in `pages/`, and Streamlit (1.67) treats an app with a `pages/` folder
    in its old multipage mode until a script calls `st.navigation`: a fresh server's first deep link runs
    pages/<name>.py alone, without app.py, or shows "Page not found" for a page that has no file (a theme's
    page). No public option turns that mode off (Streamlit's advice is to rename the folder:
    https://github.com/streamlit/streamlit/pull/10276 describes the same first-visit dialog with a `pages/`
    folder and `st.navigation`), so the launcher sets the process-wide flag Streamlit reads, once, before
    the server starts. The one place the private name is used; `tests/browser/test_internet_browser.py`
    (a deep link as a fresh server's first visit) fails if a Streamlit upgrade changes it."""
    from streamlit.runtime.pages_manager import PagesManager
    PagesManager.uses_pages_directory = False


def main() -> None:
    from streamlit.web import cli

    navigation_only()
    warm()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
