"""Text that came from outside (a link, a deck file, an upload, a downloaded package), made safe to keep,
read and show. Pure: no Streamlit here.

- `clean`: text that every encoder accepts (UTF-8, XML for PowerPoint, JSON): a lone surrogate (`\\ud800`,
  which JSON may carry as an escape) becomes U+FFFD, control characters other than tab and newline go.
- `md`: text shown as itself where Streamlit renders Markdown (`st.caption`, `st.error`, …): the marks that
  could start markup are backslash-escaped (CommonMark allows it for any punctuation), so `[x](https://…)`,
  `![img](…)`, `<https://…>`, `**`, `:red[…]` and bare `www.` links stay literal text.
- `loads`: JSON with a bounded nesting depth, checked before the parser sees it (Python's parser raises
  RecursionError on a few thousand brackets; a 162-character link of them crashed the presenter page).
"""
from __future__ import annotations

import json
import re

_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# What can start markup inside a line: links and images ([, ], !), autolinks (<, >, "https:", "www.", "@"),
# emphasis and code (*, _, `, ~), HTML (<, &), tables (|), maths ($), Streamlit's directives (:red[…],
# :material/…:), escapes (\\); and at a line's start, headings, quotes and lists (#, >, -, +, "1.").
_INLINE = re.compile(r"""([\\`*_\[\]<>!|~$:@&#])""")
_WWW = re.compile(r"(?i)\b(www)\.")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+\.)", re.M)
_TOKENS = re.compile(r'[\[\]{}"\\]')  # what nesting depends on: brackets, quotes, escapes


class TooDeep(ValueError):
    """JSON nested deeper than its reader allows."""


def clean(text: str) -> str:
    """`text` without what encoders refuse: lone surrogates become U+FFFD; control characters (tab and
    newline kept; carriage return dropped) are removed."""
    text = _SURROGATES.sub("\ufffd", text)
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def md(text: str) -> str:
    """`text` shown literally inside Markdown: no link, image, emphasis or directive can come from it
    (the marks that could make one are backslash-escaped, which CommonMark allows for any punctuation;
    the rest stays as typed, so "Read 24 months (2019-01 to 2020-12)" reads the same in the source)."""
    text = _INLINE.sub(r"\\\1", clean(str(text)))
    text = _WWW.sub(r"\1\\.", text)
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2).replace(".", "\\.") if m.group(2)[0].isdigit()
                           else m.group(1) + "\\" + m.group(2), text)


def depth(text: str, stop: int | None = None) -> int:
    """The deepest nesting of brackets and braces outside JSON strings (one pass, no recursion; it stops
    as soon as it passes `stop`)."""
    level = deepest = 0
    in_string, escaped_at = False, -1
    for m in _TOKENS.finditer(text):
        c, at = m.group(), m.start()
        if at == escaped_at:
            continue
        if in_string:
            if c == "\\":
                escaped_at = at + 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            level += 1
            if level > deepest:
                deepest = level
                if stop is not None and deepest > stop:
                    break
        elif c in "]}":
            level -= 1
    return deepest


def loads(text: str | bytes, most_depth: int):
    """json.loads, refusing (TooDeep) a document nested deeper than `most_depth` before parsing it.
    Bytes are decoded as UTF-8 (a byte-order mark allowed); UnicodeDecodeError and ValueError as json's."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8-sig")
    found = depth(text, stop=most_depth)
    if found > most_depth:
        raise TooDeep(f"nested more than {most_depth} levels deep")
    try:
        return json.loads(text)
    except RecursionError:  # cannot happen after the check above; kept as a last guard
        raise TooDeep(f"nested too deep (at most {most_depth})") from None
