"""A map view's Play as an animated GIF or an MP4 (for social posts and slides in other tools): one frame
per period, the period in large type on each frame, the title and the source line on every frame, in the
deck's language (`lang=`).
Rendered offline: vl-convert draws each period's map, Pillow adds the type, imageio-ffmpeg encodes MP4."""
from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from .. import numbers, slides
from ..charts.projector import projector
from ..deck import SlideRef
from ..i18n import _
from ..store import Snapshot
from . import budget, in_language, png
from .html_deck import play_range

WIDTH, HEIGHT = 1280, 720        # 16:9, what social sites and slide tools expect
MAP_TOP, FOOT = 80, 56           # the title band above the map, the source band below it
PACE = 0.8                       # seconds per period


class AnimationError(ValueError):
    """A view that cannot be animated; the message is shown as it is."""


@dataclass
class Frame:
    period: str
    image: Image.Image
    title: str = ""
    source: str = ""


def _comment(shots: list[Frame]) -> bytes:
    """The file names its title, periods and source in its metadata too (a GIF comment), not only in pixels."""
    periods = f"{numbers.period(shots[0].period)}–{numbers.period(shots[-1].period)}"
    return f"{shots[-1].title}. {periods}. {shots[-1].source}"[:240].encode("utf-8")


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    for name in (("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"), "LiberationSans-Regular.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def _map_image(spec) -> Image.Image:
    out = projector(spec, 400, font=16)
    out["width"], out["height"] = WIDTH - 40, HEIGHT - MAP_TOP - FOOT
    out["autosize"] = {"type": "fit", "contains": "padding"}
    return Image.open(io.BytesIO(png(out, scale=1))).convert("RGB")


def _frame(title: str, period: str, source: str, chart: Image.Image) -> Image.Image:
    canvas = Image.new("RGB", (WIDTH, HEIGHT), "white")
    canvas.paste(chart, (20 + (WIDTH - 40 - chart.width) // 2, MAP_TOP))
    draw = ImageDraw.Draw(canvas)
    big, head, small = _font(64, bold=True), _font(30, bold=True), _font(15)
    period = numbers.period(period)  # a month as the language writes it: "mai 2019"
    draw.text((WIDTH - 24, 12), period, font=big, fill="black", anchor="ra")
    width_for_title = WIDTH - 48 - int(draw.textlength(period, font=big)) - 24
    for i, line in enumerate(_wrap(draw, title, head, width_for_title)[:2]):
        draw.text((24, 14 + i * 34), line, font=head, fill="black")
    for i, line in enumerate(_wrap(draw, source, small, WIDTH - 48)[:2]):
        draw.text((24, HEIGHT - FOOT + 8 + i * 19), line, font=small, fill="#222222")
    return canvas


def frames(snap: Snapshot, ref: SlideRef, start: str | None = None, end: str | None = None) -> list[Frame]:
    """One frame per period from `start` (default: the first) to `end` (default: the view's own)."""
    first = slides.render(snap, ref, inline=True)
    if first is None or not first.periods or first.spec is None:
        raise AnimationError(_("only a map view with a timeline can be animated"))
    own = end if end in first.periods else first.period
    out = []
    for period in play_range(first.periods, own, start):
        slide = slides.render(snap, ref, inline=True, period=period)
        if slide.spec is None:
            continue  # a period with no data at all: nothing to draw
        out.append(Frame(period, _frame(slide.title, period, slide.source, _map_image(slide.spec)),
                         slide.title, slide.source))
    return out


@in_language
@budget.one_at_a_time
def gif(snap: Snapshot, ref: SlideRef, start: str | None = None, end: str | None = None,
        pace: float = PACE) -> bytes:
    """An animated GIF: plays once through the periods, holding the last one (then loops)."""
    shots = frames(snap, ref, start, end)
    images = [f.image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
              for f in shots]
    durations = [round(pace * 1000)] * len(images)
    durations[-1] = round(pace * 1000) * 4
    buf = io.BytesIO()
    images[0].save(buf, format="GIF", save_all=True, append_images=images[1:], duration=durations, loop=0,
                   optimize=True, disposal=1, comment=_comment(shots))
    return buf.getvalue()


@in_language
@budget.one_at_a_time
def mp4(snap: Snapshot, ref: SlideRef, start: str | None = None, end: str | None = None,
        pace: float = PACE) -> bytes:
    """An H.264 MP4 (yuv420p, plays in browsers, PowerPoint and phones): each period held `pace` seconds."""
    import imageio.v3 as iio
    import numpy as np

    shots = frames(snap, ref, start, end)
    fps = 10
    hold = max(1, round(pace * fps))
    video = [np.asarray(f.image) for f in shots for _ in range(hold)]
    video += [np.asarray(shots[-1].image)] * hold * 3  # the last period stays on screen
    return iio.imwrite("<bytes>", np.stack(video), extension=".mp4", plugin="FFMPEG",
                       fps=fps, codec="libx264", macro_block_size=16)  # yuv420p: the plugin default
