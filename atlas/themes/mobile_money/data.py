"""Mobile money's data shaping (pure): measures and their periods, map/trend tables, GSMA regional points
and the headline figures.

Three publishers, three shapes: World Bank Findex (survey, irregular waves, demographic slices), IMF
FAS (supply-side, yearly to 2019) and GSMA (regional aggregates, revised between report editions).
Everything the explorer, the overview card and the slides show is computed here from the snapshot.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

import re

from ... import charts, numbers
from ...i18n import N_, _, data_
from ...regions import FOCUS_LABELS, focus_filter, map_values
from ...store import Snapshot, period_date, shown_groups
from ...story import bare_title

# The units of the indicators these views show, as the charts write them (`_(unit)`).
UNITS = (N_("USD billion"), N_("billion transactions"), N_("million accounts"), N_("million agents"),
         N_("% of GDP"), N_("per 1,000 adults"), N_("per 100,000 adults"), N_("percentage points"))

# The country measures, a short plainly named list: key -> (indicator id, label in the list).
# Only ratios comparable across countries are offered; FAS amounts in national currency and raw counts
# (catalogue `comparable_across_countries` False) are left out of the map on purpose.
GAP = "findex_mobile_money_gender_gap"
MEASURES = {
    "mobile_money": ("findex_mobile_money", N_("Mobile money account (% of adults) · Findex")),
    "account": ("findex_account", N_("Any account, bank or mobile money (% of adults) · Findex")),
    "fi_account": ("findex_fi_account", N_("Bank or other financial institution account (% of adults) · Findex")),
    "gender_gap": (GAP, N_("Mobile money gender gap (men minus women, points) · Findex")),
    "tx_value_gdp": ("fas_tx_value_pct_gdp", N_("Mobile money transactions value (% of GDP) · IMF FAS")),
    "tx_per_1000": ("fas_tx_per_1000", N_("Mobile money transactions per 1,000 adults · IMF FAS")),
    "accounts_per_1000": ("fas_accounts_registered_per_1000", N_("Registered accounts per 1,000 adults · IMF FAS")),
    "active_per_1000": ("fas_accounts_active_per_1000", N_("Active accounts per 1,000 adults · IMF FAS")),
    "agents_per_100k": ("fas_agents_registered_per_100k", N_("Registered agent outlets per 100,000 adults · IMF FAS")),
    "active_agents_per_100k": ("fas_agents_active_per_100k", N_("Active agent outlets per 100,000 adults · IMF FAS")),
    "balances_gdp": ("fas_balances_pct_gdp", N_("Balances on mobile money accounts (% of GDP) · IMF FAS")),
}
MEASURE_LABELS = {k: v[1] for k, v in MEASURES.items()}
# Findex slices (catalogue `breakdown`); the indicator id is '<base>.<slice>'.
SLICES = {"all": N_("All adults"), "women": N_("Women"), "men": N_("Men"), "poorest40": N_("Poorest 40 %"),
          "richest60": N_("Richest 60 %"), "age15_24": N_("Ages 15–24"), "age25plus": N_("Ages 25+"),
          "rural": N_("Rural"), "urban": N_("Urban")}

# GSMA regional measures: key -> indicator id.
GSMA_METRICS = {"value": "gsma_tx_value", "volume": "gsma_tx_volume", "registered": "gsma_registered_accounts",
                "active": "gsma_active_accounts_30d", "agents": "gsma_agents_registered",
                "active_agents": "gsma_agents_active"}
GSMA_KINDS = ("world", "gsma_region")
AFRICA, SSA, WORLD = "GSMA_AFRICA", "GSMA_SSA", "WLD"
AFRICA_PARTS = ["GSMA_EAF", "GSMA_WAF", "GSMA_CAF", "GSMA_SAF", "GSMA_NAF"]  # GSMA's five African sub-regions
DEFAULT_GSMA = [WORLD, AFRICA, SSA, "GSMA_EAF", "GSMA_WAF"]
DEFAULT_PLACES = ["KEN", "GHA", "TZA", "UGA", "BGD", "NGA"]
# The year this project's story leads with (a choice of year, not a figure: every number comes from data).
STORY_YEAR = "2022"


# --- catalogue ------------------------------------------------------------------------------------
def is_findex(measure: str) -> bool:
    return MEASURES[measure][0].startswith("findex")


def sliceable(measure: str) -> bool:
    """Findex shares come by slice; the gender gap is itself a comparison, FAS has no slices."""
    return is_findex(measure) and MEASURES[measure][0] != GAP


def indicator_id(snap: Snapshot, measure: str, slice_: str = "all") -> str | None:
    """The snapshot indicator for a measure and slice; None where Findex publishes no such slice."""
    base = MEASURES[measure][0]
    if not sliceable(measure) or slice_ == "all":
        return base
    ind = f"{base}.{slice_}"
    return ind if ind in snap.indicators.index else None


def measure_periods(snap: Snapshot, measure: str) -> list[str]:
    """The periods the slider steps through: Findex waves only, FAS years (countries with a value)."""
    return snap.periods(MEASURES[measure][0])


def all_periods(snap: Snapshot) -> list[str]:
    """Every year from the first to the last of any measure: a link may name any of them (a 2022 Findex
    fieldwork year, say) and the page moves it to the nearest period of the indicator, saying so."""
    years = [int(p) for m in MEASURES for p in measure_periods(snap, m)]
    return [str(y) for y in range(min(years), max(years) + 1)]


def nearest_period(periods: list[str], year: str) -> str:
    """The latest period at or before `year`, else the first: a 2022 fieldwork year lands on the 2021
    wave, a Findex year between waves on the wave before it, a year after FAS's last on its last."""
    earlier = [p for p in periods if p <= year]
    return earlier[-1] if earlier else periods[0]


def moved_notice(snap: Snapshot, measure: str, asked: str, shown: str) -> str:
    periods = measure_periods(snap, measure)
    if is_findex(measure):
        why = (_("Findex counts 2022 fieldwork as part of its 2021 wave") if shown == "2021" and asked == "2022"
               else _("Findex has no {year} wave for this indicator (waves: {waves})").format(
                   year=asked, waves=", ".join(periods)))
        return _("{why}; showing the {year} wave.").format(why=why, year=shown)
    return _("The IMF FAS series in this snapshot run {first}–{last}; showing {year}.").format(
        first=periods[0], last=periods[-1], year=shown)


def place_codes(snap: Snapshot) -> set[str]:
    """Everything with a value for a country measure: countries, and Findex's World and regions."""
    return set().union(*(set(snap.rows(MEASURES[m][0])["entity"]) for m in MEASURES))


def gsma_codes(snap: Snapshot) -> set[str]:
    ents = snap.entities
    codes = set(ents.index[ents["kind"].isin(GSMA_KINDS)])
    have = set().union(*(set(snap.rows(i, alternates=True)["entity"]) for i in GSMA_METRICS.values()))
    return codes & have


# --- country map, table and trend -----------------------------------------------------------------
def with_wave_notes(frame: pd.DataFrame) -> pd.DataFrame:
    """Say so where a Findex value comes from fieldwork in another year: '2021 (fieldwork in 2022)'."""
    notes = frame["note"].fillna("").astype(str)
    noted = notes.str.startswith("fieldwork") & frame["value"].notna()
    out = frame.copy()
    said = _("{wave} (fieldwork in {year})")
    out.loc[noted, "period"] = [said.format(wave=p, year=re.sub(r"\D", "", n) or n)
                                for p, n in zip(out.loc[noted, "period"], notes[noted])]
    return out


def map_table(snap: Snapshot, ind: str, year: str, region: str) -> pd.DataFrame:
    """One row per drawable country in the region; no reaching back to earlier years (waves and FAS
    years are shown as they are)."""
    return with_wave_notes(map_values(snap, ind, year, focus=region, tolerance=0))


def table(values: pd.DataFrame) -> pd.DataFrame:
    """The values behind a map, highest first."""
    return shown_groups(values[values["value"].notna()].sort_values(["rank", "name"])[
        ["name", "value", "period", "rank", "region", "income_group", "entity"]])  # entity: the ISO code, CSV only


def colour_scale(snap: Snapshot, ind: str) -> dict:
    """How a map colours this indicator, fixed across periods so Play compares like with like.
    Shares: 0–100. The signed gender gap: a diverging scheme centred on 0. FAS ratios span four or five
    orders of magnitude (one country can be 500 times the median), so a log scale from the 5th
    percentile of all years to the maximum, both out to a power of ten (`log_domain`)."""
    unit = snap.indicator(ind)["unit"]
    values = snap.rows(ind)["value"]
    if unit == "%":
        return {"domain": (0.0, 100.0)}
    if unit == "percentage points":
        reach = float(max(abs(values.min()), abs(values.max()), 1.0))
        reach = float(-(-reach // 5) * 5)  # up to a multiple of 5 points, for a readable legend
        return {"domain": (-reach, reach), "scheme": "purpleorange"}
    low = values[values > 0].quantile(0.05)
    return {"log_domain": (10.0 ** math.floor(math.log10(low)), 10.0 ** math.ceil(math.log10(values.max())))}


def legend_label(snap: Snapshot, ind: str, measure: str) -> str:
    """The map legend's words; the builder adds the unit, so a label that ends with it drops it."""
    if MEASURES[measure][0] == GAP:
        return _("Gender gap, men minus women")
    if is_findex(measure):
        return snap.indicator(ind)["short_label"]
    unit = unit_text(snap, ind)
    label = measure_name(measure)
    return label.removesuffix(f" ({unit})").removesuffix(f" {unit}")


def unit_text(snap: Snapshot, ind: str) -> str:
    """The indicator's unit as the charts write it ('% du PIB' in French)."""
    unit = snap.indicator(ind)["unit"]
    return _(unit)


def measure_name(measure: str) -> str:
    """The measure's name in the list, without its publisher ('… (% of GDP)'), in the run's language."""
    return _(MEASURE_LABELS[measure]).split(" · ")[0]


def map_title(snap: Snapshot, ind: str, measure: str, year: str, region: str) -> str:
    when = _("{year} wave").format(year=year) if is_findex(measure) else year
    return f"{snap.indicator(ind)['label']} — {when}, {_(FOCUS_LABELS[region])}"


def map_scale(snap: Snapshot, ind: str) -> charts.ColourScale:
    scale = colour_scale(snap, ind)
    if "log_domain" in scale:
        return charts.ColourScale("log", scale["log_domain"])
    if scale.get("scheme") == "purpleorange":
        return charts.ColourScale("diverging", scale["domain"])
    return charts.ColourScale("linear", scale["domain"])


def map_spec(snap: Snapshot, values: pd.DataFrame, ind: str, measure: str, year: str, region: str,
             inline: bool = False) -> charts.Spec:
    return charts.choropleth(values, title_text=map_title(snap, ind, measure, year, region),
                             source=snap.citation(ind), label=legend_label(snap, ind, measure),
                             unit=snap.indicator(ind)["unit"], period=year, where=FOCUS_LABELS[region],
                             focus=focus_filter(region), scale=map_scale(snap, ind), inline_geometry=inline)


def scale_note(snap: Snapshot, ind: str) -> str:
    """What the map's colours mean, for its caption."""
    scale = colour_scale(snap, ind)
    if "log_domain" in scale:
        low, high = (numbers.significant(x, 10) for x in scale["log_domain"])
        return _("Colours on a log scale from {low} to {high} (the same for every year); values up to {low}, "
                 "zero included, share the lightest colour.").format(low=low, high=high)
    if scale.get("scheme") == "purpleorange":
        return _("Orange: men ahead; purple: women ahead.")
    return ""


def no_data_message(snap: Snapshot, ind: str | None, measure: str, slice_: str, year: str) -> str:
    """The plain message for a choice with nothing to draw, saying where there is data instead."""
    group = f", {_(SLICES[slice_]).lower()}" if sliceable(measure) and slice_ != "all" else ""
    what = f"{measure_name(measure)}{group}"
    if ind is None:
        return _("No data for this choice: Findex publishes no '{group}' figures for this indicator.").format(
            group=_(SLICES[slice_]))
    have = snap.periods(ind)
    where = (_("Periods with values for this choice: {periods}.").format(periods=", ".join(have)) if have
             else _("There are no values for this choice in any period."))
    return _("No data for this choice: {what} has no country values for {year}.").format(what=what, year=year) \
        + " " + where


def trend_series(snap: Snapshot, ind: str, places: list[str], log: bool = False) -> pd.DataFrame:
    series = with_wave_notes(snap.series(ind, places))
    return series[series["value"] > 0] if log else series  # a log axis cannot show zero or less


def trend_spec(snap: Snapshot, series: pd.DataFrame, ind: str, measure: str, year: str, log: bool) -> charts.Spec:
    meta = snap.indicator(ind)
    return charts.time_series(series, title=meta["label"], source=snap.citation(ind),
                              label=legend_label(snap, ind, measure),
                              unit=meta["unit"], log=log, marker=period_date(pd.Series([year])).iloc[0],
                              marker_label=year)


def missing_places(snap: Snapshot, series: pd.DataFrame, places: list[str]) -> list[str]:
    have = set(series["entity"])
    return [snap.name(c) for c in places if c not in have]


# --- GSMA regions ---------------------------------------------------------------------------------
def gsma_points(snap: Snapshot, ind: str, regions: list[str]) -> pd.DataFrame:
    """Every published figure for these regions, the latest report edition's (`latest`) and the others,
    each with its page, edition and wording; a figure revised later says to what."""
    rows = snap.series(ind, regions, alternates=True)
    src = snap.sources.loc[rows["source_id"]]
    out = pd.DataFrame({
        "entity": rows["entity"].values, "name": rows["name"].values, "period": rows["period"].values,
        "date": rows["date"].values, "value": rows["value"].values, "latest": rows["preferred"].astype(bool).values,
        "source_title": src["title"].values, "source_url": src["url"].values, "edition": src["vintage"].values,
        "note": rows["note"].fillna("").map(data_).values,  # how it was reported, in the run's language
    })
    drawn = out[out["latest"]].set_index(["entity", "period"])
    key = pd.MultiIndex.from_frame(out[["entity", "period"]])
    drawn_value = drawn["value"].reindex(key).values
    drawn_edition = drawn["edition"].reindex(key).values
    out["edition"] = out["edition"].map(data_)  # "report edition 2022", in the run's language
    drawn_edition = pd.Series(drawn_edition, dtype=object).map(data_).values
    drawn_text, same, earlier = _("Latest report edition (drawn)"), _("Also reported, same figure ({edition})"), \
        _("Earlier figure ({edition}), revised to {value} ({drawn})")
    out["status"] = [
        drawn_text if latest
        else (same.format(edition=edition) if value == dv
              else earlier.format(edition=edition, value=numbers.significant(dv, 4), drawn=de))
        for latest, value, dv, edition, de in zip(out["latest"], out["value"], drawn_value, out["edition"],
                                                  drawn_edition)
    ]
    return out.sort_values(["name", "period", "latest"], ascending=[True, True, False]).reset_index(drop=True)


def gsma_source(snap: Snapshot, ind: str, points: pd.DataFrame) -> str:
    pages = points["source_title"].nunique()
    editions = sorted(points["edition"].str.extract(r"(\d{4})")[0].dropna().unique())
    span = (_("report editions {first}–{last}").format(first=editions[0], last=editions[-1]) if len(editions) > 1
            else _("report edition {year}").format(year=editions[0]))
    return snap.citation(ind) + " " + _("This chart: {pages}, {span}; hover a point for its page.").format(
        pages=numbers.plural(pages, "page", "pages"), span=span)


def gsma_spec(snap: Snapshot, ind: str, points: pd.DataFrame, log: bool) -> charts.Spec:
    meta = snap.indicator(ind)
    return charts.revised_series(points, title=_("{label} by region ({unit})").format(label=meta["label"],
                                                                                      unit=unit_text(snap, ind)),
                                 source=gsma_source(snap, ind, points), label=meta["short_label"],
                                 unit=meta["unit"], log=log)


def gsma_table(points: pd.DataFrame) -> pd.DataFrame:
    return points[["name", "period", "value", "status", "note", "source_title", "edition", "source_url"]]


def africa_parts_check(snap: Snapshot, ind: str = "gsma_tx_value") -> dict | None:
    """The latest year where GSMA's five African sub-regions (North Africa included) add up to its
    'Africa' total: the evidence that 'Africa (as reported)' is continent-wide, not Sub-Saharan."""
    rows = snap.rows(ind)
    wide = rows[rows["entity"].isin([AFRICA, *AFRICA_PARTS])].pivot_table(
        index="period", columns="entity", values="value", aggfunc="first")
    for period in sorted(wide.index, reverse=True):
        row = wide.loc[period]
        if all(pd.notna(row.get(c)) for c in [AFRICA, *AFRICA_PARTS]):
            parts = float(row[AFRICA_PARTS].sum())
            if abs(parts - float(row[AFRICA])) < 0.05:
                return {"period": period, "parts": parts, "total": float(row[AFRICA]),
                        "north": float(row["GSMA_NAF"]), "unit": snap.indicator(ind)["unit"]}
    return None


# --- the headline ---------------------------------------------------------------------------------
@dataclass
class Figure:
    value: float
    source_id: str
    note: str


@dataclass
class Headline:
    year: str
    world: Figure | None
    africa: Figure | None
    share: float | None          # Africa's share of world value, %
    share_reported: bool         # True: GSMA's own figure; False: computed here from the two values
    share_source: str | None


def _figure(snap: Snapshot, ind: str, entity: str, year: str) -> Figure | None:
    row = snap.observation(ind, entity, year, exact=True)
    if row is None:
        return None
    return Figure(float(row["value"]), str(row["source_id"]), str(row["note"] or ""))


def headline(snap: Snapshot, year: str) -> Headline:
    """World and Africa mobile money transaction value for a year, and Africa's share: GSMA's reported
    share where there is one, else computed from the two values (and marked so)."""
    world = _figure(snap, "gsma_tx_value", WORLD, year)
    africa = _figure(snap, "gsma_tx_value", AFRICA, year)
    reported = _figure(snap, "gsma_share_tx_value", AFRICA, year)
    if reported:
        return Headline(year, world, africa, reported.value, True, reported.source_id)
    share = 100 * africa.value / world.value if world and africa else None
    return Headline(year, world, africa, share, False, None)


def latest_year(snap: Snapshot) -> str:
    """The latest year with a world transaction value."""
    rows = snap.rows("gsma_tx_value")
    return rows.loc[rows["entity"] == WORLD, "period"].max()


usd_bn, share_words = numbers.usd_bn, numbers.share_words  # the one number-formatting module


def source_link(snap: Snapshot, source_id: str) -> str:
    """'[title](url) (report edition 2023)' in Markdown, for captions."""
    src = snap.source(source_id)
    return f"[{bare_title(src['title'])}]({src['url']}) ({data_(src['vintage'])})"


def md(text: str) -> str:
    """Escape dollar signs: Streamlit Markdown reads '$…$' as LaTeX."""
    return text.replace("$", "\\$")


# --- caveats --------------------------------------------------------------------------------------
def fieldwork_economies(snap: Snapshot, measure: str = "account") -> int:
    rows = snap.rows(MEASURES[measure][0])
    rows = rows[rows["entity"].map(snap.entities["kind"]) == "country"]
    return int(rows.loc[rows["note"].fillna("").str.startswith("fieldwork"), "entity"].nunique())


def left_out_fas(snap: Snapshot) -> list[str]:
    """FAS series not mapped because they are not comparable across countries."""
    ind = snap.indicators
    fas = ind[ind["id"].str.startswith("fas_") & ~ind["comparable_across_countries"].astype(bool)]
    return [snap.indicator(i)["label"] for i in fas["id"]]  # in the run's language
