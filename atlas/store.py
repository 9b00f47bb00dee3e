"""The snapshot in memory: loaded once, answering the questions pages ask.

No Streamlit here; `atlas.ui.cache.store()` wraps `Snapshot.load` in st.cache_resource.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
TABLES = ("observations", "entities", "indicators", "sources", "events", "facts")


def period_ordinal(period: pd.Series | str, period_type: str):
    """Years count in years, months in months, so a tolerance is 'n periods back'."""
    s = pd.Series([period]) if isinstance(period, str) else period
    if period_type == "month":
        out = s.str[:4].astype(int) * 12 + s.str[5:7].astype(int) - 1
    else:
        out = s.str[:4].astype(int)
    return int(out.iloc[0]) if isinstance(period, str) else out


def period_date(period: pd.Series) -> pd.Series:
    """'2024' -> 2024-01-01, '2019-03' -> 2019-03-01 (for time axes)."""
    return pd.to_datetime(period.where(period.str.len() > 4, period + "-01"), format="%Y-%m")


def per_snapshot(fn):
    """Decorator for an answer that depends on the snapshot alone (fn(snap)): computed once, since the
    snapshot never changes once loaded and pages ask on every rerun."""
    @functools.wraps(fn)
    def wrapper(snap: "Snapshot"):
        return snap.memo((fn.__module__, fn.__qualname__), lambda: fn(snap))
    return wrapper


@dataclass(eq=False)
class Snapshot:
    observations: pd.DataFrame
    entities: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame
    events: pd.DataFrame
    facts: pd.DataFrame
    manifest: dict
    _by_indicator: dict = field(default_factory=dict, repr=False)
    _memo: dict = field(default_factory=dict, repr=False, init=False)  # a replace() starts afresh

    def memo(self, key: tuple, compute):
        """The snapshot never changes once loaded, so a derived table is computed once per key
        (a map's year, say) and handed out as a copy, so no caller can change another's."""
        if key not in self._memo:
            self._memo[key] = compute()
        value = self._memo[key]
        return value.copy() if hasattr(value, "copy") else value

    @classmethod
    def load(cls, path: Path = DATA_DIR) -> "Snapshot":
        tables = {name: pd.read_parquet(path / f"{name}.parquet") for name in TABLES}
        manifest = json.loads((path / "manifest.json").read_text())
        snap = cls(**tables, manifest=manifest)
        snap._by_indicator = {k: v.reset_index(drop=True) for k, v in snap.observations.groupby("indicator")}
        snap.entities = snap.entities.set_index("code", drop=False)
        snap.indicators = snap.indicators.set_index("id", drop=False)
        snap.sources = snap.sources.set_index("source_id", drop=False)
        return snap

    # --- catalogue ----------------------------------------------------------------------------------
    def indicator(self, indicator: str) -> pd.Series:
        return self.indicators.loc[indicator]

    def citation(self, indicator: str) -> str:
        """One line naming publisher, indicator, vintage and licence."""
        ind = self.indicator(indicator)
        return f"Source: {ind['publisher']}, {ind['label']}; {ind['vintage']}. Licence: {ind['licence']}."

    def source(self, source_id: str) -> pd.Series:
        return self.sources.loc[source_id]

    def name(self, code: str) -> str:
        """The place's name in the current language (the snapshot's French name where it has one)."""
        from .i18n import lang
        if lang() == "fr" and "name_fr" in self.entities:
            fr = self.entities["name_fr"].get(code)
            if isinstance(fr, str) and fr:
                return fr
        return self.entities["name"].get(code, code)

    # --- questions ----------------------------------------------------------------------------------
    def rows(self, indicator: str, alternates: bool = False) -> pd.DataFrame:
        df = self._by_indicator.get(indicator)
        if df is None:
            raise KeyError(f"unknown indicator {indicator!r}")
        return df if alternates else df[df["preferred"]]

    def periods(self, indicator: str, kind: str | None = "country") -> list[str]:
        """Periods with at least one value (for entities of this kind, if given), oldest first."""
        df = self.rows(indicator)
        if kind:
            df = df[df["entity"].map(self.entities["kind"]) == kind]
        return sorted(df["period"].unique())

    def cross_section(self, indicator: str, period: str, tolerance: int = 0, kind: str = "country") -> pd.DataFrame:
        """One value per entity of `kind` for `period`; where that period is missing, the latest value
        at most `tolerance` periods earlier, flagged in `earlier`. Ranked, highest value first."""
        ptype = self.indicator(indicator)["period_type"]
        df = self._by_kind(indicator, kind)
        target = period_ordinal(period, ptype)
        df = df[(df["_ordinal"] <= target) & (df["_ordinal"] >= target - tolerance)]
        df = df.sort_values("period").drop_duplicates("entity", keep="last")
        ents = self.entities.loc[df["entity"]]
        out = pd.DataFrame({
            "entity": df["entity"].values, "name": ents["name"].values, "value": df["value"].values,
            "period": df["period"].values, "earlier": (df["period"] != period).values,
            "region": ents["region"].values, "income_group": ents["income_group"].values,
            "source_id": df["source_id"].values, "note": df["note"].values,
        })
        out["rank"] = out["value"].rank(ascending=False, method="min").astype(int)
        return out.sort_values(["rank", "name"]).reset_index(drop=True)

    def _by_kind(self, indicator: str, kind: str) -> pd.DataFrame:
        """An indicator's preferred rows for one kind of entity, with each period as an ordinal
        (prepared once: a slider asks for a new period of the same indicator on every move)."""
        def prepare() -> pd.DataFrame:
            df = self.rows(indicator)
            df = df[df["entity"].map(self.entities["kind"]) == kind]
            return df.assign(_ordinal=period_ordinal(df["period"], self.indicator(indicator)["period_type"]))
        key = ("by_kind", indicator, kind)
        if key not in self._memo:
            self._memo[key] = prepare()
        return self._memo[key]  # read-only here: no copy needed

    def series(self, indicator: str, entities: list[str] | None = None, alternates: bool = False) -> pd.DataFrame:
        """Time series of one indicator for the given entities (all if None), with dates for time axes."""
        df = self.rows(indicator, alternates=alternates)
        if entities is not None:
            df = df[df["entity"].isin(entities)]
        df = df.sort_values(["entity", "period"]).reset_index(drop=True)
        df.insert(1, "name", df["entity"].map(self.entities["name"]))
        df["date"] = period_date(df["period"])
        return df

    def value(self, indicator: str, entity: str, period: str) -> float | None:
        df = self.rows(indicator)
        hit = df[(df["entity"] == entity) & (df["period"] == period)]
        return float(hit["value"].iloc[0]) if len(hit) else None


# --- provenance: what the data page shows about each source's vintage and the last refresh ----------
UPDATES = {  # how each source reaches the snapshot (README "Refreshing the data")
    "caniuse": "monthly, automatic: python -m atlas.pipeline.refresh (npm caniuse-db)",
    "wdi": "by hand, when the World Bank releases WDI (about quarterly)",
    "wdi_pop": "by hand, when the World Bank releases WDI (about quarterly)",
    "itu": "by hand, yearly (ITU Facts and Figures, November)",
    "findex": "by hand, with each Global Findex wave (about every three years)",
    "imf_fas": "by hand, yearly (IMF Financial Access Survey, autumn)",
    "gsma": "by hand, yearly (GSMA State of the Industry Report)",
    "gsma_owid": "fixed: a 2019 compilation, not updated",
}


def source_vintages(snap: Snapshot) -> pd.DataFrame:
    """One row per catalogued source: its vintage, the periods the snapshot holds, rows, how it is updated."""
    obs = snap.observations
    family = obs["source_id"].where(~obs["source_id"].str.startswith("gsma:"), "gsma")
    held = obs.groupby(family)["period"].agg(["min", "max", "size"])
    src = snap.sources[~snap.sources["source_id"].str.startswith("gsma:")].set_index("source_id")
    out = src[["publisher", "vintage"]].join(held, how="left")
    out = out.rename(columns={"min": "first period", "max": "last period", "size": "rows"})
    out["updated"] = out.index.map(UPDATES).fillna("by hand")
    return out.reset_index()


def refresh_report(snap: Snapshot) -> dict | None:
    """The last refresh's change report as frames for the data page (None if the snapshot was never
    refreshed): summary, kept months, revised values, places added and gone."""
    report = snap.manifest.get("last_refresh")
    if not report:
        return None
    kept = pd.DataFrame([{"month": m, **rec} for m, rec in report["kept"].items()])
    return {
        "summary": (f"Last refresh {report['run_at']}: {report['package']} months {report['previous_last_month']} "
                    f"→ {report['new_last_month']}. Months added: {', '.join(report['months_added']) or 'none'}; "
                    f"months revised: {', '.join(report['months_revised']) or 'none'}; values revised: "
                    f"{report['values_revised_count']}; places added: {len(report['places_added'])}; places gone: "
                    f"{len(report['places_gone'])}."),
        "months_added": report["months_added"],
        "kept": kept,
        "revised": pd.DataFrame(report["values_revised"], columns=["indicator", "entity", "name", "period",
                                                                   "previous", "new"]),
        "places": pd.DataFrame([{**p, "change": "added"} for p in report["places_added"]]
                               + [{**p, "change": "gone"} for p in report["places_gone"]],
                               columns=["entity", "name", "change"]),
    }
