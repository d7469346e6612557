"""The bench corpus made from the project's real development articles, with entities and numbers
varied: article i is one of the articles of the broad eval set's development halves (dev, dev2,
test3) under its own consistent substitutions (bench/substitute.py: people, places, amounts,
counts, years and days), so speed, memory and event cards are measured on prose like users'. No
other half is read (test, test2, test4, test5-test9), nor its questions. Stdlib and the
project's own code, no global random state; spaCy reads each source once per process, a variant is
string work (10,000 articles in seconds).   Usage: python bench/varied.py OUT_DIR N [--seed S]"""
from __future__ import annotations

import functools
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import synth
from substitute import MONTH, Plan, Source, Spans, analyse, plan, shift_day, vary

EVAL = Path(__file__).resolve().parent.parent / "tests" / "eval"
# three development halves only (test, test2, test4, test5-test9 are left out)
SOURCE_DIRS = ("dev", "dev2", "test3")
QUESTION_FILES = ("broad_dev.jsonl", "broad_dev2.jsonl", "broad_test3.jsonl")


def source_files() -> list[Path]:
    """The development articles, in a fixed order."""
    return [f for d in SOURCE_DIRS for f in sorted((EVAL / "broad" / d).glob("*.txt"))]


@functools.cache
def sources() -> tuple[Source, ...]:
    """The development articles, each read by spaCy once, with their answerable one-article
    questions; an article with nothing to vary is left out (its variants would all be alike)."""
    from assistant.text.nlp import NLP

    files = source_files()
    texts = [f.read_text(encoding="utf-8") for f in files]
    english = {w for t in texts for w in re.findall(r"\b[a-z][a-z'-]+\b", t)}
    asked: dict[str, list[dict]] = {}
    for name in QUESTION_FILES:
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            if q["answerable"] and len(q["gold_articles"]) == 1:
                asked.setdefault(q["gold_articles"][0], []).append(q)
    found = NLP.load().annotate(texts)
    out = [analyse(f.stem, t, e, english, asked.get(f.stem, []))
           for f, t, e in zip(files, texts, found, strict=True)]
    return tuple(s for s in out if s.units or s.numbers)


@functools.cache
def _names() -> dict[str, list[str]]:
    """The given and family names of the sources' non-Chinese people, to draw others from."""
    return {k: sorted({u for s in sources() for u, kind in s.units.items() if kind == k})
            for k in ("first", "last")}


def _variants(n: int, seed: int) -> list[tuple[str, Source, Plan]]:
    """(id, source, plan) of articles 0..n-1: article i varies the (i mod #sources)-th source of
    a seeded order; its id is the source's file stem and i, as synth numbers its articles."""
    srcs = sources()
    order = random.Random(f"varied-order:{seed}").sample(srcs, len(srcs))
    return [(f"{src.id}_v{i:06d}", src, plan(src, random.Random(f"varied:{seed}:{i}"), _names()))
            for i, src in ((i, order[i % len(order)]) for i in range(n))]


def generate(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """[(article_id, text)]; generate(m, s) is a prefix of generate(n, s) for m <= n."""
    return [(aid, vary(src.text, src, p)[0]) for aid, src, p in _variants(n, seed)]


def write_corpus(dir: Path, n: int, seed: int = 0, include_seeds: Path | None = None) -> int:
    """generate(n, seed) as files named by id (and copies of the real articles in include_seeds),
    as synth writes its own; how many files."""
    return synth.write_corpus(dir, n, seed, include_seeds, articles=generate(n, seed))


_REGEX_TOKEN = re.compile(r"\\[A-Za-z0-9]|\\.|\[(?:\\.|[^\]\\])+\]|\(\?(?:[:=!]|<[=!]|P<\w+>)"
                          r"|(?P<quantifier>[*+?]\??|\{\d*,?\d*\}\??)|.", re.DOTALL)


def vary_regex(pattern: str, src: Source, p: Plan) -> str:
    """A must_include regex under the plan: only its literal text changes, run by run (a
    character a quantifier binds stays as it is; a bare number beside a month is a day). The
    result may no longer find its fact: questions() checks."""
    tokens: list[tuple[str, str | None]] = []  # (as written, the literal character or None)
    for m in _REGEX_TOKEN.finditer(pattern):
        t = m[0]
        if m["quantifier"] and tokens:
            tokens[-1] = (tokens[-1][0], None)
        escaped = len(t) == 2 and t[0] == "\\" and not t[1].isalnum()
        plain = len(t) == 1 and t not in "()|.^$*+?{}[]\\"
        tokens.append((t, t[-1] if escaped or plain else None))
    out, run, month = [], [], re.search(MONTH, pattern)
    for t, literal in [*tokens, ("", None)]:
        if literal is not None:
            run.append((t, literal))
            continue
        text = "".join(c for _, c in run)
        new = vary(text, src, p)[0]
        if month and re.fullmatch(r"\s*\d{1,2}(?:st|nd|rd|th)?\s*", text):  # "Aug(ust)?\.? 9"
            new = re.sub(r"\d+(?:st|nd|rd|th)?", lambda d: shift_day(d[0], p), text)
        out += [re.sub(r"[.^$*+?{}\[\]\\|()]", r"\\\g<0>", new) if new != text else
                "".join(w for w, _ in run), t]
        run = []
    return "".join(out)


def _at(spans: Spans, pos: int, start: bool) -> int:
    """Where a position of the source lands in the variant."""
    shift = 0
    for s, e, s2, e2 in spans:
        if pos <= s:
            break
        if pos < e:
            return s2 if start else e2
        shift = e2 - e
    return pos + shift


def _holds(old: str, new: str, src: Source, text: str, spans: Spans) -> bool:
    """The varied regex finds its fact where the original found it in the source (a fact not
    written in the source, such as "yes", stays as it is)."""
    if new == old and not re.search(old, src.text, re.IGNORECASE):
        return True
    want = [(_at(spans, m.start(), True), _at(spans, m.end(), False))
            for m in re.finditer(old, src.text, re.IGNORECASE)]
    return any(m.start() < e and s < m.end()
               for m in re.finditer(new, text, re.IGNORECASE) for s, e in want)


def questions(n: int, seed: int = 0, corpus_n: int | None = None) -> list[dict]:
    """n dicts {question, gold_article, must_include, kind, source_question} about
    generate(corpus_n or n, seed): the development questions that are answerable from one gold
    article, asked of each variant of that article, the variant's plan applied to the question
    and (literal text only) to its must_include regexes. A question is kept only if
      - its varied text names something varied (it differs from the original), and no other
        variant of the same source in the corpus gets the same text, so the gold variant is the
        one to find among its near-duplicates;
      - every varied must_include matches the variant where the original matched the source.
    The rest are dropped. First one question from every article (shuffled), then second ones,
    and so on; ValueError if fewer than n survive."""
    arts = _variants(corpus_n or n, seed)
    asked: dict[tuple[str, str], Counter] = {}
    for _, src, p in arts:
        for q in src.questions:
            asked.setdefault((src.id, q["id"]), Counter())[vary(q["question"], src, p)[0]] += 1
    order = random.Random(f"varied-questions:{seed}").sample(range(len(arts)), len(arts))
    picks = {i: random.Random(f"varied-pick:{seed}:{i}").sample(arts[i][1].questions,
                                                                len(arts[i][1].questions))
             for i in order}
    out: list[dict] = []
    for rnd in range(max((len(q) for q in picks.values()), default=0)):
        for i in (i for i in order if rnd < len(picks[i])):
            aid, src, p = arts[i]
            q = picks[i][rnd]
            asks = vary(q["question"], src, p)[0]
            if asks == q["question"] or asked[(src.id, q["id"])][asks] > 1:
                continue
            text, spans = vary(src.text, src, p)
            facts = [vary_regex(f, src, p) for f in q["must_include"]]
            if all(_holds(f, v, src, text, spans) for f, v in zip(q["must_include"], facts,
                                                                   strict=True)):
                out.append({"question": asks, "gold_article": aid, "must_include": facts,
                            "kind": q["kind"], "source_question": q["id"]})
                if len(out) == n:
                    return out
    raise ValueError(f"a corpus of {len(arts)} articles yields only {len(out)} questions")


def main(argv: list[str] | None = None) -> int:
    return synth.main(argv, sys.modules[__name__])


if __name__ == "__main__":
    raise SystemExit(main())
