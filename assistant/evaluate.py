"""Evaluate: score the active answerer on a JSON Lines question set (retrieval, facts, citations).

    assistant eval tests/eval/briefing.jsonl [--json] [--min-top3 0.9 --max-false-refusal 0.3 ...]
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import metrics
from .verify import supported

if TYPE_CHECKING:
    import argparse

    from .pipeline import Assistant

RETRIEVAL_DEPTH = 20  # passages retrieved to rank articles: enough for five distinct ones
KS = (1, 3, 5)


@dataclass(frozen=True)
class Case:
    """One eval case: the turns of a conversation, of which the last is scored."""

    id: str
    turns: list[str]
    gold: list[str]
    must_include: list[str]
    answerable: bool


@dataclass
class CaseResult:
    """What one case measured."""

    id: str
    gold: list[str]
    answerable: bool
    abstained: bool
    seconds: float
    gold_rank: int | None  # 1-based rank of the first gold article, None if not retrieved
    gold_cited: bool
    missing_facts: list[str]
    integrity: bool
    sentences: int = 0
    supported: int = 0
    citations: int = 0
    precise: int = 0
    standalone: str = ""
    answer: str = ""

    @property
    def facts(self) -> bool:
        return not self.missing_facts

    @property
    def citation_recall(self) -> float:
        return self.supported / self.sentences if self.sentences else 0.0

    @property
    def citation_precision(self) -> float:
        return self.precise / self.citations if self.citations else 0.0


@dataclass
class Report:
    """Per-case results and the overall metrics."""

    answerer: str
    cases: list[CaseResult] = field(default_factory=list)
    overall: dict[str, float | int | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The `--json` form."""
        cases = [asdict(c) | {"facts": c.facts, "citation_recall": c.citation_recall,
                              "citation_precision": c.citation_precision} for c in self.cases]
        return {"answerer": self.answerer, "overall": self.overall, "cases": cases}


def load_cases(path: Path) -> list[Case]:
    """Read and check a JSON Lines question set."""
    cases: list[Case] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            turns = [raw["question"], *raw.get("followups", [])]
            case = Case(str(raw["id"]), [str(t) for t in turns], list(raw["gold_articles"]),
                        list(raw["must_include"]), bool(raw["answerable"]))
            for pattern in case.must_include:
                re.compile(pattern)
        except (json.JSONDecodeError, KeyError, TypeError, re.error) as exc:
            raise ValueError(f"{path}:{number}: not an eval case ({exc!r})") from exc
        cases.append(case)
    return cases


def score_case(assistant: Assistant, case: Case) -> CaseResult:
    """Ask the case's last turn (earlier turns as history) and measure the answer."""
    began = time.perf_counter()
    answer = assistant.ask(case.turns[-1], case.turns[:-1])
    seconds = time.perf_counter() - began
    standalone = answer.standalone or case.turns[-1]
    deep = assistant.retriever.retrieve(standalone, top_k=RETRIEVAL_DEPTH)
    passages = assistant.retriever.retrieve(standalone)  # what the answerer was given
    missing = case.must_include if answer.abstained else \
        metrics.missing_facts(answer.text, case.must_include)
    result = CaseResult(
        case.id, case.gold, case.answerable, answer.abstained, seconds,
        metrics.gold_rank(metrics.article_ranking(deep), case.gold),
        any(c.article_id in case.gold for c in answer.citations), missing,
        metrics.integrity(answer, passages), standalone=standalone, answer=answer.text)
    if not answer.abstained:
        result.sentences, result.supported, result.citations, result.precise = metrics.alce(
            answer.text, metrics.cited_texts(answer, passages),
            lambda sentence, sources: supported(sentence, sources, assistant.settings))
    return result


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
    overall["facts"] = metrics.mean([r.facts for r in ans])
    overall["abstention"] = metrics.mean([r.abstained for r in results if not r.answerable])
    overall["false_refusal"] = metrics.mean([r.abstained for r in ans])
    overall["integrity"] = metrics.mean([r.integrity for r in answered])
    overall["citation_recall"] = metrics.mean([r.citation_recall for r in answered])
    overall["citation_precision"] = metrics.mean([r.citation_precision for r in answered])
    overall["mean_seconds"] = metrics.mean([r.seconds for r in results])
    overall["p95_seconds"] = metrics.p95([r.seconds for r in results])
    return overall


def evaluate(assistant: Assistant, cases: list[Case]) -> Report:
    """Score every case with the assistant's active answerer."""
    results = [score_case(assistant, case) for case in cases]
    return Report(assistant.answerer.name, results, summarise(results))


@dataclass(frozen=True)
class Floor:
    """A bound on an overall metric that `assistant eval` can enforce."""

    metric: str
    bound: str  # "min" or "max"
    help: str

    @property
    def flag(self) -> str:
        return f"--{self.bound}-{self.metric.replace('_', '-')}"

    @property
    def dest(self) -> str:
        return f"{self.bound}_{self.metric}"


FLOORS = (
    Floor("top1", "min", "share of answerable cases whose gold article is retrieved first"),
    Floor("top3", "min", "share of answerable cases with a gold article in the top 3 retrieved"),
    Floor("top5", "min", "share of answerable cases with a gold article in the top 5 retrieved"),
    Floor("mrr", "min", "mean reciprocal rank of the first gold article"),
    Floor("cited", "min", "share of answerable cases whose answer cites a gold article"),
    Floor("facts", "min", "share of answerable cases whose answer matches every must_include"),
    Floor("abstention", "min", "share of unanswerable cases the assistant declines"),
    Floor("false_refusal", "max", "share of answerable cases the assistant declines"),
    Floor("integrity", "min", "share of answers whose every [n] resolves to a retrieved passage"),
    Floor("citation_recall", "min", "mean share of answer sentences supported by their citations"),
    Floor("citation_precision", "min", "mean share of citations that support their sentence"),
    Floor("p95_seconds", "max", "95th percentile of seconds per answer"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The eval subcommand's arguments: the case file, --json and one option per floor."""
    parser.add_argument("file", type=Path, nargs="?", help="JSON Lines eval cases (with "
                        "--catalog: the catalog gold, default tests/data/catalog_gold.json)")
    parser.add_argument("--catalog", action="store_true",
                        help="score the stored event cards (assistant/catalog_eval.py)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    for f in FLOORS:
        parser.add_argument(f.flag, type=float, metavar="X", help=f.help)


def failed_floors(overall: dict[str, Any], limits: dict[str, Any]) -> list[str]:
    """A message for every floor given in `limits` (keyed like `min_top3`) that is not met."""
    failures: list[str] = []
    for f in FLOORS:
        limit = limits.get(f.dest)
        if limit is None:
            continue
        value = overall.get(f.metric)
        if value is None:
            failures.append(f"{f.flag} {limit}: {f.metric} not measured (no case it applies to)")
        elif value < limit if f.bound == "min" else value > limit:
            failures.append(f"{f.flag} {limit}: {f.metric} is {value:.3f}")
    return failures


SUMMARY = (
    ("retrieval", (("top1", "top1"), ("top3", "top3"), ("top5", "top5"), ("MRR", "mrr"))),
    ("answers", (("gold cited", "cited"), ("facts", "facts"), ("abstention", "abstention"),
                 ("false refusal", "false_refusal"))),
    ("citations", (("integrity", "integrity"), ("recall", "citation_recall"),
                   ("precision", "citation_precision"))),
    ("seconds", (("mean", "mean_seconds"), ("p95", "p95_seconds"))),
)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _yes(flag: bool, applies: bool = True) -> str:
    return ("yes" if flag else "no") if applies else "-"


def render(report: Report) -> str:
    """A table for people: one line per case, then the overall metrics."""
    width = max([len(c.id) for c in report.cases] + [4])
    lines = [f"{'case':<{width}}  kind rank cited facts abst integ recall prec  secs"]
    for c in report.cases:
        answered = not c.abstained
        missing = "; ".join(c.missing_facts) if c.answerable else ""
        missing = f"  missing: {missing}" if missing else ""
        lines.append(
            f"{c.id:<{width}}  {'ans' if c.answerable else 'n/a':<4} {c.gold_rank or '-':>4} "
            f"{_yes(c.gold_cited, bool(c.gold)):>5} {_yes(c.facts, c.answerable):>5} "
            f"{_yes(c.abstained):>4} {_yes(c.integrity, answered):>5} "
            f"{_fmt(c.citation_recall) if answered else '-':>6} "
            f"{_fmt(c.citation_precision) if answered else '-':>4} {c.seconds:5.2f}{missing}")
    o = report.overall
    lines += ["", (f"overall ({report.answerer} answerer; {o['cases']} cases: "
                   f"{o['answerable']} answerable, {o['unanswerable']} unanswerable)")]
    for group, keys in SUMMARY:
        shown = [f"{label} {_fmt(o[key], 3 if group == 'seconds' else 2)}" for label, key in keys]
        lines.append(f"  {group:<10} " + "  ".join(shown))
    return "\n".join(lines)


def main(assistant: Assistant, args: argparse.Namespace,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    """`assistant eval`: print the report; return 1 when a floor given on the command line fails."""
    report = evaluate(assistant, load_cases(args.file))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False), file=out or sys.stdout)
    else:
        print(render(report), file=out or sys.stdout)
    failures = failed_floors(report.overall, vars(args))
    for failure in failures:
        print(f"eval: floor not met: {failure}", file=err or sys.stderr)
    return 1 if failures else 0
