"""Exercise tests/fake_openai.py with the real clients the app uses.

Each failure mode below pins down how it surfaces in ``openai`` 2.54 and in llama-index's
``OpenAILike`` (llama-index-llms-openai 0.8.3), so the app's error handling can be written
against facts rather than guesses:

    mode                      openai / OpenAILike.chat       streaming (openai and stream_chat)
    ------------------------  -----------------------------  ----------------------------------------
    500                       openai.InternalServerError     same, raised by the first next()
    401                       openai.AuthenticationError     same, raised by the first next()
    429                       openai.RateLimitError          same (after the client's own retries)
    hang (before headers)     openai.APITimeoutError         same (cause: httpx.ReadTimeout)
    malformed JSON            json.JSONDecodeError (!)       json.JSONDecodeError after the valid
                              not an openai.APIError         chunks were delivered
    cut_stream (FIN)          openai.APIConnectionError      httpx.RemoteProtocolError (!) after the
                                                             partial deltas were delivered
    cut_stream(reset=True)    openai.APIConnectionError      httpx.ReadError (!) after partial deltas
    cut_stream(clean=True)    -                              NO exception: silently truncated text,
                                                             last chunk has finish_reason None
    stall (mid-stream)        openai.APITimeoutError         httpx.ReadTimeout (!) after partial deltas

(!) = not a subclass of openai.APIError: errors in the middle of a stream come straight from
httpx (all are httpx.TransportError), and a bad JSON body is a bare ValueError. A cut stream is
never silently truncated unless the HTTP body itself ends cleanly; to detect that case check that
the last chunk's finish_reason is "stop".

Retries: OpenAILike passes ``max_retries`` to the openai client AND wraps non-streaming calls in
its own tenacity retry (``stop_after_attempt(max_retries)``), so a persistently failing
``chat()`` makes max_retries * (max_retries + 1) requests (2 -> 6, 3 -> 12), while
``stream_chat()`` makes max_retries + 1 (the tenacity wrapper only covers creating the
generator). max_retries=1 gives 2 requests either way.
"""

from __future__ import annotations

import json
import threading
import time

import httpx
import openai
import pytest
from fake_openai import (
    FakeOpenAI,
    answer,
    cut_stream,
    hang,
    malformed,
    respond,
    stall,
    status,
)
from llama_index.core.llms import ChatMessage
from llama_index.llms.openai_like import OpenAILike

pytestmark = pytest.mark.timeout(30)

MSGS = [{"role": "user", "content": "What was signed in Lingang?"}]
LMSGS = [ChatMessage(role="user", content="What was signed in Lingang?")]


@pytest.fixture
def srv():
    with FakeOpenAI() as s:
        yield s


def oa(srv: FakeOpenAI, **kw) -> openai.OpenAI:
    kw.setdefault("max_retries", 0)
    kw.setdefault("timeout", 5.0)
    return openai.OpenAI(base_url=srv.base_url, api_key="test", **kw)


def li(srv: FakeOpenAI, **kw) -> OpenAILike:
    kw.setdefault("max_retries", 0)
    kw.setdefault("timeout", 5.0)
    return OpenAILike(
        model="smollm2", api_base=srv.base_url, api_key="test", is_chat_model=True, **kw
    )


def oa_stream_text(client: openai.OpenAI, **kw) -> str:
    stream = client.chat.completions.create(model="m", messages=MSGS, stream=True, **kw)
    return "".join((c.choices[0].delta.content or "") for c in stream if c.choices)


# --------------------------------------------------------------------------- happy path


def test_openai_answer_and_request_recorded(srv):
    srv.script(answer("Two agreements were signed."))
    r = oa(srv).chat.completions.create(model="m", messages=MSGS)
    assert r.choices[0].message.content == "Two agreements were signed."
    assert r.choices[0].finish_reason == "stop"
    assert r.usage.total_tokens > 0

    (req,) = srv.chat_requests
    assert req.method == "POST" and req.path == "/v1/chat/completions"
    assert req.headers["authorization"] == "Bearer test"
    assert req.body["model"] == "m"
    assert req.body["messages"] == MSGS
    assert "Lingang" in req.prompt_text
    assert not req.stream


def test_openai_stream_reassembled(srv):
    text = "The delegation visited the Lingang special area on Monday."
    srv.script(answer(text, chunk_size=3))
    chunks = list(
        oa(srv).chat.completions.create(
            model="m", messages=MSGS, stream=True, stream_options={"include_usage": True}
        )
    )
    contents = [c.choices[0].delta.content for c in chunks if c.choices]
    assert "".join(x or "" for x in contents) == text
    assert len([x for x in contents if x]) == -(-len(text) // 3)  # many small pieces
    assert chunks[0].choices[0].delta.role == "assistant"
    finals = [c.choices[0].finish_reason for c in chunks if c.choices]
    assert finals[-1] == "stop" and set(finals[:-1]) == {None}
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0
    assert srv.last_request.stream


def test_default_queue_and_pending(srv):
    srv.default = "default answer"
    srv.script("first", answer("second"))
    assert srv.pending == 2
    c = oa(srv)
    got = [
        c.chat.completions.create(model="m", messages=MSGS).choices[0].message.content
        for _ in range(3)
    ]
    assert got == ["first", "second", "default answer"]
    assert srv.pending == 0


def test_answer_computed_from_request(srv):
    # answer based on the prompt: echo the passage ids the prompt contains
    def cite(body: dict) -> str:
        prompt = "\n".join(m["content"] for m in body["messages"])
        ids = [w for w in prompt.split() if w.startswith("[P")]
        return "Cited: " + " ".join(ids)

    srv.default = answer(cite)
    llm = li(srv)
    msgs = [
        ChatMessage(role="system", content="Answer from the passages only."),
        ChatMessage(role="user", content="Passages: [P1] alpha [P2] beta. Question?"),
    ]
    assert llm.chat(msgs).message.content == "Cited: [P1] [P2]"
    assert "".join(r.delta or "" for r in llm.stream_chat(msgs)) == "Cited: [P1] [P2]"
    # respond(): full control, may return any behaviour
    srv.script(respond(lambda req: status(401) if "secret" in req.prompt_text else "fine"))
    with pytest.raises(openai.AuthenticationError):
        llm.chat([ChatMessage(role="user", content="secret")])


def test_openailike_chat_and_stream_chat(srv):
    srv.default = answer("Hello from the fake server.", chunk_size=2)
    llm = li(srv)
    assert llm.chat(LMSGS).message.content == "Hello from the fake server."

    responses = list(llm.stream_chat(LMSGS))
    deltas = [r.delta for r in responses if r.delta]
    assert len(deltas) > 5
    assert "".join(deltas) == "Hello from the fake server."
    assert responses[-1].message.content == "Hello from the fake server."
    assert responses[-1].raw.choices[0].finish_reason == "stop"

    reqs = srv.chat_requests
    assert [r.path for r in reqs] == ["/v1/chat/completions"] * 2
    assert [r.stream for r in reqs] == [False, True]
    assert all(r.headers["authorization"] == "Bearer test" for r in reqs)
    assert reqs[0].body["model"] == "smollm2"


def test_models_endpoint(srv):
    srv.models = ["smollm2", "other"]
    assert [m.id for m in oa(srv).models.list()] == ["smollm2", "other"]
    assert srv.requests[-1].path == "/v1/models"
    assert srv.chat_requests == []  # GET /models does not consume the script
    r = httpx.get(srv.url + "/nope")
    assert r.status_code == 404 and "error" in r.json()


def test_non_chat_model_uses_legacy_completions(srv):
    srv.default = "legacy text"
    llm = OpenAILike(model="m", api_base=srv.base_url, api_key="test", max_retries=0, timeout=5)
    assert llm.complete("Hi").text == "legacy text"
    assert "".join(r.delta for r in llm.stream_complete("Hi")) == "legacy text"
    assert [r.path for r in srv.chat_requests] == ["/v1/completions"] * 2
    assert srv.chat_requests[0].body["prompt"] == "Hi"


# --------------------------------------------------------------------------- HTTP errors


def test_429_retry_after_then_success_openai(srv):
    srv.script(status(429, headers={"Retry-After": "1"}), answer("after the wait"))
    t = time.monotonic()
    r = oa(srv, max_retries=1).chat.completions.create(model="m", messages=MSGS)
    elapsed = time.monotonic() - t
    assert r.choices[0].message.content == "after the wait"
    assert 0.9 <= elapsed < 5  # Retry-After was honoured
    reqs = srv.chat_requests
    assert len(reqs) == 2
    assert [r.headers["x-stainless-retry-count"] for r in reqs] == ["0", "1"]


def test_429_retry_then_success_openailike(srv):
    llm = li(srv, max_retries=1)
    srv.script(status(429, headers={"Retry-After": "1"}), answer("chat ok"))
    assert llm.chat(LMSGS).message.content == "chat ok"
    srv.script(status(429, headers={"Retry-After": "1"}), answer("stream ok"))
    assert "".join(r.delta or "" for r in llm.stream_chat(LMSGS)) == "stream ok"
    assert len(srv.chat_requests) == 4


def test_429_without_retries_is_rate_limit_error(srv):
    srv.script(status(429), status(429))
    with pytest.raises(openai.RateLimitError) as ei:
        oa(srv).chat.completions.create(model="m", messages=MSGS)
    assert ei.value.status_code == 429
    with pytest.raises(openai.RateLimitError):
        list(li(srv).stream_chat(LMSGS))


@pytest.mark.parametrize("stream", [False, True])
def test_500_internal_server_error(srv, stream):
    srv.default = status(500, "boom")
    with pytest.raises(openai.InternalServerError) as ei:
        if stream:
            oa_stream_text(oa(srv))
        else:
            oa(srv).chat.completions.create(model="m", messages=MSGS)
    assert ei.value.status_code == 500
    assert ei.value.body["message"] == "boom"
    with pytest.raises(openai.InternalServerError):
        if stream:
            list(li(srv).stream_chat(LMSGS))
        else:
            li(srv).chat(LMSGS)
    assert len(srv.chat_requests) == 2  # max_retries=0: no retry anywhere


@pytest.mark.parametrize("stream", [False, True])
def test_401_authentication_error(srv, stream):
    srv.default = status(401, "Incorrect API key provided")
    with pytest.raises(openai.AuthenticationError) as ei:
        if stream:
            list(li(srv).stream_chat(LMSGS))
        else:
            li(srv).chat(LMSGS)
    assert ei.value.status_code == 401
    assert ei.value.code == "invalid_api_key"
    assert isinstance(ei.value, openai.APIStatusError)


def test_openailike_retries_multiply(srv):
    # retry-after-ms keeps the openai client's own back-off short
    srv.default = status(500, headers={"retry-after-ms": "10"})
    llm = li(srv, max_retries=2)
    with pytest.raises(openai.InternalServerError):
        llm.chat(LMSGS)
    assert len(srv.chat_requests) == 6  # 2 tenacity attempts x (1 + 2 client retries)
    srv.reset()
    with pytest.raises(openai.InternalServerError):
        list(llm.stream_chat(LMSGS))
    assert len(srv.chat_requests) == 3  # streaming: only the client's retries


# --------------------------------------------------------------------------- timeouts


@pytest.mark.parametrize("stream", [False, True])
def test_hang_times_out_within_timeout(srv, stream):
    srv.default = hang(20)
    t = time.monotonic()
    with pytest.raises(openai.APITimeoutError) as ei:
        if stream:
            oa_stream_text(oa(srv, timeout=1.0))
        else:
            oa(srv, timeout=1.0).chat.completions.create(model="m", messages=MSGS)
    assert time.monotonic() - t < 2.5
    assert isinstance(ei.value.__cause__, httpx.ReadTimeout)

    t = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        if stream:
            list(li(srv, timeout=1.0).stream_chat(LMSGS))
        else:
            li(srv, timeout=1.0).chat(LMSGS)
    assert time.monotonic() - t < 2.5


def test_hang_does_not_block_other_requests_or_shutdown():
    s = FakeOpenAI().start()
    try:
        s.script(hang(25))
        errors: list = []

        def slow() -> None:
            try:
                oa(s, timeout=20).chat.completions.create(model="m", messages=MSGS)
            except Exception as e:  # noqa: BLE001
                errors.append(e)

        th = threading.Thread(target=slow, daemon=True)
        th.start()
        s.wait_for_requests(1, timeout=5)
        t = time.monotonic()
        r = oa(s).chat.completions.create(model="m", messages=MSGS)
        assert r.choices[0].message.content == s.default_text
        assert time.monotonic() - t < 1.5
    finally:
        t = time.monotonic()
        s.stop()
        assert time.monotonic() - t < 1.5
    th.join(5)
    assert not th.is_alive()
    # the hanging handler was woken and dropped the connection
    assert len(errors) == 1 and isinstance(errors[0], openai.APIConnectionError)


def test_hang_then_answers_when_client_waits(srv):
    srv.script(hang(0.3, then=answer("late")))
    t = time.monotonic()
    r = oa(srv, timeout=5).chat.completions.create(model="m", messages=MSGS)
    assert r.choices[0].message.content == "late"
    assert time.monotonic() - t >= 0.3


def test_stall_mid_stream_is_httpx_read_timeout(srv):
    srv.default = stall(8, 20, "Hello world, and more")
    deltas: list = []
    t = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        for r in li(srv, timeout=1.0).stream_chat(LMSGS):
            deltas.append(r.delta or "")
    assert time.monotonic() - t < 2.5
    assert "".join(deltas) == "Hello wo"
    # the non-streamed variant is an ordinary timeout
    with pytest.raises(openai.APITimeoutError):
        li(srv, timeout=1.0).chat(LMSGS)


# --------------------------------------------------------------------------- broken bodies


def test_malformed_json_is_bare_json_error(srv):
    srv.default = malformed()
    with pytest.raises(json.JSONDecodeError) as ei:
        oa(srv).chat.completions.create(model="m", messages=MSGS)
    assert not isinstance(ei.value, openai.APIError)
    with pytest.raises(json.JSONDecodeError):
        li(srv).chat(LMSGS)


def test_malformed_stream_line(srv):
    srv.default = malformed(stream_text="Partial")
    with pytest.raises(json.JSONDecodeError):
        oa_stream_text(oa(srv))
    deltas: list = []
    with pytest.raises(json.JSONDecodeError):
        for r in li(srv).stream_chat(LMSGS):
            deltas.append(r.delta or "")
    assert "".join(deltas) == "Partial"  # chunks before the bad line were delivered


def test_cut_stream_raises_after_partial_content(srv):
    """A dropped connection mid-stream raises (never silent) after the partial deltas."""
    srv.default = cut_stream(8, "Hello world, this is cut")
    deltas: list = []
    with pytest.raises(httpx.RemoteProtocolError):
        for r in li(srv).stream_chat(LMSGS):
            deltas.append(r.delta or "")
    assert "".join(deltas) == "Hello wo"
    with pytest.raises(httpx.RemoteProtocolError):
        oa_stream_text(oa(srv))
    # a non-streamed body cut short is a connection error
    with pytest.raises(openai.APIConnectionError):
        li(srv).chat(LMSGS)


def test_cut_stream_reset_is_read_error(srv):
    srv.default = cut_stream(8, "Hello world, this is cut", reset=True)
    with pytest.raises(httpx.ReadError):
        list(li(srv).stream_chat(LMSGS))
    with pytest.raises(openai.APIConnectionError):
        oa(srv).chat.completions.create(model="m", messages=MSGS)


def test_cut_stream_clean_is_silent_truncation(srv):
    """Body ends properly but without finish chunk and [DONE]: no error, check finish_reason."""
    srv.default = cut_stream(8, "Hello world, this is cut", clean=True)
    responses = list(li(srv).stream_chat(LMSGS))
    assert responses[-1].message.content == "Hello wo"
    assert responses[-1].raw.choices[0].finish_reason is None
    assert oa_stream_text(oa(srv)) == "Hello wo"
