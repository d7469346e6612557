"""The CLI as a user runs it: subprocesses, real store, `--json` contract, stdin mode."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import run

pytestmark = pytest.mark.timeout(600)
KEYS = {"question", "answer", "abstained", "answerer", "citations"}
CITATION_KEYS = {"n", "article_id", "title", "date", "source", "quote", "start", "end"}


@pytest.fixture(scope="module")
def cli_env(seed_store_settings) -> dict[str, str]:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    env.update(ASSISTANT_STORE_DIR=str(seed_store_settings.store_dir),
               ASSISTANT_MODEL_CACHE_DIR=str(seed_store_settings.model_cache_dir),
               ASSISTANT_ANSWERER="extractive")
    return env


def test_ask_json_contract(cli_env: dict[str, str]) -> None:
    out = run(["ask", "--json", "When was the Hongkou and Lingang Group agreement signed?"], cli_env)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert KEYS <= set(data) and data["answerer"] == "extractive" and data["abstained"] is False
    assert data["citations"] and CITATION_KEYS <= set(data["citations"][0])
    c = data["citations"][0]
    assert c["article_id"] == "003_bffee769cd76aaaa" and c["n"] == 1
    body = Path(c["source"]).read_text()  # offsets point into the article text as indexed
    assert c["quote"] in body and "December 14" in c["quote"]
    assert f"[{c['n']}]" in data["answer"]


def test_positional_questions_are_one_conversation(cli_env: dict[str, str]) -> None:
    out = run(["ask", "--json", "Who visited Huainan on November 25th?", "And who received them?"],
              cli_env)
    assert out.returncode == 0, out.stderr
    first, second = (json.loads(line) for line in out.stdout.strip().splitlines())
    assert "Lin Qu" in first["answer"]
    # "them" is the people the first answer led with
    assert "Lin Qu" in second["standalone_question"] and "Qianshen Wang" in second["answer"]


def test_a_follow_up_reads_the_previous_answer_not_only_its_question(  # type: ignore[no-untyped-def]
        cli_env: dict[str, str]) -> None:
    out = run(["ask", "--json", "Who signed the Hongkou agreement?",
               "What positions does the second one hold?"], cli_env)
    assert out.returncode == 0, out.stderr
    _, second = (json.loads(line) for line in out.stdout.strip().splitlines())
    # the second signer is named only in the first answer
    assert "Weng Kaining" in second["standalone_question"]
    assert "President of Lingang Group" in second["answer"]


def test_stdin_questions_are_independent(cli_env: dict[str, str]) -> None:
    stdin = "What is the population of Huainan?\n\nWhat are the four major industries of Lingang?\n"
    out = run(["ask", "--json"], cli_env, stdin)
    assert out.returncode == 0, out.stderr
    answers = [json.loads(line) for line in out.stdout.strip().splitlines()]
    assert [a["abstained"] for a in answers] == [True, False]
    assert answers[0]["citations"] == [] and "do not cover" in answers[0]["answer"]
    assert "aerospace" in answers[1]["answer"]


def test_human_output_lists_sources(cli_env: dict[str, str]) -> None:
    out = run(["ask", "How many people attended the first Lingang technology innovation conference?"],
              cli_env)
    assert out.returncode == 0, out.stderr
    assert "3,000" in out.stdout and "Sources:" in out.stdout and "[1] " in out.stdout


def test_ingest_twice_says_nothing_changed(tmp_path: Path, cli_env: dict[str, str]) -> None:
    env = dict(cli_env, ASSISTANT_STORE_DIR=str(tmp_path / "store"))
    first = run(["ingest", "--quiet"], env)
    assert first.returncode == 0, first.stderr
    assert "5 added" in first.stdout and "chunks embedded" in first.stdout
    second = run(["ingest", "--quiet"], env)
    assert second.returncode == 0 and "nothing changed" in second.stdout


def test_bad_setting_is_a_clear_error(cli_env: dict[str, str]) -> None:
    out = run(["ask", "anything"], dict(cli_env, ASSISTANT_TOP_K="lots"))
    assert out.returncode == 1
    assert "ASSISTANT_TOP_K" in out.stderr or "top_k" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("args", [["ask", "Who visited Huainan?"], ["serve"],
                                  ["eval", "tests/eval/briefing.jsonl"]],
                         ids=["ask", "serve", "eval"])
def test_a_missing_store_says_how_to_build_it_and_creates_nothing(tmp_path: Path,
                                                                 cli_env: dict[str, str],
                                                                 args: list[str]) -> None:
    store = tmp_path / "no-store"
    out = run(args, dict(cli_env, ASSISTANT_STORE_DIR=str(store)))
    assert out.returncode == 1 and out.stdout == "", out.stdout
    assert out.stderr.strip() == (f"error: the store folder {store} does not exist: build the "
                                  "index from the articles in seeds with `make run` or "
                                  "`assistant ingest`")
    assert not store.exists()


def test_an_empty_store_says_how_to_build_it(tmp_path: Path, cli_env: dict[str, str]) -> None:
    (tmp_path / "seeds").mkdir()
    env = dict(cli_env, ASSISTANT_STORE_DIR=str(tmp_path / "store"),
               ASSISTANT_SEEDS_DIR=str(tmp_path / "seeds"))
    assert run(["ingest", "--quiet"], env).returncode == 0
    out = run(["ask", "Who visited Huainan?"], env)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.strip() == (f"error: the store folder {tmp_path / 'store'} holds no "
                                  f"articles: build the index from the articles in "
                                  f"{tmp_path / 'seeds'} with `make run` or `assistant ingest`")
