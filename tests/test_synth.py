"""bench/synth.py: deterministic synthetic corpus + questions with known gold articles."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
synth = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synth)


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str]]:
    return synth.generate(400, seed=7)


def test_same_seed_same_output_and_other_seed_differs(corpus):
    assert synth.generate(400, seed=7) == corpus
    assert synth.generate(50, seed=8) != corpus[:50]
    assert synth.generate(50, seed=7) == corpus[:50]  # a smaller corpus is a prefix


def test_write_corpus_is_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert synth.write_corpus(a, 120, seed=3) == 120
    assert synth.write_corpus(b, 120, seed=3) == 120
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir()) and len(files) == 120
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def test_write_corpus_copies_seeds(tmp_path):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert synth.write_corpus(tmp_path, 10, include_seeds=ROOT / "seeds") == 10 + len(seeds)
    for s in seeds:
        assert (tmp_path / s.name).read_bytes() == s.read_bytes()


def test_counts_ids_and_size(corpus):
    ids = [aid for aid, _ in corpus]
    assert len(corpus) == 400 and len(set(ids)) == 400
    assert ids[0] == "syn_000000" and ids[-1] == "syn_000399"
    assert all(2000 <= len(text) <= 6000 for _, text in corpus)


def test_shape_resembles_seeds(corpus):
    texts = [t for _, t in corpus]
    with_caption = [t for t in texts if "-SHLINGANGIC" in t]
    assert len(with_caption) > len(texts) / 2  # most have caption lines ...
    assert sum(t.count("-SHLINGANGIC") > 1 for t in with_caption) > 20  # ... some repeated
    assert any(t.startswith(tuple(synth.MONTHS)) for t in texts)  # date line + heading, like 004
    assert all(t.startswith(("On ", *synth.MONTHS)) for t in texts)
    for t in texts:
        paras = [p for p in t.split("\n") if p and not p.endswith("-SHLINGANGIC")]
        assert len(paras) >= 3
    assert len({t[:200] for t in texts}) == len(texts)


def test_question_facts_are_in_gold_article_and_only_there(corpus):
    qs = synth.questions(150, seed=7, corpus_n=400)
    texts = dict(corpus)
    assert len(qs) == 150
    assert {q["kind"] for q in qs} >= {"visit", "reception", "signing_date", "attendance"}
    for q in qs:
        gold = texts[q["gold_article"]]
        assert q["answer"] in gold, q
        assert all(f in gold for f in q["facts"]), q
        others = [aid for aid, t in corpus if all(f in t for f in q["facts"])]
        assert others == [q["gold_article"]], q  # the facts single out the gold article
    assert synth.questions(150, seed=7, corpus_n=400) == qs


def test_more_questions_than_articles():
    qs = synth.questions(20, seed=1, corpus_n=10)  # every article yields 2 or 3 questions
    assert len(qs) == 20 and len({q["question"] for q in qs}) == 20
    assert {q["gold_article"] for q in qs} == {f"syn_{i:06d}" for i in range(10)}
    with pytest.raises(ValueError):
        synth.questions(31, seed=1, corpus_n=10)


def test_ten_thousand_articles_timing():
    t0 = time.perf_counter()
    arts = synth.generate(10_000, seed=0)
    dt = time.perf_counter() - t0
    sizes = [len(t) for _, t in arts]
    assert len({aid for aid, _ in arts}) == 10_000
    print(f"\n10,000 articles in {dt:.2f}s; average {sum(sizes) / len(sizes):.0f} chars, "
          f"min {min(sizes)}, max {max(sizes)}")


def test_cli(tmp_path):
    out = tmp_path / "out"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), str(out), "30", "--seed", "5",
                    "--questions", str(tmp_path / "q.jsonl")], check=True, capture_output=True)
    assert sorted(p.name for p in out.iterdir())[:2] == ["syn_000000.txt", "syn_000001.txt"]
    assert len(list(out.iterdir())) == 30
    assert (out / "syn_000004.txt").read_text(encoding="utf-8") == dict(synth.generate(5, 5))[
        "syn_000004"]
    assert len((tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()) == 3
