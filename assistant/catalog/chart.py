"""The Briefing's visual timeline, drawn: a self-contained SVG for the page and the same layout as
a PNG for the Word export (Pillow, imported only then). `build_chart` (catalog/chart_marks.py)
places and merges the marks; one layout feeds both drawings.

What the page hooks into (the SVG holds no script): `svg.event-chart`; each mark a
`circle.mark` with `data-event` (the row number a click selects), `data-count` (events it stands
for), `data-band` ("dated" or "undated") and a `<title>` (the hover text); `text.lane-label`,
`text.band-label` ("Year not stated"), `text.tick`, `text.caption`, `line.lane`, `line.axis`.
"""

from __future__ import annotations

import io
import math
import re
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

from assistant.catalog import chart_marks
from assistant.catalog.chart_marks import Chart, Mark, build_chart

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont, ImageFont

    from assistant.catalog.cards import EventCard

__all__ = ["Chart", "Mark", "build_chart", "cards_png", "chart_png", "chart_svg"]

ROW, TOP = 24, 12  # a lane's height; the room above the first
BASE_WIDTH = 1200  # the PNG is this layout scaled up: the same text size relative to the chart
# Okabe & Ito's colour-blind-safe palette, yellow last (faint on white); the catch-all lanes grey
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000", "#F0E442")
GREY = "#8C8C8C"
CATCH_ALL = {name for names in chart_marks.GROUPS.values() for name in names}
SIZES = {"lane-label": 12, "tick": 11, "band-label": 12, "caption": 12, "empty": 14}
INK = {"lane-label": "#222222", "band-label": "#222222", "tick": "#444444", "caption": "#444444",
       "empty": "#444444", "axis": "#666666", "lane": "#E6E6E6"}
ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}  # SVG text-anchor -> Pillow's, on baseline
# characters XML 1.0 forbids (a parser stops at them): article text may hold any
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# ("text", x, y, text, anchor, class) | ("line", x1, y1, x2, y2, class)
# | ("mark", x, y, radius, colour, Mark, band)
Op = tuple[Any, ...]


def chart_svg(chart: Chart, width: int = 1200) -> str:
    """A self-contained <svg> of the chart, scaling by its viewBox; every text escaped."""
    height, ops = _layout(chart, width)
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="event-chart" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{_esc(summary(chart))}" font-family="DejaVu Sans, Arial, sans-serif">')
    out = [head]
    for op in ops:
        if op[0] == "text":
            _, x, y, text, anchor, cls = op
            weight = ' font-weight="bold"' if cls == "band-label" else ""
            out.append(f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
                       f'font-size="{SIZES[cls]}" fill="{INK[cls]}"{weight}>{_esc(text)}</text>')
        elif op[0] == "line":
            _, x1, y1, x2, y2, cls = op
            out.append(f'<line class="{cls}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
                       f'y2="{y2:.1f}" stroke="{INK[cls]}"/>')
        else:
            _, x, y, r, colour, mark, band = op
            out.append(f'<circle class="mark" data-event="{mark.numbers[0]}" '
                       f'data-count="{len(mark.numbers)}" data-band="{band}" cx="{x:.1f}" '
                       f'cy="{y:.1f}" r="{r:.1f}" fill="{colour}" stroke="#333333" '
                       f'stroke-width="0.5"><title>{_esc(mark.label)}</title></circle>')
    out.append("</svg>")
    return "\n".join(out)


def chart_png(chart: Chart, width: int = 1600) -> bytes:
    """The chart's layout drawn with Pillow as a PNG `width` pixels wide (for the Word export)."""
    from PIL import Image, ImageDraw

    scale = max(1.0, width / BASE_WIDTH)
    height, ops = _layout(chart, round(width / scale))
    k = scale * 2  # drawn at twice the size, then scaled down: smooth circles
    image = Image.new("RGB", (width * 2, round(height * k)), "white")
    draw = ImageDraw.Draw(image)
    for op in ops:
        if op[0] == "text":
            _, x, y, text, anchor, cls = op
            draw.text((x * k, y * k), UNSAFE.sub("", text), fill=INK[cls], anchor=ANCHORS[anchor],
                      font=_font(round(SIZES[cls] * k), cls == "band-label"))
        elif op[0] == "line":
            _, x1, y1, x2, y2, cls = op
            draw.line([(x1 * k, y1 * k), (x2 * k, y2 * k)], fill=INK[cls], width=round(k))
        else:
            _, x, y, r, colour, _, _ = op
            draw.ellipse([(x - r) * k, (y - r) * k, (x + r) * k, (y + r) * k], fill=colour,
                         outline="#333333", width=max(1, round(k / 2)))
    image = image.resize((width, round(height * scale)), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def summary(chart: Chart) -> str:
    """The chart in a sentence (its aria-label)."""
    dated, undated = (sum(len(m.numbers) for m in marks) for marks in (chart.dated, chart.undated))
    parts = [f"Timeline of {_events(dated + undated)} in {len(chart.lanes)} lanes"
             if dated + undated else "No events to show"]
    if dated:
        when = f"on {chart.start}" if chart.start == chart.end else \
            f"from {chart.start} to {chart.end}"
        parts.append(f"{dated:,} dated, {when}")
    if undated:
        parts.append(f"{_events(undated)} whose year is not stated, shown apart")
    if chart.missing:
        parts.append(caption(chart.missing))
    return "; ".join(parts)


def caption(missing: int) -> str:
    """What the chart says of the events it cannot place."""
    return f"{_events(missing)} without a date {'is' if missing == 1 else 'are'} not drawn"


def _events(n: int) -> str:
    return f"{n:,} event{'' if n == 1 else 's'}"


def _layout(chart: Chart, width: int) -> tuple[int, list[Op]]:
    """The chart's height at `width` and what to draw: the dated band, the band without years,
    the caption."""
    ops: list[Op] = []
    y: float = TOP
    if not chart.dated and not chart.undated:
        ops.append(("text", width / 2, y + 24, "No events to show", "middle", "empty"))
        y += 40
    if chart.dated:
        y = _band(ops, chart, chart.dated, chart.ticks, "dated", y, width)
    if chart.undated:
        ops.append(("text", 8, y + 18, "Year not stated", "start", "band-label"))
        months = [(chart_marks.BEFORE[m] / 365, chart_marks.SHORT[m + 1]) for m in range(12)]
        y = _band(ops, chart, chart.undated, months, "undated", y + 26, width)
    if chart.missing:
        ops.append(("text", 8, y + 16, caption(chart.missing), "start", "caption"))
        y += 24
    return math.ceil(y + 8), ops


def _band(ops: list[Op], chart: Chart, marks: list[Mark], ticks: list[tuple[float, str]],
          band: str, y: float, width: int) -> float:
    """One band's lanes (those it has marks in), marks and axis, from `y`; where it ends."""
    left = chart_marks.LEFT
    right = max(left + 1, width - chart_marks.RIGHT)
    px = right - left
    rows = {lane: i for i, lane in enumerate(sorted({m.lane for m in marks}))}
    for lane, i in rows.items():
        middle = y + ROW * i + ROW / 2
        ops.append(("line", left, middle, right, middle, "lane"))
        ops.append(("text", left - 12, middle + 4, chart.lanes[lane], "end", "lane-label"))
    for m in marks:
        colour = GREY if chart.lanes[m.lane] in CATCH_ALL else PALETTE[m.lane % len(PALETTE)]
        radius = min(10.0, 4.5 + 1.25 * math.log2(len(m.numbers)))
        ops.append(("mark", left + m.x * px, y + ROW * rows[m.lane] + ROW / 2, radius, colour, m,
                    band))
    y += ROW * len(rows) + 4
    ops.append(("line", left, y, right, y, "axis"))
    for x, text in ticks:
        ops.append(("line", left + x * px, y, left + x * px, y + 5, "axis"))
        ops.append(("text", left + x * px, y + 18, text, "middle", "tick"))
    return y + 26


def _esc(text: str) -> str:
    return escape(UNSAFE.sub("", text), quote=True)


@lru_cache(maxsize=16)
def _font(size: int, bold: bool) -> FreeTypeFont | ImageFont:
    """DejaVu Sans where installed (the widest coverage of names), else Pillow's own font."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def cards_png(cards: list[EventCard]) -> bytes:
    """The chart of cards in time order (numbered from 1) as a picture: what a Word pack and
    `assistant brief` put above their timeline."""
    return chart_png(build_chart(list(enumerate(cards, 1))))
