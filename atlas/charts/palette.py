"""Colour by meaning: the one assignment of line colours, for the page, the slides and every export.

A line's colour follows what it shows, never its translated label (labels sort differently per language,
so colours taken in label order changed with the language): the chosen country is `FOCUS`, the strongest
colour, on every chart it is chosen on; a group (the world, a region, an income group) has one tone of its
own everywhere, lighter than the focus so that comparators recede; other countries take strong colours
from their code. Keys are the places' codes as the pages name them (`NGA`, `SSF`, `ITU:WLD`). Pure.
"""
from __future__ import annotations

import zlib

from .finish import Keep, Spec, walk

FOCUS = "#0b4f9c"   # the chosen country: deep blue, the darkest and most saturated line on any chart
WORLD = "#8a8a8a"   # the world: mid grey
# One tone per meaning, whoever publishes it (WDI's SSF, Findex's SSA and GSMA's Sub-Saharan Africa mean the
# same region). Medium-light tones (contrast with white 2–3.5, the focus 8.0), distinct in hue.
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "world": (WORLD, ("WLD",)),
    "sub_saharan_africa": ("#4aa38c", ("SSF", "SSA", "TSS", "GSMA_SSA", "AFE", "AFW")),
    "africa": ("#b07cc6", ("AFRICA", "ITU_AFR", "GSMA_AFRICA", "CIU_AF", "GSMA_EAF", "GSMA_WAF", "GSMA_CAF",
                           "GSMA_SAF")),
    "south_asia": ("#e0925a", ("SAS", "FDX_SAS", "TSA", "GSMA_SAS")),
    "east_asia_pacific": ("#c9a227", ("EAS", "EAP", "TEA", "GSMA_EAP", "GSMA_ASIA", "ITU_ASP", "CIU_AS", "CIU_OC")),
    "latin_america": ("#d17aa5", ("LCN", "LAC", "TLA", "GSMA_LAC", "ITU_AMR", "CIU_SA")),
    "middle_east_north_africa": ("#a8956a", ("MEA", "MNA", "FDX_MNA", "TMN", "GSMA_MENA", "GSMA_NAF", "GSMA_WAS",
                                             "ITU_ARB", "ARB")),
    "europe_central_asia": ("#7f9cc0", ("ECS", "ECA", "TEC", "GSMA_ECA", "ITU_EUR", "ITU_CIS", "CIU_EU", "EUU")),
    "north_america": ("#9aa85a", ("NAC", "CIU_NA")),
    "low_income": ("#b5835a", ("LIC",)),
    "lower_middle_income": ("#d9a441", ("LMC",)),
    "upper_middle_income": ("#8fb55e", ("UMC",)),
    "high_income": ("#9e9ac8", ("HIC", "OED")),
    "low_middle_income": ("#c49c7a", ("LMY", "MIC", "LDC")),
}
GROUP_OF: dict[str, str] = {code: colour for colour, codes in GROUPS.values() for code in codes}
# Other groups (the World Bank's lending and demographic groups…) and a second line of the same meaning on
# one chart (ITU's world beside the World Bank's): further light tones, taken from the code.
MORE_GROUPS = ["#6fb0c9", "#c9a0a0", "#a3b18a", "#b8a0d0", "#d0b080", "#80b0a0", "#b0b0b0"]
# Categories with no meaning of their own in the palette (compare's regions and income groups, a chart's
# default category scheme on a slide): Okabe-Ito's colour-blind-safe hues, darkened where a washed-out
# projector would lose them (its yellow and sky blue). One list for the page and the slide, taken in an order
# that does not depend on the language.
CATEGORY = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8a6d00", "#56B4E9", "#E69F00", "#000000"]
# Countries that are not the chosen one (an explorer's places): strong, colour-blind-safe hues (Okabe-Ito,
# darkened for a projector), never the focus blue.
COUNTRIES = ["#D55E00", "#009E73", "#CC79A7", "#8a6d00", "#56B4E9", "#E69F00", "#6a3d9a", "#7a3b8f",
             "#1b7837", "#b2182b"]


def _code(key: str) -> str:
    """'ITU:WLD' -> 'WLD': the place a key names, whoever publishes its figures."""
    return key.split(":", 1)[-1]


def is_group(key: str) -> bool:
    """An aggregate rather than a country: a known group, or a code that is not three letters (ISO3)."""
    code = _code(key)
    return code in GROUP_OF or not (len(code) == 3 and code.isalpha() and code.isupper())


def _start(key: str, n: int) -> int:
    return zlib.crc32(_code(key).encode()) % n  # stable across runs and languages (unlike hash())


def assign(keys: list[str], focus: str | None = None) -> dict[str, str]:
    """Each key's colour on one chart: the focus first, then groups, then other countries, each from its own
    code; a colour already taken on the chart moves to the next free one of its kind (in the order of
    the sorted keys, so the same places get the same colours whatever the language or the list's order)."""
    out: dict[str, str] = {}
    taken: set[str] = set()

    def take(key: str, first: str | None, pool: list[str]) -> None:
        choices = ([first] if first else []) + pool[_start(key, len(pool)):] + pool[:_start(key, len(pool))]
        colour = next((c for c in choices if c not in taken), choices[0])
        out[key] = colour
        taken.add(colour)

    keys = list(dict.fromkeys(keys))
    if focus in keys:
        out[focus] = FOCUS
        taken.add(FOCUS)
    # a plain code before a publisher's version of it: WLD keeps the world's grey, ITU:WLD beside it moves on
    for key in sorted((k for k in keys if k != focus and is_group(k)), key=lambda k: (":" in k, k)):
        take(key, GROUP_OF.get(_code(key)), MORE_GROUPS)
    for key in sorted(k for k in keys if k != focus and not is_group(k)):
        take(key, None, COUNTRIES)
    return {k: out[k] for k in keys}


def keys_of(frame) -> list[str]:
    """Each row's colour key: its `key` (a page's place code, 'ITU:WLD') where it has one, else its entity; a
    line with neither (a visitor's upload) by its name."""
    columns = [frame[c] for c in ("key", "entity") if c in frame]
    return [next((k for k in ks if isinstance(k, str) and k), f"~{n}")
            for ks, n in zip(zip(*columns) if columns else [()] * len(frame), frame["name"])]


def scale(frame, focus: str | None = None) -> dict:
    """The colour scale of a chart of these lines (a frame with each line's `name`, and `key` or `entity`):
    domain (the names shown, focus first) and range (their colours), as a Vega-Lite scale."""
    pairs = frame[["name"]].assign(key=keys_of(frame)).drop_duplicates("name")
    shared = pairs["key"].duplicated(keep=False)  # one place, several lines (a country's browsers): one key each
    pairs.loc[shared, "key"] = pairs.loc[shared, "key"] + "~" + pairs.loc[shared, "name"]
    keys = list(pairs["key"])
    colours = assign(keys, focus)
    order = ([focus] if focus in colours else []) + [k for k in keys if k != focus]
    names = dict(zip(pairs["key"], pairs["name"]))
    return {"domain": [names[k] for k in order], "range": [colours[k] for k in order]}


def coloured(spec: Spec, colours: dict, field: str = "name") -> Spec:
    """A filled spec whose colour channel on `field` uses these colours (`scale`): every layer, so the
    lines, their points and their labels agree, and the page's theme or a slide's palette cannot reorder
    them. Data is left as it is."""
    def visit(key, node):
        if key in ("datasets", "values", "data"):
            return Keep(node)
        if key == "color" and isinstance(node, dict) and node.get("field") == field:
            return Keep({**node, "scale": {**{k: v for k, v in node.get("scale", {}).items() if k != "scheme"},
                                           **colours}})
        return node
    return walk(spec, visit)
