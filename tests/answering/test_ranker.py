"""The sentence ranker (answering/extractive/ranker.py): the fitted weights shipped with the
package cover every feature, the probability follows them, and bench/fit_ranker.py's fit learns a
feature that separates answering sentences from the rest."""

from __future__ import annotations

import importlib.util
import random

from conftest import ROOT

from assistant.answering.extractive.ranker import FEATURES, Ranker, load


def _fit_ranker():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("fit_ranker", ROOT / "bench" / "fit_ranker.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_the_shipped_weights_cover_every_feature() -> None:
    ranker = load()
    for part in (ranker.mean, ranker.scale, ranker.weights):
        assert set(part) == set(FEATURES)
    assert all(s > 0 for s in ranker.scale.values())
    assert 0.0 <= ranker.threshold <= 1.0


def test_the_probability_follows_the_weights() -> None:
    names = ("similarity", "fits")
    ranker = Ranker({n: 0.0 for n in names}, {n: 1.0 for n in names},
                    {"similarity": 2.0, "fits": 1.0}, -1.0, 0.5)
    low = ranker.probability({"similarity": 0.1, "fits": 0.0})
    high = ranker.probability({"similarity": 0.9, "fits": 1.0})
    assert 0.0 < low < high < 1.0


def test_the_fit_learns_what_separates_answering_sentences() -> None:
    fit = _fit_ranker().fit
    rnd = random.Random(3)
    rows = []
    for _ in range(400):
        label = rnd.random() < 0.3
        rows.append({"features": {"signal": rnd.gauss(1.5 if label else 0.0, 1.0),
                                  "noise": rnd.gauss(0.0, 1.0)}, "label": label})
    model = fit(rows, ("signal", "noise"))
    assert model["weights"]["signal"] > 1.0 > abs(model["weights"]["noise"])
