"""Charts that fit a phone, laid out by Vega itself (vl-convert, offline): a map's height follows its width,
titles and source lines wrap to the chart's width, desktops and slides keep their sizes."""
import re
import textwrap

import pytest
import vl_convert as vlc

from atlas import charts, export, i18n
from atlas.charts import maps
from atlas.charts.projector import projector
from atlas.themes import themes

EXPLORERS = {t.page: t.explorer for t in themes()}

PHONE, DESKTOP = 358, 1460  # a chart's container on a 390 px phone and on a 1920 px screen (measured in Chromium)


def exported(snapshot, page: str, given: dict, lang: str = "en", app: bool = False) -> dict:
    """The view's spec as exported (geometry inline, drawable offline), or as the app sends it (`app`)."""
    with i18n.using(lang):
        e = EXPLORERS[page]
        values, _ = e.values(snapshot, given)
        fig = e.figure(snapshot, values)
        return fig.spec if app else fig.export()


def view(spec: dict, width: int) -> dict:
    """The laid-out root view (plot width and height) and its title lines, at this container width."""
    root = vlc.vegalite_to_scenegraph(export.jsonable(spec, width))["scenegraph"]["items"][0]
    title = next(m for m in root["items"] if m.get("role") == "title")["items"][0]["items"]
    lines = {t["role"]: t["items"][0]["text"] for t in title}
    return {"width": root["width"], "height": root["height"], "heading": lines["title-text"],
            "source": lines["title-subtitle"]}


@pytest.mark.parametrize("page, given, key", [("internet", {"view": "map"}, False),
                                              ("kaios", {"view": "map", "month": "2023-10"}, True)])
def test_a_world_map_takes_the_worlds_shape_on_a_phone_and_keeps_its_height_on_a_desktop(snapshot, page, given, key):
    spec = exported(snapshot, page, given)
    phone, desktop = view(spec, PHONE), view(spec, DESKTOP)
    assert desktop["height"] == 460
    world = phone["width"] * maps.aspect()  # the world's height at this width, from the geometry
    # the view is the world's own shape (plus a strip for the zeros key under a KaiOS map), not a 460 px box
    assert world - 0.5 <= phone["height"] <= world + (30 if key else 0.5)
    assert phone["height"] < 460 / 2


def test_a_region_taller_than_wide_keeps_its_height(snapshot):
    spec = exported(snapshot, "internet", {"view": "map", "region": "africa"})
    assert maps.aspect(("continent", "Africa")) > 1
    assert view(spec, PHONE)["height"] == view(spec, DESKTOP)["height"] == 460


def test_the_world_aspect_is_the_projected_extent_of_its_shapes():
    assert 0.40 < maps.aspect() < 0.47  # Equal Earth's world is about 2.1-2.3 times as wide as tall
    assert maps.aspect(("continent", "Africa")) > 3 * maps.aspect()


def test_a_slide_sets_its_own_map_height(snapshot):
    spec = projector(exported(snapshot, "internet", {"view": "map"}), 400)
    assert not [p for p in spec["params"] if p["name"] == "height"]
    assert view({**spec, "title": charts.finish.title()}, PHONE)["height"] == 400


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_titles_and_source_lines_wrap_to_the_chart_and_are_never_cut(snapshot, lang):
    spec = exported(snapshot, "kaios", {"view": "map", "month": "2023-10"}, lang)  # the longest source line
    heading, source = charts.heading(spec), charts.source_line(spec)
    phone = view(spec, PHONE)
    assert " ".join(phone["heading"]) == heading and " ".join(phone["source"]) == source
    assert len(phone["source"]) >= 4
    # Vega cuts a line longer than the chart with "…": none is, drawn at a phone's width
    svg = vlc.vegalite_to_svg(export.jsonable(spec, PHONE))
    title = "".join(re.findall(r'<g class="mark-text role-title-(?:text|subtitle)".*?</g>', svg))
    assert title and "…" not in title
    # a desktop keeps the lines it had when Python wrapped them (70 and 120 characters)
    desktop = view(spec, DESKTOP)
    assert desktop["heading"] == textwrap.wrap(heading, 70, break_on_hyphens=False)
    assert desktop["source"] == textwrap.wrap(source, 120, break_on_hyphens=False)


def test_a_map_move_sends_no_small_table_apart(snapshot):
    """The zeros key's two rows ride inline in the cached template: as a dataset they would travel as an
    Arrow table of ~1.3 KB with every period move."""
    spec = exported(snapshot, "kaios", {"view": "map", "month": "2023-10"}, app=True)
    assert set(spec.get("datasets", {})) == {"map_values"}


def test_a_slide_legend_is_as_wide_as_its_text_is_large(snapshot):
    """On a projector a legend's labels and title are twice the page's size: their width limits grow with them,
    or "Latin America & Caribbean" and "World Bank region" end in "…" on the compare slide."""
    from atlas import slides
    from atlas.charts.finish import walk
    from atlas.charts.projector import PROJECTOR_FONT, projector
    from atlas.deck import SlideRef

    def limits(spec) -> list:
        found = []
        walk(spec, lambda key, node: found.append(node["labelLimit"]) or node
             if key == "legend" and isinstance(node, dict) and "labelLimit" in node else node)
        return found
    spec = slides.render(snapshot, SlideRef("compare", {})).spec
    ratio = PROJECTOR_FONT / 12
    page = limits(spec)
    assert page and limits(projector(spec)) == [{"expr": f"({limit['expr']}) * {ratio:g}"} for limit in page]
    assert projector(spec)["config"]["legend"]["titleLimit"] >= 180 * ratio


@pytest.mark.parametrize("page, given", [("compare", {}), ("internet", {"view": "gaps"}), ("internet", {"view": "trend"}),
                                         ("mobile-money", {"view": "regions"})])
def test_a_slide_axis_names_every_label_in_full_at_steps_a_room_can_read(snapshot, page, given):
    """On a 1,800 px slide Vega's default ticks every ~40 px wrote 51 labels of 24 px on compare's axis (0, 2, 4
    … 100), and its 180 px label limit cut the gaps view's regions ("Arab States (ITU regi…"). Laid out offline."""
    from atlas import slides
    from atlas.deck import SlideRef
    spec = projector(slides.render(snapshot, SlideRef(page, given), inline=True).spec, 560)
    root = vlc.vegalite_to_scenegraph(export.jsonable({**spec, "width": 1800}))["scenegraph"]

    def labels(node, found):  # each axis's label texts, by the axis's orientation
        if isinstance(node, dict):
            if node.get("role") == "axis" and node.get("items"):
                item = node["items"][0]
                texts = [t.get("text") for g in item.get("items", []) if g.get("role") == "axis-label"
                         for t in g.get("items", [])]
                found.append((item.get("orient"), texts))
            for v in node.values():
                labels(v, found)
        elif isinstance(node, list):
            for v in node:
                labels(v, found)
        return found
    axes = labels(root, [])
    assert axes, page
    for orient, texts in axes:
        assert not any(str(t).endswith("…") for t in texts), (page, orient, texts)
        numeric = [t for t in texts if re.fullmatch(r"[\d.,\u202f\s-]+", str(t))]
        if all(re.fullmatch(r"(19|20)\d\d", str(t)) for t in texts):
            continue  # a time axis: one label a year on a slide (projector's own rule)
        if numeric == texts and orient in ("bottom", "top"):  # a value axis across: a label every ~160 px
            assert len(texts) <= 12, (page, orient, texts)
        elif numeric == texts:  # up: at least ~60 px apart on a 560 px plot (17 labels before: 0, 5, 10 … 80)
            assert len(texts) <= 10, (page, orient, texts)
