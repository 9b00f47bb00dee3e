"""Internet use (World Bank WDI, ITU): the theme's overview card, country-profile section and story slides.
Its data shaping is `data`, its explorer `explorer`."""
from __future__ import annotations

from ... import numbers, profile
from ...deck import SlideRef
from ...i18n import N_, _
from ...i18n.places import Place, place
from ...store import Snapshot
from ...story import reported
from ..base import Card, Profile, Theme
from . import data, gaps
from .explorer import EXPLORER

KEY = "internet"
AFRICA, WORLD = "ITU_AFR", "WLD"
STORY_FIRST, STORY_COMPARED = "2013", "2023"  # the story's years (the press figure's)
STORY_YEAR = "2024"  # the story deck's map and trend year
STORY_PLACES = f"ITU:{AFRICA},ITU:{WORLD},SSF,{WORLD}"
OLD_AFTER = 3  # a country's latest figure this many years or more behind the world's is said to be old


def card(snap: Snapshot) -> Card:
    ind = data.ITU
    afr_first, afr_now = snap.value(ind, AFRICA, STORY_FIRST), snap.latest(ind, AFRICA)
    afr_then, wld_then = snap.value(ind, AFRICA, STORY_COMPARED), snap.value(ind, WORLD, STORY_COMPARED)
    wld_now = snap.latest(ind, WORLD)
    if None in (afr_first, afr_now, afr_then, wld_then, wld_now):
        raise LookupError(f"{ind}: the story's years are not in the snapshot")
    trend = snap.series(ind, [AFRICA, WORLD])
    trend["name"] = trend["entity"].map({AFRICA: _("Africa (ITU)"), WORLD: _("World (ITU)")})
    return Card(
        title=_("Internet use: Africa against the world"),
        figure=numbers.pct(afr_now[1]),
        lines=[_("of people in Africa (ITU region) used the internet in {year}, up from {first} in {first_year}.")
               .format(year=afr_now[0], first=numbers.pct(afr_first), first_year=STORY_FIRST),
               _("In {year}: Africa {africa}, world {world}; world {world_now} in {latest}.").format(
                   year=STORY_COMPARED, africa=numbers.pct(afr_then), world=numbers.pct(wld_then),
                   world_now=numbers.pct(wld_now[1]), latest=wld_now[0])]
              + [line for line in [gaps.women_men_sentence(snap, AFRICA)] if line],
        sources=[snap.citation(ind)], trend=trend, trend_label=N_("Internet use"), trend_unit="%",
        link_params={"view": "trend", "places": STORY_PLACES, "year": afr_now[0]},
        # as reported, then each ITU edition's figure for the same year: the chain of revisions, from the data
        reported=reported(snap, KEY) + [line for line in [gaps.editions_sentence(snap, AFRICA)] if line])


def press_note(snap: Snapshot) -> str:
    """The story slide's note: the press figure of the events table against the current ITU series."""
    ev = snap.events
    press = ev[(ev["theme"] == KEY) & (ev["kind"] == "reported_figure")]
    text = _("Africa (ITU region) against the world.")
    if len(press):
        p = press.iloc[0]
        year = p["title"].rstrip(")").rsplit("(", 1)[-1]  # the year the press figure is for, as titled
        current = snap.value(data.ITU, AFRICA, year) if year.isdigit() else None
        said = {"press_year": p["date"][:4], "value": numbers.pct(p["value"], 0), "year": year}
        if current is None:
            text += " " + _("The {press_year} press figure of {value} for {year} is shown as reported.").format(**said)
        elif numbers.rounded(current) == numbers.rounded(p["value"]):
            text += " " + _("The {press_year} press figure of {value} for {year} matches the current ITU series "
                            "({current}).").format(**said, current=numbers.pct(current))
        else:
            text += " " + _("The {press_year} press figure of {value} for {year} has since been revised by ITU to "
                            "{current}: the chart shows the current series.").format(**said, current=numbers.pct(current))
    return text


def slides(snap: Snapshot) -> list[SlideRef]:
    year = STORY_YEAR
    return [SlideRef(EXPLORER.page, {"view": "trend", "places": STORY_PLACES, "year": year}, notes=press_note(snap)),
            SlideRef(EXPLORER.page, {"view": "map", "year": year, "region": "africa"},
                     notes=_("Press Play to step through the years."))]


def figures(snap: Snapshot, code: str) -> list:
    where = place(code, snap.name(code))
    return [profile.trend(snap, code, data.WDI, profile.comparators(snap, code, "wdi"),
                          title=_("Internet use: {country} and comparators").format(country=where),
                          label=_("Internet use"), file=KEY)]


def summary(snap: Snapshot, code: str, where: Place) -> str:
    now = snap.latest(data.WDI, code)
    if not now:
        return _("The World Bank publishes no internet-use figure for {country:the}.").format(country=where)
    year, value = now
    before = snap.latest(data.WDI, code, str(int(year) - 10))
    world = snap.latest(data.WDI, WORLD, year)
    args = dict(country=where, year=year, share=profile.pct(value))
    if before:
        args.update(before=profile.pct(before[1]), then=before[0])
    if world:
        args.update(world=profile.pct(world[1]), world_year=world[0])
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
    newest = snap.latest(data.WDI, WORLD)
    if newest and int(newest[0]) - int(year) >= OLD_AFTER:  # earlier years only: say so plainly
        text += " " + _("The World Bank publishes no later figure for {country:the}.").format(country=where)
    return text


THEME = Theme(
    key=KEY, explorer=EXPLORER, icon=":material/wifi:", blurb=N_("**internet use**"),
    card=card, slides=slides, compare=lambda snap: data.WDI,
    profile=Profile(N_("Internet use"), figures, summary, peers={data.WDI: N_("Internet use")},
                    download=lambda snap, code: {data.WDI: profile.comparators(snap, code, "wdi")}),
)
