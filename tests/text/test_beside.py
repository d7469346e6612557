"""The one reader of what is written beside a name, through each stage's gap table, on entities
placed by hand in sentences written here (no model)."""

from __future__ import annotations

from assistant.records import Entity
from assistant.text.beside import ANSWER, CARD, QUESTION, beside


def ents(text: str, *marked: tuple[str, str]) -> list[Entity]:
    """Entities of `text`, in order: (kind, words) each found after the one before."""
    out, at = [], 0
    for kind, words in marked:
        start = text.index(words, at)
        out.append(Entity(kind, start, start + len(words), words))
        at = start + len(words)
    return out


def test_a_card_reads_an_apposition_then_titles_joined_by_and() -> None:
    text = "Ann Lee, the Harbour Master, and Chair of the Pier Board, met Tom Baker."
    e = ents(text, ("PERSON", "Ann Lee"), ("TITLE", "Harbour Master"),
             ("TITLE", "Chair of the Pier Board"), ("PERSON", "Tom Baker"))
    assert beside(text, e[0], None, e[1:], CARD) == (None, e[1:3])


def test_a_card_reads_a_title_before_the_name_only_across_a_space() -> None:
    text = "Harbour Master Ann Lee met the growers. Harbour Master, Ann Lee said."
    e = ents(text, ("TITLE", "Harbour Master"), ("PERSON", "Ann Lee"),
             ("TITLE", "Harbour Master"), ("PERSON", "Ann Lee"))
    assert beside(text, e[1], e[0], e[2:], CARD)[0] == e[0]
    assert beside(text, e[3], e[2], [], CARD)[0] is None


def test_a_form_of_address_may_stand_between_a_title_and_the_name() -> None:
    text = "Harbour Master Mr. Ann Lee met them. Harbour Master Ms Tom Baker came. Master Pier Ann."
    e = ents(text, ("TITLE", "Harbour Master"), ("PERSON", "Ann Lee"),
             ("TITLE", "Harbour Master"), ("PERSON", "Tom Baker"),
             ("TITLE", "Master"), ("PERSON", "Ann"))
    for gaps in (CARD, ANSWER):
        assert beside(text, e[1], e[0], [], gaps)[0] == e[0]
        assert beside(text, e[3], e[2], [], gaps)[0] == e[2]
        assert beside(text, e[5], e[4], [], gaps)[0] is None  # "Pier" is no form of address


def test_a_card_reads_no_body_beside_a_name() -> None:
    text = "Ann Lee, Pier Board, spoke."
    e = ents(text, ("PERSON", "Ann Lee"), ("ORG", "Pier Board"))
    assert beside(text, e[0], None, e[1:], CARD) == (None, [])


def test_an_answer_reads_titles_and_bodies_through_the_role_gaps() -> None:
    text = "Ann Lee from Pier Board is the Harbour Master."
    e = ents(text, ("PERSON", "Ann Lee"), ("ORG", "Pier Board"), ("TITLE", "Harbour Master"))
    assert beside(text, e[0], None, e[1:], ANSWER) == (None, e[1:])
    # offsets of a passage that starts later in its article
    shifted = [Entity(x.kind, x.start + 100, x.end + 100, x.text) for x in e]
    assert beside(text, shifted[0], None, shifted[1:], ANSWER, base=100)[1] == shifted[1:]


def test_an_answer_stops_at_a_gap_it_does_not_know() -> None:
    text = "Ann Lee thanked the Pier Board."
    e = ents(text, ("PERSON", "Ann Lee"), ("ORG", "Pier Board"))
    assert beside(text, e[0], None, e[1:], ANSWER) == (None, [])


def test_a_question_reads_one_title_on_either_side() -> None:
    text = "Did Ann Lee, as Harbour Master, thank Tom Baker?"
    e = ents(text, ("PERSON", "Ann Lee"), ("TITLE", "Harbour Master"), ("PERSON", "Tom Baker"))
    assert beside(text, e[0], None, e[1:], QUESTION) == (None, [e[1]])
    assert beside(text, e[2], e[1], [], QUESTION) == (None, [])  # ", thank": not a title's gap
    text = "Who is the Harbour Master Ann Lee?"
    e = ents(text, ("TITLE", "Harbour Master"), ("PERSON", "Ann Lee"))
    assert beside(text, e[1], e[0], [], QUESTION) == (e[0], [])
