"""KaiOS and browsers (caniuse, based on StatCounter; device milestones): the theme's overview card,
country-profile section and story slides. Its data shaping is `data`, its explorer `explorer`, the reader
of a visitor's StatCounter export `statcounter`, its upload `upload`."""
from __future__ import annotations

import pandas as pd

from ... import numbers, profile
from ...deck import SlideRef
from ...i18n import N_, _, data_
from ...i18n.places import Place, place
from ...store import Snapshot
from ..base import Card, Figure, Profile, Theme
from . import data as kaios
from .upload import UPLOAD
from .explorer import EXPLORER

KEY = "kaios"
BROWSERS = [kaios.ALL, "browser_share_op_mini", "browser_share_and_uc"]  # the profile's browser lines
SHOWN = 0.01  # KaiOS shares are written to two decimals: below half of 0.01 % they would read "0.00 %"
STORY_MONTH = "2019-05"  # the story deck's map: the month KaiOS passed a device milestone
SHIPPED = "kaios_devices_shipped_cumulative"


def peaks(snap: Snapshot) -> pd.DataFrame:
    """Countries by their highest monthly KaiOS share, leaving out the small samples the KaiOS page flags
    (`data.small_sample_flags`: one rule), whose shares spike (see the caniuse caveats)."""
    rows = snap.rows(kaios.ALL)
    rows = rows[~rows["entity"].isin(kaios.small_sample_flags(snap).index)
                & (rows["entity"].map(snap.entities["kind"]) == "country")]
    top = rows.loc[rows.groupby("entity")["value"].idxmax()].sort_values("value", ascending=False)
    first = rows.groupby("entity")["period"].min()
    return top.assign(name=top["entity"].map(snap.entities["name"]), first_period=top["entity"].map(first))[
        ["entity", "name", "value", "period", "first_period"]].reset_index(drop=True)


def card(snap: Snapshot) -> Card:
    f = snap.facts
    shipped = f[f["metric"] == SHIPPED].sort_values("date")
    first, last = shipped.iloc[0], shipped.iloc[-1]
    google = snap.events[snap.events["title"].str.contains("Google", na=False)].iloc[0]
    alliance = snap.events[snap.events["title"].str.contains("Smart Africa Alliance", na=False)
                           & (snap.events["theme"] == KEY)].iloc[0]
    top = peaks(snap).iloc[0]
    trend = snap.series(kaios.ALL, [top["entity"], "WLD"])
    return Card(
        title=_("KaiOS: the feature phone that went online"),
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
        sources=[*map(data_, [last["source_title"], first["source_title"], google["source_title"]]),
                 snap.citation(kaios.ALL)],
        trend=trend, trend_label=N_("KaiOS share of page views"), trend_unit="%", time_unit="month",
        link_params={"view": "trend", "places": f"{top['entity']},TZA,NGA,WLD"})


def map_note(snap: Snapshot, month: str = STORY_MONTH) -> str:
    """The story's map slide note: the device milestone of that month, from the facts table."""
    f = snap.facts
    shipped = f[(f["metric"] == SHIPPED) & (f["period"] == month)]
    when = numbers.month(month, long=True)
    when = when[:1].upper() + when[1:]  # French months are lower case, but this one opens the note
    if len(shipped):
        note = _("{month}: KaiOS passes {count} devices shipped.").format(
            month=when, count=numbers.million(shipped.iloc[0]["value"]))
    else:
        note = _("{month}.").format(month=when)
    return note + " " + _("Browser page-view share, not devices.")


def slides(snap: Snapshot) -> list[SlideRef]:
    return [SlideRef(EXPLORER.page, {"view": "map", "month": STORY_MONTH, "colours": "log"}, notes=map_note(snap)),
            SlideRef(EXPLORER.page, {"view": "trend", "places": "IND,TZA,NGA,WLD"},
                     notes=_("India's fall in 2020 may partly be user-agent classification. Triangles: milestones."))]


def browser_series(snap: Snapshot, code: str, browsers: list[str] = BROWSERS) -> pd.DataFrame:
    """These browsers' shares of page views in the country, one line each (keyed by indicator for its colour)."""
    return pd.concat([snap.series(i, [code]).assign(name=snap.indicator(i)["short_label"], key=i) for i in browsers])


def figures(snap: Snapshot, code: str) -> list[Figure]:
    """KaiOS on its own scale (a few hundredths of a percent beside Opera Mini's tens would be a flat line at
    zero), then the other low-end browsers."""
    where = place(code, snap.name(code))
    events = profile.event_marks(profile.events_for(snap, code))
    missing = _("caniuse records no browser shares for {country:the}.")
    own = profile.trend(
        snap, code, kaios.ALL, [code], time_unit="month", height=240, narrow=False, events=events, unit="%",
        file="kaios", label=_("KaiOS share of page views"), missing=missing,
        title=_("KaiOS share of all page views {country:in}").format(country=where),
        captions=[_("Browser page-view share (caniuse, based on StatCounter), not devices or operating systems. "
                    "Triangles mark events that concern this country, its continent or the world: hover for the "
                    "source.")])
    others = profile.trend(
        snap, code, kaios.ALL, [code], series=browser_series(snap, code, BROWSERS[1:]), time_unit="month",
        height=240, narrow=False, unit="%", file="browsers", label=_("Share of page views"), missing=missing,
        title=_("Other low-end browsers {country:in}: share of all page views").format(country=where))
    return [own] if own.notice else [own, others]


def share(v: float) -> str:
    """A KaiOS share to two decimals; below what two decimals show, "less than 0.01 %" (not "0.00 %")."""
    if v < SHOWN / 2:
        return _("less than {share}").format(share=numbers.pct(SHOWN, 2))
    return numbers.pct(v, 2)


def summary(snap: Snapshot, code: str, where: Place) -> str:
    ks = snap.series(kaios.ALL, [code])
    if not len(ks):
        return _("caniuse records no KaiOS browser share for {country:the}.").format(country=where)
    peak, first, last = ks.loc[ks["value"].idxmax()], ks.iloc[0], ks.iloc[-1]
    if peak["value"] < SHOWN / 2:
        return _("KaiOS's browser share of page views {country:in} never reached {threshold} between "
                 "{first} and {last} (caniuse).").format(
            country=where, threshold=numbers.pct(SHOWN, 2), first=profile.month(first["period"]),
            last=profile.month(last["period"]))
    args = dict(country=where, peak=numbers.pct(peak["value"], 2), peak_month=profile.month(peak["period"]),
                first=profile.month(first["period"]), last=share(last["value"]),
                last_month=profile.month(last["period"]))
    if peak["period"] == first["period"]:
        # a maximum in the series' first month is not a peak: nothing before it was measured
        text = _("KaiOS's browser share of all page views {country:in} was {peak} in {first}, the highest since "
                 "the series began in {first}; it was {last} in {last_month} (caniuse, based on StatCounter; "
                 "browser share, not devices).")
    else:
        text = _("KaiOS's browser share of all page views {country:in} peaked at {peak} in {peak_month} (series "
                 "from {first}); it was {last} in {last_month} (caniuse, based on StatCounter; browser share, "
                 "not devices).")
    return text.format(**args)


THEME = Theme(
    key=KEY, explorer=EXPLORER, icon=":material/smartphone:",
    blurb=N_("**KaiOS**, the feature-phone system that brought web browsing to cheap phones in India and Africa"),
    card=card, slides=slides, compare=lambda snap: kaios.ALL,
    profile=Profile(N_("KaiOS and other low-end browsers"), figures, summary, wide=True,
                    download=lambda snap, code: {i: [code] for i in BROWSERS}),
    upload=UPLOAD,
)
