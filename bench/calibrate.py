"""Fit the evidence weights (assistant/evidence.py) on tests/data/calibration.jsonl.

    python bench/calibrate.py [--rounds 3]

Builds a temporary store over seeds/, scores every calibration question's best sentence, fits a
logistic regression (answerable vs not) and prints the weights and, per threshold, the share of
unanswerable questions that abstain and of answerable ones that are answered. Paste the weights
into evidence.WEIGHTS and pick ASSISTANT_ABSTAIN_THRESHOLD from the table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import evidence
from assistant.config import load_settings, quiet_environment


def best_features(assistant, cases):  # type: ignore[no-untyped-def]
    """The features of the top sentence of each case (None when no sentence fits the question)."""
    from assistant.pipeline import condense

    rows = []
    for case in cases:
        turns = [case["question"], *case.get("followups", [])]
        question = condense(turns[-1], turns[:-1])
        ranked = assistant.answerer.rank(question, assistant.retriever.retrieve(question))
        top = ranked[0] if ranked and ranked[0].score > 0 else None
        rows.append(None if top is None else [top.features[f] for f in evidence.FEATURES])
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 20000) -> np.ndarray:
    """Logistic regression by gradient descent; the last weight is the bias."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= 0.5 * (xb.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0])
    return w


def main() -> None:
    quiet_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=str(ROOT / "tests/data/calibration.jsonl"))
    ap.add_argument("--rounds", type=int, default=3, help="refits (the best sentence depends on the weights)")
    args = ap.parse_args()
    cases = [json.loads(line) for line in Path(args.cases).read_text().splitlines() if line.strip()]
    from assistant.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(store_dir=Path(tmp), seeds_dir=ROOT / "seeds",
                                 model_cache_dir=ROOT / ".cache/model", answerer="extractive")
        import os

        os.environ["ASSISTANT_STORE_DIR"] = tmp
        cli(["ingest", "--quiet"])
        from assistant.pipeline import build_assistant

        assistant = build_assistant(settings)
        for _ in range(args.rounds):
            rows = best_features(assistant, cases)
            keep = [i for i, r in enumerate(rows) if r is not None]
            x = np.array([rows[i] for i in keep])
            y = np.array([float(cases[i]["answerable"]) for i in keep])
            w = fit(x, y)
            evidence.WEIGHTS.update(dict(zip([*evidence.FEATURES, "bias"], map(float, w))))
        probs = [None if r is None else evidence.probability(dict(zip(evidence.FEATURES, r)))
                 for r in best_features(assistant, cases)]
    print("WEIGHTS =", {k: round(v, 3) for k, v in evidence.WEIGHTS.items()})
    answerable = [p for p, c in zip(probs, cases) if c["answerable"]]
    unanswerable = [p for p, c in zip(probs, cases) if not c["answerable"]]
    print("threshold  abstain(unanswerable)  answered(answerable)")
    for th in np.arange(0.30, 0.91, 0.05):
        abst = np.mean([p is None or p < th for p in unanswerable])
        ans = np.mean([p is not None and p >= th for p in answerable])
        print(f"  {th:.2f}      {abst:.2f}                  {ans:.2f}")


if __name__ == "__main__":
    main()
