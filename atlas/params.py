"""URL parameters: parse, dump and plain notices. Pure: no Streamlit here.

A view (a theme's explorer, the profile, the presenter) declares its parameters as `Param`s. Text from
a URL, a saved deck or a pasted link goes through `parse_value`: anything that cannot be used falls back
to the default with a plain notice, never an exception, and costs little: a value longer than the
parameter allows is refused before it is looked at.

`is_new_link` is the one decision `atlas.ui.state.View.load` makes on every run (kept here so it can be
tested without a browser or Streamlit).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .i18n import LANGS, _

MAX_CHARS = 64        # a plain parameter's text (a choice, a period)
CODE_CHARS = 16       # one entity code in a list, comma included ("ITU:ITU_AFR,")


class BadValue(ValueError):
    """A parameter value that cannot be used; the message is shown to the user."""


class PartlyUsable(BadValue):
    """Part of the value can be used (`value`); the message says what was left out."""

    def __init__(self, value: Any, message: str):
        super().__init__(message)
        self.value = value


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    parse: Callable[[str], Any]
    dump: Callable[[Any], str] = str
    label: str = ""
    max_chars: int = MAX_CHARS
    aliases: tuple[str, ...] = ()  # older names still read from links (never written)
    default_text: str = ""  # how a notice names the default (a catalogue message) when its text is not for reading
    written_as: Callable[[str], str] | None = None  # the name a dumped text is written under (default: name)

    def shown_default(self) -> str:
        return _(self.default_text) if self.default_text else (self.dump(self.default) or _("the default"))

    def url_name(self, text: str) -> str:
        return self.written_as(text) if self.written_as else self.name


def shown(text: str, limit: int = 24) -> str:
    """A user-supplied value made safe to echo back: short, and no markup."""
    clean = re.sub(r"[^A-Za-z0-9 _.,:+-]", "?", text[:limit + 1])
    return clean[:limit] + ("…" if len(text) > limit else "")


def choice(name: str, options: Mapping[str, str] | list[str], default: str, label: str = "",
           aliases: tuple[str, ...] = ()) -> Param:
    opts = list(options)

    def parse(text: str) -> str:
        if text in opts:
            return text
        raise BadValue(_("'{value}' is not one of the choices").format(value=shown(text)))
    return Param(name, default, parse, label=label or name, aliases=aliases)


# The language of every page (`?lang=fr`): one more view parameter, kept by every page, link, deck and export.
LANG = choice("lang", LANGS, "en", label="Language")


def period(name: str, periods: list[str], default: str, label: str = "") -> Param:
    def parse(text: str) -> str:
        if text in periods:
            return text
        raise BadValue(_("'{value}' is not available (data run from {first} to {last})").format(
            value=shown(text), first=periods[0], last=periods[-1]))
    return Param(name, default, parse, label=label or name)


def codes(name: str, known: set[str], default: list[str], label: str = "", most: int = 12) -> Param:
    """A comma-separated list of entity codes. Unknown codes are dropped (with a notice), the rest kept;
    more than `most` codes: the first `most` are kept, with a notice."""
    def parse(text: str) -> list[str]:
        items = [c.strip().upper() for c in text.split(",", most + 1) if c.strip()]
        extra = len(items) > most
        items = items[:most]
        good = list(dict.fromkeys(c for c in items if c in known))
        bad = [c for c in items if c not in known]
        if not (bad or extra):
            return good
        codes_text = ', '.join(shown(b, 12) for b in bad[:3])
        if not good:
            words = ([_("{codes} not recognised").format(codes=codes_text)] if bad else []) + \
                    ([_("only the first {most} places are used").format(most=most)] if extra else [])
            raise BadValue("; ".join(words))
        words = ([_("{codes} not recognised and left out").format(codes=codes_text)] if bad else []) + \
                ([_("only the first {most} places are used").format(most=most)] if extra else [])
        raise PartlyUsable(good, "; ".join(words))
    return Param(name, default, parse, dump=lambda v: ",".join(v), label=label or name,
                 max_chars=(most + 1) * CODE_CHARS)


def parse_value(p: Param, text: str) -> tuple[Any, str | None]:
    """A parameter's value from its URL text, and a plain notice when the text could not all be used.
    Text longer than the parameter allows is refused unread."""
    if len(text) > p.max_chars:
        return p.default, _("{label}: the value is {length} characters long (at most {most}); "
                            "showing {default} instead").format(
            label=_(p.label), length=f"{len(text):,}", most=f"{p.max_chars:,}", default=p.shown_default())
    try:
        return p.parse(text), None
    except PartlyUsable as exc:
        return exc.value, _("{label}: {problem}").format(label=_(p.label), problem=exc)
    except BadValue as exc:
        return p.default, _("{label}: {problem}; showing {default} instead").format(
            label=_(p.label), problem=exc, default=p.shown_default())


def given_text(p: Param, given: Mapping[str, Any]) -> str | None:
    """The parameter's text in a set of URL parameters, under its name or an older alias."""
    for name in (p.name, *p.aliases):
        if name in given and given[name] is not None:
            return str(given[name])
    return None


def known_names(params: list[Param]) -> set[str]:
    return {n for p in params for n in (p.name, *p.aliases)}


def parse_all(params: list[Param], given: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Every parameter's value from a dict of texts (a saved view), defaults where absent."""
    values, notices = {}, []
    for p in params:
        text = given_text(p, given)
        if text is None:
            values[p.name] = p.default
            continue
        values[p.name], notice = parse_value(p, text)
        if notice:
            notices.append(notice)
    return values, notices


def is_new_link(url: Mapping[str, str], written: Mapping[str, str] | None, arrived: bool,
                interacting: bool) -> bool:
    """Whether the URL is a view to open (a link, Back/Forward) rather than what the page itself wrote.

    url: every query parameter now; written: what this session last wrote for the view (None: never);
    arrived: the user has just come to this page; interacting: a widget of the view changed since the
    last write. A URL that differs from what we wrote is a new view when the user has just arrived or
    moved with Back/Forward (no widget changed); while a widget is changing it is the browser's stale
    echo of our own last write, and the widget wins.
    """
    if not url or dict(url) == (dict(written) if written is not None else None):
        return False
    return arrived or written is None or not interacting
