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
from typing import TYPE_CHECKING, Protocol

from assistant.answering.extractive.actors import (
    act_terms,
    confirms,
    done_by_another,
    free_terms,
    reports_act,
)
from assistant.answering.extractive.constraints import constraints
from assistant.answering.extractive.evidence import (
    asks_unseen,
    coverage,
    features,
    sentences_of,
    weigh,
)
from assistant.answering.extractive.fit import answer_spans, fitting, type_fits
from assistant.answering.extractive.ranker import describe
from assistant.answering.extractive.ranker import load as load_ranker
from assistant.answering.extractive.select import select, widened
from assistant.records import NOT_COVERED, PREMISE, Answer, Candidate, Lead, Quote, cite
from assistant.text.dates import parse_date, placed, shown_date, year_note
from assistant.text.nlp import DATE, PERSON, person_key
from assistant.text.sentences import clause_window, terms

if TYPE_CHECKING:
    from assistant.app.config import Settings
    from assistant.records import Entity, Passage, Question
    from assistant.store.embeddings import Embedder
    from assistant.store.retrieve import Lexicon

SHORTLIST = 12  # sentences re-scored with the embedding model per question
FITTING = 6  # ... and beyond them, sentences holding the kind of answer the question expects
SCORE_BATCH = 8  # small batches pad less (26 sentences: 159 ms at 32 a batch, 92 ms at 8)
MAX_QUOTE = 260  # longer sentences are quoted from the clause that holds the lead
MAX_LIST_QUOTE = 480  # ... or, when it leads with a list of names, the clauses that hold them


class ExtractiveAnswerer:
    """Answers from the articles' own words: a bold lead span and the sentence it comes from."""

    name = "extractive"

    def __init__(self, embedder: Embedder, stats: HasLexicon, settings: Settings) -> None:
        self.embedder = embedder
        self.stats = stats
        self.settings = settings
        self.ranker = load_ranker()

    def stream(self, question: Question, passages: list[Passage]) -> Iterator[Answer]:
        """One final answer (nothing is generated)."""
        yield self.answer(question, passages)

    def condense(self, question: str, history: list[Answer]) -> str | None:
        """Follow-ups are resolved by the question analysis, not rewritten here."""
        return None

    def answer(self, question: Question, passages: list[Passage]) -> Answer:
        """Lead with the answering span, correct a false premise, or say the articles do not."""
        threshold = self.settings.abstain_threshold
        threshold = self.ranker.threshold if threshold is None else threshold
        ranked = self.rank(question, passages)
        another = done_by_another(question, ranked)
        if another is not None:  # the act was someone else's: say so, quote who did it
            return self._correct(question, another, PREMISE.format(premise=question.premise or
                                                                    question.text.rstrip("?")))
        good = [c for c in ranked if c.score >= threshold and c.meets]
        # a follow-up keeps to the articles of the answer it follows, when they answer it
        good = [c for c in good if c.passage.article_id in question.prefer] or good
        if good:
            good += widened(question, good, ranked, threshold)
            return self._lead(question, select(question, good, self.settings.max_quotes))
        # the subject is covered (a sentence is relevant whatever the gates say) but no
        # retrieved article holds the question's names, dates or premise together: correct it
        near = sorted((c for c in ranked if c.raw >= threshold and not  # none of its names:
                       (question.names and set(question.names) <= set(c.missing))),  # not
                      key=lambda c: -c.raw)  # the subject asked about
        if near and not any(c.meets for c in ranked):
            return self._correct(question, near[0])
        best = ranked[0].score if ranked else 0.0
        return Answer(question.text, NOT_COVERED, True, self.name, evidence=best)

    def rank(self, question: Question, passages: list[Passage]) -> list[Candidate]:
        """The passages' sentences, best first, scored by the fitted ranker (ranker.py); a
        sentence without the kind of answer the question expects scores 0 (a hard constraint)."""
        text = question.standalone
        q = weigh(text, self.stats.lexicon)
        candidates = sentences_of(passages)
        acted = act_terms(question)
        for c in candidates:
            if acted and acted[1] & free_terms(c):  # "received" reports the "met" asked about:
                c.terms = c.terms | acted[0]  # it has the question's word for the act
            c.coverage = coverage(q, c.terms)
        candidates.sort(key=lambda c: c.coverage + 0.5 * c.passage.dense, reverse=True)
        shortlist = candidates[:SHORTLIST] + fitting(question, candidates[SHORTLIST:], FITTING)
        if not shortlist:
            return []
        # one batch: the question and each sentence, plain and with the question's names masked
        n = len(shortlist)
        texts = [text, q.mask(text)] + [c.text for c in shortlist] + \
            [q.mask(c.text) for c in shortlist]
        vectors = self.embedder.embed(texts, batch_size=SCORE_BATCH)
        sims, masked = vectors[2:2 + n] @ vectors[0], vectors[2 + n:] @ vectors[1]
        meets = constraints(question, passages, getattr(self.stats, "article_passages", None))
        asked = frozenset(terms(" ".join(question.nouns)))
        order = {p.chunk_id: i for i, p in enumerate(passages)}
        arounds: dict[str, set[str]] = {}  # a passage's terms (its title names the event)
        for c, sim, msim in zip(shortlist, sims, masked):
            around = arounds.get(c.passage.chunk_id)
            if around is None:
                around = arounds[c.passage.chunk_id] = set(
                    terms(f"{c.passage.title}\n{c.passage.text}"))
            c.leads = answer_spans(question, c)
            # the question's names are checked article by article (`constraints`), not here
            c.missing = meets.get(c.passage.article_id, [])
            c.meets = not c.missing
            fits = type_fits(question, c)
            unseen = asks_unseen(q, around, self.stats.lexicon, asked)
            c.features = describe(question, c, features(q, c.terms, around, float(sim),
                                                        float(msim)),
                                  fits=fits, unseen=unseen, act=reports_act(question, c),
                                  passage_rank=order.get(c.passage.chunk_id, len(order)))
            # relevance as if the gates were met: a covered subject whose premise is not
            c.raw = self.ranker.relevance(c.features)
            c.score = self.ranker.probability(c.features) if fits and not unseen else 0.0
        return sorted(shortlist, key=lambda c: c.score, reverse=True)

    def _lead(self, question: Question, chosen: list[Candidate]) -> Answer:
        first = chosen[0]
        wanted = set(terms(question.standalone))
        quotes = [(c, _window(c, question.names, wanted)) for c in chosen]
        citations = cite([(c.passage, q) for c, q in quotes])
        number = {c.article_id: c.n for c in citations}
        lines, leads = [], []
        for c, q in quotes:
            n = number[c.passage.article_id]
            named = [shown(c, e) for e in c.leads]
            bold = ", ".join(f"**{name}**" for name in named)
            leads += [Lead(name, n, e.kind) for name, e in zip(named, c.leads)]
            lines.append(f"{bold}: “{q.text}” [{n}]" if bold else f"“{q.text}” [{n}]")
        if confirms(question, first):  # "Did X sign ...?": the quote reports the signing
            lines[0] = f"**Yes**: {lines[0]}"
        return Answer(question.text, "\n\n".join(lines), False, self.name, citations,
                      evidence=first.score, leads=leads)

    def _correct(self, question: Question, near: Candidate, lead: str | None = None) -> Answer:
        """Say what the articles do not support, then what they do report (`lead`: what to say
        instead, when it is the act that is wrong, not what the article lacks)."""
        missing = [] if lead is not None else near.missing
        clause = question.premise if question.qtype in ("why", "yesno", "who", "when", "where",
                                                         "how_many") else None
        if missing and (clause is None or not question.strict_premise):
            present = [n for n in question.names if n not in missing]
            about = " and ".join(missing)
            clause = f"{about} in connection with {' and '.join(present)}" if present else about
            premise = f"anything about {clause}"
            lead = f"The articles do not say {premise}."
        else:
            premise = clause or question.text.rstrip("?")
            lead = lead or PREMISE.format(premise=premise)
        quote = _window(near, question.names, set(terms(question.standalone)))
        citations = cite([(near.passage, quote)])
        text = f"{lead} They report: “{quote.text}” [1]"
        return Answer(question.text, text, False, self.name, citations, evidence=near.raw,
                      premise=premise)


def shown(c: Candidate, lead: Entity) -> str:
    """A person the sentence calls by one name ("Hao replied ...") under the full name its
    passage gives once ("Party Secretary Hao Feng"); a date without its year with the year of
    publication it takes ("Feb. 27 (2017, the year of publication)"); any other lead as written."""
    if lead.kind == DATE:
        text = shown_date(lead.text)
        date, published = parse_date(text), parse_date(c.passage.date)
        year = placed(date, published)
        return f"{text}{year_note(date, published)}" if date and not date.year and year and \
            year.year else text
    if lead.kind != PERSON or " " in lead.text.strip():
        return lead.text
    part = lead.text.strip().lower()
    fuller = {e.text for e in c.passage.entities
              if e.kind == PERSON and " " in e.text and part in person_key(e.text).split()}
    return fuller.pop() if len({person_key(f) for f in fuller}) == 1 else lead.text


class HasLexicon(Protocol):
    """Where term statistics come from (the retriever): its `lexicon` follows the store."""

    lexicon: Lexicon | None


def _window(c: Candidate, names: tuple[str, ...] = (), wanted: set[str] | None = None) -> Quote:
    """The sentence, or for a long one the run of its clauses that holds its leads (or the
    names asked about, or most of the question's terms), verbatim with its offsets."""
    spans = [(e.start - c.start, e.end - c.start) for e in c.leads] or \
        [(at, at + len(n)) for n in names if (at := c.text.find(n)) >= 0]
    limit = MAX_LIST_QUOTE if len(c.leads) > 2 else MAX_QUOTE
    piece, start = clause_window(c.text, spans, wanted or set(), limit)
    return Quote(piece, c.start + start, c.start + start + len(piece))
