"""General English lists: what each must and must not hold, and the functions they feed on
sentences written here."""

from __future__ import annotations

import pytest
from lexicon_support import check_holds, lists_of

from assistant.lexicon import english

# list -> (words it must hold, words it must not hold)
TABLE = {
    "HONORIFICS": ({"mr.", "ms", "madam"}, {"director", "lin"}),
    "ABBREVIATIONS": ({"mr", "co", "ltd", "e.g", "sept"}, {"harbour", "may"}),
    "STOPWORDS": ({"the", "which", "whom", "would"}, {"harbour", "signed", "article"}),
    "ARTICLES": ({"a", "an", "the"}, {"this"}),
    "BODY_LINKS": ({"of", "at", "for"}, {"in", "with"}),
    "TITLE_LINKS": ({"of", "in"}, {"with", "and"}),
    "NAME_JOINERS": ({"of", "and"}, {"the"}),
    "TITLE_SMALL_WORDS": ({"of", "&"}, {"chief", "financial"}),
    "CURRENCIES": ({"yuan", "renminbi", "dollars"}, {"hectares", "points"}),
    "CURRENCY_SIGNS": ({"$", "€"}, {"%"}),
    "ADJECTIVE_ENDINGS": ({"an", "ese"}, {"s", "er"}),
    "METADATA_OPENERS": ({"source", "updated", "published", "by"}, {"the", "city"}),
    "ORDER_OPENERS": ({"in", "what"}, {"to", "the"}),
    "ROLE_GAPS": ({",", ", and", "is the", "from"}, {"and the", "with"}),
    "TITLE_GAPS": ({"", "as", "who is the"}, {"and", "of"}),
    "TITLE_JOINERS": ({"and", "as well as"}, {"or"}),
    "WH_TYPES": ({"whom", "whose", "where"}, {"how"}),
    "WH_WORDS": ({"how", "many", "whose"}, {"did"}),
    "YESNO_OPENERS": ({"did", "were", "could"}, {"why", "will"}),
    "QUANTITY_WORDS": ({"many", "long", "far"}, {"soon"}),
    "QUANTITY_NOUNS": ({"population", "number", "size", "share", "portion", "fraction"},
                       {"area", "capacity"}),
    "QUANTIFIERS": ({"many", "much"}, {"long"}),
    "LIST_WORDS": ({"list", "every"}, {"some"}),
    "ACROSS_WORDS": ({"across", "anywhere", "reports"}, {"here", "report"}),
    "TIMELINE_WORDS": ({"timeline", "chronologically"}, {"date"}),
    "BEFORE_WORDS": ({"before", "until"}, {"after"}),
    "AFTER_WORDS": ({"after", "since"}, {"before"}),
    "OCCASION_WORDS": ({"when", "during", "before"}, {"as", "at", "of"}),
    "LEADING_WORDS": ({"apart", "regarding", "did", "put", "list"}, {"besides", "lingang", "the"}),
    "ANYONE": ({"everyone", "anybody"}, {"officials"}),
    "LINKS": ({"from", "with"}, {"to"}),
    "FOLLOW_PRONOUNS": ({"he", "their", "those"}, {"who", "i"}),
    "PERSON_PRONOUNS": ({"she", "theirs"}, {"it", "this"}),
    "POSSESSIVE_PRONOUNS": ({"his", "its"}, {"him", "they"}),
    "PLURAL_PRONOUNS": ({"they", "those"}, {"he", "it"}),
    "DEMONSTRATIVES": ({"that", "these"}, {"the"}),
    "ELLIPSIS_OPENERS": ({"and", "also"}, {"who"}),
    "ELLIPSIS_WORDS": ({"about", "else"}, {"then"}),
    "ORDINALS": ({"second", "latter"}, {"next"}),
    "ORDINAL_NOUNS": ({"one", "of"}, {"conference"}),
    "NOT_SAID_VERBS": ({"mention", "specify"}, {"sign"}),
    "NUMBER_WORDS": ({"three", "dozen", "several"}, {"many"}),
    "NUMBER_VALUES": ({"three", "twelve"}, {"dozen", "3"}),
    "MULTIPLIERS": ({"billion", "thousand"}, {"yuan", "dozen"}),
    "TIME_UNITS": ({"day", "decade", "centurie"}, {"days", "time"}),
    "MOTION": ({"travelled", "toured", "go"}, {"signed"}),
    "LIGHT_VERBS": ({"be", "describe", "locate"}, {"sign", "visit"}),
    "VERB_MARKERS": ({"to", "will", "did"}, {"the"}),
    "IRREGULAR_PAST": ({"lead", "meet", "oversee"}, {"sign", "visit"}),
    "ACT_IDIOMS": ({"pay visit", "take part"}, {"put pen to paper"}),
    "REVERSAL_IDIOMS": ({"pull out", "turn down"}, {"call off"}),
    "MENTION_IDIOMS": ({"show up"}, {"come up"}),
    "WITHDRAWAL_WORDS": ({"retracted", "taken down"}, {"signed", "updated", "corrected"}),
}


def test_the_table_covers_every_english_list() -> None:
    assert set(lists_of(english)) == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_what_each_list_holds(name: str) -> None:
    check_holds(getattr(english, name), *TABLE[name])


def test_abbreviations_do_not_end_sentences() -> None:
    from assistant.text.sentences import sentence_spans

    text = "Mr. Tao of Harbour Co. Ltd. met Dr. Lee. They toured the docks."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Mr. Tao of Harbour Co. Ltd. met Dr. Lee.", "They toured the docks."]


def test_stopwords_and_asking_words_are_no_terms() -> None:
    from assistant.text.sentences import terms

    assert terms("Please tell me which harbour the article says they visited") == \
        ["harbour", "visit"]


def test_honorifics_are_no_part_of_a_name_key() -> None:
    from assistant.text.nlp import person_key

    assert person_key("Ms. Lan Wu") == person_key("Wu Lan") == "lan wu"


def test_number_words_and_time_units_tell_a_span_from_a_date() -> None:
    from assistant.answering.extractive.counting import definite, measured

    assert measured("three days") and measured("a dozen years") and not measured("March 3")
    assert definite("March 3") and definite("2009") and not definite("the next 10 years")


def test_irregular_past_forms_and_verb_markers() -> None:
    from assistant.question.premise import past_forms, reports

    assert {"led", "headed", "directed"} <= past_forms("lead")
    assert reports("close", "They decided to close the plant.")
    assert not reports("close", "They keep close ties.")


def test_currencies_mark_an_amount_of_money() -> None:
    from assistant.answering.extractive.counting import CURRENCY

    assert CURRENCY.search("worth 3 billion yuan") and CURRENCY.search("$40 million")
    assert not CURRENCY.search("covering 300 hectares")


def test_ordinals_pick_a_lead_of_the_previous_answer(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.question.followup import resolve
    from assistant.records import Previous

    before = Previous("Who met the farmers?", ("Tom Baker", "Ann Lee"), ("a1",))
    _, _, standalone = resolve(nlp.parse("What is the latter's title?"), before)
    assert standalone == "What is Ann Lee's title?"


def test_act_idioms_name_the_act(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.question.premise import predicate

    assert predicate(nlp.parse("Who paid a visit to the harbour?")) == "visit"
    assert predicate(nlp.parse("Why did the brewers pull out of the fair?")) == "withdraw"
    assert predicate(nlp.parse("Where does the harbour show up?")) is None
