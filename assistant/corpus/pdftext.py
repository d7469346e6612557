"""A PDF's text layer -> plain text in paragraphs: the lines of each page with their height on the
page (pypdf), running headers, footers and page numbers dropped, lines of a paragraph joined (a
PDF breaks them mid-sentence), words split by a hyphen at a line's end joined again, and a
paragraph cut by a page break put back together. Pure layout: readers.py opens the file."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

# "3", "- 3 -", "Page 3", "Page 3 of 7", "3 / 7": a line that only numbers the page
PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$",
                         re.IGNORECASE)
EDGE = 2  # lines at the top and at the bottom of a page where headers and footers stand
RUNNING = 0.6  # a line at a page's edge on this share of the pages (at least two) runs on them
SENTENCE_END = tuple('.!?:;"”’)')
GAP = 1.3  # a gap this many times the usual line pitch between two lines parts two paragraphs


@dataclass(frozen=True)
class Line:
    """One line of a page as pypdf extracts it: its text, its baseline's height on the page (up
    is larger) and its font size."""

    text: str
    y: float
    size: float


def page_lines(page: Any) -> list[Line]:
    """The lines of a pypdf page in reading order, each with its height and font size."""
    lines: list[Line] = []
    parts: list[str] = []
    where: list[float] = []  # y and size of the line's first visible text

    def flush() -> None:
        text = " ".join("".join(parts).split())
        if text and where:
            lines.append(Line(text, where[0], where[1]))
        parts.clear()
        where.clear()

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        for i, piece in enumerate(text.split("\n")):
            if i:
                flush()
            if piece.strip() and not where:
                where.extend((cm[1] * tm[4] + cm[3] * tm[5] + cm[5],
                              round(size * (abs(tm[3]) or 1) * (abs(cm[3]) or 1), 1)))
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    flush()
    return lines


def layout_text(pages: list[list[Line]]) -> str:
    """The text of the pages: paragraphs parted by a blank line, a heading a paragraph of its own,
    without the page furniture."""
    pages = _without_furniture(pages)
    pitch = _pitches(pages)
    paragraphs: list[list[str]] = []
    for lines in pages:
        for i, para in enumerate(_paragraphs(lines, pitch)):
            if i == 0 and paragraphs and _continues(paragraphs[-1]):
                paragraphs[-1].extend(para)  # the paragraph a page break cut
            else:
                paragraphs.append(para)
    return "\n\n".join(join_lines(p) for p in paragraphs)


def _shape(text: str) -> str:
    """A line with its numbers blanked: "Harbour Daily, page 3" on every page is one shape."""
    return re.sub(r"\d+", "#", text.lower())


def _without_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """The pages without page numbers and without short lines repeated at the top or bottom of
    most pages (a running header or footer)."""
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_shape(ln.text) for ln in lines[:EDGE] + lines[-EDGE:] if len(ln.text) <= 120})
    running = {s for s, n in seen.items() if len(pages) > 1 and n >= max(2, RUNNING * len(pages))}
    kept = []
    for lines in pages:
        edges = set(range(min(EDGE, len(lines)))) | set(range(max(0, len(lines) - EDGE),
                                                              len(lines)))
        kept.append([ln for i, ln in enumerate(lines) if i not in edges or not (
            PAGE_NUMBER.match(ln.text) or _shape(ln.text) in running)])
    return kept


def _pitches(pages: list[list[Line]]) -> dict[float, float]:
    """The usual distance between two lines of a paragraph, for each font size: the lower
    quartile of the gaps between consecutive lines of that size (the larger gaps part
    paragraphs)."""
    gaps: dict[float, list[float]] = {}
    for lines in pages:
        for above, below in pairwise(lines):
            gap = above.y - below.y
            if above.size == below.size and gap > 0:
                gaps.setdefault(below.size, []).append(gap)
    return {size: sorted(found)[len(found) // 4] for size, found in gaps.items()}


def _paragraphs(lines: list[Line], pitch: dict[float, float]) -> list[list[str]]:
    """The lines of one page grouped into paragraphs: a new one after a larger gap than the
    usual pitch, a change of font size (a heading), a step up the page (the next column) after a
    sentence's end, or a short line that ends a sentence."""
    if not lines:
        return []
    width = max(len(ln.text) for ln in lines)
    groups = [[lines[0].text]]
    for above, line in pairwise(lines):
        gap = above.y - line.y
        usual = pitch.get(line.size) or line.size * 1.2
        ends = above.text.endswith(SENTENCE_END)
        parted = (gap > usual * GAP or (gap < -1 and ends) or abs(above.size - line.size) > 0.5
                  or (ends and len(above.text) < 0.7 * width))
        if parted:
            groups.append([line.text])
        else:
            groups[-1].append(line.text)
    return groups


def _continues(lines: list[str]) -> bool:
    """The last paragraph of a page goes on on the next: it stops mid-sentence, and it is no
    heading (a long line, or more than one)."""
    last = lines[-1]
    return not last.endswith(SENTENCE_END) and (len(lines) > 1 or len(last) > 80)


def join_lines(lines: list[str]) -> str:
    """The lines of one paragraph as one line: "coopera-" + "tion" is "cooperation", "Lin-" +
    "Gang" stays "Lin-Gang" (a capital after the hyphen: a name), others joined by a space."""
    out = ""
    for line in lines:
        split = out.endswith("\u00ad") or (re.search(r"[^\W\d_]-$", out) and line[:1].islower())
        if not out:
            out = line
        elif split:  # a soft hyphen, or a hyphen between letters and a lower-case letter
            out = out[:-1] + line
        elif re.search(r"\w-$", out):
            out += line
        else:
            out += " " + line
    return out
