"""The llm answerer against a local OpenAI-compatible server: verification, streaming, failures."""

from __future__ import annotations

import json
import logging
import re
import socket
import time

import pytest
from fake_openai import FakeOpenAI, answer, cut_stream, hang, malformed, status
from llm_support import HUAINAN_Q, article_number, assert_citations_resolve, llm_assistant
from pydantic import SecretStr

from assistant.records import NOT_COVERED
from assistant.web.render import answer_json

pytestmark = pytest.mark.timeout(60)
KEY = "sk-test-Zq9vXk2mB7SECRET"
CONDENSED = "Who received the Lingang team that visited Huainan on November 25th?"


def huainan_reply(body: dict) -> str:
    """A supported sentence, a second supported one, an invented one, one with an unknown [n]."""
    prompt = body["messages"][-1]["content"]
    if "Standalone question:" in prompt:
        return CONDENSED
    n = article_number(prompt, "Huainan")
    return (f"Lin Qu visited Huainan on November 25th [{n}]. They were received by Qianshen Wang, "
            f"Deputy Secretary of Huainan Municipal Party Committee [{n}]. Lin Qu also signed a "
            f"coal investment deal worth 5 billion yuan [{n}]. "
            f"The mayor praised the visit [{n + 40}].")


@pytest.fixture(scope="module")
def server():  # type: ignore[no-untyped-def]
    with FakeOpenAI() as srv:
        yield srv


@pytest.fixture
def srv(server):  # type: ignore[no-untyped-def]
    server.reset()
    server.default = answer(huainan_reply)
    return server


def test_sentences_are_verified_marked_and_cited(srv, seed_assistant):
    assistant = llm_assistant(seed_assistant, srv.base_url)
    result = assistant.ask(HUAINAN_Q)
    assert (result.answerer, result.model, result.abstained, result.notice) == \
        ("llm", "fake-model", False, None)
    assert result.text.startswith("Lin Qu visited Huainan on November 25th [1]. They were "
                                  "received by Qianshen Wang")
    assert "⚠ (unsupported) Lin Qu also signed a coal investment deal" in result.text
    assert result.unsupported == ["Lin Qu also signed a coal investment deal worth 5 billion yuan.",
                                  "The mayor praised the visit."]
    assert result.unknown_citations == 1 and "[41]" not in result.text
    (cited,) = result.citations
    assert cited.title == "General Manager Lin Qu and his team visits Huainan"
    assert_citations_resolve(result, assistant)
    quoted = " ".join(q.text for q in result.citations[0].quotes)
    assert "They were received by Qianshen Wang" in quoted and "November 25th" in quoted

    (request,) = srv.chat_requests
    body = request.body
    assert body["stream"] and body["model"] == "fake-model" and body["max_tokens"] == 400
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert f"Question: {HUAINAN_Q}" in body["messages"][1]["content"]


def test_unsupported_sentences_can_be_removed(srv, seed_assistant):
    result = llm_assistant(seed_assistant, srv.base_url, unsupported="remove").ask(HUAINAN_Q)
    assert "coal" not in result.text and "⚠" not in result.text and "mayor" not in result.text
    assert len(result.unsupported) == 2 and result.citations


@pytest.mark.parametrize("reply", [
    "The articles do not cover this.",
    "Lin Qu opened a museum in Paris [1]. He was awarded a medal [2].",
    "Lin Qu visited Huainan on November 25th.",  # true, but cites nothing
])
def test_nothing_verified_means_not_covered(srv, seed_assistant, reply):
    srv.default = answer(reply)
    result = llm_assistant(seed_assistant, srv.base_url).ask(HUAINAN_Q)
    assert result.abstained and result.text == NOT_COVERED and result.citations == []
    assert result.answerer == "llm"


def test_tokens_stream_and_sentences_settle_when_complete(srv, seed_assistant):
    srv.default = answer(huainan_reply, chunk_size=3, delay=0.005)
    partials = list(llm_assistant(seed_assistant, srv.base_url).stream(HUAINAN_Q))
    final, first_sentence = partials[-1], "Lin Qu visited Huainan on November 25th [1]."
    assert len(partials) > 20
    for p in partials[:-1]:
        if not p.citations:  # no sentence complete yet: raw text, no [n], no marks
            assert "[" not in p.text and "⚠" not in p.text
        else:
            assert p.text.startswith(first_sentence)
        if "⚠" in p.text:
            assert "⚠ (unsupported) Lin Qu also signed a coal investment deal worth 5 billion " \
                "yuan." in p.text
    assert any(not p.citations for p in partials) and any(p.citations for p in partials[:-1])
    assert final.text == llm_assistant(seed_assistant, srv.base_url).ask(HUAINAN_Q).text


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/v1"


FAILURES = {  # name: (behaviours, words of the notice, requests made)
    "429": ([status(429, headers={"Retry-After": "0.2"})] * 3, "rate-limiting requests (429)", 3),
    "500": ([status(500, headers={"retry-after-ms": "50"})] * 3, "server error (500)", 3),
    "401": ([status(401)], "rejected the API key (401)", 1),
    "hang": ([hang(30)], "did not answer in time", 1),
    "malformed": ([malformed("Lin Qu")], "reply that could not be read", 1),
    "cut": ([cut_stream(60)], "stopped in the middle", 1),
    "cut clean": ([cut_stream(60, clean=True)], "stopped in the middle", 1),
    "Retry-After past the budget": ([status(429, headers={"Retry-After": "60"})],
                                    "rate-limiting", 1),
}


@pytest.mark.parametrize("name", list(FAILURES))
def test_failures_fall_back_to_quotes_with_a_notice(srv, seed_assistant, name):
    behaviours, words, requests = FAILURES[name]
    srv.script(*behaviours)
    assistant = llm_assistant(seed_assistant, srv.base_url, llm_timeout=2.0)
    began = time.monotonic()
    partials = list(assistant.stream(HUAINAN_Q))
    elapsed = time.monotonic() - began
    result = partials[-1]
    assert result.answerer == "extractive" and words in result.notice
    assert result.citations and not result.abstained and "Traceback" not in result.text
    assert len(srv.chat_requests) == requests
    assert elapsed < assistant.settings.llm_timeout + 3  # within the timeout budget
    if name.startswith("cut"):
        assert partials[0].answerer == "llm"  # tokens were streamed before the cut


def test_429_with_retry_after_then_success(srv, seed_assistant):
    srv.script(status(429, headers={"Retry-After": "1"}))
    began = time.monotonic()
    result = llm_assistant(seed_assistant, srv.base_url).ask(HUAINAN_Q)
    assert result.answerer == "llm" and result.notice is None
    assert time.monotonic() - began >= 1 and len(srv.chat_requests) == 2


def test_connection_refused_falls_back(seed_assistant):
    assistant = llm_assistant(seed_assistant, closed_port_url(), llm_timeout=3.0)
    result = assistant.ask(HUAINAN_Q)
    assert result.answerer == "extractive" and "could not be reached" in result.notice


def test_follow_up_rewritten_by_the_model(srv, seed_assistant):
    assistant = llm_assistant(seed_assistant, srv.base_url)
    first = "Who led the Lingang team on the Huainan trip?"
    result = assistant.ask("And who received them?", [first])
    assert result.standalone == CONDENSED and result.question == "And who received them?"
    condensing, answering = srv.chat_requests
    prompt = condensing.body["messages"][-1]["content"]
    assert first in prompt and "Last question: And who received them?" in prompt
    assert f"Question: {CONDENSED}" in answering.body["messages"][-1]["content"]
    assert "Qianshen Wang" in result.text and result.answerer == "llm"


def test_failed_rewrite_uses_the_rule_and_skips_the_model(srv, seed_assistant):
    srv.script(status(401))
    assistant = llm_assistant(seed_assistant, srv.base_url)
    result = assistant.ask("And who received them?", ["Who led the Lingang team to Huainan?"])
    assert result.answerer == "extractive" and "401" in result.notice
    assert "Huainan" in result.standalone and len(srv.chat_requests) == 1


def test_the_key_never_appears_in_output_or_logs(srv, seed_assistant, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    srv.script(status(401, message="Incorrect API key provided"))
    assistant = llm_assistant(seed_assistant, srv.base_url, openai_api_key=SecretStr(KEY))
    result = assistant.ask(HUAINAN_Q)
    assert srv.chat_requests[-1].headers["authorization"] == f"Bearer {KEY}"  # it was sent
    out = capsys.readouterr()
    seen = [caplog.text, out.out, out.err, json.dumps(answer_json(result)), result.notice or "",
            repr(assistant.settings), assistant.status()]
    assert not any(KEY in text or KEY[-8:] in text for text in seen)
    assert re.search(r"401", result.notice or "")
