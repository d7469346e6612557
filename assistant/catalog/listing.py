"""One filtering of the Briefing tab, paged: the filters as typed, the filtered cards in time order
and the people in name order, each table's sort order, and the cells of a page built only when it
is shown.

A row's `#` is its place in the default order (time order, name order) whatever the sort, so a
clicked cell is found by its row's number. Sorting reads the cards and entries themselves, never
built rows, on what the compact cells show first (the kind, then the title as the Event cell
gives it; a side's first name, else its first body); a row without the sorted value goes last
either way. No gradio here (web/briefing.py shows it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.catalog.cards import _order
from assistant.catalog.rows import (
    PEOPLE_COLUMNS,
    TIMELINE_COLUMNS,
    Cell,
    event_subject,
    people_row,
    side_names,
    timeline_row,
)
from assistant.text.dates import parse_bound

if TYPE_CHECKING:
    from assistant.catalog.cards import Entry, EventCard, Filters
    from assistant.records import Span

EVENTS_SHOWN = 12  # events in a people cell (and its sources); the rest are counted
TABLES = {"timeline": TIMELINE_COLUMNS, "people": PEOPLE_COLUMNS}
UP, DOWN = "↑", "↓"
DEFAULT_SORT = {table: f"{columns[0]} {UP}" for table, columns in TABLES.items()}
MAX_FILTER_CHARS = 200  # no date, name, place or body is longer: longer text is refused at once
FILTER_NAMES = ("From", "To", "Place", "Person", "Organisation")


def make_filters(start: str, end: str, place: str, person: str, organisation: str) -> Filters:
    """The catalog filters typed in the view (blank means any); ValueError on a bad date or a
    text longer than MAX_FILTER_CHARS (refused before any work)."""
    from assistant.catalog.cards import Filters

    typed = [text or "" for text in (start, end, place, person, organisation)]
    for name, text in zip(FILTER_NAMES, typed):
        if len(text) > MAX_FILTER_CHARS:
            raise ValueError(f"The {name} filter is too long ({len(text):,} characters; the "
                             f"limit is {MAX_FILTER_CHARS}).")
    start, end, *words = typed
    return Filters(parse_bound(start), parse_bound(end),
                   *(text.strip() or None for text in words))


def describe(f: Filters) -> str:
    """The filters in words, for the summary line and the briefing's heading."""
    parts = [f"from {f.start}" if f.start else "", f"to {f.end}" if f.end else "",
             f"place “{f.place}”" if f.place else "", f"person “{f.person}”" if f.person else "",
             f"organisation “{f.organisation}”" if f.organisation else ""]
    return ", ".join(p for p in parts if p)


def choices(table: str) -> list[str]:
    """The sort orders of a table: each column ascending and descending ("Date ↑", "Date ↓")."""
    return [f"{column} {arrow}" for column in TABLES[table] for arrow in (UP, DOWN)]


def _first(spans: Sequence[Span]) -> str | None:
    return spans[0].text.casefold() if spans else None


def _first_of(found: Sequence[tuple[str, Span]]) -> str | None:
    return found[0][1].text.casefold() if found else None


def _side(card: EventCard, side: str) -> str | None:
    return next((name.casefold() for name in side_names(card, side)), None)


def _date(card: EventCard) -> Any:
    return _order(card) if card.date is not None and str(card.date) else None


def _event(card: EventCard) -> Any:
    return (card.kind, event_subject(card).casefold()) if card.kind else None


# per table, per column: the sort key of one (position in the default order, card or entry);
# None when the row has no value there
KEYS: dict[str, tuple[Callable[[int, Any], Any], ...]] = {
    "timeline": (lambda _, c: _date(c), lambda _, c: _event(c), lambda _, c: _first(c.places),
                 lambda _, c: _side(c, "visiting"), lambda _, c: _side(c, "receiving"),
                 lambda _, c: _first(c.outcomes)),
    "people": (lambda i, _: i, lambda _, e: _first_of(e.titles),
               lambda _, e: _first_of(e.organisations), lambda _, e: len(e.articles) or None),
}


@dataclass
class Page:
    """The rows of one page of a table, each with its `#`, and where the page stands."""

    rows: list[list[Cell]]
    numbers: list[int]
    page: int
    pages: int
    total: int
    first: int  # the position (from 1) of the page's first row in the sorted table

    def label(self) -> str:
        """"rows 51–100 of 4,120 · page 2 of 83", or "no rows"."""
        if not self.total:
            return "no rows"
        last = self.first + len(self.rows) - 1
        return (f"rows {self.first:,}–{last:,} of {self.total:,} · "
                f"page {self.page:,} of {self.pages:,}")


@dataclass
class Listing:
    """What one filtering selected: the cards (time order), the people (name order), each table's
    order (positions in those lists) and its chosen sort."""

    cards: list[EventCard]
    people: list[Entry]
    page_rows: int = 50
    sorts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SORT))
    orders: dict[str, Sequence[int]] = field(default_factory=dict)
    _by_id: dict[str, EventCard] | None = field(default=None, repr=False)

    def items(self, table: str) -> list[Any]:
        """The table's cards or entries in the default order."""
        return self.cards if table == "timeline" else self.people

    def order(self, table: str) -> Sequence[int]:
        """The table's rows as shown: positions in the default order."""
        return self.orders.get(table) or range(len(self.items(table)))

    def sort(self, table: str, choice: str) -> None:
        """Sort a table by one of its `choices` (ValueError on another); ties keep the default
        order, rows without the value go last in both directions."""
        column, _, arrow = choice.rpartition(" ")
        if column not in TABLES[table] or arrow not in (UP, DOWN):
            raise ValueError(f"{table} cannot be sorted by “{choice}”")
        self.sorts[table] = choice
        if choice == DEFAULT_SORT[table]:  # the order the lists are already in
            self.orders.pop(table, None)
            return
        key = KEYS[table][TABLES[table].index(column)]
        keyed = [(key(i, item), i) for i, item in enumerate(self.items(table))]
        present = [(k, i) for k, i in keyed if k is not None]
        present.sort(key=lambda pair: pair[0], reverse=arrow == DOWN)  # stable either way
        self.orders[table] = [i for _, i in present] + [i for k, i in keyed if k is None]

    def page(self, table: str, number: int | None) -> Page:
        """One page of a table as cells; the number is clamped to 1..pages."""
        order = self.order(table)
        pages = max(1, -(-len(order) // self.page_rows))
        number = min(max(int(number or 1), 1), pages)
        start = (number - 1) * self.page_rows
        shown = order[start:start + self.page_rows]
        return Page([self.row(table, i) for i in shown], [i + 1 for i in shown], number, pages,
                    len(order), start + 1)

    def cell(self, table: str, number: int, column: int) -> Cell | None:
        """The cell of row `#` number (its place in the default order) and column (0: the first
        after `#`), building only that row; None if there is no such cell."""
        if not 1 <= number <= len(self.items(table)) or not 0 <= column < len(TABLES[table]):
            return None
        return self.row(table, number - 1)[column]

    def row(self, table: str, index: int) -> list[Cell]:
        """The cells of the row at this position of the default order."""
        if table == "timeline":
            return timeline_row(self.cards[index])
        if self._by_id is None:
            self._by_id = {c.article_id: c for c in self.cards}
        return people_row(self.people[index], self._by_id, EVENTS_SHOWN)


def build(cards: list[EventCard], filters: Filters, page_rows: int = 50,
          directory: Callable[[], list[Entry]] | None = None,
          sorts: dict[str, str] | None = None) -> Listing:
    """The listing of the cards that pass the filters, sorted as `sorts` says (default: time and
    name order). `directory` gives the people of every card (cached by the Assistant): their
    entries are reused instead of merging everyone's people again (`_people`)."""
    from assistant.catalog.cards import directory as people_of
    from assistant.catalog.cards import timeline

    chosen = timeline(cards, filters)
    if directory is None:
        people = people_of(cards, filters)
    elif not filters.person and len(chosen) == len(cards):
        people = directory()
    else:
        people = _people(chosen, filters, directory())
    listing = Listing(chosen, people, page_rows)
    for table, choice in (sorts or {}).items():
        if choice:
            listing.sort(table, choice)
    return listing


def _people(chosen: list[EventCard], f: Filters, everyone: list[Entry]) -> list[Entry]:
    """`catalog.directory` of the chosen cards for the person filter, from the directory of every
    card: an entry whose articles are all chosen is the same entry, the others keep what their
    chosen articles say (each list keeps its time order), under the name the first one writes."""
    from assistant.catalog.cards import Entry, has_words

    by_id = {c.article_id: c for c in chosen}
    kept: list[Entry] = []
    for e in everyone:
        if f.person and not has_words(e.key, f.person_words):
            continue
        inside = [aid for aid in e.articles if aid in by_id]
        if len(inside) == len(e.articles):
            kept.append(e)
        elif inside:
            name = next(p.name.text for p in by_id[inside[0]].people if p.key == e.key)
            kept.append(Entry(name, e.key, *([x for x in pairs if x[0] in by_id] for pairs in (
                e.mentions, e.titles, e.organisations, e.sides)), inside))
    return sorted(kept, key=lambda e: (e.name.lower(), e.key))
