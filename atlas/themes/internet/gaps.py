"""ITU's gaps in internet use (November 2025 edition): women against men, urban against rural areas, for
ITU's regions and the world, and the chain of ITU editions behind a figure (pure: no Streamlit). The internet
explorer declaration and the overview's story call these."""
from __future__ import annotations

import pandas as pd

from ... import charts, numbers
from ...charts import regional
from ...i18n import N_, _, data_
from ...store import Snapshot, per_snapshot

BASE = "itu_internet_use_rate"
GAPS = {"sex": (("female", N_("Women")), ("male", N_("Men"))),
        "area": (("rural", N_("Rural areas")), ("urban", N_("Urban areas")))}
GAP_CHOICES = {"sex": N_("Women and men"), "area": N_("Urban and rural areas")}
PLACES = ["WLD", "ITU_AFR", "ITU_AMR", "ITU_ARB", "ITU_ASP", "ITU_CIS", "ITU_EUR"]


@per_snapshot
def years(snap: Snapshot) -> list[str]:
    """Every year with a split (by sex from 2019, by area from 2022)."""
    return sorted(set(snap.periods(f"{BASE}.female", kind=None)) | set(snap.periods(f"{BASE}.urban", kind=None)))


def gap_years(snap: Snapshot, gap: str) -> list[str]:
    return snap.periods(f"{BASE}.{GAPS[gap][0][0]}", kind=None)


def frame(snap: Snapshot, gap: str, year: str) -> pd.DataFrame:
    rows = []
    for key, group in GAPS[gap]:
        for code in PLACES:
            value = snap.value(f"{BASE}.{key}", code, year)
            if value is not None:
                rows.append({"entity": code, "name": snap.name(code), "group": _(group), "value": value, "period": year})
    return pd.DataFrame(rows, columns=["entity", "name", "group", "value", "period"])


def title(gap: str, year: str) -> str:
    return (_("Internet use by sex, {year}: ITU regions and the world (%)") if gap == "sex"
            else _("Internet use in urban and rural areas, {year}: ITU regions and the world (%)")).format(year=year)


def spec(snap: Snapshot, gap: str, year: str, data: pd.DataFrame) -> charts.Spec:
    return regional.group_dots(data, title=title(gap, year), source=snap.citation(f"{BASE}.{GAPS[gap][0][0]}"),
                               label=N_("Internet use"), groups=[_(g) for _k, g in GAPS[gap]])


def table(data: pd.DataFrame) -> pd.DataFrame:
    """One row per place: both groups and the gap in points."""
    wide = data.pivot_table(index="name", columns="group", values="value", sort=False)
    cols = list(wide.columns)
    wide["gap"] = wide[cols[1]] - wide[cols[0]] if len(cols) == 2 else float("nan")
    return wide.reset_index()


def caption(gap: str) -> str:
    return (_("Share of women and of men who used the internet, ITU estimates; the grey line is the gap.")
            if gap == "sex" else
            _("Share of people in urban and in rural areas who used the internet, ITU estimates; the grey line is the "
              "gap.")) + " " + _("ITU's regions are its own: its 'Africa' is not the World Bank's Sub-Saharan Africa.")


def women_men(snap: Snapshot, code: str = "ITU_AFR") -> tuple[str, float, float] | None:
    """(year, women %, men %) for the latest year with both."""
    women, men = snap.rows(f"{BASE}.female"), snap.rows(f"{BASE}.male")
    both = women[women["entity"] == code].merge(men[men["entity"] == code], on="period", suffixes=("_w", "_m"))
    if both.empty:
        return None
    last = both.sort_values("period").iloc[-1]
    return last["period"], float(last["value_w"]), float(last["value_m"])


def women_men_sentence(snap: Snapshot, code: str = "ITU_AFR") -> str | None:
    got = women_men(snap, code)
    if got is None:
        return None
    year, women, men = got
    return _("In {year}, women {women}, men {men} (ITU, by sex).").format(
        year=year, women=numbers.pct(women), men=numbers.pct(men))


def editions(snap: Snapshot, code: str = "ITU_AFR", year: str | None = None) -> list[tuple[str, float]]:
    """The chain of figures for one place and year: the press figure as reported (the events table), then each
    ITU edition's figure in the snapshot, oldest first. (label, value) pairs, labels in the run's language."""
    ev = snap.events
    press = ev[(ev["theme"] == "internet") & (ev["kind"] == "reported_figure")]
    out = []
    if len(press):
        p = press.iloc[0]
        said = p["title"].rstrip(")").rsplit("(", 1)[-1]  # the year the press figure is for, as titled
        year = year or (said if said.isdigit() else None)
        out.append((_("{year} in {month}'s press reporting").format(year=year, month=numbers.month(p["date"][:7], long=True)),
                    float(p["value"])))
    if year is None:
        return out
    rows = snap.rows(BASE, alternates=True)
    hit = rows[(rows["entity"] == code) & (rows["period"] == year)]
    for r in hit.sort_values("preferred").itertuples():  # the earlier edition first, the current one last
        out.append((_("in ITU's {edition} edition").format(edition=data_(snap.source(r.source_id)["vintage"])),
                    float(r.value)))
    return out


def editions_sentence(snap: Snapshot, code: str = "ITU_AFR") -> str | None:
    chain = editions(snap, code)
    if len(chain) < 2:
        return None
    first, *rest = chain
    year = first[0].split(" ", 1)[0]
    parts = [_("{value} for {what}").format(value=numbers.pct(first[1], 0), what=first[0])] + \
        [f"{numbers.pct(v)} {label}" for label, v in rest]
    return _("{place}, internet use in {year}: {chain}.").format(place=snap.name(code), year=year,
                                                                 chain="; ".join(parts))
