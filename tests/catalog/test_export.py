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
    from assistant.catalog.cards import timeline

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

    from assistant.catalog.export import write_briefing

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

    from assistant.catalog.export import write_briefing

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
    from assistant.catalog.export import write_briefing

    with pytest.raises(ValueError, match=r"\.md or \.docx"):
        write_briefing(tmp_path / "pack.pdf", [], [])
    assert not (tmp_path / "pack.pdf").exists()


HEFEI = """Hefei delegation visits Lingang -SHLINGANGIC

On December 3rd, Bo Fang [2], Director of the Hefei Investment Promotion Committee [7], visited \
the Lingang Special Area with a delegation of twelve people. The delegation discussed new energy \
vehicle projects with Lingang Group and toured the Lingang Innovation Center.

Both sides agreed to strengthen cooperation in smart manufacturing and talent exchange.
"""


@pytest.fixture(scope="module")
def marked(tmp_path_factory, embedder):  # type: ignore[no-untyped-def]
    """An assistant over the Huainan seed and an article that writes its own [2] and [7]."""
    import shutil

    from conftest import SEEDS, extractive_assistant, ingested, make_settings

    seeds = tmp_path_factory.mktemp("marked") / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_508ce06625000aaf.txt", seeds)
    (seeds / "hefei.txt").write_text(HEFEI)
    settings = make_settings(seeds.parent, seeds_dir=seeds)
    return extractive_assistant(ingested(settings, embedder), embedder)


def test_an_articles_own_markers_stay_text_in_the_export(marked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """"Bo Fang [2]" is the article's text: the export keeps it, and only the answer's own [1]
    becomes a note (as the chat escapes it as \\[2] and links only [1])."""
    from docx import Document
    from markdown_it import MarkdownIt

    from assistant.catalog.cards import timeline
    from assistant.catalog.export import write_briefing

    answer = marked.ask("Who visited the Lingang Special Area on December 3rd?")
    assert [c.article_id for c in answer.citations] == ["hefei"] and "Bo Fang [2]" in answer.text
    cards = timeline(marked.store.cards())
    text = write_briefing(tmp_path / "pack.md", cards, [answer]).read_text(encoding="utf-8")
    paragraphs = [inline_text(t) for t in MarkdownIt().parse(text) if t.type == "inline"]
    said = paragraphs[paragraphs.index(f"Q: {answer.question}") + 1]
    assert "Bo Fang [2], Director of the Hefei Investment Promotion Committee [7]" in said, said
    refs = re.findall(r"\[\^(\d+)\]", said)
    assert len(refs) == 1, said
    note = next(p for p in paragraphs if p.startswith(f"[^{refs[0]}]: "))
    assert "Bo Fang [2]" in note and note.endswith("hefei.txt")
    doc = Document(str(write_briefing(tmp_path / "pack.docx", cards, [answer])))
    texts = [p.text for p in doc.paragraphs]
    runs = doc.paragraphs[texts.index(f"Q: {answer.question}") + 1].runs
    assert "Bo Fang [2], Director" in "".join(r.text for r in runs) and "\\[" not in texts[-1]
    assert [r.text for r in runs if r.font.superscript] == [refs[0]]


def test_a_list_answer_keeps_its_lines_and_bold_spans(briefing_assistant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document
    from markdown_it import MarkdownIt

    from assistant.catalog.export import write_briefing

    answer = briefing_assistant.ask("Give me a timeline of the events")
    assert answer.text.startswith("- **") and answer.text.count("\n- **") >= 3, answer.text
    text = write_briefing(tmp_path / "pack.md", [], [answer]).read_text(encoding="utf-8")
    tokens = MarkdownIt().parse(text)
    assert sum(t.type == "list_item_open" for t in tokens) == answer.text.count("\n") + 1
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert sum(c.type == "strong_open" for c in inline) >= 4
    assert not any("**" in c.content for c in inline)
    doc = Document(str(write_briefing(tmp_path / "pack.docx", [], [answer])))
    texts = [p.text for p in doc.paragraphs]
    said = doc.paragraphs[texts.index(f"Q: {answer.question}") + 1]
    assert "**" not in said.text and said.text.count("\n") == answer.text.count("\n")
    assert [r.text for r in said.runs if r.bold][:2] == ["September 29, 2020",
                                                         "October 25th (year not stated)"]


def test_any_article_text_exports_to_word(briefing_assistant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Control characters (a store indexed before ingest removed them) never stop a Word export."""
    from dataclasses import replace

    from docx import Document

    from assistant.catalog.cards import timeline
    from assistant.catalog.export import write_briefing

    cards = timeline(briefing_assistant.store.cards())
    cards[0] = replace(cards[0], title="Visit\x01 to \x1b[31mQianhai\x7f\x0b")
    answer = briefing_assistant.ask("Who visited Huainan on November 25th?")
    answer = replace(answer, question="Who\x08 visited Huainan?\x00")
    doc = Document(str(write_briefing(tmp_path / "pack.docx", cards, [answer], "Topic\x1b")))
    assert doc.paragraphs[0].text == "Briefing: Topic"
    assert doc.tables[0].rows[1].cells[1].text.startswith("Inspection: Visit to [31mQianhai")
    assert "Q: Who visited Huainan?" in [p.text for p in doc.paragraphs]


def test_a_cell_a_spreadsheet_would_run_is_text_when_copied_or_exported(tmp_path: Path) -> None:
    """The Briefing tab's copy button copies what `frame` sends; the export writes the same."""
    from docx import Document

    from assistant.catalog.cards import EventCard, Filters, Person
    from assistant.catalog.export import write_briefing
    from assistant.catalog.listing import build
    from assistant.catalog.rows import TIMELINE_COLUMNS
    from assistant.records import Span
    from assistant.web.briefing import frame

    def span(text: str) -> Span:
        return Span(text, 0, len(text))

    formula = '=HYPERLINK("http://example.invalid/x","open")'
    card = EventCard("a1", formula, "a1.txt", None, None, None, None, [span("+1 555 0100")],
                     [Person(span("@Jun Tang"), "jun tang", [span("-Director")], None,
                             "visiting")], [], [span("=1+1")])
    row = frame(TIMELINE_COLUMNS, build([card], Filters()).page("timeline", 1))["data"][0]
    assert row[2:] == ["'" + formula, "'+1 555 0100", "'@Jun Tang", "—", "'=1+1"]  # no titles
    text = write_briefing(tmp_path / "pack.md", [card], []).read_text(encoding="utf-8")
    assert "| '=HYPERLINK" in text and "| '@Jun Tang" in text and "| '=1+1" in text
    doc = Document(str(write_briefing(tmp_path / "pack.docx", [card], [])))
    cells = [c.text for t in doc.tables for r in t.rows[1:] for c in r.cells]
    assert cells[1].startswith("'=HYPERLINK") and "'@Jun Tang2" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
