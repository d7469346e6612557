"""What a question asks for, from its parse: type, expected answer, head noun, counted noun or
unit, scope; on questions written here."""

from __future__ import annotations

import pytest

from assistant.question.asks import MONEY, question_type, scope_of
from assistant.text.nlp import DATE, NUMBER, ORG, PERSON, PLACE, TITLE

# question -> (type, expected answer, head noun, counted noun or unit)
TYPES = [
    ("How many pavilions did the expo have?", ("how_many", NUMBER, "pavilion", "pavilion")),
    ("How many video sub-venues were there?", ("how_many", NUMBER, "venue", "venue")),
    ("How many of the 50 pavilions were new?", ("how_many", NUMBER, "pavilion", "pavilion")),
    ("How large is the orchid park in hectares?", ("how_many", NUMBER, "hectare", "hectare")),
    ("What was the value of the harbour deal?", ("what", NUMBER, "value", MONEY)),
    ("How much funding did the orchid park get?", ("how_many", NUMBER, MONEY, MONEY)),
    ("What is the population of the orchid town?", ("what", NUMBER, "population", None)),
    ("Who is Tom Baker?", ("who", TITLE, None, None)),
    ("Who is the chairman of the board?", ("who", PERSON, None, None)),
    # a title in capitals after an article is no proper name: the person who holds it
    ("Who was the Party Secretary of Eastport that met the envoy?", ("who", PERSON, None, None)),
    ("Who is the Mayor of Eastport?", ("who", PERSON, None, None)),
    ("What are the names of the two deans?", ("what", PERSON, "name", None)),
    ("What is the name of the harbour group?", ("what", None, "name", None)),
    ("Which deans spoke at the fair?", ("which", PERSON, "dean", None)),
    ("Which Harbour party chief met them?", ("which", PERSON, "chief", None)),
    # the last noun of a compound after adjectives ("Party" is tagged a noun)
    ("Which Chinese provincial Party secretaries did the governor receive?",
     ("which", PERSON, "secretary", None)),
    ("Which company built the pier?", ("which", ORG, "company", None)),
    ("Which museum did the envoy tour?", ("which", ORG, "museum", None)),  # names itself one
    ("In which city did they meet?", ("which", PLACE, "city", None)),
    ("What took place in May?", ("what", "EVENT", "place", None)),
    ("What is the official's name?", ("what", PERSON, "name", None)),
    ("What is the annual capacity of the harbour park?", ("what", NUMBER, "capacity", None)),
    ("In what capacity did Tom Baker attend?", ("what", TITLE, "capacity", None)),
    # a wh-word opening a relative clause asks nothing: a yes/no question
    ("Did the port group sign at the ceremony where the city signed?", ("yesno", None, None, None)),
    # a clause saying when, before the question's own wh-word
    ("When the mayor came, how many pavilions did he see?",
     ("how_many", NUMBER, "pavilion", "pavilion")),
    ("When did the growers arrive?", ("when", DATE, None, None)),
    ("Did the mayor open the fair?", ("yesno", None, None, None)),
    ("Name the officials at the fair.", ("other", PERSON, "official", None)),  # the object
    ("Tell me the date of the fair.", ("other", DATE, "date", None)),
]


@pytest.mark.parametrize(("question", "expected"), TYPES)
def test_type_expected_answer_head_and_counted(nlp, question: str,  # type: ignore[no-untyped-def]
                                               expected: tuple) -> None:
    assert question_type(nlp.parse(question)) == expected


SCOPES = [
    ("Give me a chronology of the harbour visits.", "timeline"),
    ("List every agreement signed at the fair.", "list"),
    ("Which officials met the growers?", "list"),  # a plural head
    ("Which people met the growers?", "list"),
    ("Which official met the growers?", "fact"),
    ("Who opened the fair?", "fact"),
]


@pytest.mark.parametrize(("question", "scope"), SCOPES)
def test_scope(nlp, question: str, scope: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.parse(question)
    qtype, expects, head, _ = question_type(doc)
    assert scope_of(doc, qtype, head, expects) == scope
