"""Numbers and dates as a reader expects to see them: every caption, headline, summary and slide uses
these, in English or French. Pure (no Streamlit).

Rounding is HALF UP on the decimal value (16.5 % -> "17 %"), not Python's binary round-half-even
(f"{16.5:.0f}" gives "16", and Babel rounds half even too): the value is quantized first, then Babel
writes it in the language's conventions (French: decimal comma, a narrow no-break space between
thousands, a no-break space before "%", "juin 2026", milliard/billion). `lang=None` means the current
run's language (`atlas.i18n.lang()`).
"""
from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from . import i18n

LANGS = tuple(i18n.LANGS)
PCT_SPACE = {"en": " ", "fr": "\u00a0"}   # before "%": a plain space in English (as the app always wrote it),
#                                           a no-break space in French (Babel's and the Imprimerie nationale's)


def _lang(lang: str | None) -> str:
    lang = lang or i18n.lang()
    if lang not in LANGS:
        raise ValueError(f"no number format for language {lang!r}")
    return lang


def rounded(value: float, digits: int = 0) -> Decimal:
    """The value rounded half up to `digits` decimals (as written, so 16.5 -> 17 and 0.125 -> 0.13)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def decimal(value: float, digits: int = 0, lang: str | None = None, grouping: bool = True) -> str:
    """1234.5 -> '1,235' (digits 0), '1,234.5' (digits 1); French '1 234,5' (narrow no-break space)."""
    lang = _lang(lang)
    value = rounded(value, digits)
    if value == 0:
        value = abs(value)  # no "-0"
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=i18n.LOCALES[lang], decimal_quantization=True)


def _trim(text: str, lang: str) -> str:
    sep = "," if lang == "fr" else "."
    return text.rstrip("0").rstrip(sep) if sep in text else text


def significant(value: float, digits: int = 3, lang: str | None = None) -> str:
    """A value to `digits` significant digits, trailing zeros dropped: 0.012345 -> '0.0123', 17.25 -> '17.3'."""
    lang = _lang(lang)
    if value == 0:
        return "0"
    exponent = Decimal(repr(abs(float(value)))).adjusted()
    places = max(digits - 1 - exponent, 0)
    return _trim(decimal(value, places, lang), lang)


def pct(value: float, digits: int = 1, lang: str | None = None) -> str:
    """58.39 -> '58.4 %' (a space before %, as the app writes it); French '58,4 %'."""
    lang = _lang(lang)
    return f"{decimal(value, digits, lang)}{PCT_SPACE[lang]}%"


def pct_whole(value: float, lang: str | None = None) -> str:
    """A share in whole percent, with one decimal below 1 % ('0 %' would hide a small but real share)."""
    return pct(value, 0 if abs(value) >= 1 else 1, lang)


def count(n: int, lang: str | None = None) -> str:
    return decimal(n, 0, lang)


def plural(n: int, one: str, many: str | None = None, lang: str | None = None) -> str:
    """'1 figure', '3 figures'; the words are catalogue messages, so French gets '3 pays'."""
    lang = _lang(lang)
    with i18n.using(lang):
        word = i18n.ngettext(one, many or one + "s", n)
    return f"{count(n, lang)} {word}"


def _scale(value_bn: float, lang: str, short: bool) -> str:
    """French words for a US$ amount given in billions: an English billion is a milliard, an English
    trillion a (French) billion. French nouns take the singular below 2 ('1,26 billion'). Short, French has
    no abbreviation for the billion that readers know: milliards, 'Md $' ('1\u202f260 Md $')."""
    if value_bn >= 1000:
        n = value_bn / 1000
        if short:
            return f"{decimal(value_bn, 0, lang)} Md\u00a0$"
        return f"{_trim(decimal(n, 2, lang), lang)} {'billion' if n < 2 else 'billions'} de dollars"
    text = _trim(decimal(value_bn, 1, lang), lang)
    return f"{text} Md\u00a0$" if short else f"{text} {'milliard' if value_bn < 2 else 'milliards'} de dollars"


def usd_bn(value: float, short: bool = False, lang: str | None = None) -> str:
    """1260 (USD billion) -> 'US$1.26 trillion' ('US$1.26 tn' if short); 836.5 -> 'US$836.5 bn'.
    French: '1,26 billion de dollars', '836,5 milliards de dollars' ('1 260 Md $', '836,5 Md $' if short)."""
    lang = _lang(lang)
    if lang == "fr":
        return _scale(value, lang, short)
    if value >= 1000:
        text = _trim(decimal(value / 1000, 2, lang), lang)
        return f"US${text}" + (" tn" if short else " trillion")
    return f"US${_trim(decimal(value, 1, lang), lang)} bn"


def million(value: float, lang: str | None = None) -> str:
    """170 (million) -> '170 million'; French '170 millions'."""
    lang = _lang(lang)
    text = decimal(value, 0, lang)
    if lang == "fr":
        return f"{text} {'million' if value < 2 else 'millions'}"
    return f"{text} million"


SHARES = {"en": ["about a quarter", "about a third", "about half", "about two-thirds", "about three-quarters"],
          "fr": ["environ un quart", "environ un tiers", "environ la moitié", "environ les deux tiers",
                 "environ les trois quarts"]}


def share_words(pct_value: float, lang: str | None = None) -> str:
    """A share as a reader says it, when it is close to a simple fraction; else the percentage."""
    lang = _lang(lang)
    for frac, words in zip([25, 100 / 3, 50, 200 / 3, 75], SHARES[lang]):
        if abs(pct_value - frac) <= 2.5:
            return words
    return pct(pct_value, 0, lang)


QUALIFIERS = {"en": {"over": "over", "about": "about"}, "fr": {"over": "plus de", "about": "environ"}}


def qualified(qualifier: str, value: str, lang: str | None = None) -> str:
    """'over' + '170 million' -> 'over 170 million' ('plus de 170 millions'); 'exact' or '' -> the value."""
    lang = _lang(lang)
    word = {**QUALIFIERS[lang], "exact": "", "": ""}.get(qualifier or "", qualifier)
    return f"{word} {value}" if word else value


def month(period: str, lang: str | None = None, long: bool = False) -> str:
    """'2019-03' -> 'Mar 2019' ('March 2019' if long); French 'mars 2019', 'janv. 2019' ('janvier 2019').
    A year stays as it is."""
    lang = _lang(lang)
    if len(period) != 7:
        return period
    return _month(period, lang, long)


@functools.lru_cache(maxsize=4096)
def _month(period: str, lang: str, long: bool) -> str:
    """Written once per month and language: a month slider writes each of its ~180 months on every move of the
    map, 2.6 ms of Babel's time (a fifth of a KaiOS map move once its figure is kept) against 0.2 ms here."""
    day = dt.date(int(period[:4]), int(period[5:]), 1)
    return format_date(day, "MMMM y" if long else "MMM y", locale=i18n.LOCALES[lang])


def day(date: str, lang: str | None = None, long: bool = True) -> str:
    """A date given to the day, month or year, said at that precision: '2024-06-26' -> '26 June 2024'
    ('26 Jun 2024' if not long); French '26 juin 2024' ('26 juin 2024', '26 févr. 2019'); '2018-03' -> the
    month; a year stays as it is."""
    lang = _lang(lang)
    if len(date) != 10:
        return month(date, lang, long) if len(date) == 7 else date
    when = dt.date.fromisoformat(date)
    return format_date(when, "d MMMM y" if long else "d MMM y", locale=i18n.LOCALES[lang])


TIMESTAMP = {"en": "d MMMM y, HH:mm 'UTC'", "fr": "d MMMM y 'à' HH:mm 'UTC'"}


def timestamp(moment: str, lang: str | None = None) -> str:
    """An ISO time (a build's or refresh's, '2026-11-22T19:17:40+00:00') as a reader writes it, in UTC:
    '22 November 2026, 19:17 UTC'; French '22 novembre 2026 à 19:17 UTC'."""
    from babel.dates import format_datetime
    lang = _lang(lang)
    when = dt.datetime.fromisoformat(moment).astimezone(dt.timezone.utc)
    return format_datetime(when, TIMESTAMP[lang], tzinfo=dt.timezone.utc, locale=i18n.LOCALES[lang])


def period(period_text: str, lang: str | None = None) -> str:
    """A year stays a year; a month 'YYYY-MM' is written 'Mar 2019'."""
    return month(period_text, lang) if len(period_text) == 7 else period_text


def words(items: list[str], lang: str | None = None) -> str:
    """A list as a sentence writes it: "a, b and c" / "a, b et c"."""
    from babel.lists import format_list
    code = _lang(lang)
    return format_list(items, locale=i18n.LOCALES[code]) if items else ""
