"""What a sentence offers a question: the spans of the kind of answer expected, whether it holds
that kind at all, and which of the question's names, dates, numbers and premise its article lacks.
All of it reads the entities found at ingest; nothing here runs a language model."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answering.extractive.actors import actors, of_body, speaks
from assistant.answering.extractive.counting import counts, definite, measured, qualified
from assistant.answering.extractive.holders import holds_title
from assistant.lexicon import (
    EVENT_NAME_HEADS,
    MONEY_NOUNS,
    MOTION,
    SELF_NAMED,
    TITLE_HEADS,
    VISIT_NOUNS,
)
from assistant.question.asks import MONEY
from assistant.question.posts import asks_holder
from assistant.question.premise import kindred
from assistant.records import Candidate, Entity
from assistant.text.beside import ANSWER, beside
from assistant.text.dates import parse_date
from assistant.text.nlp import DATE, NUMBER, ORG, PERSON, PLACE, TITLE, person_key
from assistant.text.sentences import WORD, terms

if TYPE_CHECKING:
    from assistant.records import Question

MAX_LEADS = 8  # answer spans one sentence may lead with


def answer_spans(question: Question, c: Candidate) -> list[Entity]:
    """The entities of the expected kind that answer (not those the question itself names)."""
    kind = question.expects
    if kind == "EVENT":  # "what event", "which forum" (not "which visits": what happened)
        return event_names(question, c) if question.head in {"event", *EVENT_NAME_HEADS} else []
    asked = {person_key(n) for n in question.names} | {n.lower() for n in question.names}
    if kind is None:  # "which hotel": a name that says it is one ("Oriental Haitian Hotel")
        return _self_named(question, c, asked)[:MAX_LEADS]
    out: list[Entity] = []
    kinds = (TITLE, ORG) if kind == TITLE else (kind,)  # a role is a title or a body
    moving = bool(set(question.tokens) & MOTION)
    if kind == PLACE:  # "where did they go": a body's site too; "where did they meet": a
        kinds = (PLACE, ORG)  # venue named like a body ("at the Ningbo Conference Center")
    if kind == NUMBER and not question.counted:
        kinds = (NUMBER, DATE)
    said = set(question.tokens)
    surnames = {p.lower() for p in question.people if " " not in p}  # "Governor Kim"
    for e in c.entities:
        if e.kind not in kinds or e.text.lower() in asked or person_key(e.text) in asked:
            continue
        if e.kind == PERSON and surnames & set(person_key(e.text).split()):
            continue  # "Dong Yeon Kim" is the "Kim" the question names
        if e.kind in (ORG, PLACE) and said.issuperset(w.lower() for w in WORD.findall(e.text)):
            continue  # the question's own words ("Party" of "Party secretary") answer nothing
        if kind == NUMBER and (e.text in question.numbers or  # the question's own number
                               question.counted and not counts(c, e, question.counted)):
            continue
        if e.kind == DATE and (not (measured(e.text) if kind == NUMBER else definite(e.text))
                               or in_dateline(c, e)):
            continue
        if kind == TITLE and not held_by(c, e, question.names):
            continue
        if kind == PLACE and e.kind == ORG and not (moving or _at(c, e)):
            continue
        if kind == ORG and question.head in SELF_NAMED and question.head not in e.text.lower():
            continue  # "which university": a body whose name says it is one
        if kind == PERSON and any(person_key(e.text) == person_key(o.text) for o in out):
            continue
        out.append(e)
    if kind == PERSON and asks_holder(question):  # "who is the mayor of X": the holder only
        out = [e for e in out if holds_title(question, c, e)]
    elif kind == PERSON and question.head in TITLE_HEADS:  # "which party chief showed them
        out = [e for e in out if holds_title(question, c, e)] or out  # around": a holder first
    if kind == PERSON and question.predicate:  # who did the act; a person is asked for
        out = [e for e in actors(question.predicate, c, out) if e.kind == PERSON]
    if kind == PERSON and len(out) > 1:
        out = of_body(question, c, out)
    if kind == NUMBER and question.counted and len(out) > 1:  # "how many Fortune Global 500
        out.sort(key=lambda e: -qualified(question, c, e))  # companies": the number of those
    if kind in ("DATE", NUMBER, "PLACE") or question.scope == "fact" and kind != PERSON:
        out = out[:1]
    return out[:MAX_LEADS]


def _self_named(question: Question, c: Candidate, asked: set[str]) -> list[Entity]:
    """For "which <noun>" of no known kind: the names holding the noun, not those the question
    names; asked about a person, only in a sentence that names them ("which alliance does X
    run")."""
    head = (question.head or "").lower()
    if question.qtype != "which" or not head:
        return []
    said = {w.lower() for w in WORD.findall(c.text)}
    if question.people and not any(p in said for n in question.people
                                   for p in person_key(n).split()):
        return []
    return [e for e in c.entities if e.kind not in (DATE, NUMBER, PERSON, TITLE) and
            re.search(rf"\b{re.escape(head)}s?\b", e.text.lower()) and
            e.text.lower() not in asked]


_AT = re.compile(r"\b(?:at|in)(?: the)?\s+$", re.IGNORECASE)


def _at(c: Candidate, e: Entity) -> bool:
    """The body is where something happened: "at (the) X", "in the X"."""
    base = c.passage.start
    return bool(_AT.search(c.passage.text[max(c.start, e.start - 8) - base:e.start - base]))


def fitting(question: Question, rest: list[Candidate], most: int) -> list[Candidate]:
    """For "when", "how many" and "what share", the first `most` sentences of `rest` with a date
    or a number of the thing asked about (their answer spans set): the sentence that answers
    often shares few words with the question ("A total of 118 enterprises accepted the
    invitation"), so the answerer adds them to its shortlist. (Names and places are in most
    sentences: there the shortlist's words decide.)"""
    if question.qtype not in ("when", "how_many") and question.expects != NUMBER:
        return []  # ("what share" too)
    out = []
    for c in rest:
        c.leads = answer_spans(question, c)
        if c.leads and type_fits(question, c):
            out.append(c)
            if len(out) == most:
                break
    return out


_DATELINE = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:--|—|–|-)\s")


def in_dateline(c: Candidate, date: Entity) -> bool:
    """The date is the report's dateline ("URUMQI, Sept. 20 (Xinhua) -- ..."): when it was
    filed, not when what it reports happened."""
    base = c.passage.start
    before = c.passage.text[c.start - base:date.start - base]
    after = c.passage.text[date.end - base:min(c.end, date.end + 50) - base]
    return len(before) <= 40 and before.rstrip().endswith(",") and "," not in \
        before.rstrip()[:-1] and bool(_DATELINE.match(after))


def event_names(question: Question, c: Candidate) -> list[Entity]:
    """The named events of the sentence ("the Krasnoyarsk Economic Forum"): what "what event",
    "which forum" ask for; of the kind the question names when it names one."""
    asked = {n.lower() for n in question.names}
    out = [e for e in c.entities if e.text.lower() not in asked and (
        e.kind == "EVENT" or e.kind == ORG and
        e.text.split()[-1].lower().rstrip("s") in EVENT_NAME_HEADS)]
    if question.head in EVENT_NAME_HEADS:
        out = [e for e in out if question.head in e.text.lower()]
    return out[:1] if question.scope == "fact" else out[:MAX_LEADS]


def type_fits(question: Question, c: Candidate) -> bool:
    """The sentence holds the kind of answer the question needs: a date for "when", a number of
    the thing counted for "how many", a title beside the person for "what is X's position"."""
    if question.head == "year" and question.expects == DATE:  # "in what year": one written
        return any(e.kind == DATE and (d := parse_date(e.text)) is not None and d.year is not None
                   for e in c.entities)
    if question.qtype in ("when", "how_many") and not anchored(question, c):
        return False
    if question.speaker and not speaks(question.speaker, c):
        return False
    if question.qtype == "when" or question.expects == DATE:
        return any(e.kind == DATE and definite(e.text) and not in_dateline(c, e)
                   for e in c.entities)
    if question.qtype == "how_many":  # "how long", "how far": a span of time counts too
        # "how long": a span of time ("two hours"), not a day of the calendar
        spans = (NUMBER,) if question.counted else (NUMBER, DATE)
        return any(e.kind in spans and e.text not in question.numbers and
                   (e.kind != DATE or measured(e.text)) and
                   (not question.counted or counts(c, e, question.counted)) for e in c.entities)
    # someone, some body or somewhere the question does not name, an amount, a number, a title:
    # a sentence without an answer span of that kind does not answer
    return bool(c.leads) or not (
        question.expects == TITLE and question.names or question.counted == MONEY
        or question.expects in (PERSON, NUMBER) or question.qtype in ("who", "where")
        or question.qtype == "which" and question.scope == "fact" and question.expects == ORG)


def anchored(question: Question, c: Candidate) -> bool:
    """The sentence is about what the question asks the date or measure of: it shares a word
    with the question beyond its names (the event, the thing, the act or a verb of the same
    act). "How long did the ceremony take?" is not answered by "over the past 20 years"."""
    named = set(terms(" ".join(question.names)))
    words = set(terms(" ".join([*question.focus, *question.nouns]))) - named
    if question.counted == MONEY:  # "how much money": "investment", "funding" say what it is
        words |= set(terms(" ".join(MONEY_NOUNS)))
    if question.predicate:
        verbs = kindred(question.predicate)
        words |= set(terms(" ".join(verbs)))
        if "visit" in verbs:  # "a trip Liu made to Shenzhen last August" reports the visit
            words |= set(terms(" ".join(VISIT_NOUNS)))
    return not words or bool(words & c.terms)


def held_by(c: Candidate, role: Entity, names: tuple[str, ...]) -> bool:
    """The title (or body) is written beside a person asked about (text/beside.py, the answers'
    gaps): "X, T1 and T2", "General Manager X", "X from the Y", "X is the T"."""
    keys = {person_key(n) for n in names}
    ents = sorted(c.entities, key=lambda e: e.start)
    for i, e in enumerate(ents):
        if e.kind != PERSON or person_key(e.text) not in keys:
            continue
        before, after = beside(c.passage.text, e, ents[i - 1] if i else None, ents[i + 1:],
                               ANSWER, c.passage.start)
        if before is role or any(t is role for t in after):
            return True
    return False
