"""Visiting and receiving sides, on articles and sentences written here (real model): the verb
that reports what happened, a light verb's noun, the delegation's members, a body named in a
side's own words, the hosts speaking during a visit, and no side from what only may happen."""

from __future__ import annotations

import pytest
from conftest import cards_of

from assistant.catalog.sides import verb_sides

BODIES = {
    "verb": ("On May 4th, Ann Lee, Deputy Director of the Cixi Port Authority, visited Ningbo. "
             "She was received by Rui Chen, Deputy Mayor of Ningbo."),
    "welcome": ("On May 5th, Rui Chen, Deputy Mayor of Ningbo, extended a warm welcome to Tom "
                "Baker, Chief Engineer of Pier Works Group."),
    "bodies": ("On May 6th, a delegation of leaders from the Pier Works Group and the Cixi Port "
               "Authority went to Ningbo. Bo Wen, Vice Chairman of the Cixi Port Authority, "
               "toured the docks."),
    "members": ("On May 7th, as members of the delegation, Tom Baker and Ann Lee toured the port. "
                "During the visit to Ningbo, Rui Chen said the port would grow."),
    "modal": "On May 8th, Tom Baker can visit Ningbo if Rui Chen agrees. Ann Lee will visit Cixi.",
}
SIDES = {  # article -> person -> (side, the words that place them)
    "verb": {"Ann Lee": ("visiting", "visited"), "Rui Chen": ("receiving", "received")},
    "welcome": {"Rui Chen": ("receiving", "extended"), "Tom Baker": ("visiting", "extended")},
    "bodies": {"Bo Wen": ("visiting", "Vice Chairman of the Cixi Port Authority")},
    "members": {"Tom Baker": ("visiting", "members of the delegation"),
                "Ann Lee": ("visiting", "members of the delegation"),
                "Rui Chen": ("receiving", "During the visit to Ningbo")},
    "modal": {"Tom Baker": ("other", None), "Rui Chen": ("other", None),
              "Ann Lee": ("other", None)},
}


@pytest.fixture(scope="module")
def cards(nlp):  # type: ignore[no-untyped-def]
    return {c.article_id: c for c in cards_of(nlp, BODIES)}


@pytest.mark.parametrize("article", sorted(SIDES))
def test_each_person_s_side_and_the_words_placing_them(cards, article: str) -> None:  # type: ignore[no-untyped-def]
    found = {p.name.text: (p.side, p.side_span.text if p.side_span else None)
             for p in cards[article].people}
    assert found == SIDES[article]


def test_bodies_named_in_a_side_s_own_words_are_its_parties(cards) -> None:  # type: ignore[no-untyped-def]
    assert [(p.body.text, p.side) for p in cards["bodies"].parties] == [
        ("Pier Works Group", "visiting"), ("Cixi Port Authority", "visiting")]
    assert cards["verb"].parties == []


def test_verbs_place_their_subject_and_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ann Lee paid a working visit to the harbour and was welcomed by Rui Chen."
    placed = [(v.text, side, text[lo:hi].strip()) for v, side, lo, hi, _ in
              verb_sides(nlp.parse(text))]
    assert placed == [("paid", "visiting", "Ann Lee"), ("welcomed", "receiving", "by Rui Chen")]


def test_a_passive_places_its_subject_as_the_visitors(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The visitors were received by Rui Chen."
    placed = [(side, text[lo:hi]) for _, side, lo, hi, _ in verb_sides(nlp.parse(text))]
    assert placed == [("visiting", "The visitors"), ("receiving", "by Rui Chen")]


def test_what_only_may_happen_places_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    assert verb_sides(nlp.parse("Rui Chen will receive the visitors.")) == []
