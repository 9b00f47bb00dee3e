"""A deck as one self-contained HTML file: it opens from a USB stick in any modern browser, with no server
and no internet. Every chart carries its data; the world geometry is stored once and shared by the map
slides; Vega, Vega-Lite and vega-embed come inlined from vl-convert's bundle; a small slide engine of our
own (deck.js) gives keyboard navigation, Play on map slides, notes under the slide and the speaker's view.

The app's presenter mode shows this same page inside itself (embedded=True), so what is rehearsed in the
app is what the file shows.

Why our own engine and not reveal.js: reveal.js draws every slide on a fixed canvas scaled with a CSS
transform, which fights Vega's own sizing (charts would be drawn for one size and stretched to another,
text blurred) and would add a second bundle and an npm step for features we need four of (next/previous,
notes, speaker view, fullscreen). The engine here is ~300 lines, drawn at the screen's real size.
"""
from __future__ import annotations

import functools
import json
import math
import os
from html import escape
from importlib import metadata
from pathlib import Path

import vl_convert as vlc

from .. import geo, i18n, numbers, slides
from ..charts import Keep, walk
from ..charts.projector import LEGEND_ROOM, PROJECTOR_FONT, map_aspect, projector
from ..deck import SlideRef
from ..front import BUILD
from ..i18n import N_, _
from ..store import Snapshot
from . import budget, in_language, jsonable

HERE = Path(__file__).resolve().parent
PLAY_FROM = "from"      # a slide's saved start for Play: a view parameter the pages ignore
PACES = [0.5, 1, 1.5, 2, 3]
PACE = 1
SLIDE_HEIGHT = 800      # the spec's plot height before the slide fits it to the screen

# Every text the deck shows, in one place: catalogue messages, translated in `strings()` and handed to
# deck.js in the deck's JSON (the engine has no translations of its own).
STRINGS = {
    "document_title": N_("Connectivity Atlas — {title}"),
    "deck_title": N_("Presentation"),
    "previous": N_("Previous"), "next": N_("Next"), "play": N_("Play"), "pause": N_("Pause"),
    "pace": N_("Pace"), "pace_option": N_("{s} s per step"),
    "not_used": N_("Setting not used:"),
    "no_notes": N_("(No notes for this slide.)"),
    "chart_failed": N_("This chart could not be drawn:"),
    "popup_blocked": N_("The browser blocked the speaker's window: allow pop-ups for this page, then press S again."),
    "speaker_title": N_("Speaker's view — Connectivity Atlas"),
    "slide": N_("Slide"), "next_slide": N_("Next:"), "last_slide": N_("Last slide."), "elapsed": N_("Elapsed"),
    "reset_clock": N_("Reset the clock"),
    "no_script": N_("This presentation needs JavaScript to draw its charts."),
    "keys": [[N_("→ Space PgDn"), N_("next slide")], [N_("← PgUp"), N_("previous slide")],
             [N_("Home / End"), N_("first / last slide")], ["P", N_("play or pause the map's years")],
             ["S", N_("speaker's view (second window)")], ["N", N_("notes under the slide")],
             ["F", N_("full screen")], ["?", N_("this help")]],
}

SKIPPED = N_("Slide {n} shows a view this app no longer has ('{page}'); it is left out.")
SHORTENED = N_("Play was shortened on {count} map slide(s): a deck plays at most {most} periods in all, so "
               "each of them plays its last periods.")


def strings() -> dict:
    """The engine's texts in the run's language, the number format of its pace menu included."""
    out = {k: _(v) for k, v in STRINGS.items() if isinstance(v, str)}
    out["keys"] = [[_(k) if len(k) > 1 else k, _(v)] for k, v in STRINGS["keys"]]
    out["lang"] = i18n.lang()
    out["paces"] = {str(p): numbers.significant(p, 2) for p in PACES}  # "1,5 s" in French
    return out


# vl-convert bundles the script anew on each call (~1.7 s of CPU here): the first process of a vl-convert version
# keeps it in the front's built files (made at setup and in the container image) for the others (each replica,
# each test worker).
BUNDLE_FILE = BUILD / f"vega-bundle-{metadata.version('vl-convert-python')}.js"


@functools.cache
def _bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (vl-convert ships it: no download)."""
    try:
        return BUNDLE_FILE.read_text(encoding="utf-8")
    except OSError:
        pass
    text = vlc.javascript_bundle().replace("</script", "<\\/script")
    try:
        BUNDLE_FILE.parent.mkdir(exist_ok=True)
        tmp = BUNDLE_FILE.with_name(f"{BUNDLE_FILE.name}.tmp-{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(BUNDLE_FILE)  # whole or not at all, for a process reading it meanwhile
    except OSError:  # a read-only installation: each process makes its own
        pass
    return text


def _clean(key, node):
    """JSON-safe: NaN and infinities become null (a missing value), as Vega expects; numpy scalars Python's."""
    if hasattr(node, "item") and not isinstance(node, (str, bytes, dict, list, tuple)):  # numpy scalars
        node = node.item()
    return None if isinstance(node, float) and not math.isfinite(node) else node


def _shared() -> dict:
    return {"world": geo.topology(), "places": geo.place_rows()}


_SHARED_URLS = {geo.TOPO_URL: "world", geo.PLACES_URL: "places"}


def _share_geometry(key, node):
    """The app's map specs fetch the geometry from its server; here each such reference names the one
    shared copy that the page carries (the engine puts it back before drawing)."""
    if isinstance(node, dict) and node.get("url") in _SHARED_URLS:
        return Keep({**{k: v for k, v in node.items() if k != "url"}, "values": f"@@shared:{_SHARED_URLS[node['url']]}"})
    return node


def _spec(spec) -> dict:
    out = projector(spec, SLIDE_HEIGHT)
    datasets = jsonable(out)["datasets"]
    return walk(walk({**{k: v for k, v in out.items() if k != "datasets"}, "datasets": datasets}, _clean),
                _share_geometry)


def shown_ref(ref: SlideRef) -> SlideRef:
    """The view a slide shows: its saved Play start left out, except on a change map, whose start is its own
    `from` (Play there runs from the change's start to its end)."""
    if ref.params.get("view") == "change":
        return ref
    return SlideRef(ref.page, {k: v for k, v in ref.params.items() if k != PLAY_FROM}, ref.title, ref.notes)


def slide_data(snap: Snapshot, refs: list[SlideRef]) -> tuple[list[dict], list[str]]:
    """What the engine needs per slide: title, source, notes, text lines, the chart, and for a map the
    frames Play steps through (only the data, parameters and title that change from period to period).

    The cost is bounded by design: a view repeated in the deck (whatever its title and notes) is built
    once and its frames are sent once (a later slide names the earlier one: `"frames": <index>`); the
    frames of all map slides together are at most `budget.MAX_DECK_FRAMES` (past it each map slide plays
    its last periods, with a notice)."""
    out, skipped, built, plays = [], [], {}, {}
    for number, ref in enumerate(refs, start=1):
        shown = shown_ref(ref)
        key = (shown.page, tuple(sorted(shown.params.items())))
        if key not in built:
            built[key] = slides.render(snap, SlideRef(shown.page, shown.params))
        slide = built[key]
        if slide is None:
            skipped.append(_(SKIPPED).format(n=number, page=ref.page[:40]))
            continue
        play = key + (ref.params.get(PLAY_FROM),)
        if play not in plays and slide.periods and slide.spec is not None and slide.period in slide.periods:
            plays[play] = play_range(slide.periods, slide.period, play[-1])
        out.append((ref, key, play, slide))
    allowed = dict(zip(plays, budget.allowances([len(r) for r in plays.values()])))
    shortened = [p for p in plays if allowed[p] < len(plays[p])]
    specs, sent, data = {}, {}, []
    for ref, key, play, slide in out:
        if key not in specs:
            specs[key] = _spec(slide.spec) if slide.spec is not None else None
        spec = specs[key]
        item = {"title": ref.title or slide.title, "fixed_title": bool(ref.title), "source": slide.source,
                "notes": ref.notes, "sources": slide.source_list, "lines": list(slide.lines), "notices": list(slide.notices), "spec": spec,
                "frames": [], "kind": "map" if slide.periods else ("chart" if spec else "text"),
                "aspect": map_aspect(slide.spec) if slide.spec is not None else None}
        if play in plays:
            if play in sent:
                item["frames"] = sent[play]  # the index of the slide that carries them
            else:
                sent[play] = len(data)
                item["frames"] = _frames(snap, SlideRef(ref.page, dict(key[1])), slide, spec,
                                         plays[play][-allowed[play]:])
        data.append(item)
    if shortened:
        skipped.append(_(SHORTENED).format(count=len(shortened), most=budget.MAX_DECK_FRAMES))
    return data, skipped


def play_range(periods: list[str], own: str, start: str | None) -> list[str]:
    """The periods Play shows: from the saved start (or the first period) up to the slide's own period."""
    end = periods.index(own)
    begin = periods.index(start) if start in periods and periods.index(start) <= end else 0
    return periods[begin:end + 1]


def _frames(snap, ref, slide, spec, periods: list[str]) -> list[dict]:
    """One frame per period: only what differs from the slide's own chart (its data, parameters, title).
    The slide's own period is the slide itself: not drawn again."""
    frames = []
    for period in periods:
        shown = slide if period == slide.period else slides.render(snap, ref, period=period)
        if shown.spec is None:  # nothing to draw at this period (a change map's own start): skipped
            continue
        frame_spec = spec if shown is slide else _spec(shown.spec)
        datasets = {k: v for k, v in frame_spec.get("datasets", {}).items() if spec["datasets"].get(k) != v}
        params = {p["name"]: p.get("value") for p in frame_spec.get("params", []) if "value" in p}
        frames.append({"period": period, "title": shown.title, "datasets": datasets, "params": params})
    return frames


def inline_scripts() -> tuple[str, str]:
    """The page's two executable scripts, the same for every deck (its data is JSON, not run): the
    production front allows exactly these by hash in its Content-Security-Policy (atlas/front.csp)."""
    return _bundle(), (HERE / "deck.js").read_text(encoding="utf-8")


def _json_script(data) -> str:
    """JSON inside a <script> element: no '<' can end the element early."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")


def html(snap: Snapshot, refs: list[SlideRef], *, title: str = "", embedded: bool = False, start: int = 1,
         notices: list[str] = (), slides_made: tuple[list[dict], list[str]] | None = None) -> str:
    """The deck as one HTML page. `embedded`: shown inside the app (Esc leaves presenting there).
    `slides_made`: these refs' `slide_data`, if the caller keeps it (read only here)."""
    data, skipped = slides_made if slides_made is not None else slide_data(snap, refs)
    texts = strings()
    deck = {"strings": texts, "slides": data, "shared": _shared(), "embedded": embedded,
            "start": max(1, min(start, len(data) or 1)), "pace": PACE, "paces": PACES,
            "notices": [*notices, *skipped], "legend_room": LEGEND_ROOM,
            "font": PROJECTOR_FONT}
    name = title or (data[0]["title"] if data else texts["deck_title"])
    css = (HERE / "deck.css").read_text(encoding="utf-8")
    bundle, engine = inline_scripts()
    return f"""<!doctype html>
<html lang="{texts['lang']}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(texts['document_title'].format(title=name))}</title>
<style>{css}</style>
</head>
<body>
<div id="deck">
  <h1 id="slide-title"></h1>
  <div id="slide-notices"></div>
  <div id="content"><ul id="slide-lines"></ul><div id="chart"><div id="period-badge"></div></div></div>
  <div id="bar">
    <div id="slide-source"></div>
    <span id="slide-number"></span>
    <div id="controls">
      <button id="prev" type="button"></button><button id="next" type="button"></button>
      <button id="play" type="button"></button>
      <label id="pace-label"><span id="pace-label-text"></span> <select id="pace"></select></label>
    </div>
  </div>
  <div id="slide-notes"></div>
</div>
<dl id="help"></dl>
<noscript>{escape(texts['no_script'])}</noscript>
<script id="deck-data" type="application/json">{_json_script(deck)}</script>
<script>{bundle}</script>
<script>{engine}</script>
</body>
</html>
"""


@in_language
@budget.one_at_a_time
def file(snap: Snapshot, refs: list[SlideRef], title: str = "") -> bytes:
    return html(snap, refs, title=title).encode("utf-8")
