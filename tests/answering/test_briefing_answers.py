"""Answers that brief, over the five seeds: the lead span first, premises checked, follow-ups on
the previous answer, and overviews from the event cards. Questions written for this test."""

from __future__ import annotations

import re

from helpers import quotes_are_verbatim

from assistant.eval.metrics import is_correction
from assistant.web.render import answer_json

HONGKOU = "003_bffee769cd76aaaa"


def test_the_answer_leads_with_the_span_in_bold(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    answer = seed_assistant.ask("On what day was the Hongkou cooperation deal signed?")
    assert answer.text.startswith("**December 14**")
    assert [(lead.text, lead.n) for lead in answer.leads] == [("December 14", 1)]
    assert answer_json(answer)["lead"] == [{"text": "December 14", "n": 1, "kind": "DATE"}]
    assert answer.citations[0].article_id == HONGKOU
    quotes_are_verbatim(answer)


def test_a_how_many_question_leads_with_the_number_of_the_thing_counted(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    answer = seed_assistant.ask("How many sub-venues were linked by video to the conference?")
    assert answer.text.startswith("**120**")


def test_a_false_premise_is_corrected_with_what_the_articles_report(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    answer = seed_assistant.ask("Why did Lingang Group withdraw from the Hongkou agreement?")
    assert is_correction(answer.text) and not answer.abstained
    assert answer.premise and "withdraw" in answer.premise
    assert answer_json(answer)["premise"] == answer.premise
    assert answer.citations and answer.citations[0].article_id == HONGKOU
    quotes_are_verbatim(answer)


def test_names_that_never_meet_in_one_article_are_not_answered_as_if_they_did(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    answer = seed_assistant.ask("What did Zhu Zhisong say at the Huainan meeting?")
    assert answer.abstained or is_correction(answer.text)


def test_a_follow_up_resolves_against_the_previous_answer(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    first = seed_assistant.ask("Who signed the contract for the two sides at the Hongkou ceremony?")
    assert {lead.text for lead in first.leads} >= {"Lu Ming", "Weng Kaining"}
    second = seed_assistant.ask("What are their titles?", [first])
    assert "Lu Ming" in second.standalone and "Weng Kaining" in second.standalone
    assert second.citations[0].article_id == HONGKOU
    assert "Deputy Chief" in second.text


def test_a_chronology_lists_each_event_once_in_date_order_with_its_own_quote(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    answer = seed_assistant.ask("Show me the events in chronological order.")
    lines = answer.text.splitlines()
    assert len(lines) == 5 and all(re.search(r"“.+” \[\d\]", line) for line in lines)
    assert lines[0].startswith("- **September 29, 2020**")  # the only year stated comes first
    assert "December 14 (year not stated)" in answer.text  # never a guessed year
    quotes_are_verbatim(answer)


def test_events_in_a_month_come_from_the_cards(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    answer = seed_assistant.ask("What took place in February?")
    assert [c.article_id for c in answer.citations] == ["002_0f223df367e3b8ed"]
    assert answer.text.startswith("- **February 4th")


def test_people_across_articles_each_cite_their_own_article(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    answer = seed_assistant.ask("Which deans are named across the articles?")
    assert "**Hua Yang**" in answer.text and "**Yao Jun**" in answer.text
    assert len(answer.citations) >= 2
    quotes_are_verbatim(answer)


def test_everyone_with_a_title_named_in_the_question(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    answer = seed_assistant.ask("Who is called a Vice President anywhere in the articles?")
    assert "**Liu Wei**" in answer.text and "**Gu Chunhua**" in answer.text
    assert "**Lu Ming**" not in answer.text  # a District Governor, not a Vice President
    quotes_are_verbatim(answer)


def test_the_act_asked_about_picks_the_lead_not_a_title_that_shares_its_stem(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    """"presided" is the act; "Vice President" in another sentence is not; and a sentence about
    another act (attending) does not follow the lead."""
    answer = seed_assistant.ask("Who officiated at the ceremony where Hongkou and Lingang Group "
                                "signed their agreement?")
    assert answer.text.startswith("**Guan Yetong**")
    assert "attending" not in answer.text
    quotes_are_verbatim(answer)


def test_when_was_that_falls_back_on_the_date_of_the_event_card(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    first = seed_assistant.ask("Who headed the group that went to see the Qianhai zone?")
    assert not first.abstained
    # no sentence of the article dates the trip ("Recently, ..."); its card has the dateline
    when = seed_assistant.ask("When was that?", [first])
    assert not when.abstained and "September 29" in when.text.splitlines()[0]
    assert when.citations and when.citations[0].article_id == first.citations[0].article_id
    quotes_are_verbatim(when)
