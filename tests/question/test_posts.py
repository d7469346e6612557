"""What a question asks about posts: a post's holder, one person's post, the title words and the
people it names; on questions written here."""

from __future__ import annotations

import pytest

from assistant.question.analyse import analyse
from assistant.question.posts import (
    acronyms,
    asked_people,
    asked_person,
    asks_holder,
    asks_role,
    title_words,
)

# question -> (asks a role, asks a holder, the one person asked about)
ROLES = [
    ("Who is the CFO of Harbour Group?", (True, True, None)),
    ("Who serves as chairman of the Cixi Harbour Board?", (True, True, "Cixi Harbour Board")),
    ("What is Ann Lee's position?", (True, False, "Ann Lee")),
    ("Which company does Tom Baker lead?", (True, False, "Tom Baker")),
    ("Where does Ann Lee work?", (True, False, "Ann Lee")),
    ("What does Tom Baker do?", (True, False, "Tom Baker")),
    ("Who is Tom Baker?", (True, False, "Tom Baker")),
    ("Who signed the harbour deal?", (False, False, None)),
    # people named only in the occasion the post is dated by
    ("Who was the mayor of Eastport when Governor Ann Lee received Tom Baker?",
     (True, True, None)),
    ("Which deputy director spoke first?", (False, False, None)),
    # bodies or places across a person's events, not the person's post
    ("Which companies did Harbour Party secretary Tom Baker meet?", (False, False, "Tom Baker")),
    ("Where will the harbour board open an office, after talks with the group led by Tom Baker?",
     (False, False, "Tom Baker")),
]


@pytest.mark.parametrize(("question", "expected"), ROLES)
def test_role_holder_and_person_asked(nlp, question: str,  # type: ignore[no-untyped-def]
                                      expected: tuple) -> None:
    q = analyse(question, nlp)
    assert (asks_role(q), asks_holder(q), asked_person(q)) == expected


def test_title_words_need_a_head_word(nlp) -> None:  # type: ignore[no-untyped-def]
    assert title_words(analyse("Who serves as chairman of the board?", nlp)) == ["chairman"]
    assert title_words(analyse("Which deputy directors spoke?", nlp)) == ["deputy", "director"]
    assert title_words(analyse("Which deputies spoke?", nlp)) == []  # a modifier alone
    # a title after "when", "during" names the occasion, not the post asked about
    q = analyse("Who was the chancellor of the harbour college when the ambassador came?", nlp)
    assert title_words(q) == ["chancellor"]
    assert title_words(analyse("Who was the rector during the consul's visit?", nlp)) == ["rector"]
    assert title_words(analyse("Who is the deputy director-general of the port?", nlp)) == \
        ["deputy", "director", "general"]  # a hyphenated post is its words


def test_acronyms_and_the_people_named(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Who is the CFO of Harbour Group?", nlp)
    assert acronyms(q) == ["CFO"] and asked_people(q) == []
    q = analyse("What did Tom Baker and Ann Lee sign?", nlp)
    assert asked_people(q) == ["Tom Baker", "Ann Lee"] and asked_person(q) is None
