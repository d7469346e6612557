"""Eval cases and results: a question set read from JSON Lines (`load_cases`), what one case
measured (`CaseResult`) and the report of a run (`Report`), kept apart from the scoring
(evaluate.py) and its rendering (report.py)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

UNLABELLED = "unlabelled"  # the kind of a case from a file written before cases had kinds


@dataclass(frozen=True)
class Case:
    """One eval case: the turns of a conversation, of which the last is scored."""

    id: str
    turns: list[str]
    gold: list[str]
    must_include: list[str]
    answerable: bool
    kind: str = UNLABELLED
    premise: bool = False  # the question rests on something the articles contradict or never say
    gold_all: bool = False  # the answer must cite every gold article, not just one


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
    kind: str = UNLABELLED
    premise: bool = False
    gold_all: bool = False
    all_cited: bool = False  # every gold article cited
    direct: bool = False  # every required fact within the first metrics.DIRECT_CHARS characters
    corrected: bool = False  # the answer corrects the premise (metrics.is_correction)

    @property
    def facts(self) -> bool:
        return not self.missing_facts

    @property
    def declined(self) -> bool:
        """Abstained, or corrected the premise instead of answering."""
        return self.abstained or self.corrected

    @property
    def chars(self) -> int:
        return len(self.answer)

    @property
    def citation_recall(self) -> float:
        return self.supported / self.sentences if self.sentences else 0.0

    @property
    def citation_precision(self) -> float:
        return self.precise / self.citations if self.citations else 0.0


@dataclass
class Report:
    """Per-case results, the overall metrics and the same metrics per kind of case."""

    answerer: str
    cases: list[CaseResult] = field(default_factory=list)
    overall: dict[str, float | int | None] = field(default_factory=dict)
    by_kind: dict[str, dict[str, float | int | None]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The `--json` form."""
        cases = [asdict(c) | {"facts": c.facts, "chars": c.chars, "citation_recall": c.citation_recall,
                              "citation_precision": c.citation_precision} for c in self.cases]
        return {"answerer": self.answerer, "overall": self.overall, "by_kind": self.by_kind,
                "cases": cases}


def _case(raw: dict[str, Any]) -> Case:
    turns = [raw["question"], *raw.get("followups", [])]
    case = Case(str(raw["id"]), [str(t) for t in turns], list(raw["gold_articles"]),
                list(raw["must_include"]), bool(raw["answerable"]),
                str(raw.get("kind") or UNLABELLED), bool(raw.get("premise", False)),
                bool(raw.get("gold_all", False)))
    for pattern in case.must_include:
        re.compile(pattern)
    return case


def load_cases(*paths: Path) -> list[Case]:
    """Read and check JSON Lines question sets; case ids must be unique across them."""
    cases: dict[str, Case] = {}
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                case = _case(json.loads(line))
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError, re.error) as exc:
                raise ValueError(f"{path}:{number}: not an eval case ({exc!r})") from exc
            if case.id in cases:
                raise ValueError(f"{path}:{number}: case id {case.id!r} is used twice")
            cases[case.id] = case
    return list(cases.values())
