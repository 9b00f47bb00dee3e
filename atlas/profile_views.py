"""The country profile page's tables, shaped from the snapshot (pure; `pages/country.py` lays them out).
Kept beside `atlas.profile` (its comparisons, peers and summary) so that module stays as it is."""
from __future__ import annotations

import unicodedata

import pandas as pd

from . import charts, profile, regions
from .explorers.base import Column
from .i18n import N_, _, data_, lang
from .store import Snapshot

FAS_COLUMNS = {"series": Column(N_("IMF FAS series")), "period": Column(N_("Year")), "value": Column(N_("Value"), "%.1f")}


def picker_labels(snap: Snapshot) -> dict[str, str]:
    """Country code -> 'Name / French name' (the name alone when the French is the same or missing); in French
    the French name first. Either can be typed to search."""
    french = lang() == "fr"
    labels = {r.code: r.name if not r.name_fr or r.name_fr == r.name else
              (f"{r.name_fr} / {r.name}" if french else f"{r.name} / {r.name_fr}")
              for r in profile.countries(snap).itertuples()}
    return dict(sorted(labels.items(), key=lambda kv: _collation(kv[1])))


def _collation(text: str) -> str:
    """Alphabetical order as a reader expects it: accents and case aside ('Égypte' between 'Dominique' and 'Espagne')."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def region_name(region: str | None) -> str:
    """A World Bank region in the run's language: the map's declared region labels hold each of them."""
    if not isinstance(region, str) or not region:
        return _("not classified")
    for label, column, value in regions.FOCUS.values():
        if column == "region" and value == region:
            return _(label)
    return data_(region)


def classification(snap: Snapshot, code: str) -> str:
    """'Region: …; income group: … (classification: …).' for the page's caption."""
    ent = snap.entities.loc[code]
    income = data_(ent["income_group"]) if isinstance(ent["income_group"], str) and ent["income_group"] \
        else _("not classified")
    if isinstance(ent["region_source"], str) and ent["region_source"]:
        return _("Region: {region}; income group: {income} (classification: {source}).").format(
            region=region_name(ent["region"]), income=income, source=data_(ent["region_source"]))
    return _("Region: {region}; income group: {income}.").format(region=region_name(ent["region"]), income=income)


def fas_years(snap: Snapshot) -> tuple[str, str]:
    """The first and last years the IMF FAS mobile money series cover in the snapshot."""
    periods = sorted({p for i in profile.FAS for p in snap.periods(i, kind=None)})
    return periods[0], periods[-1]


def fas_latest(snap: Snapshot, code: str) -> pd.DataFrame:
    """The latest value of each IMF FAS mobile money series the country has (empty if none)."""
    rows = [(i, profile.latest(snap, i, code)) for i in profile.FAS]
    return pd.DataFrame([{"series": snap.indicator(i)["label"], "period": p, "value": v}
                         for i, hit in rows if hit for p, v in [hit]], columns=list(FAS_COLUMNS))


def event_marks(events: pd.DataFrame) -> pd.DataFrame:
    """Events as chart marks: a date at its precision (year, month or day) and the source's title."""
    dates = events["date"].str.pad(10, "right", "-").str.replace(r"-+$", "", regex=True)
    return events.assign(date=pd.to_datetime(dates, format="mixed"), source=events["source_title"])


def browser_series(snap: Snapshot, code: str) -> pd.DataFrame:
    """KaiOS and the low-end browsers' shares of page views in the country, one line each."""
    return pd.concat([snap.series(i, [code]).assign(name=snap.indicator(i)["short_label"]) for i in profile.BROWSERS])


def peer_columns(label: str) -> dict[str, Column]:
    """The peers table's columns: `label` (in the run's language) names the indicator compared (a share, in %)."""
    return {"name": Column(N_("Country")), "value": Column(f"{label} (%)", "%.1f"), "period": Column(N_("Year")),
            "difference": Column(N_("Difference (points)"), "%+.1f")}


def lower_first(text: str) -> str:
    """'Internet use' -> 'internet use', 'Usage d’Internet' -> 'usage d’Internet' (a proper noun keeps its capital)."""
    return text[:1].lower() + text[1:]


AXIS = (2000, 2026)  # one time axis for every chart of a profile
DEFAULT_COUNTRY = "KEN"  # the profile shown when the link names no country


def trend_spec(snap: Snapshot, code: str, ind: str, entities: list[str], title: str, label: str,
               time_unit: str = "year", events: pd.DataFrame | None = None, height: int = 260,
               narrow: bool = True) -> tuple[pd.DataFrame, charts.Spec | None]:
    """The series of a profile's chart and its spec (None when the country has no value to draw): the page
    and its light version (`atlas.light`) draw the same chart."""
    series = snap.series(ind, entities)
    if series.empty or code not in set(series["entity"]):
        return series, None
    return series, charts.time_series(series, title=title, source=snap.citation(ind), label=label,
                                      unit=snap.indicator(ind)["unit"], time_unit=time_unit, x_domain=AXIS,
                                      height=height, events=events, narrow=narrow)
