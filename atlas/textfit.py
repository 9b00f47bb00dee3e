"""How many lines a text takes in a box: measured with DejaVu Sans, wider than the fonts PowerPoint, Impress
and the slides draw with (Calibri, Carlito, Helvetica/Arial), so what fits measured with it fits there. Pure."""
from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}


@functools.cache
def _font(bold: bool):
    """DejaVu Sans at 100 units; None when the machine has no DejaVu (then an average character width)."""
    path = FONT_DIR / FONT_FILES["B" if bold else ""]
    return ImageFont.truetype(str(path), 100) if path.exists() else None


def _width(text: str, size: float, bold: bool) -> float:
    """The text's width at font size `size`, in the unit of `size` (points, pixels)."""
    font = _font(bold)
    return font.getlength(text) * size / 100 if font else len(text) * size * 0.6


def wrapped_lines(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines a paragraph wraps to in a box `width` wide (word wrap; a word wider than the box
    breaks across lines); `width` and `size` in one unit."""
    lines, line = 1, ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if _width(trial, size, bold) <= width:
            line = trial
            continue
        if line:
            lines += 1
        over = _width(word, size, bold) / width
        lines += max(0, int(over - 1e-9))  # a word longer than a line takes more lines
        line = word
    return lines
