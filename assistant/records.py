"""The records every stage passes on: entities and spans of article text, dates as written,
retrieved passages and their candidate sentences, the analysed question and the previous turn,
answers with their citations, quotes and leads, and the Answerer seam. Data only: no stage's logic
and no rendering (web/render.py shows an answer)."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

NOT_COVERED = "The articles do not cover this. Nothing in the indexed articles answers it."
PREMISE = "The articles do not say that {premise}."  # a correction's opening (metrics.CORRECTION)
# read once: calendar.month_name formats a date for every name it is asked for (a 10,000-row
# timeline asks ~150,000 times)
MONTH_NAMES = tuple(calendar.month_name)


@dataclass(frozen=True, slots=True)
class Entity:
    """A typed span of text; offsets are in the text that was analysed (plus its offset)."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """A verbatim piece of the article body: body[start:end] == text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One source article; `body` is the text passages come from and offsets point into."""

    id: str
    title: str
    date: str
    body: str
    source: str
    fingerprint: str
    kind: str = "text"  # what the file held: "text", "markdown", "html", "pdf" or "docx"


@dataclass(frozen=True, slots=True)
class Date:
    """A date as written: any part the text does not state is None (a year is never guessed)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.month and self.day:
            text = f"{MONTH_NAMES[self.month]} {self.day}"
            return f"{text}, {self.year}" if self.year else text
        if self.month:
            return f"{MONTH_NAMES[self.month]} {self.year}" if self.year else \
                MONTH_NAMES[self.month]
        return str(self.year) if self.year else ""

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Year, month, day with unknown parts last (0 sorts an unknown year first)."""
        return (self.year or 0, self.month or 0, self.day or 0)


@dataclass(frozen=True, slots=True)
class Passage:
    """A retrieved chunk with its article's metadata and its scores."""

    chunk_id: str
    article_id: str
    title: str
    date: str
    source: str
    text: str
    start: int
    end: int
    score: float  # fused reciprocal-rank score
    dense: float  # cosine similarity to the question (0 when only BM25 found it)
    entities: tuple[Entity, ...] = ()  # found at ingest, article-body offsets (none in old stores)


@dataclass
class Candidate:
    """One sentence of a retrieved passage and what it offers the question."""

    passage: Passage
    start: int
    end: int
    text: str
    terms: set[str]
    entities: list[Entity]
    coverage: float = 0.0
    raw: float = 0.0  # the ranker's probability with the gates met (answer kind, constraints)
    score: float = 0.0  # ... and after them
    leads: list[Entity] = field(default_factory=list)
    meets: bool = True  # the article meets the question's constraints
    missing: list[str] = field(default_factory=list)  # ... or what of them it lacks
    features: dict[str, float] = field(default_factory=dict)  # what the ranker weighed


@dataclass(frozen=True)
class DateFilter:
    """A date constraint: "in 2020" (start == end), "before November", "after October 2021"."""

    start: Date | None
    end: Date | None
    text: str


@dataclass(frozen=True)
class Question:
    """What one question asks; the answerers, the retriever and the conversation read this."""

    text: str  # as asked
    standalone: str  # with a follow-up's references replaced by the previous answer's spans
    qtype: str  # who / when / where / how_many / which / what / why / yesno / other
    expects: str | None  # PERSON / ORG / PLACE / DATE / NUMBER / TITLE / EVENT / None
    scope: str  # fact / list / timeline
    names: tuple[str, ...] = ()  # people, organisations and places named in the question
    people: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    dates: tuple[Date, ...] = ()
    when: DateFilter | None = None
    counted: str | None = None  # lemma of the counted noun ("sub-venues" -> "venue")
    head: str | None = None  # lemma of the noun a which/what question asks for
    modifiers: tuple[str, ...] = ()  # the words before that noun ("deputy district" governors)
    focus: tuple[str, ...] = ()  # content lemmas that are not names
    predicate: str | None = None  # the main verb's lemma, when it carries meaning
    predicates: tuple[str, ...] = ()  # every meaningful verb ("who visited ... and who received")
    premise: str | None = None  # the event the question takes for granted, in its own words
    strict_premise: bool = False  # the predicate itself must be in the evidence
    referents: tuple[str, ...] = ()  # spans of the previous answer this follow-up refers to
    prefer: tuple[str, ...] = ()  # article ids of the previous answer
    tokens: tuple[str, ...] = field(default=(), repr=False)  # lower-cased words, for retrieval
    nouns: tuple[str, ...] = ()  # the common nouns asked about ("population"), not names
    titles: tuple[str, ...] = ()  # titles the question gives someone ("as General Manager")
    speaker: str | None = None  # asks what this person said ("what did X say", "tell")
    affiliation: str | None = None  # the name the people asked for belong to ("Huainan officials")
    actor: str | None = None  # the person the question says did its act ("why did X sign ...")


@dataclass(frozen=True)
class Previous:
    """What a follow-up can refer to: the last turn's question, lead spans and cited articles."""

    question: str
    leads: tuple[str, ...]
    articles: tuple[str, ...]
    names: tuple[str, ...] = ()  # what the earlier question named, when there is no answer
    quote: str = ""  # the passage the answer led with: where "that" event is told
    people: tuple[str, ...] = ()  # the leads known to be people ("it" is never one of them)


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
    kind: str = ""  # the entity kind (nlp.PERSON, ...) when the answer knows it


@dataclass
class Citation:
    """Article [n] of an answer and the spans quoted from it."""

    n: int
    article_id: str
    title: str
    date: str
    source: str
    quotes: list[Quote] = field(default_factory=list)


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
