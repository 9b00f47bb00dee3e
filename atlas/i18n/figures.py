"""Texts stored as a template with the figures they quote (a caveat that cites the data: "ITU {itu_world}
against WDI {wdi_world}"), filled in the run's language: numbers through `atlas.numbers`, place names through
the caller's `name`. The build fills the English text with it, the store every other language."""
from __future__ import annotations

import json
from typing import Callable

from .. import numbers


def _format(key: str, value, name: Callable[[str], str]) -> str:
    """One placeholder's figure in the run's language: percentages, counts, lists of place names or months."""
    if key.endswith("_names"):
        return ", ".join(sorted(name(c) for c in value))
    if key.endswith("_months"):  # "June 2024, October 2024 and January 2026", "juin 2024, … et janvier 2026"
        return numbers.words([numbers.month(m, long=True) for m in value])
    if key.endswith("_year"):
        return str(value)
    if key.endswith("_count"):
        return numbers.decimal(value, 0)
    return numbers.pct(value)


def render(template: str, values: dict | str | None, name: Callable[[str], str]) -> str:
    """A template filled with its figures in the run's language (`values` as stored: JSON or dict)."""
    if isinstance(values, str):
        values = json.loads(values) if values else {}
    if not values:
        return template
    return template.format(**{k: _format(k, v, name) for k, v in values.items()})
