"""The briefing's two tables as plain rows, a timeline of events and a directory of people, and
the detail of one event. Every cell keeps the verbatim spans it was written from, as (article id,
Span), so the Briefing view can open a cell's source with the spans highlighted and the export can
quote them in footnotes.

A timeline row is compact, a short line a cell, the whole period on one screen: the kind and the
start of the title, the first place, names without titles, the first outcome's first words; what
is left out is counted ("+2") or cut at a word ("…"), its spans kept. The date is shown whole (a
year taken from the publication says so). `event_detail` gives everything: every place, every
person with every title, every outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.text.dates import find_dates

if TYPE_CHECKING:
    from assistant.catalog.cards import Entry, EventCard, Person
    from assistant.records import Span

MISSING = "—"
MORE = "…"
TIMELINE_COLUMNS = ("Date", "Event", "Place", "Who visited", "Who received", "Outcome")
PEOPLE_COLUMNS = ("Name", "Titles", "Organisations", "Events")
DETAIL_LABELS = ("Date", "Event", "Places", "Visiting side", "Receiving side", "Others named",
                 "Outcomes")
EVENT_CHARS = 60  # the Event cell: the kind and the start of the title
CELL_CHARS = 70  # any other compact cell, its "+N" included: one line at ~1400 px
NAMES_SHOWN = 3  # names (or bodies) in a Who cell; the rest are counted
OUTCOME_WORDS = 8  # of the first outcome in the Outcome cell
OPENING = re.compile(r"(?:on|in)\s+", re.IGNORECASE)  # "On December 14, the signing ..."

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


def flat(text: str) -> str:
    """The text on one line: every run of white space (line breaks, tabs) one space."""
    return " ".join(text.split())


def clip(text: str, limit: int, words: int | None = None) -> str:
    """The text on one line, at most `limit` characters (and `words` words), cut after a whole
    word and marked "…"."""
    text = flat(text)
    if words is not None and len(text.split(" ")) > words:
        text = " ".join(text.split(" ")[:words]).rstrip(" ,;:") + MORE
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]  # a whole word; one longer than the limit is cut anyway
    return cut.rstrip(" ,;:-–—(") + MORE


def shortlist(texts: list[str], most: int = NAMES_SHOWN, limit: int = CELL_CHARS,
              words: int | None = None) -> str:
    """Distinct texts (case aside), "A, B, C +2": at most `most` shown, fewer if they do not fit
    `limit`, the rest counted; MISSING when there are none."""
    distinct = _distinct(texts)
    shown = distinct[:most]
    while len(shown) > 1 and len(", ".join(shown)) + len(f" +{len(distinct)}") > limit:
        shown.pop()
    if not shown:
        return MISSING
    more = len(distinct) - len(shown)
    tail = f" +{more}" if more else ""
    return clip(", ".join(shown), limit - len(tail), words) + tail


def _distinct(texts: list[str]) -> list[str]:
    """Each text once, on one line, case aside; the first written kept."""
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(flat(text).casefold(), flat(text))
    return list(seen.values())


def event_subject(card: EventCard) -> str:
    """The card's title, without an opening "On <the event's date>," that the Date column says."""
    title, when = flat(card.title), card.date
    opening = OPENING.match(title)
    if opening and when:
        for date, start, end in find_dates(title)[:1]:
            rest = title[end + 1:].strip()
            same = (date.month, date.day) == (when.month, when.day) and date.year in (None, when.year)
            if start == opening.end() and same and title[end:end + 1] == "," and rest:
                return rest[0].upper() + rest[1:]
    return title


def event_label(card: EventCard) -> str:
    """The Event cell: "Signing: The signing ceremony of the strategic cooperation…" (the kind
    capitalised, then the subject cut at a word), at most EVENT_CHARS characters."""
    kind = f"{card.kind.capitalize()}: " if card.kind else ""
    return clip(kind + event_subject(card), EVENT_CHARS)


def side_names(card: EventCard, side: str) -> list[str]:
    """Who is shown on a side: its people's names, else the bodies the side's own words name."""
    return [p.name.text for p in card.people if p.side == side] or \
        [party.body.text for party in card.parties if party.side == side]


def _side_cell(card: EventCard, side: str) -> Cell:
    """Names only, each person's name, titles and side words kept as spans (or the bodies')."""
    people = [p for p in card.people if p.side == side]
    spans = [s for p in people for s in _person_spans(p)] or \
        [party.body for party in card.parties if party.side == side]
    return Cell(shortlist(side_names(card, side)), [(card.article_id, s) for s in spans])


def _person_spans(p: Person, organisation: bool = False) -> list[Span]:
    shown = [p.organisation] if organisation and p.organisation else []
    return [p.name, *p.titles, *shown, *([p.side_span] if p.side_span else [])]


def timeline_row(card: EventCard) -> list[Cell]:
    """Date, event, place, who visited, who received, outcome of one card, each cell short."""
    aid = card.article_id
    return [
        Cell(date_text(card), [(aid, card.date_span)] if card.date_span else []),
        Cell(event_label(card), [(aid, card.kind_span)] if card.kind_span else []),
        Cell(shortlist([s.text for s in card.places], 1), [(aid, s) for s in card.places]),
        _side_cell(card, "visiting"),
        _side_cell(card, "receiving"),
        Cell(shortlist([s.text for s in card.outcomes], 1, words=OUTCOME_WORDS),
             [(aid, s) for s in card.outcomes]),
    ]


def detail_lines(card: EventCard) -> list[tuple[str, list[Cell]]]:
    """The whole of one event, labelled (DETAIL_LABELS), a Cell per line with the spans it shows:
    the date, the kind and full title, each place, each person of a side ("Name, Title; Title")
    then each body its own words name, each outcome; no line where there is nothing."""
    aid, date = card.article_id, date_text(card)
    kind = f"{card.kind.capitalize()}: " if card.kind else ""
    parts = [[(date, [card.date_span] if card.date_span else [])] if date != MISSING else [],
             [(kind + card.title, [card.kind_span] if card.kind_span else [])],
             [(s.text, [s]) for s in card.places],
             *([_person(p) for p in card.people if p.side == side] +
               [(party.body.text, [party.body]) for party in card.parties if party.side == side]
               for side in ("visiting", "receiving", "other")),
             [(s.text, [s]) for s in card.outcomes]]
    return [(label, _lines(aid, part)) for label, part in zip(DETAIL_LABELS, parts)]


def event_detail(card: EventCard) -> list[tuple[str, Cell]]:
    """`detail_lines` as one plain-text Cell per label, its lines joined by "\\n", every span kept
    (MISSING when there is nothing)."""
    return [(label, Cell("\n".join(c.text for c in cells) or MISSING,
                         [s for c in cells for s in c.spans])) for label, cells in detail_lines(card)]


def _person(p: Person) -> tuple[str, list[Span]]:
    """"Name, Title; Title" (and the organisation when no title names it) and its spans."""
    titles = [t.text for t in p.titles]
    org = p.organisation
    named = org is not None and any(org.text.casefold() in t.casefold() for t in titles)
    about = titles + ([org.text] if org and not named else [])
    return (f"{p.name.text}, {'; '.join(about)}" if about else p.name.text,
            _person_spans(p, organisation=not named))


def _lines(aid: str, parts: list[tuple[str, list[Span]]]) -> list[Cell]:
    """A Cell per distinct line (case aside): the spans of a line written twice go to the first."""
    lines: dict[str, Cell] = {}
    for text, spans in parts:
        lines.setdefault(flat(text).casefold(), Cell(flat(text))).spans += [(aid, s) for s in spans]
    return list(lines.values())


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
