"""`assistant eval`: the metric functions on hand-made inputs, and the CI floors on the briefing set."""

from __future__ import annotations

import io
import json
import shlex
from pathlib import Path

import pytest
from conftest import ROOT

from assistant.answering.llm.verify import supported
from assistant.eval import metrics
from assistant.eval.cases import CaseResult, Report, load_cases
from assistant.eval.evaluate import by_kind, summarise
from assistant.eval.report import failed_floors, render
from assistant.records import Answer, Citation, Passage, Quote

EVAL = ROOT / "tests" / "eval"
BRIEFING = EVAL / "briefing.jsonl"
TASKS = EVAL / "briefing_tasks.jsonl"
CATALOG = EVAL / "catalog_tasks.jsonl"
FLOORS = EVAL / "floors.args"  # the floors CI holds the extractive answerer to (make eval reads it)
TASK_FLOORS = EVAL / "task_floors.args"  # ... on the briefing and catalog task sets together

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


def scored(kind: str, *, answerable: bool = True, declined: bool = False, direct: bool = False,
           facts: bool = True, text: str = "x", premise: bool = False, gold_all: bool = False,
           all_cited: bool = False) -> CaseResult:
    """A hand-made result of one case of the given kind."""
    return CaseResult(kind, ["a"] if answerable else [], answerable, declined, 0.1, 1, True,
                      [] if facts else ["f"], True, answer=text, kind=kind, premise=premise,
                      gold_all=gold_all, all_cited=all_cited, direct=direct)


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


def test_a_correction_starts_with_the_shared_phrase() -> None:
    assert metrics.is_correction(f"{metrics.CORRECTION} that Hongkou cancelled anything.")
    assert metrics.is_correction(f"\n“{metrics.CORRECTION} so.”")
    assert not metrics.is_correction(f"Hongkou signed on December 14. {metrics.CORRECTION} more.")
    assert not metrics.is_correction("The articles do not cover this.")


def test_direct_needs_every_fact_within_the_first_characters() -> None:
    early = "Lin Qu led the team. " + "More. " * 60
    assert metrics.direct(early, ["lin qu|qu lin"])
    late = "More. " * 60 + "Lin Qu led the team."
    assert not metrics.direct(late, ["Lin Qu"]) and not metrics.missing_facts(late, ["Lin Qu"])
    assert not metrics.direct(early, ["Lin Qu", "Huainan"])  # one fact missing anywhere
    assert metrics.direct("ab Huainan", ["Huainan"], limit=10)
    assert not metrics.direct("abc Huainan", ["Huainan"], limit=10)


def test_cites_all_needs_every_gold_article() -> None:
    assert metrics.cites_all(["a", "b", "c"], ["b", "a"])
    assert not metrics.cites_all(["a", "a"], ["a", "b"])
    assert not metrics.cites_all(["a"], [])


def test_mean_and_p95() -> None:
    assert metrics.mean([]) is None and metrics.p95([]) is None
    assert metrics.mean([1.0, 2.0, 3.0]) == 2.0
    assert metrics.p95([float(i) for i in range(1, 101)]) == 95.0
    assert metrics.p95([0.3]) == 0.3
    assert metrics.median([]) is None
    assert metrics.median([300, 100, 200]) == 200 and metrics.median([100, 200]) == 150


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


def test_new_metrics_apply_to_their_cases() -> None:
    results = [
        scored("lead", direct=True, text="a" * 100),
        scored("lead", facts=False, text="a" * 400),
        scored("followup", direct=True, text="a" * 200),
        scored("followup", facts=False, declined=True, text="a" * 9999),  # abstained: not a length
        scored("premise", answerable=False, premise=True, text=metrics.CORRECTION + " so."),
        scored("premise", answerable=False, premise=True, text="Hongkou cancelled it."),
        scored("premise", answerable=False, premise=True, declined=True),
        scored("list", gold_all=True, all_cited=True, text="a" * 300),
        scored("list", gold_all=True, text="a" * 300),
    ]
    results[4].corrected = True
    overall = summarise(results)
    assert overall["direct"] == 2 / 6
    assert overall["followup"] == 0.5  # facts on the follow-up kind only
    assert overall["premise"] == 2 / 3  # a correction and an abstention count, an answer does not
    assert overall["abstention"] == 2 / 3
    assert overall["gold_all"] == 0.5
    assert overall["median_chars"] == 200  # of 100, 400, 200, 27, 21, 300, 300: not the abstentions
    kinds = by_kind(results)
    assert list(kinds) == ["lead", "followup", "premise", "list"]
    assert kinds["lead"] == {"cases": 2, "facts": 0.5, "direct": 0.5, "abstention": None,
                             "premise": None, "false_refusal": 0.0, "gold_all": None}
    assert kinds["followup"]["false_refusal"] == 0.5 and kinds["premise"]["premise"] == 2 / 3
    assert kinds["list"]["gold_all"] == 0.5
    table = render(Report("test", results, overall, kinds))
    assert "median chars 200" in table and "premise 0.67" in table
    assert any(line.split()[:3] == ["premise", "3", "-"] for line in table.splitlines())


def test_floors_name_what_failed() -> None:
    overall = {"top3": 0.8, "false_refusal": 0.2, "abstention": None, "facts": 0.7}
    assert failed_floors(overall, {"min_top3": 0.8, "max_false_refusal": 0.2, "min_facts": None}) == []
    failures = failed_floors(overall, {"min_top3": 0.9, "max_false_refusal": 0.1,
                                       "min_abstention": 0.5})
    assert [f.split()[0] for f in failures] == ["--min-top3", "--min-abstention", "--max-false-refusal"]
    assert "not measured" in failures[1]
    new = {"direct": 0.5, "median_chars": 400.0, "premise": 0.8, "followup": 0.6, "gold_all": None}
    failures = failed_floors(new, {"min_direct": 0.6, "max_median_chars": 300, "min_premise": 0.8,
                                   "min_followup": 0.5, "min_gold_all": 0.5})
    assert [f.split()[0] for f in failures] == ["--min-direct", "--min-gold-all",
                                                "--max-median-chars"]


def test_load_cases_reads_followups_and_rejects_bad_lines(tmp_path: Path) -> None:
    good = {"id": "x", "question": "Who?", "followups": ["And when?"], "gold_articles": ["a"],
            "must_include": ["1"], "answerable": True}
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(good | {"must_include": ["("]}) + "\n")
    with pytest.raises(ValueError, match=r"cases.jsonl:3"):
        load_cases(path)
    path.write_text(json.dumps(good) + "\n")
    old = load_cases(path)[0]
    assert old.turns == ["Who?", "And when?"]
    assert (old.kind, old.premise, old.gold_all) == ("unlabelled", False, False)
    new = tmp_path / "new.jsonl"
    new.write_text(json.dumps(good | {"id": "y", "kind": "list", "gold_all": True}) + "\n"
                   + json.dumps(good | {"id": "z", "kind": "premise", "premise": True}) + "\n")
    both = load_cases(path, new)
    assert [(c.id, c.kind, c.premise, c.gold_all) for c in both] == [
        ("x", "unlabelled", False, False), ("y", "list", False, True), ("z", "premise", True, False)]
    with pytest.raises(ValueError, match=r"cases.jsonl:1: case id 'x' is used twice"):
        load_cases(path, new, path)


def test_the_task_files_load_with_their_kinds() -> None:
    tasks, catalog = load_cases(TASKS), load_cases(CATALOG)
    kinds = {c.kind for c in tasks}
    assert kinds == {"paraphrase", "lead", "followup", "premise", "unanswerable"}
    assert all(c.premise and not c.answerable for c in tasks if c.kind == "premise")
    assert {c.kind for c in catalog} == {"list", "timeline", "date", "people"}
    assert any(c.gold_all for c in catalog)
    assert len(load_cases(BRIEFING, TASKS, CATALOG)) == len(load_cases(BRIEFING)) + len(tasks) \
        + len(catalog)  # no id is shared between the sets


@pytest.mark.timeout(600)
def test_briefing_eval_meets_the_ci_floors(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.app.cli import parser
    from assistant.eval.evaluate import main

    args = parser().parse_args(["eval", str(BRIEFING), "--json", *shlex.split(FLOORS.read_text())])
    out, err = io.StringIO(), io.StringIO()
    assert main(seed_assistant, args, out, err) == 0, err.getvalue()
    report = json.loads(out.getvalue())
    assert report["overall"]["cases"] == len(load_cases(BRIEFING))
    # the extractive answerer quotes verbatim: every sentence is supported by the passage it cites
    assert report["overall"]["citation_recall"] == 1.0
    assert report["overall"]["citation_precision"] == 1.0


@pytest.mark.timeout(600)
def test_task_sets_meet_their_ci_floors(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    """The sets written for the answer core and the catalog, scored together, by kind too."""
    from assistant.app.cli import parser
    from assistant.eval.evaluate import main

    args = parser().parse_args(["eval", str(TASKS), str(CATALOG), "--json",
                                *shlex.split(TASK_FLOORS.read_text())])
    out, err = io.StringIO(), io.StringIO()
    assert main(seed_assistant, args, out, err) == 0, err.getvalue()
    report = json.loads(out.getvalue())
    assert report["overall"]["cases"] == len(load_cases(TASKS, CATALOG))


@pytest.mark.timeout(120)
def test_cli_eval_exits_nonzero_when_a_floor_fails(seed_store_settings, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.app.cli import main

    cases, more = tmp_path / "two.jsonl", tmp_path / "one.jsonl"
    cases.write_text("".join(line + "\n" for line in BRIEFING.read_text().splitlines()[:2]))
    more.write_text(TASKS.read_text().splitlines()[0] + "\n")
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("ASSISTANT_STORE_DIR", str(seed_store_settings.store_dir))
    monkeypatch.setenv("ASSISTANT_MODEL_CACHE_DIR", str(seed_store_settings.model_cache_dir))
    monkeypatch.setenv("ASSISTANT_ANSWERER", "extractive")
    assert main(["eval", str(cases), str(more), "--min-top5", "0.5", "--max-p95-seconds", "0"]) == 1
    captured = capsys.readouterr()
    assert "floor not met: --max-p95-seconds" in captured.err
    assert "--min-top5" not in captured.err
    assert "overall (extractive answerer; 3 cases" in captured.out  # both files, together


class Recording:
    """The seed assistant, recording the history each question is asked with; `drop` empties the
    passages an answer carries (as an answerer that kept no record of its sources would)."""

    def __init__(self, inner, drop: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.inner, self.drop, self.histories = inner, drop, []  # type: ignore[var-annotated]

    def ask(self, question: str, history):  # type: ignore[no-untyped-def]
        self.histories.append(list(history))
        answer = self.inner.ask(question, history)
        if self.drop:
            answer.passages = []
        return answer

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)


TINY = [
    {"id": "t-fu", "kind": "followup", "question": "Who presided over the Hongkou signing ceremony?",
     "followups": ["Which committee is that official a standing member of?", "And the date?"],
     "gold_articles": ["003_bffee769cd76aaaa"], "must_include": ["December 14"], "answerable": True},
    {"id": "t-premise", "kind": "premise", "premise": True, "answerable": False,
     "question": "Why did Hongkou cancel its agreement with Lingang Group?", "gold_articles": [],
     "must_include": []},
    {"id": "t-all", "kind": "people", "gold_all": True, "answerable": True,
     "question": "Which visits involved Hua Yang?", "must_include": ["Hua Yang"],
     "gold_articles": ["000_508ce06625000aaf", "001_8b6424cafdef1cef"]},
]


@pytest.mark.timeout(300)
def test_eval_runs_turns_with_answers_and_reports_by_kind(seed_assistant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from assistant.app.cli import parser
    from assistant.eval.evaluate import main

    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps(TINY[0]) + "\n")
    second.write_text("".join(json.dumps(c) + "\n" for c in TINY[1:]))
    spy = Recording(seed_assistant)
    args = parser().parse_args(["eval", str(first), str(second), "--json", "--min-integrity", "1"])
    out, err = io.StringIO(), io.StringIO()
    assert main(spy, args, out, err) == 0, err.getvalue()
    # each turn is asked with the Answers of the turns before it, oldest first
    assert [[a.question for a in h] for h in spy.histories[:3]] == [
        [], [TINY[0]["question"]], [TINY[0]["question"], TINY[0]["followups"][0]]]
    assert all(isinstance(a, Answer) for h in spy.histories for a in h)
    report = json.loads(out.getvalue())
    assert report["overall"]["cases"] == 3
    assert list(report["by_kind"]) == ["followup", "premise", "people"]
    assert report["by_kind"]["people"]["cases"] == 1
    for metric in ("direct", "premise", "gold_all", "median_chars", "followup"):
        assert report["overall"][metric] is not None, metric
    fu = report["cases"][0]
    assert fu["kind"] == "followup" and fu["direct"] == (fu["facts"] and "December 14" in fu["answer"][:300])


@pytest.mark.timeout(300)
def test_integrity_is_measured_on_the_passages_the_answer_carries(seed_assistant, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from assistant.eval.evaluate import evaluate

    cases = load_cases(BRIEFING)[:3]
    kept = evaluate(Recording(seed_assistant), cases).overall
    dropped = evaluate(Recording(seed_assistant, drop=True), cases).overall
    assert kept["integrity"] == 1.0
    # an answer whose [n] points at passages it does not carry fails, even though retrieving the
    # question again would find them
    assert dropped["integrity"] == 0.0


def test_claims_are_the_quotes_not_their_bold_leads_nor_a_correction() -> None:
    from assistant.eval.metrics import claims

    assert claims("- **September 29, 2020**: “The delegation went to Qianhai.” [1]") == [
        ("The delegation went to Qianhai.", [1])]
    assert claims("**Ann Lee**, **Tom Baker**: “Ann Lee and Tom Baker signed.” [2]") == [
        ("Ann Lee and Tom Baker signed.", [2])]
    assert claims("The articles do not say that the fair was cancelled.") == []
    assert claims("Lin Qu visited Huainan [1].") == [("Lin Qu visited Huainan.", [1])]


@pytest.mark.timeout(300)
def test_totals_print_no_case(seed_assistant) -> None:  # type: ignore[no-untyped-def]
    """A held-out set is scored, never read case by case: --totals shows only the metrics."""
    from assistant.app.cli import parser
    from assistant.eval.evaluate import main

    ids = [c.id for c in load_cases(TASKS)]
    for flags in ([], ["--json"]):
        out = io.StringIO()
        main(seed_assistant, parser().parse_args(["eval", str(TASKS), "--totals", *flags]), out,
             io.StringIO())
        assert "facts" in out.getvalue() and not any(i in out.getvalue() for i in ids)
        assert not any(c.turns[-1] in out.getvalue() for c in load_cases(TASKS))
