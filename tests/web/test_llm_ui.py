"""Generated answers stream into the real Gradio chat, read through gradio_client."""

from __future__ import annotations

import pytest
from fake_openai import FakeOpenAI, answer, status
from llm_support import HUAINAN_Q, article_number, llm_assistant

pytestmark = pytest.mark.timeout(120)


def reply(body: dict) -> str:
    n = article_number(body["messages"][-1]["content"], "Huainan")
    return (f"Lin Qu visited Huainan on November 25th [{n}]. "
            f"He signed a coal deal worth 5 billion yuan [{n}].")


@pytest.fixture(scope="module")
def chat(seed_assistant):  # type: ignore[no-untyped-def]
    from gradio_client import Client

    from assistant.web.app import build_ui

    with FakeOpenAI(answer(reply, chunk_size=4, delay=0.01)) as srv:
        demo = build_ui(llm_assistant(seed_assistant, srv.base_url, llm_timeout=3.0))
        demo.queue()
        _, url, _ = demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
        try:
            yield srv, Client(url, verbose=False)
        finally:
            demo.close()


def bubbles(output: tuple) -> list[str]:  # type: ignore[type-arg]
    """The text of each chat message in one streamed update."""
    return [" ".join(part["text"] for part in m["content"]) for m in output[0]]


def test_answer_streams_into_the_chat(chat):
    srv, client = chat
    srv.reset()
    job = client.submit(HUAINAN_Q, [], api_name="/chat")
    job.result(timeout=60)
    outputs = job.outputs()
    updates = [bubbles(o)[-1] for o in outputs]
    picked, view = [(o[2], o[3]) for o in outputs if isinstance(o[3], str)][-1]  # last panel change
    assert updates[0] == "…" and len(updates) > 10
    assert any(u.startswith("Lin Qu v") and "[" not in u for u in updates)  # tokens, unverified
    assert updates[-1] == ("Lin Qu visited Huainan on November 25th [[1]](#source-1). "
                           "⚠ (unsupported) He signed a coal deal worth 5 billion yuan.")
    label = "[1] General Manager Lin Qu and his team visits Huainan (November 25)"
    assert picked["value"] == label and picked["choices"] == [[label, label]]
    assert "<mark>On November 25th" in view


def test_a_failing_model_shows_quotes_and_a_notice(chat):
    srv, client = chat
    srv.reset()
    srv.script(*[status(503, headers={"retry-after-ms": "10"})] * 3)
    final = client.predict(HUAINAN_Q, [], api_name="/chat")
    text = bubbles(final)[-1]
    assert text.startswith("*The language model had a server error (503)")
    assert "[[1]](#source-1)" in text and "Traceback" not in text
