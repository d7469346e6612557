"""This domain's lists: what each must and must not hold, and the functions they feed on
sentences and questions written here."""

from __future__ import annotations

import pytest
from lexicon_support import check_holds, lists_of

from assistant.lexicon import briefing

# list -> (words it must hold, words it must not hold)
TABLE = {
    "TITLE_HEADS": ({"director", "secretary-general", "director-general", "consul", "chairperson",
                     "chancellor", "rector", "premier", "councillor", "magistrate"},
                    {"observer", "deputy", "harbour"}),
    "TITLE_MODIFIERS": ({"deputy", "standing", "acting"}, {"military", "director"}),
    "RANKS": ({"deputy", "vice", "former"}, {"chief", "executive"}),
    "ORG_WORDS": ({"committee", "bureau", "zone"}, {"transformation", "harbour", "lin"}),
    "SELF_NAMED": ({"university", "museum"}, {"company", "group"}),
    "DESIGNATORS": ({"national", "hi", "municipal"}, {"telecom", "mobile", "china"}),
    "ASKING_WORDS": ({"please", "according", "articles"}, {"harbour", "the"}),
    "ANSWER_KIND_WORDS": ({"position", "officials", "events"}, {"trip", "harbour"}),
    "PERSON_NOUNS": ({"official", "envoy", "attendee"}, {"company", "city"}),
    "BODY_NOUNS": ({"company", "agency", "partner"}, {"official", "city"}),
    "PLACE_NOUNS": ({"city", "destination", "where"}, {"company", "date"}),
    "DATE_NOUNS": ({"date", "when", "year"}, {"city"}),
    "TITLE_NOUNS": ({"title", "capacity", "post"}, {"person"}),
    "MONEY_NOUNS": ({"value", "budget", "valuation"}, {"number", "size"}),
    "MONEY_VERBS": ({"invest", "spend", "lend"}, {"sign", "build"}),
    "COUNTED_AS": ({"company", "attendee", "guest"}, {"firm", "enterprise", "hectare"}),
    "NAME_WORDS": ({"surname", "called"}, {"title"}),
    "ARTICLE_WORDS": ({"article", "piece", "news"}, {"event"}),
    "ROLE_VERBS": ({"lead", "represent", "serve"}, {"visit", "sign"}),
    "HOLDER_VERBS": ({"serve", "act"}, {"lead"}),
    "HEAD_SYNONYMS": ({"chief"}, {"secretary", "mayor"}),
    "MODIFIER_SYNONYMS": ({"party"}, {"cpc", "municipal"}),
    "GROUPS": ({"side", "camp", "delegation"}, {"colleague"}),
    "GROUP_NOUNS": ({"delegation", "colleague", "member"}, {"camp", "body"}),
    "SPEECH": ({"say", "stress", "pledge"}, {"overview", "invite"}),
    "CONTRARY": ({"cancel", "postpone", "sue"}, {"sign", "visit"}),
    "VERB_CLASSES": ({"preside", "ink", "greet"}, {"cancel"}),
    "TALK_WORDS": ({"talk", "cooperation"}, {"visit"}),
    "DESCRIBED_WORDS": ({"described", "called"}, {"named"}),
    "AGREE_VERBS": ({"sign", "agree"}, {"visit"}),
    "EVENT_NOUNS": ({"visit", "ceremony"}, {"delegation", "happen"}),
    "EVENT_NAME_HEADS": ({"forum", "expo", "summit"}, {"visit", "delegation", "trip"}),
    "EVENT_WORDS": ({"visit", "happen", "delegation", "place"}, {"agreement"}),
    "EVENT_VERBS": ({"happen", "take", "last"}, {"sign"}),
    "VISIT_NOUNS": ({"visit", "tour", "stay"}, {"meeting"}),
    "KIND_WORDS": ({"signing", "visit", "inspection"}, {"conference call"}),
    "KIND_TRIGGERS": ({"signing ceremony", "forum", "met with"}, {"policy briefing"}),
    "PLACE_TRIGGERS": ({"visit to", "held at"}, {"arrived"}),
    "SIDE_VERBS": ({"visit", "receive", "welcome"}, {"sign"}),
    "LIGHT_NOUNS": ({"pay", "bid"}, {"extend"}),
    "SIDE_TRIGGERS": ({"receiv", "welcom", "during"}, {"sign"}),
    "SIGN_WORDS": ({"sign"}, {"agree"}),
    "AGREED_NOUNS": ({"consensus"}, {"results"}),
    "SIGNED_DOCUMENTS": ({"agreement", "memorandum"}, {"deal"}),
    "DOCUMENT_WORDS": ({"agreement", "deal", "outcome"}, {"visit"}),
    "FUTURE_ACTS": ({"set up", "build"}, {"form", "work with"}),
    "SITE_NOUNS": ({"plant", "campus"}, {"base"}),
}


def test_the_table_covers_every_domain_list() -> None:
    assert set(lists_of(briefing)) == set(TABLE)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_what_each_list_holds(name: str) -> None:
    check_holds(getattr(briefing, name), *TABLE[name])


def test_event_words_share_one_home() -> None:
    """The event nouns are the base of every other event list."""
    from assistant.lexicon import NOUN_EXPECTS

    assert briefing.EVENT_NOUNS < briefing.EVENT_WORDS
    assert NOUN_EXPECTS["EVENT"] == briefing.EVENT_NOUNS | {"happen"}
    assert briefing.SIGNED_DOCUMENTS < briefing.DOCUMENT_WORDS


def test_titles_are_recognised_by_their_heads_and_modifiers(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ann Lee, Executive Vice Consul of the Harbour Board, met Tom Baker."
    titles = [e.text for e in next(nlp.annotate([text])) if e.kind == "TITLE"]
    assert titles == ["Executive Vice Consul of the Harbour Board"]


def test_a_person_holding_a_body_word_is_a_body(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.text.nlp import _person_or_not

    assert _person_or_not("Pearl Harbour Bureau", {}) == "ORG"
    assert _person_or_not("Tom Baker", {("Tom Baker", "PERSON"): 1}) == "PERSON"


def test_kind_triggers_name_the_event_kind() -> None:
    from assistant.catalog.extract import KIND_RE

    found = KIND_RE.search("The two cities held talks, then attended the signing ceremony.")
    assert found is not None and (found.lastgroup, found.group()) == ("meeting", "held talks")
    found = KIND_RE.search("The orchid growers inspected the greenhouses.")
    assert found is not None and found.lastgroup == "inspection"


def test_place_triggers_and_site_nouns_find_where_it_happened() -> None:
    from assistant.catalog.extract import PLACE_TRIGGER, SITE_TAIL

    text = "The growers paid a visit to the Ningbo Flower Market and went to Cixi."
    assert [text[m.end():m.end() + 6] for m in PLACE_TRIGGER.finditer(text)] == ["Ningbo", "Cixi."]
    assert not PLACE_TRIGGER.search("They will visit Cixi.")
    assert SITE_TAIL.match(" campus of the college") and not SITE_TAIL.match(" garden")


def test_outcomes_are_what_was_agreed_or_signed() -> None:
    from assistant.catalog.extract import OUTCOME_RE

    text = ("The sides reached a broad consensus. They signed a memorandum on fisheries, and "
            "will jointly build a cold-storage hub.")
    assert [m.group() for m in OUTCOME_RE.finditer(text)] == [
        "reached a broad consensus", "signed a memorandum on fisheries",
        "will jointly build a cold-storage hub"]


def test_side_verbs_and_light_nouns_place_people(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.catalog.sides import verb_sides

    doc = nlp.parse("The mayor paid a working visit to the harbour and was welcomed by Ann Lee.")
    sides = {(v.lemma_, side) for v, side, *_ in verb_sides(doc)}
    assert ("welcome", "receiving") in sides


def test_speech_verbs_make_a_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.question.analyse import analyse

    assert analyse("What did Tom Baker stress at the fair?", nlp).speaker == "Tom Baker"
    assert analyse("What did Tom Baker visit at the fair?", nlp).speaker is None


def test_contrary_verbs_make_a_strict_premise(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.question.analyse import analyse

    assert analyse("When did the port postpone the tender?", nlp).strict_premise
    assert not analyse("When did the port open the tender?", nlp).strict_premise


def test_verb_classes_report_the_same_act() -> None:
    from assistant.question.premise import kindred

    assert {"preside", "chair", "officiate"} <= kindred("chair")
    assert "cancel" not in kindred("sign")


def test_counted_nouns_of_one_group_count_each_other() -> None:
    from assistant.lexicon import COUNT_KIN

    people = next(g for g in COUNT_KIN if "attendee" in g)
    assert {"people", "guest", "visitor"} <= people and "company" not in people


def test_words_of_going_select_visits_and_meetings_on_the_way() -> None:
    """ "Which cities did they travel to": the cards of visits, inspections and meetings there
    ("cooperation talks" select no kind: a signing is talks too)."""
    for word in ("travel", "tour", "journey"):
        assert briefing.KIND_WORDS[word] == briefing.KIND_WORDS["visit"]
    assert "talk" not in briefing.KIND_WORDS
