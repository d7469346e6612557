"""The marks of the Briefing's visual timeline (catalog/chart.py draws them): each event a mark on
a date axis, in lanes by place or by counterpart. An event whose year the article does not state
(and its publication does not give) sits on a January–December axis of its own, never on a guessed
year; one with no date is only counted.

`build_chart` places the events and merges a lane's marks closer than a few pixels, so 10,000
events stay a few hundred marks.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from operator import itemgetter
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

from assistant.catalog.rows import date_text
from assistant.records import MONTH_NAMES, Date

if TYPE_CHECKING:
    from assistant.catalog.cards import EventCard
    from assistant.records import Span

GAP_PX = 6  # a lane's marks closer than this (at the chart's width) merge into one
MOST_MARKS = 400  # above this many, the gap widens by half until they fit: a light page
LANE_CHARS = 28
LEFT, RIGHT = 210, 32  # the room for lane names, and after the axis (chart.py draws the same)
DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
BEFORE = tuple(sum(DAYS[:i]) for i in range(12))  # the days of a year before each month
SHORT = tuple(m[:3] for m in MONTH_NAMES)  # "", "Jan", "Feb", ...
GROUPS = {"place": ("Other places", "Place not stated"),
          "counterpart": ("Other counterparts", "Counterpart not stated")}


@dataclass(frozen=True)
class Mark:
    """One dot: an event, or the events of a lane too close to tell apart at the chart's width."""

    lane: int  # index into Chart.lanes
    x: float  # 0..1 along its band's axis
    numbers: tuple[int, ...]  # the row numbers (#) of its events, earliest first (a click's row)
    label: str  # hover text


@dataclass(frozen=True)
class Chart:
    """What the timeline draws: lanes, marks with a year, marks without one, the dated axis."""

    lanes: list[str]
    dated: list[Mark]  # placed by card.placed (which may take the publication's year)
    undated: list[Mark]  # a month but no year: on a January–December axis, "Year not stated"
    start: Date | None  # the earliest and latest dated events
    end: Date | None
    ticks: list[tuple[float, str]]  # the dated axis: years, or months for a short range
    missing: int  # events with no date at all: counted in a caption, not drawn


# (lane, x, number, card, placed date): one event on its axis
Item = tuple[int, float, int, "EventCard", Date]


def build_chart(numbered: list[tuple[int, EventCard]], group_by: str = "place", lanes: int = 8,
                width: int = 1200) -> Chart:
    """The chart of the filtered cards in time order, each with its row number; lanes: the
    `lanes` groups with most events, then the others together, then the events stating none."""
    if group_by not in GROUPS:
        raise ValueError(f"group_by is 'place' or 'counterpart', not {group_by!r}")
    dated, undated, missing = [], [], 0
    for number, card in numbered:
        d = card.placed
        if d is not None and d.year:
            dated.append((d.year + _in_year(d), number, card, d))
        elif d is not None and d.month:
            undated.append((_in_year(d), number, card, d))
        else:
            missing += 1
    events = dated + undated
    names, lane_of = _lanes([e[2] for e in events], group_by, lanes)
    ticks: list[tuple[float, str]] = []
    start = end = None
    lo, scale = 0.0, 1.0  # the dated axis: years (fractional) -> 0..1
    if dated:
        years = [e[0] for e in dated]
        first, last = min(years), max(years)
        start, end = dated[years.index(first)][3], dated[years.index(last)][3]
        pad = max((last - first) * 0.03, 1 / 6)  # a single date still shows months around it
        lo, scale = first - pad, 1 / (last - first + 2 * pad)
        ticks = _ticks(lo, last + pad, _plot(width))
    split = len(dated)
    items = [(lane, (t - lo) * scale if i < split else t, number, card, d)
             for i, (lane, (t, number, card, d)) in enumerate(zip(lane_of, events, strict=True))]
    return Chart(names, *_marks(items[:split], items[split:], _plot(width)), start, end, ticks,
                 missing)


def _plot(width: int) -> int:
    """The axis's length in pixels at a chart width."""
    return max(1, width - LEFT - RIGHT)


def _in_year(d: Date) -> float:
    """Where in its year a date falls, 0..1: an unknown day is the middle of its month, an
    unknown month the middle of the year."""
    if not d.month or not 1 <= d.month <= 12:
        return 0.5
    m = d.month - 1
    day = min(DAYS[m], d.day) - 0.5 if d.day else DAYS[m] / 2
    return (BEFORE[m] + day) / 365


def _lanes(cards: list[EventCard], by: str, most: int) -> tuple[list[str], list[int]]:
    """The lane names, and each card's lane."""
    keys, shown, known, count = [], {}, {}, Counter[str]()
    for card in cards:
        raw = _group(card, by) or ""
        key = known.get(raw)
        if key is None:  # once per text written, not once per card
            text = " ".join(raw.split())
            key = known[raw] = text.casefold()
            shown.setdefault(key, text)  # as first written
        keys.append(key)
    count.update(keys)
    top = sorted((k for k in count if k), key=lambda k: (-count[k], k))[:max(0, most)]
    names = [_cut(shown[k]) for k in top]
    index = {k: i for i, k in enumerate(top)}
    other, unstated = GROUPS[by]
    rest = [k for k in count if k and k not in index]
    if rest:
        index.update(dict.fromkeys(rest, len(names)))
        names.append(other)
    if "" in count:
        index[""] = len(names)
        names.append(unstated)
    return names, [index[k] for k in keys]


def _group(card: EventCard, by: str) -> str | None:
    """The place a card's lane is named by (its first), or its visiting body: the first party of
    the visiting side, else the first visiting person's organisation."""
    if by == "place":
        return card.places[0].text if card.places else None
    body: Span | None = next((p.body for p in card.parties if p.side == "visiting"), None) or \
        next((p.organisation for p in card.people if p.side == "visiting" and p.organisation),
             None)
    return body.text if body else None


def _cut(text: str, most: float = LANE_CHARS) -> str:
    """The text cut with an ellipsis at about `most` average characters' width (capitals and
    East Asian characters are wider): a lane name fits the room left of the axis."""
    used = 0.0
    for i, ch in enumerate(text):
        used += 2 if east_asian_width(ch) in "WF" else 1.3 if ch.isupper() else 1
        if used > most and i < len(text) - 1:
            return text[:i].rstrip() + "…"
    return text


def _marks(dated: list[Item], undated: list[Item], px: int) -> tuple[list[Mark], list[Mark]]:
    """Each band's marks: a lane's events less than a gap after the first of a run merge into
    one, the gap widening by half while there are more marks than MOST_MARKS."""
    bands = [sorted(band, key=itemgetter(0, 1, 2)) for band in (dated, undated)]
    gap = GAP_PX / px
    starts = [_starts(band, gap) for band in bands]
    while len(starts[0]) + len(starts[1]) > MOST_MARKS and gap < 2:
        gap *= 1.5
        starts = [_starts(band, gap) for band in bands]
    dated_marks, undated_marks = (
        [_mark(band[i:j]) for i, j in pairwise([*at, len(band)])]
        for band, at in zip(bands, starts, strict=True))
    return dated_marks, undated_marks


def _starts(band: list[Item], gap: float) -> list[int]:
    """Where each run of a sorted band begins."""
    out, lane, start = [], -1, 0.0
    for i, (e_lane, x, *_) in enumerate(band):
        if e_lane != lane or x - start >= gap:
            out.append(i)
            lane, start = e_lane, x
    return out


def _mark(run: list[Item]) -> Mark:
    first, last = run[0], run[-1]
    label = _label(first[3])
    if len(run) > 1:
        label = f"{len(run):,} events, {_span(first[4], last[4])} (first: {label})"
    return Mark(first[0], (first[1] + last[1]) / 2, tuple(e[2] for e in run), label)


def _label(card: EventCard) -> str:
    """"March 3, 2025 · Visit · Qingdao Port Group → Lingang" (the visiting side, then the
    receiving; the title when neither is known)."""
    visitor = _group(card, "counterpart") or \
        next((p.name.text for p in card.people if p.side == "visiting"), None)
    host = next((p.body.text for p in card.parties if p.side == "receiving"), None) or \
        next(((p.organisation or p.name).text for p in card.people if p.side == "receiving"),
             None)
    who = f"{visitor} → {host}" if visitor and host else f"from {visitor}" if visitor else \
        f"hosted by {host}" if host else card.title
    text = " · ".join((date_text(card), (card.kind or "event").capitalize(), who))
    return _cut(" ".join(text.split()), 200)


def _span(a: Date, b: Date) -> str:
    """The dates of a merged mark: "Mar 2021", "Mar–Apr 2021", "Dec 2020–Jan 2021", "Mar–Apr,
    year not stated"."""
    if a.year != b.year:
        return f"{_month_year(a)}–{_month_year(b)}"
    if not (a.month and b.month):
        return str(a.year)
    months = SHORT[a.month] if a.month == b.month else f"{SHORT[a.month]}–{SHORT[b.month]}"
    return f"{months} {a.year}" if a.year else f"{months}, year not stated"


def _month_year(d: Date) -> str:
    return f"{SHORT[d.month]} {d.year}" if d.month else str(d.year)


def _ticks(lo: float, hi: float, px: int) -> list[tuple[float, str]]:
    """Axis ticks between lo and hi (years, fractional), about 70 px apart at least: years at
    a round step, or months for a range of three years or less."""
    room = max(2, px // 70)
    if hi - lo > 3:
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if (hi - lo) / s <= room),
                    1000)
        years = range(math.ceil(lo / step) * step, math.floor(hi) + 1, step)
        return [((y - lo) / (hi - lo), str(y)) for y in years]
    step = next((s for s in (1, 2, 3, 6) if (hi - lo) * 12 / s <= room), 12)
    ticks: list[tuple[float, str]] = []
    for k in range(math.floor(lo) * 12, (math.floor(hi) + 1) * 12):
        year, month = divmod(k, 12)
        t = year + BEFORE[month] / 365
        if lo <= t <= hi and month % step == 0:
            ticks.append(((t - lo) / (hi - lo), f"{SHORT[month + 1]} {year}"
                          if month == 0 or not ticks else SHORT[month + 1]))
    return ticks
