"""The briefing pack as Markdown or Word: a chart of the timeline when one is given, the timeline
(compact rows), people, each event in detail (rows.detail_lines) and the conversation's answers.

Every table cell, every line of a detail and every `[n]` of an answer points to numbered notes that
quote the passage it rests on verbatim, with the article's title, date and file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from assistant.catalog.rows import (
    PEOPLE_COLUMNS,
    TIMELINE_COLUMNS,
    Cell,
    date_text,
    detail_lines,
    people_table,
    timeline_table,
)
from assistant.text.markup import CITATION, escape_quoted_markers, safe_markdown

if TYPE_CHECKING:
    from assistant.catalog.cards import EventCard
    from assistant.records import Answer

FORMATS = (".md", ".docx")
# CommonMark backslash escapes: a quote read back through a Markdown parser is the article's text
# (an "&" only where it would start an entity: "&lt;" stays those four characters)
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#]|&(?=#?\w+;))")
ESCAPED_MARKER = re.compile(r"\\(\[\d{1,3}\])")  # an article's own [n] inside a quote
BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
# what XML 1.0 (and so Word) cannot hold: control characters, U+FFFE, U+FFFF
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
BREAK = "\\\n      "  # a hard line break in a list item, indented past where a block can start

Piece = tuple[str, list[int]]  # text, then the notes it rests on


@dataclass(frozen=True)
class Note:
    """A quoted passage: the article's words, its title, date and file."""

    quote: str
    title: str
    date: str
    source: str


@dataclass
class Pack:
    """The briefing as rendered by both writers."""

    heading: str
    timeline: list[list[Piece]] = field(default_factory=list)
    people: list[list[Piece]] = field(default_factory=list)
    details: list[tuple[str, list[tuple[str, list[Piece]]]]] = field(default_factory=list)
    answers: list[tuple[str, list[Piece]]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    _seen: dict[tuple[str, int, int], int] = field(default_factory=dict, repr=False)

    def note(self, article_id: str, quote: str, start: int, title: str, date: str,
             source: str) -> int:
        """The number of the note quoting this span (one note per distinct span)."""
        key = (article_id, start, start + len(quote))
        if key not in self._seen:
            self.notes.append(Note(quote, title, date or "undated", Path(source).name))
            self._seen[key] = len(self.notes)
        return self._seen[key]


def build_pack(cards: list[EventCard], answers: list[Answer], topic: str | None = None) -> Pack:
    """The briefing of these cards (already filtered, in timeline order) and answers."""
    from assistant.catalog.cards import directory

    pack = Pack(f"Briefing: {topic}" if topic else "Briefing")
    by_id = {c.article_id: c for c in cards}

    def piece(cell: Cell) -> Piece:
        refs = []
        for aid, span in cell.spans:
            card = by_id[aid]
            refs.append(pack.note(aid, span.text, span.start, card.title, date_text(card),
                                  card.source))
        return cell.text, sorted(set(refs))

    rows = timeline_table(cards)
    pack.timeline = [[piece(c) for c in row] for row in rows]
    pack.people = [[piece(c) for c in row] for row in people_table(directory(cards), cards)]
    pack.details = [(f"{row[0].text} — {row[1].text}", [  # headed by the row's date and event
        (label, [piece(line) for line in lines]) for label, lines in detail_lines(card) if lines])
        for card, row in zip(cards, rows)]
    pack.answers = [(answer.question, _answer_pieces(pack, answer)) for answer in answers]
    return pack


def _answer_pieces(pack: Pack, answer: Answer) -> list[Piece]:
    """The answer's markdown split at each of its own [n], the marker replaced by the notes of its
    quotes: the quotes the sentence before it repeats (an extractive answer), else all of them.
    A [n] an article wrote stays in its quote as text (\\[n], as the chat shows it)."""
    cited = {c.n: c for c in answer.citations}
    text = escape_quoted_markers(answer.text, [q.text for c in answer.citations for q in c.quotes])
    pieces: list[Piece] = []
    cursor = 0
    for m in CITATION.finditer(text):
        said, c = text[cursor:m.start()], cited.get(int(m[1]))
        plain = ESCAPED_MARKER.sub(r"\1", said)
        quotes = ([q for q in c.quotes if q.text in plain] or c.quotes) if c else []
        pieces.append((said, [pack.note(c.article_id, q.text, q.start, c.title, c.date, c.source)
                              for q in quotes] if c else []))
        cursor = m.end()
    pieces.append((text[cursor:], []))
    return pieces


def write_briefing(path: Path, cards: list[EventCard], answers: list[Answer],
                   topic: str | None = None, chart_png: bytes | None = None) -> Path:
    """Write the briefing pack to `path`: Markdown for .md, Word for .docx. `chart_png` (a PNG of
    the timeline) goes above the timeline table: into the Word file, or beside the Markdown file
    as `<name>-timeline.png`, linked."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"{path.name}: the briefing is written as .md or .docx")
    if chart_png is not None and not chart_png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("the timeline chart is not a PNG image")
    pack = build_pack(cards, answers, topic)
    if path.suffix.lower() == ".docx":
        word(pack, chart_png).save(str(path))
        return path
    chart = path.with_name(f"{path.stem}-timeline.png")
    if chart_png:
        chart.write_bytes(chart_png)
    path.write_text(markdown(pack, chart.name if chart_png else None), encoding="utf-8")
    return path


def md_escape(text: str) -> str:
    """Text that a Markdown parser reads back unchanged (line breaks kept inside a note)."""
    return MD_SPECIAL.sub(r"\\\1", text).replace("\n", "\n    ")


def _md_piece(piece: Piece) -> str:
    text, refs = piece
    return md_escape(text).replace("\n    ", " ") + _refs(refs)


def _refs(refs: list[int]) -> str:
    return "".join(f"[^{n}]" for n in refs)


def _md_table(columns: tuple[str, ...], rows: list[list[Piece]]) -> list[str]:
    if not rows:
        return ["Nothing in the articles for these filters.", ""]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md_piece(p) for p in row) + " |" for row in rows]
    return [*lines, ""]


def markdown(pack: Pack, chart: str | None = None) -> str:
    """The pack as Markdown with `[^n]` footnotes; `chart`: the file name of the timeline's
    image, beside the Markdown file."""
    lines = [f"# {md_escape(pack.heading)}", "", "## Timeline", ""]
    lines += [f"![Timeline chart]({quote(chart)})", ""] if chart else []
    lines += _md_table(TIMELINE_COLUMNS, pack.timeline)
    lines += ["## People", ""] + _md_table(PEOPLE_COLUMNS, pack.people)
    lines += ["## Events in detail", ""] if pack.details else []
    for heading, labelled in pack.details:  # a list item per detail, a line and its notes apiece
        lines += [f"### {md_escape(heading)}", ""] + [
            f"- **{label}:** " + BREAK.join(md_escape(text) + _refs(refs) for text, refs in pieces)
            for label, pieces in labelled] + [""]
    if pack.answers:
        lines += ["## Questions and answers", ""]
        for question, pieces in pack.answers:
            answer = "".join(safe_markdown(text) + _refs(refs) for text, refs in pieces)
            lines += [f"**Q: {md_escape(question)}**", "", answer, ""]
    if pack.notes:
        lines += ["## Sources", ""]
        for n, note in enumerate(pack.notes, 1):  # a blank line after each: one note apiece
            lines += [(f"[^{n}]: “{md_escape(note.quote)}” — {md_escape(note.title)}, "
                      f"{md_escape(note.date)}, {md_escape(note.source)}"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def word(pack: Pack, chart_png: bytes | None = None):  # type: ignore[no-untyped-def]
    """The pack as a Word document, the chart (a PNG) above the timeline; notes are numbered
    paragraphs at the end. Characters XML cannot hold (control characters) are left out: any
    article text can be exported."""
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    doc.add_heading(_xml(pack.heading), level=0)
    for heading, columns, rows in (("Timeline", TIMELINE_COLUMNS, pack.timeline),
                                   ("People", PEOPLE_COLUMNS, pack.people)):
        doc.add_heading(heading, level=1)
        if chart_png and heading == "Timeline":
            doc.add_picture(BytesIO(chart_png), width=Cm(16))  # the width of an A4 text column
        if not rows:
            doc.add_paragraph("Nothing in the articles for these filters.")
            continue
        table = doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, name in zip(table.rows[0].cells, columns):
            cell.paragraphs[0].add_run(name).bold = True
        for row in rows:
            for cell, piece in zip(table.add_row().cells, row):
                _word_pieces(cell.paragraphs[0], [piece])
    if pack.details:
        doc.add_heading("Events in detail", level=1)
    for event, labelled in pack.details:
        doc.add_heading(_xml(event), level=2)
        for label, pieces in labelled:  # the label in bold, then each line and its notes
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            _word_pieces(paragraph, [("\n" * bool(i) + text, refs)
                                     for i, (text, refs) in enumerate(pieces)])
    if pack.answers:
        doc.add_heading("Questions and answers", level=1)
        for question, pieces in pack.answers:
            doc.add_paragraph().add_run(_xml(f"Q: {question}")).bold = True
            _word_pieces(doc.add_paragraph(), pieces, markdown=True)
    if pack.notes:
        doc.add_heading("Sources", level=1)
        for n, note in enumerate(pack.notes, 1):
            doc.add_paragraph(_xml(f"{n}. “{note.quote}” — {note.title}, {note.date}, "
                                   f"{note.source}"))
    return doc


def _word_pieces(paragraph, pieces: list[Piece], markdown: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Runs of the pieces, each followed by its note numbers in superscript; an answer's
    markdown (`markdown`) keeps its line breaks and bold spans, and an article's \\[n] reads [n]."""
    for text, refs in pieces:
        parts = BOLD.split(ESCAPED_MARKER.sub(r"\1", text)) if markdown else [text]
        for i, part in enumerate(parts):  # odd parts were inside ** **
            run = paragraph.add_run(_xml(part)) if part else None
            if run is not None and i % 2:
                run.bold = True
        if refs:
            paragraph.add_run(",".join(map(str, refs))).font.superscript = True


def _xml(text: str) -> str:
    return NOT_XML.sub("", text)
