"""Overview answers from event cards built on articles written here (the real spaCy model and
extraction; bodies served from memory): people by body or place, a side's bodies, one person's
titles per article, what was signed, and compact lines that each keep their [n] and a verbatim
quote."""

from __future__ import annotations

import re

import pytest
from conftest import cards_of

from assistant.answering.overview.compose import Overview, kind_of
from assistant.answering.overview.quoting import MAX_QUOTE
from assistant.catalog.cards import EventCard
from assistant.question.analyse import analyse
from assistant.text.nlp import NLP

BODIES = {
    "a1": ("On March 3rd, Tom Baker, Deputy Director of the Harbour Works Committee, and Ann Lee, "
           "Chief Engineer of Delta Marine Group, visited Ningbo. They were received by Rui Chen, "
           "Deputy Mayor of Ningbo, and Bo Wen, Director of the Ningbo Port Authority, who showed "
           "the delegation around the container terminal, the new logistics park and the old "
           "fishing harbour that the city plans to rebuild over the next ten years."),
    "a2": ("On July 9th, the signing ceremony of the framework agreement between the Harbour Works "
           "Committee and Delta Marine Group was held in Ningbo. Ann Lee, Vice President of Delta "
           "Marine Group, and Tom Baker signed the agreement on behalf of both sides."),
}


@pytest.fixture(scope="module")
def nlp() -> NLP:
    return NLP.load()


@pytest.fixture(scope="module")
def cards(nlp: NLP) -> list[EventCard]:
    return cards_of(nlp, BODIES)


def ask(nlp: NLP, cards: list[EventCard], question: str):  # type: ignore[no-untyped-def]
    q = analyse(question, nlp)
    answer = Overview(BODIES.__getitem__).answer(q, cards)
    assert answer is not None, (question, kind_of(q))
    for c in answer.citations:  # every quote verbatim, every line with its own [n]
        assert all(BODIES[c.article_id][x.start:x.end] == x.text for x in c.quotes)
    assert all(re.search(r"“.+” \[\d\]", line) for line in answer.text.splitlines())
    return answer


def test_everyone_of_a_body_is_listed_by_the_title_that_names_it(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "List everyone from the Harbour Works Committee named here.")
    assert "**Tom Baker**" in answer.text
    assert "Rui Chen" not in answer.text and "Bo Wen" not in answer.text


def test_officials_of_a_place_are_its_hosts_not_the_visitors(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "Name all the Ningbo officials who hosted the delegation.")
    leads = re.findall(r"\*\*(.+?)\*\*", answer.text)
    assert sorted(leads) == ["Bo Wen", "Rui Chen"]


def test_the_bodies_a_delegation_came_from(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "Which organisations did Tom Baker's delegation come from?")
    leads = re.findall(r"\*\*(.+?)\*\*", answer.text)
    assert leads == ["Harbour Works Committee", "Delta Marine Group"]  # not the hosts' bodies


def test_one_persons_titles_side_by_side_per_article(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "Does Ann Lee hold the same position in each article?")
    assert answer.text.count("\n") == 0  # one line: one person
    assert "Chief Engineer of Delta Marine Group" in answer.text and "[1]" in answer.text
    assert "Vice President of Delta Marine Group" in answer.text and "[2]" in answer.text


def test_what_was_signed_comes_from_the_outcomes_and_the_signing(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "Which agreements were signed?")
    assert "framework agreement" in answer.text
    assert answer.text.startswith("- **July 9th (year not stated)**")
    assert [c.article_id for c in answer.citations] == ["a2"]


def test_event_lines_quote_compact_clauses(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "Give me a chronology of the events.")
    assert answer.text.startswith("- **March 3rd")
    for c in answer.citations:
        assert all(len(q.text) <= MAX_QUOTE for q in c.quotes)
    assert "Tom Baker, Deputy Director of the Harbour Works Committee" in answer.text
    assert "container terminal" not in answer.text  # the long sentence is cut to its clauses


@pytest.mark.parametrize("question", ["Who are all the people from the Ningbo side?",
                                      "List the people who work for the Ningbo Port Authority."])
def test_people_of_a_side_or_a_body_asked_in_other_words(nlp, cards, question: str) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, question)
    assert "**Bo Wen**" in answer.text and "Tom Baker" not in answer.text


def test_titles_in_both_articles_and_every_holder_of_a_title(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    both = ask(nlp, cards, "Is Ann Lee's title the same in both articles?")
    assert "[1]" in both.text and "[2]" in both.text
    holders = ask(nlp, cards, "List all the Deputy Directors.")
    assert re.findall(r"\*\*(.+?)\*\*", holders.text) == ["Tom Baker"]


def test_what_was_agreed_is_the_outcomes_of_the_events_named(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "What was agreed at the Ningbo signing ceremony?")
    assert "signed the agreement on behalf of both sides" in answer.text


def test_who_are_the_officials_of_a_place_and_the_holders_of_a_title_in_a_body(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    hosts = ask(nlp, cards, "Who are the Ningbo officials?")
    assert sorted(re.findall(r"\*\*(.+?)\*\*", hosts.text)) == ["Bo Wen", "Rui Chen"]
    titled = ask(nlp, cards, "Which vice presidents of Delta Marine Group are named?")
    assert re.findall(r"\*\*(.+?)\*\*", titled.text) == ["Ann Lee"]
    assert "Vice President of Delta Marine Group" in titled.text and "[1]" in titled.text


def test_described_the_same_way_is_a_question_of_titles(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "Is Ann Lee described the same way in every article?")
    assert "Chief Engineer" in answer.text and "Vice President" in answer.text


def test_compact_window_is_the_shortest_run_of_clauses_holding_the_first_span() -> None:
    from assistant.text.sentences import compact_window

    text = ("On May 2nd, Tom Baker, Deputy Director of the Harbour Works Committee, Ann Lee, "
            "Chief Engineer of Delta Marine Group, and Bo Wen visited the new container terminal.")
    name, title = text.index("Ann Lee"), text.index("Chief Engineer")
    piece, at = compact_window(text, [(title, title + 14), (name, name + 7)], set(), 100)
    assert piece == "Ann Lee, Chief Engineer of Delta Marine Group" and text[at:].startswith(piece)
    short, _ = compact_window(text, [(title, title + 14)], set(), 100)
    assert short == "Chief Engineer of Delta Marine Group"  # the other spans only when asked for


def test_which_articles_mention_a_name_lists_each_with_its_sentence(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "In which briefings does Ann Lee come up?")
    lines = answer.text.splitlines()
    assert len(lines) == 2 and "March 3rd" in lines[0] and "July 9th" in lines[1]
    assert all("Ann Lee" in c.quotes[0].text for c in answer.citations)
    one = ask(nlp, cards, "Which articles mention Rui Chen?")
    assert len(one.text.splitlines()) == 1 and "received by Rui Chen" in one.text
    assert kind_of(analyse("Who signed the harbour deal?", nlp)) is None


def test_people_by_a_part_of_their_name_and_the_date_of_an_article(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    named = ask(nlp, cards, "Which people with the surname Lee appear in the articles?")
    assert named.text.startswith("- **Ann Lee**") and len(named.text.splitlines()) == 1
    # "called" with a title is a question of titles, not of names
    assert "Lee" not in (ask(nlp, cards, "Which people are called Deputy Mayor anywhere?").text
                         .split("\n")[0].split(":")[0])
    dated = ask(nlp, cards, "What is the date on the article about Rui Chen?")
    assert dated.text.startswith("- **March 3rd") and len(dated.text.splitlines()) == 1


def test_a_family_name_the_model_does_not_tag_as_a_person(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    answer = ask(nlp, cards, "Which people in the articles have the family name Chen?")
    assert answer.text.startswith("- **Rui Chen**") and len(answer.text.splitlines()) == 1


def test_a_list_of_events_finds_a_name_whose_words_a_card_writes_apart(nlp, cards) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from assistant.answering.overview.compose import _named

    q = analyse("Which visits are reported?", nlp)
    assert all(_named(replace(q, names=("Ningbo Delta",)), c, None) for c in cards)
    assert not any(_named(replace(q, names=("Cixi Delta",)), c, None) for c in cards)


def test_a_conference_whose_headline_says_something_was_signed_is_a_signing(nlp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    bodies = {"s1": "Harbourton held an investment conference in Eastport on May 3, 2023. "
                    "Firms from Delta attended the conference.",
              "s2": "Harbourton held a trade conference in Westport on June 5, 2023. "
                    "Delegates toured the conference halls."}
    one, two = cards_of(nlp, bodies)
    cards = [replace(one, title="Harbourton Signs 40 Projects at Eastport Conference",
                     kind="conference"),
             replace(two, title="Harbourton Holds Westport Trade Conference", kind="conference")]
    q = analyse("Which signing events did Harbourton hold, according to these reports?", nlp)
    answer = Overview(bodies.__getitem__).answer(q, cards, kind="events")
    assert answer is not None and [c.article_id for c in answer.citations] == ["s1"]
