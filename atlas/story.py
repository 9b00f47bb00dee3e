"""The overview's story: each theme's card (`Theme.card`), computed once per snapshot and language, and the
reported figures a card shows beside the current series."""
from __future__ import annotations

import re

from . import numbers
from .i18n import _, data_, lang
from .store import Snapshot, cite


def reported(snap: Snapshot, theme: str) -> list[str]:
    """Figures as a press story published them: the frame sentence is ours, the event's title comes from
    the snapshot (in the run's language), its source's title stays as published."""
    ev = snap.events[(snap.events["theme"] == theme) & (snap.events["kind"] == "reported_figure")]
    said = _("As reported ({date}): {title}. Source: {source}.")
    return [said.format(date=numbers.day(r.date), title=data_(r.title), source=data_(r.source_title))
            for r in ev.itertuples()]


def cards(snap: Snapshot) -> list:
    """(theme, card) for every theme that has an overview card, in the registry's order; the cards'
    sentences are in the run's language."""
    from .themes import themes
    return snap.memo((__name__, "cards", lang(), tuple(t.key for t in themes())),
                     lambda: [(t, t.card(snap)) for t in themes() if t.card])


def with_vintage(title: str, vintage: str) -> str:
    """'Title (vintage)' (see `bare_title`)."""
    return f"{bare_title(title)} ({vintage})"


def bare_title(title: str) -> str:
    """A title to be followed by its vintage in brackets: one that ends in its own bracket ('… (report)') loses
    it, so that a line does not read '… (report) (report edition 2023)'."""
    return re.sub(r"\s*\([^()]*\)$", "", title)


def indicators_line(snap: Snapshot, indicators: list[str]) -> str:
    """The sources line of several indicators, each publication once: indicators with the same publisher, vintage
    and licence (KaiOS's two shares, both caniuse) share one citation naming both ("… of all page views (%) and
    … of mobile page views (%)"), where two citations repeated everything but the label (0.4 KB on each move)."""
    shared: dict[tuple, list[str]] = {}
    for ind in dict.fromkeys(indicators):
        meta = snap.indicator(ind)
        shared.setdefault((meta["publisher"], meta["vintage"], meta["licence"]), []).append(meta["label"])
    return sources_line([cite(publisher, numbers.words(labels), vintage, licence)
                         for (publisher, vintage, licence), labels in shared.items()])


def sources_line(sources: list[str]) -> str:
    """A card's sources as one line. A single citation keeps its own 'Source: …'; several read 'Sources: A · B',
    each without its own 'Source: ' (which would read 'Sources: Source: …')."""
    prefix = cite("\0", "", "", "").split("\0")[0]  # 'Source: ', 'Source : ' in the run's language
    if len(sources) == 1 and sources[0].startswith(prefix):
        return sources[0]
    return _("Sources: {sources}").format(sources=" · ".join(s.removeprefix(prefix) for s in sources))
