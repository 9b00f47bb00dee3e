"""What the Data and sources page says about where the figures come from: each source's vintage, the periods
and rows the snapshot holds and how it is updated, and the last refresh's change report (pure; `pages/data.py`
lays them out)."""
from __future__ import annotations

import pandas as pd

from . import numbers
from .i18n import N_, _, data_
from .store import Snapshot, vintage
from .themes import themes

UPDATES = {  # how each source reaches the snapshot (README "Refreshing the data"); shown translated
    "caniuse": N_("monthly, automatic: python -m atlas.pipeline.refresh (npm caniuse-db)"),
    "wdi": N_("by hand, when the World Bank releases WDI (about quarterly)"),
    "wdi_pop": N_("by hand, when the World Bank releases WDI (about quarterly)"),
    "itu": N_("by hand, yearly (ITU Facts and Figures, November)"),
    "findex": N_("by hand, with each Global Findex wave (about every three years)"),
    "imf_fas": N_("by hand, yearly (IMF Financial Access Survey, autumn)"),
    "gsma": N_("by hand, yearly (GSMA State of the Industry Report)"),
    "gsma_owid": N_("fixed: a 2019 compilation, not updated"),
}


def source_vintages(snap: Snapshot) -> pd.DataFrame:
    """One row per catalogued source: its vintage, the periods the snapshot holds, rows, how it is updated."""
    obs = snap.observations
    family = obs["source_id"].where(~obs["source_id"].str.startswith("gsma:"), "gsma")
    held = obs.groupby(family)["period"].agg(["min", "max", "size"])
    src = snap.sources[~snap.sources["source_id"].str.startswith("gsma:")].set_index("source_id")
    out = src[["publisher", "vintage"]].join(held, how="left")
    out = out.rename(columns={"min": "first period", "max": "last period", "size": "rows"})
    out["updated"] = [_(UPDATES[k]) if k in UPDATES else _("by hand") for k in out.index]
    out["publisher"] = out["publisher"].map(data_)
    out["vintage"] = out["vintage"].map(vintage)
    for column in ("first period", "last period"):  # a month as a reader writes it ('Aug 2026'); a year as is
        out[column] = out[column].map(lambda p: numbers.period(p) if isinstance(p, str) else p)
    return out.reset_index()


def refresh_report(snap: Snapshot) -> dict | None:
    """The last refresh's change report as frames for the data page (None if the snapshot was never
    refreshed): summary, kept months, revised values, places added and gone."""
    report = snap.manifest.get("last_refresh")
    if not report:
        return None
    # months and times as a reader writes them (the manifest keeps ISO)
    kept = pd.DataFrame([{**rec, "month": numbers.month(m, long=True), "published": numbers.timestamp(rec["published"])}
                         for m, rec in report["kept"].items()], columns=["month", "version", "published", "sha256"])

    def months(periods: list[str]) -> str:
        return numbers.words([numbers.month(p, long=True) for p in periods]) or _("none")
    return {
        "summary": _("Last refresh {run_at}: {package} months {previous} → {new}. Months added: {added}; months "
                     "revised: {revised}; values revised: {values}; places added: {places_added}; places gone: "
                     "{places_gone}.").format(
            run_at=numbers.timestamp(report["run_at"]), package=report["package"],
            previous=numbers.month(report["previous_last_month"], long=True),
            new=numbers.month(report["new_last_month"], long=True), added=months(report["months_added"]),
            revised=months(report["months_revised"]),
            values=numbers.count(report["values_revised_count"]), places_added=numbers.count(len(report["places_added"])),
            places_gone=numbers.count(len(report["places_gone"]))),
        "months_added": report["months_added"],
        "kept": kept,
        "revised": _themed(snap, _named(snap, pd.DataFrame(report["values_revised"], columns=[
            "indicator", "entity", "name", "period", "previous", "new"]))),
        "places": _named(snap, pd.DataFrame([{**p, "change": _("added")} for p in report["places_added"]]
                                            + [{**p, "change": _("gone")} for p in report["places_gone"]],
                                            columns=["entity", "name", "change"])),
    }


def _themed(snap: Snapshot, frame: pd.DataFrame) -> pd.DataFrame:
    """Each revised value's theme (the registry's title in the run's language) before its indicator."""
    titles = {t.key: _(t.title) for t in themes()}
    return frame.assign(theme=frame["indicator"].map(snap.indicators["theme"]).map(titles))[
        ["theme", *frame.columns]]


def _named(snap: Snapshot, frame: pd.DataFrame) -> pd.DataFrame:
    """The report's place names in the run's language (a place gone from the snapshot keeps the report's)."""
    return frame.assign(name=frame["entity"].map(snap.names()).fillna(frame["name"]))
