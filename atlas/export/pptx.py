"""A deck as a PowerPoint file (python-pptx): one slide per view, its chart as a high-resolution image
filling the slide below a real title, the source line as text, the speaker's notes in the notes pane.
Rendered offline (vl-convert); opens in PowerPoint and LibreOffice Impress. Titles, source lines, notes
and the charts' number format are in the deck's language."""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from .. import slides
from ..charts import Keep, walk
from ..charts.projector import projector
from ..deck import SlideRef
from ..store import Snapshot
from . import budget, html_deck, in_language, png

WIDE, TALL = Inches(13.333), Inches(7.5)   # 16:9, PowerPoint's default widescreen
MARGIN = Inches(0.4)
TITLE_H = Inches(1.0)
SOURCE_H = Inches(0.5)
DPI = 96                                     # the chart is laid out at this many pixels per inch…
SCALE = 2                                    # …and rendered at twice that (192 dpi: sharp on a projector)
TITLE_ONLY = 5                               # the default template's "Title Only" layout


def _legends_inside(key, node):
    """A map's legend in its empty lower-left corner (ocean), as on the HTML deck's slides."""
    if key in ("values", "datasets"):  # data (the inline geometry too) stays as it is
        return Keep(node)
    if key == "legend" and isinstance(node, dict):
        return Keep({**node, "orient": "bottom-left", "direction": "vertical", "offset": 30})
    return node


def _chart_png(spec, width_in: float, height_in: float, is_map: bool) -> bytes:
    """The chart laid out for a box of this size (legend and axes inside it), as a PNG."""
    out = projector(spec, 400)
    out = walk(out, _legends_inside) if is_map else out
    out["width"], out["height"] = round(width_in * DPI), round(height_in * DPI)
    out["autosize"] = {"type": "fit", "contains": "padding"}
    return png(out, scale=SCALE)


def _text(slide, left, top, width, height, lines: list[str], size: int, bullets: bool = False) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = ("• " if bullets else "") + line
        para.font.size = Pt(size)
        para.space_after = Pt(size * 0.4)


@in_language
@budget.one_at_a_time
def file(snap: Snapshot, refs: list[SlideRef]) -> bytes:
    """The deck as a .pptx, in `lang` (default: the run's language)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE, TALL
    for ref in refs:
        shown = html_deck.shown_ref(ref)
        slide = slides.render(snap, shown, inline=True)
        if slide is None:
            continue  # a view the app no longer has: left out, as in the other exports
        page = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        title = page.shapes.title
        title.left, title.top, title.width, title.height = MARGIN, Inches(0.2), WIDE - 2 * MARGIN, TITLE_H
        title.text = slide.title
        for para in title.text_frame.paragraphs:
            para.font.size, para.font.bold = Pt(32), True
        top = Inches(0.2) + TITLE_H
        body_h = TALL - top - SOURCE_H - Inches(0.2)
        left, width = MARGIN, WIDE - 2 * MARGIN
        if slide.lines:
            side = Emu(int(width * (0.34 if slide.spec is not None else 1)))
            _text(page, left, top, side, body_h, slide.lines, 20, bullets=True)
            left, width = left + side + Inches(0.2), Emu(width - side - Inches(0.2))
        if slide.spec is not None:
            image = _chart_png(slide.spec, width / 914400, body_h / 914400, bool(slide.periods))
            page.shapes.add_picture(io.BytesIO(image), left, top, width=width, height=body_h)
        _text(page, MARGIN, TALL - SOURCE_H - Inches(0.1), WIDE - 2 * MARGIN, SOURCE_H, [slide.source], 11)
        page.notes_slide.notes_text_frame.text = ref.notes
    buf = io.BytesIO()
    deck.save(buf)
    return buf.getvalue()
