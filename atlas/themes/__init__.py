"""The registry: the one list of themes. Navigation, the overview, the country profile, the data page, the
story deck and slides all read `themes()`; nothing else names a theme.

A theme is one package (or module) under `atlas/themes/` whose `THEME` is a `base.Theme`. Add a theme by
adding its module to `MODULES`; a module elsewhere (a test's toy theme, a deployment's own) is added with
the environment variable `ATLAS_THEMES` (module names, comma-separated) or `register(theme)`.
"""
from __future__ import annotations

import importlib
import os

from .base import Card, Column, Control, Explorer, Figure, Headline, Profile, Theme, View  # noqa: F401

MODULES = ("atlas.themes.internet", "atlas.themes.mobile_money", "atlas.themes.kaios")
ENV = "ATLAS_THEMES"

_extra: list[Theme] = []
_loaded: dict[tuple[str, ...], list[Theme]] = {}


def register(theme: Theme) -> None:
    """Add a theme declared outside `MODULES` (after them, in the order registered)."""
    if all(t.key != theme.key for t in _extra):
        _extra.append(theme)


def unregister(key: str) -> None:
    _extra[:] = [t for t in _extra if t.key != key]


def themes() -> list[Theme]:
    """Every theme, in the order the app shows them."""
    names = MODULES + tuple(n.strip() for n in os.environ.get(ENV, "").split(",") if n.strip())
    if names not in _loaded:
        _loaded[names] = [importlib.import_module(n).THEME for n in names]
    found = _loaded[names] + [t for t in _extra if t.key not in {x.key for x in _loaded[names]}]
    return found


def by_page(page: str) -> Theme | None:
    """The theme whose explorer lives at this URL path (a deck link's page name), or None."""
    return next((t for t in themes() if t.page == page), None)


def example_link() -> str:
    """A link to a view, as the texts that explain deck links show one ("internet?view=map")."""
    ex = themes()[0].explorer
    return f"{ex.page}?view={next(iter(ex.views))}"
