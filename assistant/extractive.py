"""The extractive answerer: leads with the span that answers, quotes the sentence it rests on.

Candidate sentences come from the retrieved passages. Each is scored for relevance (one number:
the mean of the question's IDF-weighted term coverage and the embedding similarity), checked for
the kind of answer the question expects (an entity of that kind, found at ingest), and checked
against the question's constraints (its names, dates and numbers in the same article; a premise's
event in the evidence). The answer is a lead span in bold and the supporting quote with [n]; a
question whose subject is covered but whose premise is not gets a correction; the rest abstain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .answer import NOT_COVERED, Answer, Lead, Quote, cite
from .citations import WORD, sentence_spans, terms
from .evidence import (
    analyse,
    answer_type_ok,
    asks_unseen,
    coverage,
    features,
    names_found,
    probability,
)
from .nlp import NUMBER, PERSON, TITLE, Entity, parse_date, person_key

if TYPE_CHECKING:
    from .config import Settings
    from .embeddings import Embedder
    from .question import Question
    from .retrieve import Lexicon, Passage

SHORTLIST = 12  # sentences re-scored with the embedding model per question
SCORE_BATCH = 8  # small batches pad less (26 sentences: 159 ms at 32 a batch, 92 ms at 8)
MAX_QUOTE = 260  # longer sentences are quoted from the clause that holds the lead
MAX_LEADS = 8
REDUNDANT = 0.6  # term overlap above which a second sentence adds nothing
PREMISE = "The articles do not say that {premise}."


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
    raw: float = 0.0  # the evidence probability before the answer-type gates
    score: float = 0.0  # ... and after them
    leads: list[Entity] = field(default_factory=list)
    meets: bool = True  # the article meets the question's constraints


class ExtractiveAnswerer:
    """Answers from the articles' own words: a bold lead span and the sentence it comes from."""

    name = "extractive"

    def __init__(self, embedder: Embedder, stats: HasLexicon, settings: Settings) -> None:
        self.embedder = embedder
        self.stats = stats
        self.settings = settings

    def stream(self, question: Question, passages: list[Passage]) -> Iterator[Answer]:
        """One final answer (nothing is generated)."""
        yield self.answer(question, passages)

    def condense(self, question: str, history: list[Answer]) -> str | None:
        """Follow-ups are resolved by the question analysis, not rewritten here."""
        return None

    def answer(self, question: Question, passages: list[Passage]) -> Answer:
        """Lead with the answering span, correct a false premise, or say the articles do not."""
        ranked = self.rank(question, passages)
        threshold = self.settings.abstain_threshold
        good = [c for c in ranked if c.score >= threshold and c.meets]
        if good:
            return self._lead(question, self._select(good))
        # the subject is covered (a sentence is relevant whatever the gates say) but the
        # question's names, dates or premise are not in the same article: correct it
        near = [c for c in ranked if c.raw >= threshold]
        if near and not near[0].meets:
            return self._correct(question, near[0])
        best = ranked[0].score if ranked else 0.0
        return Answer(question.text, NOT_COVERED, True, self.name, evidence=best)

    def rank(self, question: Question, passages: list[Passage]) -> list[Candidate]:
        """The passages' sentences, best first, scored by the calibrated evidence probability
        (evidence.py) and checked against the question's constraints."""
        text = question.standalone
        q = analyse(text, self.stats.lexicon)
        candidates = self._candidates(passages)
        for c in candidates:
            c.coverage = coverage(q, c.terms)
        candidates.sort(key=lambda c: c.coverage + 0.5 * c.passage.dense, reverse=True)
        shortlist = candidates[:SHORTLIST]
        if not shortlist:
            return []
        # one batch: the question and each sentence, plain and with the question's names masked
        n = len(shortlist)
        texts = [text, q.mask(text)] + [c.text for c in shortlist] + \
            [q.mask(c.text) for c in shortlist]
        vectors = self.embedder.embed(texts, batch_size=SCORE_BATCH)
        sims, masked = vectors[2:2 + n] @ vectors[0], vectors[2 + n:] @ vectors[1]
        meets = _constraints(question, passages)
        prefer = set(question.prefer)
        for c, sim, msim in zip(shortlist, sims, masked):
            around = set(terms(f"{c.passage.title}\n{c.passage.text}"))
            feats = features(q, c.terms, around, float(sim), float(msim))
            c.raw = probability(feats) + (0.02 if c.passage.article_id in prefer else 0.0)
            fits = (answer_type_ok(text, c.text, c.terms) and names_found(q, around)
                    and not asks_unseen(q, around, self.stats.lexicon))
            c.score = c.raw if fits else 0.0
            c.meets = meets.get(c.passage.article_id, False)
            c.leads = _leads(question, c)
        return sorted(shortlist, key=lambda c: c.score, reverse=True)

    def _select(self, good: list[Candidate]) -> list[Candidate]:
        """The best sentence; others only when they add to it: leads from another article for
        a list, or close evidence that repeats nothing when there is no lead span."""
        best = good[0]
        if best.leads:
            if question_wants_more(best):
                return [best, *[c for c in good[1:] if c.leads and c.passage.article_id !=
                                best.passage.article_id][:self.settings.max_quotes - 1]]
            return [best]
        chosen = [best]
        for c in good[1:]:
            if len(chosen) == self.settings.max_quotes or c.score < best.score - 0.1:
                break
            if not any(_overlap(c.terms, o.terms) > REDUNDANT for o in chosen):
                chosen.append(c)
        return chosen

    def _candidates(self, passages: list[Passage]) -> list[Candidate]:
        seen: set[tuple[str, int]] = set()
        out: list[Candidate] = []
        for p in passages:
            for start, end in sentence_spans(p.text, p.start):
                if (p.article_id, start) in seen:
                    continue  # overlapping chunks repeat sentences
                seen.add((p.article_id, start))
                text = p.text[start - p.start:end - p.start]
                ents = [e for e in p.entities if start <= e.start and e.end <= end]
                out.append(Candidate(p, start, end, text, set(terms(text)), ents))
        return out

    def _lead(self, question: Question, good: list[Candidate]) -> Answer:
        first, chosen = good[0], good
        quotes = [(c, _window(c, question.names)) for c in chosen]
        citations = cite([(c.passage, q) for c, q in quotes])
        number = {c.article_id: c.n for c in citations}
        lines, leads = [], []
        for c, q in quotes:
            n = number[c.passage.article_id]
            bold = ", ".join(f"**{e.text}**" for e in c.leads)
            leads += [Lead(e.text, n) for e in c.leads]
            lines.append(f"{bold}: “{q.text}” [{n}]" if bold else f"“{q.text}” [{n}]")
        return Answer(question.text, "\n\n".join(lines), False, self.name, citations,
                      evidence=first.score, leads=leads)

    def _correct(self, question: Question, near: Candidate) -> Answer:
        premise = question.premise or " and ".join(question.names) or question.text.rstrip("?")
        quote = _window(near, question.names)
        citations = cite([(near.passage, quote)])
        text = f"{PREMISE.format(premise=premise)} They report: “{quote.text}” [1]"
        return Answer(question.text, text, False, self.name, citations, evidence=near.raw,
                      premise=premise)


class HasLexicon:
    """Where term statistics come from (the retriever): its `lexicon` follows the store."""

    lexicon: Lexicon | None


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)


def question_wants_more(best: Candidate) -> bool:
    """A list whose best sentence names several answers may continue in other articles."""
    return len(best.leads) > 1


def _constraints(question: Question, passages: list[Passage]) -> dict[str, bool]:
    """Per article: does it hold every name, date and number of the question, and the premise?"""
    texts: dict[str, str] = {}
    for p in passages:
        texts[p.article_id] = texts.get(p.article_id, f"{p.title}\n{p.date}") + "\n" + p.text
    dates: dict[str, list] = {}
    for p in passages:
        found = [parse_date(e.text) for e in p.entities if e.kind == "DATE"] + [parse_date(p.date)]
        dates.setdefault(p.article_id, []).extend(d for d in found if d)
    return {aid: _meets(question, text, dates.get(aid, [])) for aid, text in texts.items()}


def _meets(question: Question, text: str, dates: list) -> bool:
    low = text.lower()
    words = set(terms(text))
    said = {w.lower() for w in WORD.findall(text)}
    named = [all(part.lower() in said for part in WORD.findall(n)) for n in question.names]
    if named and not (any(named) if question.scope != "fact" else all(named)):
        return False  # a list may span articles: each item meets one of the names
    for number in question.numbers:
        if number.replace(",", "") not in low.replace(",", ""):
            return False
    for asked in question.dates:
        if not any(_same_date(asked, d) for d in dates):
            return False
    if question.strict_premise and question.predicate:
        return bool(set(terms(question.predicate)) & words)
    return True


def _same_date(asked: object, found: object) -> bool:
    return all(getattr(asked, part) in (None, getattr(found, part))
               for part in ("year", "month", "day"))


def _leads(question: Question, c: Candidate) -> list[Entity]:
    """The entities of the expected kind that answer (not those the question itself names)."""
    kind = question.expects
    if kind is None or kind == "EVENT":
        return []
    asked = {person_key(n) for n in question.names} | {n.lower() for n in question.names}
    out: list[Entity] = []
    for e in c.entities:
        if e.kind != kind or e.text.lower() in asked or person_key(e.text) in asked:
            continue
        if kind == NUMBER and question.counted and not _counts(c, e, question.counted):
            continue
        if kind == TITLE and not _beside(c, e, question.names):
            continue
        if kind == PERSON and any(person_key(e.text) == person_key(o.text) for o in out):
            continue
        out.append(e)
    if kind in ("DATE", NUMBER, "PLACE") or question.scope == "fact" and kind != PERSON:
        out = out[:1]
    return out[:MAX_LEADS]


def _counts(c: Candidate, number: Entity, noun: str) -> bool:
    """The number counts the noun: "120 video sub-venues" counts venues."""
    after = c.passage.text[number.end - c.passage.start:number.end - c.passage.start + 40]
    return bool(set(terms(noun)) & set(terms(after.replace("-", " "))))


def _beside(c: Candidate, title: Entity, names: tuple[str, ...]) -> bool:
    """The title is written beside a person asked about: "X, T1 and T2" or "T X"."""
    keys = {person_key(n) for n in names}
    ents = sorted(c.entities, key=lambda e: e.start)
    text, base = c.passage.text, c.passage.start
    for i, e in enumerate(ents):
        if e.kind != PERSON or person_key(e.text) not in keys:
            continue
        if i and ents[i - 1] is title and not text[title.end - base:e.start - base].strip():
            return True  # "General Manager Lin Qu"
        for nxt in ents[i + 1:]:
            gap = text[ents[ents.index(nxt) - 1].end - base:nxt.start - base].strip()
            if nxt.kind != TITLE or gap not in (",", "and", ", and", "("):
                break
            if nxt is title:
                return True
    return False


def _window(c: Candidate, names: tuple[str, ...] = ()) -> Quote:
    """The sentence, or for a long one the clause around its leads (or the names asked about),
    verbatim with its offsets."""
    if c.end - c.start <= MAX_QUOTE:
        return Quote(c.text, c.start, c.end)
    spans = [(e.start - c.start, e.end - c.start) for e in c.leads]
    if not spans:
        spans = [(at, at + len(n)) for n in names if (at := c.text.find(n)) >= 0]
    if not spans:  # the sentence's opening, cut at a clause or word boundary
        cut = max(c.text.rfind(",", 0, MAX_QUOTE), c.text.rfind(" ", 0, MAX_QUOTE))
        piece = c.text[:cut].rstrip(" ,;")
        return Quote(piece, c.start, c.start + len(piece))
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    left = max(c.text.rfind(";", 0, lo), c.text.rfind(". ", 0, lo)) + 1
    if hi - left > MAX_QUOTE:  # start at the clause before the first span instead
        left = max(c.text.rfind(",", 0, lo), 0) + 1 if lo > 0 else 0
    right_cut = [i for i in (c.text.find(";", hi), c.text.find(",", hi + 60)) if i > 0]
    right = min(right_cut) if right_cut else len(c.text)
    piece = c.text[left:right].strip(" ,")
    start = c.start + c.text.index(piece, left)
    return Quote(piece, start, start + len(piece))
