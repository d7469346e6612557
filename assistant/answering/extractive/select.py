"""Which sentences an answer quotes: the lead, close sentences that add something, and for a
list the answers of the other articles, each article's best sentence first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answering.extractive.actors import for_body, other_acts, reports_act, reports_any
from assistant.question.router import across

if TYPE_CHECKING:
    from assistant.records import Candidate, Question

REDUNDANT = 0.6  # term overlap above which a second sentence adds nothing
LEAD_SHARE = 0.1  # of the best sentence's score, a sentence reporting the act asked may lead with
QUOTE_SHARE = 0.5  # ... and a further sentence must have to be quoted too


def widened(question: Question, good: list[Candidate], ranked: list[Candidate],
            threshold: float) -> list[Candidate]:
    """A list's answers in other articles: their sentences that meet the question's constraints
    and hold the kind of answer it expects, though they score below the threshold (the best
    sentence of one article is no evidence against another's)."""
    if question.scope == "fact" and not across(question):
        return []
    have = {c.passage.article_id for c in good}
    return [c for c in ranked if c.meets and c.passage.article_id not in have
            and 0 < c.score < threshold]


def select(question: Question, good: list[Candidate], max_quotes: int) -> list[Candidate]:
    """The best sentence leads, unless the question asks who or what did an act and a close
    sentence holding an answer reports that act; the best follows it, then close sentences
    that add something, and for a list the answers in other articles."""
    top = good[0]
    close = [c for c in good if c.score >= LEAD_SHARE * top.score]
    lead = top
    if question.expects and question.predicate:  # who or what did the act asked about
        lead = max((c for c in close if c.leads),
                   key=lambda c: (reports_act(question, c) == 2, for_body(question, c),
                                  c.score), default=top)
    elif question.predicate:  # "what did X invite her to": the sentence reporting the inviting
        lead = max(close, key=lambda c: (reports_act(question, c) == 2, c.score))
    further = [c for c in good if c is not lead and c.score >= QUOTE_SHARE * top.score]
    if question.expects and reports_act(question, lead):  # who did the act: not who else
        further = [c for c in further if reports_any(question, c)]  # attended, say
    if question.qtype == "which" and not question.expects and not top.leads:  # "which hotel":
        named = [c for c in close if c.leads][:1]  # a close sentence naming one comes next
        further = named + [c for c in further if c not in named]
    chosen = [lead] + further
    for act in question.predicates[1:]:  # "... and who received them?": each act's answer
        chosen += [c for c in good if c.leads and act in other_acts(question, c)][:1]
    many = len(lead.leads) > 1 or question.scope != "fact" or across(question)
    seen = {c.passage.article_id for c in chosen}
    for c in good if many else []:  # a list may go on in other articles: every answer
        if c.passage.article_id in seen or lead.leads and not c.leads:  # there, or their
            continue  # best sentence when the lead has no answer span
        chosen.append(c)
        if not lead.leads:
            seen.add(c.passage.article_id)
    # one fact: two quotes at most; a list may quote as many as the settings allow, each
    # article's best sentence before another of an article already quoted
    most = max_quotes if many else min(2, max_quotes)
    kept: list[Candidate] = []
    for c in _spread(chosen) if many else chosen:
        if len(kept) < most and _adds(c, kept, many):
            kept.append(c)
    return kept


def _spread(chosen: list[Candidate]) -> list[Candidate]:
    """The first sentence of each article in order, then the others in order."""
    firsts = [c for i, c in enumerate(chosen)
              if all(o.passage.article_id != c.passage.article_id for o in chosen[:i])]
    return firsts + [c for c in chosen if all(c is not f for f in firsts)]


def _adds(c: Candidate, kept: list[Candidate], many: bool) -> bool:
    """The sentence adds to those kept: it shares few words with each, or (a list) it has a new
    answer or comes from another article."""
    if many and ({e.text for e in c.leads} - {e.text for o in kept for e in o.leads} or
                 c.passage.article_id not in {o.passage.article_id for o in kept}):
        return True
    return not any(len(c.terms & o.terms) / (min(len(c.terms), len(o.terms)) or 1) > REDUNDANT
                   for o in kept)
