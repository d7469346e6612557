"""Question analysis: what a question asks, read from spaCy's parse of it.

`analyse(text, nlp, previous)` -> Question: its type (who, when, where, how many, which, what, why,
yes/no), the kind of answer expected (a person, an organisation, a place, a date, a number of a
thing, a title, an event), its constraints (the names, places, dates and numbers it mentions, and
the counted noun by its lemma), its scope (one fact, a list, a timeline), its premise (the event it
takes for granted), and for a follow-up the spans and articles of the previous answer it refers to.
Every answerer, the retriever's filters and the conversation read the same Question.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.lexicon import (
    AFTER_WORDS,
    BEFORE_WORDS,
    CONTRARY,
    HONORIFICS,
    LEADING_WORDS,
    LIGHT_VERBS,
    NOUN_EXPECTS,
    NUMBER_VALUES,
    SPEECH,
)
from assistant.question.affiliation import affiliation
from assistant.question.asks import question_type, scope_of
from assistant.question.followup import resolve
from assistant.question.premise import predicate as find_predicate
from assistant.question.premise import premise as find_premise
from assistant.records import Date, DateFilter, Previous, Question
from assistant.text.beside import QUESTION, beside
from assistant.text.dates import parse_date
from assistant.text.nlp import DATE, NUMBER, ORG, PERSON, PLACE, TITLE, entities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from assistant.records import Entity
    from assistant.text.nlp import NLP

def analyse(text: str, nlp: NLP, previous: Previous | None = None) -> Question:
    """Read the question's type, expected answer, constraints, scope and premise."""
    doc = nlp.parse(text)
    if previous is not None and not previous.names:
        asked = nlp.parse(previous.question)  # the earlier question's names, when no lead fits
        names = [e.text for e in entities(asked) if e.kind in (PERSON, ORG, PLACE)] + \
            [n for n in _proper_names(asked) if parse_date(n) is None]
        previous = replace(previous, names=tuple(dict.fromkeys(map(_bare, names))))
    referents, prefer, standalone = resolve(doc, previous)
    if standalone != text:
        doc = nlp.parse(standalone)
    qtype, expects, head, counted = question_type(doc)
    found = entities(doc)
    # what a follow-up carries from the answer before, in brackets, helps find the passages; the
    # question's own words give its constraints (a wrong earlier answer's names are none of them)
    own = len(text) if standalone.startswith(text) else len(standalone)  # (resolve appends it)
    found = [e for e in found if e.start < own]
    if expects == TITLE and not any(e.kind == PERSON for e in found) and \
            not _proper_names(doc):
        expects = None  # "what role will innovation play": a title belongs to a person
    # "Huangpu-China Mobile" names two
    names = tuple(dict.fromkeys(n for e in found if e.kind in (PERSON, ORG, PLACE)
                                for n in _parts(_bare(e.text))))
    names += tuple(n for r in map(_bare, _proper_names(doc, own))
                   for n in _parts(r) if not any(n in m for m in names) and parse_date(n) is None)
    # "which Chinese corporation": the kind of answer asked, no name its article must write
    names = tuple(n for n in names if n not in {t.text for t in doc if t.ent_type_ == "NORP"
                                                and t.dep_ == "amod" and t.head.lemma_ == head})
    dates = tuple(d for d in (parse_date(e.text) for e in found if e.kind == DATE) if d)
    dates += tuple(d for d in (_bare_date(t) for t in doc) if d and d not in dates)
    numbers = tuple(e.text for e in found if e.kind == NUMBER and (  # "twelve enterprises":
        not e.text.isalpha() or int(NUMBER_VALUES.get(e.text.lower(), "0")) >= 3))  # not "two"
    predicate = find_predicate(doc)
    scope = scope_of(doc, qtype, head, expects)
    focus = tuple(dict.fromkeys(
        t.lemma_.lower() for t in doc
        if t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN", "NUM") and not t.is_stop
        and t.lemma_.lower() not in LIGHT_VERBS and not any(t.text in n for n in names)))
    strict = predicate in CONTRARY or qtype == "why"  # "why did X sign": the signing reported
    modifiers = tuple(t.lower_ for t in doc if head and t.head.lemma_.lower() == head
                      and t.dep_ in ("amod", "compound") and t.i < t.head.i and not t.ent_type_)
    premise = find_premise(doc) or None
    actor = _actor(doc, found) if previous is None or not referents else None
    return Question(
        text, standalone, qtype, expects, scope, names,
        tuple(dict.fromkeys(_bare(e.text) for e in found if e.kind == PERSON)), numbers, dates,
        _date_filter(doc, dates), counted, head, modifiers, focus, predicate,
        tuple(dict.fromkeys(t.lemma_.lower() for t in doc if t.pos_ == "VERB"
                            and t.lemma_.lower() not in LIGHT_VERBS)),
        premise, strict, referents, prefer,
        tuple(t.lower_ for t in doc if not t.is_punct),
        tuple(dict.fromkeys(t.lemma_.lower() for t in doc if t.pos_ == "NOUN" and not t.is_stop
                            and not any(t.text in n for n in names))),
        _given_titles(doc, found),
        _speaker(doc),
        affiliation(doc, names, NOUN_EXPECTS[PERSON], head, qtype == "other")
        if expects == PERSON or qtype == "other" and expects is None else None,
        actor=actor)


def _given_titles(doc: Doc, found: list[Entity]) -> tuple[str, ...]:
    """Titles the question sets beside a person's name: "X, as General Manager of Y",
    "chairman X" (not a title of someone else: "the general manager invited X", nor the verb
    of "which institute does X head")."""
    text = doc.text
    people = [e for e in found if e.kind == PERSON]
    given: list[Entity] = []  # beside a name, through the questions' gaps (text/beside.py)
    for k, p in enumerate(found):
        if p.kind == PERSON:
            before, after = beside(text, p, found[k - 1] if k else None, found[k + 1:], QUESTION)
            given += [before, *after] if before else after
    out = []
    for t in (e for e in found if e.kind == TITLE):
        span = doc.char_span(t.start, t.end)
        if span is not None and all(w.pos_ in ("VERB", "AUX") for w in span) or \
                t.text.islower() and any(p.end <= t.start and not text[p.end:t.start].strip()
                                         for p in people):
            continue  # "does X head": a verb, tagged or placed as one
        if t in given:
            out.append(t.text)
    return tuple(out)


def _actor(doc: Doc, found: list[Entity]) -> str | None:
    """The person named as the subject of the question's main verb ("Why did Mayor X sign
    ...": X); None when the subject is no named person ("which official signed")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    # the active subject: a passive one ("when was the X agreement signed") is what was acted on
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    does = next((c for c in root.children if c.dep_ == "aux" and c.lemma_ == "do"), None)
    if subject is not None and not any(t.tag_ in ("WP", "WDT", "WP$") for t in subject.subtree):
        lo, hi = min(t.idx for t in subject.subtree), max(t.idx + len(t) for t in subject.subtree)
    elif subject is None and does is not None and does.i < root.i:  # "did X preside", the
        lo, hi = does.idx + len(does), root.idx  # small model's noun "preside": X between
    else:
        return None
    people = [e for e in found if e.kind == PERSON and lo <= e.start and e.end <= hi]
    if subject is not None:  # the subject is the person, not a thing of theirs ("the X deal")
        people = [e for e in people if e.start <= subject.idx < e.end]
    return _bare(people[0].text) if people else None


def _speaker(doc: Doc) -> str | None:
    """Who the question asks the words of: the named subject of a verb of speech."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_.lower() not in SPEECH or \
            any(c.dep_ == "xcomp" for c in root.children):  # "hope to employ": an aim, no words
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    if subject is None or subject.ent_type_ in ("GPE", "LOC", "ORG", "FAC", "NORP"):
        return None  # "did Jiangxi Province say": a body's statement, in any sentence of it
    words = [t for t in subject.subtree if t.pos_ == "PROPN"
             and t.lower_.strip(".") not in HONORIFICS]
    return _bare(doc[words[0].i:words[-1].i + 1].text) if words else None


def _proper_names(doc: Doc, until: int | None = None) -> list[str]:
    """Runs of proper nouns the recogniser did not tag ("Hongkou", "Lingang"), in the text up to
    `until` (a character offset)."""
    runs: list[str] = []
    current: list[Token] = []
    for t in list(doc) + [None]:  # type: ignore[list-item]
        if t is not None and t.pos_ == "PROPN" and t.i > 0 and t.text[:1].isupper() and \
                (until is None or t.idx < until):
            current.append(t)
            continue
        if current:
            runs.append(doc[current[0].i:current[-1].i + 1].text)
            current = []
    return runs


def _parts(name: str) -> list[str]:
    """The names a hyphen or dash joins ("Huangpu-China Mobile", "Hebei–XJTU"); one name else."""
    return [p.strip() for p in re.split(r"(?<=\w)[-–—](?=[A-Z])", name) if p.strip()]


def _bare(name: str) -> str:
    """A name without its possessive ending ("Lin Qu's" -> "Lin Qu"), a word that opened the
    question with it ("Besides Lingang" -> "Lingang") or common nouns the recogniser ran on
    with ("the Three Gorges hydropower company" -> "Three Gorges": an article may say it
    otherwise)."""
    first, _, rest = name.partition(" ")
    if rest and first.lower() in LEADING_WORDS:
        name = rest
    words = name.split()
    while len(words) > 1 and words[-1][:1].islower():
        words.pop()
    name = " ".join(words)
    for end in ("'s", "’s", "'", "’"):
        if name.endswith(end):
            return name[:-len(end)]
    return name


def _bare_date(token: Token) -> Date | None:
    """A month name or a year written alone ("in December", "in 2020")."""
    if token.ent_type_ == "DATE":
        return None  # already read from the entity
    if token.like_num and len(token.text) == 4 or token.text.istitle():
        return parse_date(token.text)
    return None


def _date_filter(doc: Doc, dates: tuple[Date, ...]) -> DateFilter | None:
    """"in/during X" -> X..X, "before X" -> ..X, "after/since X" -> X.."""
    if not dates:
        return None
    date = dates[0]
    for t in doc:
        later = t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "than" or \
            any(u.lower_ == "than" for u in doc[t.i + 1:t.i + 6])
        if t.lower_ in BEFORE_WORDS or t.lower_ == "earlier" and later:
            return DateFilter(None, _shift(date, -1), doc[t.i:].text)
        if t.lower_ in AFTER_WORDS or t.lower_ == "later" and later:
            return DateFilter(date if t.lower_ == "since" else _shift(date, 1), None,
                              doc[t.i:].text)
    return DateFilter(date, date, str(date))


def _shift(date: Date, step: int) -> Date:
    """The date one step (of its finest stated part) earlier or later: "before November" ends
    in October, "after 2020" starts in 2021."""
    if date.day:
        return Date(date.year, date.month, max(1, min(31, date.day + step)))
    if date.month:
        month = date.month + step
        if 1 <= month <= 12:
            return Date(date.year, month, None)
        year = date.year + step if date.year else None
        return Date(year, 12 if step < 0 else 1, None)
    return Date((date.year or 0) + step, None, None)
