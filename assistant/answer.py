"""Answer: passages -> Answer(text, citations). The extractive answerer quotes article sentences verbatim."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Protocol

from .citations import sentence_spans, terms
from .evidence import (
    analyse,
    answer_type_ok,
    asks_unseen,
    coverage,
    features,
    names_found,
    probability,
)
from .safety import safe_answer

if TYPE_CHECKING:
    from .config import Settings
    from .embeddings import Embedder
    from .retrieve import Lexicon, Passage

NOT_COVERED = "The articles do not cover this. Nothing in the indexed articles answers it."
SHORTLIST = 12  # sentences re-scored with the embedding model per question
REDUNDANT = 0.6  # term overlap above which a second sentence adds nothing
# Sentences are embedded in small batches: padding each batch to its longest sentence costs more
# than the batching saves (26 article sentences: 159 ms at 32 a batch, 92 ms at 8, on two cores).
SCORE_BATCH = 8


@dataclass(frozen=True)
class Quote:
    """A verbatim span of an article."""

    text: str
    start: int
    end: int


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
            "evidence": round(self.evidence, 4),
            "seconds": round(self.seconds, 4)}
        if self.model:
            data["model"] = self.model
        if self.notice:
            data["notice"] = self.notice
        return data


class HasLexicon(Protocol):
    """Where term statistics come from (the retriever)."""

    @property
    def lexicon(self) -> Lexicon | None: ...


class Answerer(Protocol):
    """The seam every answerer implements."""

    name: str

    def answer(self, question: str, passages: list[Passage]) -> Answer: ...


@dataclass
class Candidate:
    passage: Passage
    start: int
    end: int
    text: str
    terms: set[str]
    around: set[str]  # terms of the whole passage
    coverage: float = 0.0
    score: float = 0.0
    features: dict[str, float] = field(default_factory=dict)


class ExtractiveAnswerer:
    """Chooses the few retrieved sentences that answer the question and quotes them with [n]."""

    name = "extractive"

    def __init__(self, embedder: Embedder, stats: HasLexicon, settings: Settings) -> None:
        self.embedder = embedder
        self.stats = stats  # the retriever: its lexicon follows the store
        self.settings = settings

    def answer(self, question: str, passages: list[Passage]) -> Answer:
        """Quote the best-supported sentences, or say the articles do not cover it."""
        ranked = self.rank(question, passages)
        best = ranked[0].score if ranked else 0.0
        if best < self.settings.abstain_threshold:
            return Answer(question, NOT_COVERED, True, self.name, evidence=best)
        chosen = self._select(ranked)
        citations = cite([(c.passage, Quote(c.text, c.start, c.end)) for c in chosen])
        by_article = {c.article_id: c.n for c in citations}
        lines = [f"“{c.text}” [{by_article[c.passage.article_id]}]" for c in chosen]
        return Answer(question, "\n\n".join(lines), False, self.name, citations, evidence=best)

    def rank(self, question: str, passages: list[Passage]) -> list[Candidate]:
        """Every sentence of the passages, scored against the question, best first."""
        q = analyse(question, self.stats.lexicon)
        seen: set[tuple[str, int]] = set()
        candidates: list[Candidate] = []
        for passage in passages:
            around = set(terms(f"{passage.title}\n{passage.text}"))  # the title names the event
            for start, end in sentence_spans(passage.text, passage.start):
                if (passage.article_id, start) in seen:
                    continue  # overlapping chunks repeat sentences
                seen.add((passage.article_id, start))
                text = passage.text[start - passage.start:end - passage.start]
                have = set(terms(text))
                candidates.append(Candidate(passage, start, end, text, have, around,
                                            coverage(q, have)))
        candidates.sort(key=lambda c: c.coverage + 0.5 * c.passage.dense, reverse=True)
        shortlist = candidates[:SHORTLIST]
        if not shortlist:
            return []
        # one batch: the question and each sentence, plain and with the question's names masked
        texts = [question, q.mask(question)] + [c.text for c in shortlist] + \
            [q.mask(c.text) for c in shortlist]
        vectors = self.embedder.embed(texts, batch_size=SCORE_BATCH)
        n = len(shortlist)
        sims, masked = vectors[2:2 + n] @ vectors[0], vectors[2 + n:] @ vectors[1]
        for c, sim, msim in zip(shortlist, sims, masked):
            c.features = features(q, c.terms, c.around, float(sim), float(msim))
            fits = (answer_type_ok(question, c.text, c.terms) and names_found(q, c.around)
                    and not asks_unseen(q, c.around, self.stats.lexicon))
            c.score = probability(c.features) if fits else 0.0
        return sorted(shortlist, key=lambda c: c.score, reverse=True)

    def _select(self, ranked: list[Candidate]) -> list[Candidate]:
        best = ranked[0].score
        chosen: list[Candidate] = []
        for c in ranked:
            if len(chosen) == self.settings.max_quotes:
                break
            if c.score < max(self.settings.abstain_threshold, best - 0.25):
                break
            if any(_overlap(c.terms, o.terms) > REDUNDANT for o in chosen):
                continue
            chosen.append(c)
        order = {aid: i for i, aid in enumerate(dict.fromkeys(c.passage.article_id for c in chosen))}
        return sorted(chosen, key=lambda c: (order[c.passage.article_id], c.start))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)


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

