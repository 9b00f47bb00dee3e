"""KaiOS's data shaping and charts (pure): the map table, gap-aware series, smoothing, the browser mix,
the small-sample flag, the device milestones and an uploaded export's series, all from the snapshot."""
from __future__ import annotations


import numpy as np
import pandas as pd

from ... import charts, numbers
from ...i18n import N_, _, data_, lang
from ...regions import FOCUS_LABELS, focus_filter, map_values
from ...store import Snapshot, per_snapshot, period_date, shown_groups

ALL, MOBILE = "kaios_share_all", "kaios_share_mobile"
MEASURES = {"all": ALL, "mobile": MOBILE}
MOBILE_TOTAL = "mobile_browsers_share"  # caniuse's mobile agents summed: says which places caniuse tracked
KAIOS = "kaios"
# Browsers a feature-phone or low-end handset user would run, beside KaiOS (caniuse agent codes).
LOW_END = ["op_mini", "and_uc", "op_mob", "android", "bb", "ie_mob"]
SMALL_POPULATION = 1_000_000  # the noisy-sample proxy: fewer people, fewer page views in StatCounter's sample
LOG_FLOOR = 0.001  # caniuse rounds to 5 decimals; the smallest positive KaiOS share is 0.0012 %
# Device milestones: the facts' metric (counted in millions of devices) -> how to say it ({amount}: the
# qualified number of millions, "over 40 million").
DEVICE_METRICS = {
    "kaios_devices_shipped_cumulative": N_("{amount} devices shipped to date"),
    "kaios_devices_running": N_("{amount} devices running KaiOS"),
}
DEVICE_UNIT = "million devices"
MILESTONE_THEME, MILESTONE_KIND = "kaios", "event"
MEASURE_LABELS = {"all": N_("All page views"), "mobile": N_("Mobile/tablet page views")}
COLOURS = {"log": N_("Log"), "quantile": N_("Quantiles (fifths)"), "linear": N_("Linear")}  # the map's colour scale
GROUPS = {"lowend": N_("Feature-phone and low-end browsers"), "mobile": N_("All mobile browsers")}
DEFAULT_PLACES = ["IND", "TZA", "UGA", "NGA", "PAK", "WLD"]


@per_snapshot
def place_codes(snap: Snapshot) -> set[str]:
    """Places with a KaiOS series: countries, caniuse's continents, the world."""
    return set(snap.rows(ALL)["entity"])


month_text = numbers.month  # '2019-03' -> 'Mar 2019'


def measure_label(measure: str) -> str:
    return _("KaiOS share") if measure == "all" else _("KaiOS share of mobile")


# --- months -----------------------------------------------------------------------------------------
@per_snapshot
def months(snap: Snapshot) -> list[str]:
    """Months with KaiOS data for countries (the slider steps only through these)."""
    return snap.periods(ALL)


def calendar(first: str, last: str) -> list[str]:
    """Every month from first to last, 'YYYY-MM'."""
    return [p.strftime("%Y-%m") for p in pd.period_range(first, last, freq="M")]


def with_gaps(series: pd.DataFrame) -> pd.DataFrame:
    """A series (entity, name, period, value…) with an empty row for every month missing between an
    entity's first and last month, so a line breaks there instead of bridging the gap."""
    parts = []
    for entity, rows in series.groupby("entity", sort=False):
        grid = pd.DataFrame({"period": calendar(rows["period"].min(), rows["period"].max())})
        full = grid.merge(rows, on="period", how="left")
        full["entity"] = entity
        full["name"] = rows["name"].iloc[0]
        parts.append(full)
    if not parts:
        return series.assign(value=series["value"].astype(float), date=pd.Series([], dtype="datetime64[ns]"))
    out = pd.concat(parts, ignore_index=True)
    out["date"] = period_date(out["period"])
    return out


def rolling_mean(series: pd.DataFrame, window: int = 3, least: int = 2) -> pd.DataFrame:
    """The mean of the months available among each month and the `window - 1` before it, where the month
    itself has a value and at least `least` of the window do; expects `with_gaps` output (calendar rows)."""
    out = []
    for _entity, rows in series.groupby("entity", sort=False):
        rows = rows.sort_values("period").copy()
        mean = rows["value"].rolling(window, min_periods=least).mean()
        rows["value"] = mean.where(rows["value"].notna())
        out.append(rows)
    return pd.concat(out, ignore_index=True) if out else series


def trend(snap: Snapshot, measure: str, places: list[str], smooth: bool) -> pd.DataFrame:
    """Lines for the chosen places: name, date, value, period, with gaps as empty rows."""
    series = snap.series(MEASURES[measure], places)
    series = with_gaps(series[["entity", "name", "period", "value"]])
    if smooth:
        series = rolling_mean(series)
    order = {code: i for i, code in enumerate(places)}
    return series.sort_values(["entity", "period"], key=lambda s: s.map(order) if s.name == "entity" else s)


# --- small samples ----------------------------------------------------------------------------------
@per_snapshot
def small_samples(snap: Snapshot) -> pd.DataFrame:
    """Countries whose shares rest on few page views, by proxy (the snapshot has no page-view counts):
    latest World Bank population under 1 million, or no World Bank population figure at all (mostly
    overseas territories). Code -> people (NaN: no figure) and the year of the figure."""
    countries = snap.entities[snap.entities["kind"] == "country"].index
    pop = snap.rows("population").sort_values("period").drop_duplicates("entity", keep="last").set_index("entity")
    people, year = pop["value"].reindex(countries), pop["period"].reindex(countries).fillna("").astype(str)
    flagged = people.isna() | (people < SMALL_POPULATION)
    return pd.DataFrame({"people": people[flagged], "year": year[flagged]})


def small_sample_flags(snap: Snapshot) -> pd.Series:
    """`small_samples` as code -> reason, in the run's language (countries not flagged are absent)."""
    flags = small_samples(snap)
    under = _("under {amount} people (World Bank, {year})")
    amount = numbers.million(SMALL_POPULATION / 1e6)
    reason = [_("no World Bank population figure") if pd.isna(p) else under.format(amount=amount, year=y)
              for p, y in zip(flags["people"], flags["year"])]
    return pd.Series(reason, index=flags.index, dtype=object)


# --- map --------------------------------------------------------------------------------------------
def map_table(snap: Snapshot, measure: str, month: str, focus: str = "world", hide_small: bool = False,
              flags: pd.Series | None = None) -> pd.DataFrame:
    """One row per drawable country: value for the month and a status the map and table explain:
    'value' (above 0), 'zero' (caniuse recorded 0), 'none' (caniuse tracked the place that month but gave
    no KaiOS value: 'none recorded'), 'missing' (not in caniuse that month), 'hidden' (small sample,
    hidden by the user). `note` says why a place is flagged as a small sample."""
    flags = small_sample_flags(snap) if flags is None else flags
    out = map_values(snap, MEASURES[measure], month, focus=focus)
    totals = snap.rows(MOBILE_TOTAL)
    tracked = set(totals.loc[totals["period"] == month, "entity"])  # a mask: a third of .query()'s time
    status = np.select([out["value"] > 0, out["value"] == 0, out["entity"].isin(tracked)],
                       ["value", "zero", "none"], "missing")
    out["status"] = status
    small = _("Small sample: {reason}")
    out["note"] = out["entity"].map(flags).map(lambda r: small.format(reason=r) if isinstance(r, str) else "")
    if hide_small:  # a place caniuse does not cover stays 'missing': there is nothing to hide
        hidden = out["entity"].isin(flags.index) & (out["status"] != "missing")
        out.loc[hidden, "status"] = "hidden"
        out.loc[hidden, "value"] = np.nan
    out["rank"] = out["value"].where(out["status"] != "hidden").rank(ascending=False, method="min").astype("Int64")
    return out


def colour_domain(snap: Snapshot, measure: str, scale: str) -> tuple[float, float] | None:
    """One colour range for every month (so Play compares like with like): the log scale from caniuse's
    rounding floor to the highest country value of any month; linear from 0. Quantiles have none.
    Found once per measure (the same for every month, and a month's map asks twice)."""
    def top() -> float:
        rows = snap.rows(MEASURES[measure])
        return float(rows.loc[rows["entity"].map(snap.entities["kind"]) == "country", "value"].max())
    if scale not in ("log", "linear"):
        return None
    high = snap.memo(("kaios.colour_top", measure), top)
    return {"log": (LOG_FLOOR, high), "linear": (0.0, high)}[scale]


def cross_section_table(snap: Snapshot, month: str, focus: str, hide_small: bool) -> pd.DataFrame:
    """The table view: both measures for the month, ranked by share of all page views."""
    all_ = map_table(snap, "all", month, focus, hide_small)
    mobile = map_table(snap, "mobile", month, focus, hide_small).set_index("entity")
    table = all_[all_["status"].isin(["value", "zero", "none"])].copy()
    table["mobile"] = table["entity"].map(mobile["value"])
    table["recorded"] = table["status"].map({"value": "", "zero": _("0 recorded"), "none": _("none recorded")})
    return shown_groups(table.sort_values(["rank", "name"])[["name", "value", "mobile", "rank", "recorded", "region",
                                                             "note"]])  # the region in the run's language


# --- browsers beside KaiOS --------------------------------------------------------------------------
def browser_indicators(snap: Snapshot) -> dict[str, str]:
    """caniuse agent code -> indicator id, from the catalogue (base_id 'browser_share')."""
    ind = snap.indicators[snap.indicators["base_id"] == "browser_share"]
    return dict(zip(ind["breakdown"], ind["id"]))


def browser_mix(snap: Snapshot, place: str, group: str) -> pd.DataFrame:
    """Each browser's share of all page views in a place by month, for a stacked area: name, date, value,
    period, segment (a run of consecutive months: the area is not drawn across a missing month), order.
    group 'lowend' = KaiOS and the feature-phone/low-end browsers; 'mobile' = every mobile browser."""
    agents = browser_indicators(snap)
    codes = LOW_END + ([] if group == "lowend" else [a for a in agents if a not in LOW_END and a != KAIOS])
    parts = [(KAIOS, snap.series(ALL, [place]))] + [(a, snap.series(agents[a], [place])) for a in codes if a in agents]
    names = {KAIOS: "KaiOS"} | {a: data_(snap.indicator(agents[a])["short_label"]) for a in codes if a in agents}
    frames = [rows.assign(agent=a, name=names[a], order=i) for i, (a, rows) in enumerate(parts) if len(rows)]
    if not frames:
        return pd.DataFrame(columns=["name", "date", "value", "period", "segment", "order", "agent"])
    mix = pd.concat(frames, ignore_index=True)[["agent", "name", "period", "date", "value", "order"]]
    # A new segment starts after every month missing from the calendar (caniuse published no update).
    present = sorted(mix["period"].unique())
    ordinal = pd.Series(pd.PeriodIndex(present, freq="M").asi8 if present else [], index=present)
    segment = (ordinal.diff().fillna(1) != 1).cumsum()
    mix["segment"] = mix["period"].map(segment).astype(int)
    return mix.sort_values(["order", "period"]).reset_index(drop=True)


# --- milestones -------------------------------------------------------------------------------------
def _when(date: str) -> tuple[pd.Timestamp, str]:
    """A date given to the day, month or year, and how to say it at that precision (in the run's language)."""
    if len(date) == 10:
        return pd.Timestamp(date), numbers.day(date, long=False)
    if len(date) == 7:
        return pd.Timestamp(date + "-01"), numbers.month(date)
    return pd.Timestamp(f"{date}-07-01"), date


def milestones(snap: Snapshot) -> pd.DataFrame:
    """Device milestones (worldwide device counts from `snap.facts`) and KaiOS events (`snap.events`,
    theme kaios, kind event), each as reported with its source. One row per item: n (one number per date,
    shared by the items of that date), date, when, text, origin, source, url. Words and dates are in the
    run's language, so the table is kept once per snapshot and language."""
    return snap.memo((__name__, "milestones", lang()), lambda: _milestones(snap))


def _milestones(snap: Snapshot) -> pd.DataFrame:
    facts = snap.facts[snap.facts["metric"].isin(DEVICE_METRICS) & (snap.facts["geography"] == "World")
                       & (snap.facts["unit"] == DEVICE_UNIT)]
    items = []
    for f in facts.itertuples():
        text = _(DEVICE_METRICS[f.metric]).format(amount=numbers.qualified(f.qualifier, numbers.million(f.value)))
        items.append({"raw_date": f.date, "text": text[0].upper() + text[1:], "origin": "device fact",
                      "source": f"{data_(f.original_publisher)}: {data_(f.source_title)}", "url": f.source_url or ""})
    events = snap.events[(snap.events["theme"] == MILESTONE_THEME) & (snap.events["kind"] == MILESTONE_KIND)]
    for e in events.itertuples():  # the event as reported, in the run's language (snapshot texts: data_)
        items.append({"raw_date": e.date, "text": data_(e.title), "origin": "event", "source": data_(e.source_title),
                      "url": e.source_url or ""})
    if not items:
        return pd.DataFrame(columns=["n", "date", "when", "text", "origin", "source", "url"])
    out = pd.DataFrame(items)
    parsed = out["raw_date"].map(_when)
    out["date"] = parsed.map(lambda p: p[0])
    out["when"] = parsed.map(lambda p: p[1])
    out = out.sort_values(["date", "origin"]).reset_index(drop=True)
    out["n"] = out["date"].rank(method="dense").astype(int)
    return out[["n", "date", "when", "text", "origin", "source", "url"]]


def milestone_marks(items: pd.DataFrame) -> pd.DataFrame:
    """One mark per date for the chart: n, date, title (the items joined), source (their sources)."""
    if items.empty:
        return pd.DataFrame({"n": pd.Series([], dtype=int), "date": pd.Series([], dtype="datetime64[ns]"),
                             "title": [], "source": [], "when": []})
    grouped = items.groupby(["n", "date", "when"], sort=True)
    return grouped.agg(title=("text", " · ".join),
                       source=("source", lambda s: " · ".join(dict.fromkeys(s)))).reset_index()


def positive_only(series: pd.DataFrame) -> pd.DataFrame:
    """For a log axis: zeros cannot be drawn, so they become gaps (said in the caption, not hidden)."""
    return series.assign(value=series["value"].where(series["value"] > 0))


# --- charts of the page (shared with slides) --------------------------------------------------------
def map_spec(snap: Snapshot, values: pd.DataFrame, measure: str, month: str, region: str, scale: str,
             inline: bool = False) -> charts.Spec:
    label = measure_label(measure)
    return charts.choropleth(values, title_text=f"{label}, {month_text(month)} — {_(FOCUS_LABELS[region])}",
                             source=snap.citation(MEASURES[measure]), label=label, unit="%", period=month,
                             where=FOCUS_LABELS[region], scale=charts.ColourScale(scale, colour_domain(snap, measure, scale)),
                             zeros=True, notes=True, focus=focus_filter(region), inline_geometry=inline)


def trend_source(snap: Snapshot, measure: str, uploaded: bool, spell_out: bool = False, slide: bool = False) -> str:
    """The trend's source line. On screen the milestones' sources are listed under the chart; an exported
    image has no list, so `spell_out` writes each milestone and its source into the line; a slide's line
    (at most two lines from the back of a room) leaves them to the speaker's notes (`milestone_sources`)."""
    text = (snap.citation(MEASURES[measure])
            + (" " + _("Dashed: your uploaded file (StatCounter mobile OS share).") if uploaded else ""))
    if slide:
        return text
    if not spell_out:
        return text + " " + _("Milestones: KaiOS device facts and events as reported (sources listed below the chart).")
    return text + " " + milestone_sources(snap)


def milestone_sources(snap: Snapshot) -> str:
    """Each milestone on the time axis with its source, as one paragraph."""
    item = _("({n}) {when}: {title} [{source}].")
    return _("Milestones, as reported:") + " " + " ".join(
        item.format(n=m.n, when=m.when, title=m.title, source=m.source)
        for m in milestone_marks(milestones(snap)).itertuples())


def trend_spec(snap: Snapshot, series: pd.DataFrame, measure: str, month: str, smooth: bool, log: bool,
               uploaded: bool = False, export: bool = False) -> charts.Spec:
    label = measure_label(measure)
    first = months(snap)[0]
    return charts.milestone_series(
        series, title=_("{label} (%) by month, with KaiOS milestones").format(label=label),
        source=trend_source(snap, measure, uploaded, spell_out=export),
        label=_("{label} (3-month mean)").format(label=label) if smooth else label, unit="%", milestones=milestone_marks(milestones(snap)),
        series_start=period_date(pd.Series([first])).iloc[0], marker=period_date(pd.Series([month])).iloc[0],
        marker_label=month_text(month), log=log)


def browsers_source(snap: Snapshot) -> str:
    """The caniuse publication behind every browser agent (one source for the whole stack)."""
    return snap.source_citation(snap.indicator(ALL)["source_id"])


def browsers_spec(snap: Snapshot, mix: pd.DataFrame, place: str, month: str, group: str) -> charts.Spec:
    names = tuple(mix.drop_duplicates("name").sort_values("order")["name"])
    which = _("KaiOS and low-end mobile browsers") if group == "lowend" else _("Mobile browsers")
    return charts.stacked_area(mix, title=_("{which}: share of all page views — {place}").format(
                                   which=which, place=snap.name(place)),
                               source=browsers_source(snap), label=_("Share of all page views"), unit="%", names=names,
                               marker=period_date(pd.Series([month])).iloc[0], marker_label=month_text(month))
