"""Two periods, two indicators: the period matching behind the Compare page and the change maps. Pure: no
Streamlit here, and no theme named: every indicator is read from the snapshot's catalogue.

**Calendars.** Each indicator's calendar is read from the data: `month` (caniuse: `YYYY-MM`), `year` (WDI,
IMF FAS: most years of its span have a value) or `wave` (Findex: a survey every few years, so fewer than
60 % of the years of its span have one).

**Matching a period** (`latest_within`): for each country, an indicator's latest value *at or before* the
period, within its tolerance, and the period it is from:
- `year`: up to `YEAR_TOLERANCE` (3) years earlier;
- `wave`: the wave in force at the period (the latest wave at or before it), never an older one: a country
  the latest wave did not survey has no value rather than one from an earlier wave;
- `month`: up to `MONTH_TOLERANCE` (2) months earlier (caniuse skipped a few months).
Mixed calendars: a month asked of a yearly indicator is its year (a 2024 figure stands for every month of
2024); a year asked of a monthly indicator is the latest month of that year (December back to January).

**Change** between two periods (`change_table`): each end matched as above; the difference in percentage
points for shares (units starting with '%', and percentage points), the relative change in % for counts
and values (only from a value above 0); no value where either end is missing.

**Classes** (`diverging_breaks`): eight classes centred on zero, four on each side, each a whole step wide
(the step a round number, a third of the 90th percentile of the absolute changes); the outer classes are
open-ended. A class holds its lower bound (a change of exactly 0 is in '0 to +step').
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import i18n, numbers
from .i18n import N_, _
from .regions import places
from .store import Snapshot, period_ordinal

YEAR_TOLERANCE = 3
MONTH_TOLERANCE = 2
WAVE_SHARE = 0.6        # a yearly indicator with values in fewer than this share of its span's years: waves
SIDE = 4                # classes on each side of zero


# --- calendars and matching (frames in, frames out: testable without a snapshot) ------------------
def calendar_of(period_type: str, periods: list[str]) -> str:
    """'month', 'wave' or 'year' for an indicator of this period type with these periods (oldest first)."""
    if period_type == "month":
        return "month"
    years = sorted({int(p[:4]) for p in periods})
    if len(years) >= 2 and len(years) / (years[-1] - years[0] + 1) < WAVE_SHARE:
        return "wave"
    return "year"


def window(calendar: str, own: list[str], target: str) -> tuple[int, int] | None:
    """The ordinals (years, or months for a monthly indicator) a value for `target` may come from; None when
    the indicator has nothing at or before it (a wave indicator before its first wave)."""
    if calendar == "month":
        if len(target) == 4:
            year = int(target)
            return year * 12, year * 12 + 11
        t = period_ordinal(target, "month")
        return t - MONTH_TOLERANCE, t
    year = int(target[:4])
    if calendar == "wave":
        waves = [int(p[:4]) for p in own if int(p[:4]) <= year]
        return (max(waves), max(waves)) if waves else None
    return year - YEAR_TOLERANCE, year


def latest_within(rows: pd.DataFrame, calendar: str, own: list[str], target: str) -> pd.DataFrame:
    """Each entity's latest value within the window for `target` (see the module's text), with the period
    it is from. `rows`: entity, period, value (one indicator); `own`: the indicator's periods."""
    span = window(calendar, own, target)
    if span is None or rows.empty:
        return pd.DataFrame({"entity": pd.Series(dtype=str), "value": pd.Series(dtype=float),
                             "period": pd.Series(dtype=str)})
    ordinal = period_ordinal(rows["period"].astype(str), "month" if calendar == "month" else "year")
    hit = rows[(ordinal >= span[0]) & (ordinal <= span[1]) & rows["value"].notna()]
    hit = hit.sort_values("period").drop_duplicates("entity", keep="last")
    return hit[["entity", "value", "period"]].reset_index(drop=True)


def tolerance_text(calendar: str) -> str:
    """The rule a calendar's values follow, in a sentence's words."""
    return {"year": _("its latest value up to {n} years earlier").format(n=YEAR_TOLERANCE),
            "wave": _("the survey wave in force (never an older wave)"),
            "month": _("its latest value up to {n} months earlier").format(n=MONTH_TOLERANCE)}[calendar]


# --- the snapshot's side ------------------------------------------------------------------------
@dataclass(frozen=True)
class Indicator:
    id: str
    calendar: str
    periods: tuple[str, ...]   # periods with a country value, oldest first


def indicator(snap: Snapshot, ind: str) -> Indicator:
    def make() -> Indicator:
        own = snap.periods(ind)
        return Indicator(ind, calendar_of(snap.indicators.loc[ind, "period_type"], own), tuple(own))
    return snap.memo(("compare.indicator", ind), make)


def country_indicators(snap: Snapshot) -> list[str]:
    """Every catalogued indicator with country values that can be compared across countries (amounts in
    national currency and raw counts are left out), in catalogue order."""
    def make() -> list[str]:
        cat = snap.indicators
        ok = cat["comparable_across_countries"].fillna(False).astype(bool)
        return [i for i in cat.index if ok[i] and _has_countries(snap, i)]
    return snap.memo(("compare.indicators",), make)


def _has_countries(snap: Snapshot, ind: str) -> bool:
    try:
        return bool(snap.periods(ind))
    except KeyError:  # catalogued, no observations
        return False


def matched(snap: Snapshot, ind: str, target: str) -> pd.DataFrame:
    """Every country's value of `ind` for `target` (entity, value, period), cached per period."""
    def make() -> pd.DataFrame:
        meta = indicator(snap, ind)
        rows = snap.rows(ind)
        rows = rows[rows["entity"].map(snap.entities["kind"]) == "country"]
        return latest_within(rows, meta.calendar, list(meta.periods), target)
    return snap.memo(("compare.matched", ind, target), make)


def slider_calendar(x: Indicator, y: Indicator) -> str:
    """Months only when both indicators are monthly; otherwise years."""
    return "month" if x.calendar == y.calendar == "month" else "year"


def common_periods(snap: Snapshot, x: str, y: str) -> list[str]:
    """The periods a compare view steps through: the sparser indicator's own periods (in the slider's
    calendar), kept where at least one country has both values. Empty: no common period."""
    def make() -> list[str]:
        a, b = indicator(snap, x), indicator(snap, y)
        cal = slider_calendar(a, b)

        def own(i: Indicator) -> list[str]:
            return sorted({p[:4] for p in i.periods}) if cal == "year" else list(i.periods)
        sparse = min(own(a), own(b), key=len)
        out = []
        for p in sparse:
            both = set(matched(snap, x, p)["entity"]) & set(matched(snap, y, p)["entity"])
            if both:
                out.append(p)
        return out
    return snap.memo(("compare.periods", x, y), make)


def compare_table(snap: Snapshot, x: str, y: str, period: str, size: str | None = None,
                  focus: str = "world") -> pd.DataFrame:
    """One row per country (in the focus) with both values at `period`: entity, name, region, income_group,
    x, px, y, py (values and the periods they are from) and, with `size`, s and ps."""
    ents = places(snap, focus) if focus != "world" else snap.entities[snap.entities["kind"] == "country"]
    a = matched(snap, x, period).rename(columns={"value": "x", "period": "px"})
    b = matched(snap, y, period).rename(columns={"value": "y", "period": "py"})
    out = a.merge(b, on="entity")
    out = out[out["entity"].isin(ents.index)]
    if size:
        s = matched(snap, size, period).rename(columns={"value": "s", "period": "ps"})
        out = out.merge(s, on="entity", how="left")
    out.insert(1, "name", out["entity"].map(snap.names()))
    out["region"] = out["entity"].map(snap.entities["region"])
    out["income_group"] = out["entity"].map(snap.entities["income_group"])
    return out.sort_values("name").reset_index(drop=True)


def trails(snap: Snapshot, x: str, y: str, chosen: list[str], periods: list[str], focus: str = "world") -> pd.DataFrame:
    """The chosen countries' points at every period (entity, name, period, x, y), oldest first."""
    if not chosen:
        return pd.DataFrame(columns=["entity", "name", "period", "x", "y"])
    frames = [compare_table(snap, x, y, p, focus=focus).assign(period=p) for p in periods]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["entity", "name", "period", "x", "y"])
    out = out[out["entity"].isin(chosen)]
    return out[["entity", "name", "period", "x", "y"]].reset_index(drop=True)


def farthest(frame: pd.DataFrame, log_x: bool = False, log_y: bool = False, n: int = 3) -> pd.DataFrame:
    """The `n` rows farthest from the others: distance from the centre of the cloud, each axis in standard
    deviations (on the log of the values for a log axis), farthest first."""
    have = frame.dropna(subset=["x", "y"])
    if log_x:
        have = have[have["x"] > 0]
    if log_y:
        have = have[have["y"] > 0]
    if len(have) < 3:
        return have.iloc[0:0]
    xs = np.log10(have["x"]) if log_x else have["x"]
    ys = np.log10(have["y"]) if log_y else have["y"]
    z = lambda s: (s - s.mean()) / (s.std(ddof=0) or 1.0)  # noqa: E731
    distance = np.hypot(z(xs), z(ys))
    return have.assign(distance=distance).nlargest(n, "distance")


# --- change between two periods ------------------------------------------------------------------
def change_kind(unit: str) -> str:
    """'pp' (percentage points) for shares, 'relative' (% change) for counts and values."""
    return "pp" if unit.startswith("%") or unit == "percentage points" else "relative"


def change_unit(kind: str) -> str:
    return N_("percentage points") if kind == "pp" else N_("% change")


def changes(a: pd.Series, b: pd.Series, kind: str) -> pd.Series:
    """b against a: b - a for 'pp'; (b - a) / a × 100 for 'relative' (a above 0); NaN where an end is missing."""
    if kind == "pp":
        return b - a
    return ((b - a) / a.where(a > 0)) * 100


def change_table(snap: Snapshot, ind: str, start: str, end: str, focus: str = "world") -> pd.DataFrame:
    """One row per drawable country in the focus: entity, name, region, income_group, lon, lat, small, a, pa
    (the value at `start` and its period), b, pb (at `end`), value (the change), rank (largest rise first)."""
    def make() -> pd.DataFrame:
        ent = places(snap, focus)
        out = ent[["code", "region", "income_group", "lon", "lat", "small"]].rename(columns={"code": "entity"})
        out.insert(1, "name", out["entity"].map(snap.names()))
        a = matched(snap, ind, start).rename(columns={"value": "a", "period": "pa"})
        b = matched(snap, ind, end).rename(columns={"value": "b", "period": "pb"})
        out = out.merge(a, on="entity", how="left").merge(b, on="entity", how="left")
        # the ends may not overlap: a value at `start` must come from before the one at `end`
        same = out["pa"].notna() & (out["pa"] == out["pb"])
        out.loc[same, ["a", "pa"]] = [np.nan, None]
        out["value"] = changes(out["a"], out["b"], change_kind(snap.indicators.loc[ind, "unit"]))
        out["rank"] = out["value"].rank(ascending=False, method="min").astype("Int64")
        out["period"] = out["pb"]
        return out.reset_index(drop=True)
    return snap.memo(("compare.change", ind, start, end, focus, i18n.lang()), make)


def nice_step(reach: float) -> float:
    """A round step (1, 2, 2.5 or 5 × a power of ten) at least `reach`."""
    if not reach or not math.isfinite(reach) or reach <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(reach))
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= reach * (1 - 1e-9):
            return m * power
    return 10 * power


def diverging_breaks(values: pd.Series) -> list[float]:
    """Seven thresholds centred on 0 (eight classes): -3s, -2s, -s, 0, s, 2s, 3s, where s is a round step of
    a third of the 90th percentile of the absolute values."""
    have = values.dropna().abs()
    reach = float(have.quantile(0.9)) if len(have) else 0.0
    step = nice_step(reach / (SIDE - 1) if reach else 0.0)
    return [round(k * step, 10) for k in range(-(SIDE - 1), SIDE)]


def class_labels(breaks: list[float], kind: str) -> list[str]:
    """The eight classes' names in the run's language ('below −30', '−30 to −20', …, '+30 and above')."""
    def text(v: float) -> str:
        shown = numbers.significant(abs(v), 3)
        return "0" if v == 0 else (("+" if v > 0 else "−") + shown)
    out = [_("below {low}").format(low=text(breaks[0]))]
    out += [_("{low} to {high}").format(low=text(lo), high=text(hi)) for lo, hi in zip(breaks, breaks[1:])]
    out.append(_("{high} and above").format(high=text(breaks[-1])))
    return out


def classify(values: pd.Series, breaks: list[float], labels: list[str]) -> pd.Series:
    """Each value's class (an ordered categorical over all eight labels; NaN stays NaN)."""
    index = np.searchsorted(np.asarray(breaks), values.to_numpy(dtype=float), side="right")
    codes = np.where(values.isna().to_numpy(), -1, index)
    return pd.Series(pd.Categorical.from_codes(codes, labels, ordered=True), index=values.index)


def change_value_text(value: float, kind: str) -> str:
    """'+12.3 points' / '+45 %' in the run's language."""
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    if kind == "pp":
        return _("{value} points").format(value=sign + numbers.decimal(abs(value), 1))
    return f"{sign}{numbers.significant(abs(value), 2) if abs(value) < 10 else numbers.decimal(abs(value), 0)}" \
           f"{numbers.PCT_SPACE[i18n.lang()]}%"


def describe_change(frame: pd.DataFrame, label: str, start: str, end: str, kind: str, where: str) -> str:
    """'Between 2015 and 2024, internet use rose in 170 countries and fell in 3 (World); most in Xland
    (+45.2 points); 21 countries have no value at one end or both.'"""
    have = frame[frame["value"].notna()]
    rose, fell = int((have["value"] > 0).sum()), int((have["value"] < 0).sum())
    text = _("Map of the change between {start} and {end}, {where}: {label} rose in {rose} and fell in {fell}").format(
        start=numbers.period(start), end=numbers.period(end), where=_(where), label=_(label),
        rose=numbers.plural(rose, "country", "countries"), fell=numbers.count(fell))
    if len(have):
        top, low = have.loc[have["value"].idxmax()], have.loc[have["value"].idxmin()]
        text += _("; highest {top} ({top_value}), lowest {low} ({low_value})").format(
            top=top["name"], top_value=change_value_text(top["value"], kind),
            low=low["name"], low_value=change_value_text(low["value"], kind))
    missing = int(frame["value"].isna().sum())
    if missing:
        text += _("; {count} with no value at one end or both").format(
            count=numbers.plural(missing, "country", "countries"))
    return text + "."


def value_text(value: float, unit: str) -> str:
    """A value in a sentence: '41 %', '1,234 per 1,000 adults'."""
    from .charts.finish import brief
    return brief(value, unit)


def describe_compare(frame: pd.DataFrame, x_label: str, x_unit: str, y_label: str, y_unit: str, period: str,
                     where: str, log_x: bool = False, log_y: bool = False) -> str:
    """'Bubble chart of mobile money account (%) against internet use (%) in 2024, World: 78 countries with
    both values; farthest from the others: Kenya (internet use 41 %, mobile money 66 %), …'"""
    from .charts.finish import unit_text
    text = _("Bubble chart of {y} ({y_unit}) against {x} ({x_unit}) in {period}, {where}: {countries} with both "
             "values").format(y=_(y_label), y_unit=unit_text(y_unit), x=_(x_label), x_unit=unit_text(x_unit),
                              period=numbers.period(period), where=_(where),
                              countries=numbers.plural(len(frame), "country", "countries"))
    far = farthest(frame, log_x, log_y)
    if len(far):
        text += _("; farthest from the others: {names}").format(names="; ".join(
            f"{r['name']} ({value_text(r['x'], x_unit)}, {value_text(r['y'], y_unit)})" for _i, r in far.iterrows()))
    return text + "."
