"""The app's two small browser scripts (fixed texts, so the front's CSP can allow them by hash: `atlas.front.csp`).

HISTORY: Streamlit's page pushes a history entry for every URL change the server sends. A page the user
has just opened then completes its own link (`atlas.ui.state.View.sync` adds the view's settings), which
Streamlit pushes as a second entry of the same page: Back stayed on the page once (issue 22). The script
makes a push that only adds settings to the same page's address replace the entry instead; a push that
changes a value (a slider moved) or the page is kept, so Back still steps through a view's own changes.

DECK: a deck in the making is kept in a cookie, so that a reload (a new session) finds it again
(`atlas.ui.presenter.keep_deck`): the deck's link text (or its short-link id in the deck store) travels in
a data attribute beside the script, since the script itself must not change.
"""
from __future__ import annotations

DECK_COOKIE = "atlas_deck"
DECK_ATTRIBUTE = "data-atlas-deck"
DECK_DAYS = 30

HISTORY = (
    "(function () {"
    " var h = window.history;"
    " if (h.atlasCompletes) return;"
    " h.atlasCompletes = true;"
    " var push = h.pushState;"
    " h.pushState = function (state, title, url) {"
    "  try {"
    "   var next = new URL(url, window.location.href), now = new URL(window.location.href);"
    "   var added = next.pathname === now.pathname && Array.from(now.searchParams.keys()).every("
    "    function (k) { return next.searchParams.getAll(k).join() === now.searchParams.getAll(k).join(); });"
    "   if (added) return h.replaceState(state, title, url);"
    "  } catch (e) {}"
    "  return push.apply(h, arguments);"
    " };"
    "})();")

DECK = (
    "(function () {"
    f" var el = document.querySelector('[{DECK_ATTRIBUTE}]');"
    " if (!el) return;"
    f" document.cookie = '{DECK_COOKIE}=' + encodeURIComponent(el.getAttribute('{DECK_ATTRIBUTE}'))"
    f"  + '; path=/; max-age={DECK_DAYS * 86400}; SameSite=Strict';"
    "})();")

MAX_COOKIE = 3800  # characters of a deck's link text kept in the cookie itself (browsers keep 4 KB a cookie)


def scripts() -> list[str]:
    return [HISTORY, DECK]
