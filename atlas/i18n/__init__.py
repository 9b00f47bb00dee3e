"""The app's languages: message catalogues (gettext, Babel's tooling) and the language of the current run.
Pure: no Streamlit here (`atlas.ui.lang` sets the language from the URL on every run).

Texts are written in English in the code and marked for extraction: `_("…")` translates where it is
called; `N_("…")` only marks a text kept in a module-level declaration, which the renderer translates
where it is shown (`_(label)`), so each text is translated once. `plural(n, one, many)` in
`atlas.numbers` is marked too. The catalogues live in `atlas/i18n/locales/<lang>/LC_MESSAGES/messages.po`
(extracted with `pybabel extract -F babel.cfg`, compiled by `scripts/i18n.sh compile` with Babel's write_mo; see the README).

The language is per script run (a `ContextVar`): each Streamlit session's run, fragment run or export
sets it before drawing, so two visitors in two languages never see each other's words.
"""
from __future__ import annotations

import contextvars
import functools
import io
from contextlib import contextmanager
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LANGS = {"en": "English", "fr": "Français"}
DEFAULT = "en"
LOCALES = {"en": "en", "fr": "fr_FR"}          # Babel locale of each language
BCP47 = {"en": "en-US", "fr": "fr-FR"}          # d3 / vl-convert locale names
DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"          # texts written in the code
DATA_DOMAIN = "snapshot"     # texts that come from the data snapshot (labels, definitions, caveats, events)

_current: contextvars.ContextVar[str] = contextvars.ContextVar("atlas_lang", default=DEFAULT)


def lang() -> str:
    """The language of the current run ('en' or 'fr')."""
    return _current.get()


def use(code: str) -> None:
    """Set the language of the current run (an unknown code raises: parse it with `atlas.params` first)."""
    if code not in LANGS:
        raise ValueError(f"unknown language {code!r}")
    _current.set(code)


@contextmanager
def using(code: str):
    """The language for a block (exports, tests), restored afterwards."""
    token = _current.set(code if code in LANGS else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def po_path(code: str, domain: str = DOMAIN) -> Path:
    return DIR / code / "LC_MESSAGES" / f"{domain}.po"


@functools.cache
def catalogue(code: str, domain: str = DOMAIN) -> NullTranslations:
    """The compiled catalogue of a language (`scripts/i18n.sh compile` writes the .mo). A checkout where the .mo
    is missing or older than its .po compiles the .po in memory, so a translator's edit shows at once."""
    po, mo = po_path(code, domain), po_path(code, domain).with_suffix(".mo")
    if code == DEFAULT or not po.exists():
        return NullTranslations()
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as f:
            return Translations(f, domain=domain)
    with po.open("rb") as f:
        cat = read_po(f, locale=LOCALES[code])
    buf = io.BytesIO()
    write_mo(buf, cat)
    buf.seek(0)
    return Translations(buf, domain=domain)


def _(message: str) -> str:
    """The message in the current language (the English text when the catalogue has none)."""
    return catalogue(lang()).gettext(message) if message else message


def data_(text: str) -> str:
    """A text from the data snapshot (an indicator's label, definition or caveats, an event as reported)
    in the current language, from the second catalogue domain, `snapshot`."""
    return catalogue(lang(), DATA_DOMAIN).gettext(text) if isinstance(text, str) and text else text


def ngettext(one: str, many: str, n: int) -> str:
    return catalogue(lang()).ngettext(one, many, n)


def N_(message: str) -> str:
    """Marks a text for extraction without translating it (module-level declarations)."""
    return message


def per_lang(maxsize: int = 64):
    """`functools.lru_cache` whose key includes the current language: for chart templates that hold words."""
    def wrap(fn):
        @functools.lru_cache(maxsize=maxsize)
        def cached(code, *args, **kwargs):
            return fn(*args, **kwargs)

        @functools.wraps(fn)
        def call(*args, **kwargs):
            return cached(lang(), *args, **kwargs)
        call.cache_clear = cached.cache_clear
        return call
    return wrap


@functools.cache
def vega_locale(code: str) -> dict | None:
    """Vega-Lite's `config.locale` for a language (None for English, Vega's default): d3's number and
    time locales from vl-convert, with the thousands separator Babel uses (a narrow no-break space) so
    that the page's text and its charts write numbers alike, and US dollars as '$'."""
    if code == DEFAULT:
        return None
    import vl_convert as vlc
    number = dict(vlc.get_format_locale(BCP47[code]))
    from babel.numbers import get_group_symbol
    number["thousands"] = get_group_symbol(LOCALES[code])
    number["currency"] = ["", "\u202f$"]
    return {"number": number, "time": vlc.get_time_format_locale(BCP47[code])}


def localise(spec: dict, code: str | None = None) -> dict:
    """The spec with the language's number and time locale in its config (a shallow copy; English as is).
    A chart with no time (no temporal field, no time format in an expression: maps, bubbles) gets the number
    locale only: the time locale's day and month names are ~0.55 KB on every period move."""
    loc = vega_locale(code or lang())
    if loc is None:
        return spec
    if not _uses_time(spec):
        loc = {"number": loc["number"]}
    return {**spec, "config": {**spec.get("config", {}), "locale": loc}}


_TIME = ('"temporal"', "timeFormat", "utcFormat", "timeParse", "utcParse", '"timeUnit"')


def _uses_time(spec: dict) -> bool:
    import json
    text = json.dumps({k: v for k, v in spec.items() if k not in ("datasets", "config")}, default=str)
    return any(t in text for t in _TIME)
