"""Retrieval's article spread for lists (assistant/store/retrieve.py), on the seed store."""

from __future__ import annotations

from assistant.store.retrieve import OTHER_ARTICLES


def test_a_spread_adds_one_passage_of_each_article_not_yet_found(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    retriever = seed_assistant.retriever
    question = "Who signed agreements with Lingang Group?"
    first = retriever.retrieve(question)  # six passages of one article
    spread = retriever.retrieve(question, spread=True)
    assert spread[:len(first)] == first  # the top passages as they were, then the others
    ids = [p.article_id for p in spread[len(first):]]
    assert 1 <= len(ids) <= OTHER_ARTICLES and len(set(ids)) == len(ids)
    assert not set(ids) & {p.article_id for p in first}
    narrowed = set(ids[1:])  # searched within some articles only: none of the others
    kept = retriever.retrieve(question, article_ids=narrowed, spread=True)
    assert {p.article_id for p in kept} == narrowed
