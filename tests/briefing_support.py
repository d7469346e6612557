"""Event cards written by hand over the real seed articles (every span found in the indexed body),
stored in a real store's article records the way ingest stores them.

They keep the Briefing view and export tests independent of the extractor's accuracy: each card says
exactly what a test expects to see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.catalog.cards import EventCard, Person
from assistant.records import Span
from assistant.text.nlp import person_key

if TYPE_CHECKING:
    from assistant.store.chroma import ArticleRecord, Store

# article id -> (date phrase, kind word, places, [(name, title, side, side words)], orgs, outcomes)
CARDS = {
    "000_508ce06625000aaf": ("November 25th", "visited", ["Huainan"],
                             [("Lin Qu", "General Manager", "visiting", "visited Huainan"),
                              ("Qianshen Wang", ("Deputy Secretary of Huainan Municipal Party "
                               "Committee"), "receiving", "They were received by")],
                             ["Shanghai Lingang Science and Innovation Center"], []),
    "001_8b6424cafdef1cef": ("October 25th", "visited", ["Lianyungang"],
                             [("Jin Sun", "deputy director", "visiting", "visited"),
                              ("Hongfei Zhang", "General Manager", "receiving",
                               "received the visiting parties")],
                             ["Lingang Innovation Center"], []),
    "003_bffee769cd76aaaa": ("December 14", "signing ceremony", ["Hongkou"],
                             [("Li Qian", "Chief of the CPC District Committee", "other", ""),
                              ("Weng Kaining", "President of Lingang Group", "other", "")],
                             ["Lingang Group"], ["strategic cooperation agreement"]),
    "004_e4520b3f3c844a03": ("September 29th, 2020", "investigation", ["Shenzhen Qianhai"],
                             [("Xiao Wunan", "Executive Vice Chairman", "visiting", "")],
                             ["Lingang Group"], []),
}


def span(body: str, text: str) -> Span:
    """The first occurrence of `text` in the body, as a Span (fails loudly if absent)."""
    start = body.index(text)
    return Span(text, start, start + len(text))


def card_of(record: ArticleRecord) -> EventCard:
    """The hand-written card of one seed article."""
    from assistant.text.dates import parse_date

    when, kind, places, people, orgs, outcomes = CARDS[record.id]
    body = record.body
    kinds = {"visited": "visit", "signing ceremony": "signing", "investigation": "inspection"}
    return EventCard(
        # 004's date is its heading line, which ingest keeps out of the body: a date with no span
        record.id, record.title, record.source, parse_date(when),
        span(body, when) if when in body else None, kinds[kind],
        span(body, kind), [span(body, p) for p in places],
        [Person(span(body, n), person_key(n), [span(body, t)], None, side,
                span(body, words) if words else None) for n, t, side, words in people],
        [span(body, o) for o in orgs], [span(body, o) for o in outcomes])


def store_cards(store: Store) -> list[EventCard]:
    """Make the hand-written cards the store's only cards (in place of the extractor's); returns
    them."""
    cards = []
    for aid in store.fingerprints():
        got = store.articles.get(ids=[aid], include=["metadatas"])
        meta = {k: v for k, v in got["metadatas"][0].items() if k != "card"}
        record = store.article(aid)
        card = card_of(record) if aid in CARDS and record else None
        if card:
            meta["card"] = card.to_json()
            cards.append(card)
        # Chroma merges metadata on update: a key set to None is how one is removed
        store.articles.update(ids=[aid], metadatas=[{**meta, "card": meta.get("card")}])
    return cards
