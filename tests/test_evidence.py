"""The answer-type rules of assistant/evidence.py on sentences written for these tests."""

from __future__ import annotations

import pytest

from assistant.citations import terms
from assistant.evidence import answer_type_ok, gives_role

LISTED = ("On May 3rd, Mei Ling, Director of the Port Office, Jun Hao, a former diplomat, "
          "and Tao Wen visited the harbour.")


@pytest.mark.parametrize(("name", "expected"), [
    ("Mei Ling", True),  # "Mei Ling, Director of ..."
    ("Jun Hao", True),  # "Jun Hao, a former diplomat"
    ("Tao Wen", False),  # named in a list, no role beside the name
    ("Ling Mei", True),  # the other name order
])
def test_gives_role_needs_a_title_beside_the_name(name: str, expected: bool) -> None:
    assert gives_role(LISTED, name) is expected


@pytest.mark.parametrize("sentence", [
    "Port Director Tao Wen opened the meeting.",
    "Tao Wen from the Maritime Institute spoke next.",
    "Tao Wen is the secretary of the harbour board.",
])
def test_gives_role_accepts_titles_before_or_bodies_after(sentence: str) -> None:
    assert gives_role(sentence, "Tao Wen")


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("What is Tao Wen's job title?", LISTED, False),
    ("Which post does Mei Ling hold?", LISTED, True),
    ("What role does Tao Wen have?", "Mr. Tao Wen arrived late.", False),
    ("Who is Tao Wen?", LISTED, False),
    ("Who is Jun Hao?", LISTED, True),
    # not role questions: the rule stays out of the way
    ("Who is the Port Office's director?", LISTED, True),
    ("What role did Tao Wen say trade will play?", "Tao Wen said trade is the engine.", True),
])
def test_role_questions_need_a_role_in_the_sentence(question: str, sentence: str,
                                                    expected: bool) -> None:
    assert answer_type_ok(question, sentence, set(terms(sentence))) is expected
