"""Mobile money (Global Findex, IMF FAS, GSMA): the theme's overview card, country-profile section and story
slides. Its data shaping is `data`, its explorer `explorer`."""
from __future__ import annotations

import pandas as pd

from ... import numbers, profile
from ...deck import SlideRef
from ...i18n import N_, _, data_
from ...i18n.places import Place, place
from ...store import Snapshot, vintage
from ...story import reported, with_vintage
from ..base import Card, Column, Figure, Profile, Theme
from . import data as mm
from . import gsma
from .explorer import EXPLORER

KEY = "mobile_money"
ACCOUNT = "findex_account"
MOBILE_MONEY = mm.MEASURES["mobile_money"][0]
FAS = ["fas_tx_value_pct_gdp", "fas_accounts_active_per_1000", "fas_accounts_registered_per_1000",
       "fas_agents_active_per_100k"]  # the IMF FAS series the profile lists
FAS_COLUMNS = {"series": Column(N_("IMF FAS series")), "period": Column(N_("Year")), "value": Column(N_("Value"))}
STORY_REGIONS = f"{mm.WORLD},{mm.AFRICA},{mm.SSA}"
STORY_MAP_YEAR = "2024"


def card(snap: Snapshot) -> Card:
    """GSMA's dataset for its latest year (its annual table), with the story year's figures as reported beside
    them and the revision of the latest reported figure: the page's headline (`explorer.headline`) says the same."""
    ind = mm.GSMA_METRICS["value"]
    story, now = mm.headline(snap, mm.STORY_YEAR), gsma.latest(snap)
    if story.world is None or story.africa is None or story.share is None:
        raise LookupError(f"{ind}: no world and Africa figures for {mm.STORY_YEAR} in the snapshot")
    cited = [gsma.SOURCE, story.world.source_id, story.africa.source_id]
    trend = snap.series(ind, [mm.WORLD, mm.AFRICA])
    trend["name"] = trend["entity"].map({mm.WORLD: _("World (as reported)"), mm.AFRICA: _("Africa (as reported)")})
    revised = gsma.revision_sentence(snap)
    return Card(
        title=_("Mobile money: how much it moves"),
        figure=numbers.usd_bn(now.world),
        lines=[_("moved through mobile money worldwide in {year}; {africa} of it ({share}) in Africa (GSMA's Global "
                 "Mobile Money Dataset).").format(year=now.year, africa=numbers.usd_bn(now.africa),
                                                  share=numbers.pct(now.share)),
               _("As reported for {year}: {world} worldwide, {africa} ({share}) in Africa (GSMA's State of the "
                 "Industry Report; the dataset gives monthly figures only for that year).").format(
                   year=story.year, world=numbers.usd_bn(story.world.value), africa=numbers.usd_bn(story.africa.value),
                   share=numbers.pct(story.share))] + ([revised] if revised else []),
        sources=[with_vintage(snap.source(s)["title"], vintage(snap.source(s)["vintage"])) for s in dict.fromkeys(cited)],
        trend=trend, trend_label=N_("Transaction value"), trend_unit="USD billion",
        link_params={"view": "regions", "metric": "value", "gsma": STORY_REGIONS},
        reported=reported(snap, KEY))


def regions_note(snap: Snapshot, year: str = mm.STORY_YEAR) -> str:
    world = snap.value(mm.GSMA_METRICS["value"], mm.WORLD, year)
    share = snap.value("gsma_share_tx_value", mm.AFRICA, year)
    amount = numbers.usd_bn(world) if world is not None else None
    africa = numbers.pct(share, 0) if share is not None else None
    if world is not None and share is not None:
        money = _("About {amount} moved in {year}, {share} of it in Africa (GSMA).")
    elif world is not None:
        money = _("About {amount} moved in {year} (GSMA).")
    elif share is not None:
        money = _("GSMA publishes no world transaction value for {year}; Africa's share: {share}.")
    else:
        money = _("GSMA publishes no world transaction value for {year}.")
    return money.format(amount=amount, year=year, share=africa) + " " + _(
        "Hollow diamonds are earlier editions' figures, since revised.")


def slides(snap: Snapshot) -> list[SlideRef]:
    return [SlideRef(EXPLORER.page, {"view": "regions", "metric": "value", "gsma": STORY_REGIONS},
                     notes=regions_note(snap)),
            SlideRef(EXPLORER.page, {"view": "map", "measure": "mobile_money", "year": STORY_MAP_YEAR,
                                     "region": "africa"},
                     notes=_("Share of adults with a mobile money account, Global Findex 2024. Grey: not asked."))]


def fas_years(snap: Snapshot) -> tuple[str, str]:
    """The first and last years the IMF FAS mobile money series cover in the snapshot."""
    periods = sorted({p for i in FAS for p in snap.periods(i, kind=None)})
    return periods[0], periods[-1]


def fas_latest(snap: Snapshot, code: str) -> pd.DataFrame:
    """The latest value of each IMF FAS mobile money series the country has (empty if none), written with its
    unit ("1,859 per 1,000 adults", "44.6 % of GDP"): the series' units differ, so the column is text."""
    rows = [(i, snap.latest(i, code)) for i in FAS]
    return pd.DataFrame([{"series": snap.indicator(i)["label"], "period": p, "value": fas_value(snap, i, v)}
                         for i, hit in rows if hit for p, v in [hit]], columns=list(FAS_COLUMNS))


def fas_value(snap: Snapshot, indicator: str, value: float) -> str:
    """A value with its unit: one decimal below 100, whole numbers (with separators) above."""
    return f"{numbers.decimal(value, 1 if abs(value) < 100 else 0)} {data_(snap.indicator(indicator)['unit'])}"


def figures(snap: Snapshot, code: str) -> list[Figure]:
    where = place(code, snap.name(code))
    trend = profile.trend(snap, code, MOBILE_MONEY, profile.comparators(snap, code, "findex"),
                          title=_("Mobile money account, Findex waves"), label=_("Mobile money account"),
                          file="findex")
    fas = fas_latest(snap, code)
    if len(fas):
        table = Figure(_("IMF FAS series"), table=fas, columns=FAS_COLUMNS, captions=[snap.citation(FAS[0])],
                       file=f"{code}-fas", downloads=False)
    else:
        first, last = fas_years(snap)
        table = Figure(_("IMF FAS series"), captions=[_(
            "The IMF Financial Access Survey has no mobile money series for {country:the} from {first} "
            "to {last}.").format(country=where, first=first, last=last)])
    regional = gsma.regional_line(snap, code)  # GSMA's region of the country, labelled as regional
    if regional is None:
        return [trend, table]
    return [trend, table, Figure(_("GSMA region"), notes=[mm.md(regional)],
                                 captions=[snap.citation("gsma_mm_year_value")], downloads=False)]


def summary(snap: Snapshot, code: str, where: Place) -> str:
    series = snap.series(MOBILE_MONEY, [code])
    if not len(series):
        acc = snap.latest(ACCOUNT, code)
        if acc:
            return _("Global Findex reports no mobile money account figure for {country:the}; {share} of adults "
                     "had an account of any kind in {year}.").format(country=where, share=profile.pct(acc[1]),
                                                                       year=acc[0])
        return _("Global Findex reports no mobile money account figure for {country:the}.").format(country=where)
    last = series.iloc[-1]
    args = dict(country=where, share=profile.pct(last["value"]), year=last["period"])
    if len(series) > 1:
        prev = series.iloc[-2]
        args.update(before=profile.pct(prev["value"]), then=prev["period"])
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
    wave = snap.latest(MOBILE_MONEY, "WLD")
    if wave and last["period"] < wave[0]:  # earlier waves only
        text += " " + _("Global Findex has no later figure for {country:the}.").format(country=where)
    return text


def download(snap: Snapshot, code: str) -> dict[str, list[str]]:
    findex = profile.comparators(snap, code, "findex")
    return {MOBILE_MONEY: findex, ACCOUNT: findex, **{i: [code] for i in FAS}}


THEME = Theme(
    key=KEY, explorer=EXPLORER, icon=":material/payments:", blurb=N_("**mobile money**"),
    card=card, slides=slides, compare=lambda snap: MOBILE_MONEY,
    profile=Profile(N_("Mobile money"), figures, summary, download=download,
                    peers={MOBILE_MONEY: N_("Mobile money account"), ACCOUNT: N_("Account ownership")}),
)
