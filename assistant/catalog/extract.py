"""Event cards from an article's entities: who, titles, sides, date, kind, places, outcomes.

Ingest runs the recogniser once per article (nlp.annotate); this module reads those entities and
parses (tagger and dependency parser) only the few sentences that carry a visit verb, for the sides
(assistant/catalog/sides.py).
Every field is a verbatim span of the body; a date is normalised without guessing a year.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.catalog.cards import EventCard, Person
from assistant.catalog.sides import assign_sides
from assistant.lexicon import (
    ACHIEVED_NOUNS,
    AGREED_NOUNS,
    ARTICLES,
    BODY_LINKS,
    FUTURE_ACTS,
    KIND_TRIGGERS,
    PLACE_TRIGGERS,
    SIGNED_DOCUMENTS,
    SITE_NOUNS,
    alternation,
)
from assistant.records import Date, Entity, Span
from assistant.text.beside import CARD, beside
from assistant.text.dates import WRITTEN, parse_date
from assistant.text.nlp import DATE, ORG, PERSON, PLACE, TITLE, person_key

if TYPE_CHECKING:
    from assistant.records import Article
    from assistant.text.nlp import NLP

# Kind of event by its first trigger in the body (earliest wins): the verbatim words are kept.
KIND_RE = re.compile(r"\b(?:" + "|".join(
    f"(?P<{kind}>{alternation(words)})" for kind, words in KIND_TRIGGERS.items()) + r")\b",
    re.IGNORECASE)
# Where the event took place: the bodies or places written right after these words.
PLACE_TRIGGER = re.compile(rf"(?<!can )(?<!will )(?<!to )\b(?:{alternation(PLACE_TRIGGERS)})"
                           r"\s+(?:the\s+)?", re.IGNORECASE)
OUTCOME_RE = re.compile(
    rf"\b(?:reached [^.;,]*?(?:{alternation(AGREED_NOUNS)})|"
    rf"achieved [^.;,]*?(?:{alternation(ACHIEVED_NOUNS)})|"
    rf"signed (?:{alternation(ARTICLES)}) [^.;]*?(?:{alternation(SIGNED_DOCUMENTS)})[^.;,]*|"
    r"(?:a total of )?\d+ projects [^.;]*?were signed|"
    rf"will (?:{alternation(FUTURE_ACTS)})[^.;]*)", re.IGNORECASE)
# A name's capitalised words, with "(Shanghai)" and "of the" inside it, and a possessive's site
CAPITALISED_RUN = re.compile(
    r"[A-Z][\w’'-]*(?:\s*\([A-Z][\w-]*\))?"
    r"(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?[A-Z][\w’'-]*(?:\s*\([A-Z][\w-]*\))?)*")
SITE_TAIL = re.compile(rf"\s+(?:{alternation(SITE_NOUNS)})\b")
ORG_LINK = re.compile(rf"\b(?:{alternation(BODY_LINKS)})\s+(?:the\s+)?")
TOP = 400  # the event date is written in the opening lines


def extract(article: Article, entities: list[Entity], nlp: NLP) -> EventCard:
    """The event card of one article from its entities (article-body offsets)."""
    body = article.body
    entities = [_whole(e, body) for e in entities]
    card = EventCard(article.id, article.title, article.source)
    card.date, card.date_span = _date(article, entities)
    card.published = parse_date(article.date) if article.date else None
    kind = KIND_RE.search(body)
    if kind and kind.lastgroup:
        card.kind, card.kind_span = kind.lastgroup, Span(kind.group(), *kind.span())
    card.people = _people(body, entities)
    card.parties = assign_sides(body, card.people, entities, nlp)
    card.places = _places(body, entities)
    card.organisations = _organisations(entities, card.people)
    card.outcomes = [Span(m.group().rstrip(), m.start(), m.start() + len(m.group().rstrip()))
                     for m in OUTCOME_RE.finditer(body)]
    return card


def _date(article: Article, entities: list[Entity]) -> tuple[Date | None, Span | None]:
    """The first date in the opening lines with a month; else the dateline above the body
    (no body span then). A year is kept only when written."""
    written = WRITTEN.search(article.body[:TOP])  # "March 11th, 2019": the model may cut it
    if written:
        return parse_date(written.group()), Span(written.group(), *written.span())
    for e in entities:
        if e.kind == DATE and e.start < TOP:
            date = parse_date(e.text)
            if date and date.month:
                return date, Span(e.text, e.start, e.end)
    return (parse_date(article.date) if article.date else None), None


def _people(body: str, entities: list[Entity]) -> list[Person]:
    """People merged by name key; a one-word mention ("Mr. Zhang") joins the one full name
    holding that word, and is dropped when none or several do (the model calls some places
    people)."""
    people: dict[str, Person] = {}
    singles: list[Entity] = []
    bodies = " | ".join(e.text for e in entities if e.kind in (ORG, TITLE))
    for i, e in enumerate(entities):
        if e.kind != PERSON or not _name_like(e.text, bodies):
            continue
        if len(e.text.split()) < 2:
            singles.append(e)
            continue
        key = person_key(e.text)
        person = people.setdefault(key, Person(_span(e), key))
        person.mentions.append(_span(e))
        _add_titles(person, body, entities, i)
    for e in singles:
        owners = [p for k, p in people.items() if e.text.lower() in k.split()]
        if len(owners) == 1:
            owners[0].mentions.append(_span(e))
    for person in people.values():
        person.organisation = organisation_of(person.titles)
    return list(people.values())


def _name_like(text: str, bodies: str) -> bool:
    """Capitalised words not written as part of a body's name elsewhere ("Lingang Science")."""
    return all(w[:1].isupper() for w in text.split()) and text not in bodies


def _add_titles(person: Person, body: str, entities: list[Entity], i: int) -> None:
    """Titles written beside this mention (through the cards' gaps: "T Name" and "Name, T1 and
    T2,"); a short form of a title already held ("General Manager" of "General Manager of X") is
    not added."""
    before, after = beside(body, entities[i], entities[i - 1] if i else None, entities[i + 1:],
                           CARD)
    for e in [before, *after] if before else after:
        held = [t.text.lower() for t in person.titles]
        if any(h.startswith(e.text.lower()) for h in held):
            continue
        person.titles = [t for t in person.titles if not e.text.lower().startswith(t.text.lower())]
        person.titles.append(_span(e))


def organisation_of(titles: list[Span]) -> Span | None:
    """The body a title names ("Director of the X" -> "X"), from the last title naming one."""
    for title in reversed(titles):
        link = ORG_LINK.search(title.text)
        if link:
            return Span(title.text[link.end():], title.start + link.end(), title.end)
    return None


def _places(body: str, entities: list[Entity]) -> list[Span]:
    """Bodies and places written right after a visit or venue word ("visited X and the Y"): a
    recognised name with the capitalised words that continue it ("China (Shanghai) Pilot Free
    Trade Zone"), or, where none starts, the capitalised run itself ("Ningbo Exhibition Hall of
    X"); a possessive keeps its site noun ("SAIC Motor's Lingang base")."""
    starts = {e.start: e for e in entities if e.kind in (ORG, PLACE)}
    places: dict[str, Span] = {}
    for m in PLACE_TRIGGER.finditer(body):
        at, run = m.end(), True
        while (span := _place_at(body, at, starts.get(at), run)) is not None:
            places.setdefault(span.text.casefold(), span)
            joiner = re.match(r"(?:,\s*|\s+)(?:and\s+)?(?:the\s+)?", body[span.end:])
            if not joiner or not joiner.group():
                break
            at, run = span.end + joiner.end(), "and" in joiner.group()
    return list(places.values())


def _place_at(body: str, at: int, entity: Entity | None, runs: bool) -> Span | None:
    """The place written at `at`: the entity there, or (`runs`) the capitalised run there,
    whichever is longer; after a comma only an entity (a name and title follow commas)."""
    run = CAPITALISED_RUN.match(body, at) if runs or entity else None
    end = max(entity.end if entity else at, run.end() if run else at)
    if end == at or entity is None and run is None:
        return None
    tail = SITE_TAIL.match(body, end)
    if tail and re.search(r"[’']s\b", body[at:end]):
        end = tail.end()
    return Span(body[at:end], at, end)


def _organisations(entities: list[Entity], people: list[Person]) -> list[Span]:
    """Every organisation named, once, with the bodies named inside titles."""
    seen: dict[str, Span] = {}
    named = [_span(e) for e in entities if e.kind == ORG]
    named += [p.organisation for p in people if p.organisation]
    for span in sorted(named, key=lambda s: s.start):
        seen.setdefault(span.text.casefold(), span)
    return list(seen.values())


def _whole(e: Entity, body: str) -> Entity:
    """A company's name with its ", Ltd." (the patterns stop at the comma)."""
    if e.kind in (ORG, TITLE) and e.text.endswith("Co.") and body.startswith(", Ltd.", e.end):
        return Entity(e.kind, e.start, e.end + 6, body[e.start:e.end + 6])
    return e


def _span(e: Entity) -> Span:
    return Span(e.text, e.start, e.end)
