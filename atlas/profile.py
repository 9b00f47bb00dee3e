"""One country across the three themes: comparisons, peers, a summary written from the numbers."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import numbers
from .i18n import _
from .i18n.places import Place, place
from .store import Snapshot, per_snapshot

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

INTERNET, MOBILE_MONEY, ACCOUNT, KAIOS = "internet_users_pct", "findex_mobile_money", "findex_account", "kaios_share_all"
FAS = ["fas_tx_value_pct_gdp", "fas_accounts_active_per_1000", "fas_accounts_registered_per_1000",
       "fas_agents_active_per_100k"]
BROWSERS = ["kaios_share_all", "browser_share_op_mini", "browser_share_and_uc"]


@per_snapshot
def countries(snap: Snapshot) -> pd.DataFrame:
    """Countries with at least one observation, for the picker: code, name, French name."""
    ent = snap.entities
    ent = ent[(ent["kind"] == "country") & ent["code"].isin(set(snap.observations["entity"]))]
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


def latest(snap: Snapshot, indicator: str, code: str) -> tuple[str, float] | None:
    rows = snap.rows(indicator)
    rows = rows[rows["entity"] == code]
    if rows.empty:
        return None
    last = rows.sort_values("period").iloc[-1]
    return last["period"], float(last["value"])


def at_or_before(snap: Snapshot, indicator: str, code: str, period: str) -> tuple[str, float] | None:
    rows = snap.rows(indicator)
    rows = rows[(rows["entity"] == code) & (rows["period"] <= period)]
    if rows.empty:
        return None
    last = rows.sort_values("period").iloc[-1]
    return last["period"], float(last["value"])


def peers(snap: Snapshot, code: str, indicator: str = INTERNET, within: str = "region", n: int = 5,
          tolerance: int = 3) -> pd.DataFrame:
    """Countries closest to this one on the indicator's latest value, in its region or income group;
    a peer's value may be up to `tolerance` periods older (its `period` says which). Empty when the
    country has no value."""
    own = latest(snap, indicator, code)
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
    """Events and reported figures that concern the country: its own, its continent's, the world's."""
    continent = snap.entities.loc[code, "continent"]
    ev = snap.events
    mine = (ev["entity"] == code) | (ev["geography"] == "World") | ((ev["geography"] == "Africa") & (continent == "Africa"))
    return ev[mine].sort_values("date").reset_index(drop=True)


def everything(snap: Snapshot, code: str, indicators: list[str]) -> pd.DataFrame:
    """All values shown about the country and its comparators, with their source, for download."""
    frames = []
    for ind in indicators:
        source = snap.indicator(ind)["source_id"]
        entities = comparators(snap, code, source) if ind in (INTERNET, MOBILE_MONEY, ACCOUNT) else [code]
        s = snap.series(ind, entities)
        if len(s):
            frames.append(s.assign(indicator=ind, unit=snap.indicator(ind)["unit"],
                                   source=snap.citation(ind))[["indicator", "entity", "name", "period", "value",
                                                               "unit", "source"]])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


# A country's latest internet figure this many years or more behind the world's is said to be old.
OLD_AFTER = 3
# KaiOS shares are written to two decimals: below half of 0.01 % they would read "0.00 %".
KAIOS_SHOWN = 0.01


@dataclass
class Sentence:
    text: str
    theme: str


def _pct(v: float) -> str:
    return numbers.pct_whole(v)  # half up; one decimal below 1 % ("0 %" would hide a small but real share)


def _month(period: str) -> str:
    return numbers.month(period, long=True)


def _kaios_pct(v: float) -> str:
    """A KaiOS share to two decimals; below what two decimals show, "less than 0.01 %" (not "0.00 %")."""
    if v < KAIOS_SHOWN / 2:
        return _("less than {share}").format(share=numbers.pct(KAIOS_SHOWN, 2))
    return numbers.pct(v, 2)


def summary(snap: Snapshot, code: str) -> list[Sentence]:
    """Plain sentences from the numbers, also the charts' text alternative. Missing data is said.
    Each sentence is one catalogue message with the place as `{country:in}`, `{country:of}`... (see
    `atlas.i18n.places`), so that French writes "au Sénégal", "de l’Inde", "aux Comores" in its own order."""
    where = place(code, snap.name(code))
    return [_internet(snap, code, where), _mobile_money(snap, code, where), _kaios(snap, code, where)]


def _internet(snap: Snapshot, code: str, where: Place) -> Sentence:
    now = latest(snap, INTERNET, code)
    if not now:
        return Sentence(_("The World Bank publishes no internet-use figure for {country:the}.").format(country=where),
                        "internet")
    year, value = now
    before = at_or_before(snap, INTERNET, code, str(int(year) - 10))
    world = at_or_before(snap, INTERNET, "WLD", year)
    args = dict(country=where, year=year, share=_pct(value))
    if before:
        args.update(before=_pct(before[1]), then=before[0])
    if world:
        args.update(world=_pct(world[1]), world_year=world[0])
    if before and world:
        text = (_("In {year}, {share} of people {country:in} used the internet, up from {before} in {then} "
                  "(world: {world} in {world_year}).") if before[1] < value else
                _("In {year}, {share} of people {country:in} used the internet, against {before} in {then} "
                  "(world: {world} in {world_year})."))
    elif before:
        text = (_("In {year}, {share} of people {country:in} used the internet, up from {before} in {then}.")
                if before[1] < value else
                _("In {year}, {share} of people {country:in} used the internet, against {before} in {then}."))
    elif world:
        text = _("In {year}, {share} of people {country:in} used the internet (world: {world} in {world_year}).")
    else:
        text = _("In {year}, {share} of people {country:in} used the internet.")
    text = text.format(**args)
    newest = latest(snap, INTERNET, "WLD")
    if newest and int(newest[0]) - int(year) >= OLD_AFTER:  # earlier years only: say so plainly
        text += " " + _("The World Bank publishes no later figure for {country:the}.").format(country=where)
    return Sentence(text, "internet")


def _mobile_money(snap: Snapshot, code: str, where: Place) -> Sentence:
    mm = snap.series(MOBILE_MONEY, [code])
    if not len(mm):
        acc = latest(snap, ACCOUNT, code)
        if acc:
            text = _("Global Findex reports no mobile money account figure for {country:the}; {share} of adults "
                     "had an account of any kind in {year}.").format(country=where, share=_pct(acc[1]), year=acc[0])
        else:
            text = _("Global Findex reports no mobile money account figure for {country:the}.").format(country=where)
        return Sentence(text, "mobile_money")
    last = mm.iloc[-1]
    args = dict(country=where, share=_pct(last["value"]), year=last["period"])
    if len(mm) > 1:
        prev = mm.iloc[-2]
        args.update(before=_pct(prev["value"]), then=prev["period"])
        if args["share"] == args["before"]:  # equal as written: "19 % ... up from 19 %" would read oddly
            text = _("{share} of adults had a mobile money account in {year}, as in {then} (Global Findex).")
        elif last["value"] > prev["value"]:
            text = _("{share} of adults had a mobile money account in {year}, up from {before} in {then} "
                     "(Global Findex).")
        else:
            text = _("{share} of adults had a mobile money account in {year}, down from {before} in {then} "
                     "(Global Findex).")
    else:
        text = _("{share} of adults had a mobile money account in {year} (Global Findex).")
    text = text.format(**args)
    wave = latest(snap, MOBILE_MONEY, "WLD")
    if wave and last["period"] < wave[0]:  # earlier waves only
        text += " " + _("Global Findex has no later figure for {country:the}.").format(country=where)
    return Sentence(text, "mobile_money")


def _kaios(snap: Snapshot, code: str, where: Place) -> Sentence:
    ks = snap.series(KAIOS, [code])
    if not len(ks):
        return Sentence(_("caniuse records no KaiOS browser share for {country:the}.").format(country=where), "kaios")
    peak, first, last = ks.loc[ks["value"].idxmax()], ks.iloc[0], ks.iloc[-1]
    if peak["value"] < KAIOS_SHOWN / 2:
        return Sentence(_("KaiOS's browser share of page views {country:in} never reached {threshold} between "
                          "{first} and {last} (caniuse).").format(
            country=where, threshold=numbers.pct(KAIOS_SHOWN, 2), first=_month(first["period"]),
            last=_month(last["period"])), "kaios")
    args = dict(country=where, peak=numbers.pct(peak["value"], 2), peak_month=_month(peak["period"]),
                first=_month(first["period"]), last=_kaios_pct(last["value"]), last_month=_month(last["period"]))
    if peak["period"] == first["period"]:
        # a maximum in the series' first month is not a peak: nothing before it was measured
        text = _("KaiOS's browser share of all page views {country:in} was {peak} in {first}, the highest since "
                 "the series began in {first}; it was {last} in {last_month} (caniuse, based on StatCounter; "
                 "browser share, not devices).")
    else:
        text = _("KaiOS's browser share of all page views {country:in} peaked at {peak} in {peak_month} (series "
                 "from {first}); it was {last} in {last_month} (caniuse, based on StatCounter; browser share, "
                 "not devices).")
    return Sentence(text.format(**args), "kaios")
