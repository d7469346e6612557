"""What the overviews list besides events: people by the body or place they belong to, one
person's titles per article, the bodies a person's side came from, bodies common to two events,
and what was signed or agreed. Each item is a lead and, per article, the groups of spans to quote
(one quote per group: the clause around its spans)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from assistant.catalog.cards import Filters, directory, matches, name_matches, timeline
from assistant.catalog.extract import organisation_of
from assistant.lexicon import SIGN_WORDS
from assistant.text.dates import shown_date

if TYPE_CHECKING:
    from assistant.catalog.cards import Entry, EventCard, Person
    from assistant.records import Question, Span

Group = list["Span"]  # spans quoted together
Part = tuple["EventCard", list[Group]]
Item = tuple[str, list[Part]]  # lead, (card, quote groups) per article


def members(cards: list[EventCard], name: str,
            titled: Callable[[str], bool] | None = None) -> list[Item]:
    """People who belong to a body or place: a title or organisation holding its name, or
    receiving the visitors at a place of that name; each quoted by name and title. With
    `titled`, only those holding such a title there ("the vice presidents of X")."""
    by_id = {c.article_id: c for c in cards}
    items: list[Item] = []
    for entry in directory(cards):
        said = [(aid, s) for aid, s in entry.titles + entry.organisations if _names_body(s.text, name)]
        for aid, side in entry.sides:
            if side == "receiving" and any(_names_body(p.text, name) for p in by_id[aid].places) \
                    and not any(a == aid for a, _ in said):
                person = _person(by_id[aid], entry.key)
                said.append((aid, (person.titles or [person.name])[0]))
        if titled:
            places = {aid for aid, _ in said}
            said = [(aid, t) for aid, t in entry.titles if aid in places and titled(t.text)]
        parts: dict[str, list[Group]] = {}
        for aid, span in said:
            parts.setdefault(aid, []).append(with_name(by_id[aid], entry.key, span))
        if parts:
            items.append((f"**{entry.name}**", [(by_id[a], g[:1]) for a, g in parts.items()]))
    return items


def titles_of(cards: list[EventCard], names: list[str]) -> list[Item]:
    """Each named person's titles, side by side per article (their names where they have none)."""
    items: list[Item] = []
    by_id = {c.article_id: c for c in cards}
    for entry in directory(cards):
        if not any(name_matches(entry.name, n) for n in names):
            continue
        spans = titles_per_article(entry) or per_article(entry.mentions)
        items.append((f"**{entry.name}**", [
            (by_id[a], [with_name(by_id[a], entry.key, s) for s in found])
            for a, found in spans.items()]))
    return items


def titles_per_article(entry: Entry, keep: Callable[[Span], bool] | None = None,
                       ) -> dict[str, list[Span]]:
    """One person's titles per article (those `keep` accepts), articles in the directory's
    order: the verbatim spans the cards keep beside the name. The one lister of titles per
    article (the titles overview, who is who, people across articles)."""
    return per_article((aid, s) for aid, s in entry.titles if keep is None or keep(s))


def per_article(spans: Iterable[tuple[str, Span]]) -> dict[str, list[Span]]:
    """(article id, span) pairs as each article's spans, articles in order of first appearance."""
    out: dict[str, list[Span]] = {}
    for aid, span in spans:
        out.setdefault(aid, []).append(span)
    return out


def side_bodies(cards: list[EventCard], names: list[str]) -> list[Item]:
    """The bodies of the side a named person was on: bodies named in that side's words, then
    the organisations in its people's titles."""
    items: dict[str, Item] = {}
    for card in timeline(cards):
        mine = [p for p in card.people if any(name_matches(p.name.text, n) for n in names)]
        sides = {p.side for p in mine if p.side != "other"}
        if not mine:
            continue
        group = [p for p in card.people if p.side in sides] or mine
        for party in card.parties:
            if party.side in sides:
                _add(items, party.body.text, card, [party.body])
        for p in group:
            for title in p.titles:
                body = organisation_of([title])
                if body:
                    _add(items, body.text, card, [body, *with_name(card, p.key, title)[1:]])
    return list(items.values())


def common_bodies(cards: list[EventCard], names: list[str]) -> list[Item]:
    """Bodies named in the events of every one of the names, with who stood for them."""
    groups = [[c for c in cards if matches(c, Filters(place=n)) or n.lower() in c.title.lower()
               or matches(c, Filters(person=n))] for n in names]
    if any(not g for g in groups):
        return []
    first = {_key(s.text): s.text for c in groups[0] for s in _bodies(c)}
    shared = [k for k in first if all(any(_key(s.text) == k for c in g for s in _bodies(c))
                                      for g in groups[1:])]
    items: list[Item] = []
    for key in shared:
        parts: list[Part] = []
        for card in timeline([c for g in groups for c in g]):
            people = [with_name(card, p.key, t) for p in card.people for t in p.titles
                      if _names_body(t.text, key)]
            named = [[s] for s in _bodies(card) if _key(s.text) == key][:1]
            if people or named:
                parts.append((card, people[:3] or named))
        items.append((f"**{first[key]}**", parts))
    return items


def signed(cards: list[EventCard], q: Question) -> list[Item]:
    """What was signed or agreed, per event: the outcomes (those of signing when the question
    asks what was signed) and the signing itself."""
    signing = any(w in q.focus or w in q.predicates for w in SIGN_WORDS)
    start, end = (q.when.start, q.when.end) if q.when else (None, None)
    items: list[Item] = []
    for card in timeline(cards, Filters(start=start, end=end)):
        spans = [s for s in card.outcomes
                 if not signing or any(w in s.text.lower() for w in SIGN_WORDS)]
        if card.kind == "signing" and card.kind_span:
            spans.insert(0, card.kind_span)
        if spans:
            items.append((f"**{when(card)}**", [(card, [[s] for s in spans])]))
    return items


def when(card: EventCard) -> str:
    """An event's date as written, "(year not stated)" when the article omits it."""
    said = shown_date(card.date_span.text) if card.date_span else \
        str(card.date or "date not stated")
    if card.date_span and card.date and not card.date.year:
        said += card.year_note()
    return said


def _add(items: dict[str, Item], body: str, card: EventCard, group: Group) -> None:
    key = _key(body)
    if any(key in k or k in key for k in items):
        return
    items[key] = (f"**{body}**", [(card, [group])])


def _bodies(card: EventCard) -> list[Span]:
    return card.organisations + [p.body for p in card.parties]


def _person(card: EventCard, key: str) -> Person:
    return next(p for p in card.people if p.key == key)


def _names_body(text: str, name: str) -> bool:
    """The text names the body or place (case, hyphens and a leading "the" aside)."""
    return _key(name) in _key(text)


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("-", "").removeprefix("the ").split())


def event_groups(card: EventCard) -> list[list[Span]]:
    """What an event line quotes: the first visitor with their title, the event's words with
    the places in that sentence, and the date's words when written elsewhere."""
    groups: list[list[Span]] = []
    visitors = sorted((p for p in card.people if p.side == "visiting"),
                      key=lambda p: min(m.start for m in p.mentions or [p.name]))
    if visitors:  # their first mention, with their title when written beside it
        first = min(visitors[0].mentions or [visitors[0].name], key=lambda m: m.start)
        groups.append([first, *(t for t in visitors[0].titles if 0 <= t.start - first.end < 4)])
    if card.kind_span:  # with the places and the date when written close by
        k = card.kind_span
        groups.append([k, *(s for s in card.places if abs(s.start - k.end) < 80),
                       *(s for s in [card.date_span] if s and abs(s.start - k.start) < 200)])
    if card.date_span:
        groups.append([card.date_span])
    return groups


def with_name(card: EventCard, key: str, span: Span | None) -> list[Span]:
    """A span with the person's name written closest before it (their name beside a title)."""
    person = next(p for p in card.people if p.key == key)
    mentions = person.mentions or [person.name]
    if span is None:
        return [mentions[0]]
    before = [m for m in mentions if m.start <= span.start]
    return [span, max(before, key=lambda m: m.start)] if before else [span]


def mentions(cards: list[EventCard], names: list[str], said: dict[str, str],
             body: Callable[[str], str]) -> list[Item]:
    """The articles that mention every name (in their card's fields or retrieved passages), in
    time order: each one's title and date, and its first sentence with the name."""
    from assistant.records import Span

    items: list[Item] = []
    for card in timeline(cards):
        fields = " ".join([card.title, said.get(card.article_id, ""),
                           *(s.text for s in (*card.places, *card.organisations)),
                           *(p.name.text for p in card.people)]).lower()
        if not names or not all(n.lower() in fields for n in names):
            continue
        text = body(card.article_id)
        at = text.lower().find(names[0].lower())
        group = [Span(text[at:at + len(names[0])], at, at + len(names[0]))] if at >= 0 else []
        items.append((f"**{card.title}** ({when(card)})", [(card, [group])]))  # which article
    return items

