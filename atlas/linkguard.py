"""Links with too many parameters. Streamlit drops a query string of more than 1,000 parameters (or 512 Ki
characters) whole, before any page code sees it (`streamlit.runtime.state.query_params`), so such a link
would silently open the defaults. The browser still has it: a small script, sent once per session on a
page run that got no parameters, reopens the page as `?refused=<count>`, and the page says the link could
not be used, as for any other bad link. Pure: no Streamlit here (the script is also allowed by hash in the
production front's Content-Security-Policy)."""
from __future__ import annotations

MAX_FIELDS = 1000           # streamlit.runtime.state.query_params.CLIENT_STATE_QUERY_STRING_MAX_FIELDS
MAX_LENGTH = 512 * 1024     # …CLIENT_STATE_QUERY_STRING_MAX_LENGTH
REFUSED = "refused"         # the parameter the page is reopened with: how many parameters the link had

# The address the page was loaded with (the navigation entry), not the current one: by the time this runs
# the page may already have written its defaults into the address bar.
SCRIPT = (
    "(function () {"
    " var nav = performance.getEntriesByType('navigation')[0];"
    " var url = new URL(nav ? nav.name : window.location.href);"
    " var q = url.search.slice(1);"
    " if (!q) return;"
    " var n = q.split('&').length;"
    f" if (n > {MAX_FIELDS} || q.length > {MAX_LENGTH}) {{"
    f"  window.location.replace(url.pathname + '?{REFUSED}=' + n);"
    " }"
    "})();")


def scripts() -> list[str]:
    return [SCRIPT]


def refused_count(text: str | None) -> int | None:
    """The parameter count a refused link had, from `?refused=`; None when absent or not a count."""
    if text is None or not text.isdigit() or len(text) > 9:
        return None
    return int(text)
