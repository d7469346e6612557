"""The `--json` contract of the llm answerer, through the real command line and a local server."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import MODEL_CACHE, ROOT, SEEDS
from fake_openai import FakeOpenAI, answer, status
from helpers import rendered_problems
from llm_support import HUAINAN_Q, article_number

from assistant.text.sentences import markers

pytestmark = pytest.mark.timeout(120)
KEY = "sk-test-cli-7Hq2Lw9PzSECRET"


def reply(body: dict) -> str:
    n = article_number(body["messages"][-1]["content"], "Huainan")
    return (f"Lin Qu visited Huainan on November 25th [{n}]. "
            f"He signed a coal deal worth 5 billion yuan [{n}]. It rained [{n + 30}].")


@pytest.fixture(scope="module")
def store(seed_store_settings, tmp_path_factory):  # type: ignore[no-untyped-def]
    """A private copy of the seed store: a second process never opens the session's store."""
    target = tmp_path_factory.mktemp("cli") / "store"
    shutil.copytree(seed_store_settings.store_dir, target)
    return target


@pytest.fixture(scope="module")
def srv():  # type: ignore[no-untyped-def]
    with FakeOpenAI(answer(reply)) as server:
        yield server


def ask(store: Path, base_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    env.update({"ASSISTANT_STORE_DIR": str(store), "ASSISTANT_SEEDS_DIR": str(SEEDS),
                "ASSISTANT_MODEL_CACHE_DIR": str(MODEL_CACHE), "ASSISTANT_CHAT_MODEL": "fake-model",
                "ASSISTANT_LLM_TIMEOUT": "5", "OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": KEY,
                "PYTHONPATH": str(ROOT)})
    return subprocess.run([sys.executable, "-m", "assistant", "ask", *args], check=False, env=env,
                          cwd=store.parent, capture_output=True, text=True, timeout=100)


def test_json_contract_of_the_llm_answerer(store, srv):
    srv.reset()
    done = ask(store, srv.base_url, "--json", HUAINAN_Q)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    data = json.loads(line)
    assert (data["answerer"], data["model"], data["abstained"]) == ("llm", "fake-model", False)
    assert data["answer"] == ("Lin Qu visited Huainan on November 25th [1]. ⚠ (unsupported) He "
                              "signed a coal deal worth 5 billion yuan. ⚠ (unsupported) It rained.")
    assert data["unsupported"] == ["He signed a coal deal worth 5 billion yuan.", "It rained."]
    assert data["unknown_citations"] == 1 and "notice" not in data
    assert set(markers(data["answer"])) == {c["n"] for c in data["citations"]} == {1}
    body = (SEEDS / f"{data['citations'][0]['article_id']}.txt").read_text()
    for q in data["citations"][0]["quotes"]:
        assert body[q["start"]:q["end"]] == q["text"]


def markup_reply(body: dict) -> str:
    n = article_number(body["messages"][-1]["content"], "Huainan")
    return (f"Lin Qu visited Huainan on November 25th [{n}]. It rained "
            f"![pixel](http://evil.example/p.png) <img src=x onerror=alert(1)> [{n}]. "
            f"<script>fetch('http://evil.example/')</script> They left [{n}].")


def test_json_answer_is_the_sanitised_markdown_the_chat_shows(store, srv):
    srv.reset()
    srv.script(answer(markup_reply))
    done = ask(store, srv.base_url, "--json", HUAINAN_Q)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["answer"].startswith("Lin Qu visited Huainan on November 25th [1]. ")
    assert not rendered_problems(data["answer"]), data["answer"]
    assert "<" not in data["answer"] and "](http" not in data["answer"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in " ".join(data["unsupported"])  # as text
    body = (SEEDS / f"{data['citations'][0]['article_id']}.txt").read_text()
    assert data["citations"][0]["quote"] in body  # quotes stay verbatim


def raw_reply(body: dict) -> str:
    n = article_number(body["messages"][-1]["content"], "Huainan")
    return (f"Lin Qu visited Huainan on November 25th [{n}]. It rained \x1b[31mhard\x1b[0m on "
            f"<b onclick=alert(1)>the</b> [town](http://evil.example/t) \u202ewww.evil.example"
            f"\u202c\x07 <!-- hidden --> and ![x](data:image/png;base64,AAAA) all day [{n}].")


def test_unsupported_sentences_are_the_safe_text_the_answer_shows(store, srv):
    srv.reset()
    srv.script(answer(raw_reply))
    done = ask(store, srv.base_url, "--json", HUAINAN_Q)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    (claim,) = data["unsupported"]  # the model's sentence the verifier did not find in a source
    assert claim.startswith("It rained") and "hard" in claim and "town" in claim, claim
    assert f"⚠ (unsupported) {claim}" in data["answer"]  # the very text the answer shows
    assert not rendered_problems(claim), claim
    assert not re.search(r"<|\]\(|data:", claim), claim
    assert not [ch for ch in claim if unicodedata.category(ch) in ("Cc", "Cf")], claim


@pytest.mark.parametrize("as_json", [True, False])
def test_bad_key_gives_quotes_a_notice_and_never_the_key(store, srv, as_json):
    srv.reset()
    srv.script(status(401, message=f"Incorrect API key provided: {KEY[:3]}***"))
    done = ask(store, srv.base_url, *(["--json"] if as_json else []), HUAINAN_Q)
    assert done.returncode == 0, done.stderr
    assert srv.chat_requests[-1].headers["authorization"] == f"Bearer {KEY}"
    output = done.stdout + done.stderr
    assert KEY not in output and KEY[-10:] not in output and "Traceback" not in output
    if as_json:
        data = json.loads(done.stdout)
        assert data["answerer"] == "extractive" and "401" in data["notice"] and data["citations"]
    else:
        assert "(The language model rejected the API key (401)" in done.stdout
