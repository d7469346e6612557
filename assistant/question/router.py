"""Which answer mode a question goes to, read from its analysis: an ordered table of routes
(name, test, mode), tried in order, the first whose test the question passes wins. The modes are
the overviews from the event cards ("events", "mentions", "people", "role", "titles", "bodies",
"signed") or None: the passage answerers. Fact questions (who, when, where, how many) go to the
passages unless they ask for a timeline; the overviews are for lists, timelines and periods.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.lexicon import (
    ACROSS_WORDS,
    AGREE_VERBS,
    ARTICLE_WORDS,
    DESCRIBED_WORDS,
    DOCUMENT_WORDS,
    EVENT_WORDS,
    GROUP_NOUNS,
    NAME_WORDS,
    NOUN_EXPECTS,
    PERSON_NOUNS,
    TALK_WORDS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from assistant.question.posts import asked_people, asks_role, title_words
from assistant.text.nlp import DATE, ORG, PERSON, PLACE, TITLE

if TYPE_CHECKING:
    from assistant.records import Question

TITLE_NOUNS = NOUN_EXPECTS[TITLE]  # "the same job title", "her position in each article"
ASKING = ("which", "what", "other")  # the question types an overview can answer


@dataclass(frozen=True)
class Route:
    """One branch of the router: its name, the test a question passes, the mode it goes to."""

    name: str
    test: Callable[[Question], bool]
    mode: str | None  # None: the passage answerers


def _words(q: Question) -> set[str]:
    return set(q.tokens) | set(q.focus)


def _about_events(q: Question) -> bool:
    return bool(_words(q) & EVENT_WORDS) or q.expects == "EVENT"


def _plural(q: Question, nouns: set[str] | frozenset[str]) -> bool:
    """A word of the question is the plural of one of the nouns ("delegates", "meetings")."""
    return any(t != t.rstrip("s") and t.rstrip("s") in nouns for t in q.tokens)


def _one_fact(q: Question) -> bool:
    """ "Which city did they visit in November" asks one fact: the passages answer it."""
    return q.scope == "fact" and (q.expects not in (None, "EVENT") or
                                  q.qtype == "which" and q.head not in (None, *EVENT_WORDS))


def _holders(q: Question) -> bool:
    """ "Which people are called General Manager anywhere", "list the deputy directors"."""
    asked = q.expects == PERSON and q.qtype != "who" and (across(q) or _words(q) & TITLE_NOUNS) \
        or q.expects is None and q.scope == "list"
    return bool(asked and title_terms(q)) and any(w in TITLE_HEADS for w in title_terms(q))


def _signed(q: Question) -> bool:
    """ "Which agreements were signed", "what was agreed at X" (a person named: the passages)."""
    # the documents themselves ("which agreements"), not what one covers ("what fields does the
    # agreement cover": the passages)
    documents = bool(set(q.focus) & DOCUMENT_WORDS) and (
        q.scope == "list" and q.head in (None, *DOCUMENT_WORDS)
        or q.qtype in ("what", "which") and q.head in DOCUMENT_WORDS)
    agreed = q.qtype == "what" and q.head is None and bool(set(q.predicates) & AGREE_VERBS) \
        and q.predicate in (None, *AGREE_VERBS)  # not "what was unveiled after they signed"
    return not q.people and q.qtype != "who" and (documents or agreed)  # "who signed": people


def _asks_events(q: Question) -> bool:
    """The answer is events (what happened, when; "which groups came": delegations), not the
    bodies or places an event involved ("which companies did they visit": the passages), nor
    another thing it names ("which fields", "what portion", "what kind of": the passages)."""
    return q.head in GROUP_NOUNS or q.expects in (None, "EVENT", DATE) and \
        q.head in (None, *EVENT_WORDS)


def _in_period(q: Question) -> bool:
    """ "What happened in November": events in a period, no one asked about."""
    return bool(q.when) and not q.people and q.expects in (None, "EVENT") and \
        (q.head is None or q.head in EVENT_WORDS) and q.qtype != "other"


# Tried in order; the first route whose test passes names the mode. A number asked about goes to
# the passages from "a fact" on (before it, only the routes that say so skip numbers).
ROUTES = (
    Route("timeline", lambda q: q.scope == "timeline", "events"),
    Route("articles naming", lambda q: q.head in ARTICLE_WORDS and bool(q.names)
          and q.qtype in ASKING, "mentions"),
    Route("article's date", lambda q: q.expects == DATE and bool(set(q.tokens) & ARTICLE_WORDS)
          and bool(q.names), "events"),
    Route("by name", lambda q: q.expects == PERSON and bool(set(q.tokens) & NAME_WORDS)
          and bool(name_parts(q)), "people"),
    Route("who is who", lambda q: asks_role(q) or bool(q.titles and q.people), "role"),
    Route("of a body", lambda q: not q.numbers and bool(q.affiliation)
          and q.expects in (PERSON, None) and (q.scope == "list" or q.qtype != "who"
                                               or _plural(q, PERSON_NOUNS | TITLE_HEADS)),
          "people"),
    Route("titles per article", lambda q: not q.numbers and bool(asked_people(q))
          and bool(_words(q) & (TITLE_NOUNS | DESCRIBED_WORDS))
          and (across(q) or "both" in _words(q)), "titles"),
    Route("holders", lambda q: not q.numbers and _holders(q), "people"),
    Route("a side's bodies", lambda q: not q.numbers and q.expects == ORG and q.scope == "list"
          and bool(asked_people(q)) and bool(_words(q) & GROUP_NOUNS), "bodies"),
    Route("bodies in both", lambda q: not q.numbers and q.expects == ORG
          and "both" in _words(q) and len(q.names) >= 2, "bodies"),
    Route("signed", lambda q: not q.numbers and _signed(q), "signed"),
    Route("when, of events", lambda q: not q.numbers and q.qtype == "when"
          and _plural(q, EVENT_WORDS), "events"),
    Route("who holds a title", lambda q: q.qtype == "who" and (across(q) or "articles" in q.tokens)
          and bool(title_terms(q)), "people"),
    Route("a fact", lambda q: q.qtype not in ASKING or bool(q.numbers), None),
    Route("people across", lambda q: q.expects == PERSON and (
        "both" in _words(q) and len(q.names) >= 2 or q.scope == "list" and across(q)), "people"),
    Route("events", lambda q: _about_events(q) and bool(q.when or q.scope == "list")
          and not q.people and not _one_fact(q) and _asks_events(q), "events"),
    Route("in a period", _in_period, "events"),
    Route("places of events", lambda q: q.expects == PLACE and q.scope == "list"
          and (_about_events(q) or bool(_words(q) & TALK_WORDS)), "events"),
    Route("passages", lambda q: True, None),
)


def route(q: Question) -> Route:
    """The first route whose test the question passes (the last, "passages", takes any)."""
    return next(r for r in ROUTES if r.test(q))


def kind_of(q: Question) -> str | None:
    """The answer mode of the question: an overview's name, or None for the passages."""
    return route(q).mode


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
