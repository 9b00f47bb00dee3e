"""Every reader of outside input (deck link, deck file, StatCounter file, URL parameters, caniuse-db package)
turns every failure into its own plain message: property-based tests (Hypothesis) with generated hostile
inputs, plus the crafted inputs that once crashed (nested brackets, lone surrogates). Bounded in examples
and time so they add seconds, not minutes, to the suite."""
from __future__ import annotations

import base64
import io
import json
import re
import tarfile
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atlas import deck, safe_text, slides
from atlas.deck import DeckError, SlideRef
from atlas.themes import themes
from atlas.themes.kaios import statcounter
from atlas.params import parse_all, parse_value
from atlas.pipeline import caniuse_db

EXPLORERS = [t.explorer for t in themes()]
FAST = settings(max_examples=60, deadline=5000, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text as hostile as it gets: lone surrogates, controls, Markdown, brackets, very long runs.
hostile_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=80) | st.sampled_from([
    "\ud800", "a\udfffb", "[x](https://elsewhere.example/)", "![i](https://elsewhere.example/i.png)",
    "<script>alert(1)</script>", "\x00\x0b\x1b", "[" * 3000, "{" * 3000, "x" * 700, "2019-01", "africa"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=20)


def _link(raw: bytes) -> str:
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def _dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=True).encode()  # ensure_ascii: lone surrogates travel as \ud800


def _deck_like():
    slide = st.fixed_dictionaries({"page": st.sampled_from(["internet", "kaios", "mobile-money", "country"])
                                   | hostile_text | json_values},
                                  optional={"params": st.dictionaries(hostile_text, hostile_text | json_values,
                                                                      max_size=5) | json_values,
                                            "title": hostile_text | json_values, "notes": hostile_text})
    return st.fixed_dictionaries({"slides": st.lists(slide, max_size=4) | json_values},
                                 optional={"lang": hostile_text | json_values, "format": st.just(deck.FORMAT)})


def _survives(read) -> list[SlideRef] | None:
    """A reader either gives slides that encode and save again, or raises DeckError."""
    try:
        refs = read()
    except DeckError as exc:
        assert str(exc)
        return None
    for ref in refs:
        for text in (ref.page, ref.title, ref.notes, *ref.params, *ref.params.values()):
            text.encode("utf-8")  # no lone surrogate is kept
    assert deck.decode(deck.encode(refs)) is not None and deck.from_file(deck.to_file(refs)) is not None
    return refs


@FAST
@given(st.text(max_size=300) | hostile_text)
def test_any_link_text_is_a_deck_or_a_plain_refusal(text):
    _survives(lambda: deck.decode(text))


@FAST
@given(_deck_like() | json_values)
def test_any_json_in_a_link_or_a_file_is_a_deck_or_a_plain_refusal(doc):
    _survives(lambda: deck.decode(_link(_dumps(doc))))
    _survives(lambda: deck.from_file(_dumps({**doc, "format": deck.FORMAT} if isinstance(doc, dict) else doc)))


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_as_a_deck_file_are_refused_plainly_or_read(data):
    _survives(lambda: deck.from_file(data))


@pytest.mark.parametrize("raw", [b"[" * 100_000, b'{"slides":' + b"[" * 5000, b'{"slides":[{"params":{"a":' * 50])
def test_nested_brackets_are_refused_plainly(raw):
    link = _link(raw)
    with pytest.raises(DeckError, match="damaged"):
        deck.decode(link)
    with pytest.raises(DeckError, match="not readable JSON"):
        deck.from_file(raw)


def test_a_lone_surrogate_in_a_title_is_kept_as_a_replacement_character(snapshot):
    raw = _dumps({"lang": "en", "slides": [{"page": "internet", "params": {"year": "2019\ud800"},
                                            "title": "Africa \ud800 online", "notes": "n\udfff"}]})
    for refs in (deck.decode(_link(raw)), deck.from_file(_dumps({**json.loads(raw), "format": deck.FORMAT}))):
        assert refs[0].title == "Africa \ufffd online" and refs[0].notes == "n\ufffd"
        assert deck.decode(deck.encode(refs))[0].title == "Africa \ufffd online"
        assert slides.render(snapshot, refs[0]).title == "Africa \ufffd online"


def test_limits_hold_where_slides_are_added():
    full = [SlideRef("internet", {})] * deck.MAX_SLIDES
    with pytest.raises(DeckError, match="at most 40"):
        deck.add_slide(full, SlideRef("internet", {}))
    with pytest.raises(DeckError, match="not plain text"):
        deck.add_slide([], deck.from_link("http://x/internet?year=" + "9" * (deck.MAX_PARAM + 1)))
    added = deck.add_slide([], SlideRef("internet", {"year": "2019\ud800"}, "t\x00"))
    assert added[0].params == {"year": "2019\ufffd"} and added[0].title == "t"


# --- URL parameters: every page's parameters take any text ----------------------------------------------
@FAST
@given(st.dictionaries(st.sampled_from(["view", "year", "month", "region", "scale", "axis", "colours", "places",
                                        "indicator", "measure", "lang", "series"]) | hostile_text,
                       hostile_text | st.text(max_size=40), max_size=6))
def test_any_url_parameters_open_a_view_with_notices(snapshot, given_params):
    for ex in EXPLORERS:
        values, notices = parse_all(ex.params(snapshot), given_params)
        assert all(isinstance(n, str) for n in notices)
        for p in ex.params(snapshot):
            parse_value(p, given_params.get(p.name, ""))


@settings(max_examples=12, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from(list(EXPLORERS)), st.dictionaries(
    st.sampled_from(["view", "year", "month", "region", "scale", "axis", "colours", "places", "from"]),
    hostile_text, max_size=4))
def test_any_saved_view_renders_as_a_slide(snapshot, ex, params):
    slide = slides.render(snapshot, SlideRef(ex.page, params, "\ud800"))
    assert slide is not None and isinstance(slide.title, str)


# --- StatCounter files ------------------------------------------------------------------------------
csv_cell = st.sampled_from(["Date", "Android", "iOS", "KaiOS", "Other", "2019-01", "2019", "12.5", "100",
                            "-1", "nan", "inf", "1e308", "", "\"", "[x](http://e.example)", "\ud800", "2019-13"]) \
    | st.text(max_size=12)


@FAST
@given(st.lists(st.lists(csv_cell, min_size=1, max_size=6), min_size=1, max_size=6),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252"]))
def test_any_csv_is_an_export_or_a_plain_refusal(rows, sep, encoding):
    text = "\n".join(sep.join(row) for row in rows)
    try:
        data = text.encode(encoding, "replace")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "replace")
    try:
        export = statcounter.read_export(data, "mobile_os-IN-monthly.csv")
    except statcounter.ExportError as exc:
        assert str(exc)
    else:
        assert len(export.frame) and export.systems


@FAST
@given(st.binary(max_size=600))
def test_any_bytes_are_an_export_or_a_plain_refusal(data):
    try:
        statcounter.read_export(data, "x.csv")
    except statcounter.ExportError as exc:
        assert str(exc)


# --- caniuse-db packages ----------------------------------------------------------------------------
def _tarball(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return buf.getvalue()


region_doc = st.fixed_dictionaries({"month": st.sampled_from(["2026-09", "/x/evil", "../../escaped", "2026-13"])
                                    | json_values,
                                    "data": st.dictionaries(st.sampled_from(["kaios", "and_chr", "op_mini"]),
                                                            st.dictionaries(st.text(max_size=6),
                                                                            st.floats() | st.none() | json_values,
                                                                            max_size=3), max_size=3) | json_values},
                                   optional={"name": json_values, "access_date": json_values, "total": json_values})


@FAST
@given(st.dictionaries(st.sampled_from(["IN", "alt-ww", "KE", "../IN", "A B", ""]) | st.text(max_size=8),
                       region_doc | json_values, min_size=1, max_size=4))
def test_any_package_is_regions_or_a_plain_refusal(files):
    members = {f"package/region-usage-json/{code}.json": json.dumps(doc).encode() for code, doc in files.items()}
    try:
        regions = caniuse_db.regions_from_tarball(_tarball(members), "caniuse-db@9.9.9")
    except caniuse_db.PackageError as exc:
        assert str(exc)
    else:
        assert {r["month"] for r in regions} == {"2026-09"}


def test_markdown_from_outside_is_shown_literally():
    shown = safe_text.md("[x](https://elsewhere.example/) ![i](https://e.example/i.png) <https://e.example> "
                         "**b** :red[r] www.e.example a@b.example")
    assert re.search(r"(?<!\\)[\[\]<>*:!@]", shown) is None and "www\\.e" in shown  # nothing is live
    assert safe_text.md("Read 24 months (2019-01 to 2020-12)") == "Read 24 months (2019-01 to 2020-12)"
    assert safe_text.md("- a\n1. b\n# c") == "\\- a\n1\\. b\n\\# c"
    assert shown.replace("\\", "") == ("[x](https://elsewhere.example/) ![i](https://e.example/i.png) "
                                       "<https://e.example> **b** :red[r] www.e.example a@b.example")
