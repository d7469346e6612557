"""`assistant eval`: the metric functions on hand-made inputs, and the CI floors on the briefing set."""

from __future__ import annotations

import io
import json
import shlex
from pathlib import Path

import pytest

from assistant import metrics
from assistant.answer import Answer, Citation, Quote
from assistant.evaluate import CaseResult, failed_floors, load_cases, summarise
from assistant.retrieve import Passage
from assistant.verify import supported

EVAL = Path(__file__).parent / "eval"
BRIEFING = EVAL / "briefing.jsonl"
FLOORS = EVAL / "floors.args"  # the floors CI holds the extractive answerer to (make eval reads it)

VISIT = "Lin Qu visited Huainan on November 25. The talks went well."
DEAL = "The two sides signed 3 agreements on hydrogen energy."


def passage(article_id: str, text: str, chunk: int = 0) -> Passage:
    return Passage(f"{article_id}#{chunk}", article_id, f"title {article_id}", "", f"{article_id}.txt",
                   text, 0, len(text), 0.0, 0.0)


def answer(text: str, *citations: tuple[int, str, str]) -> Answer:
    cites = [Citation(n, aid, "", "", "", [Quote(q, 0, len(q))]) for n, aid, q in citations]
    return Answer("q", text, False, "test", cites)


def result(rank: int | None, *, answerable: bool = True, abstained: bool = False,
           missing: tuple[str, ...] = (), seconds: float = 0.1) -> CaseResult:
    return CaseResult("c", ["a"] if answerable else [], answerable, abstained, seconds, rank,
                      rank == 1, list(missing), True, sentences=2, supported=1, citations=2, precise=2)


def test_articles_rank_by_first_appearance() -> None:
    ranking = metrics.article_ranking([passage("a", "x"), passage("b", "y"), passage("a", "z", 1),
                                       passage("c", "w")])
    assert ranking == ["a", "b", "c"]
    assert metrics.gold_rank(ranking, ["c", "b"]) == 2
    assert metrics.gold_rank(ranking, ["d"]) is None


def test_missing_facts_are_case_insensitive_regexes() -> None:
    assert metrics.missing_facts("LIN QU went", ["lin qu|qu lin", r"november 2\d"]) == [r"november 2\d"]


def test_claims_keep_markers_with_their_sentence() -> None:
    extractive = "“Lin Qu visited Huainan.” [1]\n\n“The sides signed 3 agreements.” [2]"
    assert metrics.claims(extractive) == [("Lin Qu visited Huainan.", [1]),
                                          ("The sides signed 3 agreements.", [2])]
    generated = "Lin Qu led it [1][1]. They signed deals. [2] [3] The end"
    assert metrics.claims(generated) == [("Lin Qu led it.", [1]), ("They signed deals.", [2, 3]),
                                         ("The end", [])]


def test_integrity_needs_a_retrieved_article_and_a_verbatim_quote() -> None:
    retrieved = [passage("a", VISIT), passage("b", DEAL)]
    good = answer("“Lin Qu visited Huainan on November 25.” [1]", (1, "a", "Lin Qu visited Huainan"))
    assert metrics.integrity(good, retrieved)
    assert not metrics.integrity(answer("x [2]", (1, "a", "Lin Qu")), retrieved)  # no citation 2
    assert not metrics.integrity(answer("x [1]", (1, "z", "Lin Qu")), retrieved)  # not retrieved
    assert not metrics.integrity(answer("x [1]", (1, "a", "Lin Qu left")), retrieved)  # not a quote


def test_alce_recall_and_precision(settings) -> None:  # type: ignore[no-untyped-def]
    def judge(sentence: str, sources: list[str]) -> bool:
        return supported(sentence, sources, settings)

    texts = {1: [VISIT], 2: [DEAL], 3: ["Nothing relevant here."]}
    both = "Lin Qu visited Huainan on November 25 and signed 3 agreements"
    assert metrics.claim_support(both, [1, 2], texts, judge) == (True, 2)  # each needed
    assert metrics.claim_support("Lin Qu visited Huainan on November 25.", [1, 3], texts,
                                 judge) == (True, 1)  # [3] adds nothing
    assert metrics.claim_support("Lin Qu visited Huainan.", [2], texts, judge) == (False, 0)
    assert metrics.claim_support("Lin Qu visited Huainan.", [], texts, judge) == (False, 0)
    text = ("Lin Qu visited Huainan on November 25 [1][3]. Hua Yang signed 9 deals [2]. "
            "The talks went well.")
    assert metrics.alce(text, texts, judge) == (3, 1, 3, 1)


def test_mean_and_p95() -> None:
    assert metrics.mean([]) is None and metrics.p95([]) is None
    assert metrics.mean([1.0, 2.0, 3.0]) == 2.0
    assert metrics.p95([float(i) for i in range(1, 101)]) == 95.0
    assert metrics.p95([0.3]) == 0.3


def test_summary_rates_apply_to_their_cases() -> None:
    results = [result(1), result(3, missing=("x",)), result(None, abstained=True, missing=("y",)),
               result(None, answerable=False, abstained=True), result(None, answerable=False)]
    overall = summarise(results)
    assert (overall["top1"], overall["top3"], overall["top5"]) == (1 / 3, 2 / 3, 2 / 3)
    assert overall["mrr"] == pytest.approx((1 + 1 / 3) / 3)
    assert overall["facts"] == 1 / 3 and overall["cited"] == 1 / 3
    assert overall["abstention"] == 0.5 and overall["false_refusal"] == 1 / 3
    assert overall["citation_recall"] == 0.5 and overall["citation_precision"] == 1.0
    assert overall["unanswerable"] == 2


def test_floors_name_what_failed() -> None:
    overall = {"top3": 0.8, "false_refusal": 0.2, "abstention": None, "facts": 0.7}
    assert failed_floors(overall, {"min_top3": 0.8, "max_false_refusal": 0.2, "min_facts": None}) == []
    failures = failed_floors(overall, {"min_top3": 0.9, "max_false_refusal": 0.1,
                                       "min_abstention": 0.5})
    assert [f.split()[0] for f in failures] == ["--min-top3", "--min-abstention", "--max-false-refusal"]
    assert "not measured" in failures[1]


def test_load_cases_reads_followups_and_rejects_bad_lines(tmp_path: Path) -> None:
    good = {"id": "x", "question": "Who?", "followups": ["And when?"], "gold_articles": ["a"],
            "must_include": ["1"], "answerable": True}
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(good | {"must_include": ["("]}) + "\n")
    with pytest.raises(ValueError, match=r"cases.jsonl:3"):
        load_cases(path)
    path.write_text(json.dumps(good) + "\n")
    assert load_cases(path)[0].turns == ["Who?", "And when?"]


@pytest.mark.timeout(600)
def test_briefing_eval_meets_the_ci_floors(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.cli import parser
    from assistant.evaluate import main

    args = parser().parse_args(["eval", str(BRIEFING), "--json", *shlex.split(FLOORS.read_text())])
    out, err = io.StringIO(), io.StringIO()
    assert main(seed_assistant, args, out, err) == 0, err.getvalue()
    report = json.loads(out.getvalue())
    assert report["overall"]["cases"] == len(load_cases(BRIEFING))
    # the extractive answerer quotes verbatim: every sentence is supported by the passage it cites
    assert report["overall"]["citation_recall"] == 1.0
    assert report["overall"]["citation_precision"] == 1.0


@pytest.mark.timeout(120)
def test_cli_eval_exits_nonzero_when_a_floor_fails(seed_store_settings, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import main

    cases = tmp_path / "two.jsonl"
    cases.write_text("".join(line + "\n" for line in BRIEFING.read_text().splitlines()[:2]))
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("ASSISTANT_STORE_DIR", str(seed_store_settings.store_dir))
    monkeypatch.setenv("ASSISTANT_MODEL_CACHE_DIR", str(seed_store_settings.model_cache_dir))
    monkeypatch.setenv("ASSISTANT_ANSWERER", "extractive")
    assert main(["eval", str(cases), "--min-top5", "0.5", "--max-p95-seconds", "0"]) == 1
    captured = capsys.readouterr()
    assert "floor not met: --max-p95-seconds" in captured.err
    assert "--min-top5" not in captured.err
    assert "overall (extractive answerer; 2 cases" in captured.out
