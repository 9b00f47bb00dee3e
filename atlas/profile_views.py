"""The country profile page's picker, caption and peers table, shaped from the snapshot (pure;
`pages/country.py` lays them out; the shared parts of the profile are `atlas.profile`)."""
from __future__ import annotations

import unicodedata


from . import profile, regions
from .themes.base import Column
from .i18n import N_, _, data_, lang
from .store import Snapshot

def picker_labels(snap: Snapshot) -> dict[str, str]:
    """Country code -> 'Name / French name' (the name alone when the French is the same or missing); in French
    the French name first. Either can be typed to search. Made once per language (a map's card and search ask
    for it on every rerun)."""
    french = lang() == "fr"

    def make() -> dict[str, str]:
        labels = {r.code: r.name if not r.name_fr or r.name_fr == r.name else
                  (f"{r.name_fr} / {r.name}" if french else f"{r.name} / {r.name_fr}")
                  for r in profile.countries(snap).itertuples()}
        return dict(sorted(labels.items(), key=lambda kv: _collation(kv[1])))
    return snap.memo(("picker_labels", french), make)


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


def peer_columns(label: str) -> dict[str, Column]:
    """The peers table's columns: `label` (in the run's language) names the indicator compared (a share, in %)."""
    return {"name": Column(N_("Country")), "value": Column(f"{label} (%)", "%.1f"), "period": Column(N_("Year")),
            "difference": Column(N_("Difference (points)"), "%+.1f")}
