"""Words taken from the seeds and eval questions: each list holds only them (its general words are
in the list of the same purpose), and each still does what its seed needed, on text written here."""

from __future__ import annotations

import pytest
from lexicon_support import check_holds, lists_of

from assistant.lexicon import seed

# list -> (words it must hold, words it must not hold: the general list's)
TABLE = {
    "TITLE_HEADS": ({"observer"}, {"director"}),
    "TITLE_MODIFIERS": ({"military"}, {"deputy"}),
    "ORG_WORDS": ({"transformation", "river", "port", "base", "hall"}, {"committee"}),
    "SPEECH": ({"overview"}, {"say"}),
    "LIGHT_NOUNS": ({"extend"}, {"pay"}),
    "ACT_IDIOMS": ({"put pen to paper", "in charge of run"}, {"pay visit"}),
    "REVERSAL_IDIOMS": ({"call off"}, {"pull out"}),
    "MENTION_IDIOMS": ({"come up"}, {"show up"}),
    "LEADING_WORDS": ({"besides"}, {"regarding"}),
    "ANSWER_KIND_WORDS": ({"trip", "trips"}, {"journey"}),
    "COUNTED_AS": ({"firm", "enterprise"}, {"company"}),
    "ACHIEVED_NOUNS": ({"results"}, {"consensus"}),
    "FUTURE_ACTS": ({"form", "work with"}, {"build"}),
    "DELEGATION_PHRASES": ({"members of the delegation"}, {"delegation"}),
    "SITE_NOUNS": ({"base"}, {"plant"}),
}


def test_the_table_covers_every_seed_list() -> None:
    assert set(lists_of(seed)) == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_what_each_list_holds(name: str) -> None:
    check_holds(getattr(seed, name), *TABLE[name])


def test_a_seed_title_head_and_modifier_make_a_title(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Tom Baker, a former military observer for the Harbour League, toured the docks."
    titles = [e.text for e in next(nlp.annotate([text])) if e.kind == "TITLE"]
    assert titles == ["former military observer for the Harbour League"]


def test_seed_idioms_name_their_acts(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.question.premise import predicate

    assert predicate(nlp.parse("Who put pen to paper for the harbour board?")) == "sign"
    assert predicate(nlp.parse("Why did the growers call off the fair?")) == "cancel"
    assert predicate(nlp.parse("Where does the harbour board come up?")) is None


def test_a_seed_outcome() -> None:
    from assistant.catalog.extract import OUTCOME_RE

    assert [m.group() for m in OUTCOME_RE.finditer("They achieved good results; they will form "
                                                   "a fund.")] == ["achieved good results",
                                                                   "will form a fund."[:-1]]


def test_the_delegation_phrase() -> None:
    from assistant.catalog.sides import DELEGATION_RE

    assert DELEGATION_RE.search("As members of the delegation, Tom Baker and Ann Lee came.")
