"""Retrieval's article spread for lists (assistant/store/retrieve.py), on the seed store."""

from __future__ import annotations

from assistant.store.retrieve import OTHER_ARTICLES


def test_other_articles_brings_one_passage_of_each_article_not_yet_found(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    retriever = seed_assistant.retriever
    question = "Who signed agreements with Lingang Group?"
    first = retriever.retrieve(question)  # six passages of one article
    others = retriever.other_articles(question, first)
    ids = [p.article_id for p in others]
    assert 1 <= len(ids) <= OTHER_ARTICLES and len(set(ids)) == len(ids)
    assert not set(ids) & {p.article_id for p in first}
    narrowed = set(ids[1:])  # searched within some articles only: none of the others
    kept = retriever.other_articles(question, first, article_ids=narrowed)
    assert {p.article_id for p in kept} == narrowed
