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
    for_body,
    free_terms,
    reports_act,
)
from assistant.answering.extractive.evidence import (
    asks_unseen,
    coverage,
    features,
    probability,
    weigh,
)
from assistant.answering.extractive.fit import answer_spans, constraints, type_fits
from assistant.question.premise import kindred
from assistant.records import NOT_COVERED, PREMISE, Answer, Candidate, Lead, Quote, cite
from assistant.text.sentences import clause_window, sentence_spans, terms

if TYPE_CHECKING:
    from assistant.app.config import Settings
    from assistant.records import Passage, Question
    from assistant.store.embeddings import Embedder
    from assistant.store.retrieve import Lexicon

SHORTLIST = 12  # sentences re-scored with the embedding model per question
SCORE_BATCH = 8  # small batches pad less (26 sentences: 159 ms at 32 a batch, 92 ms at 8)
MAX_QUOTE = 260  # longer sentences are quoted from the clause that holds the lead
REDUNDANT = 0.6  # term overlap above which a second sentence adds nothing
LEAD_MARGIN = 0.1  # evidence a sentence with an answer span may give up to lead
QUOTE_MARGIN = 0.25  # evidence below the best at which further quotes stop


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
        # a follow-up keeps to the articles of the answer it follows, when they answer it
        good = [c for c in good if c.passage.article_id in question.prefer] or good
        if good:
            return self._lead(question, self._select(question, good))
        # the subject is covered (a sentence is relevant whatever the gates say) but no
        # retrieved article holds the question's names, dates or premise together: correct it
        near = [c for c in ranked if c.raw >= threshold]
        if near and not any(c.meets for c in ranked):
            return self._correct(question, near[0])
        best = ranked[0].score if ranked else 0.0
        return Answer(question.text, NOT_COVERED, True, self.name, evidence=best)

    def rank(self, question: Question, passages: list[Passage]) -> list[Candidate]:
        """The passages' sentences, best first, scored by the calibrated evidence probability
        (evidence.py) and checked against the question's constraints."""
        text = question.standalone
        q = weigh(text, self.stats.lexicon)
        candidates = self._candidates(passages)
        acted = act_terms(question)
        for c in candidates:
            if acted and acted[1] & free_terms(c):  # "received" reports the "met" asked about:
                c.terms = c.terms | acted[0]  # it has the question's word for the act
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
        meets = constraints(question, passages)
        prefer = set(question.prefer)
        asked = frozenset(terms(" ".join(question.nouns)))
        arounds: dict[str, set[str]] = {}  # a passage's terms (its title names the event)
        for c, sim, msim in zip(shortlist, sims, masked):
            around = arounds.get(c.passage.chunk_id)
            if around is None:
                around = arounds[c.passage.chunk_id] = set(
                    terms(f"{c.passage.title}\n{c.passage.text}"))
            feats = features(q, c.terms, around, float(sim), float(msim))
            c.raw = probability(feats) + (0.02 if c.passage.article_id in prefer else 0.0)
            c.leads = answer_spans(question, c)
            # the question's names are checked article by article (`constraints`), not here
            fits = type_fits(question, c) and not asks_unseen(q, around, self.stats.lexicon, asked)
            c.score = c.raw if fits else 0.0
            c.missing = meets.get(c.passage.article_id, [])
            c.meets = not c.missing
        return sorted(shortlist, key=lambda c: c.score, reverse=True)

    def _select(self, question: Question, good: list[Candidate]) -> list[Candidate]:
        """The sentence to lead with, then the others that add to it: for a question expecting
        a kind of answer, the best close sentence holding one leads, followed by the best
        sentence when that is another one and by answers from other articles for a list;
        otherwise close evidence that repeats nothing."""
        top = good[0]
        lead = top
        verb = set(terms(" ".join(kindred(question.predicate)))) if question.predicate else set()
        close = [c for c in good if c.score >= top.score - LEAD_MARGIN]
        if question.expects:  # the close sentence with an answer span, the act's report first
            lead = max((c for c in close if c.leads),
                       key=lambda c: (reports_act(question, c), for_body(question, c), c.score),
                       default=top)
        elif verb:  # "what did X invite her to": the sentence that reports the inviting
            lead = max(close, key=lambda c: (reports_act(question, c), c.score))
        # the best sentence follows, unless the lead reports the act asked about and it does not
        other_act = bool(verb & free_terms(lead)) and not verb & free_terms(top)
        chosen = [lead] + ([top] if top is not lead and not other_act else [])
        for verb in question.predicates[1:]:  # "who visited ... and who received them?"
            stem = set(terms(" ".join(kindred(verb))))
            if question.expects and not any(stem & free_terms(c) for c in chosen):
                chosen[1:1] = [c for c in good if c.leads and stem & free_terms(c)][:1]
        if lead.leads and len(lead.leads) > 1:  # a list may go on in other articles
            chosen += [c for c in good if c.leads and c.passage.article_id not in
                       {o.passage.article_id for o in chosen}]
        elif not lead.leads:
            chosen += [c for c in good[1:] if c.score >= top.score - QUOTE_MARGIN]
        kept: list[Candidate] = []
        for c in chosen:
            if len(kept) < self.settings.max_quotes and not any(
                    _overlap(c.terms, o.terms) > REDUNDANT for o in kept):
                kept.append(c)
        return kept

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

    def _lead(self, question: Question, chosen: list[Candidate]) -> Answer:
        first = chosen[0]
        wanted = set(terms(question.standalone))
        quotes = [(c, _window(c, question.names, wanted)) for c in chosen]
        citations = cite([(c.passage, q) for c, q in quotes])
        number = {c.article_id: c.n for c in citations}
        lines, leads = [], []
        for c, q in quotes:
            n = number[c.passage.article_id]
            bold = ", ".join(f"**{e.text}**" for e in c.leads)
            leads += [Lead(e.text, n) for e in c.leads]
            lines.append(f"{bold}: “{q.text}” [{n}]" if bold else f"“{q.text}” [{n}]")
        if confirms(question, first):  # "Did X sign ...?": the quote reports the signing
            lines[0] = f"**Yes**: {lines[0]}"
        return Answer(question.text, "\n\n".join(lines), False, self.name, citations,
                      evidence=first.score, leads=leads)

    def _correct(self, question: Question, near: Candidate) -> Answer:
        """Say what the articles do not support, then what they do report."""
        clause = question.premise if question.qtype in ("why", "yesno", "who", "when", "where",
                                                         "how_many") else None
        if near.missing and (clause is None or not question.strict_premise):
            present = [n for n in question.names if n not in near.missing]
            about = " and ".join(near.missing)
            clause = f"{about} in connection with {' and '.join(present)}" if present else about
            premise = f"anything about {clause}"
            lead = f"The articles do not say {premise}."
        else:
            premise = clause or question.text.rstrip("?")
            lead = PREMISE.format(premise=premise)
        quote = _window(near, question.names, set(terms(question.standalone)))
        citations = cite([(near.passage, quote)])
        text = f"{lead} They report: “{quote.text}” [1]"
        return Answer(question.text, text, False, self.name, citations, evidence=near.raw,
                      premise=premise)


class HasLexicon(Protocol):
    """Where term statistics come from (the retriever): its `lexicon` follows the store."""

    lexicon: Lexicon | None


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)


def _window(c: Candidate, names: tuple[str, ...] = (), wanted: set[str] | None = None) -> Quote:
    """The sentence, or for a long one the run of its clauses that holds its leads (or the
    names asked about, or most of the question's terms), verbatim with its offsets."""
    spans = [(e.start - c.start, e.end - c.start) for e in c.leads] or \
        [(at, at + len(n)) for n in names if (at := c.text.find(n)) >= 0]
    piece, start = clause_window(c.text, spans, wanted or set(), MAX_QUOTE)
    return Quote(piece, c.start + start, c.start + start + len(piece))
