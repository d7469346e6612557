"""The verbatim quotes of overview lines: the clauses around a line's spans, once each, as the
passages the answer rests on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.records import Passage, Quote
from assistant.text.sentences import compact_window, sentence_spans

if TYPE_CHECKING:
    from assistant.catalog.cards import EventCard
    from assistant.records import Span

MAX_QUOTE = 160  # a longer sentence is quoted from the clauses around its spans: compact lines


def quote(body: str, spans: list[Span], wanted: set[str]) -> Quote:
    """The clauses around the spans in the sentence of `body` holding the first of them (the
    first sentence if none): the whole sentence when short, else the shortest run of clauses
    holding the first span and most of the others (citations.compact_window)."""
    at = spans[0].start if spans else 0
    for start, end in sentence_spans(body):
        if start <= at < end or not spans:
            inside = [(s.start - start, s.end - start) for s in spans
                      if start <= s.start and s.end <= end]
            piece, offset = compact_window(body[start:end], inside, wanted, MAX_QUOTE)
            return Quote(piece, start + offset, start + offset + len(piece))
    return Quote(spans[0].text, spans[0].start, spans[0].end) if spans else Quote("", 0, 0)


def outermost(quotes: list[Quote]) -> list[Quote]:
    """The quotes in order, once, without those inside another one."""
    kept = list(dict.fromkeys(quotes))
    return [q for q in kept if not any(o != q and o.start <= q.start and q.end <= o.end
                                       for o in kept)]


def card_passage(card: EventCard, quote: Quote | None = None) -> Passage:
    """The quoted text of the card's article as a passage: what the answer rests on."""
    date = str(card.date) if card.date else ""
    q = quote or Quote("", 0, 0)
    return Passage(f"{card.article_id}#card#{q.start}", card.article_id, card.title, date,
                   card.source, q.text, q.start, q.end, 0.0, 0.0)

