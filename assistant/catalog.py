"""The briefing catalog: one event card per article (date, kind, places, sides, people, outcomes).

Every field keeps the verbatim span of the article body it came from, so each cell of a timeline or
a people directory can cite and highlight its source. Nothing goes into a card that is not in the
article or normalised from it (a date: a year the article does not state stays unknown).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from .nlp import Date

EVENT_KINDS = ("visit", "signing", "conference", "inspection", "meeting")
SIDES = ("visiting", "receiving", "other")


@dataclass(frozen=True, slots=True)
class Span:
    """A verbatim piece of the article body: body[start:end] == text."""

    text: str
    start: int
    end: int


@dataclass
class Person:
    """Someone named in the article, with what is written beside the name."""

    name: Span  # the fullest form written ("Lin Qu"); other forms merge by nlp.person_key
    key: str  # nlp.person_key(name): the same for "Lin Qu" and "Qu Lin"
    titles: list[Span] = field(default_factory=list)
    organisation: Span | None = None
    side: str = "other"  # one of SIDES
    side_span: Span | None = None  # the words that place them on that side ("were received by")


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

    def to_json(self) -> str:
        """Compact JSON for the article record's metadata."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> EventCard:
        """The card stored by `to_json`."""
        raw: dict[str, Any] = json.loads(text)
        span = _span
        card = cls(raw["article_id"], raw["title"], raw["source"],
                   Date(**raw["date"]) if raw.get("date") else None, span(raw.get("date_span")),
                   raw.get("kind"), span(raw.get("kind_span")),
                   [Span(**s) for s in raw.get("places", [])],
                   [Person(Span(**p["name"]), p["key"], [Span(**t) for t in p.get("titles", [])],
                           span(p.get("organisation")), p.get("side", "other"),
                           span(p.get("side_span"))) for p in raw.get("people", [])],
                   [Span(**s) for s in raw.get("organisations", [])],
                   [Span(**s) for s in raw.get("outcomes", [])])
        return card


def _span(raw: dict[str, Any] | None) -> Span | None:
    return Span(**raw) if raw else None
