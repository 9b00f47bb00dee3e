"""Controls and captions that several explorers share (one name means one thing on every page)."""
from __future__ import annotations

from .. import numbers
from ..i18n import N_, _
from ..params import choice
from ..regions import FOCUS_LABELS
from .base import Control, fixed

AXES = {"linear": N_("Linear"), "log": N_("Log")}
REGION = Control("region", N_("Region"), "select", *fixed(FOCUS_LABELS))
AXIS = Control("axis", N_("Axis"), "segmented", *fixed(AXES))
MAP_CLICK = N_("Tap or click a country to see its value and a link to its profile.")
PICK_PLACES = N_("Pick one or more places to draw their lines.")


def axis_param(aliases: tuple[str, ...] = ("scale",)) -> object:
    """The y-axis of every trend: `axis` (older links on /internet and /mobile-money said `scale`)."""
    return choice("axis", AXES, "linear", label="Axis", aliases=aliases)


def places_control(name: str, options, label_of) -> Control:
    return Control(name, N_("Places (type to search)"), "multiselect", options, label_of)


def have_value(count: int, total: int) -> str:
    return _("{count} of {total} have a value.").format(count=numbers.count(count),
                                                        total=numbers.plural(total, 'country', 'countries'))
