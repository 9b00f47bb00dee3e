"""A presenter's deck: saved views with titles and notes, carried in a link or a small file.

Nothing is stored on the server: the deck travels in the URL (compressed JSON) or as a JSON file the
presenter keeps. Anything read back is validated; a damaged deck raises DeckError with a plain message.
"""
from __future__ import annotations

import base64
import binascii
import json
import uuid
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlparse

FORMAT = "connectivity-atlas-deck"
MAX_SLIDES = 40
MAX_TITLE = 120
MAX_NOTES = 2000
MAX_PARAM = 600          # one view parameter's text
MAX_LINK = 24_000        # characters of the encoded deck in a link
MAX_FILE = 256 * 1024    # bytes of a deck file


class DeckError(ValueError):
    """A deck that cannot be read; the message is shown to the presenter."""


@dataclass
class SlideRef:
    page: str                       # the page's URL path, e.g. "internet"
    params: dict[str, str]          # its view parameters, as in the page's URL
    title: str = ""
    notes: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])  # session-only, for widget keys

    def to_dict(self) -> dict:
        return {"page": self.page, "params": self.params, "title": self.title, "notes": self.notes}


def encode(slides: list[SlideRef]) -> str:
    raw = json.dumps([s.to_dict() for s in slides], separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def decode(text: str) -> list[SlideRef]:
    if len(text) > MAX_LINK:
        raise DeckError("the deck in this link is too long to be a deck made here")
    damaged = DeckError("the deck in this link is damaged or incomplete (was it cut when copied?)")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        # Bounded by what comes out: zlib.decompress's bufsize is only a starting buffer, and a 23 KB
        # link can inflate to 18 MB (about 460 MB allocated and 2 s of CPU before any check).
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_FILE + 1)
    except (binascii.Error, zlib.error, ValueError):
        raise damaged from None
    if len(raw) > MAX_FILE or inflater.unconsumed_tail:
        raise DeckError(f"the deck in this link unpacks to more than {MAX_FILE // 1024} KB, more than a deck "
                        "made here can hold")
    if not inflater.eof:
        raise damaged
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise damaged from None
    return validate(data)


def to_file(slides: list[SlideRef]) -> bytes:
    return json.dumps({"format": FORMAT, "version": 1, "slides": [s.to_dict() for s in slides]},
                      indent=2, ensure_ascii=False).encode()


def from_file(data: bytes) -> list[SlideRef]:
    if len(data) > MAX_FILE:
        raise DeckError(f"this file is {len(data) // 1024} KB; a deck file is at most {MAX_FILE // 1024} KB")
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise DeckError("this file is not a deck saved from Connectivity Atlas (it is not readable JSON)") from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise DeckError("this file is not a deck saved from Connectivity Atlas")
    return validate(obj.get("slides"))


def validate(data) -> list[SlideRef]:
    if not isinstance(data, list):
        raise DeckError("the deck has no list of slides")
    if len(data) > MAX_SLIDES:
        raise DeckError(f"the deck has {len(data)} slides; at most {MAX_SLIDES} are allowed")
    slides = []
    for i, item in enumerate(data, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("page"), str) or not isinstance(item.get("params", {}), dict):
            raise DeckError(f"slide {i} is not a view of this app")
        params = item.get("params", {})
        if any(not isinstance(k, str) or not isinstance(v, str) or len(v) > MAX_PARAM for k, v in params.items()):
            raise DeckError(f"slide {i} has settings that are not plain text")
        title, notes = item.get("title", ""), item.get("notes", "")
        if not isinstance(title, str) or not isinstance(notes, str):
            raise DeckError(f"slide {i} has a title or notes that are not text")
        slides.append(SlideRef(item["page"][:40], dict(params), title[:MAX_TITLE], notes[:MAX_NOTES]))
    return slides


def from_link(link: str) -> SlideRef:
    """A slide from a link to a view of this app (…/internet?year=2019&…)."""
    parsed = urlparse(link.strip())
    page = parsed.path.strip("/").split("/")[-1] if parsed.path.strip("/") else ""
    if not page:
        raise DeckError("this link does not name a page of the app (it should look like …/internet?year=2019)")
    return SlideRef(page, dict(parse_qsl(parsed.query)))
