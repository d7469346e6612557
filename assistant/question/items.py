"""The events a timeline question lists ("put A, B and C in order"), each as a query of its own:
the article of each event is then found, not only the articles most like the whole question.

The list is read from the question's parse (a coordinated phrase: its conjuncts) or, where the
question introduces it with a colon, from the text after the colon, split at its commas and
"and"; each query is the question with the whole list replaced by one item.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.text.sentences import terms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_ITEMS = 8  # items read from one question
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def item_queries(doc: Doc) -> list[tuple[str, str]]:
    """(item, query) per listed item, in the question's order; [] when it lists fewer than two."""
    text = doc.text
    colon = text.find(":")
    if colon > 0:  # "Put these events in order: A, B and C. When was each?"
        end = min((i for i in (text.find(".", colon), text.find("?", colon)) if i > 0),
                  default=len(text))
        items = [i.strip() for i in _SPLIT.split(text[colon + 1:end]) if i.strip()]
        if len(items) >= 2:
            return [(i, f"{text[:colon]}: {i}{text[end:end + 1]}") for i in items[:MAX_ITEMS]]
    head = _coordinated(doc)
    if head is None:
        return []
    spans = [_own(t) for t in (head, *head.conjuncts)]
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return [(text[s:e], f"{text[:start]}{text[s:e]}{text[end:]}") for s, e in spans[:MAX_ITEMS]]


def distinct_terms(items: list[str]) -> list[set[str]]:
    """Each item's terms that no other item has: what tells its event from the others'."""
    each = [set(terms(i)) for i in items]
    return [t - set().union(*(o for j, o in enumerate(each) if j != i)) for i, t in enumerate(each)]


def _coordinated(doc: Doc) -> Token | None:
    """The first word heading a coordination of names or things ("China Resources, CRCC and
    CSCEC"; "of X and of Y"), not of verbs or clauses."""
    for t in doc:
        if t.dep_ != "conj" and t.conjuncts and t.pos_ in ("NOUN", "PROPN", "ADP"):
            return t
    return None


def _own(t: Token) -> tuple[int, int]:
    """The characters of a conjunct's phrase without the conjuncts and conjunction after it."""
    skip = {w.i for c in t.children if c.dep_ in ("conj", "cc", "punct") and c.i > t.i
            for w in c.subtree}
    words = [w for w in t.subtree if w.i not in skip]
    return words[0].idx, words[-1].idx + len(words[-1].text)
