"""Question analysis on a table of questions written for this test (none from the eval sets)."""

from __future__ import annotations

import pytest

from assistant.question.analyse import Previous, analyse
from assistant.question.followup import resolve
from assistant.records import Date
from assistant.text.dates import parse_date
from assistant.text.nlp import DATE, NUMBER, PERSON, PLACE, TITLE

TABLE = [
    # question, type, expects, scope
    ("Who opened the harbour fair in Ningbo?", "who", PERSON, "fact"),
    ("When did the orchid delegation arrive?", "when", DATE, "fact"),
    ("Where was Tom Baker born?", "where", PLACE, "fact"),
    ("How many pavilions did the expo have?", "how_many", NUMBER, "fact"),
    ("Which officials welcomed the farmers?", "which", PERSON, "list"),
    ("Which city hosted the summit?", "which", PLACE, "fact"),
    ("What is Ann Lee's position?", "what", TITLE, "fact"),
    ("Why did the port authority postpone the tender?", "why", None, "fact"),
    ("Did the mayor attend the launch?", "yesno", None, "fact"),
    ("List every agreement signed at the forum.", "other", None, "list"),
    ("Give me a chronology of the trade missions.", "other", None, "timeline"),
    ("Which Ningbo officials greeted the farmers?", "which", PERSON, "list"),
    ("Who is Tom Baker?", "who", TITLE, "fact"),  # their role
    ("Who was Spain's Ambassador to Peru at the opening?", "who", PERSON, "fact"),  # the holder
]


@pytest.mark.parametrize(("text", "counted", "numbers"), [
    ("How much will Harbour Group invest in the port?", "money", ()),  # an amount of money
    ("How much did the fair grow?", None, ()),
    ("What will the twelve harbour firms build?", None, ("twelve",)),  # a number the premise
    ("What did the two sides sign?", None, ()),  # gives; "two sides" is a way of speaking
])
def test_amounts_and_numbers_asked(nlp, text: str, counted: str | None,  # type: ignore[no-untyped-def]
                                   numbers: tuple[str, ...]) -> None:
    q = analyse(text, nlp)
    assert (q.counted, q.numbers) == (counted, numbers)


def test_what_a_follow_up_carries_helps_find_it_but_constrains_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    previous = Previous("Which official met the harbour group in 2019?", ("Tao Wen",), ("a1",),
                        quote="Mayor Tao Wen received Mei Ling of Portsmouth in 2019.",
                        people=("Tao Wen",))
    q = analyse("On what day did that meeting take place?", nlp, previous)
    assert "Mei Ling" in q.standalone  # the earlier turn, to find the passages
    assert q.names == () and q.dates == () and q.people == ()  # none of it is asked


def test_a_name_is_kept_without_the_common_nouns_run_on_with_it(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("What did Fujian and the Three Gorges hydropower company sign?", nlp)
    assert "Three Gorges" in q.names and not any("company" in n for n in q.names)


@pytest.mark.parametrize(("text", "qtype", "expects", "scope"), TABLE)
def test_type_expected_answer_and_scope(nlp, text, qtype, expects, scope) -> None:  # type: ignore[no-untyped-def]
    q = analyse(text, nlp)
    assert (q.qtype, q.expects, q.scope) == (qtype, expects, scope)


def test_where_born_is_a_place_question_not_a_when_question(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Where was Tom Baker born?", nlp)
    assert q.expects == PLACE and not q.dates and "Tom Baker" in q.names


@pytest.mark.parametrize(("text", "counted"), [
    ("How many sub-pavilions did the expo open?", "pavilion"),
    ("How many remote pavilions took part?", "pavilion"),
    ("How many companies signed?", "company"),
])
def test_the_counted_noun_is_read_by_its_lemma(nlp, text: str, counted: str) -> None:  # type: ignore[no-untyped-def]
    assert analyse(text, nlp).counted == counted


def test_a_number_written_as_a_word_is_a_number(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.text.nlp import NUMBER as KIND

    found = next(nlp.annotate(["Three companies signed the charter in Ningbo."]))
    assert [e.text for e in found if e.kind == KIND] == ["Three"]


def test_constraints_and_a_possessive_name(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("What did Ann Lee say at the Ningbo fair in 2019?", nlp)
    assert "Ann Lee" in q.names and "Ningbo" in q.names
    assert Date(2019, None, None) in q.dates
    assert analyse("What is Ann Lee's title?", nlp).names[:1] == ("Ann Lee",)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("What happened in 2019?", "2019", "2019"),
    ("Which events took place in March?", "March", "March"),
    ("What happened before November?", None, "October"),
    ("What took place after 2018?", "2019", None),
])
def test_date_filters(nlp, text: str, start: str | None, end: str | None) -> None:  # type: ignore[no-untyped-def]
    when = analyse(text, nlp).when
    assert when is not None
    assert when.start == (parse_date(start) if start else None)
    assert when.end == (parse_date(end) if end else None)


def test_a_contrary_event_is_a_strict_premise_in_the_question_s_own_words(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Why did the port authority cancel the tender?", nlp)
    assert q.strict_premise and q.predicate == "cancel"
    assert q.premise == "the port authority did cancel the tender"


def test_a_follow_up_pronoun_takes_the_previous_answer_s_leads(nlp) -> None:  # type: ignore[no-untyped-def]
    previous = Previous("Who signed the charter?", ("Ann Lee", "Tom Baker"), ("a1",))
    q = analyse("What positions do they hold?", nlp, previous)
    assert q.standalone == "What positions do Ann Lee and Tom Baker hold?"
    assert q.referents == ("Ann Lee", "Tom Baker") and q.prefer == ("a1",)
    single = analyse("What is her title?", nlp, previous)
    assert single.standalone == "What is Ann Lee's title?"


def test_an_unrelated_question_is_not_rewritten(nlp) -> None:  # type: ignore[no-untyped-def]
    previous = Previous("Who visited Ningbo on March 3rd?", ("Ann Lee",), ("a1",))
    q = analyse("Is there a museum in Lingang?", nlp, previous)
    assert q.standalone == "Is there a museum in Lingang?" and not q.prefer


def test_a_follow_up_to_a_bare_question_carries_its_names_not_its_words(nlp) -> None:  # type: ignore[no-untyped-def]
    previous = Previous("Who visited Ningbo on March 3rd?", (), ())
    q = analyse("And who received them?", nlp, previous)
    assert q.standalone == "And who received them? (Ningbo)"


def test_verbs_that_report_the_same_act_are_kindred() -> None:
    from assistant.question.premise import kindred

    assert "preside" in kindred("chair") and "welcome" in kindred("receive")
    assert kindred("cancel") == {"cancel"}  # a verb of no class is only itself


@pytest.mark.parametrize(("text", "standalone"), [
    ("Which committee is that official a member of?",  # "that" misread as a conjunction
     "Which committee is Ann Lee a member of?"),
    ("When will that take place?", "When will that take place? (Who opened the fair?)"),
    ("What is his title?", "What is Ann Lee's title?"),
])
def test_demonstratives_and_events_in_follow_ups(nlp, text: str, standalone: str) -> None:  # type: ignore[no-untyped-def]
    previous = Previous("Who opened the fair?", ("Ann Lee",), ("a1",))
    assert analyse(text, nlp, previous).standalone == standalone


def test_a_title_given_to_someone_is_read_only_beside_their_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert analyse("Why did Ann Lee, as Deputy Director of the Port Office, sign?",
                   nlp).titles == ("Deputy Director of the Port Office",)
    assert analyse("Why did Chairman Tom Baker sign it?", nlp).titles == ("Chairman",)
    assert analyse("What did the port director invite Ann Lee to?", nlp).titles == ()


def test_what_someone_said_names_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    assert analyse("What did Mr. Tom Baker say about trade?", nlp).speaker == "Tom Baker"
    assert analyse("What did the visitors see?", nlp).speaker is None


def test_a_fact_about_events_in_a_month_is_not_an_overview(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.overview.compose import kind_of

    assert kind_of(analyse("Which city did the delegation visit in November?", nlp)) is None
    assert kind_of(analyse("Which visits took place in November?", nlp)) == "events"


@pytest.mark.parametrize(("text", "affiliation"), [
    ("List everyone from Delta Marine Group who is named.", "Delta Marine Group"),
    ("Which Ningbo officials greeted the visitors?", "Ningbo"),
    ("Name the deputy directors of the Harbour Works Committee.", "Harbour Works Committee"),
    ("Which officials hosted the Delta Marine visitors?", None),  # the visitors are not asked for
    ("Who opened the harbour fair in Ningbo?", None),
    ("What did Tom Baker tell the Ningbo officials?", None),  # a thing is asked, not people
    ("Who are all the people from the Ningbo side?", "Ningbo"),
    ("List the people who work for Delta Marine Group.", "Delta Marine Group"),
    ("Which Delta Marine Group staff are named?", "Delta Marine Group"),
])
def test_the_body_or_place_the_people_asked_for_belong_to(nlp, text, affiliation) -> None:  # type: ignore[no-untyped-def]
    assert analyse(text, nlp).affiliation == affiliation


@pytest.mark.parametrize(("text", "body"), [
    ("Who are the Ningbo officials?", "Ningbo"),
    ("Who from Delta Group attended the signing?", "Delta Group"),
    ("Name all the Ningbo officials who met the delegation.", "Ningbo"),
    ("Who received the Ningbo visitors?", None),  # those who received them, not the visitors
    ("By whom were the Ningbo visitors received?", None),
])
def test_the_body_of_the_people_asked_for_not_of_those_acted_on(nlp, text: str,  # type: ignore[no-untyped-def]
                                                                 body: str | None) -> None:
    assert analyse(text, nlp).affiliation == body


def test_it_is_never_the_people_a_who_question_named(nlp) -> None:  # type: ignore[no-untyped-def]
    previous = Previous("Who signed the charter?", ("Ann Lee", "Tom Baker"), ("a1",))
    q = analyse("When was it signed?", nlp, previous)
    assert q.standalone == "When was it signed? (Who signed the charter?)"
    dated = Previous("What happened on May 3rd?", ("May 3rd",), ("a1",))
    assert "May 3rd" not in analyse("Who received them?", nlp, dated).standalone.split("(")[0]


def test_one_thing_asked_with_a_month_or_a_delegation_is_a_fact(nlp) -> None:  # type: ignore[no-untyped-def]
    from assistant.answering.overview.compose import kind_of

    # a singular "which" about a person or a company goes to the passages, not to a list
    assert kind_of(analyse("Which academic spoke at the May conference?", nlp)) is None
    assert kind_of(analyse("Which car company did Tao Wen's delegation see in Ningbo?", nlp)) is None
    assert kind_of(analyse("Which organisations did Tao Wen's delegation come from?", nlp)) == \
        "bodies"
    assert kind_of(analyse("Which events took place in May?", nlp)) == "events"


def test_that_event_is_the_one_the_previous_answer_quoted(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "Ann Lee invited Tom Baker to the harbour fair that opens on June 4th."
    previous = Previous("What did Ann Lee invite Tom Baker to?", (), ("a1",), quote=told)
    q = analyse("When will that take place?", nlp, previous)
    assert "harbour fair" in q.standalone and q.prefer == ("a1",)
    # an answer that led with a span is referred to by the span, not its passage
    led = Previous("Who opened the fair?", ("Ann Lee",), ("a1",), quote=told)
    assert "harbour fair" not in analyse("What is her title?", nlp, led).standalone


def test_he_is_the_first_person_named_even_when_a_name_reads_like_a_month(nlp) -> None:  # type: ignore[no-untyped-def]
    previous = Previous("Which academic spoke at the fair?", ("Yao Jun", "Tom Baker"), ("a1",))
    q = analyse("Which institute does he head?", nlp, previous)
    assert q.standalone == "Which institute does Yao Jun head?"
    assert q.titles == ()  # "head" is the verb here, not a title given to him
    assert analyse("Did Tom Baker, as General Manager, sign it?", nlp).titles == ("General Manager",)
    assert analyse("Did chairman Tom Baker sign it?", nlp).titles == ("chairman",)


@pytest.mark.parametrize(("question", "act"), [
    ("Which official put pen to paper in the harbour deal?", "sign"),
    ("Who put their names to the charter?", "sign"),
    ("Who acted as master of ceremonies at the signing?", "preside"),
    ("Who paid a visit to Ningbo in May?", "visit"),
    ("Where does Harbour Group come up?", None),  # mentioned: no act asked about
    ("Who visited Ningbo in May?", "visit"),
    # a clause that says when sets the time of a post asked about: no act is asked
    ("Who was the mayor of Ningbo when the farmers came?", None),
    ("Who was the mayor of Ningbo in May?", None),
])
def test_an_act_named_in_other_words(nlp, question: str, act: str | None) -> None:  # type: ignore[no-untyped-def]
    assert analyse(question, nlp).predicate == act


@pytest.mark.parametrize(("question", "standalone"), [
    ("What is the second one's title?", "What is Tom Baker's title?"),
    ("What post does the first one hold?", "What post does Ann Lee hold?"),
    ("Tell me about the latter.", "Tell me about Tom Baker."),
    ("What does the second of them do?", "What does Tom Baker do?"),
    ("When was the first conference held?", "When was the first conference held?"),
    ("Who came first?", "Who came first?"),
])
def test_an_ordinal_picks_that_lead_of_the_previous_answer(nlp, question: str,  # type: ignore[no-untyped-def]
                                                           standalone: str) -> None:
    previous = Previous("Who signed the charter?", ("Ann Lee", "Tom Baker"), ("a1",))
    assert resolve(nlp.parse(question), previous)[2] == standalone


def test_the_name_of_a_person_noun_asks_for_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    assert analyse("What is the port official's name?", nlp).expects == PERSON
    assert analyse("What is the director's name?", nlp).expects == PERSON
    assert analyse("What is Harbour Group's full name?", nlp).expects is None


def test_phrasal_verbs_of_reversal_and_words_opening_a_question(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Why did the Ningbo delegation call off its visit?", nlp)
    assert q.predicate == "cancel" and q.strict_premise
    assert analyse("Why did Harbour Group pull out of the deal?", nlp).predicate == "withdraw"
    # "Besides" opened the question; it is no part of the name
    assert "Besides Ningbo" not in analyse("Besides Ningbo, which port did Tao Wen visit?", nlp).names


def test_when_was_that_asks_for_the_event_not_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "Ann Lee led the delegation to the harbour fair."
    previous = Previous("Who led the delegation?", ("Ann Lee",), ("a1",), quote=told)
    q = analyse("When was that?", nlp, previous)
    assert "Ann Lee" not in q.standalone.split("(")[0] and "harbour fair" in q.standalone
    assert analyse("What is her title?", nlp, previous).standalone == "What is Ann Lee's title?"


def test_it_is_never_a_person_the_previous_answer_led_with(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "Ann Lee met the harbour delegation on May 28."
    previous = Previous("Which official met the harbour delegation?", ("Ann Lee",), ("a1",),
                        quote=told, people=("Ann Lee",))
    q = analyse("On what day did it take place?", nlp, previous)
    assert "Ann Lee" not in q.standalone.split("(")[0] and "harbour delegation" in q.standalone
    assert q.prefer == ("a1",)
    that = analyse("On what day did that meeting take place?", nlp, previous)
    assert "Ann Lee" not in that.standalone.split("(")[0] and "harbour delegation" in that.standalone
    assert analyse("Who presided over it?", nlp, previous).standalone.startswith(
        "Who presided over it?")
    # a body the answer led with is what "it" means
    body = Previous("Which company signed?", ("Harbour Group",), ("a1",), quote=told)
    assert analyse("Where is it based?", nlp, body).standalone == "Where is Harbour Group based?"


def test_he_is_the_person_the_answer_named_not_a_place_it_led_with(nlp) -> None:  # type: ignore[no-untyped-def]
    previous = Previous("Which mayor did Tao Wen receive?", ("Harbourton", "Ann Lee"), ("a1",),
                        people=("Ann Lee",))
    q = analyse("How many times had he come to Ningbo by then?", nlp, previous)
    assert "Ann Lee" in q.standalone and "Harbourton" not in q.standalone


def test_that_briefing_after_an_answer_naming_people_is_the_event(nlp) -> None:  # type: ignore[no-untyped-def]
    told = "Ann Lee, mayor of Harbourton, attended the investment briefing on May 3."
    previous = Previous("Who was the mayor at the investment briefing?", ("Ann Lee",), ("a1",),
                        quote=told, people=("Ann Lee",))
    q = analyse("Who presided over that briefing?", nlp, previous)
    assert q.standalone.startswith("Who presided over that briefing?") and "(" in q.standalone
    assert q.prefer == ("a1",)
    official = analyse("Which committee is that official a member of?", nlp, previous)
    assert official.standalone == "Which committee is Ann Lee a member of?"


def test_a_verb_that_opens_a_request_is_no_part_of_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Put Bozhou's investment briefings in chronological order.", nlp)
    assert "Bozhou" in q.names and not any("Put" in n for n in q.names)


def test_a_nationality_asked_as_the_answer_s_kind_is_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    q = analyse("Which Chinese corporation signed a memorandum with the Zhambyl region?", nlp)
    assert "Chinese" not in q.names and "Zhambyl" in q.names
    q = analyse("What did the Chinese delegation sign in Zhambyl?", nlp)  # not the kind asked
    assert "Chinese" in q.names


def test_an_aim_or_a_body_s_statement_has_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    assert analyse("How many people did Hainan hope to employ by 2020?", nlp).speaker is None
    assert analyse("What did Jiangxi Province say about the scholarships?", nlp).speaker is None
    assert analyse("What did Tom Baker hope for?", nlp).speaker == "Tom Baker"


def test_which_with_adjectives_joined_by_and_still_finds_its_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Which Vietnamese and Lao officials met X" is parsed loosely ("which" hangs on the verb):
    the noun after the joined adjectives is what is asked for, a list of people."""
    q = analyse("Which Vietnamese and Lao officials met Tao Wen during his trip?", nlp)
    assert (q.head, q.expects, q.scope) == ("official", PERSON, "list")
