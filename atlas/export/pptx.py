"""A deck as a PowerPoint file (python-pptx): one slide per view, its chart as a high-resolution image
filling the slide below a real title, the source line as text, the speaker's notes in the notes pane.
Rendered offline (vl-convert); opens in PowerPoint and LibreOffice Impress. Titles, source lines, notes
and the charts' number format are in the deck's language."""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from .. import slides
from ..textfit import wrapped_lines
from ..charts.projector import PROJECTOR_FONT, map_aspect, map_layout, projector
from ..deck import SlideRef
from ..store import Snapshot
from . import budget, html_deck, in_language, png

WIDE, TALL = Inches(13.333), Inches(7.5)   # 16:9, PowerPoint's default widescreen
MARGIN = Inches(0.4)
TITLE_H = Inches(1.0)
SOURCE_H = Inches(0.55)
DPI = 96                                     # the chart is laid out at this many pixels per inch…
SCALE = 2                                    # …and rendered at twice that (192 dpi: sharp on a projector)
TITLE_ONLY = 5                               # the default template's "Title Only" layout
# Chart text at PROJECTOR_FONT px when the slide fills a 1080-pixel-high screen: the chart is laid out for a
# slide DPI * 7.5 = 720 px high.
CHART_FONT = round(PROJECTOR_FONT * DPI * TALL / Inches(1) / 1080)
INSET_X, INSET_Y = Inches(0.1), Inches(0.05)  # a text box's default margins
LINE = 1.2                                   # line height, in font sizes (PowerPoint's and Impress's single spacing)
AFTER = 0.4                                  # space after a paragraph, in font sizes
TITLE_PT, BULLET_PT, SOURCE_PT = (32, 24), (20, 14), (11, 9)  # each text's size and the smallest it may shrink to (9 pt: 18 px at 1080p)


def text_height(paragraphs: list[str], width: int, size: float, bold: bool = False) -> int:
    """The height (EMU) the paragraphs take in a text box `width` EMU wide, margins included."""
    inner = (width - 2 * INSET_X) / Pt(1)
    points = sum(wrapped_lines(p, inner, size, bold) * size * LINE + size * AFTER for p in paragraphs)
    return int(Pt(points) + 2 * INSET_Y)


def fitting(paragraphs: list[str], width: int, height: int, sizes: tuple[int, int], bold: bool = False) -> tuple[int, int]:
    """(the font size, the height the box needs): the largest size from sizes[0] down to sizes[1] at which
    the text fits `height`; at the smallest, the height it takes (the box grows to hold it)."""
    size = sizes[0]
    while size > sizes[1] and text_height(paragraphs, width, size, bold) > height:
        size -= 1
    return size, max(height, text_height(paragraphs, width, size, bold))


def _chart_png(spec, width_in: float, height_in: float) -> tuple[bytes, float]:
    """The chart laid out for a box of this size (legend and axes inside it), as a PNG, and its width in
    inches (a tall map with its legend beside it is narrower than the box)."""
    width, height = round(width_in * DPI), round(height_in * DPI)
    out, width = map_layout(projector(spec, height, font=CHART_FONT), map_aspect(spec), width, height, CHART_FONT)
    out["width"], out["height"] = width, height
    out["autosize"] = {"type": "fit", "contains": "padding"}
    return png(out, scale=SCALE), width / DPI


def _text(slide, left, top, width, height, lines: list[str], size: int, bullets: bool = False) -> None:
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = ("• " if bullets else "") + line
        para.font.size = Pt(size)
        para.space_after = Pt(size * AFTER)


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
        # Every text box holds its text: a long text shrinks a little, then its box grows (the chart gives way).
        title = page.shapes.title
        title_pt, title_h = fitting([slide.title], WIDE - 2 * MARGIN, TITLE_H, TITLE_PT, bold=True)
        title.left, title.top, title.width, title.height = MARGIN, Inches(0.2), WIDE - 2 * MARGIN, title_h
        title.text = slide.title
        title.text_frame.word_wrap = True
        for para in title.text_frame.paragraphs:
            para.font.size, para.font.bold = Pt(title_pt), True
        source_pt, source_h = fitting([slide.source], WIDE - 2 * MARGIN, SOURCE_H, SOURCE_PT)
        top = Inches(0.2) + title_h
        body_h = TALL - top - source_h - Inches(0.2)
        left, width = MARGIN, WIDE - 2 * MARGIN
        if slide.lines:
            side = Emu(int(width * (0.34 if slide.spec is not None else 1)))
            bullets = ["• " + line for line in slide.lines]
            size, _need = fitting(bullets, side, body_h, BULLET_PT)
            _text(page, left, top, side, max(body_h, _need), slide.lines, size, bullets=True)
            left, width = left + side + Inches(0.2), Emu(width - side - Inches(0.2))
        if slide.spec is not None:
            image, drawn_in = _chart_png(slide.spec, width / 914400, body_h / 914400)
            drawn = Inches(drawn_in)  # centred in its box
            page.shapes.add_picture(io.BytesIO(image), Emu(left + (width - drawn) // 2), top, width=drawn, height=body_h)
        _text(page, MARGIN, TALL - source_h - Inches(0.1), WIDE - 2 * MARGIN, source_h, [slide.source], source_pt)
        # a long list of sources (a trend's milestones) is read in the notes, not on the slide
        page.notes_slide.notes_text_frame.text = "\n\n".join(t for t in (ref.notes, slide.source_list) if t)
    buf = io.BytesIO()
    deck.save(buf)
    return buf.getvalue()
