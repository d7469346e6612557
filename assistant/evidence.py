"""Evidence: how well a quoted sentence answers a question, as a calibrated probability.

The weights are fitted by `bench/calibrate.py` (logistic regression) on the labelled questions in
tests/data/calibration.jsonl; the evaluation set is kept apart for measuring.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

from .articles import DATE_RE
from .citations import WORD, numbers, terms

FEATURES = ("coverage", "similarity", "masked_similarity", "unknown", "passage_coverage",
            "focus_coverage")
# Fitted 2026-11-24 by bench/calibrate.py; refit after changing retrieval or features.
WEIGHTS = {"coverage": 0.981, "similarity": 0.733, "masked_similarity": 1.03, "unknown": -0.675,
           "passage_coverage": -0.073, "focus_coverage": 0.231, "bias": 1.272}
_WHEN = re.compile(r"^(?:since\s+)?when\b|\b(?:what|which)\s+(?:date|day|month)\b|\bborn\b")
_WHICH_YEAR = re.compile(r"\b(?:what|which)\s+year\b|\bin\s+what\s+year\b")
_HOW_MANY = re.compile(r"\bhow\s+(?:many|much|large|big|long|old)\b(?:\s+(\w+))?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "What is X's position?", "Which post does X hold?", "Who is X?": the answer gives X a role.
_NAME = r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*?)"
_PERSON = _NAME.replace("'’", "")  # no possessive: not "Who is Lingang Group's CFO?"
_ROLE_WORD = r"(?:job\s+title|title|position|role|post|job|affiliation)s?"
_ROLE_QUESTIONS = tuple(re.compile(rf"^{form}\s*\??\s*$") for form in (
    rf"(?:what|which)\s+{_ROLE_WORD}\s+(?:does|did|do)\s+{_NAME}\s+(?:have|hold)",
    rf"what\s+(?:is|was|are|were)\s+{_NAME}['’]s?\s+(?:former\s+|current\s+)?{_ROLE_WORD}",
    rf"who\s+(?:is|was)\s+{_PERSON}"))
# a title or body after the name ("X, deputy director of ...", "X from Fudan"), or a title before it
_ROLE_AFTER = re.compile(r"\s*(?:,|\(|\bis\b|\bwas\b|\bas\b|\bfrom\b|\bof\b|\bat\b)\s*\w")
_ROLE_BEFORE = re.compile(r"\b(?!(?:Mr|Ms|Mrs|Dr|And|The|By|With|From)\b)[A-Z][\w-]+\s+$")
_QUANTIFIERS = {"mani", "much"}
# Words that say what kind of answer is wanted, not what it is about: never a question's focus.
_META = frozenset(terms(
    "title titles post posts position positions role roles job jobs hold holds person persons "
    "official officials organisation organization body bodies run runs work works lead leads "
    "come came travel day date year given across briefing briefings involve involved context "
    "full name kind type describe described mention mentioned happen happened take took"))


class Lexicon(Protocol):
    def idf(self, term: str) -> float: ...
    def known(self, term: str) -> bool: ...


@dataclass(frozen=True)
class Question:
    """A question's terms, weighted by rarity, split into named entities and the rest (focus)."""

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


def analyse(question: str, lexicon: Lexicon | None) -> Question:
    """Weigh the question's terms by IDF and find its focus terms."""
    weights = {t: (lexicon.idf(t) if lexicon else 1.0) for t in set(terms(question))}
    names = frozenset(w for w in WORD.findall(question)[1:] if w[:1].isupper())
    entities = set(terms(" ".join(names)))
    focus = frozenset(t for t in weights
                      if t not in entities and t not in _QUANTIFIERS and t not in _META)
    total = sum(weights.values()) or 1.0
    unknown = sum(w for t, w in weights.items() if lexicon and not lexicon.known(t)) / total
    return Question(question, weights, focus, unknown, names)


def coverage(q: Question, have: set[str], only: frozenset[str] | None = None) -> float:
    """IDF-weighted share of the question's terms (or of `only`) present in `have`."""
    keys = q.weights.keys() if only is None else only
    total = sum(q.weights[t] for t in keys)
    if not total:
        return 1.0
    return sum(q.weights[t] for t in keys if t in have) / total


def asks_unseen(q: Question, passage_terms: set[str], lexicon: Lexicon | None) -> bool:
    """The question asks for something (a focus word) the corpus never mentions, and the passage
    has none of its other focus words either: "What is the population of Huainan?"."""
    if not q.focus or lexicon is None or any(t in passage_terms for t in q.focus):
        return False
    return any(not lexicon.known(t) for t in q.focus)


def names_found(q: Question, passage_terms: set[str], share: float = 0.6) -> bool:
    """Most of the (IDF-weighted) names the question asks about appear in the passage."""
    names = frozenset(t for t in terms(" ".join(q.names)) if t in q.weights)
    return not names or coverage(q, passage_terms, names) >= share


def answer_type_ok(question: str, sentence: str, sentence_terms: set[str]) -> bool:
    """A when-question needs a date in the sentence; a how-many question a number (of the thing)."""
    q = question.lower()
    if _WHICH_YEAR.search(q):
        return bool(_YEAR.search(sentence))
    if _WHEN.search(q):
        return bool(DATE_RE.search(sentence) or _YEAR.search(sentence))
    asked = question.strip()
    asked = asked[:1].lower() + asked[1:]
    for form in _ROLE_QUESTIONS:
        role = form.match(asked)
        if role:
            return gives_role(sentence, role.group("name"))
    match = _HOW_MANY.search(q)
    if match:
        undated = _YEAR.sub(" ", DATE_RE.sub(" ", sentence))  # a date is not a quantity
        if not numbers(undated) - numbers(question):
            return False
        noun = terms(match.group(1) or "")
        return not noun or noun[0] in sentence_terms
    return True


def gives_role(sentence: str, name: str) -> bool:
    """The sentence names the person with a title or an affiliation beside the name:
    "Lin Qu, General Manager of ...", "General Manager Lin Qu", "Lu Baoping from Fudan University"."""
    words = [w for w in WORD.findall(name) if w[:1].isupper()]
    if not words:
        return True
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")(?:['’]s)?\b")
    spans = [m.span() for m in pattern.finditer(sentence)]
    i = 0
    while i < len(spans):
        start, end = spans[i]
        while i + 1 < len(spans) and spans[i + 1][0] - end <= 1:  # the rest of the name
            i, end = i + 1, spans[i + 1][1]
        if _ROLE_AFTER.match(sentence, end) or _ROLE_BEFORE.search(sentence[:start]):
            return True
        i += 1
    return False


def features(q: Question, sentence_terms: set[str], passage_terms: set[str],
             similarity: float, masked: float) -> dict[str, float]:
    """The evidence features of one candidate sentence."""
    return {"coverage": coverage(q, sentence_terms), "similarity": similarity,
            "masked_similarity": masked,
            "unknown": q.unknown, "passage_coverage": coverage(q, passage_terms),
            "focus_coverage": coverage(q, passage_terms, q.focus)}


def probability(feats: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The calibrated probability that the sentence answers the question."""
    w = weights or WEIGHTS
    z = w["bias"] + sum(w[name] * feats[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))
