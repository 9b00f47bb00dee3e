"""Numbers and dates as a reader expects to see them: every caption, headline, summary and slide uses
these. Pure (no Streamlit).

Rounding is HALF UP on the decimal value (16.5 % -> "17 %"), not Python's binary round-half-even
(f"{16.5:.0f}" gives "16"). Every function takes `lang` so a locale can be threaded through later;
only English ("en") is written today.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

LANGS = ("en",)


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"no number format for language {lang!r}")


def rounded(value: float, digits: int = 0) -> Decimal:
    """The value rounded half up to `digits` decimals (as written, so 16.5 -> 17 and 0.125 -> 0.13)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def decimal(value: float, digits: int = 0, lang: str = "en", grouping: bool = True) -> str:
    """1234.5 -> '1,235' (digits 0), '1,234.5' (digits 1)."""
    _check(lang)
    out = f"{rounded(value, digits):{',' if grouping else ''}.{digits}f}"
    return "0" if out in ("-0", "-0." + "0" * digits) and digits == 0 else out


def significant(value: float, digits: int = 3, lang: str = "en") -> str:
    """A value to `digits` significant digits, trailing zeros dropped: 0.012345 -> '0.0123', 17.25 -> '17.3'."""
    _check(lang)
    if value == 0:
        return "0"
    exponent = Decimal(repr(abs(float(value)))).adjusted()
    places = max(digits - 1 - exponent, 0)
    text = decimal(value, places, lang)
    return text.rstrip("0").rstrip(".") if "." in text else text


def pct(value: float, digits: int = 1, lang: str = "en") -> str:
    """58.39 -> '58.4 %' (a space before %, as the app writes it)."""
    return f"{decimal(value, digits, lang)} %"


def pct_whole(value: float, lang: str = "en") -> str:
    """A share in whole percent, with one decimal below 1 % ('0 %' would hide a small but real share)."""
    return pct(value, 0 if abs(value) >= 1 else 1, lang)


def count(n: int, lang: str = "en") -> str:
    return decimal(n, 0, lang)


def plural(n: int, one: str, many: str | None = None, lang: str = "en") -> str:
    """'1 figure', '3 figures'."""
    _check(lang)
    return f"{count(n, lang)} {one if n == 1 else (many or one + 's')}"


def usd_bn(value: float, short: bool = False, lang: str = "en") -> str:
    """1260 (USD billion) -> 'US$1.26 trillion' ('US$1.26 tn' if short); 836.5 -> 'US$836.5 bn'."""
    _check(lang)
    if value >= 1000:
        text = decimal(value / 1000, 2, lang).rstrip("0").rstrip(".")
        return f"US${text}" + (" tn" if short else " trillion")
    return f"US${decimal(value, 1, lang).removesuffix('.0')} bn"


def million(value: float, lang: str = "en") -> str:
    """170 (million) -> '170 million'."""
    return f"{decimal(value, 0, lang)} million"


def share_words(pct_value: float, lang: str = "en") -> str:
    """A share as a reader says it, when it is close to a simple fraction; else the percentage."""
    _check(lang)
    for frac, words in [(25, "a quarter"), (100 / 3, "a third"), (50, "half"), (200 / 3, "two-thirds"),
                        (75, "three-quarters")]:
        if abs(pct_value - frac) <= 2.5:
            return f"about {words}"
    return pct(pct_value, 0, lang)


def qualified(qualifier: str, value: str, lang: str = "en") -> str:
    """'over' + '170 million' -> 'over 170 million'; 'exact' or '' -> the value alone."""
    _check(lang)
    word = {"over": "over", "about": "about", "exact": "", "": ""}.get(qualifier or "", qualifier)
    return f"{word} {value}" if word else value


def month(period: str, lang: str = "en", long: bool = False) -> str:
    """'2019-03' -> 'Mar 2019' ('March 2019' if long); a year stays as it is."""
    _check(lang)
    if len(period) != 7:
        return period
    return f"{pd.Timestamp(period + '-01'):{'%B %Y' if long else '%b %Y'}}"


def period(period_text: str, lang: str = "en") -> str:
    """A year stays a year; a month 'YYYY-MM' is written 'Mar 2019'."""
    return month(period_text, lang) if len(period_text) == 7 else period_text
