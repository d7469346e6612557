"""The Briefing tab through gradio_client: filters change the rows, a narrowed chat cites only the
filtered articles, the download holds this session's answers; cells render their highlighted span."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import app_client as client  # a fresh session: its own filters and answers
from conftest import running_app

pytestmark = pytest.mark.timeout(300)
HUAINAN, LIANYUNGANG, HONGKOU = ("000_508ce06625000aaf", "001_8b6424cafdef1cef",
                                 "003_bffee769cd76aaaa")
ANY = ("", "", "", "", "")


@pytest.fixture(scope="module")
def app(briefing_assistant):  # type: ignore[no-untyped-def]
    with running_app(briefing_assistant) as url:
        yield url


def rows(table: dict) -> list[list]:
    return table["data"]


def test_filters_change_the_rows(app: str) -> None:
    c = client(app)
    timeline, people, summary, *pages, _, _, _ = c.predict(*ANY, False, api_name="/briefing")
    assert timeline["headers"] == ["#", "Date", "Event", "Place", "Who visited", "Who received",
                                   "Outcome"]
    dates = [r[1] for r in rows(timeline)]
    assert dates == ["September 29, 2020", "October 25 (year not stated)",
                     "November 25 (year not stated)", "December 14 (year not stated)"]
    assert [r[0] for r in rows(timeline)] == [1, 2, 3, 4]
    assert summary.startswith("4 events, 7 people")
    assert pages == [1, "rows 1–4 of 4 · page 1 of 1", 1, "rows 1–7 of 7 · page 1 of 1"]
    timeline, people, *_ = c.predict("", "", "huainan", "", "", False, api_name="/briefing")
    assert [r[3] for r in rows(timeline)] == ["Huainan"]
    assert {r[1] for r in rows(people)} == {"Lin Qu", "Qianshen Wang"}
    assert rows(timeline)[0][6] == "—"  # no outcome stated
    timeline, *_ = c.predict("2020-09", "2020", "", "", "", False, api_name="/briefing")
    assert [r[1] for r in rows(timeline)] == ["September 29, 2020"]  # no guessed years
    timeline, people, *_ = c.predict("", "", "", "qu lin", "", False, api_name="/briefing")
    assert [r[1] for r in rows(people)] == ["Lin Qu"]
    timeline, *_ = c.predict(*ANY[:4], "Lingang Group", False, api_name="/briefing")
    assert len(rows(timeline)) == 2


def test_a_bad_date_is_explained_and_keeps_the_rows(app: str) -> None:
    c = client(app)
    _, _, summary, *_ = c.predict("the spring", "", "", "", "", False, api_name="/briefing")
    assert "is not a date" in summary and "2020-09" in summary


def test_narrowed_chat_cites_only_the_filtered_articles(app: str, briefing_assistant) -> None:  # type: ignore[no-untyped-def]
    c = client(app)
    question = "Which cities discussed sub-center cooperation with the Lingang Innovation Center?"
    huainan, lianyungang = (briefing_assistant.article(a).title for a in (HUAINAN, LIANYUNGANG))
    _, _, picker, _ = c.predict(question, [], api_name="/chat")
    labels = [label for label, _ in picker["choices"]]
    assert any(huainan in x for x in labels) and any(lianyungang in x for x in labels)
    _, _, summary, *_ = c.predict("", "", "Lianyungang", "", "", True, api_name="/briefing")
    assert "the chat searches only these 1 articles" in summary
    _, _, picker, _ = c.predict(question, [], api_name="/chat")
    labels = [label for label, _ in picker["choices"]]
    assert labels and all(lianyungang in x for x in labels), labels
    c.predict("", "", "Lianyungang", "", "", False, api_name="/briefing")  # unticked: all again
    _, _, picker, _ = c.predict(question, [], api_name="/chat")
    assert any(huainan in label for label, _ in picker["choices"])


def test_retrieval_narrowed_on_both_rankings(briefing_assistant) -> None:  # type: ignore[no-untyped-def]
    """Dense (Chroma where) and BM25 (a weight mask) each keep only the chosen articles, even ones
    that rank far down unfiltered."""
    retriever = briefing_assistant.retriever
    question = "Who visited Huainan on November 25th to discuss an agreement?"
    vector = briefing_assistant.embedder.embed_query(question)
    fingerprints = retriever._state[2]
    dense, _ = retriever._dense(vector, fingerprints, {HONGKOU})
    assert dense and {p.article_id for p in dense} == {HONGKOU}
    bm25 = retriever._state[0]
    assert HONGKOU not in {p.article_id for p in bm25.search(question, 2)}
    lexical = bm25.search(question, 2, {HONGKOU})  # masked before ranking, not filtered after
    assert lexical and {p.article_id for p in lexical} == {HONGKOU}
    assert {p.article_id for p in retriever.retrieve(question, article_ids={HONGKOU})} == {HONGKOU}
    assert retriever.retrieve(question, article_ids=set()) == []


def test_download_holds_the_filtered_rows_and_the_sessions_answers(app: str) -> None:
    from docx import Document

    c = client(app)
    c.predict("When was the agreement between Hongkou and Lingang Group signed?", [],
              api_name="/chat")
    md = Path(c.predict("", "", "Hongkou", "", "", "Markdown (.md)",
                        api_name="/download_briefing")).read_text(encoding="utf-8")
    assert md.startswith("# Briefing: place “Hongkou”")
    assert "December 14 (year not stated)" in md and "Huainan[^" not in md
    assert "**Q: When was the agreement between Hongkou and Lingang Group signed?**" in md
    doc = Document(c.predict(*ANY, "Word (.docx)", api_name="/download_briefing"))
    assert len(doc.tables[0].rows) == 5
    assert [p.text for p in doc.paragraphs if p.text.startswith("Q: ")] == \
        ["Q: When was the agreement between Hongkou and Lingang Group signed?"]
    other = client(app).predict(*ANY, "Markdown (.md)", api_name="/download_briefing")
    assert "Q: " not in Path(other).read_text(encoding="utf-8")  # another session's pack


def test_cell_source_highlights_its_spans(briefing_assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.catalog.cards import Filters
    from assistant.catalog.listing import build
    from assistant.web.briefing import cell_html

    got = build(briefing_assistant.store.cards(), Filters(place="Huainan"))
    received = got.cell("timeline", 1, 4)  # who received
    assert received is not None
    page = cell_html(briefing_assistant, received)
    assert "<mark>Qianshen Wang</mark>" in page and "<mark>They were received by</mark>" in page
    assert "<mark>Deputy Secretary of Huainan Municipal Party Committee</mark>" in page
    assert page.count("<h3>") == 1 and "<script" not in page
