"""The briefing pack's "Events in detail" and its timeline chart, written to Markdown and Word and
read back: on the seeds as ingest carded them, each event's detail holds every person with every
title, each with notes quoting the article verbatim; a chart PNG sits above the timeline; a card
written to attack the pack (markup, a formula, an article's own [n]) reads back as plain text."""

from __future__ import annotations

import re
from io import BytesIO
from itertools import pairwise
from pathlib import Path

import pytest

from assistant.catalog.rows import DETAIL_LABELS, MISSING, detail_lines, event_detail, timeline_row

pytestmark = pytest.mark.timeout(300)
MD_NOTE = re.compile(r"^\[\^(\d+)\]: “(.*)” — (.*), (.*), (.*)$", re.DOTALL)
DOCX_NOTE = re.compile(r"^(\d+)\. “(.*)” — (.*), (.*), (.*)$", re.DOTALL)
REF = re.compile(r"\[\^(\d+)\]")


def read_back(token) -> str:  # type: ignore[no-untyped-def]
    """What a Markdown reader sees of an inline token: escapes resolved, line breaks as "\\n"."""
    return "".join("\n" if c.type in ("softbreak", "hardbreak") else c.content
                   for c in token.children or [])


def detail_items(text: str) -> dict[str, list[str]]:
    """Per event heading of "Events in detail", its list items as read back."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt().enable("table").parse(text)
    events: dict[str, list[str]] = {}
    section = heading = ""
    for before, token in pairwise(tokens):
        if token.type != "inline":
            continue
        if before.tag == "h2":
            section = token.content
        elif before.tag == "h3" and section == "Events in detail":
            heading = read_back(token)
            events[heading] = []
        elif section == "Events in detail" and heading:
            events[heading].append(read_back(token))
    return events


def png(width: int = 240, height: int = 60) -> bytes:
    """A small real PNG: a grey bar on white."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).rectangle((10, 20, width - 10, 40), fill=(90, 90, 90))
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_every_events_detail_is_in_the_notes(seed_assistant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document
    from markdown_it import MarkdownIt

    from assistant.catalog.cards import timeline
    from assistant.catalog.export import write_briefing

    cards = timeline(seed_assistant.cards())
    text = write_briefing(tmp_path / "pack.md", cards, []).read_text(encoding="utf-8")
    paragraphs = [read_back(t) for t in MarkdownIt().parse(text) if t.type == "inline"]
    notes = {int(m[1]): m for m in map(MD_NOTE.match, paragraphs) if m}
    events = detail_items(text)
    assert len(events) == len(cards)
    for card in cards:  # each line of a detail with the notes of its own spans
        row = timeline_row(card)
        items = events[f"{row[0].text} — {row[1].text}"]
        shown = [(label, lines) for label, lines in detail_lines(card) if lines]
        assert [i.split(":", 1)[0] for i in items] == [label for label, _ in shown]
        body = seed_assistant.article(card.article_id).body
        for item, (label, lines) in zip(items, shown):
            said = item.removeprefix(f"{label}: ").split("\n")
            assert [REF.sub("", x) for x in said] == [line.text for line in lines]
            for x, line in zip(said, lines):
                quoted = {notes[int(n)][2] for n in REF.findall(x)}
                assert quoted == {s.text for _, s in line.spans}, (label, x)
                assert all(q in body for q in quoted)
    doc = Document(str(write_briefing(tmp_path / "pack.docx", cards, [])))
    texts = [p.text for p in doc.paragraphs]
    quotes = {m[1]: m[2] for m in map(DOCX_NOTE.match, texts) if m}
    received = next(p for p in doc.paragraphs[texts.index("Events in detail"):]
                    if "Qun Li, " in p.text)
    assert received.runs[0].text == "Receiving side: " and received.runs[0].bold
    runs = [r.text for r in received.runs]
    qun_li = next(i for i, r in enumerate(runs) if r.startswith("\nQun Li, "))
    assert runs[qun_li] == ("\nQun Li, Secretary of the Party Working Committee; Director of the "
                            "Management Committee of the High-tech Zone")
    assert received.runs[qun_li + 1].font.superscript
    titles = {"Secretary of the Party Working Committee",
              "Director of the Management Committee of the High-tech Zone"}
    assert {"Qun Li", *titles} <= {quotes[n] for n in runs[qun_li + 1].split(",")}


def test_a_chart_goes_above_the_timeline(briefing_assistant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document
    from docx.shared import Cm
    from markdown_it import MarkdownIt

    from assistant.catalog.cards import timeline
    from assistant.catalog.export import write_briefing

    cards, chart = timeline(briefing_assistant.store.cards()), png()
    path = write_briefing(tmp_path / "my pack.md", cards, [], chart_png=chart)
    beside = tmp_path / "my pack-timeline.png"
    assert beside.read_bytes() == chart
    tokens = MarkdownIt().enable("table").parse(path.read_text(encoding="utf-8"))
    kinds = [c.type for t in tokens for c in ([t, *(t.children or [])])]
    image = next(c for t in tokens for c in t.children or [] if c.type == "image")
    assert image.attrs["src"] == "my%20pack-timeline.png" and image.content == "Timeline chart"
    assert kinds.index("image") < kinds.index("table_open")
    doc = Document(str(write_briefing(tmp_path / "pack.docx", cards, [], chart_png=chart)))
    (shape,) = doc.inline_shapes
    assert shape.width == Cm(16)
    blip = shape._inline.graphic.graphicData.pic.blipFill.blip
    assert doc.part.related_parts[blip.embed].blob == chart
    body = [child.tag.rsplit("}", 1)[1] for child in doc.element.body]
    picture = next(i for i, child in enumerate(doc.element.body) if "graphicData" in child.xml)
    assert picture < body.index("tbl")
    plain = write_briefing(tmp_path / "plain.md", cards, []).read_text(encoding="utf-8")
    assert "![" not in plain and not (tmp_path / "plain-timeline.png").exists()


def test_a_chart_that_is_no_png_is_refused_before_writing(tmp_path: Path) -> None:
    from assistant.catalog.export import write_briefing

    gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
    for name in ("pack.md", "pack.docx"):
        with pytest.raises(ValueError, match="not a PNG"):
            write_briefing(tmp_path / name, [], [], chart_png=gif)
    assert list(tmp_path.iterdir()) == []


BODY = ("On May 2nd, <script>alert(1)</script> =cmd|' /C calc'!A0 [2] visited "
        "<img src=x onerror=alert(1)>. [Evil](javascript:alert(1)) **Chief** of [7] Ops "
        "received them. Both sides agreed:\n- [1] to meet again\n=== no heading\n1. and #3 ---")


def hostile():  # type: ignore[no-untyped-def]
    """A card whose every field is markup, a formula or an article's own [n] (spans in BODY)."""
    from assistant.catalog.cards import EventCard, Party, Person
    from assistant.records import Date, Span

    def span(text: str) -> Span:
        start = BODY.index(text)
        return Span(text, start, start + len(text))

    visitor = Person(span("=cmd|' /C calc'!A0"), "cmd", [span("[2]")], None, "visiting",
                     span("visited"))
    host = Person(span("[Evil](javascript:alert(1))"), "evil", [span("**Chief** of [7] Ops")],
                  None, "receiving")
    return EventCard("evil", "<script>alert(1)</script> [2] =1+1", "evil.txt", Date(None, 5, 2),
                     span("May 2nd"), "visit", span("visited"),
                     [span("<img src=x onerror=alert(1)>")], [visitor, host], [],
                     [span(o) for o in ("agreed", "- [1] to meet again", "=== no heading",
                                        "1. and #3 ---")],
                     [Party(span("<script>alert(1)</script>"), "visiting")])


def test_a_hostile_card_reads_back_as_plain_text(tmp_path: Path) -> None:
    from docx import Document
    from markdown_it import MarkdownIt

    from assistant.catalog.export import write_briefing

    card = hostile()
    row = timeline_row(card)
    assert [c.text for c in row[2:]] == ["<img src=x onerror=alert(1)>", "'=cmd|' /C calc'!A0",
                                         "[Evil](javascript:alert(1))", "agreed +3"]
    detail = dict(event_detail(card))
    assert detail["Visiting side"].text == "'=cmd|' /C calc'!A0, [2]\n<script>alert(1)</script>"
    # each line is a cell of its own: one a spreadsheet would run starts with an apostrophe
    assert detail["Outcomes"].text == "agreed\n'- [1] to meet again\n'=== no heading\n1. and #3 ---"
    text = write_briefing(tmp_path / "evil.md", [card], []).read_text(encoding="utf-8")
    tokens = MarkdownIt().enable("table").parse(text)
    inline = [c for t in tokens for c in [t, *(t.children or [])]]
    assert not {"html_inline", "html_block", "link_open", "image", "code_inline", "fence"} & \
        {c.type for c in inline}
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2", "h2", "h2", "h3",
                                                                   "h2"]  # Sources last
    assert sum(t.type == "list_item_open" for t in tokens) == len(DETAIL_LABELS) - 1  # no other
    (items,) = detail_items(text).values()
    shown = [(label, cell) for label, cell in event_detail(card) if cell.text != MISSING]
    assert [REF.sub("", item) for item in items] == [f"{la}: {cell.text}" for la, cell in shown]
    cells = [read_back(t) for t in tokens if t.type == "inline"]
    assert any(re.fullmatch(r"'=cmd\|' /C calc'!A0(\[\^\d+\]){3}", c) for c in cells), cells
    doc = Document(str(write_briefing(tmp_path / "evil.docx", [card], [])))
    table = [c.text for r in doc.tables[0].rows[1:] for c in r.cells]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in table)
    said = {p.runs[0].text: "".join(r.text for r in p.runs[1:] if not r.font.superscript)
            for p in doc.paragraphs if p.runs and p.runs[0].bold and p.style.name == "Normal"}
    assert said == {f"{label}: ": cell.text for label, cell in event_detail(card)
                    if cell.text != MISSING}
