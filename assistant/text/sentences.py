"""Pure functions on text: sentence spans (the one sentence splitter: candidate sentences,
clauses, the sentences parsed for sides), citation markers [n], and lexical terms."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.lexicon import ABBREVIATIONS, STOPWORDS

_BOUNDARY = re.compile(r"[.!?][\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")
MARKER = re.compile(r"\[(\d{1,3})\]")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Character spans of the sentences in `text` (shifted by `offset`), whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if match.group() != "\n":
            word = re.search(r"([\w.]+)[.!?][\"”’)\]]*$", text[start:end])
            if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
                continue  # "Mr. Zhang", "Co., Ltd.", initials
        _add(spans, text, start, end, offset)
        start = end
    _add(spans, text, start, len(text), offset)
    return spans


def opening(text: str) -> str:
    """The text up to its first . ! or ? followed by whitespace: an untitled article's title.

    Not `sentence_spans`' first sentence: this runs on across line breaks and before a
    lower-case word ("... anniversary\nSource: enghunan.gov.cn | Updated 2018-11-13 14:50" stays
    one), and "Mr." ends it. Cut by `sentence_spans`, 2 of the 32 broad dev articles' titles would
    lose their second line, so the titles (and answers) would change."""
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))


def markers(text: str) -> list[int]:
    """The citation numbers [n] in `text`, in order of appearance."""
    return [int(m) for m in MARKER.findall(text)]


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words (stopwords dropped), as the lexical index sees them."""
    words = [w.lower() for w in WORD.findall(text)]
    words = [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(words)


@lru_cache(maxsize=64)
def term_set(words: frozenset[str]) -> frozenset[str]:
    """The terms of a word list, as `terms` writes them (made once per list)."""
    return frozenset(terms(" ".join(sorted(words))))


def numbers(text: str) -> set[str]:
    """Numbers written in `text`, normalised ("3,000" -> "3000")."""
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def proper_names(text: str) -> set[str]:
    """Capitalised words that are not at the start of a sentence."""
    names: set[str] = set()
    for a, b in sentence_spans(text):
        words = WORD.findall(text[a:b])
        names.update(w for w in words[1:] if w[:1].isupper() and w.lower() not in STOPWORDS)
    return names


def clause_window(text: str, spans: list[tuple[int, int]], wanted: set[str],
                  limit: int) -> tuple[str, int]:
    """`text` if it is within `limit` characters, else the run of its clauses (cut at , ; :)
    that holds the most of `spans`, then of the `wanted` terms: (verbatim piece, its offset)."""
    if len(text) <= limit:
        return text, 0
    cuts = [0] + [i + 1 for i, ch in enumerate(text) if ch in ",;:"] + [len(text)]
    best, score = (0, cuts[1]), -1
    for i, a in enumerate(cuts[:-1]):
        for b in cuts[i + 1:]:
            if b - a > limit and b != cuts[i + 1]:
                break
            held = sum(lo >= a and hi <= b for lo, hi in spans) * 100
            held += len(set(terms(text[a:b])) & wanted)
            if held > score or held == score and b - a > best[1] - best[0]:
                best, score = (a, b), held
    piece = text[best[0]:best[1]].strip(" ,;:")
    return piece, text.index(piece, best[0])


def compact_window(text: str, spans: list[tuple[int, int]], wanted: set[str],
                   limit: int) -> tuple[str, int]:
    """The shortest run of `text`'s clauses (cut at , ; :) that holds the first span, then as
    many of the other spans, then of the `wanted` terms, as fit within `limit` characters (the
    first span's own clauses when even they are longer): (verbatim piece, its offset)."""
    if not spans:
        return clause_window(text, [], wanted, limit)
    cuts = [0] + [i + 1 for i, ch in enumerate(text) if ch in ",;:"] + [len(text)]
    lo, hi = spans[0]
    a0 = max(c for c in cuts if c <= lo)
    b0 = min(c for c in cuts if c >= hi)
    best, score = (a0, b0), (-1, -1, 0)
    for a in (c for c in cuts if c <= a0):
        for b in (c for c in cuts if c >= b0):
            if b - a > limit and (a, b) != (a0, b0):
                continue
            held = sum(x >= a and y <= b for x, y in spans)
            key = (held, len(set(terms(text[a:b])) & wanted), a - b)
            if key > score:
                best, score = (a, b), key
    piece = text[best[0]:best[1]].strip(" ,;:")
    return piece, text.index(piece, best[0])
