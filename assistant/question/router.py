"""Which overview answers a question (`kind_of`): a timeline or events in a period, people by
title, body, place or name, a person's titles, a side's bodies, what was signed, the articles that
mention a name; None sends the question to the passage answerers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.lexicon import (
    ACROSS_WORDS,
    AGREE_VERBS,
    ARTICLE_WORDS,
    DOCUMENT_WORDS,
    EVENT_WORDS,
    GROUP_NOUNS,
    NAME_WORDS,
    NOUN_EXPECTS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from assistant.question.posts import asked_people, asks_role, title_words
from assistant.text.nlp import DATE, ORG, PERSON, PLACE, TITLE

if TYPE_CHECKING:
    from assistant.records import Question

PERSON_NOUNS = NOUN_EXPECTS[PERSON]  # "which people", "which officials": no title asked
TITLE_NOUNS = NOUN_EXPECTS[TITLE]  # "the same job title", "her position in each article"


def kind_of(q: Question) -> str | None:
    """Which overview answers the question: "events", "people", "role" or None (not one).

    Fact questions (who, when, where, how many) go to the passages unless they ask for a
    timeline; the overviews are for lists, timelines and periods."""
    words = set(q.tokens) | set(q.focus)
    about_events = bool(words & EVENT_WORDS) or q.expects == "EVENT"
    if q.scope == "timeline":
        return "events"
    if q.head in ARTICLE_WORDS and q.names and q.qtype in ("which", "what", "other"):
        return "mentions"  # "which briefings mention X": the articles, each with its sentence
    if q.expects == DATE and set(q.tokens) & ARTICLE_WORDS and q.names:
        return "events"  # "the date of the article about X": its card's date
    if q.expects == PERSON and set(q.tokens) & NAME_WORDS and name_parts(q):
        return "people"  # "the people with the surname Xu"
    if asks_role(q) or q.titles and q.people:  # "what are X's titles", "who is
        return "role"  # the CFO of Y", or a title the question gives someone, to check
    extra = _more_kinds(q, words)
    if extra:
        return extra
    # "who holds a vice chairman title in the articles": everyone with that title
    if q.qtype == "who" and (across(q) or "articles" in q.tokens) and title_terms(q):
        return "people"
    if q.qtype not in ("what", "which", "other") or q.numbers:
        return None  # a number asked about is a fact to check in the passages
    if q.expects == PERSON and ("both" in words and len(q.names) >= 2 or
                                q.scope == "list" and across(q)):
        return "people"
    if q.expects == TITLE and q.people and across(q):  # "what titles does X have across ..."
        return "people"
    # "which city did they visit in November" asks one fact: the passages answer it
    fact = q.scope == "fact" and (q.expects not in (None, "EVENT") or
                                  q.qtype == "which" and q.head not in (None, *EVENT_WORDS))
    if about_events and (q.when or q.scope == "list") and not q.people and not fact:
        return "events"
    if q.when and not q.people and q.expects in (None, "EVENT") and \
            (q.head is None or q.head in EVENT_WORDS) and q.qtype != "other":
        return "events"
    if q.expects == PLACE and q.scope == "list" and (about_events or words & {"talk", "cooperation"}):
        return "events"
    return None


def _more_kinds(q: Question, words: set[str]) -> str | None:
    """People by body or place, a person's titles per article, a side's bodies, bodies common
    to two events, what was signed; "when did ... meetings" (plural events) as a timeline."""
    if q.numbers:
        return None
    if q.affiliation and q.expects in (PERSON, None) and \
            (q.scope == "list" or q.qtype != "who" or _plural_people(q)):
        return "people"  # "everyone from X", "the X officials"
    if asked_people(q) and words & (TITLE_NOUNS | {"described", "called"}) and \
            (across(q) or "both" in words):
        return "titles"  # "the same job title in every article"
    if (q.expects == PERSON and q.qtype != "who" and (across(q) or words & TITLE_NOUNS) or
            q.expects is None and q.scope == "list") and title_terms(q) and \
            any(w in TITLE_HEADS for w in title_terms(q)):
        return "people"  # "which people are called General Manager anywhere"
    if q.expects == ORG and q.scope == "list" and asked_people(q) and words & GROUP_NOUNS:
        return "bodies"  # (one "car company did X's group see" is a fact for the passages)  # "which organisations did X's delegation come from"
    if q.expects == ORG and "both" in words and len(q.names) >= 2:
        return "bodies"
    if not q.people and (set(q.focus) & DOCUMENT_WORDS and (q.scope == "list" or q.qtype in (
            "what", "which") and q.head in DOCUMENT_WORDS) or q.qtype == "what" and
            q.head is None and set(q.predicates) & AGREE_VERBS):  # a person named: passages
        return "signed"
    if q.qtype == "when" and any(t != t.rstrip("s") and t.rstrip("s") in EVENT_WORDS
                                 for t in q.tokens):
        return "events"  # "when did X meet delegations": several events
    return None


def _plural_people(q: Question) -> bool:
    """The question asks for several people ("who are the X delegates")."""
    nouns = PERSON_NOUNS | set(TITLE_HEADS)
    return any(t != t.rstrip("s") and t.rstrip("s") in nouns for t in q.tokens)


def across(q: Question) -> bool:
    return bool(ACROSS_WORDS & set(q.tokens))


def title_terms(q: Question) -> list[str]:
    """The words of a title the question names ("called General Manager", "vice chairman"),
    singular; else its head noun and that noun's modifiers ("deputy district governors")."""
    return title_words(q) or \
        [w.rstrip("s") for w in (q.head or "", *q.modifiers) if w and w not in PERSON_NOUNS]


def has_title(title: str, q: Question) -> bool:
    """The title holds every title word the question asks for."""
    words = {w.lower().rstrip("s") for w in title.replace(",", " ").split()}
    wanted = title_terms(q)
    return bool(wanted) and all(w in words for w in wanted)


def name_parts(q: Question) -> list[str]:
    """The names or parts of names the question asks people by ("the surname Xu"), not titles
    ("called General Manager")."""
    return [n for n in q.people or q.names if not any(w.lower() in TITLE_WORDS for w in n.split())]
