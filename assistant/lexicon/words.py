"""The lexicon's list types: each list says what it is for (`purpose`) and where its words come
from (`origin`), so a test, or a reader, can tell general English from this domain's vocabulary and
from words taken from one seed text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Self

# english: general English (function words, grammar, words any English text uses the same way)
# domain:  made for official visits, partnerships and briefings (common words chosen for it too)
# seed:    taken from one seed article's sentence or one eval question (the probe sets included);
#          the rules a later issue is to replace with general ones
ORIGINS = ("english", "domain", "seed")


def _check(purpose: str, origin: str) -> None:
    if origin not in ORIGINS:
        raise ValueError(f"origin {origin!r} is not one of {ORIGINS}")
    if not purpose.strip():
        raise ValueError("a word list says what it is for")


class Words(frozenset[str]):
    """A set of words or phrases, with what it is for and where its words come from."""

    purpose: str
    origin: str

    def __new__(cls, words: Iterable[str], purpose: str, origin: str) -> Self:
        _check(purpose, origin)
        self = super().__new__(cls, words)
        self.purpose, self.origin = purpose, origin
        return self


class WordMap(dict[str, Any]):
    """Words or phrases mapped to what they stand for (a verb, a kind, a group), in order."""

    purpose: str
    origin: str

    def __init__(self, entries: Mapping[str, Any], purpose: str, origin: str) -> None:
        _check(purpose, origin)
        super().__init__(entries)
        self.purpose, self.origin = purpose, origin


class Groups(tuple[frozenset[str], ...]):
    """Groups of words that stand for one another (verbs of one act), with purpose and origin."""

    purpose: str
    origin: str

    def __new__(cls, groups: Iterable[Iterable[str]], purpose: str, origin: str) -> Self:
        _check(purpose, origin)
        self = super().__new__(cls, (frozenset(g) for g in groups))
        self.purpose, self.origin = purpose, origin
        return self


def alternation(words: Iterable[str]) -> str:
    """The words as a regular-expression alternation, longest first (so "visit to" is tried
    before "visit"), ties in alphabetical order."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
