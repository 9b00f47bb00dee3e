"""Turn a saved view (page + its URL parameters) into one slide: a title, one chart, its source.

A theme's slide is drawn from its explorer's declaration (`atlas.themes`), with the same validation as
the page (a tampered deck falls back with notices), so what a slide shows is what the page shows; a map
can inline its geometry for offline export. The country profile has its own renderer here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from . import charts, numbers, profile, textfit, views
from .deck import SlideRef
from .i18n import N_, _
from .params import choice, parse_all
from .store import Snapshot, cite
from .themes import themes
from .themes.base import Explorer


@dataclass
class Slide:
    title: str
    spec: charts.Spec | None
    source: str
    lines: list[str] = field(default_factory=list)    # text shown beside or instead of a chart
    periods: list[str] = field(default_factory=list)  # a map that can play its timeline
    period: str | None = None
    notices: list[str] = field(default_factory=list)
    source_list: str = ""  # a long list of sources: in the notes and the handout, not on the slide


Renderer = Callable[[Snapshot, dict, bool, "str | None"], Slide]
COUNTRY = "country"  # the country profile's page
# The profile's settings in words (its page declares them as these): (label, value -> words)
COUNTRY_SETTINGS = {
    "country": (N_("Country"), lambda snap: snap.names().to_dict()),
    "peers": (N_("Peers by"), lambda snap: {ind: _(label) for t in themes() if t.profile
                                            for ind, label in t.profile.peers.items()}),
    "within": (N_("Peers within"), lambda snap: {k: _(label) for k, label in profile.WITHIN.items()}),
}


def page_title(page: str) -> str | None:
    """The title (a catalogue message, N_) of a page that can be a slide, or None."""
    ex = views.explorer(page)
    return ex.title if ex else (N_("Country profile") if page == COUNTRY else None)


def renderer(page: str) -> Renderer | None:
    ex = views.explorer(page)
    return explorer_slide(ex) if ex else (_country if page == COUNTRY else None)


# A slide's source line is two lines at most from the back of a room: its box is about 88 of its font sizes
# wide (1,146 px at 13 px on a 1280x720 screen, the narrowest the deck's CSS gives; 1,755 px at 19 px at 1080p).
SOURCE_EMS = 88
SOURCE_LINES = 2
FULL_IN_NOTES = N_("Full sources in the notes.")


def source_cut(slide: Slide) -> bool:
    """Whether the slide's source line was shortened (its full text is then the first of `source_list`)."""
    return slide.source.endswith(_(FULL_IN_NOTES))


def fitted_source(source: str, more: str = "") -> tuple[str, str]:
    """(the slide's source line, what goes to the notes and handout). `more` (a list of sources too long for
    any slide) goes to the notes, and the line says so. A line too long for two lines gives up its licences
    first, then its last sentences, and says where the rest is; the full line then goes to the notes too."""
    rest = _(FULL_IN_NOTES)
    fits = lambda text: textfit.wrapped_lines(text, SOURCE_EMS * 100, 100) <= SOURCE_LINES  # noqa: E731
    if fits(source):
        return (f"{source} {rest}" if more and fits(f"{source} {rest}") else source), more
    licence = cite("", "", "", "\0").split("\0")[0].split(". ")[-1]  # 'Licence: ', 'Licence : '
    sentences = re.split(r"(?<=[.)])\s+(?=[A-ZÀ-Ý])", source)
    kept = list(sentences)
    for drop in [s for s in reversed(sentences) if s.startswith(licence)] + list(reversed(sentences)):
        if fits(" ".join([*kept, rest])) or len(kept) == 1:
            break
        if drop in kept:
            kept.remove(drop)
    return " ".join([*kept, rest]), "\n\n".join(t for t in (source, more) if t)


def render(snap: Snapshot, ref: SlideRef, inline: bool = False, period: str | None = None) -> Slide | None:
    """The slide for a saved view in the run's language (its chart, made by `atlas.charts`, carries the
    language's number and date locale), or None when the app has no such page any more."""
    draw = renderer(ref.page)
    if draw is None:
        return None
    slide = draw(snap, ref.params, inline, period)
    if ref.title:
        slide.title = ref.title
    slide.source, slide.source_list = fitted_source(slide.source, slide.source_list)
    return slide


def default_title(snap: Snapshot, ref: SlideRef) -> str:
    slide = render(snap, ref)
    return slide.title if slide else ref.page


def settings(snap: Snapshot, ref: SlideRef, hidden: tuple[str, ...] = ("places", "from", "lang")) -> str:
    """A saved view's settings as the page's own controls write them ('Vue Carte, Année 2024, Région
    Afrique'), in the run's language; '' when there is nothing to say."""
    ex = views.explorer(ref.page)
    parts = []
    for name, value in ref.params.items():
        if name in hidden:
            continue
        control = ex.controls.get(name) if ex else None
        if control is not None:
            try:
                label_of = control.label_of(snap)
                parts.append(f"{_(control.label)} " + (  # a list of places: their names, not their codes
                    numbers.words([label_of(c) for c in value.split(",") if c]) if control.widget == "multiselect"
                    else label_of(value)))
                continue
            except (KeyError, ValueError, TypeError):
                pass
        if ref.page == COUNTRY and name in COUNTRY_SETTINGS:
            label, words = COUNTRY_SETTINGS[name]
            parts.append(f"{_(label)} {words(snap).get(value, value)}")
            continue
        param = next((p for p in ex.params(snap) if p.name == name), None) if ex else None
        shown = numbers.period(value) if len(value) == 7 and value[4] == "-" else value  # "mai 2019"
        parts.append(f"{_(param.label) if param and param.label else name} {shown}")
    return ", ".join(parts)


def explorer_slide(ex: Explorer) -> Renderer:
    def render_slide(snap: Snapshot, given: dict, inline: bool, period: str | None) -> Slide:
        values, notices = ex.values(snap, given)
        fig = ex.figure(snap, values, period, extras={"slide": True})
        view = ex.views[values["view"]]
        if fig.notice or fig.spec is None:
            return Slide(fig.title, None, fig.source, lines=[fig.notice or ""] if fig.notice else [], notices=notices)
        spec = fig.export() if inline and fig.export else fig.spec
        timeline = view.timeline and (fig.clickable or fig.plays)  # a map slide (or a bubble chart) plays its periods
        return Slide(fig.title, spec, fig.source, source_list=fig.source_list, periods=ex.periods(snap, values) if timeline else [],
                     period=(period if period in ex.periods(snap, values) else values[ex.period]) if timeline else None,
                     notices=notices)
    return render_slide


def _country(snap: Snapshot, given: dict, inline: bool, period: str | None) -> Slide:
    """The country at a glance: the first theme's first profile chart, every theme's sentence beside it."""
    codes = list(profile.countries(snap)["code"])
    values, notices = parse_all([choice("country", codes, "KEN", label=N_("Country"))], given)
    code = values["country"]
    first = next((f for t in themes() if t.profile for f in t.profile.figures(snap, code) if f.spec), None)
    return Slide(_("{country} at a glance").format(country=snap.name(code)), first.spec if first else None,
                 first.source if first else "", lines=[s.text for s in profile.summary(snap, code)], notices=notices)


def default_deck(snap: Snapshot) -> list[SlideRef]:
    """The overview's story, ready to present: each theme's slides, then a country at a glance; notes in
    the run's language, figures computed from the snapshot."""
    return [ref for t in themes() for ref in t.slides(snap)] + [
        SlideRef(COUNTRY, {"country": "KEN"}, notes=_("{country}: the mobile money country.").format(
            country=snap.name("KEN")))]
