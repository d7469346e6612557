"""The premise of a question: the event it takes for granted, in its own words, and whether the
evidence must state that event itself (an event that reverses what articles usually report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.lexicon import (
    IDIOMS,
    IRREGULAR_PAST,
    LIGHT_VERBS,
    VERB_CLASSES,
    VERB_MARKERS,
    WH_WORDS,
)
from assistant.text.sentences import WORD, terms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CLASS_VERBS = frozenset().union(*VERB_CLASSES)  # any verb of an act a class names


def kindred(verb: str) -> frozenset[str]:
    """The verb and the verbs that report the same act, with their irregular past forms."""
    verbs = frozenset({verb}).union(*(c for c in VERB_CLASSES if verb in c))
    return verbs | {IRREGULAR_PAST[v] for v in verbs if v in IRREGULAR_PAST}


def reports(verb: str, text: str) -> bool:
    """The text reports the verb's act: an inflected form ("closed", "cancelling") or the bare
    form after "to", "will", "did" ...; "close communication" does not report a closing."""
    stem = terms(verb)
    if not stem:
        return False
    words = [w.lower() for w in WORD.findall(text)]
    for i, w in enumerate(words):
        if terms(w) == stem and (w != verb or i and words[i - 1] in VERB_MARKERS):
            return True
    return False


def past_forms(verb: str) -> frozenset[str]:
    """The past forms of the verb and its kindred ("sign" -> "signed", "lead" -> "led"): the
    form a news report of the act uses, unlike the noun "signing" of "the signing ceremony"."""
    forms = set()
    for v in kindred(verb):
        if v in IRREGULAR_PAST.values():
            forms.add(v)
        elif v.endswith("e"):
            forms.add(v + "d")
        elif v.endswith("y") and len(v) > 2 and v[-2] not in "aeiou":
            forms.add(v[:-1] + "ied")
        else:
            forms.add(v + "ed")
    return frozenset(forms)


def predicate(doc: Doc) -> str | None:
    """The main verb's lemma, when it carries meaning ("say" in "what did X say during Y")."""
    said = f" {' '.join(t.lemma_.lower() for t in doc if t.pos_ not in ('DET', 'PRON', 'PUNCT'))} "
    phrased = next((verb for phrase, verb in IDIOMS.items() if f" {phrase} " in said), None)
    if phrased is not None:
        return phrased or None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    verb = root
    if root is not None and root.lemma_ in LIGHT_VERBS:  # "did X say during Y": keep "say"
        verb = next((c for c in root.children if c.pos_ == "VERB" and c.dep_ in
                     ("xcomp", "ccomp", "advcl") and not _timed(root, c)), None)
        if verb is None and root.i == 0 and root.lemma_ == "do":
            # "Did X visit Y?", parsed with "visit" as a noun: the first verb, or a known one
            verb = next((t for t in doc[1:] if t.pos_ == "VERB" or t.pos_ == "NOUN" and
                         t.lemma_.lower() in _CLASS_VERBS), None)
            return verb.lemma_.lower() if verb is not None else None
    # the small model tags some verbs after "did <name>" as nouns; a word with "did" is a verb
    verbal = verb is not None and (verb.pos_ in ("VERB", "AUX") or any(
        c.dep_ == "aux" and c.lemma_ == "do" for c in verb.children))
    if verb is None or not verbal or verb.lemma_ in LIGHT_VERBS:
        return None
    return verb.lemma_.lower()


def _timed(root: Token, clause: Token) -> bool:
    """ "Who was the mayor when the delegation came": a clause that says when, after "be", sets
    the time of what is asked; it is not the act asked about."""
    return root.lemma_ == "be" and clause.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "while", "as", "before", "after")
        for c in clause.children)


def premise(doc: Doc) -> str:
    """The event the question takes for granted, in its own words: the subject, then the
    auxiliary, then the rest ("Why did X cancel Y?" -> "X did cancel Y")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    aux = next((c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i), None)
    if root.lemma_ == "be" and aux is None and root.i < (subject.i if subject else 0):
        aux = root
    skip = {t.i for t in doc if t.lower_ in WH_WORDS}
    if subject is None or (aux is not None and aux.i > subject.i):
        words = [t for t in doc if t.i not in skip and not t.is_punct]
        return "".join(t.text_with_ws for t in words).strip()
    subj = list(subject.subtree)
    rest = [t for t in doc if t.i > subj[-1].i and not t.is_punct and t.i not in skip]
    if aux is not None:
        rest = [aux, *[t for t in rest if t.i != aux.i]]
    words = [t for t in subj if t.i not in skip] + rest
    text = " ".join(t.lower_ if t.i == getattr(aux, "i", -1) else t.text for t in words)
    return text.replace(" 's", "'s").replace(" ’s", "’s").strip()
