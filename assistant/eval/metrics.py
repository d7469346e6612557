"""Eval metrics: pure functions on answers, passages and rankings.

Citation recall and precision follow ALCE (Gao et al. 2023), with the verifier's sentence-support
check (`verify.supported`) standing in for the NLI judge.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from assistant.answering.llm.verify import merge, split_answer
from assistant.text.sentences import MARKER, WORD, markers

if TYPE_CHECKING:
    from assistant.records import Answer, Passage

Judge = Callable[[str, list[str]], bool]  # does this text support this sentence?

# An answer that starts with this corrects a false premise instead of answering it: the answerers
# write it and the eval counts it, so both sides read it from here.
CORRECTION = "The articles do not say"
DIRECT_CHARS = 300  # a fact counts as direct when the answer states it within this many characters


def article_ranking(passages: Sequence[Passage]) -> list[str]:
    """Article ids in order of first appearance among the passages."""
    return list(dict.fromkeys(p.article_id for p in passages))


def gold_rank(ranking: list[str], gold: list[str]) -> int | None:
    """1-based rank of the first gold article in the ranking."""
    return next((i for i, aid in enumerate(ranking, 1) if aid in gold), None)


def missing_facts(text: str, patterns: list[str]) -> list[str]:
    """The required-fact patterns that do not match the answer (case-insensitive)."""
    return [p for p in patterns if not re.search(p, text, re.IGNORECASE)]


def is_correction(text: str) -> bool:
    """Whether an answer corrects the question's premise rather than answering it."""
    return text.lstrip(" \n\"“").startswith(CORRECTION)


def direct(text: str, patterns: list[str], limit: int = DIRECT_CHARS) -> bool:
    """Whether every required fact matches within the first `limit` characters of the answer."""
    return not missing_facts(text[:limit], patterns)


def cites_all(cited: Sequence[str], gold: Sequence[str]) -> bool:
    """Whether the cited article ids include every gold article (False when there is no gold)."""
    return bool(gold) and set(gold) <= set(cited)


LEAD = re.compile(r"^\s*(?:- )?(?:\*\*[^*]+\*\*(?:,\s*)?)+[^“]*?:\s*(?=“)")


def claims(text: str) -> list[tuple[str, list[int]]]:
    """The answer's sentences, markers removed, each with the citation numbers it carries. A
    premise correction ("The articles do not say ...") claims an absence: nothing can cite it.
    A bold lead before a quote ("**December 14**: “...”") labels the quote, which is the claim:
    in a fact answer it is part of the quote, in an overview it is the card's date or name."""
    out: list[tuple[str, list[int]]] = []
    for _, sentence in split_answer(text):
        sentence = LEAD.sub("", sentence)
        bare = re.sub(r"\s*" + MARKER.pattern, "", sentence).strip(" \n\"“”")
        if WORD.search(bare) and not is_correction(bare):
            out.append((bare, list(dict.fromkeys(markers(sentence)))))
    return out


def cited_texts(answer: Answer, passages: Sequence[Passage]) -> dict[int, list[str]]:
    """For each citation number, the text its article's retrieved passages cover."""
    return {c.n: [text for _, text in merge([p for p in passages if p.article_id == c.article_id])]
            for c in answer.citations}


def integrity(answer: Answer, passages: Sequence[Passage]) -> bool:
    """Every [n] names a citation of a retrieved article whose quotes its passages hold verbatim."""
    texts = cited_texts(answer, passages)
    by_n = {c.n: c for c in answer.citations}
    for n in markers(answer.text):
        if not texts.get(n):
            return False
        if any(not any(q.text in t for t in texts[n]) for q in by_n[n].quotes):
            return False
    return True


def claim_support(sentence: str, cited: list[int], texts: dict[int, list[str]],
                  support: Judge) -> tuple[bool, int]:
    """ALCE for one sentence: whether its citations support it, and how many of them are precise."""
    def pool(numbers_: list[int]) -> list[str]:
        return [t for n in numbers_ for t in texts.get(n, [])]

    if not cited or not support(sentence, pool(cited)):
        return False, 0
    if len(cited) == 1:
        return True, 1
    # a citation is imprecise when it supports nothing alone and the others suffice without it
    precise = sum(1 for n in cited if support(sentence, pool([n]))
                  or not support(sentence, pool([m for m in cited if m != n])))
    return True, precise


def alce(text: str, texts: dict[int, list[str]],
         support: Judge) -> tuple[int, int, int, int]:
    """(sentences, sentences supported, citations, precise citations) of an answer, ALCE-style."""
    sentences = supported = citations = precise = 0
    for sentence, cited in claims(text):
        ok, good = claim_support(sentence, cited, texts, support)
        sentences, supported = sentences + 1, supported + ok
        citations, precise = citations + len(cited), precise + good
    return sentences, supported, citations, precise


def mean(values: Sequence[float]) -> float | None:
    """Arithmetic mean, None when there is nothing to average."""
    return sum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    """Middle value (mean of the two middle ones for an even count), None when there are none."""
    return statistics.median(values) if values else None


def p95(values: Sequence[float]) -> float | None:
    """95th percentile by the nearest-rank method."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else None
