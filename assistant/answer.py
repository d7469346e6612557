"""Answer: the Answer and Citation types every answerer returns, and the Answerer seam."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Protocol

from .safety import safe_answer

if TYPE_CHECKING:
    from .question import Question
    from .retrieve import Passage

NOT_COVERED = "The articles do not cover this. Nothing in the indexed articles answers it."
PREMISE = "The articles do not say that {premise}."  # a correction's opening (metrics.CORRECTION)


@dataclass(frozen=True)
class Quote:
    """A verbatim span of an article."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Lead:
    """The span an answer leads with (verbatim article text) and the citation it rests on."""

    text: str
    n: int


@dataclass
class Citation:
    """Article [n] of an answer and the spans quoted from it."""

    n: int
    article_id: str
    title: str
    date: str
    source: str
    quotes: list[Quote] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON form: the first quoted span flat, all spans under `quotes`."""
        first = self.quotes[0] if self.quotes else Quote("", 0, 0)
        return {"n": self.n, "article_id": self.article_id, "title": self.title,
                "date": self.date, "source": self.source, "quote": first.text,
                "start": first.start, "end": first.end,
                "quotes": [asdict(q) for q in self.quotes]}


@dataclass
class Answer:
    """What the assistant says to one question."""

    question: str
    text: str
    abstained: bool
    answerer: str
    citations: list[Citation] = field(default_factory=list)
    standalone: str = ""  # the question as retrieved, follow-ups rewritten
    model: str | None = None
    unsupported: list[str] = field(default_factory=list)
    unknown_citations: int = 0  # generated [n] that named no retrieved article (removed)
    notice: str | None = None
    evidence: float = 0.0
    seconds: float = 0.0
    passages: list[Passage] = field(default_factory=list, repr=False)  # what it was built from
    leads: list[Lead] = field(default_factory=list)  # the spans the answer opens with
    premise: str | None = None  # the question's premise the articles do not support

    def markdown(self) -> str:
        """The text as safe markdown: no markup from articles or the model, and a [n] inside a
        quoted article escaped, so only the assistant's own markers can be read as citations."""
        return safe_answer(self.text, [q.text for c in self.citations for q in c.quotes])

    def to_dict(self) -> dict[str, object]:
        """The `--json` contract."""
        data: dict[str, object] = {
            "question": self.question, "answer": self.markdown(), "abstained": self.abstained,
            "answerer": self.answerer, "citations": [c.to_dict() for c in self.citations],
            "standalone_question": self.standalone or self.question,
            "unsupported": self.unsupported, "unknown_citations": self.unknown_citations,
            "lead": [asdict(lead) for lead in self.leads], "premise": self.premise,
            "evidence": round(self.evidence, 4),
            "seconds": round(self.seconds, 4)}
        if self.model:
            data["model"] = self.model
        if self.notice:
            data["notice"] = self.notice
        return data


class Answerer(Protocol):
    """The seam every answerer implements: answers stream (the last is final)."""

    name: str

    def stream(self, question: Question, passages: list[Passage]) -> Iterator[Answer]: ...

    def condense(self, question: str, history: list[Answer]) -> str | None: ...


def cite(quotes: list[tuple[Passage, Quote]]) -> list[Citation]:
    """Number the quoted articles [1], [2], ... in order of first appearance."""
    citations: dict[str, Citation] = {}
    for passage, quote in quotes:
        c = citations.get(passage.article_id)
        if c is None:
            c = citations[passage.article_id] = Citation(
                len(citations) + 1, passage.article_id, passage.title, passage.date, passage.source)
        if quote not in c.quotes:
            c.quotes.append(quote)
    return list(citations.values())

