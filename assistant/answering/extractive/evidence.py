"""Evidence: the lexical features of a candidate sentence (the question's terms weighted by
rarity, how many the sentence and its passage hold, the question's share of words the corpus never
uses) and whether the question asks for something the corpus never mentions; the candidate
sentences they are computed for. The ranker
(ranker.py) weighs these with the other features; what kind of answer a question needs is decided
by the question analysis (question/analyse.py), not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from assistant.lexicon import ANSWER_KIND_WORDS, QUANTIFIERS
from assistant.records import Candidate
from assistant.text.sentences import WORD, sentence_spans, term_set, terms

if TYPE_CHECKING:
    from assistant.records import Passage


def sentences_of(passages: list[Passage]) -> list[Candidate]:
    """The passages' sentences as candidates, each once (overlapping chunks repeat sentences),
    with their terms and the entities found in them at ingest."""
    seen: set[tuple[str, int]] = set()
    out: list[Candidate] = []
    for p in passages:
        for start, end in sentence_spans(p.text, p.start):
            if (p.article_id, start) in seen:
                continue
            seen.add((p.article_id, start))
            text = p.text[start - p.start:end - p.start]
            ents = [e for e in p.entities if start <= e.start and e.end <= end]
            out.append(Candidate(p, start, end, text, set(terms(text)), ents))
    return out


class Lexicon(Protocol):
    def idf(self, term: str) -> float: ...
    def known(self, term: str) -> bool: ...


@dataclass(frozen=True)
class Weighted:
    """A question's terms weighted by rarity, its names and the rest (focus): what a sentence's
    evidence is measured against (the analysed question is records.Question)."""

    text: str
    weights: dict[str, float]
    focus: frozenset[str]
    unknown: float  # share of the question's weight on words the corpus never uses
    names: frozenset[str]  # the capitalised words that name who or what is asked about

    def mask(self, text: str) -> str:
        """`text` with the question's names replaced, so similarity measures what is asked."""
        if not self.names:
            return text
        pattern = r"\b(?:" + "|".join(re.escape(n) for n in sorted(self.names, key=len,
                                                                   reverse=True)) + r")\b"
        return re.sub(pattern, "X", text)


def weigh(question: str, lexicon: Lexicon | None) -> Weighted:
    """Weigh the question's terms by IDF and find its focus terms."""
    weights = {t: (lexicon.idf(t) if lexicon else 1.0) for t in set(terms(question))}
    names = frozenset(w for w in WORD.findall(question)[1:] if w[:1].isupper())
    entities = set(terms(" ".join(names)))
    meta = term_set(QUANTIFIERS) | term_set(ANSWER_KIND_WORDS)  # what kind of answer, not about
    focus = frozenset(t for t in weights if t not in entities and t not in meta)
    total = sum(weights.values()) or 1.0
    unknown = sum(w for t, w in weights.items() if lexicon and not lexicon.known(t)) / total
    return Weighted(question, weights, focus, unknown, names)


def coverage(q: Weighted, have: set[str], only: frozenset[str] | None = None) -> float:
    """IDF-weighted share of the question's terms (or of `only`) present in `have`."""
    keys = q.weights.keys() if only is None else only
    total = sum(q.weights[t] for t in keys)
    if not total:
        return 1.0
    return sum(q.weights[t] for t in keys if t in have) / total


def asks_unseen(q: Weighted, passage_terms: set[str], lexicon: Lexicon | None,
                asked: frozenset[str]) -> bool:
    """The question asks for something (one of its focus words among the `asked` ones: its
    nouns) the corpus never mentions, and the passage has none of its focus words either: "What
    is the population of Huainan?". A verb the articles word otherwise ("thanked") is no reason."""
    if not q.focus or lexicon is None or any(t in passage_terms for t in q.focus):
        return False
    return any(not _kin_known(t, lexicon) for t in asked & q.focus)


def _kin_known(term: str, lexicon: Lexicon) -> bool:
    """The corpus uses the term or a word it derives from ("visitor": "visit", "signatory" is
    not "sign": at least five letters shared; a shorter word only as itself)."""
    return lexicon.known(term) or any(lexicon.known(term[:k]) for k in range(len(term) - 1, 4, -1))


def features(q: Weighted, sentence_terms: set[str], passage_terms: set[str],
             similarity: float, masked: float) -> dict[str, float]:
    """The evidence features of one candidate sentence."""
    return {"coverage": coverage(q, sentence_terms), "similarity": similarity,
            "masked_similarity": masked,
            "unknown": q.unknown, "passage_coverage": coverage(q, passage_terms),
            "focus_coverage": coverage(q, passage_terms, q.focus)}

