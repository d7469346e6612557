"""The llm answerer end to end against a real llama.cpp server with SmolLM2-135M (make test-live).

The model is tiny and its answers are poor: what is under test is the protocol path (prompt,
streamed tokens, verification), not the quality. Every citation left after verification resolves.
"""

from __future__ import annotations

import pytest
from live_server import LiveModelServer, llama_cpp_server_available
from llm_support import HUAINAN_Q, assert_citations_resolve, llm_assistant

pytestmark = [pytest.mark.live, pytest.mark.timeout(300)]


def test_briefing_question_streams_through_a_real_model_server(seed_assistant):
    if not llama_cpp_server_available():
        pytest.fail("llama-cpp-python[server] is not installed: run `make test-live`")
    with LiveModelServer(startup_timeout=90) as srv:
        assistant = llm_assistant(seed_assistant, srv.base_url, chat_model=srv.alias,
                                  llm_timeout=120.0, max_tokens=120)
        partials = list(assistant.stream(HUAINAN_Q))
        follow_up = assistant.ask("And who received them?", [HUAINAN_Q])
    final = partials[-1]
    assert final.answerer == "llm" and final.notice is None, final.notice  # no fallback
    assert final.model == srv.alias
    assert len(partials) >= 3, "the answer did not stream"
    assert len({p.text for p in partials}) >= 3
    assert_citations_resolve(final, assistant)
    assert final.citations or final.abstained  # verified, or honestly not covered
    assert follow_up.notice is None and follow_up.standalone  # the model rewrote the follow-up
    assert_citations_resolve(follow_up, assistant)
