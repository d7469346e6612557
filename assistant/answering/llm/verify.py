"""Verification of generated text: every [n] must resolve, every claim must rest on what it cites.

Pure functions, no I/O. A sentence is supported when each number, date and proper name in it appears
in the passages it cites and at least `support_threshold` of its content words do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.lexicon import NOT_SAID_VERBS, alternation
from assistant.records import Quote
from assistant.text.sentences import (
    MARKER,
    WORD,
    markers,
    numbers,
    proper_names,
    sentence_spans,
    terms,
)

if TYPE_CHECKING:
    from assistant.app.config import Settings
    from assistant.records import Passage

MARKER_LIST = re.compile(r"\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})+)\]")  # [1, 2] -> [1][2]
LEADING_MARKERS = re.compile(r"^(?:\s*\[\d{1,3}\])+")
NOT_COVERED = re.compile(
    rf"\b(?:do|does|did)(?: not|n['’]t) (?:{alternation(NOT_SAID_VERBS)})"
    r"|\bnot covered\b|\bno information\b", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Source:
    """Article [n] of one turn: its retrieved text as contiguous spans of the article body."""

    n: int
    passage: Passage  # the article's best-ranked passage: the citation's metadata
    segments: tuple[tuple[int, str], ...]  # (offset in the article, text)

    @property
    def text(self) -> str:
        """All retrieved text of the article, gaps marked."""
        return "\n…\n".join(text for _, text in self.segments)


@dataclass
class Checked:
    """One generated sentence after verification."""

    text: str  # as written, unknown [n] removed
    claim: str  # without any [n]
    cited: list[int]  # the article numbers it cites that this turn retrieved
    supported: bool
    quotes: dict[int, list[Quote]] = field(default_factory=dict)
    unknown: int = 0  # [n] that named no article of this turn (removed)
    not_covered: bool = False  # says the articles do not cover something: not a claim
    sep: str = " "  # the whitespace before it in the answer


def number_sources(passages: Iterable[Passage]) -> dict[int, Source]:
    """Passages grouped by article and numbered [1], [2], ... in retrieval order."""
    groups: dict[str, list[Passage]] = {}
    for p in passages:
        groups.setdefault(p.article_id, []).append(p)
    return {n: Source(n, group[0], merge(group)) for n, group in enumerate(groups.values(), 1)}


def merge(passages: list[Passage]) -> tuple[tuple[int, str], ...]:
    """The contiguous spans of one article that its (overlapping) passages cover."""
    spans: list[tuple[int, str]] = []
    for p in sorted(passages, key=lambda p: p.start):
        if spans and p.start <= spans[-1][0] + len(spans[-1][1]):
            start, text = spans[-1]
            end = start + len(text)
            if p.end > end:
                spans[-1] = (start, text + p.text[end - p.start:])
        else:
            spans.append((p.start, p.text))
    return tuple(spans)


def split_answer(text: str) -> list[tuple[str, str]]:
    """(whitespace before, sentence) pairs; [n] opening a sentence belong to the one before."""
    text = MARKER_LIST.sub(lambda m: "".join(f"[{n.strip()}]" for n in re.split(r"[,;]", m[1])),
                           text)
    pieces: list[tuple[str, str]] = []
    cursor = 0
    for a, b in sentence_spans(text):
        sep, sentence = text[cursor:a], text[a:b]
        cursor = b
        lead = LEADING_MARKERS.match(sentence)
        if lead and pieces:
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + sep + lead.group())
            rest = sentence[lead.end():]
            sep, sentence = rest[:len(rest) - len(rest.lstrip())], rest.strip()
        if sentence:
            pieces.append((sep, sentence))
    return pieces


def supported(sentence: str, passage_texts: list[str], settings: Settings) -> bool:
    """Whether the passages back the sentence: all its facts and enough of its words."""
    claim = MARKER.sub("", sentence)
    evidence = "\n".join(passage_texts)
    return (not missing_facts(claim, evidence)
            and coverage(claim, evidence) >= settings.support_threshold)


def missing_facts(claim: str, evidence: str) -> set[str]:
    """Numbers, dates and proper names of the claim that the evidence does not contain."""
    words = {_bare(w) for w in WORD.findall(evidence)}
    names = {n for n in proper_names(claim) if _bare(n) not in words}
    return (numbers(claim) - numbers(evidence)) | names


def coverage(claim: str, evidence: str) -> float:
    """Share of the claim's content words that the evidence uses."""
    wanted = set(terms(claim))
    return len(wanted & set(terms(evidence))) / len(wanted) if wanted else 0.0


def check(sentence: str, sources: dict[int, Source], settings: Settings) -> Checked:
    """Verify one sentence against the articles it cites."""
    cited = markers(sentence)
    known = list(dict.fromkeys(n for n in cited if n in sources))
    text = tidy(MARKER.sub(lambda m: m[0] if int(m[1]) in sources else "", sentence))
    claim = tidy(MARKER.sub("", sentence))
    unknown = sum(1 for n in cited if n not in sources)
    if not known and NOT_COVERED.search(claim):
        return Checked(text, claim, [], False, unknown=unknown, not_covered=True)
    ok = bool(known) and supported(claim, [sources[n].text for n in known], settings)
    quotes = {n: best_quotes(claim, sources[n]) for n in known} if ok else {}
    return Checked(text, claim, known, ok, quotes, unknown)


def verify(text: str, sources: dict[int, Source], settings: Settings) -> list[Checked]:
    """Verify every sentence of a generated answer."""
    checked = []
    for sep, sentence in split_answer(text):
        result = check(sentence, sources, settings)
        result.sep = sep
        checked.append(result)
    return checked


def best_quotes(claim: str, source: Source) -> list[Quote]:
    """The sentence of the source that best backs the claim, plus one for facts it lacks."""
    wanted = set(terms(claim))
    facts = numbers(claim) | {_bare(n) for n in proper_names(claim)}
    found: list[tuple[Quote, set[str], set[str]]] = []
    for offset, text in source.segments:
        for a, b in sentence_spans(text, offset):
            s = text[a - offset:b - offset]
            has = numbers(s) | {_bare(w) for w in WORD.findall(s)}
            found.append((Quote(s, a, b), wanted & set(terms(s)), facts & has))
    if not found:
        return []
    best = max(found, key=lambda f: 2 * len(f[2]) + len(f[1]))
    chosen = [best[0]]
    left = facts - best[2]
    extra = max(found, key=lambda f: len(f[2] & left))
    if left and extra[2] & left:
        chosen.append(extra[0])
    return sorted(chosen, key=lambda q: q.start)


def _bare(word: str) -> str:
    return POSSESSIVE.sub("", word.lower())


def tidy(text: str) -> str:
    """Text with [n] taken out: no doubled spaces, no space before punctuation."""
    return re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()
