"""The briefing catalog: one event card per article (date, kind, places, sides, people, outcomes).

Every field keeps the verbatim span of the article body it came from, so each cell of a timeline or
a people directory can cite and highlight its source. Nothing goes into a card that is not in the
article or normalised from it (a date: a year the article does not state stays unknown).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

from assistant.records import Date, Span
from assistant.text.dates import placed, year_note
from assistant.text.nlp import person_key

# The analysis an article's entities and card were made with: bump it when the entity patterns
# (nlp.py) or the extraction (extract.py) change, and the next ingest redoes every article.
ANALYSIS = "13"
EVENT_KINDS = ("visit", "signing", "conference", "inspection", "meeting")
SIDES = ("visiting", "receiving", "other")


@dataclass
class Person:
    """Someone named in the article, with what is written beside the name."""

    name: Span  # the fullest form written ("Lin Qu"); other forms merge by nlp.person_key
    key: str  # nlp.person_key(name): the same for "Lin Qu" and "Qu Lin"
    titles: list[Span] = field(default_factory=list)
    organisation: Span | None = None
    side: str = "other"  # one of SIDES
    side_span: Span | None = None  # the words that place them on that side ("were received by")
    mentions: list[Span] = field(default_factory=list)  # every form written ("Ms. Sun", "Jin Sun")


@dataclass
class Party:
    """A body named in a side's own words ("a delegation of leaders from the X went to")."""

    body: Span
    side: str  # "visiting" or "receiving"


@dataclass
class EventCard:
    """What one article reports happened."""

    article_id: str
    title: str
    source: str
    date: Date | None = None
    date_span: Span | None = None
    kind: str | None = None  # one of EVENT_KINDS
    kind_span: Span | None = None
    places: list[Span] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Span] = field(default_factory=list)
    outcomes: list[Span] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    published: Date | None = None  # the document's own date (its dateline), when it gives one

    @property
    def placed(self) -> Date | None:
        """The event's date, with the publication year when the article states none (an article
        reports what happened before it was published: an event month after the publication
        month is the year before); None without a date."""
        return placed(self.date, self.published)

    def year_note(self) -> str:
        """What is said of a date written without its year: the publication year it takes, or
        that none is stated."""
        return year_note(self.date, self.published)

    def to_json(self) -> str:
        """Compact JSON for the article record's metadata."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> EventCard:
        """The card stored by `to_json`."""
        raw: dict[str, Any] = json.loads(text)
        return cls(raw["article_id"], raw["title"], raw["source"],
                   Date(**raw["date"]) if raw.get("date") else None, _span(raw.get("date_span")),
                   raw.get("kind"), _span(raw.get("kind_span")), _spans(raw.get("places")),
                   [_person(p) for p in raw.get("people", [])],
                   _spans(raw.get("organisations")), _spans(raw.get("outcomes")),
                   [Party(Span(**p["body"]), p["side"]) for p in raw.get("parties", [])],
                   Date(**raw["published"]) if raw.get("published") else None)


def _span(raw: dict[str, Any] | None) -> Span | None:
    return Span(**raw) if raw else None


def _spans(raw: list[dict[str, Any]] | None) -> list[Span]:
    return [Span(**s) for s in raw or []]


def _person(raw: dict[str, Any]) -> Person:
    return Person(Span(**raw["name"]), raw["key"], _spans(raw.get("titles")),
                  _span(raw.get("organisation")), raw.get("side", "other"),
                  _span(raw.get("side_span")), _spans(raw.get("mentions")))


@dataclass
class Filters:
    """What a timeline or directory is narrowed to; None means any.

    Text filters match case-insensitively as substrings (a person's words in any order). Dates are
    inclusive and compared on the parts both sides know: a filter without a year ("from October")
    matches any year; a filter with a year never matches an event whose year the article omits."""

    start: Date | None = None
    end: Date | None = None
    place: str | None = None
    person: str | None = None
    organisation: str | None = None

    @cached_property
    def person_words(self) -> tuple[str, ...]:
        """The person filter's words as `nlp.person_key` writes them, each once: made once per
        filtering, not once per person compared."""
        return tuple(dict.fromkeys(person_key(self.person).split())) if self.person else ()


@dataclass
class Entry:
    """One person of the directory: every article naming them, titles side by side per article."""

    name: str
    key: str
    mentions: list[tuple[str, Span]] = field(default_factory=list)  # (article_id, name as written)
    titles: list[tuple[str, Span]] = field(default_factory=list)
    organisations: list[tuple[str, Span]] = field(default_factory=list)
    sides: list[tuple[str, str]] = field(default_factory=list)  # (article_id, side)
    articles: list[str] = field(default_factory=list)


def timeline(cards: list[EventCard], filters: Filters | None = None) -> list[EventCard]:
    """The cards that pass `filters`, oldest first.

    Order: events with a known year by (year, month, day), a missing month or day after the known
    ones of that year or month; then events whose year the article omits, by (month, day); then
    undated cards; ties by article id. A missing year is never guessed to place an event."""
    chosen = [c for c in cards if matches(c, filters or Filters())]
    return sorted(chosen, key=_order)


def _order(card: EventCard) -> tuple[int, int, int, int, str]:
    d = card.placed
    if d is None:
        return (2, 0, 0, 0, card.article_id)
    return (0 if d.year else 1, d.year or 0, d.month or 13, d.day or 32, card.article_id)


def directory(cards: list[EventCard], filters: Filters | None = None) -> list[Entry]:
    """The people of the cards passing `filters`, merged across articles only on the same name
    (either order: nlp.person_key); sorted by name."""
    filters = filters or Filters()
    entries: dict[str, Entry] = {}
    for card in timeline(cards, filters):
        for p in card.people:
            if filters.person and not has_words(p.key, filters.person_words):
                continue
            entry = entries.get(p.key)
            if entry is None:  # built once per person, not once per mention
                entry = entries[p.key] = Entry(p.name.text, p.key)
            aid = card.article_id
            entry.mentions += [(aid, m) for m in p.mentions or [p.name]]
            entry.titles += [(aid, t) for t in p.titles]
            entry.organisations += [(aid, p.organisation)] if p.organisation else []
            entry.sides.append((aid, p.side))
            # one card per article, its people together: an article already listed is the last
            # one (not a search through everyone's thousands of articles at 10,000 cards)
            if not entry.articles or entry.articles[-1] != aid:
                entry.articles.append(aid)
    return sorted(entries.values(), key=lambda e: (e.name.lower(), e.key))


def matches(card: EventCard, f: Filters) -> bool:
    """Whether a card passes the filters (see `Filters`)."""
    if f.start and not _within(card.placed, f.start, 1):
        return False
    if f.end and not _within(card.placed, f.end, -1):
        return False
    if f.place and not _contains([s.text for s in card.places], f.place):
        return False
    if f.person and not any(has_words(p.key, f.person_words) for p in card.people):
        return False
    if not f.organisation:  # the common case: no lists built for every card of a timeline
        return True
    orgs = [s.text for s in card.organisations] + \
        [p.organisation.text for p in card.people if p.organisation]
    return _contains(orgs, f.organisation)


def name_matches(name: str, query: str) -> bool:
    """Every word of the query inside a word of the name, in any order ("qu lin" ~ "Lin Qu")."""
    return has_words(person_key(name), person_key(query).split())


def has_words(key: str, words: Sequence[str]) -> bool:
    """Every word inside a word of the name key (`nlp.person_key`), in any order: the key's words
    are joined by single spaces and a word holds none, so inside the key is inside one of them."""
    return all(q in key for q in words)


def _contains(texts: list[str], query: str) -> bool:
    q = query.casefold()
    return any(q in t.casefold() for t in texts)


def _within(d: Date | None, bound: Date, side: int) -> bool:
    """Whether an event date is on or after (side 1) or on or before (side -1) a filter bound,
    on the parts both know; an event without a year is outside any bound that has one."""
    if d is None or (bound.year is not None and d.year is None):
        return False
    ours, theirs = [], []
    for i, (mine, other) in enumerate(((d.year, bound.year), (d.month, bound.month),
                                       (d.day, bound.day))):
        if other is None and i == 0:
            continue  # a bound without a year: any year
        if other is None or mine is None:
            break
        ours.append(mine)
        theirs.append(other)
    return (ours >= theirs) if side > 0 else (ours <= theirs)


def render_card(card: EventCard) -> str:
    """A card for people: date, kind and title, then places, people, outcomes."""
    lines = [f"{card.date or 'undated'} — {card.kind or 'event'} — {card.title} [{card.article_id}]"]
    if card.places:
        lines.append("  places: " + "; ".join(s.text for s in card.places))
    for p in card.people:
        titles = "; ".join(t.text for t in p.titles)
        side = "" if p.side == "other" else f" [{p.side}]"
        lines.append(f"  {p.name.text}{', ' + titles if titles else ''}{side}")
    lines += [f"  outcome: {s.text}" for s in card.outcomes]
    return "\n".join(lines)
