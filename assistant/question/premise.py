"""The premise of a question: the event it takes for granted, in its own words, and whether the
evidence must state that event itself (an event that reverses what articles usually report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.text.sentences import WORD, terms

if TYPE_CHECKING:
    from spacy.tokens import Doc

WH_WORDS = {"who", "whom", "whose", "when", "where", "why", "which", "what", "how", "many", "much"}
LIGHT_VERBS = {"be", "do", "have", "take", "get", "make", "go", "give", "tell", "say", "happen",
               "know", "describe", "mention", "report", "list", "name", "include", "locate",
               "situate", "base"}
# Events that reverse or deny what articles usually report: a question that assumes one of them
# rests on a premise the evidence must state, not merely be near.
CONTRARY = {"cancel", "withdraw", "terminate", "reject", "postpone", "suspend", "refuse", "fail",
            "break", "end", "quit", "dissolve", "collapse", "delay", "abandon", "revoke", "annul",
            "resign", "fire", "dismiss", "halt", "stop", "boycott", "protest", "sue", "deny",
            "close", "shut", "scrap", "disband"}
# Before a verb's bare form these make it a verb ("to close"), not a noun or adjective ("close ties").
VERB_MARKERS = frozenset({"to", "will", "would", "did", "does", "do", "not", "may", "might",
                          "can", "could", "should", "must", "shall"})
# Verbs that report what someone said: "what did X say" needs X saying something, not X present.
SPEECH = frozenset({"say", "tell", "speak", "speech", "remark", "note", "point", "mention",
                    "stress", "emphasize", "emphasise", "express", "introduce", "hope", "add",
                    "explain", "propose", "suggest", "thank", "announce", "outline", "praise",
                    "pledge", "promise", "urge", "overview"})  # not "invite": "invitation"
# Verbs that report the same act in a briefing: a question may use one where the article uses
# another ("who chaired" the ceremony someone "presided over"). Close senses only.
VERB_CLASSES = (
    frozenset({"chair", "preside", "host", "moderate", "emcee", "officiate"}),
    frozenset({"sign", "ink", "conclude", "seal", "initial"}),
    frozenset({"receive", "welcome", "host", "greet", "meet"}),
    frozenset({"visit", "tour", "inspect", "investigate", "come", "travel", "arrive"}),
    frozenset({"hold", "convene", "organise", "organize", "stage"}),
    frozenset({"attend", "join", "participate"}),
    frozenset({"speak", "address", "say", "deliver", "remark", "state", "express"}),
    frozenset({"lead", "head", "direct"}),
    frozenset({"found", "establish", "set", "create", "launch"}),
)


# Phrases that name an act in other words, as the question's lemmas without determiners and
# pronouns: "put pen to paper" and "put their names to" report a signing.
IDIOMS = {"put pen to paper": "sign", "put name to": "sign", "master of ceremony": "preside",
          "act as master of ceremony": "preside",
          "in charge of run": "preside", "play host": "host", "pay visit": "visit",
          "call on": "visit", "hold talk": "meet", "sit down with": "meet", "take part": "attend",
          "call off": "cancel", "pull out": "withdraw", "back out": "withdraw",
          "put off": "postpone", "break off": "terminate", "turn down": "reject",
          "come up": "", "show up": ""}  # "" : mentioned, no act asked about
CLASS_VERBS = frozenset().union(*VERB_CLASSES)
# Past forms a stemmer does not bring back to the verb ("led" is not "lead").
IRREGULAR_PAST = {"lead": "led", "meet": "met", "hold": "held", "speak": "spoke", "say": "said",
                  "tell": "told", "come": "came", "go": "went", "give": "gave", "take": "took",
                  "begin": "began", "send": "sent", "bring": "brought", "see": "saw",
                  "oversee": "oversaw", "make": "made", "write": "wrote", "win": "won",
                  "seek": "sought", "teach": "taught", "leave": "left", "sit": "sat"}


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
                     ("xcomp", "ccomp", "advcl")), None)
        if verb is None and root.i == 0 and root.lemma_ == "do":
            # "Did X visit Y?", parsed with "visit" as a noun: the first verb, or a known one
            verb = next((t for t in doc[1:] if t.pos_ == "VERB" or t.pos_ == "NOUN" and
                         t.lemma_.lower() in CLASS_VERBS), None)
            return verb.lemma_.lower() if verb is not None else None
    # the small model tags some verbs after "did <name>" as nouns; a word with "did" is a verb
    verbal = verb is not None and (verb.pos_ in ("VERB", "AUX") or any(
        c.dep_ == "aux" and c.lemma_ == "do" for c in verb.children))
    if verb is None or not verbal or verb.lemma_ in LIGHT_VERBS:
        return None
    return verb.lemma_.lower()


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
