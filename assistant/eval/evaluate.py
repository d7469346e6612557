"""Evaluate: score the active answerer on JSON Lines question sets (retrieval, facts, citations).

    assistant eval tests/eval/briefing.jsonl tests/eval/briefing_tasks.jsonl [--json] [--min-top3 0.9 ...]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from assistant.answering.llm.verify import supported
from assistant.eval import metrics
from assistant.eval.cases import Case, CaseResult, Report, load_cases
from assistant.eval.report import FLOORS, failed_floors, render

if TYPE_CHECKING:
    import argparse

    from assistant.app.pipeline import Assistant
    from assistant.records import Answer

RETRIEVAL_DEPTH = 20  # passages retrieved to rank articles: enough for five distinct ones
KS = (1, 3, 5)


def converse(assistant: Assistant, turns: list[str]) -> tuple[Answer, float]:
    """Ask the turns in order, each with the earlier Answers as history; the last one and its time."""
    history: list[Answer] = []
    seconds = 0.0
    for turn in turns:
        began = time.perf_counter()
        history.append(assistant.ask(turn, history))
        seconds = time.perf_counter() - began
    return history[-1], seconds


def score_case(assistant: Assistant, case: Case) -> CaseResult:
    """Run the case's conversation and measure its last answer against the passages it carries."""
    answer, seconds = converse(assistant, case.turns)
    standalone = answer.standalone or case.turns[-1]
    deep = assistant.retriever.retrieve(standalone, top_k=RETRIEVAL_DEPTH)  # ranks only
    passages = answer.passages  # what the answerer was given
    missing = case.must_include if answer.abstained else \
        metrics.missing_facts(answer.text, case.must_include)
    cited = [c.article_id for c in answer.citations]
    result = CaseResult(
        case.id, case.gold, case.answerable, answer.abstained, seconds,
        metrics.gold_rank(metrics.article_ranking(deep), case.gold),
        any(aid in case.gold for aid in cited), missing,
        metrics.integrity(answer, passages), standalone=standalone, answer=answer.text,
        kind=case.kind, premise=case.premise, gold_all=case.gold_all,
        all_cited=metrics.cites_all(cited, case.gold),
        direct=not answer.abstained and metrics.direct(answer.text, case.must_include),
        corrected=not answer.abstained and metrics.is_correction(answer.text))
    if not answer.abstained:
        result.sentences, result.supported, result.citations, result.precise = metrics.alce(
            answer.text, metrics.cited_texts(answer, passages),
            lambda sentence, sources: supported(sentence, sources, assistant.settings))
    return result


def _answers(results: list[CaseResult]) -> dict[str, float | None]:
    """The answer-quality rates of a group of cases (None where no case applies)."""
    ans = [r for r in results if r.answerable]
    return {
        "facts": metrics.mean([r.facts for r in ans]),
        "direct": metrics.mean([r.direct for r in ans]),
        "abstention": metrics.mean([r.declined for r in results if not r.answerable]),
        "premise": metrics.mean([r.declined for r in results if r.premise]),
        "false_refusal": metrics.mean([r.declined for r in ans]),
        "gold_all": metrics.mean([r.all_cited for r in results if r.gold_all]),
    }


def summarise(results: list[CaseResult]) -> dict[str, float | int | None]:
    """Overall metrics; rates are over the cases each one applies to (None when none do)."""
    ans = [r for r in results if r.answerable]
    gold = [r for r in ans if r.gold]
    answered = [r for r in results if not r.abstained]
    overall: dict[str, float | int | None] = {
        "cases": len(results), "answerable": len(ans), "unanswerable": len(results) - len(ans)}
    for k in KS:
        overall[f"top{k}"] = metrics.mean([0 < (r.gold_rank or 0) <= k for r in gold])
    overall["mrr"] = metrics.mean([1 / r.gold_rank if r.gold_rank else 0.0 for r in gold])
    overall["cited"] = metrics.mean([r.gold_cited for r in gold])
    overall |= _answers(results)
    overall["followup"] = metrics.mean([r.facts for r in ans if r.kind == "followup"])
    overall["median_chars"] = metrics.median([r.chars for r in answered])
    overall["integrity"] = metrics.mean([r.integrity for r in answered])
    overall["citation_recall"] = metrics.mean([r.citation_recall for r in answered])
    overall["citation_precision"] = metrics.mean([r.citation_precision for r in answered])
    overall["mean_seconds"] = metrics.mean([r.seconds for r in results])
    overall["p95_seconds"] = metrics.p95([r.seconds for r in results])
    return overall


def by_kind(results: list[CaseResult]) -> dict[str, dict[str, float | int | None]]:
    """Per kind of case: how many, and the answer-quality rates that apply to it."""
    groups: dict[str, list[CaseResult]] = {}
    for r in results:
        groups.setdefault(r.kind, []).append(r)
    return {kind: {"cases": len(group)} | _answers(group) for kind, group in groups.items()}


def evaluate(assistant: Assistant, cases: list[Case]) -> Report:
    """Score every case with the assistant's active answerer."""
    results = [score_case(assistant, case) for case in cases]
    return Report(assistant.answerer.name, results, summarise(results), by_kind(results))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The eval subcommand's arguments: the case files, --json and one option per floor."""
    parser.add_argument("files", type=Path, nargs="*", metavar="FILE",
                        help="JSON Lines eval cases, several scored together (with --catalog: "
                        "the catalog gold, default tests/data/catalog_gold.json)")
    parser.add_argument("--catalog", action="store_true",
                        help="score the stored event cards (assistant/eval/catalog.py)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--totals", action="store_true", help="only the overall and per-kind "
                        "metrics, no case (a held-out set is scored, never read case by case)")
    for f in FLOORS:
        parser.add_argument(f.flag, type=float, metavar="X", help=f.help)


def main(assistant: Assistant, args: argparse.Namespace,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`assistant eval`: print the report; return 1 when a floor given on the command line fails."""
    report = evaluate(assistant, load_cases(*args.files))
    totals = getattr(args, "totals", False)
    if args.json:
        data = report.to_dict()
        if totals:
            data.pop("cases")
        print(json.dumps(data, indent=2, ensure_ascii=False), file=out or sys.stdout)
    else:
        print(render(report, cases=not totals), file=out or sys.stdout)
    failures = failed_floors(report.overall, vars(args))
    for failure in failures:
        print(f"eval: floor not met: {failure}", file=err or sys.stderr)
    return 1 if failures else 0
