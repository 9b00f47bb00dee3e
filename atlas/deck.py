"""A presenter's deck: saved views with titles and notes, carried in a link or a small file.

The deck travels in the URL (compressed JSON) or as a JSON file the presenter keeps; only a deck too long
for a link is saved on the server, behind a short link (`atlas.deckstore`). Anything read back is validated; a damaged deck raises DeckError with a plain message
in the run's language.

A deck carries its language (`lang`): presenting and every export render in it. Links and files made
before it was stored have none and open in the page's language.
"""
from __future__ import annotations

import base64
import binascii
import json
import uuid
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlparse

from . import i18n, safe_text
from .i18n import _
from .params import LANG, choice, parse_value

FORMAT = "connectivity-atlas-deck"
MAX_SLIDES = 40
MAX_TITLE = 120
MAX_NOTES = 2000
MAX_PARAM = 600          # one view parameter's text
MAX_LINK = 24_000        # characters of the encoded deck in a link
MAX_FILE = 256 * 1024    # bytes of a deck file
MAX_PARAMS = 40          # settings of one slide (a page has about ten)
MAX_KEY = 40             # a setting's name
MAX_DEPTH = 6            # JSON nesting: {"slides": [{"params": {…}}]} is 4 deep


class DeckError(ValueError):
    """A deck that cannot be read; the message is shown to the presenter."""


@dataclass
class SlideRef:
    page: str                       # the page's URL path (a theme's `page`, or a view's such as compare)
    params: dict[str, str]          # its view parameters, as in the page's URL
    title: str = ""
    notes: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])  # session-only, for widget keys

    def to_dict(self) -> dict:
        return {"page": self.page, "params": self.params, "title": self.title, "notes": self.notes}


@dataclass
class Deck:
    """A deck as read back: its slides, its language (None when it stored none: an older deck), and a
    plain notice when its stored language could not be used (then `lang` is the run's language)."""
    slides: list[SlideRef]
    lang: str | None = None
    notice: str | None = None


def _lang_of(obj: dict) -> tuple[str | None, str | None]:
    """The stored language; a bad one falls back to the run's language with the usual notice."""
    text = obj.get("lang")
    if text is None:
        return None, None
    return parse_value(choice(LANG.name, i18n.LANGS, i18n.lang(), label=LANG.label),
                       text if isinstance(text, str) else repr(text))


def _payload(slides: list[SlideRef], lang: str | None) -> dict:
    return {"lang": lang or i18n.lang(), "slides": [s.to_dict() for s in slides]}


def encode(slides: list[SlideRef], lang: str | None = None) -> str:
    """The deck for a link; `lang` defaults to the run's language."""
    raw = json.dumps(_payload(slides, lang), separators=(",", ":"), ensure_ascii=False).encode("utf-8", "replace")
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def decode(text: str) -> list[SlideRef]:
    return decode_deck(text).slides


def decode_deck(text: str) -> Deck:
    """A deck from its link text: a list of slides (links made before the language was stored) or
    {"lang": …, "slides": […]}."""
    if len(text) > MAX_LINK:
        raise DeckError(_("the deck in this link is too long to be a deck made here"))
    damaged = DeckError(_("the deck in this link is damaged or incomplete (was it cut when copied?)"))
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        # Bounded by what comes out: zlib.decompress's bufsize is only a starting buffer, and a 23 KB
        # link can inflate to 18 MB (about 460 MB allocated and 2 s of CPU before any check).
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_FILE + 1)
    except (binascii.Error, zlib.error, ValueError):
        raise damaged from None
    if len(raw) > MAX_FILE or inflater.unconsumed_tail:
        raise DeckError(_("the deck in this link unpacks to more than {size} KB, more than a deck "
                          "made here can hold").format(size=MAX_FILE // 1024))
    if not inflater.eof:
        raise damaged
    try:
        data = safe_text.loads(raw, MAX_DEPTH)
    except (ValueError, UnicodeDecodeError, RecursionError):  # TooDeep is a ValueError
        raise damaged from None
    if isinstance(data, dict):
        lang, notice = _lang_of(data)
        return Deck(validate(data.get("slides")), lang, notice)
    return Deck(validate(data))


def to_file(slides: list[SlideRef], lang: str | None = None) -> bytes:
    return json.dumps({"format": FORMAT, "version": 1, **_payload(slides, lang)},
                      indent=2, ensure_ascii=False).encode("utf-8", "replace")


def from_file(data: bytes) -> list[SlideRef]:
    return from_file_deck(data).slides


def from_file_deck(data: bytes) -> Deck:
    if len(data) > MAX_FILE:
        raise DeckError(_("this file is {size} KB; a deck file is at most {most} KB").format(
            size=len(data) // 1024, most=MAX_FILE // 1024))
    try:
        obj = safe_text.loads(data, MAX_DEPTH)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise DeckError(_("this file is not a deck saved from Connectivity Atlas (it is not readable JSON)")) from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise DeckError(_("this file is not a deck saved from Connectivity Atlas"))
    lang, notice = _lang_of(obj)
    return Deck(validate(obj.get("slides")), lang, notice)


def validate(data) -> list[SlideRef]:
    if not isinstance(data, list):
        raise DeckError(_("the deck has no list of slides"))
    if len(data) > MAX_SLIDES:
        raise DeckError(_("the deck has {count} slides; at most {most} are allowed").format(
            count=len(data), most=MAX_SLIDES))
    slides = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("page"), str) or not isinstance(item.get("params", {}), dict):
            raise DeckError(_("slide {n} is not a view of this app").format(n=i))
        params = item.get("params", {})
        if not _plain_settings(params):
            raise DeckError(_("slide {n} has settings that are not plain text").format(n=i))
        title, notes = item.get("title", ""), item.get("notes", "")
        if not isinstance(title, str) or not isinstance(notes, str):
            raise DeckError(_("slide {n} has a title or notes that are not text").format(n=i))
        slides.append(SlideRef(safe_text.clean(item["page"][:40]), _clean_settings(params),
                               safe_text.clean(title[:MAX_TITLE]), safe_text.clean(notes[:MAX_NOTES])))
    return slides


def _plain_settings(params) -> bool:
    """A slide's settings as a page's link holds them: a few names and values, all short text."""
    return isinstance(params, dict) and len(params) <= MAX_PARAMS and all(
        isinstance(k, str) and isinstance(v, str) and len(k) <= MAX_KEY and len(v) <= MAX_PARAM
        for k, v in params.items())


def _clean_settings(params: dict) -> dict[str, str]:
    return {safe_text.clean(k): safe_text.clean(v) for k, v in params.items()}


def add_slide(refs: list[SlideRef], ref: SlideRef) -> list[SlideRef]:
    """The deck with `ref` added at the end, within the limits a deck is read back with (so what is built
    here always opens again); DeckError with a plain message otherwise."""
    if len(refs) >= MAX_SLIDES:
        raise DeckError(_("the deck has {count} slides; at most {most} are allowed").format(
            count=len(refs), most=MAX_SLIDES))
    if not _plain_settings(ref.params):
        raise DeckError(_("slide {n} has settings that are not plain text").format(n=len(refs) + 1))
    return [*refs, SlideRef(safe_text.clean(ref.page[:40]), _clean_settings(ref.params),
                            safe_text.clean(ref.title[:MAX_TITLE]), safe_text.clean(ref.notes[:MAX_NOTES]))]


def from_link(link: str) -> SlideRef:
    """A slide from a link to a view of this app (…/<page>?view=map&…)."""
    from .themes import example_link
    parsed = urlparse(link.strip())
    page = parsed.path.strip("/").split("/")[-1] if parsed.path.strip("/") else ""
    if not page:
        raise DeckError(_("this link does not name a page of the app (it should look like …/{example})").format(
            example=example_link()))
    params = {k: v for k, v in parse_qsl(parsed.query) if k != LANG.name}  # the deck has its own language
    return SlideRef(page, params)
