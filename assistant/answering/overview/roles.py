"""Who is who, from the people directory: one person's titles and organisation, or who holds a
title. The titles are the verbatim spans the event cards keep beside each name, so an answer lists
every title a person is given (per article, side by side) instead of the one a sentence happens to
repeat, and "who is the CFO" finds "Chief Financial Officer" by its initials.

A question is of this kind when it names one person and asks for a title, an organisation ("which
company does X lead") or what they do; or names no person and asks who is (or serves as) a title.
A person the cards do not know, or a title nobody holds, leaves the question to the passages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.answering.overview.roster import per_article, titles_per_article
from assistant.catalog.cards import Entry
from assistant.lexicon import (
    BODY_LINKS,
    HEAD_SYNONYMS,
    MODIFIER_SYNONYMS,
    RANKS,
    TITLE_HEADS,
    TITLE_SMALL_WORDS,
    alternation,
)
from assistant.question.posts import acronyms, asked_person, asks_holder, asks_role, title_words
from assistant.records import PREMISE, Answer
from assistant.text.nlp import person_key

if TYPE_CHECKING:
    from assistant.catalog.cards import EventCard
    from assistant.records import Question, Span

NEAR = 120  # characters between two spans of one article that one quote may hold
_BODY_LINK = re.compile(rf" (?:{alternation(BODY_LINKS)}) ")  # the post, then its body

Part = tuple["EventCard", list[list["Span"]]]  # an article's card, its spans quoted together
Item = tuple[str, list[Part]]


def role_answer(q: Question, cards: list[EventCard], entries: list[Entry],
                compose: Callable[[list[Item]], Answer]) -> Answer | None:
    """The who-is-who answer (`compose` writes the lines), a correction of a title the question
    gives someone wrongly, "not covered" for a post nobody holds, or None: the passages answer."""
    wrong = misattributed(q, cards, entries)
    if wrong:  # say so, then the titles the articles do give, each with its quote
        premise, items = wrong
        said = compose(items)
        said.text = f"{PREMISE.format(premise=premise)[:-1]}; they report:\n{said.text}"
        said.premise = premise
        return said
    if not asks_role(q):
        return None
    items = role_items(q, cards, entries)
    if items:
        return compose(items)
    return None  # no card gives the post or the person's title: the passages may still say it


def misattributed(q: Question, cards: list[EventCard],
                  entries: list[Entry]) -> tuple[str, list[Item]] | None:
    """A title the question gives a person ("Hua Yang, as General Manager", "the chairman Weng
    Kaining") that no article gives them (`entries`: the cards' directory): the premise to
    correct, and the titles they do have."""
    keys = {person_key(p) for p in q.people}
    known = [e for e in entries if e.key in keys]  # "Hongkou" may pass for a person
    if len(known) != 1 or not q.titles or not known[0].titles:
        return None
    entry = known[0]
    person = next(p for p in q.people if person_key(p) == entry.key)
    for given in q.titles:
        if not set(_post(given)[1]) & set(TITLE_HEADS) or not _given_to(q.text, given, person):
            continue
        if not any(_same_post(given, s.text) for _, s in entry.titles):
            by_id = {c.article_id: c for c in cards}
            return f"{entry.name} is {given}", _titles(q, entry, by_id, every=True)
    return None


def _given_to(text: str, title: str, person: str) -> bool:
    """The question writes the title beside this person ("Governor X", "X, as chairman of"), not
    beside another one ("when Governor Y received X")."""
    gap = r"(?:\s+|\s*,\s*(?:as\s+|the\s+|who\s+is\s+)*)"
    t, p = re.escape(title), re.escape(person)
    return bool(re.search(rf"{t}{gap}{p}|{p}{gap}(?:\w+\s+)?{t}", text, re.IGNORECASE))


def role_items(q: Question, cards: list[EventCard], entries: list[Entry]) -> list[Item]:
    """The answer's lines: each holder of the title, or the person's titles per article
    (`entries`: the cards' directory)."""
    by_id = {c.article_id: c for c in cards}
    if not asks_holder(q) and len(q.people) > 1:  # each person's titles, one line per article
        known = {e.key: e for e in entries}
        found = [known[k] for k in dict.fromkeys(map(person_key, q.people)) if k in known]
        return [(f"{e.name}: {head}", parts) for e in found for head, parts in _titles(q, e, by_id)]
    if not asks_holder(q):
        key = person_key(asked_person(q) or "")
        entry = next((e for e in entries if e.key == key), None)
        return _titles(q, entry, by_id) if entry else []
    held = [(e, aid, s) for e in entries for aid, s in e.titles
            if _is_post_asked(q, s.text) and _about(q, s)]
    items: list[Item] = []
    for key in dict.fromkeys(e.key for e, _, _ in held):
        spans = [(aid, s) for e, aid, s in held if e.key == key]
        name = next(e.name for e, _, _ in held if e.key == key)
        items.append((f"**{name}**", _parts(spans, by_id)))
    return items


def _titles(q: Question, e: Entry, by_id: dict[str, EventCard],
            every: bool = False) -> list[Item]:
    """One line per article: the titles written beside the name there (those holding the
    title word asked about, when the question names one: "which institute is X the dean of")."""
    wanted = [] if every else title_words(q)
    asked = titles_per_article(e, lambda s: _is_post_asked(q, s.text)) if wanted else {}
    titles = asked or titles_per_article(e) or per_article(e.organisations)
    items: list[Item] = []
    for aid, spans in titles.items():
        head = "; ".join(dict.fromkeys(f"**{s.text}**" for s in spans))
        items.append((head, [(by_id[aid], _groups(spans))]))
    return items


def _parts(spans: list[tuple[str, Span]], by_id: dict[str, EventCard]) -> list[Part]:
    return [(by_id[aid], _groups(found)) for aid, found in per_article(spans).items()]


def _groups(spans: list[Span]) -> list[list[Span]]:
    """Spans quoted together: those written close to the one before (one sentence, mostly)."""
    groups: list[list[Span]] = []
    for s in sorted(spans, key=lambda s: s.start):
        if groups and s.start - groups[-1][-1].end < NEAR:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def _same_post(given: str, held: str) -> bool:
    """The held title has the given post's words (the head word in its post, a modifier such as
    "Party" anywhere: "Party secretary" is the "secretary of the municipal Party committee") and
    no rank the given post lacks (a Deputy Director is not the Director)."""
    words = _post(given)[1]
    post = _post(held)[1]
    if len(post) == 1 and post[0] in TITLE_HEADS:  # a bare "secretary" (of a body) is too
        # little to contradict "Party secretary": its head decides ("Party chief": secretary)
        return post[0] in words or any(post[0] in HEAD_SYNONYMS.get(w, ()) for w in words)
    return has_title_words(list(words), held) and not (set(post) & RANKS) - set(words)




def holds_post(wanted: list[str], title: str) -> bool:
    """The title is the post asked for: it has the words (`has_title_words`) and no rank the
    question lacks (a deputy mayor is not the mayor)."""
    return has_title_words(wanted, title) and not (set(_post(title)[1]) & RANKS) - set(wanted)

def has_title_words(wanted: list[str], title: str) -> bool:
    """Every wanted title word is in the title: a head word ("director", "chief") in its post,
    before the body it heads ("Director" of "Board of Directors" is no director), a modifier
    ("party", "municipal") anywhere in it."""
    post = set(_post(title)[1])
    whole = {w.lower().strip(",()").rstrip("s") for w in title.replace("-", " ").split()} | post
    return all(w in post or HEAD_SYNONYMS.get(w, set()) & post if w in TITLE_HEADS
               else w in whole or w.rstrip("s") in whole or MODIFIER_SYNONYMS.get(w, set()) & whole
               for w in wanted)


@lru_cache(maxsize=65536)
def _post(title: str) -> tuple[str, tuple[str, ...]]:
    """The post, before its body ("General Manager" of "... of Lingang Group"), and its words,
    lower-case and singular (cached: a holder question reads every title of the directory)."""
    post = _BODY_LINK.split(title)[0]
    return post, tuple(w.lower().rstrip(",").rstrip("s") if w.lower() not in TITLE_HEADS
                       else w.lower() for w in post.replace("-", " ").split())


def _is_post_asked(q: Question, title: str) -> bool:
    """The title has every title word asked for, or its leading words have the initials of an
    acronym the question uses ("CFO": Chief Financial Officer of ...)."""
    post, words = _post(title)  # "Director" of "Board of Directors": no
    wanted = title_words(q)
    if (set(words) & RANKS) - set(wanted) - {t.lower() for t in q.tokens}:
        return False
    if wanted and has_title_words(wanted, title):
        return True
    initials = "".join(w[0] for w in post.split() if w.lower() not in TITLE_SMALL_WORDS).upper()
    return any(initials == a for a in acronyms(q))


def _about(q: Question, title: Span) -> bool:
    """Every other name of the question (an organisation, a place) is in the title: "the vice
    president of Lingang Group"."""
    titled = {w.lower() for w in title_words(q)} | {a.lower() for a in acronyms(q)}
    others = [n for n in q.names if not {w.lower().rstrip("s") for w in n.split()} <= titled]
    return all(n.casefold() in title.text.casefold() for n in others)
