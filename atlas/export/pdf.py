"""A deck exported offline: one PNG per slide (zipped) and a PDF handout with the speaker notes, in the
deck's language (`lang=`). (Formerly atlas/handout.py.)"""
from __future__ import annotations

import io
import zipfile

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from .. import export, slides
from ..charts.projector import map_aspect, map_layout, projector
from ..deck import SlideRef
from ..i18n import _
from ..store import Snapshot
from ..textfit import FONT_DIR, FONT_FILES
from . import budget, in_language

# French needs more than Latin-1, which is all the PDF's built-in Helvetica knows: the narrow no-break
# space between thousands (1 234), ’, «», œ. DejaVu Sans (Debian's fonts-dejavu-core, also what the GIF
# frames use) has them all and is embedded, subset to the glyphs used. Without it, Helvetica and plain
# stand-ins.
_PLAIN = str.maketrans({"—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "≈": "~",
                        "\u202f": "\u00a0", "œ": "oe", "Œ": "OE"})


def _fonts(doc: FPDF) -> str:
    """The family the handout writes in: DejaVu Sans when the machine has it, else Helvetica."""
    if all((FONT_DIR / f).exists() for f in FONT_FILES.values()):
        for style, name in FONT_FILES.items():
            doc.add_font("DejaVu", style, str(FONT_DIR / name))
        return "DejaVu"
    return "Helvetica"


def _text(doc: FPDF, text: str) -> str:
    if doc.font_family != "helvetica":
        return text
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


# An export's cost is bounded by the deck's (at most deck.MAX_SLIDES slides, each a fixed-size chart).
# A slide's map spec with inline geometry takes over a second to build and its PNG about as long, so a
# view repeated in a deck is drawn once, and one heavy export at a time runs in a process (budget.heavy):
# a crowd clicking "export" waits its turn, then is told to try again, instead of holding every slide of
# every deck in memory at once.


def rendered(snap: Snapshot, refs: list[SlideRef]) -> list[tuple[int, slides.Slide, SlideRef]]:
    """The slides that can still be drawn, numbered as in the deck (a view repeated is rendered once)."""
    out, seen = [], {}
    for number, ref in enumerate(refs, start=1):
        view = (ref.page, tuple(sorted(ref.params.items())))
        if view not in seen:
            seen[view] = slides.render(snap, ref, inline=True)
        if seen[view] is not None:
            out.append((number, seen[view], ref))
    return out


def _png(slide: slides.Slide, drawn: dict) -> bytes:
    if id(slide) not in drawn:
        drawn[id(slide)] = export.png(slide.spec, scale=2)
    return drawn[id(slide)]


@in_language
def pngs_zip(snap: Snapshot, refs: list[SlideRef]) -> bytes:
    buf, drawn = io.BytesIO(), {}
    with budget.heavy(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for number, slide, _ref in rendered(snap, refs):
            if slide.spec is not None:
                zf.writestr(f"slide-{number:02d}.png", _png(slide, drawn))
    return buf.getvalue()


# A4 landscape, in mm: the text and the chart take the width between the margins.
PAGE_W, PAGE_H, LEFT = 297, 210, 12
TEXT_W = PAGE_W - 2 * LEFT
FOOT = 198          # where the page number sits: the text above ends here
CHART_MM = (60, 130)  # the chart's height: at least, at most
CHART_PX_PER_MM = 96 / 25.4  # the chart is laid out at 96 dpi (its text at CHART_FONT px ≈ 10 pt on paper)…
CHART_FONT = 14
CHART_SCALE = 2     # …and rendered at 192 dpi


def handout_chart(spec, width_mm: float, height_mm: float, scale: float = CHART_SCALE) -> tuple[bytes, float]:
    """The slide's chart for paper, laid out for its box as on the slide (`map_layout`), and its width in
    mm: without its own title and source line, which the page writes once as text above and below it."""
    width, height = round(width_mm * CHART_PX_PER_MM), round(height_mm * CHART_PX_PER_MM)
    out, width = map_layout(projector(spec, height, font=CHART_FONT), map_aspect(spec), width, height, CHART_FONT)
    out["width"] = width
    out["autosize"] = {"type": "fit", "contains": "padding"}
    return export.png(out, scale=scale), width / CHART_PX_PER_MM


def _para(doc: FPDF, height: float, text: str, dry: bool = False):
    """A wrapped paragraph at the left margin; the next one starts below it. `dry`: only its height."""
    if dry:
        return doc.multi_cell(TEXT_W, height, _text(doc, text), dry_run=True, output=MethodReturnValue.HEIGHT)
    doc.multi_cell(TEXT_W, height, _text(doc, text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


@in_language
def pdf(snap: Snapshot, refs: list[SlideRef]) -> bytes:
    with budget.heavy():
        return _pdf(snap, refs)


def _pdf(snap: Snapshot, refs: list[SlideRef]) -> bytes:
    doc = FPDF(orientation="L", unit="mm", format="A4")
    family = _fonts(doc)
    drawn: dict = {}
    doc.set_auto_page_break(False)
    total = len(refs)
    for number, slide, ref in rendered(snap, refs):
        doc.add_page()
        doc.set_font(family, "B", 18)
        doc.set_xy(LEFT, 10)
        _para(doc, 8, slide.title)
        y = doc.get_y() + 2
        # what goes below the chart: each text once (the chart carries no title or source of its own)
        below = [("", 9, 5, "- " + line) for line in slide.lines] \
            + ([] if slides.source_cut(slide) else [("", 9, 4, slide.source)]) \
            + ([("", 8 if len(slide.source_list) > 600 else 9, 4, slide.source_list)] if slide.source_list else []) \
            + ([("I", 11, 5.5, _("Notes: {notes}").format(notes=ref.notes))] if ref.notes else [])
        if slide.spec is not None:
            text_h = 0
            for style, size, height, text in below:
                doc.set_font(family, style, size)
                text_h += _para(doc, height, text, dry=True)
            chart_h = max(CHART_MM[0], min(CHART_MM[1], FOOT - y - text_h - 2))
            key = (id(slide), chart_h)
            if key not in drawn:
                drawn[key] = handout_chart(slide.spec, TEXT_W, chart_h)
            image, width = drawn[key]
            doc.image(io.BytesIO(image), x=LEFT + (TEXT_W - width) / 2, y=y, w=width, h=chart_h)
            y += chart_h + 2
        doc.set_xy(LEFT, y)
        for style, size, height, text in below:
            doc.set_font(family, style, size)
            _para(doc, height, text)
        doc.set_font(family, "", 9)
        doc.set_xy(250, 200)
        doc.cell(35, 5, _text(doc, _("Slide {n} / {total}").format(n=number, total=total)), align="R")
    return bytes(doc.output())
