"""A light bench/load.py: concurrent chat users through gradio_client, every answer checked."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from browser import serve
from conftest import ROOT

pytestmark = pytest.mark.timeout(180)
_spec = importlib.util.spec_from_file_location("load", ROOT / "bench" / "load.py")
load = sys.modules["load"] = importlib.util.module_from_spec(_spec)  # dataclasses look it up
_spec.loader.exec_module(load)


def test_concurrent_users_each_get_their_own_answer(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.web.render import answer_markdown

    questions = load.read_questions()[:12]
    expected = {q: answer_markdown(seed_assistant.ask(q)) for q in questions}

    def same_as_alone(question: str, output: object) -> str | None:
        got = load.last_answer(output)
        return None if got == expected[question] else f"{question!r} got {got[:80]!r}"

    with serve(seed_assistant, seed_assistant.settings) as url:
        result = load.run_users(url, questions, users=4, seconds=10, check=same_as_alone)
    summary = result.summary()
    assert summary["errors"] == 0, summary["first_error"]
    assert summary["requests"] >= 8  # every user was answered, more than once
