"""What a number in a sentence counts: the noun of its own phrase ("120 video sub-venues"), what
the sentence counted before a share of it ("27 of them"), an amount in a currency, a span of time;
and how well its words fit the question's qualifiers ("Fortune Global 500 companies"); whether
a date says when ("December 14") or how long ("the next 10 years")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.lexicon import (
    ARTICLES,
    COUNT_KIN,
    CURRENCIES,
    CURRENCY_SIGNS,
    NUMBER_WORDS,
    TIME_UNITS,
    alternation,
)
from assistant.question.asks import MONEY
from assistant.text.dates import names_month, parse_date
from assistant.text.sentences import WORD, terms

if TYPE_CHECKING:
    from assistant.records import Candidate, Entity, Question

QUANTIFIER_TERMS = frozenset(terms("many much"))
COUNTED_WITHIN = 5  # words after a number in which its noun stands ("120 video sub-venues")


def measured(date: str) -> bool:
    """A span of time that says how long ("three days", "20 years"), not a day of the calendar."""
    words = {w.lower() for w in WORD.findall(date)}
    return parse_date(date) is None and (bool(words & NUMBER_WORDS) or
                                         any(ch.isdigit() for ch in date))


def definite(date: str) -> bool:
    """A date that says when: a day, month or year ("December 14", "last August", "2009"), not
    "recent years" nor a span of time ("the next 10 years")."""
    words = {w.lower().rstrip("s") for w in WORD.findall(date)}
    return parse_date(date) is not None or names_month(date) or \
        any(ch.isdigit() for ch in date) and not words & TIME_UNITS


CURRENCY = re.compile(rf"[{''.join(sorted(CURRENCY_SIGNS))}]|\b(?:{alternation(CURRENCIES)})(?:\b|(?=\d))",
                      re.IGNORECASE)  # "RMB70 billion": a code written against the number


def counts(c: Candidate, number: Entity, noun: str) -> bool:
    """The number counts the noun: "120 video sub-venues" counts venues, "50 buses" buses, a
    quantity its unit ("300 hectares")."""
    unit = number.text.split(maxsplit=1)[1:]  # a quantity's own unit
    rest = c.passage.text[number.end - c.passage.start:number.end - c.passage.start + 60]
    phrase: list[str] = []
    for word in re.split(r"[,;:.()]", rest, maxsplit=1)[0].split():
        if word[:1].isdigit() or word.lower() in NUMBER_WORDS:
            break  # "35 billion yuan over the next three years": three counts the years
        phrase.append(word)
        # "Twelve of the most influential business delegates": "of" and articles add no words
        if sum(w.lower() not in ARTICLES and w != "of" for w in phrase) >= COUNTED_WITHIN:
            break
    after = " ".join([*unit, *phrase])  # the words the number counts, not the next clause's
    if phrase[:1] == ["of"] and noun != MONEY:  # "27 of them", "44 of the 50": a share of what
        before = c.passage.text[c.start - c.passage.start:number.start - c.passage.start]  # came
        after = f"{before} {' '.join(phrase[1:])}"  # before, or "100 of the exhibitors"
    if noun == MONEY:  # "the value of X": an amount in a currency
        return bool(CURRENCY.search(f"{number.text} {' '.join(phrase[:2])}"))
    kin = next((group for group in COUNT_KIN if noun in group), {noun})
    wanted = terms(" ".join(kin))  # "firms" are counted as "enterprises"
    return any(w[:3] == t[:3] and (w.startswith(t) or t.startswith(w)) and  # not "parties"
               abs(len(w) - len(t)) <= 2  # for "participants"
               for w in wanted for t in terms(after.replace("-", " ")))


def qualified(question: Question, c: Candidate, number: Entity) -> int:
    """How many words of the question's names and of the counted noun's modifiers the words
    after the number hold ("27 of them on the Fortune Global 500 list" for "how many Fortune
    Global 500 companies"; "12 foreign firms" for "how many foreign enterprises")."""
    base = c.passage.start
    after = c.passage.text[number.end - base:min(c.end, number.end + 60) - base]
    after = re.split(r"[;:.]|\b\d", after, maxsplit=1)[0]  # up to the next number or clause
    wanted = set(terms(" ".join([*question.names, *question.modifiers]))) - QUANTIFIER_TERMS
    return len(wanted & set(terms(after)))
