"""A timeline question that lists its events: one query per item (question/items.py), and through
the pipeline one dated line per item's article, oldest first (articles written here)."""

from __future__ import annotations

import re

import pytest
from conftest import ingested, make_settings

from assistant.question.items import item_queries


@pytest.mark.parametrize(("question", "items"), [
    ("Put these events in order: the trip to Harbourton, the envoy's visit and the port fair.",
     ["the trip to Harbourton", "the envoy's visit", "the port fair"]),
    ("Put Ningbo's dealings with Harbour Group, Delta Marine and Bay Works in order.",
     ["Harbour Group", "Delta Marine", "Bay Works"]),
])
def test_each_listed_item_is_a_query(nlp, question: str, items: list[str]) -> None:  # type: ignore[no-untyped-def]
    listed = item_queries(nlp.parse(question))
    assert [i for i, _ in listed] == items
    for (item, query), others in zip(listed, [items[1:], items[::2], items[:2]]):
        assert item in query and not any(o in query for o in others)


def test_an_item_is_told_by_the_words_no_other_item_has() -> None:
    from assistant.question.items import distinct_terms

    own = distinct_terms(["the trip to Harbourton", "the envoy's visit", "the mayor's visit"])
    assert own == [{"trip", "harbourton"}, {"envoy"}, {"mayor"}]


def test_a_question_listing_nothing_has_no_items(nlp) -> None:  # type: ignore[no-untyped-def]
    assert item_queries(nlp.parse("List the events of 2019 in chronological order.")) == []
    assert item_queries(nlp.parse("When did the mayor visit Harbourton?")) == []


ARTICLES = {
    "harbourton-trip": "A Ningbo delegation led by Deputy Mayor Tao Wen arrived in Harbourton on "
                       "March 3, 2024 for talks on port logistics with Mayor Ann Lee. The two "
                       "cities have been sister cities since 1998 and agreed to exchange staff.",
    "envoy-visit": "On June 12, 2024, the Polar Affairs envoy Marc Dubois visited Ningbo and was "
                   "received by Bo Wen, Director-General of the Ningbo Foreign Affairs Office. "
                   "They talked about polar research vessels and shipbuilding.",
    "port-fair": "The Ningbo port fair opened on January 20, 2024 with 300 exhibitors from 12 "
                 "countries. Mei Ling, chair of the fair's committee, said trade deals worth 2 "
                 "billion yuan were expected.",
    "tea-forum": "A tea culture forum was held in Hangzhou on May 5, 2024, attended by 200 tea "
                 "growers and scholars from across Zhejiang province.",
}


def assistant_over(tmp_path, articles: dict[str, str], embedder, nlp):  # type: ignore[no-untyped-def]
    """The assistant over these articles only (name -> text), indexed in a private store."""
    from assistant.app.pipeline import build_assistant

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, body in articles.items():
        (folder / f"{name}.txt").write_text(body, encoding="utf-8")
    settings = ingested(make_settings(tmp_path, seeds_dir=folder), embedder)
    return build_assistant(settings, embedder=embedder, nlp=nlp)


def test_listed_events_are_each_found_and_put_in_order(tmp_path, embedder, nlp) -> None:  # type: ignore[no-untyped-def]
    assistant = assistant_over(tmp_path, ARTICLES, embedder, nlp)
    answer = assistant.ask("Put these 2024 events in order: Tao Wen's trip to Harbourton, "
                           "the polar envoy's visit to Ningbo and the Ningbo port fair.")
    lines = answer.text.splitlines()
    cited = {c.n: c.article_id for c in answer.citations}
    order = [cited[int(n)] for line in lines for n in re.findall(r"\[(\d)\]", line)[:1]]
    assert order == ["port-fair", "harbourton-trip", "envoy-visit"], answer.text


def test_an_article_found_for_one_item_is_not_taken_for_the_next(tmp_path, embedder, nlp) -> None:  # type: ignore[no-untyped-def]
    """The report of a later visit that recalls an earlier one may come first for the earlier
    item too: each item takes the first article not already found for another."""
    articles = {
        "twinning-2015": "On October 13, 2015, Ivan Petrov, who heads Murmansk, came with a "
                         "group to the second edition of the Polar fair in Harbourton and signed "
                         "a twinning protocol there.",
        "return-2016": "A Harbourton delegation was in Murmansk from May 23 to 25, 2016. It "
                       "recalled Mayor Ivan Petrov's delegation at the Second Polar Expo.",
        "forum-2014": "On March 3, 2014, a Murmansk delegation came to Harbourton for a forum "
                      "on Arctic shipping and Polar research.",
    }
    assistant = assistant_over(tmp_path, articles, embedder, nlp)
    answer = assistant.ask("Put these in order, with their dates: the Harbourton delegation's "
                           "visit to Murmansk in May, and Mayor Ivan Petrov's delegation at the "
                           "Second Polar Expo.")
    assert {c.article_id for c in answer.citations} == {"twinning-2015", "return-2016"}, \
        answer.text
    assert answer.text.index("2015") < answer.text.index("2016"), answer.text
