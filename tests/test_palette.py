"""Colour by meaning (atlas.charts.palette): one assignment, keyed by place code and role, that the profile's
charts, the country slide, the HTML deck, the PowerPoint and the PDF handout all draw with, in both languages."""
import io
import zipfile

from PIL import Image
from pypdf import PdfReader

from atlas import i18n, slides
from atlas.charts import palette
from atlas.deck import SlideRef
from atlas.export import html_deck, pdf as handout, pptx
from atlas.themes import themes


def contrast(colour: str) -> float:
    """WCAG contrast of a colour against the charts' white background (how strong a line reads)."""
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 1.05 / (0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b) + 0.05)


def _tiny_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, "PNG")
    return buf.getvalue()


TINY_PNG = _tiny_png()


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))


def colour_scales(spec) -> list[dict]:
    """Every colour scale on the lines' names in a spec (each layer's)."""
    found = []

    def visit(node):
        if isinstance(node, dict):
            colour = node.get("color")
            if isinstance(colour, dict) and colour.get("field") == "name" and "scale" in colour:
                found.append(colour["scale"])
            for k, v in node.items():
                if k != "datasets":
                    visit(v)
        elif isinstance(node, list):
            for v in node:
                visit(v)
    visit(spec)
    return found


def test_the_focus_is_the_strongest_colour_and_groups_recede():
    groups = [colour for colour, _codes in palette.GROUPS.values()] + palette.MORE_GROUPS
    assert all(contrast(palette.FOCUS) > contrast(c) + 4 for c in groups)  # 8.0 against at most 3.5
    assert palette.FOCUS not in palette.COUNTRIES and len(set(groups)) == len(groups)


def test_colours_follow_codes_not_their_order_or_labels():
    nga = palette.assign(["NGA", "SSF", "LMC", "WLD"], focus="NGA")
    assert nga == {"NGA": palette.FOCUS, "SSF": "#4aa38c", "LMC": "#d9a441", "WLD": palette.WORLD}
    assert palette.assign(["WLD", "LMC", "SSF", "NGA"], focus="NGA") == nga  # any order
    # one meaning, one tone, whoever publishes it: WDI's and Findex's Sub-Saharan Africa, GSMA's
    assert {palette.assign([c])[c] for c in ("SSF", "SSA", "GSMA_SSA")} == {"#4aa38c"}
    # ITU's world beside the World Bank's: the World Bank's keeps the grey, ITU's takes another tone
    both = palette.assign(["ITU:WLD", "WLD", "ITU:ITU_AFR", "SSF"])
    assert both["WLD"] == palette.WORLD and both["ITU:WLD"] not in (palette.WORLD, palette.FOCUS)
    assert both["ITU:ITU_AFR"] == palette.assign(["ITU_AFR"])["ITU_AFR"]
    # a chart of many countries: strong, distinct colours, none the focus blue
    many = palette.assign(["IND", "TZA", "NGA", "KEN", "GHA", "SEN", "UGA", "WLD"])
    assert len(set(many.values())) == len(many) and palette.FOCUS not in many.values()
    assert palette.assign(["IND", "TZA", "NGA", "WLD"]) == palette.assign(["WLD", "NGA", "TZA", "IND"])


def test_the_scale_names_the_focus_first_and_colours_a_nameless_upload():
    import pandas as pd
    frame = pd.DataFrame({"entity": ["WLD", "SEN", None], "name": ["Monde", "Sénégal", "Mon fichier"]})
    scale = palette.scale(frame, focus="SEN")
    assert scale["domain"] == ["Sénégal", "Monde", "Mon fichier"]
    assert scale["range"][:2] == [palette.FOCUS, palette.WORLD] and len(set(scale["range"])) == 3


def profile_line_charts(snapshot, code):
    return [f.spec for t in themes() if t.profile for f in t.profile.figures(snapshot, code) if f.spec is not None]


def test_the_chosen_country_is_the_focus_on_every_profile_chart_in_both_languages(snapshot):
    """Nigeria in both languages (the browser test opens Nigeria's and Senegal's pages in both)."""
    code, by_code = "NGA", {}
    for lang in ("en", "fr"):
        with i18n.using(lang):
            name = snapshot.name(code)
            specs = profile_line_charts(snapshot, code)
            mine = [s for s in specs if name in colour_scales(s)[0]["domain"]]
            assert len(mine) == 3, lang  # internet use, mobile money, KaiOS (the other browsers have no such line)
            for spec in mine:
                for scale in colour_scales(spec):  # every layer that colours by name
                    colours = dict(zip(scale["domain"], scale["range"]))
                    assert colours[name] == palette.FOCUS
                    assert scale["domain"][0] == name  # first in the legend
                    assert max(colours.values(), key=contrast) == palette.FOCUS  # the strongest line
                assert {p["name"]: p["value"] for p in spec["params"]}["focus"] == name  # thicker, labelled
            # the comparators keep their colours from one language to the other (by code, not label)
            series = snapshot.series("internet_users_pct", ["WLD", "LMC", "SSF"])
            by_code[lang] = [dict(zip(colour_scales(mine[0])[0]["domain"], colour_scales(mine[0])[0]["range"]))
                             [n] for n in series.drop_duplicates("entity")["name"]]
            assert by_code[lang] == [palette.WORLD if c == "WLD" else palette.GROUP_OF[c]
                                     for c in series.drop_duplicates("entity")["entity"]]


def test_the_country_slide_and_its_exports_draw_the_country_in_the_focus_colour(snapshot, monkeypatch):
    """The slide's spec, the HTML deck's (projector look), then the PowerPoint's and the PDF's pixels."""
    refs = {"NGA": [SlideRef("country", {"country": "NGA"})], "SEN": [SlideRef("country", {"country": "SEN"})]}
    for code, lang in (("NGA", "en"), ("SEN", "fr")):
        with i18n.using(lang):
            slide = slides.render(snapshot, refs[code][0])
            for spec in (slide.spec, html_deck._spec(slide.spec)):  # the page's, the HTML deck's
                scale = colour_scales(spec)[0]
                assert dict(zip(scale["domain"], scale["range"]))[snapshot.name(code)] == palette.FOCUS
    # the PowerPoint: the spec its picture is drawn from (drawing it is the PDF's check below)
    drawn_specs = []

    def picture(spec, scale):
        drawn_specs.append(spec)
        return TINY_PNG
    monkeypatch.setattr(pptx, "png", picture)
    with zipfile.ZipFile(io.BytesIO(pptx.file(snapshot, refs["NGA"], lang="en"))) as zf:
        assert [n for n in zf.namelist() if n.startswith("ppt/media/")]
        assert b"Nigeria" in zf.read("ppt/slides/slide1.xml")
    scale = colour_scales(drawn_specs[0])[0]
    assert dict(zip(scale["domain"], scale["range"]))["Nigeria"] == palette.FOCUS
    # the PDF handout's picture, in French: the focus colour drawn, the most of any line's
    reader = PdfReader(io.BytesIO(handout.pdf(snapshot, refs["SEN"], lang="fr")))
    pictures = [Image.open(io.BytesIO(im.data)).convert("RGB") for im in reader.pages[0].images]
    assert len(pictures) == 1
    counts = {colour: n for n, colour in pictures[0].getcolors(maxcolors=1 << 20)}
    drawn = {c: counts.get(rgb(c), 0) for c in (palette.FOCUS, palette.WORLD, "#4aa38c", "#d9a441")}
    assert drawn[palette.FOCUS] > 300 and drawn[palette.FOCUS] == max(drawn.values()), drawn
