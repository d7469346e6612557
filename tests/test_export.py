"""The briefing pack written to Markdown and Word and read back: every note quotes article text
verbatim, every reference has its note, the tables hold the cards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.timeout(300)
QUESTIONS = ["Who visited Huainan on November 25th?",
             "When was the agreement between Hongkou and Lingang Group signed?"]
MD_NOTE = re.compile(r"^\[\^(\d+)\]: “(.*)” — (.*), (.*), (.*)$", re.DOTALL)
DOCX_NOTE = re.compile(r"^(\d+)\. “(.*)” — (.*), (.*), (.*)$", re.DOTALL)


@pytest.fixture(scope="module")
def pack(briefing_assistant):  # type: ignore[no-untyped-def]
    from assistant.catalog import timeline

    answers = [briefing_assistant.ask(q) for q in QUESTIONS]
    assert all(a.citations for a in answers)
    return timeline(briefing_assistant.store.cards()), answers


def bodies(assistant) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Article file name -> the indexed body."""
    records = (assistant.store.article(a) for a in assistant.store.fingerprints())
    return {Path(r.source).name: r.body for r in records if r}


def inline_text(token) -> str:  # type: ignore[no-untyped-def]
    """What a Markdown reader sees: escapes resolved, soft breaks as line breaks."""
    return "".join("\n" if t.type == "softbreak" else t.content for t in token.children or [])


def test_markdown_pack_quotes_every_source_verbatim(pack, briefing_assistant,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    from assistant.export import write_briefing

    cards, answers = pack
    path = write_briefing(tmp_path / "pack.md", cards, answers, "Lingang")
    text = path.read_text(encoding="utf-8")
    tokens = MarkdownIt().enable("table").parse(text)
    paragraphs = [inline_text(t) for t in tokens if t.type == "inline"]
    notes = {int(m[1]): m for m in map(MD_NOTE.match, paragraphs) if m}
    texts = bodies(briefing_assistant)
    assert len(notes) >= 10
    for n, note in notes.items():
        quote, source = note[2], note[5]
        assert quote and quote in texts[source], (n, quote, source)
    refs = {int(r) for r in re.findall(r"\[\^(\d+)\](?!:)", text)}
    assert refs == set(notes)  # every reference has its note, every note is referenced
    cells = [t.content for t in tokens if t.type == "inline"]
    assert "Date" in cells and "Who received" in cells and "Organisations" in cells
    assert any(c.startswith("November 25 (year not stated)") for c in cells)
    assert any(c.startswith("September 29, 2020") for c in cells)
    for answer in answers:  # each question, and each quote of its answer in a note
        assert f"Q: {answer.question}" in text
        quoted = {q.text for c in answer.citations for q in c.quotes}
        assert quoted <= {note[2] for note in notes.values()}


def test_word_pack_quotes_every_source_verbatim(pack, briefing_assistant,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    from docx import Document

    from assistant.export import write_briefing

    cards, answers = pack
    doc = Document(str(write_briefing(tmp_path / "pack.docx", cards, answers)))
    notes = {int(m[1]): m for m in (DOCX_NOTE.match(p.text) for p in doc.paragraphs) if m}
    texts = bodies(briefing_assistant)
    for n, note in notes.items():
        assert note[2] in texts[note[5]], (n, note[2])
    timeline, people = doc.tables
    assert [c.text for c in timeline.rows[0].cells][:2] == ["Date", "Event"]
    assert len(timeline.rows) == 1 + len(cards)
    assert any(r.cells[0].text.startswith("December 14 (year not stated)") for r in timeline.rows)
    names = [r.cells[0].paragraphs[0].runs[0].text for r in people.rows[1:]]
    assert names == sorted(names, key=str.lower) and "Lin Qu" in names
    refs = {int(n) for p in _paragraphs(doc) for r in p.runs if r.font.superscript
            for n in r.text.split(",")}
    assert refs == set(notes)
    questions = [p.text for p in doc.paragraphs if p.text.startswith("Q: ")]
    assert questions == [f"Q: {q}" for q in QUESTIONS]


def _paragraphs(doc):  # type: ignore[no-untyped-def]
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def test_unknown_format_is_refused_before_writing(tmp_path: Path) -> None:
    from assistant.export import write_briefing

    with pytest.raises(ValueError, match=r"\.md or \.docx"):
        write_briefing(tmp_path / "pack.pdf", [], [])
    assert not (tmp_path / "pack.pdf").exists()
