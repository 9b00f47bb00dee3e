"""Views across themes (not a theme: they read the registry and the catalogue, and name no theme). Each is an
explorer declaration like a theme's, so its URL state, slides and exports work the same way."""
from __future__ import annotations

from ..themes import by_page
from ..themes.base import Explorer
from .compare import EXPLORER as COMPARE

VIEWS: dict[str, Explorer] = {COMPARE.page: COMPARE}


def explorer(page: str) -> Explorer | None:
    """The explorer at this URL path: a theme's, or a view across themes; None for any other page."""
    theme = by_page(page)
    return theme.explorer if theme else VIEWS.get(page)
