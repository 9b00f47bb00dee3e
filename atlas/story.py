"""The overview's headlines, each computed from the snapshot with its sources and a link to the view
that shows it. Reported figures (as a press story published them) sit beside the current series."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import gsma_views, itu_gaps, numbers
from .i18n import N_, _, data_, lang
from .i18n.places import place
from .store import Snapshot, vintage


@dataclass
class Headline:
    theme: str
    title: str                  # every text in the run's language (`headlines` keeps one set per language)
    figure: str                 # the big number, formatted
    lines: list[str]            # short sentences around it, every number from the snapshot
    sources: list[str]          # citations
    trend: pd.DataFrame         # name, date, value, period: a small chart
    trend_label: str
    trend_unit: str
    link_page: str
    link_params: dict[str, str]
    reported: list[str] = field(default_factory=list)  # figures as reported, with date and outlet


def _v(snap: Snapshot, ind: str, ent: str, period: str) -> float:
    value = snap.value(ind, ent, period)
    if value is None:
        raise LookupError(f"{ind} {ent} {period} is not in the snapshot")
    return value


def _last(snap: Snapshot, ind: str, ent: str) -> tuple[str, float]:
    rows = snap.rows(ind)
    rows = rows[rows["entity"] == ent].sort_values("period")
    return rows.iloc[-1]["period"], float(rows.iloc[-1]["value"])


def _reported(snap: Snapshot, theme: str) -> list[str]:
    """Figures as a press story published them: the frame sentence is ours, the event's title comes from
    the snapshot (in the run's language), its source's title stays as published."""
    ev = snap.events[(snap.events["theme"] == theme) & (snap.events["kind"] == "reported_figure")]
    said = _("As reported ({date}): {title}. Source: {source}.")
    return [said.format(date=numbers.day(r.date), title=data_(r.title), source=r.source_title)
            for r in ev.itertuples()]


def internet(snap: Snapshot) -> Headline:
    ind, first, compared = "itu_internet_use_rate", "2013", "2023"  # the story's years (the press figure's)
    afr_first, afr_now = _v(snap, ind, "ITU_AFR", first), _last(snap, ind, "ITU_AFR")
    afr_then, wld_then = _v(snap, ind, "ITU_AFR", compared), _v(snap, ind, "WLD", compared)
    wld_now = _last(snap, ind, "WLD")
    trend = snap.series(ind, ["ITU_AFR", "WLD"])
    trend["name"] = trend["entity"].map({"ITU_AFR": _("Africa (ITU)"), "WLD": _("World (ITU)")})
    return Headline(
        theme="internet", title=_("Internet use: Africa against the world"),
        figure=numbers.pct(afr_now[1]),
        lines=[_("of people in Africa (ITU region) used the internet in {year}, up from {first} in {first_year}.")
               .format(year=afr_now[0], first=numbers.pct(afr_first), first_year=first),
               _("In {year}: Africa {africa}, world {world}; world {world_now} in {latest}.").format(
                   year=compared, africa=numbers.pct(afr_then), world=numbers.pct(wld_then),
                   world_now=numbers.pct(wld_now[1]), latest=wld_now[0])]
              + [line for line in [itu_gaps.women_men_sentence(snap, "ITU_AFR")] if line],
        sources=[snap.citation(ind)], trend=trend, trend_label=N_("Internet use"), trend_unit="%",
        link_page="pages/internet.py",
        link_params={"view": "trend", "places": "ITU:ITU_AFR,ITU:WLD,SSF,WLD", "year": afr_now[0]},
        # as reported, then each ITU edition's figure for the same year: the chain of revisions, from the data
        reported=_reported(snap, "internet") + [line for line in [itu_gaps.editions_sentence(snap, "ITU_AFR")] if line])


def mobile_money(snap: Snapshot) -> Headline:
    """The same figures as the mobile money page's headline (`mobile_money.headline`, its STORY_YEAR)."""
    from . import mobile_money as mm
    ind = "gsma_tx_value"
    story = mm.headline(snap, mm.STORY_YEAR)
    if story.world is None or story.africa is None or story.share is None:
        raise LookupError(f"{ind}: no world and Africa figures for {mm.STORY_YEAR} in the snapshot")
    now = gsma_views.latest(snap)  # GSMA's dataset: its annual table's year
    cited = [gsma_views.SOURCE, story.world.source_id, story.africa.source_id]
    trend = snap.series(ind, [mm.WORLD, mm.AFRICA])
    trend["name"] = trend["entity"].map({mm.WORLD: _("World (as reported)"), mm.AFRICA: _("Africa (as reported)")})
    revised = gsma_views.revision_sentence(snap)
    return Headline(
        theme="mobile_money", title=_("Mobile money: how much it moves"),
        figure=numbers.usd_bn(now.world),
        lines=[_("moved through mobile money worldwide in {year}; {africa} of it ({share}) in Africa (GSMA's Global "
                 "Mobile Money Dataset).").format(year=now.year, africa=numbers.usd_bn(now.africa),
                                                  share=numbers.pct(now.share)),
               _("As reported for {year}: {world} worldwide, {africa} ({share}) in Africa (GSMA's State of the "
                 "Industry Report; the dataset gives monthly figures only for that year).").format(
                   year=story.year, world=numbers.usd_bn(story.world.value), africa=numbers.usd_bn(story.africa.value),
                   share=numbers.pct(story.share))] + ([revised] if revised else []),
        sources=[f"{snap.source(s)['title']} ({vintage(snap.source(s)['vintage'])})" for s in dict.fromkeys(cited)],
        trend=trend, trend_label=N_("Transaction value"), trend_unit="USD billion",
        link_page="pages/mobile-money.py",
        link_params={"view": "regions", "metric": "value", "gsma": "WLD,GSMA_AFRICA,GSMA_SSA"},
        reported=_reported(snap, "mobile_money"))


def kaios(snap: Snapshot) -> Headline:
    f = snap.facts
    shipped = f[f["metric"] == "kaios_devices_shipped_cumulative"].sort_values("date")
    first, last = shipped.iloc[0], shipped.iloc[-1]
    google = snap.events[snap.events["title"].str.contains("Google", na=False)].iloc[0]
    alliance = snap.events[snap.events["title"].str.contains("Smart Africa Alliance", na=False)
                           & (snap.events["theme"] == "kaios")].iloc[0]
    peaks = kaios_peaks(snap)
    top = peaks.iloc[0]
    trend = snap.series("kaios_share_all", [top["entity"], "WLD"])
    return Headline(
        theme="kaios", title=_("KaiOS: the feature phone that went online"),
        figure=numbers.qualified(last["qualifier"], numbers.million(last["value"])),
        lines=[_("KaiOS phones shipped by {month}, from {first} in {first_month}; {event} ({year}).").format(
                   month=numbers.month(last["period"], long=True),
                   first=numbers.qualified(first["qualifier"], numbers.million(first["value"])),
                   first_month=numbers.month(first["period"], long=True), event=data_(google["title"]),
                   year=google["date"][:4]),
               # a maximum in the series' first month is not a peak (nothing before it was measured)
               (_("Its browser share of all page views was highest {place:in}: {value} in {month}, the highest "
                  "since the series began in {first}; {event} ({year}).") if top["period"] == top["first_period"] else
                _("Its browser share of all page views was highest {place:in}: it peaked at {value} in {month} "
                  "(series from {first}); {event} ({year}).")).format(
                   place=place(top["entity"], snap.name(top["entity"])), value=numbers.pct(top["value"], 2),
                   month=numbers.month(top["period"], long=True),
                   first=numbers.month(top["first_period"], long=True),
                   event=data_(alliance["title"]), year=alliance["date"][:4])],
        sources=[last["source_title"], first["source_title"], google["source_title"], snap.citation("kaios_share_all")],
        trend=trend, trend_label=N_("KaiOS share of page views"), trend_unit="%",
        link_page="pages/kaios.py", link_params={"view": "trend", "places": f"{top['entity']},TZA,NGA,WLD"},
        reported=[])


def kaios_peaks(snap: Snapshot) -> pd.DataFrame:
    """Countries by their highest monthly KaiOS share, leaving out the small samples the KaiOS page flags
    (`kaios.small_sample_flags`: one rule), whose shares spike (see the caniuse caveats)."""
    from .kaios import small_sample_flags
    rows = snap.rows("kaios_share_all")
    rows = rows[~rows["entity"].isin(small_sample_flags(snap).index)
                & (rows["entity"].map(snap.entities["kind"]) == "country")]
    top = rows.loc[rows.groupby("entity")["value"].idxmax()].sort_values("value", ascending=False)
    first = rows.groupby("entity")["period"].min()
    return top.assign(name=top["entity"].map(snap.entities["name"]), first_period=top["entity"].map(first))[
        ["entity", "name", "value", "period", "first_period"]].reset_index(drop=True)


def deck_notes(snap: Snapshot, kaios_month: str = "2019-05", money_year: str = "2022") -> dict[str, str]:
    """The story deck's speaker notes in the run's language, every figure from the snapshot (so a rebuild
    updates them): 'internet_trend', 'mobile_money_regions', 'kaios_map' (the device milestone of
    `kaios_month`). Whole sentences are catalogue messages, so a translator can reorder them."""
    notes = {}
    ev = snap.events
    press = ev[(ev["theme"] == "internet") & (ev["kind"] == "reported_figure")]
    text = _("Africa (ITU region) against the world.")
    if len(press):
        p = press.iloc[0]
        year = p["title"].rstrip(")").rsplit("(", 1)[-1]  # the year the press figure is for, as titled
        current = snap.value("itu_internet_use_rate", "ITU_AFR", year) if year.isdigit() else None
        said = {"press_year": p["date"][:4], "value": numbers.pct(p["value"], 0), "year": year}
        if current is None:
            text += " " + _("The {press_year} press figure of {value} for {year} is shown as reported.").format(**said)
        elif numbers.rounded(current) == numbers.rounded(p["value"]):
            text += " " + _("The {press_year} press figure of {value} for {year} matches the current ITU series "
                            "({current}).").format(**said, current=numbers.pct(current))
        else:
            text += " " + _("The {press_year} press figure of {value} for {year} has since been revised by ITU to "
                            "{current}: the chart shows the current series.").format(**said, current=numbers.pct(current))
    notes["internet_trend"] = text
    world = snap.value("gsma_tx_value", "WLD", money_year)
    share = snap.value("gsma_share_tx_value", "GSMA_AFRICA", money_year)
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
    notes["mobile_money_regions"] = (money.format(amount=amount, year=money_year, share=africa) + " "
                                     + _("Hollow diamonds are earlier editions' figures, since revised."))
    f = snap.facts
    shipped = f[(f["metric"] == "kaios_devices_shipped_cumulative") & (f["period"] == kaios_month)]
    when = numbers.month(kaios_month, long=True)
    when = when[:1].upper() + when[1:]  # French months are lower case, but this one opens the note
    if len(shipped):
        notes["kaios_map"] = _("{month}: KaiOS passes {count} devices shipped.").format(
            month=when, count=numbers.million(shipped.iloc[0]["value"]))
    else:
        notes["kaios_map"] = _("{month}.").format(month=when)
    notes["kaios_map"] += " " + _("Browser page-view share, not devices.")
    return notes


def headlines(snap: Snapshot) -> list[Headline]:
    """The three cards, computed once per snapshot and language (their sentences are in the run's language)."""
    return snap.memo((__name__, "headlines", lang()), lambda: [internet(snap), mobile_money(snap), kaios(snap)])
