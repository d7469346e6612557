"""The eval report for people, and the floors `assistant eval` enforces."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.eval.cases import Report


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
    Floor("direct", "min", "share of answerable cases whose every must_include matches within the "
          "answer's first 300 characters"),
    Floor("followup", "min", "share of answerable follow-up cases (kind followup) with every fact"),
    Floor("abstention", "min", "share of unanswerable cases the assistant declines or corrects"),
    Floor("premise", "min", "share of false-premise cases answered by a correction or abstention"),
    Floor("false_refusal", "max", "share of answerable cases the assistant declines"),
    Floor("gold_all", "min", "share of gold_all cases whose answer cites every gold article"),
    Floor("median_chars", "max", "median answer length in characters (answered cases)"),
    Floor("integrity", "min", "share of answers whose every [n] resolves to a passage it was given"),
    Floor("citation_recall", "min", "mean share of answer sentences supported by their citations"),
    Floor("citation_precision", "min", "mean share of citations that support their sentence"),
    Floor("p95_seconds", "max", "95th percentile of seconds per answer"),
)


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
    ("answers", (("gold cited", "cited"), ("facts", "facts"), ("direct", "direct"),
                 ("follow-up", "followup"), ("all gold cited", "gold_all"))),
    ("declining", (("abstention", "abstention"), ("premise", "premise"),
                   ("false refusal", "false_refusal"))),
    ("citations", (("integrity", "integrity"), ("recall", "citation_recall"),
                   ("precision", "citation_precision"))),
    ("length", (("median chars", "median_chars"),)),
    ("seconds", (("mean", "mean_seconds"), ("p95", "p95_seconds"))),
)
KIND_COLUMNS = ("cases", "facts", "direct", "abstention", "premise", "false_refusal", "gold_all")


def _fmt(value: float | None, digits: int = 2) -> str:
    if isinstance(value, int) or value is None:
        return "-" if value is None else str(value)
    return f"{value:.{digits}f}"


def _yes(flag: bool, applies: bool = True) -> str:
    return ("yes" if flag else "no") if applies else "-"


def _case_lines(report: Report) -> list[str]:
    width = max([len(c.id) for c in report.cases] + [4])
    lines = [f"{'case':<{width}}  kind rank cited facts dir abst integ recall prec chars  secs"]
    for c in report.cases:
        answered = not c.abstained
        missing = "; ".join(c.missing_facts) if c.answerable else ""
        missing = f"  missing: {missing}" if missing else ""
        lines.append(
            f"{c.id:<{width}}  {'ans' if c.answerable else 'n/a':<4} {c.gold_rank or '-':>4} "
            f"{_yes(c.gold_cited, bool(c.gold)):>5} {_yes(c.facts, c.answerable):>5} "
            f"{_yes(c.direct, c.answerable):>3} {_yes(c.declined):>4} "
            f"{_yes(c.integrity, answered):>5} "
            f"{_fmt(c.citation_recall) if answered else '-':>6} "
            f"{_fmt(c.citation_precision) if answered else '-':>4} {c.chars:>5} "
            f"{c.seconds:5.2f}{missing}")
    return lines


def _kind_lines(report: Report) -> list[str]:
    width = max([len(k) for k in report.by_kind] + [4])
    lines = ["", f"by kind  {'kind':<{width}}  " + " ".join(f"{c:>13}" for c in KIND_COLUMNS)]
    for kind, values in report.by_kind.items():
        shown = " ".join(f"{_fmt(values.get(c)):>13}" for c in KIND_COLUMNS)
        lines.append(f"         {kind:<{width}}  {shown}")
    return lines


def render(report: Report, cases: bool = True) -> str:
    """A table for people: one line per case (unless `cases` is false), the overall metrics, then
    the metrics per kind."""
    o = report.overall
    lines = [*(_case_lines(report) if cases else []), "",
             (f"overall ({report.answerer} answerer; {o['cases']} cases: "
              f"{o['answerable']} answerable, {o['unanswerable']} unanswerable)")]
    for group, keys in SUMMARY:
        digits = 3 if group == "seconds" else 0 if group == "length" else 2
        shown = [f"{label} {_fmt(o[key], digits)}" for label, key in keys]
        lines.append(f"  {group:<10} " + "  ".join(shown))
    return "\n".join(lines + _kind_lines(report))
