"""The sentence ranker: how likely a candidate sentence holds the answer, from general features
(term coverage weighted by rarity, MiniLM similarity, the expected kind of answer present, the
question's constraints met, the act reported, where the sentence stands), weighed by a logistic
regression fitted on labelled questions (bench/fit_ranker.py writes ranker.json)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.text.sentences import WORD, terms

if TYPE_CHECKING:
    from assistant.records import Candidate, Question

WEIGHTS = Path(__file__).with_name("ranker.json")
FEATURES = ("coverage", "similarity", "masked_similarity", "unknown", "passage_coverage",
            "focus_coverage", "fits", "leads", "unseen", "meets", "act", "passage_rank",
            "passage_dense", "position", "length", "names", "prefer", "asked")


def describe(question: Question, c: Candidate, evidence: dict[str, float], *, fits: bool,
             unseen: bool, act: int, passage_rank: int) -> dict[str, float]:
    """The features of one candidate sentence (`evidence`: evidence.features of it)."""
    said = {w.lower() for w in WORD.findall(c.text)}
    named = [all(p.lower() in said for p in WORD.findall(n)) for n in question.names]
    return evidence | {
        "fits": float(fits), "leads": float(bool(c.leads)), "unseen": float(unseen),
        "meets": float(c.meets), "act": float(act), "passage_rank": float(passage_rank),
        "passage_dense": c.passage.dense, "position": math.log1p(c.start / 100),
        "length": math.log1p(len(c.text)),
        "names": sum(named) / len(named) if named else 1.0,
        "prefer": float(c.passage.article_id in question.prefer),
        "asked": _share(terms(" ".join(question.nouns)), c.terms)}


def _share(wanted: list[str], have: set[str]) -> float:
    """The share of the wanted terms the sentence has (all of none)."""
    return sum(w in have for w in wanted) / len(wanted) if wanted else 1.0


@dataclass(frozen=True)
class Ranker:
    """A fitted logistic regression over standardised features."""

    mean: dict[str, float]
    scale: dict[str, float]
    weights: dict[str, float]
    bias: float
    threshold: float  # below it, the best sentence does not answer: abstain

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(w * (feats[k] - self.mean[k]) / self.scale[k]
                            for k, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def relevance(self, feats: dict[str, float]) -> float:
        """The probability as if the sentence had the kind of answer expected and its article
        met the question's constraints: how relevant it is whatever the gates say."""
        return self.probability(feats | {"fits": 1.0, "meets": 1.0, "unseen": 0.0})


@lru_cache(maxsize=1)
def load(path: Path = WEIGHTS) -> Ranker:
    """The fitted ranker shipped with the package."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Ranker(raw["mean"], raw["scale"], raw["weights"], raw["bias"], raw["threshold"])
