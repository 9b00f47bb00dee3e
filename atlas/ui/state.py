"""View state <-> URL query parameters, validated.

Each page declares its parameters. On every run `View.load` decides where each value comes from:
a link the user just opened (the URL differs from what this session last wrote) wins; otherwise the
widgets' own state; otherwise what the page last showed in this session; otherwise the default.
Anything in the URL that cannot be used falls back with a plain notice, never an exception.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

import streamlit as st


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


def shown(text: str, limit: int = 24) -> str:
    """A user-supplied value made safe to echo back: short, and no markup."""
    clean = re.sub(r"[^A-Za-z0-9 _.,:+-]", "?", text)
    return clean[:limit] + ("…" if len(clean) > limit else "")


def choice(name: str, options: dict[str, str] | list[str], default: str, label: str = "") -> Param:
    opts = list(options)

    def parse(text: str) -> str:
        if text in opts:
            return text
        raise BadValue(f"'{shown(text)}' is not one of the choices")
    return Param(name, default, parse, label=label or name)


def period(name: str, periods: list[str], default: str, label: str = "") -> Param:
    def parse(text: str) -> str:
        if text in periods:
            return text
        raise BadValue(f"'{shown(text)}' is not available (data run from {periods[0]} to {periods[-1]})")
    return Param(name, default, parse, label=label or name)


def codes(name: str, known: set[str], default: list[str], label: str = "", most: int = 12) -> Param:
    """A comma-separated list of entity codes. Unknown codes are dropped (with a notice), the rest kept."""
    def parse(text: str) -> list[str]:
        items = [c.strip().upper() for c in text.split(",") if c.strip()]
        good = list(dict.fromkeys(c for c in items if c in known))[:most]
        bad = [c for c in items if c not in known]
        if bad and not good:
            raise BadValue(f"{', '.join(shown(b, 12) for b in bad[:3])} not recognised")
        if bad:
            raise PartlyUsable(good, f"{', '.join(shown(b, 12) for b in bad[:3])} not recognised and left out")
        return good
    return Param(name, default, parse, dump=lambda v: ",".join(v), label=label or name)


def parse_value(p: Param, text: str) -> tuple[Any, str | None]:
    """A parameter's value from its URL text, and a plain notice when the text could not all be used."""
    try:
        return p.parse(text), None
    except PartlyUsable as exc:
        return exc.value, f"{p.label}: {exc}"
    except BadValue as exc:
        return p.default, f"{p.label}: {exc}; showing {p.dump(p.default) or 'the default'} instead"


def parse_all(params: list[Param], given: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Every parameter's value from a dict of texts (a saved view), defaults where absent."""
    values, notices = {}, []
    for p in params:
        if p.name in given:
            values[p.name], notice = parse_value(p, str(given[p.name]))
            if notice:
                notices.append(notice)
        else:
            values[p.name] = p.default
    return values, notices


def mark_page(url_path: str) -> None:
    """Called by app.py on every full run: note whether the user has just arrived on this page (then a
    URL that differs from what we last wrote is a new link)."""
    st.session_state["_view.arrived"] = st.session_state.get("_view.page") != url_path
    st.session_state["_view.page"] = url_path


class View:
    def __init__(self, page: str, params: list[Param]):
        self.page = page
        self.params = {p.name: p for p in params}

    def key(self, name: str) -> str:
        return f"{self.page}.{name}"

    def __getitem__(self, name: str) -> Any:
        return st.session_state[self.key(name)]

    def load(self) -> list[str]:
        """Put a valid value for every parameter into session state; return plain notices."""
        everything = {k: st.query_params.get(k) for k in st.query_params}
        url = {k: v for k, v in everything.items() if k in self.params}
        written = st.session_state.get(self.key("_written"))
        remembered = st.session_state.get(self.key("_values"), {})
        arrived = st.session_state.get("_view.arrived", True)  # True when a page runs without app.py (tests)
        # A widget of this view changed since we last wrote the URL: the user is interacting, and a
        # differing URL is the browser's stale echo. Nothing changed: the URL moved by itself (Back/Forward).
        interacting = any(self.key(n) in st.session_state and st.session_state[self.key(n)] != v
                          for n, v in remembered.items())
        from_link = bool(everything) and everything != written and (arrived or written is None or not interacting)
        notices: list[str] = []
        for name, p in self.params.items():
            key = self.key(name)
            if from_link and name in url:
                st.session_state[key], notice = parse_value(p, url[name])
                if notice:
                    notices.append(notice)
            elif key not in st.session_state:
                st.session_state[key] = remembered.get(name, p.default)
        unknown = [k for k in st.query_params if k not in self.params]
        if unknown and from_link:
            notices.append(f"Ignored unknown link setting(s): {', '.join(shown(k, 16) for k in unknown[:3])}")
        return notices

    def sync(self) -> None:
        """Write the current view into the URL (only when it changed) and remember it for this session."""
        values = {name: st.session_state[self.key(name)] for name in self.params}
        dumped = {name: self.params[name].dump(v) for name, v in values.items()}
        st.session_state[self.key("_values")] = values
        st.session_state[self.key("_written")] = dumped
        if {k: st.query_params.get(k) for k in st.query_params} != dumped:
            st.query_params.from_dict(dumped)

    def link(self, **overrides: Any) -> dict[str, str]:
        """Query parameters for this view with some values changed (for links to prepared views)."""
        values = {name: st.session_state.get(self.key(name), p.default) for name, p in self.params.items()}
        values.update(overrides)
        return {name: self.params[name].dump(v) for name, v in values.items()}


def show_notices(notices: list[str]) -> None:
    if notices:
        st.warning("Some settings in this link could not be used, so defaults are shown instead:\n\n"
                   + "\n".join(f"- {n}" for n in notices), icon=":material/link_off:")
