"""The overview's story: each theme's card (`Theme.card`), computed once per snapshot and language, and the
reported figures a card shows beside the current series."""
from __future__ import annotations

from . import numbers
from .i18n import _, data_, lang
from .store import Snapshot


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
