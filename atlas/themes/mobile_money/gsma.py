"""The mobile money views of GSMA's Global Mobile Money Dataset (pure: no Streamlit). The explorer declaration
(`explorer`) calls these; the page, the presenter's slides and the exports go through it.

Value and volume are GSMA's **monthly** figures for each quarter's last month (March, June, September,
December): a chart says "in the month", never adds them into a year. The annual figures are GSMA's own
(`Usage - Product`, the edition's year). Every area is a GSMA region or sub-region, never a country: the
regional map paints each country GSMA lists with its area's figure and says so.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ... import charts, numbers
from ...charts import regional
from ...charts.finish import unit_text
from ...i18n import N_, _, data_
from ...store import Snapshot, per_snapshot, period_date, vintage
from ..common import MAP_CLICK

SOURCE = "gsma_mmd"
WORLD, AFRICA, SSA = "WLD", "GSMA_AFRICA", "GSMA_SSA"
REGIONS = ["GSMA_EAP", "GSMA_ECA", "GSMA_LAC", "GSMA_MENA", "GSMA_SAS", "GSMA_SSA"]  # GSMA's six regions
SUBREGIONS = ["GSMA_EAF", "GSMA_CAF", "GSMA_SAF", "GSMA_WAF", "GSMA_NAF", "GSMA_WAS"]
AREAS = [WORLD, *REGIONS, AFRICA, *SUBREGIONS]
FIRST_DRAWN = "2011-12"  # GSMA's Read me documents accounts, agents and usage from December 2011

# What the lines and the map can show: key -> (label, unit as written, how it is computed)
MEASURES = {
    "value": (N_("Transaction value"), N_("US$ bn in the month")),
    "volume": (N_("Transactions"), N_("million transactions in the month")),
    "per_tx": (N_("Value per transaction"), N_("US$ per transaction")),
    "world_share": (N_("Share of world transaction value"), N_("% of the world's value in the month")),
    "registered": (N_("Registered accounts"), N_("million accounts, cumulative")),
    "active30": (N_("Accounts active in the last 30 days"), N_("million accounts")),
    "active_share": (N_("Registered accounts active in the last 30 days"), N_("% of registered accounts")),
    "agents": (N_("Registered agent outlets"), N_("thousand outlets, cumulative")),
    "active_agents": (N_("Agent outlets active in the last 30 days"), N_("thousand outlets")),
}
MEASURE_CHOICES = {k: f"{label} ({unit})" for k, (label, unit) in MEASURES.items()}  # URL values (English)


def measure_choice(key: str) -> str:
    """A measure as the list writes it, in the run's language: 'Transaction value (US$ bn in the month)'."""
    label, unit = MEASURES[key]
    return f"{_(label)} ({_(unit)})"
_BASE = {"value": ("gsma_mm_value", 1e9), "volume": ("gsma_mm_volume", 1e6),
         "registered": ("gsma_mm_accounts_registered", 1e6), "active30": ("gsma_mm_accounts_active_30d", 1e6),
         "agents": ("gsma_mm_agents_registered", 1e3), "active_agents": ("gsma_mm_agents_active_30d", 1e3)}
# The indicators behind each measure (their citation and caveats)
INDICATORS = {"value": ["gsma_mm_value"], "volume": ["gsma_mm_volume"], "per_tx": ["gsma_mm_value", "gsma_mm_volume"],
              "world_share": ["gsma_mm_value"], "registered": ["gsma_mm_accounts_registered"],
              "active30": ["gsma_mm_accounts_active_30d"],
              "active_share": ["gsma_mm_accounts_active_30d", "gsma_mm_accounts_registered"],
              "agents": ["gsma_mm_agents_registered"], "active_agents": ["gsma_mm_agents_active_30d"]}
PRODUCTS = {"p2p": N_("P2P transfers"), "merchant": N_("Merchant payments"), "bill": N_("Bill payments"),
            "bulk": N_("Bulk disbursements"), "airtime": N_("Airtime top-ups"),
            "ir": N_("International remittances"), "cash_in": N_("Cash-in"), "cash_out": N_("Cash-out")}
MIX_BY = {"value": N_("Value"), "volume": N_("Number of transactions")}
DEFAULT_AREAS = REGIONS


def area_name(snap: Snapshot, code: str) -> str:
    return snap.name(code)


@per_snapshot
def area_codes(snap: Snapshot) -> list[str]:
    return [c for c in AREAS if c in snap.entities.index]


def citation(snap: Snapshot) -> str:
    return snap.citation("gsma_mm_value")


# --- lines ------------------------------------------------------------------------------------------
def _raw(snap: Snapshot, ind: str, areas: list[str]) -> pd.DataFrame:
    rows = snap.rows(ind)
    return rows[rows["entity"].isin(areas)].pivot(index="period", columns="entity", values="value")


def measure_frame(snap: Snapshot, measure: str, areas: list[str]) -> pd.DataFrame:
    """period x area, in the measure's unit, from December 2011 (values as GSMA gives them, scaled)."""
    if measure in _BASE:
        ind, scale = _BASE[measure]
        wide = _raw(snap, ind, areas) / scale
    elif measure == "per_tx":
        wide = _raw(snap, "gsma_mm_value", areas) / _raw(snap, "gsma_mm_volume", areas)
    elif measure == "world_share":
        value = _raw(snap, "gsma_mm_value", sorted(set(areas) | {WORLD}))
        wide = 100 * value[areas].div(value[WORLD], axis=0)
    elif measure == "active_share":
        wide = 100 * _raw(snap, "gsma_mm_accounts_active_30d", areas) / _raw(snap, "gsma_mm_accounts_registered", areas)
    else:
        raise KeyError(measure)
    wide = wide[wide.index >= FIRST_DRAWN]
    return wide.replace([float("inf"), float("-inf")], float("nan"))


def series(snap: Snapshot, measure: str, areas: list[str]) -> pd.DataFrame:
    wide = measure_frame(snap, measure, areas)
    out = wide.reset_index().melt(id_vars="period", var_name="entity", value_name="value").dropna(subset=["value"])
    out = out[[e in areas for e in out["entity"]]]
    out["name"] = out["entity"].map(lambda c: area_name(snap, c))
    out["date"] = period_date(out["period"])
    return out.sort_values(["entity", "period"]).reset_index(drop=True)


def label_unit(measure: str) -> tuple[str, str]:
    label, unit = MEASURES[measure]
    return label, unit


def lines_title(measure: str) -> str:
    label, unit = label_unit(measure)
    return _("{label} by GSMA region ({unit}), at each quarter's last month").format(label=_(label), unit=_(unit))


def lines_spec(snap: Snapshot, measure: str, frame: pd.DataFrame, log: bool = False) -> charts.Spec:
    label, unit = label_unit(measure)
    return charts.time_series(frame, title=lines_title(measure), source=citation(snap), label=label, unit=unit,
                              log=log, time_unit="month")


def lines_caption(measure: str) -> str:
    what = {
        "value": _("Each point is the value of the transactions in one month, the last of its quarter (March, June, "
                   "September, December), as GSMA publishes it: not a quarterly or an annual total."),
        "volume": _("Each point is the number of transactions in one month, the last of its quarter: not a "
                    "quarterly or an annual total."),
        "per_tx": _("Value divided by number of transactions in the same month (computed here)."),
        "world_share": _("The area's value as a share of GSMA's world value in the same month (computed here): "
                         "Africa's share of the world, say."),
        "registered": _("Registered accounts are cumulative at the end of the month shown."),
        "active30": _("Accounts used for at least one transaction in the 30 days before the end of the month."),
        "active_share": _("Accounts active in the last 30 days divided by registered accounts at the same date "
                          "(computed here)."),
        "agents": _("Registered agent outlets are cumulative at the end of the month shown."),
        "active_agents": _("Agent outlets that handled at least one transaction in the 30 days before the end of "
                           "the month."),
    }[measure]
    return " ".join([what, _("Drawn from December 2011, where GSMA's Read me starts its documented series. GSMA's "
                             "regions are its own, not the World Bank's or ITU's regions of the same names.")])


# --- product mix ------------------------------------------------------------------------------------
def annual_year(snap: Snapshot) -> str:
    return snap.periods("gsma_mm_year_value", kind=None)[-1]


def mix_year(snap: Snapshot, by: str, areas: list[str] | None = None) -> pd.DataFrame:
    """Each area's annual total split by product (share %, amount in US$ bn or million transactions)."""
    base, scale = ("gsma_mm_year_value", 1e9) if by == "value" else ("gsma_mm_year_volume", 1e6)
    year = annual_year(snap)
    rows = []
    for code in areas or area_codes(snap):
        amounts = {p: snap.value(f"{base}.{p}", code, year) for p in PRODUCTS}
        total = sum(v for v in amounts.values() if v is not None)
        if not total:
            continue
        for order, (p, v) in enumerate(amounts.items()):
            if v is not None:
                rows.append({"entity": code, "name": area_name(snap, code), "category": _(PRODUCTS[p]),
                             "share": 100 * v / total, "amount": v / scale, "order": order, "period": year})
    return pd.DataFrame(rows, columns=["entity", "name", "category", "share", "amount", "order", "period"])


def mix_unit(by: str) -> tuple[str, str]:
    return (N_("transaction value"), N_("US$ bn in the year")) if by == "value" else \
        (N_("number of transactions"), N_("million transactions in the year"))


def mix_year_spec(snap: Snapshot, by: str, frame: pd.DataFrame) -> charts.Spec:
    label, unit = mix_unit(by)
    title = _("What mobile money is used for: share of {what} by product, {year}").format(
        what=_(label), year=annual_year(snap))
    return regional.share_bars(frame, title=title, source=snap.citation(f"gsma_mm_year_{by}"), label=label, unit=unit,
                               categories=[_(p) for p in PRODUCTS.values()])


def mix_time(snap: Snapshot, by: str, area: str) -> pd.DataFrame:
    """One area's product shares in each quarter-end month (from December 2011)."""
    base = "gsma_mm_value" if by == "value" else "gsma_mm_volume"
    parts = {p: _raw(snap, f"{base}.{p}", [area]).get(area) for p in PRODUCTS}
    wide = pd.DataFrame({p: s for p, s in parts.items() if s is not None})
    wide = wide[wide.index >= FIRST_DRAWN]
    total = wide.sum(axis=1)
    shares = (100 * wide.div(total.where(total > 0), axis=0)).dropna(how="all")
    out = shares.reset_index().melt(id_vars="period", var_name="product", value_name="share").dropna()
    out["category"] = out["product"].map(lambda p: _(PRODUCTS[p]))
    out["date"] = period_date(out["period"])
    return out.sort_values(["period", "product"]).reset_index(drop=True)


def mix_time_spec(snap: Snapshot, by: str, area: str, frame: pd.DataFrame) -> charts.Spec:
    label, _unit = mix_unit(by)
    title = _("What mobile money is used for in {area}: share of {what} by product, each quarter's last month").format(
        area=area_name(snap, area), what=_(label))
    return regional.share_areas(frame, title=title, source=citation(snap), label=label,
                                categories=[_(p) for p in PRODUCTS.values()])


# --- the regional map -------------------------------------------------------------------------------
@per_snapshot
def listed(snap: Snapshot) -> pd.DataFrame:
    """The countries GSMA lists, each with the area whose figure paints it (its African or Middle East
    sub-region, else its region)."""
    ent = snap.entities
    out = ent.loc[ent["gsma_area"].notna(), ["code", "gsma_area"]].rename(columns={"code": "entity"})
    return out.reset_index(drop=True)


def map_years(snap: Snapshot, measure: str) -> list[str]:
    """Years whose December figure the map can show (from 2011)."""
    wide = measure_frame(snap, measure, area_codes(snap))
    return sorted({p[:4] for p in wide.dropna(how="all").index if p.endswith("-12")})


def map_domain(snap: Snapshot, measure: str) -> tuple[float, float]:
    """One log colour scale for every year (Play compares like with like): the smallest positive and the
    largest figure of the painted areas over all Decembers (the low end at the 5th percentile, out to a power of
    ten below: the first years' near-zero figures would otherwise wash out every later year)."""
    import math
    painted = sorted(set(listed(snap)["gsma_area"]))
    wide = measure_frame(snap, measure, painted)
    values = wide[[p.endswith("-12") for p in wide.index]].stack()
    values = values[values > 0]
    if values.empty:
        return (1.0, 10.0)
    return (10.0 ** math.floor(math.log10(values.quantile(0.05))), float(values.max()))


def map_table(snap: Snapshot, measure: str, year: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(countries with the index of their area, areas with name and value in December of `year`)."""
    countries = listed(snap)
    painted = sorted(set(countries["gsma_area"]))
    wide = measure_frame(snap, measure, painted)
    period = f"{year}-12"
    row = wide.loc[period] if period in wide.index else pd.Series(dtype=float)
    areas = pd.DataFrame({"entity": painted, "name": [area_name(snap, c) for c in painted],
                          "value": [row.get(c, float("nan")) for c in painted]})
    index = {c: i for i, c in enumerate(painted)}
    countries = countries.assign(a=countries["gsma_area"].map(index),
                                 name=countries["entity"].map(lambda c: snap.name(c)))
    return countries, areas


def map_title(measure: str, year: str) -> str:
    label, unit = label_unit(measure)
    return _("{label} ({unit}) of each country's GSMA region, December {year}").format(
        label=_(label), unit=_(unit), year=year)


def map_spec(snap: Snapshot, measure: str, year: str, countries: pd.DataFrame, areas: pd.DataFrame,
             inline: bool = False) -> charts.Spec:
    label, unit = label_unit(measure)
    return regional.regional_map(countries, areas, title_text=map_title(measure, year), source=citation(snap),
                                 label=label, unit=unit, period=f"{year}-12", domain=map_domain(snap, measure),
                                 inline_geometry=inline)


def map_caption(snap: Snapshot, countries: pd.DataFrame, areas: pd.DataFrame) -> str:
    return " ".join([
        _("Regional figures, not country figures: GSMA publishes no country values, so each of the {count} it "
          "lists is painted with its region's figure (the African and Middle East sub-regions where GSMA gives "
          "them); hover a country to see which region.").format(
            count=numbers.plural(len(countries), "country", "countries")),
        _("Grey: not covered by GSMA's list of countries."),
        _("December of each year; colours on one log scale for every year."),
        _(MAP_CLICK),
    ])


def map_table_rows(countries: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """The figures behind the map: one row per area with its value and how many listed countries it paints."""
    counts = countries["gsma_area"].value_counts()
    return areas.assign(countries=areas["entity"].map(counts).fillna(0).astype(int))[["name", "value", "countries"]]


# --- reported figures and the dataset's -------------------------------------------------------------
# reported indicator (press and report pages) -> (dataset indicator, how to read it, scale to the reported unit)
REPORTED = {
    "gsma_registered_accounts": ("gsma_mm_accounts_registered", "december", 1e6),
    "gsma_active_accounts_30d": ("gsma_mm_accounts_active_30d", "december", 1e6),
    "gsma_active_accounts_90d": ("gsma_mm_accounts_active_90d", "december", 1e6),
    "gsma_agents_registered": ("gsma_mm_agents_registered", "december", 1e6),
    "gsma_agents_active": ("gsma_mm_agents_active_30d", "december", 1e6),
    "gsma_tx_value": ("gsma_mm_year_value", "year", 1e9),
    "gsma_tx_volume": ("gsma_mm_year_volume", "year", 1e9),
}


def revisions(snap: Snapshot, areas: list[str] | None = None) -> pd.DataFrame:
    """Every figure reported by GSMA's reports and press (latest edition per year) for an area the dataset
    covers, beside the dataset's figure for the same thing (December for stocks, the annual table for flows)
    and the revision. Where the dataset has no such figure (an annual value before its annual table's year) it
    says so, and nothing is estimated."""
    keep = set(areas or area_codes(snap))
    rows = []
    for reported, (current, how, scale) in REPORTED.items():
        if reported not in snap.indicators.index:
            continue
        got = snap.rows(reported)
        for r in got[got["entity"].isin(keep)].itertuples():
            period = f"{r.period}-12" if how == "december" else r.period
            now = snap.value(current, r.entity, period)
            value = now / scale if now is not None else None
            src = snap.source(r.source_id)
            rows.append({"name": area_name(snap, r.entity), "entity": r.entity, "indicator": reported,
                         "measure": snap.indicator(reported)["short_label"], "unit": unit_text(snap.indicator(reported)["unit"]),
                         "year": r.period, "reported": r.value, "edition": vintage(src["vintage"]),
                         "current": value, "revision": None if value is None else value - r.value,
                         "revision_pct": None if value is None or not r.value else 100 * (value - r.value) / r.value,
                         "status": (_("in the dataset (December)") if how == "december" else _("in the dataset (annual table)"))
                         if value is not None else _("not in the dataset: GSMA gives monthly figures only for this year"),
                         "source_title": src["title"], "source_url": src["url"]})
    out = pd.DataFrame(rows)
    return out.sort_values(["measure", "name", "year"]).reset_index(drop=True) if len(out) else out


@dataclass
class Latest:
    year: str
    world: float          # US$ bn in the year (GSMA's annual table)
    africa: float
    share: float          # Africa's share of the world's value, % (computed here)
    edition: str          # the dataset's edition, in the run's language


def latest(snap: Snapshot) -> Latest:
    """The dataset's annual world and Africa transaction value (the `Usage - Product` year), read from the
    snapshot."""
    year = annual_year(snap)
    world = snap.value("gsma_mm_year_value", WORLD, year) / 1e9
    africa = snap.value("gsma_mm_year_value", AFRICA, year) / 1e9
    return Latest(year, world, africa, 100 * africa / world, vintage(snap.source(SOURCE)["vintage"]))


def revision_sentence(snap: Snapshot, entity: str = WORLD) -> str | None:
    """'GSMA's reports gave US$x for 2024; the dataset gives US$y (+z %).' for the annual table's year."""
    table = revisions(snap, [entity])
    hit = table[(table["indicator"] == "gsma_tx_value") & table["current"].notna()] if len(table) else table
    if hit.empty:
        return None
    r = hit.iloc[-1]
    return _("For {year}, {name}: reported {reported} ({edition}), {current} in the dataset ({change}).").format(
        year=r["year"], name=r["name"], reported=numbers.usd_bn(r["reported"]), edition=r["edition"],
        current=numbers.usd_bn(r["current"]),
        change=_("revised by {pct}").format(pct=numbers.pct(r["revision_pct"])) if abs(r["revision_pct"]) >= 0.05
        else _("unchanged"))


# --- the country profile ----------------------------------------------------------------------------
def regional_line(snap: Snapshot, code: str) -> str | None:
    """'East Africa (GSMA), where Kenya is: … (regional figures, not Kenya's).' for a country GSMA lists."""
    ent = snap.entities
    if code not in ent.index or not isinstance(ent.loc[code, "gsma_area"], str):
        return None
    area = ent.loc[code, "gsma_area"]
    year = annual_year(snap)
    value = snap.value("gsma_mm_year_value", area, year)
    rows = snap.rows("gsma_mm_accounts_active_30d")
    active = rows[rows["entity"] == area].sort_values("period")
    registered = snap.value("gsma_mm_accounts_registered", area, active.iloc[-1]["period"]) if len(active) else None
    parts = []
    if value is not None:
        parts.append(_("{value} moved through mobile money in {year}").format(value=numbers.usd_bn(value / 1e9), year=year))
    if len(active) and registered:
        parts.append(_("{share} of its registered accounts were active in the last 30 days ({month})").format(
            share=numbers.pct(100 * active.iloc[-1]["value"] / registered), month=numbers.month(active.iloc[-1]["period"])))
    if not parts:
        return None
    from ...i18n.places import place
    return _("{area}, where {country:the} is: {facts}. These are regional figures (GSMA), not figures for {country:the}.").format(
        area=snap.name(area), country=place(code, snap.name(code)), facts="; ".join(parts))
