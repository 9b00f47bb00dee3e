"""Controls and captions that several explorers share (one name means one thing on every page)."""
from __future__ import annotations

from .. import numbers
from ..params import choice
from ..regions import FOCUS_LABELS
from .base import Control, fixed

AXES = {"linear": "Linear", "log": "Log"}
REGION = Control("region", "Region", "select", *fixed(FOCUS_LABELS))
AXIS = Control("axis", "Axis", "segmented", *fixed(AXES))
MAP_CLICK = "Click a country to open its profile."
PICK_PLACES = "Pick one or more places to draw their lines."


def axis_param(aliases: tuple[str, ...] = ("scale",)) -> object:
    """The y-axis of every trend: `axis` (older links on /internet and /mobile-money said `scale`)."""
    return choice("axis", AXES, "linear", label="Axis", aliases=aliases)


def places_control(name: str, options, label_of) -> Control:
    return Control(name, "Places (type to search)", "multiselect", options, label_of)


def have_value(count: int, total: int) -> str:
    return f"{numbers.count(count)} of {numbers.plural(total, 'country', 'countries')} have a value."
