"""Who met whom: for each organisation and each place, the events it took part in, on which side,
and the people who represented it there (issue 20), as data and as a compact grouped list.

An organisation comes from a card's parties (the body, on the side that names it) and from its
people's organisations (on the person's side; the person represented it). A place comes from the
card's places, which the extractor takes from the words after a visit or venue word ("visited X"):
the event happened there, so its side is "host place"; the people who represented it are those of
the card, visitors aside, whose organisation names it ("Huainan Municipal Party Committee" for
Huainan). Names merge case-, space- and quote-insensitively and without a leading or trailing
"the"; an organisation and a place of the same name stay two groups. No gradio here: the web shows
the HTML and attaches one click handler to `.event-link[data-event]`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, overload

from assistant.catalog.rows import date_text

if TYPE_CHECKING:
    from assistant.catalog.cards import EventCard

ORGANISATION, PLACE = "organisation", "place"
HOST_PLACE = "host place"
LABEL_CHARS = 60  # an event's label: kind and title, cut at a word
SUMMARY_PEOPLE = 3  # names in a group's summary line; the rest are counted
EVENT_PEOPLE = 4  # names beside one event
EMPTY = "No events match the filters, or none of them names an organisation or place."
EDGES = " \"'“”‘’.,;:"  # what a name loses at either end before names are compared (and a "the")


@dataclass(frozen=True)
class Appearance:
    """One event a counterpart took part in, as its group lists it."""

    number: int  # the event's row number (#): its place in the time-ordered list passed
    date: str  # as shown (rows.date_text)
    label: str  # "Signing: On December 14, the signing ceremony of…"
    side: str  # "visiting" | "receiving" | "other" | "host place"
    people: tuple[str, ...]  # who represented it there, names only


@dataclass(frozen=True)
class Counterpart:
    """An organisation or a place and every event it took part in, in time order."""

    name: str  # as first written
    kind: str  # ORGANISATION or PLACE
    # in time order; `counterparts` gives an Appearances, which makes each one when it is read
    appearances: Sequence[Appearance] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # everyone, across events, first seen first


def name_key(name: str) -> str:
    """One key for the ways a name is written: "the Lingang  group" and "Lingang Group"."""
    plain = " ".join(name.casefold().split()).strip(EDGES)
    plain = plain.removeprefix("the ")
    return plain.removesuffix(" the").strip(EDGES).replace("’", "'")


def label(card: EventCard) -> str:
    """The kind capitalised and the title, at most LABEL_CHARS, cut at a word with "…"."""
    text = " ".join(f"{card.kind.capitalize()}: {card.title}".split() if card.kind
                    else card.title.split())
    if len(text) <= LABEL_CHARS:
        return text
    cut = text[:LABEL_CHARS - 1]
    head = cut.rsplit(" ", 1)[0] if " " in cut[LABEL_CHARS // 2:] else cut
    return head.rstrip(" ,;:–-") + "…"


class _Group:
    """A counterpart being gathered: per event, in the order taken, its number, side and where
    its people start in `names`; everyone across events by person key. No container per event:
    the collector would walk tens of thousands of them at 10,000 events."""

    __slots__ = ("everyone", "kind", "name", "names", "numbers", "sides", "starts")

    def __init__(self, name: str, kind: str) -> None:
        self.name, self.kind = " ".join(name.split()), kind
        self.numbers: list[int] = []
        self.sides: list[str] = []
        self.starts: list[int] = []
        self.names: list[str] = []
        self.everyone: dict[str, str] = {}

    def take(self, number: int, side: str, key: str = "", name: str = "") -> None:
        """Note event `number` on `side` (a body's own words or a person's side) and the person
        (key, name) who represented it there; the first side other than "other" stands."""
        if not self.numbers or self.numbers[-1] != number:
            self.numbers.append(number)
            self.sides.append(side)
            self.starts.append(len(self.names))
        elif self.sides[-1] == "other":
            self.sides[-1] = side
        if key:
            name = self.everyone.setdefault(key, name)
            if name not in self.names[self.starts[-1]:]:
                self.names.append(name)

    def people(self, i: int) -> tuple[str, ...]:
        """The names of the people at the group's i-th event."""
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.names)
        return tuple(self.names[self.starts[i]:end])


def _gather(numbered: list[tuple[int, EventCard]]) -> list[_Group]:
    """The groups of the cards, events taken in number order."""
    groups: dict[tuple[str, str], _Group] = {}
    padded: dict[str, str] = {}  # name as written -> " name key ": names recur in many cards
    # name as written -> its group (None: a name of nothing but "the" and quotes), per kind
    orgs: dict[str, _Group | None] = {}
    places: dict[str, _Group | None] = {}

    def key_of(name: str) -> str:
        key = padded.get(name)
        if key is None:
            key = padded[name] = f" {name_key(name)} "
        return key

    def new(name: str, kind: str) -> _Group | None:
        key = key_of(name)
        found = groups.setdefault((kind, key), _Group(name, kind)) if key != "  " else None
        (orgs if kind == ORGANISATION else places)[name] = found
        return found

    for number, card in sorted(numbered, key=lambda pair: pair[0]):
        for party in card.parties:
            name = party.body.text
            if g := orgs[name] if name in orgs else new(name, ORGANISATION):
                g.take(number, party.side)
        hosts = []
        for p in card.people:
            if p.organisation is None:
                continue
            name = p.organisation.text
            if g := orgs[name] if name in orgs else new(name, ORGANISATION):
                g.take(number, p.side, p.key, p.name.text)
                if p.side != "visiting":
                    hosts.append((padded[name], p))
        for place in card.places:
            name = place.text
            if g := places[name] if name in places else new(name, PLACE):
                g.take(number, HOST_PLACE)
                words = padded[name]
                for organisation, p in hosts:
                    if words in organisation:
                        g.take(number, HOST_PLACE, p.key, p.name.text)
    return list(groups.values())


class Appearances(Sequence[Appearance]):
    """A group's events in time order, each made into an Appearance when read: at 10,000 events
    the groups hold some 70,000 and the view shows a few hundred."""

    __slots__ = ("_cards", "_group")

    def __init__(self, cards: dict[int, EventCard], group: _Group) -> None:
        self._cards, self._group = cards, group

    def __len__(self) -> int:
        return len(self._group.numbers)

    @overload
    def __getitem__(self, i: int) -> Appearance: ...
    @overload
    def __getitem__(self, i: slice) -> list[Appearance]: ...
    def __getitem__(self, i: int | slice) -> Appearance | list[Appearance]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = range(len(self))[i]  # a negative index counts from the end; past it, IndexError
        number = self._group.numbers[i]
        card = self._cards[number]
        return Appearance(number, date_text(card), label(card), self._group.sides[i],
                          self._group.people(i))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return repr(list(self))


def counterparts(numbered: list[tuple[int, EventCard]]) -> list[Counterpart]:
    """Every organisation and place of the (row number, card) pairs, the one in most events
    first (then by name), each with its events in time order (the numbers' order)."""
    cards = dict(numbered)
    out = [Counterpart(g.name, g.kind, Appearances(cards, g), list(g.everyone.values()))
           for g in _gather(numbered)]
    out.sort(key=lambda c: (-len(c.appearances), c.name.casefold(), c.kind))
    return out


def _names(names: list[str] | tuple[str, ...], most: int) -> str:
    """"A, B, C +2": the first `most` names, escaped, the rest counted."""
    more = len(names) - most
    return escape(", ".join(names[:most])) + (f" +{more}" if more > 0 else "")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _group_html(c: Counterpart, most_events: int) -> str:
    events = _plural(len(c.appearances), "event", "events")
    people = f" · people: {_names(c.people, SUMMARY_PEOPLE)}" if c.people else ""
    items = []
    for a in c.appearances[:most_events]:
        who = f" · {_names(a.people, EVENT_PEOPLE)}" if a.people else ""
        items.append(f'<li><a href="#" class="event-link" data-event="{a.number:d}">'
                     f"{escape(a.date)} · {escape(a.label)}</a> · {escape(a.side)}{who}</li>")
    more = len(c.appearances) - most_events
    if more > 0:
        items.append(f'<li class="more">and {_plural(more, "more event", "more events")}</li>')
    return (f"<details open><summary><b>{escape(c.name)}</b> · {escape(c.kind)} · {events}"
            f"{people}</summary><ul>{''.join(items)}</ul></details>")


def counterparts_html(groups: list[Counterpart], most_groups: int = 30,
                      most_events: int = 8) -> str:
    """The groups as a compact list: a collapsible block per group, its events linked to their
    rows by `data-event`; groups past `most_groups` and events past `most_events` counted."""
    if not groups:
        return f'<div class="counterparts"><p class="empty">{escape(EMPTY)}</p></div>'
    most_groups, most_events = max(most_groups, 0), max(most_events, 0)
    parts = [_group_html(c, most_events) for c in groups[:most_groups]]
    more = len(groups) - most_groups
    if more > 0:
        counted = _plural(more, "more organisation or place", "more organisations and places")
        parts.append(f'<p class="more">{counted}: use the filters.</p>')
    return f'<div class="counterparts">{"".join(parts)}</div>'
