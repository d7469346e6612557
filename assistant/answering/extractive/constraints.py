"""What of a question an article does not hold: its names (in any form the article writes them:
"Hungarian" for Hungary), its dates (a year written apart from the day counts; an article that
states no year contradicts none), its numbers and a premise's event. Read from the whole article,
not only the passages retrieved."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from assistant.lexicon import ADJECTIVE_ENDINGS, DESIGNATORS, MODIFIER_SYNONYMS, NUMBER_VALUES
from assistant.question.premise import reports
from assistant.records import Date
from assistant.text.dates import find_dates, parse_date
from assistant.text.sentences import WORD

if TYPE_CHECKING:
    from assistant.records import Passage, Question


def constraints(question: Question, passages: list[Passage],
                whole: Callable[[str], list[Passage]] | None = None) -> dict[str, list[str]]:
    """Per article: what of the question it does not hold (names, dates, numbers, a premise's
    event); an empty list means it meets them all. `whole` gives every passage of an article:
    the question's names and dates may be written outside the passages retrieved."""
    texts: dict[str, str] = {}
    dates: dict[str, list[Date]] = {}
    for aid in dict.fromkeys(p.article_id for p in passages):
        parts = (whole(aid) if whole else []) or [p for p in passages if p.article_id == aid]
        first = parts[0]
        texts[aid] = "\n".join([first.title, first.date, *(p.text for p in parts)])
        found = [parse_date(e.text) for p in parts for e in p.entities or () if e.kind == "DATE"]
        found += [d for p in parts for d, _, _ in find_dates(p.text)]
        found += [Date(int(y), None, None) for p in parts
                  for y in re.findall(r"\b(?:19|20)\d\d\b", f"{first.title} {p.text}")]
        dates[aid] = [d for d in [*found, parse_date(first.date)] if d is not None]
    return {aid: missing(question, text, dates[aid]) for aid, text in texts.items()}


def missing(question: Question, text: str, dates: list[Date]) -> list[str]:
    said = {p for w in WORD.findall(text.lower()) for p in (w, *w.split("-"))}
    said |= {folded(re.sub(r"['’]s$", "", w)) for w in said}  # "Lüliang's": "luliang"
    found = {n: _named(n, n in question.people, said, text) for n in question.names}
    for name, alias in _aliases(question):  # "COSCO Shipping (COSCO SHIPPING)": either will do
        either = found[name] or _named(alias, False, said, text)
        found.update({n: either for n in found if n == name or n in alias})
    # a list may span articles: each of its articles needs only one of the names it joins
    # ("the visits to Dalian and Mianyang"); a name standing alone ("in Singapore") is needed
    joined = _joined(question) if question.scope != "fact" else set()
    enough = all(ok for n, ok in found.items() if n not in joined) and \
        (not joined or any(found[n] for n in joined))
    missing = [] if enough else [n for n, ok in found.items() if not ok]
    flat = text.lower().replace(",", "")
    missing += [n for n in question.numbers if not _numbered(n.replace(",", "").lower(), flat)]
    absent = [str(d) for d in question.dates if not dated(d, dates)]
    # a list or several dates asked ("in July 2022 and January 2023"): each article holds one
    several = question.scope != "fact" or len(question.dates) > 1
    missing += [] if several and len(absent) < len(question.dates) else absent
    if question.strict_premise and question.predicate and \
            not reports(question.predicate, text):
        missing.append(question.predicate)
    return missing


def _named(name: str, person: bool, said: set[str], text: str) -> bool:
    """The text writes the name: every word of it, or (a body's or place's name of three words
    or more, written otherwise: "Changzhou National High-Tech District" for "Changzhou Hi-Tech
    District") its first word and every word but those of a body's kind or rank."""
    parts = [p for w in WORD.findall(name) for p in w.split("-") if p]
    ok = [written(p.lower(), said) or spelled_out(p, text) or  # the Party: the "CPC"
          any(w in said for w in MODIFIER_SYNONYMS.get(p.lower(), ())) for p in parts]
    return all(ok) or not person and len(parts) >= 3 and ok[0] and \
        all(y or p.lower() in DESIGNATORS for p, y in zip(parts, ok))


def _aliases(question: Question) -> list[tuple[str, str]]:
    """A name and what the question writes in brackets after it when they close the name:
    another name of the same body or place ("China State Construction Engineering Corporation
    (CSCEC)", "Lvliang (Lüliang)"; not "Hunan (Beijing) Key Parks Conference")."""
    return [(n, m.group(1).strip()) for n in question.names
            for m in re.finditer(rf"{re.escape(n)}\s*\(([^()]+)\)(?!\s*[A-Z0-9])",
                                 question.standalone)]


def _numbered(number: str, flat: str) -> bool:
    """The number is written in the text, as digits or as a word ("twelve", "12")."""
    forms = {number, NUMBER_VALUES.get(number, number)}
    forms |= {w for w, digits in NUMBER_VALUES.items() if digits == number}
    return any(re.search(rf"\b{f}\b", flat) if f.isalpha() else f in flat for f in forms)


def _joined(question: Question) -> set[str]:
    """The names the question joins with "and", "or" or commas ("Dalian, Mianyang and Wuxi")."""
    text = question.standalone
    found = ((re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text), n) for n in question.names)
    at = sorted((m.start(), n) for m, n in found if m)  # "Vietnam" is not in "Vietnamese"
    joined: set[str] = set()
    for (a, first), (b, second) in pairwise(at):
        if re.fullmatch(r"\s*(?:,|,?\s+(?:and|or))\s*", text[a + len(first):b]):
            joined |= {first, second}
    return joined


def written(word: str, said: set[str]) -> bool:
    """The word is in the text (or its plural, or a plural's singular); or (a proper adjective:
    "Hungarian", "European", "Korean") the name it comes from is: a word of the text starting
    with all of it but its last three letters (at least five); or (a place's name: "Japan",
    "Korea", "China") its proper adjective is: a word of the text made of the name (a final
    vowel dropped) and an adjective's ending. Pinyin's ü matches in any spelling (`folded`:
    `missing` puts each word's folded form in `said` too)."""
    if word in said or folded(word) in said:
        return True
    if len(word) > 3 and (f"{word}s" in said or  # "Expos": the article writes
                          word.endswith("s") and word[:-1] in said):  # "Expo"
        return True
    endings = tuple(ADJECTIVE_ENDINGS)
    if len(word) >= 4:
        stem = word[:-1] if word[-1] in "aeoy" else word
        if any(w.startswith(stem) and w.endswith(endings) and len(w) <= len(stem) + 4
               for w in said):
            return True
    if len(word) < 6 or not word.endswith(endings):
        return False
    stem = word[:max(5, len(word) - 3)]
    return any(w.startswith(stem) for w in said)


def folded(word: str) -> str:
    """A word of pinyin with its ü written as pinyin's plain u: "Lüliang", "Lvliang" and
    "Lyuliang" are one place (ü follows l or n where it is written otherwise)."""
    return re.sub(r"(?<=[ln])(?:ü|v|yu)", "u", word)


_LINK = r"(?:['’]s)?\s+(?:(?:of|the|and|for|on|in)\s+)*"  # "People's", "Committee of the"


def spelled_out(word: str, text: str) -> bool:
    """An acronym ("CPPCC") is written out in the text: capitalised words whose first letters
    spell it, small linking words between them ("Chinese People's Political Consultative
    Conference")."""
    if not (3 <= len(word) <= 8 and word.isupper() and word.isalpha()):
        return False
    pattern = _LINK.join(rf"{ch}[a-z]+" for ch in word)
    return re.search(rf"\b{pattern}\b", text) is not None


def same_date(asked: object, found: object) -> bool:
    return all(getattr(asked, part) in (None, getattr(found, part))
               for part in ("year", "month", "day"))


def dated(asked: Date, found: list[Date]) -> bool:
    """The article holds the asked date: one date with every part asked, or (a date written
    without its year, the year elsewhere: "Jan 4" ... "2024") the asked year in one date and the
    asked month and day in another that states no other year."""
    if any(same_date(asked, f) for f in found):
        return True
    if asked.year is not None and not any(f.year for f in found):  # an article that states no
        unyeared = Date(None, asked.month, asked.day)  # year at all: the rest must agree
        return asked.month is None or any(same_date(unyeared, f) for f in found)
    yeared = asked.year is None or any(f.year == asked.year for f in found)
    rest = Date(None, asked.month, asked.day)
    return yeared and asked.month is not None and any(
        f.year is None and same_date(rest, f) for f in found)
