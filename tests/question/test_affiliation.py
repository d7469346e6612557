"""The body or place the people a question asks for belong to, on questions written here."""

from __future__ import annotations

import pytest

from assistant.lexicon import NOUN_EXPECTS
from assistant.question.affiliation import affiliation
from assistant.question.analyse import analyse

TABLE = [
    ("Which Ningbo officials met the orchid growers?", "Ningbo"),  # a name before them
    ("List everyone from the Cixi Harbour Board.", "Cixi Harbour Board"),  # after "from"
    ("Who are the Ningbo officials?", "Ningbo"),  # what a copula names
    ("Which people from the Ningbo side attended?", "Ningbo"),  # past a group noun
    ("Name the people who work for the Cixi Harbour Board.", "Cixi Harbour Board"),  # relcl
    ("Which deputy directors of the Cixi Port Authority spoke?", "Cixi Port Authority"),
    ("Who from Cixi attended the fair?", "Cixi"),  # the wh-word itself
    ("Who received the Ningbo visitors?", None),  # the visitors are acted on, not asked for
    ("What did Tom Baker tell the Ningbo officials?", None),  # nobody asked for
]


@pytest.mark.parametrize(("question", "body"), TABLE)
def test_the_body_the_people_asked_for_belong_to(nlp, question: str,  # type: ignore[no-untyped-def]
                                                 body: str | None) -> None:
    assert analyse(question, nlp).affiliation == body


def test_the_head_noun_is_the_people_asked_for(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.parse("Which officials hosted the Ningbo visitors?")
    people = set(NOUN_EXPECTS["PERSON"])
    assert affiliation(doc, ("Ningbo",), people, "official") is None  # not the visitors
    assert affiliation(doc, ("Ningbo",), people, "visitor") == "Ningbo"


def test_an_imperative_asks_for_the_object_of_its_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    people = set(NOUN_EXPECTS["PERSON"])
    doc = nlp.parse("List everyone from the Cixi Harbour Board.")
    assert affiliation(doc, ("Cixi Harbour Board",), people, None, imperative=True) == \
        "Cixi Harbour Board"
    doc = nlp.parse("Tell me what Tom Baker said to the Ningbo officials.")
    assert affiliation(doc, ("Tom Baker", "Ningbo"), people, None, imperative=True) is None
