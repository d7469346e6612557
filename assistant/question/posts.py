"""What a question asks about posts: the holder of a title ("who is the CFO of X"), one person's
post ("what is X's position", "which company does X lead"), the title words it names and the
people it names. Read from the analysed Question; the overview answers them from the cards."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.lexicon import (
    BODY_LINKS,
    HOLDER_VERBS,
    NOUN_EXPECTS,
    OCCASION_WORDS,
    ROLE_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from assistant.text.nlp import ORG, PERSON, PLACE, TITLE

if TYPE_CHECKING:
    from assistant.records import Question

_ACRONYM = re.compile(r"[A-Z]{2,5}")


def asks_role(q: Question) -> bool:
    """Whether the question asks for a post's holder or for one person's post."""
    if asks_holder(q):
        return True
    if len(q.people) > 1 and (q.expects == TITLE or set(q.nouns) & NOUN_EXPECTS[TITLE]):
        return True  # "what are their titles" after a list of people
    if asked_person(q) is None:
        return False
    # the parser may tag "lead" a noun (no verb found); "a delegation led by X" is no post of X's
    verbs = {q.predicate, *(q.focus if q.predicate is None else ())} & ROLE_VERBS
    if q.expects == TITLE:
        return True
    if q.scope != "fact":  # "which companies did X meet": bodies or places, not X's post
        return False
    if q.expects == ORG and (verbs or title_words(q)) or q.expects == PLACE and verbs:
        return True
    # "What does X do (at Y)?": the verb is "do" and nothing else is asked for
    return q.qtype == "what" and q.expects is None and q.predicate is None and \
        "do" in q.tokens and not q.focus


def asks_holder(q: Question) -> bool:
    """"Who is (or serves as) the <title> (of <organisation>)?"."""
    holder_verb = q.predicate is None or q.predicate in HOLDER_VERBS
    return _no_one_asked(q) and q.qtype in ("who", "which") and holder_verb and \
        q.expects in (PERSON, TITLE) and bool(title_words(q) or acronyms(q)) and \
        q.scope == "fact"


def _no_one_asked(q: Question) -> bool:
    """The question names no person, or only in the occasion it dates the post by: "who was the
    mayor of X when Governor Y received Z" (full names: a lone word may be a place taken for
    one)."""
    words = q.text.split()
    at = next((i for i, w in enumerate(words) if w.lower() in OCCASION_WORDS), None)
    return not q.people or at is not None and \
        all(" " in p and p.split()[0] in words[at + 1:] for p in q.people)


def asked_person(q: Question) -> str | None:
    """The one person asked about: a name the recogniser saw as a person, or the question's
    only name when it saw none (the small model misses unfamiliar names)."""
    if len(q.people) == 1:
        return q.people[0]
    if not q.people and len(q.names) == 1 and not _ACRONYM.fullmatch(q.names[0]):
        return q.names[0]
    return None


def title_words(q: Question) -> list[str]:
    """The title words of the question, singular ("deputy", "director"), when it names a head
    word of a title; else none."""
    parts = [p for t in q.tokens for p in t.split("-") if p]  # "director-general": both words
    words = [t.rstrip("s") if t not in TITLE_HEADS else t for t in parts]
    named: list[str] = []
    for w in words:
        if named and any(n in TITLE_HEADS for n in named) and w in BODY_LINKS:
            break  # "the mayor of the city": the body the post heads, not a word of the post
        if w in OCCASION_WORDS:
            break  # "... when the ambassador visited": the occasion's people, not the post
        if w in TITLE_HEADS or w in TITLE_MODIFIERS:
            named.append(w)
    return named if any(w in TITLE_HEADS for w in named) else []


def acronyms(q: Question) -> list[str]:
    return [n for n in q.names if _ACRONYM.fullmatch(n)]


def asked_people(q: Question) -> list[str]:
    """The people the question names, without a possessive ending."""
    return [n for n in q.names if any(n in p for p in q.people)]
