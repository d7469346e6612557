"""Helpers for tests of the llm answerer: the seed Assistant asking a model server."""

from __future__ import annotations

import dataclasses
import re

from assistant.answering.llm.client import make_llm
from assistant.answering.llm.generate import LLMAnswerer
from assistant.answering.llm.prompts import Prompts
from assistant.app.pipeline import Assistant
from assistant.records import Answer
from assistant.text.sentences import markers

HUAINAN_Q = "Who visited Huainan on November 25th, and who received them?"


def llm_assistant(base: Assistant, base_url: str, **overrides: object) -> Assistant:
    """`base` (the seed assistant) with an llm answerer on `base_url`; extractive as fallback."""
    values: dict[str, object] = {"answerer": "llm", "openai_base_url": base_url,
                                 "chat_model": "fake-model", "llm_timeout": 5.0}
    values.update(overrides)
    settings = base.settings.model_copy(update=values)
    answerer = LLMAnswerer(make_llm(settings), base.answerer, Prompts.load(), settings)
    return dataclasses.replace(base, settings=settings, answerer=answerer)


def article_number(prompt: str, title_word: str) -> int:
    """The [n] the answer prompt gives the article whose title contains `title_word`."""
    found = re.search(rf'<passage n="(\d+)" title="[^"]*{title_word}', prompt)
    assert found, f"no passage titled with {title_word!r} in the prompt"
    return int(found[1])


def assert_citations_resolve(answer: Answer, assistant: Assistant) -> None:
    """Every [n] names a citation, and every quote is the article's text at its offsets."""
    numbers = {c.n for c in answer.citations}
    assert set(markers(answer.text)) <= numbers, answer.text
    assert numbers == set(range(1, len(numbers) + 1))
    for c in answer.citations:
        body = assistant.article(c.article_id).body  # type: ignore[union-attr]
        assert c.quotes
        for q in c.quotes:
            assert body[q.start:q.end] == q.text
