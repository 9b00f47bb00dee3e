"""The snapshot in memory: loaded once, answering the questions pages ask.

No Streamlit here; `atlas.ui.cache.store()` wraps `Snapshot.load` in st.cache_resource.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import i18n, numbers
from .i18n import N_, _, data_
from .i18n.figures import render

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
    """Decorator for an answer that depends on the snapshot alone (fn(snap)): computed once per language
    (an answer may hold words or names), since the snapshot never changes once loaded and pages ask on
    every rerun."""
    @functools.wraps(fn)
    def wrapper(snap: "Snapshot"):
        return snap.memo((fn.__module__, fn.__qualname__, i18n.lang()), lambda: fn(snap))
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

    # --- catalogue (texts in the run's language: the snapshot's own texts through `i18n.data_`) --------
    def indicator(self, indicator: str) -> pd.Series:
        """The catalogue row with label, short_label, definition, caveats, publisher, licence and vintage in
        the run's language, and `unit_label` (the unit as shown; `unit` itself stays the machine key)."""
        return self._catalogue()[1][indicator].copy()

    def catalogue(self, theme: str | None = None) -> pd.DataFrame:
        """The indicator catalogue (one theme's, if given) with its texts in the run's language."""
        cat = self._catalogue()[0]
        return (cat if theme is None else cat[cat["theme"] == theme]).copy()

    def _catalogue(self) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
        """The catalogue in the run's language, translated once per language, and its rows by id (pages ask
        for an indicator's row many times a rerun: a prepared row is a dictionary lookup and a copy)."""
        key = ("catalogue", i18n.lang())
        if key not in self._memo:
            cat = self.indicators.copy()
            cat["unit_label"] = cat["unit"].map(data_)
            cat["vintage"] = cat["vintage"].map(vintage)  # its months and dates written out, in every language
            if i18n.lang() != i18n.DEFAULT:
                for column in ("label", "short_label", "definition", "publisher", "licence", "measure"):
                    cat[column] = cat[column].map(data_)
                if "caveats_template" in cat:  # figures formatted in the run's language
                    cat["caveats"] = [render(data_(t), v, self.name) if isinstance(t, str) and t else c
                                      for t, v, c in zip(cat["caveats_template"], cat["caveat_values"], cat["caveats"])]
            self._memo[key] = (cat, {i: row for i, row in cat.iterrows()})
        return self._memo[key]  # read-only here: callers get copies

    def citation(self, indicator: str) -> str:
        """One line naming publisher, indicator, vintage and licence, in the run's language."""
        ind = self.indicator(indicator)
        return cite(ind["publisher"], ind["label"], ind["vintage"], ind["licence"])

    def source_citation(self, source_id: str) -> str:
        """The same line for a whole publication (every series it holds), in the run's language."""
        src = self.source(source_id)
        return cite(src["publisher"], src["title"], src["vintage"], src["licence"])

    def source(self, source_id: str) -> pd.Series:
        """A cited publication, its descriptive words in the run's language; a publication's own title stays
        as published (only titles we wrote are in the snapshot catalogue, so only they are translated)."""
        return self._sources()[1][source_id].copy()

    def source_table(self) -> pd.DataFrame:
        """Every cited publication (publisher, title, licence, vintage) in the run's language."""
        return self._sources()[0].copy()

    def _sources(self) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
        key = ("sources", i18n.lang())
        if key not in self._memo:
            src = self.sources.copy()
            for column in ("publisher", "licence"):
                src[column] = src[column].map(data_)
            src["vintage"] = src["vintage"].map(vintage)
            src["title"] = src["title"].map(data_)  # a title as published has no entry: it stays as it is
            self._memo[key] = (src, {i: row for i, row in src.iterrows()})
        return self._memo[key]  # read-only here: callers get copies

    def name(self, code: str) -> str:
        """The place's name in the current language (the snapshot's French name where it has one)."""
        return self._names()[1].get(code, code)

    def names(self) -> pd.Series:
        """Every entity's name in the run's language, by code (French: `name_fr`, else the English name)."""
        return self._names()[0].copy()

    def _names(self) -> tuple[pd.Series, dict[str, str]]:
        key = ("names", i18n.lang())
        if key not in self._memo:
            names = self.entities["name"]
            if i18n.lang() == "fr" and "name_fr" in self.entities:
                names = self.entities["name_fr"].where(self.entities["name_fr"].fillna("") != "", names)
            self._memo[key] = (names, names.to_dict())
        return self._memo[key]  # read-only here: callers get copies or strings

    def events_table(self) -> pd.DataFrame:
        """Dated events as reported, with title, detail, note, geography and the source's line (its title as
        published, our note of where and when in the run's language) in the run's language; the original texts
        stay reachable in `title_original`, `detail_original`, `source_title_original`."""
        return self.memo(("events", i18n.lang()), lambda: _translated(self, self.events, ("title", "detail", "note",
                                                                                          "source_title")))

    def facts_table(self) -> pd.DataFrame:
        """Reported figures (KaiOS devices...), their note, geography and publisher in the run's language."""
        return self.memo(("facts", i18n.lang()), lambda: _translated(self, self.facts, ("original_publisher", "note",
                                                                                        "source_title")))

    # --- questions ----------------------------------------------------------------------------------
    def rows(self, indicator: str, alternates: bool = False) -> pd.DataFrame:
        df = self._by_indicator.get(indicator)
        if df is None:
            raise KeyError(f"unknown indicator {indicator!r}")
        return df if alternates else df[df["preferred"]]

    def periods(self, indicator: str, kind: str | None = "country") -> list[str]:
        """Periods with at least one value (for entities of this kind, if given), oldest first."""
        def compute() -> list[str]:  # (asked many times a rerun: each control's choices, each slide's timeline)
            df = self.rows(indicator)
            if kind:
                df = df[df["entity"].map(self.entities["kind"]) == kind]
            return sorted(df["period"].unique())
        return self.memo(("periods", indicator, kind), compute)

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
            "entity": df["entity"].values, "name": df["entity"].map(self.names()).values, "value": df["value"].values,
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
        df.insert(1, "name", df["entity"].map(self.names()))
        df["date"] = period_date(df["period"])
        return df

    def observation(self, indicator: str, entity: str, period: str | None = None,
                    exact: bool = False) -> pd.Series | None:
        """The entity's preferred row (period, value, source_id, note) at `period`, or else its latest
        before it (its latest of all if `period` is None); None if there is none, or if `exact` and that
        period itself has no value. The one "value at or before" lookup."""
        df = self.rows(indicator)
        df = df[df["entity"] == entity]
        if period is not None:
            df = df[(df["period"] == period) if exact else (df["period"] <= period)]
        return None if df.empty else df.sort_values("period").iloc[-1]

    def latest(self, indicator: str, entity: str, period: str | None = None) -> tuple[str, float] | None:
        """(period, value) of the entity's latest value at or before `period` (its latest if None), or None."""
        row = self.observation(indicator, entity, period)
        return None if row is None else (row["period"], float(row["value"]))

    def value(self, indicator: str, entity: str, period: str) -> float | None:
        """The value for exactly this period, or None."""
        row = self.observation(indicator, entity, period, exact=True)
        return None if row is None else float(row["value"])


def cite(publisher: str, title: str, vintage: str, licence: str) -> str:
    """The one citation line: 'Source: publisher, title; vintage. Licence: licence.'"""
    return _("Source: {publisher}, {label}; {vintage}. Licence: {licence}.").format(
        publisher=publisher, label=title, vintage=vintage, licence=licence)


def _translated(snap: Snapshot, table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """A copy of an events/facts table with these text columns in the run's language, originals kept, and
    its geography named as its entity is ('Afrique (continent)', 'Inde')."""
    out = table.copy()
    out["geography"] = out["entity"].map(snap.names()).fillna(out["geography"])
    for column in columns:
        if column in ("title", "detail", "source_title"):
            out[f"{column}_original"] = out[column]
        out[column] = out[column].map(data_)
    return out


# Vintages the build writes from the data (caniuse's months, GSMA's report editions): one template each,
# translated in the code, instead of one snapshot text per month.
_VINTAGES = [
    (re.compile(r"^report edition (?P<year>\d{4})$"), N_("report edition {year}")),
    (re.compile(r"^monthly updates (?P<first>\d{4}-\d{2}) to (?P<last>\d{4}-\d{2})$"),
     N_("monthly updates {first} to {last}")),
    (re.compile(r"^monthly updates (?P<first>\d{4}-\d{2}) to (?P<last>\d{4}-\d{2}); from (?P<month>\d{4}-\d{2}) the npm "
                r"package caniuse-db \(latest (?P<version>[\w.]+), published (?P<date>[\d-]+)\)$"),
     N_("monthly updates {first} to {last}; from {month} the npm package caniuse-db (latest {version}, "
        "published {date})")),
]


def vintage(text: str) -> str:
    """A source's vintage in the run's language (the snapshot's text, or a generated one's template, its months
    and dates written out in either language: 'July 2008', '28 September 2026')."""
    if not isinstance(text, str):
        return text
    for pattern, template in _VINTAGES:
        hit = pattern.match(text)
        if hit:
            parts = {k: numbers.month(v, long=True) if k in ("first", "last", "month") else
                     numbers.day(v) if k == "date" else v for k, v in hit.groupdict().items()}
            return _(template).format(**parts)
    return data_(text)


def shown_groups(frame: pd.DataFrame) -> pd.DataFrame:
    """A table's World Bank region and income group in the run's language (the codes compare in English;
    only what a reader sees is translated)."""
    return frame.assign(**{c: frame[c].map(data_) for c in ("region", "income_group") if c in frame})
