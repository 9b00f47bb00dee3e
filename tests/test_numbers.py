"""The one number-formatting module: half-up rounding as a reader expects, units, words."""
import pytest

from atlas import numbers


@pytest.mark.parametrize("value, digits, text", [
    (16.5, 0, "17"), (0.125, 2, "0.13"), (2.675, 2, "2.68"), (1234.5, 0, "1,235"), (-0.4, 0, "0"),
    (58.392634, 1, "58.4"), (87.499411, 0, "87"),
])
def test_half_up(value, digits, text):
    assert numbers.decimal(value, digits) == text


def test_kenya_2014_internet_use_reads_17_percent(snapshot):
    from atlas import profile
    assert snapshot.value("internet_users_pct", "KEN", "2014") == pytest.approx(16.5, abs=1e-9)
    assert numbers.pct_whole(16.5) == "17 %" and f"{16.5:.0f}" == "16"  # what Python's format would print
    assert "up from 17 % in 2014" in profile.summary(snapshot, "KEN")[0].text


def test_units_and_words():
    assert numbers.pct(58.392634) == "58.4 %" and numbers.pct_whole(0.04) == "0.0 %"
    assert numbers.usd_bn(1260) == "US$1.26 trillion" and numbers.usd_bn(1260, short=True) == "US$1.26 tn"
    assert numbers.usd_bn(836.5) == "US$836.5 bn" and numbers.usd_bn(2000) == "US$2 trillion"
    assert numbers.share_words(66.0) == "about two-thirds" and numbers.share_words(40.5) == "41 %"
    assert numbers.plural(1, "figure") == "1 figure" and numbers.plural(1200, "figure") == "1,200 figures"
    assert numbers.significant(0.012345) == "0.0123" and numbers.significant(17.25) == "17.3"
    assert numbers.month("2019-03") == "Mar 2019" and numbers.period("2024") == "2024"


def test_qualifier_words_are_spaced():
    assert numbers.qualified("over", numbers.million(170)) == "over 170 million"
    assert numbers.qualified("about", numbers.million(170)) == "about 170 million"
    assert numbers.qualified("exact", numbers.million(170)) == "170 million"


def test_an_unknown_language_is_refused_not_guessed():
    with pytest.raises(ValueError):
        numbers.pct(1.0, lang="xx")


def test_french_money_and_dates_in_french_words():
    # no "Bn": French short money is in milliards (narrow no-break space between thousands), long in words
    assert numbers.usd_bn(1260.4, short=True, lang="fr") == "1\u202f260 Md\u00a0$"
    assert numbers.usd_bn(1260.4, lang="fr") == "1,26 billion de dollars"
    assert numbers.usd_bn(836.5, short=True, lang="fr") == "836,5 Md\u00a0$"
    # a build's or refresh's time, never ISO, in UTC whatever its offset
    assert numbers.timestamp("2026-11-22T19:17:40+00:00", lang="fr") == "22 novembre 2026 à 19:17 UTC"
    assert numbers.timestamp("2026-11-22T21:17:40+02:00", lang="en") == "22 November 2026, 19:17 UTC"


def test_a_month_is_written_once_per_language():
    """A month slider writes each of its ~180 months on every move (issue 23: a fifth of a KaiOS map move's CPU):
    Babel formats a month once per language, and the answers stay each language's own."""
    numbers._month.cache_clear()
    assert [numbers.period("2019-03", lang) for lang in ("en", "fr", "en", "fr")] == ["Mar 2019", "mars 2019"] * 2
    assert numbers.month("2019-03", "fr", long=True) == "mars 2019" and numbers.month("2019-02", "fr") == "févr. 2019"
    info = numbers._month.cache_info()
    assert (info.hits, info.misses) == (2, 4)
