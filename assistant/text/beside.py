"""What is written beside a person's name: the title right before it ("General Manager Lin Qu")
and the titles and bodies right after it ("Lin Qu, General Manager of X and Dean of Y"). One
reader for the event cards, the answers and the questions; each reads through its own gap table
(the words that may stand between a name and a title), built from the lexicon's words:

- CARD (catalog/extract.py): titles only; a title before the name with a space, ": " or a form of
  address (" Mr. ") between;
  after the name an apposition (", the", ", (Shanghai)"), then ",", "and", "as well as".
- ANSWER (answering/extractive: actors.roles_of, fit.beside): titles and bodies; after the name
  and between them the ROLE_GAPS (", and", "from", "is the", ...), whitespace collapsed; a title
  before the name with only spaces or a form of address between.
- QUESTION (question/analyse.py): titles only, one on either side, through the TITLE_GAPS ("as",
  "who is the"), spaces and commas stripped.

They differ because each was fitted to its text: an article's appositions, a sentence's looser
"X from the Y", a question's "X, as General Manager"; unifying them changes cards and answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.lexicon import (
    ARTICLES,
    HONORIFICS,
    ROLE_GAPS,
    ROLE_VERBS,
    TITLE_GAPS,
    TITLE_JOINERS,
    alternation,
)
from assistant.records import Entity
from assistant.text.nlp import ORG, TITLE

Gap = Callable[[str], bool]  # whether the text between a name and a title (or two titles) fits


@dataclass(frozen=True)
class Gaps:
    """A gap table: what may stand before the first title after a name, between two titles
    after it, and between a title written before the name and the name; which kinds count."""

    first: Gap
    then: Gap
    before: Gap
    kinds: tuple[str, ...]


_APPOSITION = re.compile(rf"^,?\s*(?:\([^)]*\)\s*,?\s*)?(?:(?:{alternation(ARTICLES)})\s+)?$")
_JOINED = re.compile(rf"^\s*(?:,|{alternation(TITLE_JOINERS)}|,\s*and)\s*$")


def _role_gap(gap: str) -> bool:
    return " ".join(gap.split()) in ROLE_GAPS or _RELATIVE.match(gap) is not None


# ", who chairs the", ", who is the": a relative clause saying what post the person holds
_RELATIVE = re.compile(rf"^\s*,\s*who\s+(?:is|was|(?:{alternation(ROLE_VERBS)})(?:s|ed)?)"
                       rf"(?:\s+(?:{alternation(ARTICLES)}))?\s*$", re.IGNORECASE)


def _question_gap(gap: str) -> bool:
    return gap.strip(" ,").lower() in TITLE_GAPS


def _addressed(gap: str) -> bool:
    """A form of address between a title and the name: "Governor Mr. Zhao"."""
    return gap.strip().lower() in HONORIFICS and gap[:1] == " " and gap[-1:] == " "


CARD = Gaps(lambda g: _APPOSITION.match(g) is not None, lambda g: _JOINED.match(g) is not None,
            lambda g: g in (" ", ": ") or _addressed(g), (TITLE,))
ANSWER = Gaps(_role_gap, _role_gap, lambda g: not g.strip() or _addressed(g), (TITLE, ORG))
QUESTION = Gaps(_question_gap, lambda g: False, _question_gap, (TITLE,))


def beside(text: str, name: Entity, previous: Entity | None, following: Sequence[Entity],
           gaps: Gaps, base: int = 0) -> tuple[Entity | None, list[Entity]]:
    """The title written right before the name (`previous`, the entity before it, when it fits)
    and the titles or bodies written right after it (from `following`, the entities after it in
    order, while each gap fits); `base` is the offset of `text` in the entities' coordinates."""
    before = None
    if previous is not None and previous.kind in gaps.kinds and \
            gaps.before(text[previous.end - base:name.start - base]):
        before = previous
    after: list[Entity] = []
    last, fits = name, gaps.first
    for e in following:
        if e.kind not in gaps.kinds or not fits(text[last.end - base:e.start - base]):
            break
        after.append(e)
        last, fits = e, gaps.then
    return before, after
