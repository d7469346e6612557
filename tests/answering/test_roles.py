"""Who is who from the people directory (assistant/answering/overview/roles.py): on cards extracted from articles
written here, and through the production pipeline over the seeds. Questions written for this test."""

from __future__ import annotations

import pytest
from conftest import cards_of
from helpers import BODIES, quotes_are_verbatim

from assistant.answering.overview.compose import Overview, kind_of
from assistant.answering.overview.roles import misattributed, role_items
from assistant.catalog.cards import EventCard, directory
from assistant.question.analyse import analyse
from assistant.question.posts import asks_role
from assistant.text.nlp import NLP

VISIT = ("On March 3rd, Amelia Hart, Chief Technology Officer of Northwind Robotics, and Tomas "
         "Berg, Deputy Director of the Harbour Development Office, visited Eastport. They were "
         "received by Rui Costa, Director of the Harbour Development Office and Secretary of the "
         "Eastport Port Committee.")
FAIR = ("On May 9th, Amelia Hart, Chief Technology Officer of Northwind Robotics, opened the "
        "robotics fair. Lena Vogt, Vice President of Northwind Robotics, spoke after her.")
ARTICLES = {"a1": VISIT, "a2": FAIR}


@pytest.fixture(scope="module")
def cards(nlp: NLP) -> list[EventCard]:
    return cards_of(nlp, ARTICLES)


def answer(nlp: NLP, cards: list[EventCard], question: str):  # type: ignore[no-untyped-def]
    return Overview(ARTICLES.__getitem__).answer(analyse(question, nlp), cards)


@pytest.mark.parametrize("question, role", [
    ("What are Rui Costa's titles?", True),
    ("What position does Tomas Berg hold?", True),
    ("Which company does Amelia Hart work for?", True),
    ("What does Lena Vogt do?", True),
    ("Who is the CTO of Northwind Robotics?", True),
    ("Who is the director of the Harbour Development Office?", True),
    ("Who visited Eastport?", False),  # an act, not a post
    ("Who welcomed the Deputy Director?", False),  # a title in an act's object
    ("Which deputy directors are named across the articles?", False),  # a list: the overview
    ("When did Amelia Hart open the fair?", False),
])
def test_what_asks_for_a_post(nlp: NLP, question: str, role: bool) -> None:
    q = analyse(question, nlp)
    assert asks_role(q) is role
    assert (kind_of(q) == "role") is role


def test_all_titles_of_a_person_lead_each_with_its_own_quote(nlp: NLP, cards) -> None:  # type: ignore[no-untyped-def]
    a = answer(nlp, cards, "What are Rui Costa's titles?")
    assert a.text.startswith("- **Director of the Harbour Development Office**; "
                             "**Secretary of the Eastport Port Committee**")
    assert [(lead.text, lead.n) for lead in a.leads] == [
        ("Director of the Harbour Development Office", 1),
        ("Secretary of the Eastport Port Committee", 1)]
    assert a.citations[0].article_id == "a1"
    for c in a.citations:
        for quote in c.quotes:
            assert ARTICLES[c.article_id][quote.start:quote.end] == quote.text


def test_a_person_in_two_articles_gets_a_line_per_article(nlp: NLP, cards) -> None:  # type: ignore[no-untyped-def]
    a = answer(nlp, cards, "What is Amelia Hart's job?")
    assert a.text.count("**Chief Technology Officer of Northwind Robotics**") == 2
    assert [c.article_id for c in a.citations] == ["a1", "a2"]


def test_a_follow_up_about_him_after_his_titles_is_about_the_person(nlp: NLP, cards) -> None:  # type: ignore[no-untyped-def]
    from assistant.records import Previous

    first = answer(nlp, cards, "What are Rui Costa's titles?")
    previous = Previous(first.question, tuple(lead.text for lead in first.leads),
                        tuple(c.article_id for c in first.citations))
    q = analyse("When did he receive the visitors?", nlp, previous)
    assert "Rui Costa" in q.standalone and "Director" not in q.standalone


def test_a_post_is_found_by_its_initials_and_its_organisation(nlp: NLP, cards) -> None:  # type: ignore[no-untyped-def]
    a = answer(nlp, cards, "Who is the CTO of Northwind Robotics?")
    assert a.text.startswith("- **Amelia Hart**")
    assert "Lena Vogt" not in a.text  # her title has the organisation, not the post


def test_a_deputy_is_not_the_post_asked_for(nlp: NLP, cards) -> None:  # type: ignore[no-untyped-def]
    a = answer(nlp, cards, "Who is the director of the Harbour Development Office?")
    assert "**Rui Costa**" in a.text and "Tomas Berg" not in a.text
    q = analyse("Who is the vice director of the Harbour Development Office?", nlp)
    assert role_items(q, cards, directory(cards)) == []  # nobody holds it: the passages answer or abstain


def test_an_unknown_person_is_left_to_the_passages(nlp: NLP, cards) -> None:  # type: ignore[no-untyped-def]
    assert answer(nlp, cards, "What is Ivo Lind's title?") is None


def test_seed_posts_through_the_pipeline(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    a = seed_assistant.ask("What roles does Zhu Zhisong have?")
    assert "**Secretary of the Party Working Committee of Lingang Special Area**" in a.text
    assert "**Executive Deputy Director of the Management Committee**" in a.text
    quotes_are_verbatim(a)
    holder = seed_assistant.ask("Who is the chairman of Lingang Group?")
    assert holder.text.startswith("- **Yuan Guohua**") and "Xiao Wunan" not in holder.text
    assert all(c.quotes[0].text in BODIES[c.article_id] for c in holder.citations)


def test_a_post_no_card_holds_is_left_to_the_passages(nlp: NLP, cards, seed_assistant) -> None:  # type: ignore[no-untyped-def]
    """The cards may miss a title the text writes: the passages decide, and say so when none
    has the post beside a name."""
    assert answer(nlp, cards, "Who is the chief executive of Northwind Robotics?") is None
    a = seed_assistant.ask("Who is the chief executive of Northwind Robotics?")
    assert a.abstained and not a.citations


def test_a_verb_the_articles_word_otherwise_does_not_make_a_question_unanswerable(
        seed_assistant) -> None:  # type: ignore[no-untyped-def]
    """Only nouns the corpus never uses ("population") mark a question as asking the unseen."""
    a = seed_assistant.ask("Who voiced thanks to Hongkou for its care of Lingang Group?")
    assert not a.abstained and a.citations[0].article_id == "003_bffee769cd76aaaa"


def test_a_title_the_articles_never_give_someone_is_corrected(nlp: NLP, cards) -> None:  # type: ignore[no-untyped-def]
    a = answer(nlp, cards, "Why did Tomas Berg, as Director of the Harbour Development Office, "
                           "visit Eastport?")
    assert a.text.startswith("The articles do not say that Tomas Berg is Director of the Harbour "
                             "Development Office; they report:\n- **Deputy Director")
    assert a.premise == "Tomas Berg is Director of the Harbour Development Office"
    assert a.citations[0].article_id == "a1" and not a.abstained
    # a title they do hold is no premise to correct: the passages answer
    assert answer(nlp, cards, "Why did Chief Technology Officer Amelia Hart visit Eastport?") is None
    # a title the question gives someone else (Ivo Lind is in no card) corrects no one
    q = analyse("Who spoke when Mayor Ivo Lind welcomed Tomas Berg to Eastport?", nlp)
    assert misattributed(q, cards, directory(cards)) is None
    q = analyse("Who spoke when Mayor Tomas Berg welcomed Ivo Lind to Eastport?", nlp)
    assert misattributed(q, cards, directory(cards)) is not None


@pytest.mark.parametrize("question", ["What did Deqiang Gao say during the Huainan visit?",
                                      "What did Gu Chunhua tell the guests at the Hongkou signing?"])
def test_someone_only_listed_as_present_said_nothing_the_articles_report(
        seed_assistant, question: str) -> None:  # type: ignore[no-untyped-def]
    assert seed_assistant.ask(question).abstained


def test_their_titles_after_a_list_of_people(nlp: NLP, cards) -> None:  # type: ignore[no-untyped-def]
    a = answer(nlp, cards, "What are Rui Costa and Tomas Berg's titles?")
    assert a.text.splitlines()[0].startswith("- Rui Costa: **Director of the Harbour")
    assert any(line.startswith("- Tomas Berg: **Deputy Director") for line in a.text.splitlines())


def test_a_post_in_other_words_is_the_same_post() -> None:
    from assistant.answering.overview.roles import has_title_words

    held = "secretary of the municipal Party committee"
    assert has_title_words(["party", "secretary"], held)  # "Party secretary"
    assert has_title_words(["party", "chief"], held)  # "Party chief"
    assert has_title_words(["party", "chief"], "secretary of the CPC Dalian Municipal Committee")
    assert not has_title_words(["party", "chief"], "secretary of the Dalian Trade Committee")
    assert not has_title_words(["mayor"], held)
    # the head word must head the post, not name its body: no director of the Board of Directors
    assert not has_title_words(["director"], "Chairman of the Board of Directors")
    assert has_title_words(["deputy", "director"], "Deputy Director of the Port Office")
    # a hyphenated post is its words: "deputy director-general"
    assert has_title_words(["deputy", "director", "general"],
                           "Deputy Director-General of the Port Office")
    assert not has_title_words(["deputy", "director", "general"], "Director-General of the Port")


def test_a_bare_head_word_cannot_contradict_a_fuller_post() -> None:
    """An article that writes only "secretary" beside the name (its body cut off or elsewhere)
    does not make "Party secretary" a false premise; "President" still contradicts "chairman"."""
    from assistant.answering.overview.roles import _same_post

    assert _same_post("Party secretary", "secretary")
    assert _same_post("Party secretary", "Secretary of the Jiangmen")
    assert not _same_post("chairman", "President")
    assert not _same_post("Party secretary", "mayor")
    assert not _same_post("Director", "Deputy Director of the Port Office")
    # "Jiangsu Party chief" is the "secretary of the CPC Jiangsu provincial committee"
    assert _same_post("Jiangsu Party chief", "secretary of the CPC Jiangsu provincial committee")
    assert not _same_post("Jiangsu Party chief", "governor of Jiangsu")
