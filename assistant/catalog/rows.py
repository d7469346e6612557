"""The briefing's two tables as plain rows: a timeline of events and a directory of people.

Every cell keeps the verbatim spans it was written from, as (article id, Span), so the Briefing view
can open a cell's source with the spans highlighted and the export can quote them in footnotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.catalog.cards import Entry, EventCard, Person
    from assistant.records import Span

MISSING = "—"
TIMELINE_COLUMNS = ("Date", "Event", "Place", "Who visited", "Who received", "Outcome")
PEOPLE_COLUMNS = ("Name", "Titles", "Organisations", "Events")


# a spreadsheet takes a pasted or imported cell that starts with one of these for a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Cell:
    """What a table cell shows and the article spans it rests on. Text that a spreadsheet would
    run as a formula (copied from the Briefing tab, or from an exported table) starts with an
    apostrophe, which makes it text there."""

    text: str
    spans: list[tuple[str, Span]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.text.startswith(FORMULA_START):
            self.text = "'" + self.text


def date_text(card: EventCard) -> str:
    """A card's date as shown: never a guessed year; a year taken from the publication date
    says so."""
    date = card.date
    if date is None or not str(date):
        return MISSING
    return str(date) if date.year else f"{date}{card.year_note()}"


def _cell(aid: str, parts: list[tuple[str, list[Span]]]) -> Cell:
    """A cell of several parts ("Lin Qu (Deputy Director)"), each shown once, all spans kept."""
    texts: list[str] = []
    spans: list[tuple[str, Span]] = []
    for text, rests_on in parts:
        if text.casefold() not in (t.casefold() for t in texts):
            texts.append(text)
        spans += [(aid, s) for s in rests_on]
    return Cell("; ".join(texts) if texts else MISSING, spans)


def _person(p: Person) -> tuple[str, list[Span]]:
    title = p.titles[0].text if p.titles else None
    spans = [p.name, *p.titles[:1], *([p.side_span] if p.side_span else [])]
    return (f"{p.name.text} ({title})" if title else p.name.text, spans)


def timeline_row(card: EventCard) -> list[Cell]:
    """Date, event, place, who visited, who received, outcome of one card."""
    aid = card.article_id
    event = f"{card.kind.capitalize()}: {card.title}" if card.kind else card.title
    return [
        Cell(date_text(card), [(aid, card.date_span)] if card.date_span else []),
        Cell(event, [(aid, card.kind_span)] if card.kind_span else []),
        _cell(aid, [(s.text, [s]) for s in card.places]),
        _cell(aid, [_person(p) for p in card.people if p.side == "visiting"]),
        _cell(aid, [_person(p) for p in card.people if p.side == "receiving"]),
        _cell(aid, [(s.text, [s]) for s in card.outcomes]),
    ]


def people_row(entry: Entry, cards: dict[str, EventCard], most: int | None = None) -> list[Cell]:
    """Name, titles, organisations and events of one directory entry (catalog.Entry). `most`:
    how many events (and source spans per cell) to show, the rest counted, as the Briefing view
    does for someone in thousands of articles; None: all of them, as the export does."""
    first: dict[str, Span] = {}
    for aid, span in entry.mentions:
        first.setdefault(aid, span)  # the name once per article is enough to find it
    known = [aid for aid in entry.articles if aid in cards]
    events = [_event(cards[aid]) for aid in known[:most]]
    more = len(known) - len(events)
    text = "; ".join(t for t, _ in events) + (f"; and {more} more" if more else "")
    return [
        Cell(entry.name, list(first.items())[:most]),
        _merged(entry.titles, most),
        _merged(entry.organisations, most),
        Cell(text or MISSING, [span for _, span in events if span]),
    ]


def _merged(found: list[tuple[str, Span]], most: int | None = None) -> Cell:
    """Each distinct text once; every span kept, or with `most`, each text's first and others up
    to that many."""
    texts: list[str] = []
    kept: list[tuple[str, Span]] = []
    for aid, span in found:
        if span.text.casefold() not in (t.casefold() for t in texts):
            texts.append(span.text)
            kept.append((aid, span))
        elif most is None or len(kept) < most:
            kept.append((aid, span))
    return Cell("; ".join(texts) or MISSING, kept)


def _event(card: EventCard) -> tuple[str, tuple[str, Span] | None]:
    """"December 14, 2020: signing" (or the title when the kind is unknown) and its date span."""
    what = card.kind or card.title
    text = f"{date_text(card)}: {what}" if card.date else what
    return text, (card.article_id, card.date_span) if card.date_span else None


def timeline_table(cards: list[EventCard]) -> list[list[Cell]]:
    """The rows of the timeline, in the cards' order."""
    return [timeline_row(c) for c in cards]


def people_table(entries: list[Entry], cards: list[EventCard]) -> list[list[Cell]]:
    """The rows of the people directory, in the entries' order."""
    by_id = {c.article_id: c for c in cards}
    return [people_row(e, by_id) for e in entries]
