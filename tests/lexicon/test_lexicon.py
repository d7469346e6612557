"""The lexicon as a whole: every list says what it is for and where its words come from, lists of
one purpose do not repeat each other, and the algorithms read their words from it alone."""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator

import pytest
from conftest import ROOT
from lexicon_support import WordList, entries, lists_of

from assistant import lexicon
from assistant.lexicon import briefing, english, seed
from assistant.lexicon.words import ORIGINS, Groups, WordMap, Words, alternation

MODULES = {"english": english, "domain": briefing, "seed": seed}
LIST_TYPES = (Words, WordMap, Groups)


def word_lists() -> Iterator[tuple[str, str, WordList]]:
    """(module's origin, name, list) for every list of the three data modules."""
    for origin, module in MODULES.items():
        for name, value in lists_of(module).items():
            yield origin, name, value


def test_every_list_has_a_purpose_and_the_origin_of_its_module() -> None:
    found = list(word_lists())
    assert len(found) > 70
    for origin, name, value in found:
        assert value.purpose.strip(), name
        assert value.origin == origin, f"{name} is in the {origin} module but says {value.origin}"
        assert entries(value), f"{name} is empty"


def test_nothing_but_word_lists_in_the_data_modules() -> None:
    """A data module holds lists, each with its purpose: no bare set or dict slips in."""
    for origin, module in MODULES.items():
        for name, value in vars(module).items():
            if name.isupper() and not name.startswith("_"):
                assert isinstance(value, LIST_TYPES), f"{origin}: {name} is a bare {type(value)}"


def test_lists_of_one_purpose_do_not_repeat_each_other() -> None:
    """Two lists with the same purpose are the general and the seed part of one list: they share
    no entry. No two lists hold the same entries."""
    lists = list(word_lists())
    for (_, a, x), (_, b, y) in itertools.combinations(lists, 2):
        if x.purpose == y.purpose:
            assert x.origin != y.origin, f"{a} and {b}: one purpose, one origin"
            assert not entries(x) & entries(y), f"{a} and {b} repeat {entries(x) & entries(y)}"
        assert entries(x) != entries(y) or type(x) is not type(y), f"{a} and {b} are the same"


def test_a_seed_list_has_a_general_list_of_its_purpose_or_stands_alone() -> None:
    """Each seed list is joined to the general list of its purpose in assistant.lexicon, or is a
    list of its own (the caption suffix, a delegation phrase)."""
    general = {v.purpose for origin, _, v in word_lists() if origin != "seed"}
    alone = {"DELEGATION_PHRASES", "ACHIEVED_NOUNS"}
    for _, name, value in word_lists():
        if value.origin == "seed" and name not in alone:
            assert value.purpose in general, name


def test_the_joined_lists_hold_both_origins() -> None:
    assert "observer" in lexicon.TITLE_HEADS and "director" in lexicon.TITLE_HEADS
    assert "military" in lexicon.TITLE_MODIFIERS and "deputy" in lexicon.TITLE_MODIFIERS
    assert {"transformation", "center"} <= lexicon.ORG_WORDS
    assert {"overview", "say"} <= lexicon.SPEECH
    assert {"besides", "regarding"} <= lexicon.LEADING_WORDS
    assert lexicon.LIGHT_NOUNS["extend"] == lexicon.LIGHT_NOUNS["bid"] == "welcome"
    assert "summit" in lexicon.KIND_TRIGGERS["conference"]
    assert {"firm", "company"} in [set(g) & {"firm", "company"} for g in lexicon.COUNT_KIN]
    assert {"form", "build"} <= lexicon.FUTURE_ACTS and {"base", "plant"} <= lexicon.SITE_NOUNS
    assert {"trip", "event"} <= lexicon.ANSWER_KIND_WORDS and "article" in lexicon.STOPWORDS


def test_idioms_keep_their_order_acts_reversals_then_mentions() -> None:
    """The first idiom a question holds names its act."""
    verbs = list(lexicon.IDIOMS.values())
    assert verbs.index("sign") < verbs.index("cancel") < verbs.index("")
    assert list(lexicon.IDIOMS)[:2] == ["put pen to paper", "put name to"]


def test_the_types_refuse_an_unknown_origin_or_no_purpose() -> None:
    assert ORIGINS == ("english", "domain", "seed")
    with pytest.raises(ValueError, match="origin"):
        Words({"x"}, "a purpose", "folklore")
    with pytest.raises(ValueError, match="what it is for"):
        WordMap({"x": "y"}, " ", "english")
    kin = Groups([{"a", "b"}], "letters", "english")
    assert kin == (frozenset({"a", "b"}),) and kin.origin == "english"


def test_alternation_tries_the_longest_phrase_first() -> None:
    assert alternation({"visit", "visit to", "went to"}) == r"visit\ to|went\ to|visit"


def test_no_word_table_in_an_algorithm_module() -> None:
    """Outside the lexicon no module-level set, frozenset, tuple or dict holds three or more words
    (settings, columns, weights, question types and the router's table are no words: listed
    here)."""
    allowed = {"FEATURES", "WEIGHTS", "FIELDS", "QUIET_ENV", "EVENT_KINDS", "SIDES", "FILTER_NAMES",
               "KEYS", "TIMELINE_COLUMNS", "PEOPLE_COLUMNS", "FORMULA_START", "FLOORS", "SUMMARY",
               "KIND_COLUMNS", "DROP", "ANNOTATE_PIPES", "KINDS", "EXAMPLES", "FORMATS", "ASKING",
               "ROUTES", "BY_SUFFIX", "QUIET", "SUFFIXES", "SIZES", "INK", "ANCHORS"}
    found = []
    for path in (ROOT / "assistant").rglob("*.py"):
        if "lexicon" in path.parts:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.Assign) or not isinstance(
                    node.value, ast.Set | ast.Dict | ast.Tuple | ast.List | ast.Call):
                continue
            words = [n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant)
                     and isinstance(n.value, str) and n.value.isalpha() and n.value.islower()]
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if len(words) >= 3 and not set(names) & allowed:
                found.append(f"{path.relative_to(ROOT)}: {names}")
    assert not found, found
