"""Mobile money, declared once: the headline, country maps (Findex, IMF FAS) with waves/years and Play,
country trends, a table, and GSMA's regional figures with every edition's figure kept."""
from __future__ import annotations

from . import data as mm
from . import gsma as gv
from ... import numbers
from ...i18n import N_, _, data_
from ...params import choice, codes, period
from ...regions import FOCUS_LABELS
from ...store import Snapshot
from .. import change
from ..base import Column, Control, Explorer, Figure, Headline, View, fixed, view_labels, views
from ..common import AXIS, MAP_CLICK, PICK_PLACES, REGION, axis_param, have_value, places_control

# GSMA's Global Mobile Money Dataset (atlas.themes.mobile_money.gsma): volumes by region, the regional map, the product mix
GSMA_VIEWS = ("gsma_lines", "gsma_map", "gsma_mix")
MIX_ALL = "all"


def params(snap: Snapshot) -> list:
    return [
        choice("view", view_labels(VIEWS), "map", label=N_("View")),
        choice("measure", mm.MEASURES, "mobile_money", label=N_("Indicator")),
        choice("slice", mm.SLICES, "all", label=N_("Group")),
        period("year", mm.all_periods(snap), "2024", label=N_("Year")),
        change.from_param(mm.all_periods(snap), change.default_start(mm.measure_periods(snap, "mobile_money"), "2024", 1)),
        choice("region", FOCUS_LABELS, "world", label=N_("Region")),
        codes("places", mm.place_codes(snap), mm.DEFAULT_PLACES, label=N_("Places")),
        choice("metric", mm.GSMA_METRICS, "value", label=N_("GSMA measure")),
        codes("gsma", mm.gsma_codes(snap), mm.DEFAULT_GSMA, label=N_("GSMA regions")),
        axis_param(),
        choice("gmeasure", gv.MEASURE_CHOICES, "value", label=N_("GSMA measure")),
        codes("areas", set(gv.area_codes(snap)), gv.DEFAULT_AREAS, label=N_("GSMA regions")),
        choice("mixby", gv.MIX_BY, "value", label=N_("Share of")),
        choice("mixarea", [MIX_ALL] + gv.area_codes(snap), MIX_ALL, label=N_("Product mix for")),
    ]


def settle(snap: Snapshot, v: dict) -> str | None:
    """A year the indicator has no period for (a FAS year on a Findex indicator) moves to the nearest."""
    if v["view"] == "gsma_map":
        years = gv.map_years(snap, v["gmeasure"])
        if v["year"] not in years:
            v["year"] = mm.nearest_period(years, v["year"])
        return None
    if v["view"] in ("regions", "gsma_lines", "gsma_mix"):
        return None
    periods, asked = mm.measure_periods(snap, v["measure"]), v["year"]
    if asked not in periods:
        v["year"] = mm.nearest_period(periods, asked)
    if v["view"] == change.VIEW:  # the start too lands on a period of the indicator, before the end
        v["from"] = mm.nearest_period(periods, v["from"])
        if v["from"] >= v["year"] and periods.index(v["year"]) > 0:
            v["from"] = periods[periods.index(v["year"]) - 1]
    return None if asked in periods else mm.moved_notice(snap, v["measure"], asked, v["year"])


def chosen(snap: Snapshot, v: dict) -> tuple[str, str, str | None]:
    measure = v["measure"]
    slice_ = v["slice"] if mm.sliceable(measure) else "all"
    return measure, slice_, mm.indicator_id(snap, measure, slice_)


def no_data(snap, ind, measure, slice_, year) -> Figure:
    return Figure(_(mm.MEASURE_LABELS[measure]), notice=mm.no_data_message(snap, ind, measure, slice_, year),
                  source=snap.citation(ind) if ind else "")


def map_caption(snap: Snapshot, values, ind: str, measure: str, year: str) -> str:
    grey = (_("Grey: not asked or not published for this wave (a Findex blank is 'not measured', not zero).")
            if mm.is_findex(measure) else _("Grey: no IMF FAS value reported for {year}.").format(year=year))
    note = mm.scale_note(snap, ind)
    return " ".join([have_value(int(values["value"].notna().sum()), len(values)), grey] + ([note] if note else [])
                    + [_("Small states are drawn as dots."), _(MAP_CLICK)])


def cross_section(snap: Snapshot, v: dict):
    """(measure, slice, indicator, values) for the map and table; `values` is None when nothing has a value."""
    measure, slice_, ind = chosen(snap, v)
    values = mm.map_table(snap, ind, v["year"], v["region"]) if ind else None
    if values is not None and values["value"].notna().sum() == 0:
        values = None
    return measure, slice_, ind, values


def draw_map(snap: Snapshot, v: dict, extras: dict) -> Figure:
    measure, slice_, ind, values = cross_section(snap, v)
    if values is None:
        return no_data(snap, ind, measure, slice_, v["year"])
    year, region = v["year"], v["region"]
    return Figure(mm.map_title(snap, ind, measure, year, region), mm.map_spec(snap, values, ind, measure, year, region),
                  snap.citation(ind), table=mm.table(values), captions=[map_caption(snap, values, ind, measure, year)],
                  export=lambda: mm.map_spec(snap, values, ind, measure, year, region, inline=True),
                  file=f"mobile-money-{measure}-{slice_}-{year}-{region}", clickable=True)


def draw_trend(snap: Snapshot, v: dict, extras: dict) -> Figure:
    measure, slice_, ind = chosen(snap, v)
    label, places, log = _(mm.MEASURE_LABELS[measure]), v["places"], v["axis"] == "log"
    if not places:
        return Figure(label, notice=_(PICK_PLACES))
    if ind is None:
        return no_data(snap, ind, measure, slice_, v["year"])
    series = mm.trend_series(snap, ind, places, log)
    if series.empty:
        group = f", {_(mm.SLICES[slice_]).lower()}" if slice_ != "all" else ""
        return Figure(label, source=snap.citation(ind), notice=_(
            "No data for this choice: none of the chosen places has a value for {what}.").format(
            what=mm.measure_name(measure) + group))
    spec = mm.trend_spec(snap, series, ind, measure, v["year"], log)
    notes = [_("Findex: one point per survey wave, joined by lines; nothing is interpolated between waves.")
             if mm.is_findex(measure) else _("IMF FAS: yearly values as reported by central banks.")]
    missing = mm.missing_places(snap, series, places)
    if missing:
        notes.append(_("No values for: {places}.").format(places=", ".join(missing)))
    return Figure(label, spec, snap.citation(ind), table=series[["name", "period", "value"]], captions=[" ".join(notes)],
                  export=lambda: spec, file=f"mobile-money-{measure}-{slice_}-trend")


def draw_change(snap: Snapshot, v: dict, extras: dict) -> Figure:
    measure, slice_, ind = chosen(snap, v)
    if ind is None:
        return no_data(snap, ind, measure, slice_, v["year"])
    return change.figure(snap, ind, v["from"], v["year"], v["region"], mm.measure_periods(snap, measure),
                         f"mobile-money-{measure}-{slice_}")


def draw_table(snap: Snapshot, v: dict, extras: dict) -> Figure:
    measure, slice_, ind, values = cross_section(snap, v)
    if values is None:
        return no_data(snap, ind, measure, slice_, v["year"])
    year, region = v["year"], v["region"]
    meta = snap.indicator(ind)
    return Figure(mm.map_title(snap, ind, measure, year, region), None, snap.citation(ind), table=mm.table(values),
                  columns={"name": Column(N_("Country")),
                           "value": Column(f"{meta['short_label']} ({mm.unit_text(snap, ind)})", "%.1f"),
                           "period": Column(N_("Year of value")), "rank": Column(N_("Rank"), "%d"),
                           "region": Column(N_("Region")), "income_group": Column(N_("Income group"))},
                  captions=[snap.citation(ind)], file=f"mobile-money-{measure}-{slice_}-{year}-{region}")


def regions_caption(snap: Snapshot, points, regions: list[str]) -> list[str]:
    missing = [snap.name(c) for c in regions if c not in set(points["entity"])]
    revised = int((~points["latest"]).sum())
    notes = [_("Lines join the years that have a published figure; gaps are not filled.")]
    if revised:
        notes.append(_("Hollow diamonds: {figures} from other report editions or pages; GSMA revises its back "
                       "series, the line follows the latest edition.").format(
            figures=numbers.plural(revised, "figure", "figures")))
    if missing:
        notes.append(_("No figure for: {places}.").format(places=", ".join(missing)))
    check = mm.africa_parts_check(snap)
    why = (_("for {year}, GSMA's five African sub-regions, North Africa's {north} included, add up to {parts}, its "
             "'Africa' total").format(year=check["period"], north=numbers.usd_bn(check["north"]),
                                      parts=numbers.usd_bn(check["parts"]))
           if check else _("GSMA's 'Africa' figures include North Africa"))
    return [" ".join(notes), mm.md(_("'Africa, continent-wide (as reported)' and 'Sub-Saharan Africa' are kept "
                                     "apart: {why}. Press material often quotes the continent figure as Sub-Saharan "
                                     "Africa's.").format(why=why))]


def draw_regions(snap: Snapshot, v: dict, extras: dict) -> Figure:
    ind, regions = mm.GSMA_METRICS[v["metric"]], v["gsma"]
    meta = snap.indicator(ind)
    title = _("{label} by region").format(label=meta["label"])
    if not regions:
        return Figure(title, notice=_("Pick one or more regions to draw their lines."))
    points = mm.gsma_points(snap, ind, regions)
    if points.empty:
        return Figure(title, source=snap.citation(ind), notice=_(
            "No data for this choice: GSMA publishes no figures of {what} for the chosen regions in this "
            "snapshot.").format(what=meta["label"].lower()))
    spec = mm.gsma_spec(snap, ind, points, v["axis"] == "log")
    table = mm.gsma_table(points)
    return Figure(title, spec, snap.citation(ind), table=table, captions=regions_caption(snap, points, regions),
                  export=lambda: spec, file=f"mobile-money-gsma-{v['metric']}",
                  details=(N_("Figures behind the chart, with their sources"), table, {
                      "name": Column(N_("Region")), "period": Column(N_("Year")),
                      "value": Column(f"{meta['short_label']} ({mm.unit_text(snap, ind)})", "%.4g"),
                      "status": Column(N_("Figure")), "note": Column(N_("As reported")),
                      "source_title": Column(N_("Source")), "edition": Column(N_("Edition")),
                      "source_url": Column(N_("Page"), "link")}))


REVISION_COLUMNS = {"name": Column(N_("Region")), "measure": Column(N_("Measure")), "unit": Column(N_("Unit")),
                    "year": Column(N_("Year")), "reported": Column(N_("As reported"), "%.4g"),
                    "edition": Column(N_("Edition")), "current": Column(N_("GSMA dataset"), "%.4g"),
                    "revision_pct": Column(N_("Revision (%)"), "%+.1f"), "status": Column(N_("Dataset figure")),
                    "source_title": Column(N_("Source")), "source_url": Column(N_("Page"), "link")}


def draw_gsma_lines(snap: Snapshot, v: dict, extras: dict) -> Figure:
    measure, areas = v["gmeasure"], v["areas"]
    title = gv.lines_title(measure)
    if not areas:
        return Figure(title, notice=_("Pick one or more regions to draw their lines."))
    frame = gv.series(snap, measure, areas)
    if frame.empty:
        return Figure(title, source=gv.citation(snap), notice=_("No data for this choice: GSMA's dataset has no "
                                                                  "figures of this measure for the chosen regions."))
    spec = gv.lines_spec(snap, measure, frame, v["axis"] == "log")
    table = gv.revisions(snap, areas)
    label, unit = gv.label_unit(measure)
    return Figure(title, spec, gv.citation(snap), table=frame[["name", "period", "value"]],
                  captions=[gv.lines_caption(measure), mm.md(gv.revision_sentence(snap) or "")],
                  export=lambda: spec, file=f"mobile-money-gsma-dataset-{measure}",
                  details=(N_("Figures reported by GSMA's reports and press beside the dataset's, with the revision"),
                           table, REVISION_COLUMNS) if len(table) else None)


def draw_gsma_map(snap: Snapshot, v: dict, extras: dict) -> Figure:
    measure, year = v["gmeasure"], v["year"]
    countries, areas = gv.map_table(snap, measure, year)
    title = gv.map_title(measure, year)
    if areas["value"].notna().sum() == 0:
        return Figure(title, source=gv.citation(snap), notice=_("No data for this choice: GSMA's dataset has no "
                                                                  "figure of this measure for December {year}.").format(year=year))
    label, unit = gv.label_unit(measure)
    return Figure(title, gv.map_spec(snap, measure, year, countries, areas), gv.citation(snap),
                  table=gv.map_table_rows(countries, areas), captions=[gv.map_caption(snap, countries, areas)],
                  export=lambda: gv.map_spec(snap, measure, year, countries, areas, inline=True),
                  file=f"mobile-money-gsma-map-{measure}-{year}", clickable=True)


def draw_gsma_mix(snap: Snapshot, v: dict, extras: dict) -> Figure:
    by, area = v["mixby"], v["mixarea"]
    if area == MIX_ALL:
        frame = gv.mix_year(snap, by)
        spec = gv.mix_year_spec(snap, by, frame)
        caption = _("GSMA's annual figures for {year} (its Usage - Product table), eight products; each bar adds up "
                    "to 100 % of the region's total.").format(year=gv.annual_year(snap))
        return Figure(f"{charts_heading(spec)}", spec, snap.citation(f"gsma_mm_year_{by}"),
                      table=frame[["name", "category", "share", "amount", "period"]], captions=[caption],
                      export=lambda: spec, file=f"mobile-money-gsma-products-{by}-{gv.annual_year(snap)}")
    frame = gv.mix_time(snap, by, area)
    spec = gv.mix_time_spec(snap, by, area, frame)
    caption = _("Shares of the eight products in each quarter's last month (GSMA's monthly figures), from December "
                "2011; each month adds up to 100 %.")
    return Figure(charts_heading(spec), spec, gv.citation(snap), table=frame[["category", "period", "share"]],
                  captions=[caption], export=lambda: spec, file=f"mobile-money-gsma-products-{by}-{area}")


def charts_heading(spec) -> str:
    from ...charts import heading
    return heading(spec)


def mix_label(snap: Snapshot):
    return lambda k: _("Every region, {year} (annual)").format(year=gv.annual_year(snap)) if k == MIX_ALL \
        else _("{area}, over time").format(area=snap.name(k))


def headline(snap: Snapshot) -> Headline:
    """GSMA's dataset for its latest year and, beside it, the story year's figures as reported: every figure
    read from the snapshot."""
    story, now = mm.headline(snap, mm.STORY_YEAR), gv.latest(snap)
    text = mm.md(_("In {year}, mobile money moved {world} worldwide, {share} of it ({africa}) in Africa (GSMA's "
                   "Global Mobile Money Dataset).").format(year=now.year, world=numbers.usd_bn(now.world),
                                                           share=numbers.share_words(now.share),
                                                           africa=numbers.usd_bn(now.africa)))
    metrics = [(_("Worldwide, {year} (GSMA dataset)").format(year=now.year), numbers.usd_bn(now.world, short=True), None,
                None),
               (_("Africa, {year} (GSMA dataset)").format(year=now.year), numbers.usd_bn(now.africa, short=True),
                _("{share} of world").format(share=numbers.pct(now.share)), None)]
    used = []
    if story.world is not None:
        metrics.append((_("Worldwide, {year}, as reported").format(year=story.year),
                        numbers.usd_bn(story.world.value, short=True), None, mm.md(data_(story.world.note)) or None))
        used.append(story.world.source_id)
    if story.africa is not None:
        metrics.append((_("Africa, {year}, as reported").format(year=story.year),
                        numbers.usd_bn(story.africa.value, short=True),
                        _("{share} of world").format(share=numbers.pct(story.share)) if story.share is not None else None,
                        mm.md(data_(story.africa.note)) or None))
        used += [story.africa.source_id] + ([story.share_source] if story.share_source else [])
    caption = mm.md(_("Transaction value in the year ({short}). {year}: GSMA's Global Mobile Money Dataset ({edition}), "
                      "its annual table; Africa's share computed here. {story}: the GSMA State of the Industry Report "
                      "figures as published or quoted, kept as reported (GSMA's dataset gives monthly figures only for "
                      "that year). 'Africa' is GSMA's continent-wide figure, not Sub-Saharan Africa. Sources:").format(
                        short=_("tn: trillion, bn: billion"), year=now.year, edition=now.edition, story=story.year)
                    + " " + "; ".join([mm.source_link(snap, gv.SOURCE)] + [mm.source_link(snap, s)
                                                                          for s in dict.fromkeys(used)]) + ".")
    return Headline(text, metrics, caption)


def caveats(snap: Snapshot, v: dict) -> tuple[list[str], list[str]]:
    if v["view"] in GSMA_VIEWS:  # the views of GSMA's Global Mobile Money Dataset
        shown = (gv.INDICATORS[v["gmeasure"]] if v["view"] != "gsma_mix"
                 else [f"gsma_mm_year_{v['mixby']}", "gsma_mm_value" if v["mixby"] == "value" else "gsma_mm_volume"])
        return shown, [
            _("GSMA's value and volume are monthly figures for the last month of each quarter (March, June, September, "
              "December), not quarterly or annual totals; its annual figures are the Usage - Product table."),
            _("Every GSMA figure is a region's or sub-region's, never a country's: GSMA publishes no country values. "
              "Its regions are its own, not the World Bank's or ITU's regions of the same names."),
            _("GSMA revises its whole back series with each edition: the figures quoted by earlier reports and the "
              "press are kept, as reported, beside the dataset's."),
        ]
    if v["view"] == "regions":
        shown = list(mm.GSMA_METRICS.values())
    else:
        measure, slice_, ind = chosen(snap, v)
        shown = [mm.MEASURES[measure][0]] + ([ind] if ind and slice_ != "all" else [])
    check = mm.africa_parts_check(snap)
    fas_last = mm.measure_periods(snap, "tx_value_gdp")[-1]
    return shown + ["gsma_tx_value", "gsma_share_tx_value"], [
        _("Findex blanks mean 'not asked' (the mobile money question is asked only where mobile money is relevant), "
          "not zero. Waves are irregular; the slider steps through waves only."),
        _("In {count} economies the Findex 2021 wave was fielded in 2022; it is shown as the 2021 wave, as the World "
          "Bank does, and marked '(fieldwork in 2022)' in tooltips and tables.").format(
            count=numbers.count(mm.fieldwork_economies(snap))),
        _("IMF FAS stops in {year} in this snapshot (the newest global copy found). Amounts in national currency "
          "and raw counts are not comparable across countries and are not mapped: {series}.").format(
            year=fas_last, series="; ".join(mm.left_out_fas(snap))),
        _("GSMA revises its back series every year: the latest report edition is drawn, figures from other editions "
          "are kept as hollow markers with their page. Several pages are secondary (news sites, document mirrors)."),
        mm.md(_("GSMA's 'Africa (as reported)' is continent-wide and distinct from Sub-Saharan Africa: for {year} its "
                "five sub-regions, North Africa included, add up to its total.").format(year=check["period"])
              if check else _("GSMA's 'Africa (as reported)' is continent-wide and distinct from Sub-Saharan Africa.")),
    ]


def gsma_label(snap: Snapshot):
    return lambda k: f"{snap.indicator(mm.GSMA_METRICS[k])['label']} ({mm.unit_text(snap, mm.GSMA_METRICS[k])})"


VIEWS = views(
    View("map", N_("Map"), draw_map, controls=(("measure", "slice"),)),
    View("trend", N_("Trend"), draw_trend, controls=(("measure", "slice"), ("places", "axis"))),
    View("table", N_("Table"), draw_table, controls=(("measure", "slice"),)),
    View("regions", N_("Regions (GSMA)"), draw_regions, controls=(("metric", "gsma", "axis"),), timeline=False),
    View("gsma_lines", N_("Volumes (GSMA)"), draw_gsma_lines, controls=(("gmeasure", "areas", "axis"),), timeline=False),
    View("gsma_map", N_("Regional map (GSMA)"), draw_gsma_map, controls=(("gmeasure",),)),
    View("gsma_mix", N_("Product mix (GSMA)"), draw_gsma_mix, controls=(("mixby", "mixarea"),), timeline=False),
    View(change.VIEW, change.LABEL, draw_change, controls=(("measure", "slice", "from"),)),
)


EXPLORER = Explorer(
    page="mobile-money", key="mobile_money", title=N_("Mobile money"),
    intro=lambda snap: _("Who has a mobile money account (World Bank Global Findex survey), how much it is used "
                         "country by country (IMF Financial Access Survey), and how much it moves by region (GSMA)."),
    params=params,
    controls={
        "view": Control("view", N_("View"), "segmented", *fixed(view_labels(VIEWS))),
        "region": REGION,
        "measure": Control("measure", N_("Indicator"), "select", *fixed(mm.MEASURE_LABELS)),
        "slice": Control("slice", N_("Group (Findex)"), "select", *fixed(mm.SLICES),
                         help=N_("Findex account shares by group. The gender gap and IMF FAS series have no groups."),
                         disabled=lambda v: not mm.sliceable(v["measure"])),
        "places": places_control("places", lambda snap: sorted(mm.place_codes(snap), key=snap.name),
                                 lambda snap: snap.name),
        "axis": AXIS,
        "from": change.from_control(mm.all_periods),
        "metric": Control("metric", N_("GSMA measure"), "select", lambda snap: list(mm.GSMA_METRICS), gsma_label),
        "gsma": Control("gsma", N_("Regions"), "multiselect",
                        lambda snap: sorted(mm.gsma_codes(snap), key=lambda c: (c != mm.WORLD, snap.name(c))),
                        lambda snap: snap.name),
        "gmeasure": Control("gmeasure", N_("GSMA measure"), "select", lambda snap: list(gv.MEASURES),
                            lambda snap: gv.measure_choice),
        "areas": Control("areas", N_("GSMA regions"), "multiselect", lambda snap: gv.area_codes(snap),
                         lambda snap: snap.name),
        "mixby": Control("mixby", N_("Share of"), "segmented", *fixed(gv.MIX_BY)),
        "mixarea": Control("mixarea", N_("Product mix for"), "select",
                           lambda snap: [MIX_ALL] + gv.area_codes(snap), mix_label),
    },
    views=VIEWS,
    top=(("region", ("map", "table", change.VIEW)),),
    period="year", periods=lambda snap, v: gv.map_years(snap, v["gmeasure"]) if v["view"] == "gsma_map"
    else mm.measure_periods(snap, v["measure"]),
    period_label=lambda v: N_("Year (December)") if v["view"] == "gsma_map"
    else N_("Findex wave") if mm.is_findex(v["measure"]) else N_("Year"),
    settle=settle, caveats=change.with_notes(caveats, lambda snap, v: chosen(snap, v)[2]), headline=headline,
)
