"""A deck exported offline: one PNG per slide (zipped) and a PDF handout with the speaker notes, in the
deck's language (`lang=`). (Formerly atlas/handout.py.)"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .. import export, slides
from ..deck import SlideRef
from ..i18n import _
from ..store import Snapshot
from . import budget, in_language

# French needs more than Latin-1, which is all the PDF's built-in Helvetica knows: the narrow no-break
# space between thousands (1 234), ’, «», œ. DejaVu Sans (Debian's fonts-dejavu-core, also what the GIF
# frames use) has them all and is embedded, subset to the glyphs used. Without it, Helvetica and plain
# stand-ins.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
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


def _para(doc: FPDF, height: float, text: str) -> None:
    """A wrapped paragraph at the left margin; the next one starts below it."""
    doc.multi_cell(273, height, _text(doc, text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


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
        doc.set_xy(12, 10)
        _para(doc, 8, slide.title)
        y = doc.get_y() + 2
        if slide.spec is not None:
            image = io.BytesIO(_png(slide, drawn))
            doc.image(image, x=12, y=y, h=120)
            y += 122
        doc.set_xy(12, y)
        doc.set_font(family, "", 9)
        for line in slide.lines:
            _para(doc, 5, "- " + line)
        _para(doc, 4, slide.source)
        if ref.notes:
            doc.set_font(family, "I", 11)
            _para(doc, 5.5, _("Notes: {notes}").format(notes=ref.notes))
        doc.set_font(family, "", 9)
        doc.set_xy(250, 200)
        doc.cell(35, 5, _text(doc, _("Slide {n} / {total}").format(n=number, total=total)), align="R")
    return bytes(doc.output())
