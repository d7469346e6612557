"""Retrieval and extractive answers over the five seeds, on the labelled questions in tests/data."""

from __future__ import annotations

import pytest
from conftest import ROOT, SEEDS, read_cases

from assistant.answering.overview.compose import MAX_ITEMS
from assistant.corpus.articles import load_articles
from assistant.eval.metrics import is_correction

CASES = read_cases(ROOT / "tests/data/calibration.jsonl")
ANSWERABLE = [c for c in CASES if c["answerable"]]
UNANSWERABLE = [c for c in CASES if not c["answerable"]]
BODIES = {a.id: a.body for a in load_articles(SEEDS, 2_000_000)[0]}


def last_turn(assistant, case):  # type: ignore[no-untyped-def]
    turns = [case["question"], *case.get("followups", [])]
    history = []
    for turn in turns:
        history.append(assistant.ask(turn, history))
    return history[-1]


def test_question_set_covers_what_the_issue_asks() -> None:
    assert len(CASES) >= 30 and len(UNANSWERABLE) >= 10
    assert {g for c in ANSWERABLE for g in c["gold_articles"]} == set(BODIES)


def test_gold_article_in_top3_for_90_percent(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    hits = 0
    for case in ANSWERABLE:
        standalone = last_turn(seed_assistant, case).standalone
        ranked = list(dict.fromkeys(p.article_id for p in seed_assistant.retriever.retrieve(
            standalone, top_k=20)))
        hits += bool(set(case["gold_articles"]) & set(ranked[:3]))
    assert hits / len(ANSWERABLE) >= 0.90


def test_declines_90_percent_of_unanswerable(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    """Declining is abstaining, or correcting a premise the articles do not support."""
    answers = [last_turn(seed_assistant, c) for c in UNANSWERABLE]
    assert sum(a.abstained or is_correction(a.text) for a in answers) / len(answers) >= 0.90
    for a in answers:
        if a.abstained:
            assert a.citations == [] and "do not cover" in a.text


@pytest.mark.parametrize("question", ["What is the population of Huainan?",
                                      "Who is the mayor of Lianyungang?",
                                      "Who is the treasurer of Lingang Group?",
                                      "How long did the Hongkou ceremony take?"])
def test_named_unanswerable_questions_abstain(seed_assistant, question: str) -> None:  # type: ignore[no-untyped-def]
    answer = seed_assistant.ask(question)
    assert answer.abstained and not answer.citations


def test_answers_cite_gold_and_quote_verbatim(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    cited_gold = answered = 0
    for case in ANSWERABLE:
        answer = last_turn(seed_assistant, case)
        if answer.abstained:
            continue
        answered += 1
        cited_gold += bool(set(case["gold_articles"]) & {c.article_id for c in answer.citations})
        numbers = [c.n for c in answer.citations]
        assert numbers == list(range(1, len(numbers) + 1))
        quotes = 0
        for c in answer.citations:
            for q in c.quotes:
                assert BODIES[c.article_id][q.start:q.end] == q.text  # offsets point at the quote
                assert f"“{q.text}”" in answer.text and f"[{c.n}]" in answer.text
                quotes += 1
        overview = answer.text.startswith("- ")  # one line per event or person, each quoted
        assert 1 <= quotes <= (2 * MAX_ITEMS if overview else seed_assistant.settings.max_quotes)
    assert answered / len(ANSWERABLE) >= 0.75
    assert cited_gold / answered >= 0.90


def test_follow_up_carries_the_subject(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    first = "Who visited Huainan on November 25th?"
    answer = seed_assistant.ask("And who received them?", [first])
    assert "Huainan" in answer.standalone
    assert not answer.abstained
    assert "Qianshen Wang" in answer.text
    assert answer.citations[0].article_id == "000_508ce06625000aaf"


def test_a_follow_up_searches_the_articles_it_follows_too(seed_store_settings, embedder, nlp) -> None:  # type: ignore[no-untyped-def]
    """ "Who did they meet there?" after an answer from one article: that article's passages are
    searched as well, after the best of all the articles (one passage each here)."""
    from assistant.app.pipeline import build_assistant
    from assistant.question.analyse import analyse
    from assistant.records import Previous

    one = build_assistant(seed_store_settings.model_copy(update={"top_k": 1}),
                          embedder=embedder, nlp=nlp)
    before = "001_8b6424cafdef1cef"
    question = analyse("Who did they meet there?", nlp,
                       Previous("Which delegation visited Lingang?", (), (before,)))
    alone = [p.article_id for p in one.retriever.retrieve(question.standalone)]
    assert before not in alone  # the search of every article does not bring it
    found = [p.article_id for p in one._retrieve(question, None)]
    assert found[:len(alone)] == alone and before in found
    assert before not in [p.article_id for p in one._retrieve(question, set(alone))]  # narrowed
