"""The overviews' listings from event cards built on articles written here (real model and
extraction): a body's people, titles per article, a side's bodies, bodies two events share, what
was signed, the articles naming a name, and the spans each line quotes."""

from __future__ import annotations

import pytest
from conftest import cards_of

from assistant.answering.overview.roster import (
    common_bodies,
    event_groups,
    members,
    mentions,
    per_article,
    side_bodies,
    signed,
    titles_of,
    titles_per_article,
    when,
    with_name,
)
from assistant.catalog.cards import EventCard, directory
from assistant.question.analyse import analyse
from assistant.records import Span

BODIES = {
    "h1": ("On May 4th, 2021, Ann Lee, Deputy Director of the Cixi Port Authority, and Tom Baker, "
           "Chief Engineer of Pier Works Group, visited Ningbo. They were received by Rui Chen, "
           "Deputy Mayor of Ningbo, and Bo Wen, Director of the Ningbo Orchid Society."),
    "h2": ("On June 9th, the signing ceremony of the cold-storage agreement between the Cixi Port "
           "Authority and the Ningbo Orchid Society was held in Cixi. Ann Lee, President of the Cixi "
           "Port Authority, and Bo Wen signed the agreement on behalf of both sides. The two sides "
           "will jointly build a cold-storage hub."),
}


@pytest.fixture(scope="module")
def cards(nlp) -> list[EventCard]:  # type: ignore[no-untyped-def]
    return cards_of(nlp, BODIES)


def leads(items: list) -> list[str]:
    return [lead for lead, _ in items]


def texts(items: list) -> list[list[list[str]]]:
    """Each item's quote groups per article, as the texts of their spans."""
    return [[[s.text for s in g] for _, groups in parts for g in groups] for _, parts in items]


def test_a_body_s_people_are_those_whose_titles_name_it(cards) -> None:  # type: ignore[no-untyped-def]
    assert leads(members(cards, "Cixi Port Authority")) == ["**Ann Lee**"]
    assert leads(members(cards, "Ningbo")) == ["**Bo Wen**", "**Rui Chen**"]
    mayors = members(cards, "Ningbo", lambda title: "mayor" in title.lower())
    assert leads(mayors) == ["**Rui Chen**"]


def test_one_person_s_titles_side_by_side_per_article(cards) -> None:  # type: ignore[no-untyped-def]
    items = titles_of(cards, ["Lee Ann"])  # either order of the name
    assert leads(items) == ["**Ann Lee**"]
    assert [card.article_id for card, _ in items[0][1]] == ["h1", "h2"]
    assert texts(items) == [[["Deputy Director of the Cixi Port Authority", "Ann Lee"],
                             ["President of the Cixi Port Authority", "Ann Lee"]]]


def test_titles_per_article_keep_what_a_test_accepts(cards) -> None:  # type: ignore[no-untyped-def]
    ann = next(e for e in directory(cards) if e.name == "Ann Lee")
    every = titles_per_article(ann)
    assert {aid: [s.text for s in spans] for aid, spans in every.items()} == {
        "h1": ["Deputy Director of the Cixi Port Authority"],
        "h2": ["President of the Cixi Port Authority"]}
    assert list(titles_per_article(ann, lambda s: "President" in s.text)) == ["h2"]
    pairs = [("b", Span("x", 0, 1)), ("a", Span("y", 2, 3)), ("b", Span("z", 4, 5))]
    assert {k: [s.text for s in v] for k, v in per_article(pairs).items()} == \
        {"b": ["x", "z"], "a": ["y"]}


def test_the_bodies_of_a_person_s_side(cards) -> None:  # type: ignore[no-untyped-def]
    items = side_bodies(cards, ["Tom Baker"])
    assert leads(items) == ["**Cixi Port Authority**", "**Pier Works Group**"]


def test_bodies_two_events_share(cards) -> None:  # type: ignore[no-untyped-def]
    shared = leads(common_bodies(cards, ["Ningbo", "Cixi"]))
    assert "**Cixi Port Authority**" in shared and "**Pier Works Group**" not in shared
    assert common_bodies(cards, ["Ningbo", "Harbin"]) == []


def test_what_was_signed_and_when(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    items = signed(cards, analyse("What was signed in June?", nlp))
    assert leads(items) == ["**June 9th (year not stated)**"]
    quoted = texts(items)[0]
    assert quoted[0] == ["signing ceremony"]
    assert ["will jointly build a cold-storage hub"] not in quoted  # no signing in it
    by_id = {c.article_id: c for c in cards}
    assert when(by_id["h1"]) == "May 4th, 2021"


def test_a_title_is_quoted_with_the_name_written_before_it(cards) -> None:  # type: ignore[no-untyped-def]
    h2 = next(c for c in cards if c.article_id == "h2")
    ann = next(p for p in h2.people if p.name.text == "Ann Lee")
    spans = with_name(h2, ann.key, ann.titles[0])
    assert [s.text for s in spans] == ["President of the Cixi Port Authority", "Ann Lee"]
    assert [s.text for s in with_name(h2, ann.key, None)] == ["Ann Lee"]


def test_the_articles_naming_a_name_and_an_event_s_groups(cards) -> None:  # type: ignore[no-untyped-def]
    items = mentions(cards, ["Orchid Society"], {}, BODIES.__getitem__)
    assert [card.article_id for _, parts in items for card, _ in parts] == ["h1", "h2"]
    assert texts(items)[0] == [["Orchid Society"]]
    h1 = next(c for c in cards if c.article_id == "h1")
    assert [[s.text for s in g] for g in event_groups(h1)] == [
        ["Ann Lee", "Deputy Director of the Cixi Port Authority"],  # the first visitor
        ["visited", "Ningbo", "May 4th, 2021"],  # the event's words, its place and date
        ["May 4th, 2021"]]
