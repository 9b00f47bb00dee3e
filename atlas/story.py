"""The overview's headlines, each computed from the snapshot with its sources and a link to the view
that shows it. Reported figures (as a press story published them) sit beside the current series."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .profile import highest, month_name
from .store import Snapshot, per_snapshot


@dataclass
class Headline:
    theme: str
    title: str
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
    ev = snap.events[(snap.events["theme"] == theme) & (snap.events["kind"] == "reported_figure")]
    return [f"As reported ({r.date}): {r.title}. Source: {r.source_title}." for r in ev.itertuples()]


def internet(snap: Snapshot) -> Headline:
    ind = "itu_internet_use_rate"
    afr_first, afr_now = _v(snap, ind, "ITU_AFR", "2013"), _last(snap, ind, "ITU_AFR")
    afr_2023, wld_2023 = _v(snap, ind, "ITU_AFR", "2023"), _v(snap, ind, "WLD", "2023")
    wld_now = _last(snap, ind, "WLD")
    trend = snap.series(ind, ["ITU_AFR", "WLD"])
    trend["name"] = trend["entity"].map({"ITU_AFR": "Africa (ITU)", "WLD": "World (ITU)"})
    return Headline(
        theme="internet", title="Internet use: Africa against the world",
        figure=f"{afr_now[1]:.1f} %",
        lines=[f"of people in Africa (ITU region) used the internet in {afr_now[0]}, up from {afr_first:.1f} % in 2013.",
               f"In 2023: Africa {afr_2023:.1f} %, world {wld_2023:.1f} %; world {wld_now[1]:.1f} % in {wld_now[0]}."],
        sources=[snap.citation(ind)], trend=trend, trend_label="Internet use", trend_unit="%",
        link_page="pages/internet.py",
        link_params={"view": "trend", "places": "ITU:ITU_AFR,ITU:WLD,SSF,WLD", "year": afr_now[0]},
        reported=_reported(snap, "internet"))


def mobile_money(snap: Snapshot) -> Headline:
    ind = "gsma_tx_value"
    world, africa = _v(snap, ind, "WLD", "2022"), _v(snap, ind, "GSMA_AFRICA", "2022")
    share = _v(snap, "gsma_share_tx_value", "GSMA_AFRICA", "2022")
    wld_now, afr_now = _last(snap, ind, "WLD"), _last(snap, ind, "GSMA_AFRICA")
    rows = snap.rows(ind)
    cited = rows[rows["entity"].isin(["WLD", "GSMA_AFRICA"]) & (rows["period"] == "2022")]["source_id"]
    trend = snap.series(ind, ["WLD", "GSMA_AFRICA"])
    trend["name"] = trend["entity"].map({"WLD": "World", "GSMA_AFRICA": "Africa (as reported)"})
    return Headline(
        theme="mobile_money", title="Mobile money: how much it moves",
        figure=f"US${world / 1000:.2f} trillion",
        lines=[f"moved through mobile money worldwide in 2022; US${africa:,.1f} bn of it ({share:.1f} %) in Africa.",
               f"Latest: US${wld_now[1] / 1000:.2f} trillion worldwide in {wld_now[0]}, "
               f"US${afr_now[1]:,.0f} bn in Africa in {afr_now[0]} (GSMA)."],
        sources=[f"{snap.source(s)['title']} ({snap.source(s)['vintage']})" for s in dict.fromkeys(cited)],
        trend=trend, trend_label="Transaction value", trend_unit="USD billion",
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
        theme="kaios", title="KaiOS: the feature phone that went online",
        figure=f"{last['qualifier'].replace('over', 'over ')}{last['value']:.0f} million",
        lines=[f"KaiOS phones shipped by {last['period']}, from {first['qualifier']} {first['value']:.0f} million in "
               f"{first['period']}; {google['title']} ({google['date'][:4]}).",
               f"Its browser share of all page views was highest in {top['name']}: it "
               f"{highest(format(top['value'], '.2f') + ' %', top['period'], top['first_period'])}; "
               f"{alliance['title']} ({alliance['date'][:4]})."],
        sources=[last["source_title"], first["source_title"], google["source_title"], snap.citation("kaios_share_all")],
        trend=trend, trend_label="KaiOS share of page views", trend_unit="%",
        link_page="pages/kaios.py", link_params={"view": "trend", "places": f"{top['entity']},TZA,NGA,WLD"},
        reported=[])


def kaios_peaks(snap: Snapshot, min_population: float = 1e6) -> pd.DataFrame:
    """Countries by their highest monthly KaiOS share, leaving out places under a million people, whose
    small samples spike (see the caniuse caveats)."""
    rows = snap.rows("kaios_share_all")
    pop = snap.rows("population")
    big = set(pop[(pop["period"] == pop["period"].max()) & (pop["value"] >= min_population)]["entity"])
    rows = rows[rows["entity"].isin(big) & (rows["entity"].map(snap.entities["kind"]) == "country")]
    top = rows.loc[rows.groupby("entity")["value"].idxmax()].sort_values("value", ascending=False)
    first = rows.groupby("entity")["period"].min()
    return top.assign(name=top["entity"].map(snap.entities["name"]), first_period=top["entity"].map(first))[
        ["entity", "name", "value", "period", "first_period"]].reset_index(drop=True)


def deck_notes(snap: Snapshot, kaios_month: str = "2019-05", money_year: str = "2022") -> dict[str, str]:
    """The story deck's speaker notes, every figure from the snapshot (so a rebuild updates them):
    'internet_trend', 'mobile_money_regions', 'kaios_map' (the device milestone of `kaios_month`)."""
    notes = {}
    ev = snap.events
    press = ev[(ev["theme"] == "internet") & (ev["kind"] == "reported_figure")]
    text = "Africa (ITU region) against the world."
    if len(press):
        p = press.iloc[0]
        year = p["title"].rstrip(")").rsplit("(", 1)[-1]  # the year the press figure is for, as titled
        current = snap.value("itu_internet_use_rate", "ITU_AFR", year) if year.isdigit() else None
        said = f" The {p['date'][:4]} press figure of {p['value']:.0f} % for {year}"
        if current is None:
            text += said + " is shown as reported."
        elif round(current) == round(p["value"]):
            text += said + f" matches the current ITU series ({current:.1f} %)."
        else:
            text += said + f" has since been revised by ITU to {current:.1f} %: the chart shows the current series."
    notes["internet_trend"] = text
    world = snap.value("gsma_tx_value", "WLD", money_year)
    share = snap.value("gsma_share_tx_value", "GSMA_AFRICA", money_year)
    money = (f"About US${world / 1000:.2f} trillion moved in {money_year}" if world is not None
             else f"GSMA publishes no world transaction value for {money_year}")
    if share is not None:
        money += f", {share:.0f} % of it in Africa"
    notes["mobile_money_regions"] = money + " (GSMA). Hollow diamonds are earlier editions' figures, since revised."
    f = snap.facts
    shipped = f[(f["metric"] == "kaios_devices_shipped_cumulative") & (f["period"] == kaios_month)]
    if len(shipped):
        r = shipped.iloc[0]
        notes["kaios_map"] = (f"{month_name(kaios_month)}: KaiOS passes {r['value']:.0f} million devices shipped. "
                              "Browser page-view share, not devices.")
    else:
        notes["kaios_map"] = f"{month_name(kaios_month)}. Browser page-view share, not devices."
    return notes


@per_snapshot
def headlines(snap: Snapshot) -> list[Headline]:
    return [internet(snap), mobile_money(snap), kaios(snap)]
