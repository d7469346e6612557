"""bench/varied.py: the bench corpus made from the development articles, entities and numbers
varied; bench/substitute.py, the substitutions. Real spaCy, real articles, no mocks."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from assistant.text.dates import WRITTEN, find_dates

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = {"test", "test2", "test4", "test6", "test7", "test8", "test9"}  # not bench sources
HELD_OUT_QUESTIONS = {f"broad_{h}.jsonl" for h in HELD_OUT}
sys.path.insert(0, str(ROOT / "bench"))
try:
    import substitute
    import varied
finally:
    sys.path.remove(str(ROOT / "bench"))

N = 300


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str]]:
    return varied.generate(N, seed=5)


@pytest.fixture(scope="module")
def sources() -> dict[str, substitute.Source]:
    return {s.id: s for s in varied.sources()}


def source_of(aid: str, sources: dict) -> substitute.Source:
    return sources[aid.rsplit("_v", 1)[0]]


def test_sources_are_the_development_halves_only(sources):
    assert not set(varied.SOURCE_DIRS) & HELD_OUT
    assert not set(varied.QUESTION_FILES) & HELD_OUT_QUESTIONS
    files = varied.source_files()
    assert {f.parent.name for f in files} == {"dev", "dev2", "test3"}
    assert all(f.parent.parent == ROOT / "tests" / "eval" / "broad" for f in files)
    assert len(sources) >= 0.9 * len(files) and set(sources) <= {f.stem for f in files}
    dev_questions = {json.loads(line)["id"] for name in varied.QUESTION_FILES
                     for line in (ROOT / "tests" / "eval" / name).read_text().splitlines()}
    assert all(q["id"] in dev_questions for s in sources.values() for q in s.questions)
    for module in ("varied.py", "substitute.py"):  # no held-out path written anywhere
        code = (ROOT / "bench" / module).read_text()
        assert not re.search(r"broad_test[246]?\.jsonl|broad/test[246]?\b|\"test[246]?\"", code)


def test_same_seed_same_output_and_other_seed_differs(corpus):
    assert varied.generate(N, seed=5) == corpus
    assert varied.generate(40, seed=5) == corpus[:40]  # a smaller corpus is a prefix
    assert [t for _, t in varied.generate(40, seed=6)] != [t for _, t in corpus[:40]]


def test_ids_and_texts_are_unique_and_named_after_their_source(corpus, sources):
    ids = [aid for aid, _ in corpus]
    assert len(set(ids)) == N and len({t for _, t in corpus}) == N
    assert ids[7].endswith("_v000007")
    assert all(aid.rsplit("_v", 1)[0] in sources for aid in ids)
    assert len({source_of(aid, sources).id for aid in ids}) == len(sources)  # every source used


def test_variants_differ_from_their_source_within_a_sane_length(corpus, sources):
    for aid, text in corpus:
        src = source_of(aid, sources).text
        assert text != src
        assert 0.85 < len(text) / len(src) < 1.2, aid
        assert text.count("\n") == src.count("\n")  # the layout is the source's


def test_a_person_and_a_place_change_everywhere(corpus, sources):
    hunan = [(aid, t) for aid, t in corpus if aid.startswith("a01-hunan-shiga")]
    src = sources["a01-hunan-shiga-35th-anniversary"].text
    assert len(hunan) >= 3 and len(re.findall(r"\bDu\b", src)) >= 3  # "Du" alone, later on
    seen = set()
    for _, text in hunan:
        full = re.search(r"was received in \w+ on \w+ \d+, \d+ by (\w+) (\w+),", text)
        surname, given = full[1], full[2]
        seen.add(surname)
        assert (surname, given) != ("Du", "Jiahao") and not re.search(r"\bDu\b|Jiahao", text)
        assert text.count(f"{surname} {given}") == src.count("Du Jiahao")
        assert len(re.findall(rf"\b{surname}\b", text)) == len(re.findall(r"\bDu\b", src))
        province = re.search(r"secretary of the CPC (\w+) Provincial Committee", text)[1]
        assert "Hunan" not in text and province != "Hunan"
        assert text.count(province) == src.count("Hunan")  # "Hunan-Shiga" too
        assert text.count("Shiga") == src.count("Shiga")  # a place of no list stays
    assert len(seen) > 1


def test_numbers_keep_their_shape(corpus, sources):
    shape = re.compile(r"\b\d[\d,]*(?:\.\d+)? (?:billion|million) (?:yuan|RMB|U\.?S\.? dollars)")

    def shapes(text: str) -> list[str]:
        return sorted(re.sub(r"\d", "9", m[0]).replace("99", "9").replace("99", "9")
                      for m in shape.finditer(text))

    changed = 0
    for aid, text in corpus:
        src = source_of(aid, sources).text
        assert shapes(text) == shapes(src), aid
        changed += [m[0] for m in shape.finditer(text)] != [m[0] for m in shape.finditer(src)]
        for n in re.findall(r"(\d+)(st|nd|rd|th) anniversary", text):  # "35th" -> "33rd"
            assert substitute.ordinal(int(n[0])) == n[1]
    assert changed > 50


def form(date: str) -> str:
    """A date's written format: "September 9th" like "September 24th", "Sept. 19-22" like
    "Sept. 4-7"; a numeric date's widths too ("2024-01-05", "2017/4/20")."""
    if re.match(r"\d{4}[-/]\d|\d{1,2}\.\d{1,2}\.\d{4}", date):
        return re.sub(r"\d", "9", date)
    return re.sub(r"\d+", "D", re.sub(r"\d+(?:st|nd|rd|th)\b", "Dth", date))


def test_dates_stay_valid_in_their_format_and_shift_together(corpus, sources):
    moved = 0
    for aid, text in corpus:
        src = source_of(aid, sources).text
        before, after = find_dates(src), find_dates(text)
        assert len(after) == len(before), aid  # no date lost to an invalid day
        assert len(list(WRITTEN.finditer(text))) == len(list(WRITTEN.finditer(src)))
        assert [(d.month, d.day is None, d.year is None) for d, _, _ in after] == \
            [(d.month, d.day is None, d.year is None) for d, _, _ in before]
        shifts = {d2.year - d1.year for (d1, _, _), (d2, _, _) in zip(before, after, strict=True)
                  if d1.year}
        assert len(shifts) <= 1 and shifts != {0}  # one year shift for the whole article
        days = {d2.day - d1.day for (d1, _, _), (d2, _, _) in zip(before, after, strict=True)
                if d1.day}
        assert len(days) <= 1
        moved += days != {0}
        for (_, s, e), (_, s2, e2) in zip(before, after, strict=True):  # the format is kept
            assert form(src[s:e]) == form(text[s2:e2]), (src[s:e], text[s2:e2])
    assert moved > N / 2


def test_questions_single_out_their_variant_and_their_facts_match_it(corpus, sources):
    qs = varied.questions(200, seed=5, corpus_n=N)
    texts = dict(corpus)
    assert len(qs) == 200 and varied.questions(200, seed=5, corpus_n=N) == qs
    assert len({q["gold_article"] for q in qs}) > 150  # spread over the articles
    asked = {}
    for s in sources.values():
        asked.update({q["id"]: q for q in s.questions})
    for q in qs:
        gold = texts[q["gold_article"]]
        original = asked[q["source_question"]]
        assert q["question"] != original["question"]
        assert len(q["must_include"]) == len(original["must_include"])
        for fact in q["must_include"]:
            assert re.search(fact, gold, re.IGNORECASE) or fact == "yes", (q, fact)
        siblings = [t for aid, t in corpus if aid.rsplit("_v", 1)[0] ==
                    q["gold_article"].rsplit("_v", 1)[0] and aid != q["gold_article"]]
        assert siblings and all(s != gold for s in siblings)
    assert any(f != o for q in qs for f, o in zip(
        q["must_include"], asked[q["source_question"]]["must_include"], strict=True))
    with pytest.raises(ValueError):
        varied.questions(10_000, seed=5, corpus_n=N)


def test_vary_regex_changes_only_literal_text(sources):
    import random

    src = sources["a01-hunan-shiga-35th-anniversary"]
    p = substitute.plan(src, random.Random(1), varied._names())
    new = " ".join((p.units["Du"], p.units["Jiahao"]))
    assert varied.vary_regex("Du Jiahao|Jiahao Du", src, p) == f"{new}|{' '.join(new.split()[::-1])}"
    assert varied.vary_regex(r"(Gov\.? )?Mikazuki\b|\bDu\b", src, p) == \
        rf"(Gov\.? )?{p.units['Mikazuki']}\b|\b{p.units['Du']}\b"
    assert varied.vary_regex(r"35(th)? years?", src, p) == \
        rf"{p.numbers['35']}(th)? years?"  # the "s" a quantifier binds stays put
    day = 11 + p.days
    assert varied.vary_regex(r"Nov(ember|\.)? 11|11 Nov", src, p) == rf"Nov(ember|\.)? {day}|{day} Nov"
    assert varied.vary_regex(r"[Ss]ix|\d+ projects", src, p) == r"[Ss]ix|\d+ projects"


def test_cli_writes_the_corpus_and_questions(tmp_path, corpus):
    out = tmp_path / "out"
    assert varied.main([str(out), "90", "--seed", "5", "--questions", str(tmp_path / "q.jsonl")]) == 0
    assert sorted(p.stem for p in out.iterdir()) == sorted(aid for aid, _ in corpus[:90])
    assert all((out / f"{aid}.txt").read_text(encoding="utf-8") == t for aid, t in corpus[:90])
    rows = [json.loads(line) for line in (tmp_path / "q.jsonl").read_text().splitlines()]
    assert len(rows) == 9 and all((out / f"{r['gold_article']}.txt").exists() for r in rows)
