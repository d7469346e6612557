"""Who holds the post a question asks about in a sentence: the title written beside the person
(before the name, set off by a comma before it, or after it up to the next person), of the body
the question names when it names one. Read from the entities found at ingest."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answering.extractive.constraints import written
from assistant.answering.overview.roles import holds_post
from assistant.lexicon import MODIFIER_SYNONYMS, ORG_WORDS, TITLE_HEADS, TITLE_MODIFIERS
from assistant.question.posts import title_words
from assistant.text.nlp import PERSON
from assistant.text.sentences import WORD

if TYPE_CHECKING:
    from assistant.records import Candidate, Entity, Question


def holds_title(question: Question, c: Candidate, person: Entity) -> bool:
    """The title the question asks about is written beside the person in the sentence: in the
    words before the name ("Mayor X", not another's title ending with ";") or after it up to the
    next person ("X, mayor of Y"), one of the titles written there ("X, deputy secretary of the
    committee and governor of Y"), of a body the question names when it names one ("mayor of
    Y", not "mayor of Z")."""
    text, base = c.passage.text, c.passage.start
    later = [e.start for e in c.entities if e.kind == PERSON and e.start > person.end]
    after = text[person.end - base:(min(later) if later else c.end) - base]
    earlier = max([e.end for e in c.entities if e.kind == PERSON and e.end <= person.start],
                  default=None)
    since = max(c.start, person.start - 45, earlier or 0)  # not another's title ("T Y and X")
    before = re.split(r"[,;]", text[since - base:person.start - base])[-1]
    window = text[(c.start if earlier is None else earlier) - base:person.start - base]
    set_off = _SET_OFF.search(window)
    if not before.strip() and set_off and not (
            earlier is not None and _APPOSED.fullmatch(window[:set_off.start(1)])):
        before = set_off.group(1)  # "Ruritania's Minister of Trade, X, met ..." (not Y's:
        # "Y (left), Deputy Director of Z, X")
    wanted = title_words(question)
    asked = {w.lower() for n in question.names if not any(n in p for p in question.people)
             for w in WORD.findall(n)}
    return any(holds_post(wanted, title.strip()) and _of_body(title, asked)
               for title in [before, *_TITLES.split(after)])


_SET_OFF = re.compile(r"(?:^|[,;])([^,;]+),\s*$")  # a title set off by a comma before a name
_APPOSED = re.compile(r"\s*(?:\([^)]*\))?\s*,?\s*")  # ... right after another person's name
_TITLES = re.compile(r"[,;]|\band\b")  # what parts one title from the next after a name
POST_WORDS = {"the", "of"}.union(*MODIFIER_SYNONYMS.values())  # in a post, not naming its body
_NAMED = re.compile(r"\b[A-Z][\w'’-]*")  # a capitalised word: a body's or a title's


def _of_body(title: str, asked: set[str]) -> bool:
    """The title names no body, or one of the question's names (in any form: "Pakistan's" for
    "Pakistani"): "mayor of Y" answers "who is the mayor of Y", "mayor of Z" does not."""
    named = {w.lower().removesuffix("'s").removesuffix("’s") for w in _NAMED.findall(title)}
    named -= TITLE_HEADS | TITLE_MODIFIERS | ORG_WORDS | POST_WORDS
    return not named or not asked or any(written(w, named) or any(written(n, {w}) for n in named)
                                         for w in asked)
