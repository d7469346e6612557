"""Fit the one abstention threshold (ASSISTANT_ABSTAIN_THRESHOLD) on tests/data/calibration.jsonl.

    python bench/calibrate.py [--cases FILE] [--store DIR]

Builds a temporary store over seeds/ (or uses --store), answers every calibration question with
the threshold at 0, and prints, per threshold, the share of unanswerable questions that would
abstain and of answerable ones that would still be answered with their required facts. The
relevance of an answer is `Answer.evidence`: the evidence probability (assistant/answering/extractive/evidence.py) of
the sentence it rests on. The evaluation sets stay apart.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.app.config import load_settings, quiet_environment


def observe(assistant, cases):  # type: ignore[no-untyped-def]
    """(relevance, answerable, facts present) of each case's answer with no threshold."""
    rows = []
    for case in cases:
        turns = [case["question"], *case.get("followups", [])]
        history = []
        for turn in turns:
            history.append(assistant.ask(turn, history))
        answer = history[-1]
        facts = not answer.abstained and all(
            re.search(p, answer.text, re.IGNORECASE) for p in case["must_include"])
        rows.append((0.0 if answer.abstained else answer.evidence, case["answerable"], facts))
    return rows


def table(rows) -> list[tuple[float, float, float]]:  # type: ignore[no-untyped-def]
    """Per threshold: (threshold, abstention on unanswerable, answerable answered with facts)."""
    out = []
    unans = [r for r in rows if not r[1]]
    ans = [r for r in rows if r[1]]
    for step in range(20, 96):
        t = step / 100
        abstain = sum(r[0] < t for r in unans) / (len(unans) or 1)
        kept = sum(r[0] >= t and r[2] for r in ans) / (len(ans) or 1)
        out.append((t, abstain, kept))
    return out


def main() -> None:
    quiet_environment()
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default=str(ROOT / "tests/data/calibration.jsonl"))
    ap.add_argument("--store", default=None, help="an indexed store of seeds/ (else built)")
    args = ap.parse_args()
    cases = [json.loads(line) for line in Path(args.cases).read_text().splitlines() if line.strip()]
    from assistant.app.cli import main as cli
    from assistant.app.pipeline import build_assistant

    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or str(Path(tmp) / "store")
        if not args.store:
            import os

            os.environ["ASSISTANT_STORE_DIR"] = store
            cli(["ingest", "--quiet"])
        settings = load_settings(store_dir=Path(store), answerer="extractive",
                                 abstain_threshold=0.0)
        rows = observe(build_assistant(settings), cases)
    best = max(table(rows), key=lambda r: (r[1] + r[2], r[1]))
    print("threshold  abstain(unanswerable)  answered-with-facts(answerable)")
    for t, abstain, kept in table(rows):
        mark = "  <- best" if (t, abstain, kept) == best else ""
        print(f"{t:9.2f}  {abstain:21.2f}  {kept:31.2f}{mark}")
    print(json.dumps({"threshold": best[0], "abstain": best[1], "answered": best[2]}))


if __name__ == "__main__":
    main()
