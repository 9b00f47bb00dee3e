"""The country profile's shared parts: comparators (World Bank aggregates), peers, the CSV of everything
shown, one chart on the profile's time axis, and the summary gathered from each theme's sentence
(each theme's own section is declared in its module: `Theme.profile`)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import charts, numbers
from .i18n import N_, _
from .i18n.places import place
from .store import Snapshot, per_snapshot
from .themes import themes
from .themes.base import Figure

# World Bank region / income group (entities table) -> the aggregate codes each source publishes.
WDI_REGION = {"Sub-Saharan Africa": "SSF", "South Asia": "SAS", "East Asia & Pacific": "EAS",
              "Latin America & Caribbean": "LCN", "Middle East & North Africa": "MEA",
              "Europe & Central Asia": "ECS", "North America": "NAC"}
FINDEX_REGION = {"Sub-Saharan Africa": "SSA", "South Asia": "FDX_SAS", "East Asia & Pacific": "EAP",
                 "Latin America & Caribbean": "LAC", "Middle East & North Africa": "FDX_MNA",
                 "Europe & Central Asia": "ECA"}
INCOME = {"Low income": "LIC", "Lower middle income": "LMC", "Upper middle income": "UMC", "High income": "HIC"}
# Where WDI's 2024 layout departs from the region in the entities table (Findex's): WDI counts Afghanistan
# and Pakistan in "Middle East, North Africa, Afghanistan & Pakistan" (MEA), not in South Asia (SAS).
WDI_REGION_OF = {"AFG": "MEA", "PAK": "MEA"}

@per_snapshot
def countries(snap: Snapshot) -> pd.DataFrame:
    """Countries with at least one observation, for the picker: code, name, French name."""
    ent = snap.entities
    ent = ent[(ent["kind"] == "country") & ent["code"].isin(snap.observations["entity"].unique())]
    return ent[["code", "name", "name_fr"]].sort_values("name")


def comparators(snap: Snapshot, code: str, source: str) -> list[str]:
    """The country, then its region, income group and the world, as the given source publishes them:
    only aggregates that contain the country (WDI's own region layout; Findex's regions leave out high
    income; a place the World Bank does not list, such as an overseas department, is in none of them)."""
    ent = snap.entities.loc[code]
    out = [code]
    if not _listed_by_world_bank(snap, code, source):
        return out + ["WLD"]
    is_high = ent["income_group"] == "High income"
    if source == "findex":
        if ent["region"] in FINDEX_REGION and not is_high:  # Findex regions exclude high income
            out.append(FINDEX_REGION[ent["region"]])
    elif code in WDI_REGION_OF:
        out.append(WDI_REGION_OF[code])
    elif ent["region"] in WDI_REGION:
        out.append(WDI_REGION[ent["region"]])
    if ent["income_group"] in INCOME:
        out.append(INCOME[ent["income_group"]])
    return out + ["WLD"]


def _listed_by_world_bank(snap: Snapshot, code: str, source: str) -> bool:
    """World Bank aggregates cover the economies it lists: those in its population table (WDI) or with a
    Findex classification."""
    if source == "findex":
        return str(snap.entities.loc[code, "income_source"]).startswith("World Bank 2024")
    return bool(len(snap.series("population", [code])))


def peers(snap: Snapshot, code: str, indicator: str, within: str = "region", n: int = 5,
          tolerance: int = 3) -> pd.DataFrame:
    """Countries closest to this one on the indicator's latest value, in its region or income group;
    a peer's value may be up to `tolerance` periods older (its `period` says which). Empty when the
    country has no value."""
    own = snap.latest(indicator, code)
    if own is None:
        return pd.DataFrame(columns=["entity", "name", "value", "period", "difference"])
    period, value = own
    group = snap.entities.loc[code, "region" if within == "region" else "income_group"]
    cs = snap.cross_section(indicator, period, tolerance=tolerance)
    cs = cs[(cs[within if within == "region" else "income_group"] == group) & (cs["entity"] != code)]
    cs = cs.assign(difference=cs["value"] - value)
    return cs.reindex(cs["difference"].abs().sort_values().index).head(n)[
        ["entity", "name", "value", "period", "difference"]].reset_index(drop=True)


def events_for(snap: Snapshot, code: str) -> pd.DataFrame:
    """Events and reported figures that concern the country: its own, its continent's, the world's (their
    texts in the run's language, `when` their date as a reader writes it)."""
    continent = snap.entities.loc[code, "continent"]
    ev = snap.events  # chosen by their geography as recorded; shown from the translated table (same rows)
    mine = (ev["entity"] == code) | (ev["geography"] == "World") | ((ev["geography"] == "Africa") & (continent == "Africa"))
    out = snap.events_table()[mine].sort_values("date").reset_index(drop=True)
    return out.assign(when=out["date"].map(lambda d: numbers.day(d, long=False)))


def everything(snap: Snapshot, code: str, wanted: dict[str, list[str]]) -> pd.DataFrame:
    """All values shown about the country and its comparators (indicator -> places), with their source,
    for download."""
    frames = []
    for ind, entities in wanted.items():
        s = snap.series(ind, entities)
        if len(s):
            frames.append(s.assign(indicator=ind, unit=snap.indicator(ind)["unit"],
                                   source=snap.citation(ind))[["indicator", "entity", "name", "period", "value",
                                                               "unit", "source"]])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


DEFAULT_COUNTRY = "KEN"  # the profile a link without a country shows (the page and its light version)
WITHIN = {"region": N_("its region"), "income": N_("its income group")}  # the peers' group (`?within=`)


def trend(snap: Snapshot, code: str, indicator: str, entities: list[str], *, title: str, label: str, file: str,
          unit: str | None = None, time_unit: str = "year", events: pd.DataFrame | None = None, height: int = 260,
          narrow: bool = True, captions: list[str] | None = None, series: pd.DataFrame | None = None,
          missing: str | None = None) -> Figure:
    """One profile chart: the indicator (or the given `series`) for these places over the years the data
    covers, the country in the focus colour (`charts.palette`), or a plain notice when it has nothing to draw."""
    series = snap.series(indicator, entities) if series is None else series
    where = place(code, snap.name(code))
    if series.empty or code not in set(series["entity"]):
        return Figure(title, notice=(missing or _("No {indicator} figures for {country:the} in the data.")).format(
            indicator=lower_first(label), country=where))
    if events is not None and len(events):  # events outside the data's years would stretch its time axis
        events = events[events["date"].between(series["date"].min(), series["date"].max())]
    spec = charts.time_series(series, title=title, source=snap.citation(indicator), label=label,
                              unit=unit or snap.indicator(indicator)["unit"], time_unit=time_unit,
                              height=height, events=events, narrow=narrow, focus=code)
    return Figure(title, spec, snap.citation(indicator), table=series[["name", "period", "value"]],
                  captions=captions or [], export=lambda: spec, file=f"{code}-{file}")


def event_marks(events: pd.DataFrame) -> pd.DataFrame:
    """Events as chart marks: a date at its precision (year, month or day) and the source's title."""
    dates = events["date"].str.pad(10, "right", "-").str.replace(r"-+$", "", regex=True)
    return events.assign(date=pd.to_datetime(dates, format="mixed"), source=events["source_title"])


def lower_first(text: str) -> str:
    """'Internet use' -> 'internet use', 'Usage d’Internet' -> 'usage d’Internet' (a proper noun keeps its capital)."""
    return text[:1].lower() + text[1:]


@dataclass
class Sentence:
    text: str
    theme: str


def summary(snap: Snapshot, code: str) -> list[Sentence]:
    """Plain sentences from the numbers, one per theme, also the charts' text alternative. Missing data is
    said. Each sentence is one catalogue message with the place as `{country:in}`, `{country:of}`... (see
    `atlas.i18n.places`), so that French writes "au Sénégal", "de l’Inde", "aux Comores" in its own order."""
    where = place(code, snap.name(code))
    return [Sentence(t.profile.summary(snap, code, where), t.key) for t in themes() if t.profile]


def pct(v: float) -> str:
    """A share in a profile sentence: whole percent, half up; one decimal below 1 % ("0 %" would hide a small
    but real share)."""
    return numbers.pct_whole(v)


def month(period: str) -> str:
    return numbers.month(period, long=True)
