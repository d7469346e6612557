"""The router: one question written for each route of its table, analysed by the real model,
goes to that route's mode; the table is tried in order and always ends in the passages."""

from __future__ import annotations

import pytest

from assistant.question.analyse import analyse
from assistant.question.router import ROUTES, kind_of, route

# question, the route that must fire, the mode it goes to
TABLE = [
    ("Give me a timeline of the harbour visits.", "timeline", "events"),
    ("Which stories mention Tom Baker?", "articles naming", "mentions"),
    ("What is the date of the article about Tom Baker's harbour tour?", "article's date",
     "events"),
    ("Which people in the articles have the surname Baker?", "by name", "people"),
    ("What is Ann Lee's position?", "who is who", "role"),
    ("Which Ningbo officials met the orchid growers?", "of a body", "people"),
    ("Does Ann Lee have the same title in every article?", "titles per article", "titles"),
    ("Which deputy mayors are mentioned across the articles?", "holders", "people"),
    ("Which organisations did Tom Baker's delegation come from?", "a side's bodies", "bodies"),
    ("Which company took part in both the Ningbo fair and the Cixi forum?", "bodies in both",
     "bodies"),
    ("Which agreements were signed at the harbour fair?", "signed", "signed"),
    ("When did the orchid society hold meetings with other growers?", "when, of events",
     "events"),
    ("Who holds a deputy mayor title in the articles?", "who holds a title", "people"),
    ("Who opened the harbour fair in Ningbo?", "a fact", None),
    ("Which person attended both the Ningbo fair and the Cixi forum?", "people across", "people"),
    ("Which visits took place in May?", "events", "events"),
    ("What went on in early March?", "in a period", "events"),
    ("Which cities held talks with the orchid society?", "places of events", "events"),
    ("What did the farmers grow?", "passages", None),
]


def test_the_table_has_one_question_per_route() -> None:
    assert [name for _, name, _ in TABLE] == [r.name for r in ROUTES]


@pytest.mark.parametrize(("question", "name", "mode"), TABLE)
def test_each_route_fires_on_its_question(nlp, question: str, name: str,  # type: ignore[no-untyped-def]
                                          mode: str | None) -> None:
    q = analyse(question, nlp)
    assert (route(q).name, kind_of(q)) == (name, mode)


def test_a_number_asked_about_is_a_fact_for_the_passages(nlp) -> None:  # type: ignore[no-untyped-def]
    """Routes after "a fact" never see a number; "signed" would take this one without it."""
    q = analyse("How many agreements were signed at the fair?", nlp)
    assert route(q).name == "a fact" and kind_of(q) is None


def test_the_last_route_takes_any_question() -> None:
    assert ROUTES[-1].name == "passages" and ROUTES[-1].mode is None
    assert len({r.name for r in ROUTES}) == len(ROUTES)


@pytest.mark.parametrize(("question", "mode"), [
    # the answer is bodies or places an event involved, not the events: the passages
    ("Which companies did the orchid delegation visit in Ningbo?", None),
    # groups that came are the events themselves
    ("Which groups came to Ningbo to visit the harbour?", "events"),
    # what one document covers is in its passages; which documents were signed, in the cards
    ("What fields does the harbour agreement cover?", None),
    ("Which agreements were signed at the harbour fair?", "signed"),
    ("What was agreed at the harbour fair?", "signed"),
    ("What was unveiled after the two sides signed the harbour agreement?", None),
    # who signed for each side: people of one signing, in its passages
    ("Who put pen to paper for each side when the port group concluded its agreements?", None),
    # "put them in order" asks for a sequence ("in order to" is a purpose)
    ("Put the harbour visits in order.", "events"),
    # another thing an event had, asked with its date: the passages, not the events
    ("Which fields did the two ports say they would focus on during the May 3 visit?", None),
    ("What kind of promotion was proposed at their July 31 video meeting?", None),
    ("Which two officials signed the protocol during the visit in March 2014?", None),
    ("Which visits took place in March 2014?", "events"),
])
def test_events_and_documents_by_what_the_answer_is(nlp, question: str,  # type: ignore[no-untyped-def]
                                                     mode: str | None) -> None:
    assert kind_of(analyse(question, nlp)) == mode
