"""How an answer and an article are shown: the answer as safe markdown (chat) or JSON (`ask
--json`), its [n] markers as links to the sources, an article body with its quoted spans marked.
Pure functions; no gradio here."""

from __future__ import annotations

import html
from dataclasses import asdict
from typing import TYPE_CHECKING

from assistant.text.markup import CITATION, safe_answer, safe_markdown

if TYPE_CHECKING:
    from assistant.records import Answer, Citation


def answer_text(answer: Answer) -> str:
    """The text as safe markdown: no markup from articles or the model, and a [n] inside a
    quoted article escaped, so only the assistant's own markers can be read as citations."""
    return safe_answer(answer.text, [q.text for c in answer.citations for q in c.quotes])


def unsupported_text(answer: Answer) -> list[str]:
    """The model's sentences the verifier did not find in their sources, made safe as the answer
    is (`safe_markdown`: no markup, links or control characters): each reads as the answer shows
    it after its unsupported mark (when they are marked, not removed)."""
    return [text for text in map(safe_markdown, answer.unsupported) if text.strip()]


def citation_json(c: Citation) -> dict[str, object]:
    """JSON form of a citation: the first quoted span flat, all spans under `quotes`."""
    first = c.quotes[0] if c.quotes else None
    return {"n": c.n, "article_id": c.article_id, "title": c.title, "date": c.date,
            "source": c.source, "quote": first.text if first else "",
            "start": first.start if first else 0, "end": first.end if first else 0,
            "quotes": [asdict(q) for q in c.quotes]}


def answer_json(answer: Answer) -> dict[str, object]:
    """The `--json` contract."""
    data: dict[str, object] = {
        "question": answer.question, "answer": answer_text(answer),
        "abstained": answer.abstained, "answerer": answer.answerer,
        "citations": [citation_json(c) for c in answer.citations],
        "standalone_question": answer.standalone or answer.question,
        "unsupported": unsupported_text(answer), "unknown_citations": answer.unknown_citations,
        "lead": [asdict(lead) for lead in answer.leads], "premise": answer.premise,
        "evidence": round(answer.evidence, 4),
        "seconds": round(answer.seconds, 4)}
    if answer.model:
        data["model"] = answer.model
    if answer.notice:
        data["notice"] = answer.notice
    return data


def link_markers(text: str) -> str:
    """Turn each [n] (not an escaped \\[n]) into a link the page script routes to source n."""
    return CITATION.sub(lambda m: f"[[{m[1]}]](#source-{m[1]})", text)


def marked_paragraphs(body: str, ranges: list[tuple[int, int]]) -> str:
    """The body as escaped paragraphs, each (start, end) range in a <mark> (overlaps merged)."""
    out, cursor = [], 0
    for start, end in sorted(ranges):
        start = max(start, cursor)
        if start >= end or end > len(body):
            continue
        out.append(html.escape(body[cursor:start]))
        out.append(f"<mark>{html.escape(body[start:end])}</mark>")
        cursor = end
    out.append(html.escape(body[cursor:]))
    return "".join(f"<p>{p}</p>" for p in "".join(out).split("\n\n"))


def answer_markdown(answer: Answer) -> str:
    """The chat bubble of an answer."""
    text = link_markers(answer_text(answer))  # the only links: ours, to the sources
    if answer.notice:
        text = f"*{safe_markdown(answer.notice)}*\n\n{text}"
    return text
