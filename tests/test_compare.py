"""The pure core of the compare view and the change maps (`atlas.compare`): calendars, period matching with
each indicator's tolerance, mixed calendars, missing ends, change computation, classes centred on zero and
the descriptions. Synthetic frames where a rule is tested; the snapshot where the data matter."""
import math
import re

import pandas as pd
import pytest

from atlas import compare, i18n
from atlas.themes import by_page
from atlas.views import COMPARE


def rows(*items):
    """(entity, period, value) rows of one indicator."""
    return pd.DataFrame(items, columns=["entity", "period", "value"])


def one(frame, entity):
    hit = frame[frame["entity"] == entity]
    return None if hit.empty else (float(hit["value"].iloc[0]), hit["period"].iloc[0])


def test_calendars_are_read_from_the_periods():
    assert compare.calendar_of("month", ["2019-03", "2019-04"]) == "month"
    assert compare.calendar_of("year", [str(y) for y in range(2007, 2020)]) == "year"
    assert compare.calendar_of("year", ["2011", "2014", "2017", "2021", "2024"]) == "wave"
    assert compare.calendar_of("year", ["2024"]) == "year"


def test_a_yearly_value_is_used_up_to_three_years_back_and_never_from_after():
    data = rows(("A", "2020", 1.0), ("B", "2016", 2.0), ("C", "2025", 3.0), ("D", "2021", 4.0), ("D", "2019", 5.0))
    got = compare.latest_within(data, "year", ["2016", "2019", "2020", "2021", "2025"], "2021")
    assert one(got, "A") == (1.0, "2020")          # one year back
    assert one(got, "B") is None                   # five years back: beyond the tolerance
    assert one(got, "C") is None                   # after the period
    assert one(got, "D") == (4.0, "2021")          # the period itself beats an earlier year
    edge = compare.latest_within(rows(("A", "2018", 1.0)), "year", ["2018"], "2021")
    assert one(edge, "A") == (1.0, "2018")         # exactly three years back


def test_a_wave_value_is_the_wave_in_force_never_an_older_one():
    data = rows(("A", "2021", 10.0), ("A", "2024", 20.0), ("B", "2021", 30.0), ("C", "2017", 5.0))
    own = ["2017", "2021", "2024"]
    at_2024 = compare.latest_within(data, "wave", own, "2024")
    assert one(at_2024, "A") == (20.0, "2024") and one(at_2024, "B") is None and one(at_2024, "C") is None
    between = compare.latest_within(data, "wave", own, "2023")    # between waves: the 2021 wave
    assert one(between, "A") == (10.0, "2021") and one(between, "B") == (30.0, "2021")
    before = compare.latest_within(data, "wave", own, "2012")      # before the first wave: nothing
    assert before.empty


def test_monthly_values_reach_back_two_months():
    data = rows(("A", "2024-04", 1.0), ("B", "2024-03", 2.0), ("C", "2024-07", 3.0))
    got = compare.latest_within(data, "month", ["2024-03", "2024-04", "2024-07"], "2024-05")
    assert one(got, "A") == (1.0, "2024-04") and one(got, "B") == (2.0, "2024-03") and one(got, "C") is None
    assert compare.latest_within(data, "month", [], "2024-06").pipe(one, "B") is None  # three months back


def test_mixed_calendars():
    monthly = rows(("A", "2023-11", 1.0), ("A", "2024-02", 2.0), ("B", "2023-12", 3.0))
    # a year asked of a monthly indicator: the latest month of that year
    at_2023 = compare.latest_within(monthly, "month", [], "2023")
    assert one(at_2023, "A") == (1.0, "2023-11") and one(at_2023, "B") == (3.0, "2023-12")
    assert one(compare.latest_within(monthly, "month", [], "2024"), "B") is None
    # a month asked of a yearly indicator: that year's value (or up to three years before)
    yearly = rows(("A", "2024", 7.0), ("B", "2022", 8.0))
    got = compare.latest_within(yearly, "year", ["2022", "2024"], "2024-06")
    assert one(got, "A") == (7.0, "2024") and one(got, "B") == (8.0, "2022")


def test_missing_values_are_not_matched():
    data = rows(("A", "2024", float("nan")), ("A", "2023", 4.0))
    assert one(compare.latest_within(data, "year", ["2023", "2024"], "2024"), "A") == (4.0, "2023")


def test_changes_in_points_for_shares_and_relative_for_counts():
    a, b = pd.Series([10.0, 50.0, float("nan"), 0.0]), pd.Series([25.0, 40.0, 5.0, 3.0])
    assert compare.change_kind("%") == "pp" and compare.change_kind("% of GDP") == "pp"
    assert compare.change_kind("per 1,000 adults") == "relative"
    pp = compare.changes(a, b, "pp")
    assert list(pp[:2]) == [15.0, -10.0] and math.isnan(pp[2]) and pp[3] == 3.0
    rel = compare.changes(a, b, "relative")
    assert list(rel[:2]) == [150.0, -20.0] and math.isnan(rel[2]) and math.isnan(rel[3])  # no change from 0


def test_classes_are_centred_on_zero_and_named():
    values = pd.Series([-12.0, -0.5, 0.0, 3.0, 8.0, 17.0, 25.0, 44.0, float("nan")])
    breaks = compare.diverging_breaks(values)
    assert len(breaks) == 2 * compare.SIDE - 1 and breaks[compare.SIDE - 1] == 0
    assert breaks == [-b for b in reversed(breaks)]                       # symmetric
    with i18n.using("en"):
        labels = compare.class_labels(breaks, "pp")
    assert len(labels) == 2 * compare.SIDE and labels[compare.SIDE - 1].endswith("to 0")
    classes = compare.classify(values, breaks, labels)
    assert classes[2] == labels[compare.SIDE] and classes[1] == labels[compare.SIDE - 1]  # 0 holds "0 to +s"
    assert pd.isna(classes.iloc[-1]) and list(classes.cat.categories) == labels
    assert compare.diverging_breaks(pd.Series([], dtype=float))[compare.SIDE] == 1.0  # nothing: a unit step


def test_nice_steps():
    assert [compare.nice_step(r) for r in (0.0012, 7, 13, 18, 45)] == [0.002, 10, 20, 20, 50]


def test_change_table_has_both_ends_and_no_value_where_one_is_missing(snapshot):
    table = compare.change_table(snapshot, "internet_users_pct", "2015", "2024")
    have = table[table["value"].notna()]
    assert len(have) >= 170
    assert (have["value"] - (have["b"] - have["a"])).abs().max() < 1e-9
    assert (have["pa"] < have["pb"]).all() and have["pa"].astype(int).between(2012, 2015).all()
    assert table.loc[table["a"].isna() | table["b"].isna(), "value"].isna().all()


def test_common_periods_and_the_default_pair(snapshot):
    periods = compare.common_periods(snapshot, "internet_users_pct", "findex_mobile_money")
    assert periods == list(compare.indicator(snapshot, "findex_mobile_money").periods)  # the sparser's own
    both = compare.common_periods(snapshot, "kaios_share_all", "kaios_share_mobile")
    assert all(len(p) == 7 for p in both)                                             # two monthly: months
    mixed = compare.common_periods(snapshot, "internet_users_pct", "kaios_share_all")
    assert all(len(p) == 4 for p in mixed)                                           # one yearly: years
    same = compare.common_periods(snapshot, "population", "population")
    assert same == sorted({p for p in compare.indicator(snapshot, "population").periods})


def test_no_common_period_is_empty(snapshot):
    fake = compare.Indicator("x", "wave", ("2011",))
    assert compare.window(fake.calendar, list(fake.periods), "2010") is None
    early = compare.latest_within(rows(("A", "2011", 1.0)), "wave", ["2011"], "2010")
    assert early.empty


def test_the_compare_page_falls_back_and_never_raises(snapshot):
    cases = [{"x": "population", "y": "population"}, {"year": "1066"}, {"year": "2019-07"},
             {"places": ",".join(["KEN"] * 50)}, {"x": "nope", "y": "kaios_share_all", "xaxis": "log", "yaxis": "log"},
             {"region": "sas", "year": "2014"}, {"x": "kaios_share_all", "y": "kaios_share_mobile", "year": "2024"}]
    for given in cases:
        values, notices = COMPARE.values(snapshot, given)
        fig = COMPARE.figure(snapshot, values)
        assert fig.spec is not None or fig.notice, given
        assert values["x"] != values["y"] and values["year"] in COMPARE.periods(snapshot, values)
    values, notices = COMPARE.values(snapshot, {"x": "population", "y": "population"})
    assert any("both axes" in n for n in notices)


def test_descriptions_are_written_from_the_data(snapshot):
    frame = compare.compare_table(snapshot, "internet_users_pct", "findex_mobile_money", "2024")
    with i18n.using("en"):
        text = compare.describe_compare(frame, "Internet use", "%", "Mobile money account", "%", "2024", "World")
    far = compare.farthest(frame)
    assert f"{len(frame)} countries with both values" in text and far["name"].iloc[0] in text
    table = compare.change_table(snapshot, "internet_users_pct", "2015", "2024")
    with i18n.using("en"):
        text = compare.describe_change(table, "internet use", "2015", "2024", "pp", "World")
    rose = int((table["value"] > 0).sum())
    assert text.startswith(f"Map of the change between 2015 and 2024, World: internet use rose in {rose} countries")
    with i18n.using("fr"):
        french = compare.describe_compare(frame, "Internet use", "%", "Mobile money account", "%", "2024", "World")
    assert french.startswith("Graphique à bulles") and re.search(r"\d,\d\u00a0%", french)


@pytest.mark.parametrize("page", ["internet", "mobile-money", "kaios"])
def test_every_map_has_a_change_view(snapshot, page):
    ex = by_page(page).explorer
    values, notices = ex.values(snapshot, {"view": "change"})
    fig = ex.figure(snapshot, values)
    assert not notices and fig.spec is not None and fig.clickable
    classes = next(p["value"] for p in fig.spec["params"] if p["name"] == "classes")
    assert len(classes) == 8 and fig.spec["description"].startswith("Map of the change between")


def test_a_compare_slide_and_a_change_slide_export_and_play(snapshot):
    """Both views as slides: the HTML deck carries Play frames for each (the change map's from its own start,
    the bubbles over the common periods), PowerPoint has a picture on each slide, French included."""
    import io

    from pptx import Presentation

    from atlas.deck import SlideRef
    from atlas.export import html_deck, pptx
    refs = [SlideRef("compare", {}), SlideRef("internet", {"view": "change", "from": "2021", "year": "2024"})]
    with i18n.using("fr"):
        data, skipped = html_deck.slide_data(snapshot, refs)
    assert not skipped and all(s["spec"] is not None for s in data)
    periods = compare.common_periods(snapshot, "internet_users_pct", "findex_mobile_money")
    assert [f["period"] for f in data[0]["frames"]] == periods
    assert [f["period"] for f in data[1]["frames"]] == ["2022", "2023", "2024"]  # from the change's own start
    assert "points" in data[0]["frames"][0]["datasets"]
    assert data[0]["title"].startswith("Compte de mobile money en fonction de")
    assert data[1]["spec"]["description"].startswith("Carte de l’évolution entre 2021 et 2024")
    deck = Presentation(io.BytesIO(pptx.file(snapshot, refs, lang="fr")))
    assert [sum(s.shape_type == 13 for s in page.shapes) for page in deck.slides] == [1, 1]  # a picture each


@pytest.mark.parametrize("lang, head", [("en", "Sources: "), ("fr", "Sources : ")])
def test_the_compare_source_line_says_sources_once(snapshot, lang, head):
    """Three indicators (x, y, bubble size) in one line (issue 22: it read "Source: … Source: … Source: …")."""
    from atlas.views import compare as compare_view
    v = {"x": "internet_users_pct", "y": "findex_mobile_money", "size": "population"}
    with i18n.using(lang):
        line = compare_view.source(snapshot, v)
        labels = [snapshot.indicator(i)["label"] for i in v.values()]
    assert line.startswith(head) and line.count(head.strip()[:6]) == 1, line
    assert all(label in line for label in labels), (labels, line)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_bubbles_travel_as_codes_and_every_name_is_found_in_the_places_file(snapshot, lang):
    """A bubble carries its country's code as a number, not its name (issue 20: a move ≤ 15 KB with 230
    bubbles); the browser spells the code and looks the name up in static/places.json, in the template's
    language, or in `other_names`. Done here as the browser does, for every bubble of the heaviest pair (KaiOS
    months, whose bubbles at 0, 0 send no values) and of the default view."""
    from atlas import geo
    places = {p["id"]: p for p in geo.place_rows()}
    for given in ({"x": "kaios_share_all", "y": "kaios_share_mobile", "size": "none", "year": "2023-11"}, {}):
        with i18n.using(lang):
            values, _ = COMPARE.values(snapshot, given)
            fig = COMPARE.figure(snapshot, values)
            expected = compare.compare_table(snapshot, values["x"], values["y"], values["year"])
            names = {code: snapshot.name(code) for code in expected["entity"]}
        points = fig.spec["datasets"]["points"]
        assert str(points["k"].dtype) == "int16" and not any(points[c].dtype == object for c in points)
        params = {p["name"]: p.get("value") for p in fig.spec["params"]}
        lookups = [t for layer in fig.spec["layer"] for t in layer.get("transform", []) if "lookup" in t]
        field = next(t["from"]["fields"][0] for t in lookups if t["from"]["data"].get("url") == geo.PLACES_URL)
        assert field == {"en": "name", "fr": "name_fr"}[lang]
        spelled = ["".join(chr(65 + k // 26 ** i % 26) for i in (2, 1, 0)) for k in points["k"]]
        found = [params["other_names"].get(str(k)) or places.get(code, {}).get(field)
                 for k, code in zip(points["k"], spelled)]
        assert len(found) == len(expected) >= 70 and dict(zip(spelled, found)) == names
        if "xy" in fig.spec["datasets"]:  # the sparse pair: the values of the bubbles away from 0, 0
            xy = fig.spec["datasets"]["xy"]
            away = expected[(expected["x"] != 0) | (expected["y"] != 0)]
            assert len(xy) == len(away) < len(expected) and not ({"x", "y"} & set(points))
        labelled = {"".join(chr(65 + k // 26 ** i % 26) for i in (2, 1, 0)) for k in params["labelled"]}
        assert labelled == set(values["places"]) & set(expected["entity"]) == {"KEN", "GHA", "IND"}
    assert names["IND"] == {"en": "India", "fr": "Inde"}[lang]


def colour_scales(node) -> list[dict]:
    """The scales of every colour encoding by a field, in a spec's layers."""
    if isinstance(node, list):
        return [s for item in node for s in colour_scales(item)]
    if not isinstance(node, dict):
        return []
    colour = node.get("encoding", {}).get("color")
    own = [colour["scale"]] if isinstance(colour, dict) and "field" in colour else []
    return own + colour_scales(node.get("layer", []))


def test_a_colour_group_keeps_its_colour_in_both_languages_and_on_the_slide(snapshot):
    """Compare's colour groups (regions, income groups) in an order that does not follow the translation, one
    palette for the page and the projector: Sub-Saharan Africa was the sixth colour in English, the first in
    French, and another again on the slide (Vega's tableau10 on the page, Okabe-Ito there)."""
    from atlas.charts import palette, projector

    def colours(lang, colour):
        with i18n.using(lang):
            values, _ = COMPARE.values(snapshot, {"colour": colour})
            spec = COMPARE.figure(snapshot, values).spec
        groups = next(p["value"] for p in spec["params"] if p["name"] == "groups")
        scales, slide = colour_scales(spec), colour_scales(projector.projector(spec))
        assert scales and scales == slide and all(s["range"] == palette.CATEGORY for s in scales), (scales, slide)
        return groups
    for colour, group in (("region", "Sub-Saharan Africa"), ("income", "Low income")):
        english, french = colours("en", colour), colours("fr", colour)
        with i18n.using("fr"):
            assert [i18n.data_(g) for g in english] == french != english, (english, french)
        assert len(english) <= len(palette.CATEGORY) and group in english
