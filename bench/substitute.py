"""One article's consistent substitutions, for bench/varied.py: `analyse` finds once what an
article names (people, places, amounts and counts, dates), `plan` draws a variant's replacements,
`vary` applies them to any text about the article (the article, a question) as string work.

Every mention of a unit changes together: a person's full name in either order and the surname
alone ("Du Jiahao", "Jiahao Du", "Du"), a place also inside an organisation's name ("CPC Hunan
Provincial Committee") and as a demonym ("Japanese"), a number wherever the same digits stand
alone ("35 years", "35th anniversary"). Dates keep their written form, years shift by the same
1-4 and days by the same few days without leaving their month, so every date stays valid.
"""
from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass

from synth import CITIES, FAMILY, GIVEN, _pool

from assistant.text.dates import WRITTEN, find_dates

SURNAMES = set(FAMILY) | set(_pool("Bao Chi Hao Hou Jiao Jin Kang Lei Long Lou Meng Nie Ning "
                                   "Ouyang Qi Qin Rong Ruan Shao Tong Xi Xiang Xiong Yin Zhuang "
                                   "Zou Zuo", " "))  # Chinese family names of the sources
NOT_NAMES = {"Datuk", "Dato", "Seri", "Sri"}  # Malaysian honours written before names
# Beijing, Shanghai, Hong Kong, China, autonomous regions and unlisted places stay as written
PLACES = {"province": sorted({p for _, p in CITIES}),
          "city": sorted({c for c, _ in CITIES} | set(_pool(
              "Bozhou Jinchang Urumqi Jiangmen Liaocheng Huaibei Huangshi Tianjin Chongqing "
              "Kashgar Hotan Bijie", " "))),
          "foreign": _pool("Murmansk|Krasnoyarsk|Ulyanovsk|Wellington|Wilmington|Montreal|"
                           "Asahikawa|Sasebo|Kandy|Faisalabad|Minsk|Tromsø|Vadsø|Jacksonville|"
                           "Groningen|Szczecin|Alanya|Akureyri|Kota Kinabalu|Puerto Princesa|"
                           "Sunderland|Matola|Lyon|Hamburg|Munich|Milan|Turin|Valencia|Porto|"
                           "Gothenburg|Tampere|Adelaide|Brisbane|Auckland|Vancouver|Calgary|"
                           "Seattle|Osaka|Nagoya|Busan|Penang|Cebu|Durban|Mombasa|Almaty|Kazan|"
                           "Vladivostok|Brno|Gdansk|Debrecen")}
DEMONYMS = dict(p.split(":") for p in _pool(
    "Japan:Japanese|Russia:Russian|Poland:Polish|Hungary:Hungarian|France:French|Germany:German|"
    "Italy:Italian|Spain:Spanish|Sweden:Swedish|Finland:Finnish|Norway:Norwegian|Denmark:Danish|"
    "Austria:Austrian|Portugal:Portuguese|Greece:Greek|Mozambique:Mozambican|Kenya:Kenyan|"
    "Egypt:Egyptian|Nigeria:Nigerian|Brazil:Brazilian|Chile:Chilean|Mexico:Mexican|"
    "Canada:Canadian|Australia:Australian|Malaysia:Malaysian|Singapore:Singaporean|Thailand:Thai|"
    "Vietnam:Vietnamese|Indonesia:Indonesian|Philippines:Philippine|Sri Lanka:Sri Lankan|"
    "Pakistan:Pakistani|Belarus:Belarusian|South Korea:South Korean|Turkey:Turkish|"
    "Serbia:Serbian|Iceland:Icelandic|New Zealand:New Zealand"))
PLACES["country"] = sorted(DEMONYMS)
PLACE_KIND = {name: kind for kind, names in PLACES.items() for name in names}
NAME_TOKEN = re.compile(r"[A-ZÀ-Ý][\w'’-]*$")
MONTH = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# an ordinal that counts ("35th anniversary", "4th Summit"), not a day ("on the 14th")
ORD_NEXT = re.compile(rf" (?:(?!{MONTH})[A-Z]|anniversar|session|edition|congress|meeting|"
                      r"plenary|summit|forum|expo|conference)")
NUMBER = r"(?<![\w.,/:-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w:/]|[.,]\d|-\d)"
ALTERNATIVES = (rf"(?P<date>{WRITTEN.pattern})|(?P<ord>(?<![\w.,/:-])\d+(?:st|nd|rd|th)\b)"
                rf"|(?P<year>(?<![\w.,/:])(?:19|20)\d\d(?![\w:/]|[.,]\d))|(?P<num>{NUMBER})")
Spans = list[tuple[int, int, int, int]]  # each replacement: (start, end) before, after


@dataclass
class Source:
    """One article, read once: what its variants vary."""

    id: str
    text: str
    units: dict[str, str]  # a name part or place -> its pool (family, given, first, last, city, ...)
    keys: dict[str, tuple[tuple[str, str], ...]]  # text as written -> its units and their styles
    numbers: list[str]  # the amounts and counts written in digits
    days: tuple[int, int]  # the day shift's bounds: every dated day stays inside its month
    questions: list[dict]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Plan:
    """One variant's substitutions: units, numbers, a year shift and a day shift."""

    units: dict[str, str]
    numbers: dict[str, str]
    years: int
    days: int


@functools.cache
def _places() -> re.Pattern[str]:
    """Every place and demonym of the pools, as a word."""
    return re.compile(r"(?<![\w'’])(" + "|".join(map(re.escape, sorted(
        [*PLACE_KIND, *DEMONYMS.values()], key=len, reverse=True))) + r")(?![\w'’])")


def _person(name: str, english: set[str], units: dict, keys: dict) -> None:
    """A person's name parts as units; the name (either order) and the surname alone as keys."""
    toks = name.split()
    if not 2 <= len(toks) <= 3 or _places().search(name) or any(
            t in NOT_NAMES or not NAME_TOKEN.match(t) for t in toks):
        return
    if toks[0].title() in SURNAMES:  # Chinese order, the family name first
        if len(toks) == 3:
            return  # a headline's "Zhang Gaoli Calls"
        kinds, surname = ("family", "given"), toks[0]
    elif any(t.lower() in english or t.isupper() for t in toks):
        return  # a headline's words ("Local Jobs"), an acronym ("JP Morgan")
    else:
        kinds, surname = ("first",) + ("",) * (len(toks) - 2) + ("last",), toks[-1]
    parts = tuple(((t.title(), "upper") if t.isupper() else (t, "same")) for t in toks)
    units.update({u: k for (u, _), k in zip(parts, kinds, strict=True) if k and u not in units})
    key = tuple(p if k else (p[0], "literal") for p, k in zip(parts, kinds, strict=True))
    titled = tuple((u, "same" if s == "upper" else s) for u, s in key)  # "SHEN Weidong": "Shen"
    for written, k in ((name, key), (" ".join(t.title() if t.isupper() else t for t in toks), titled)):
        keys[written] = k
        keys.setdefault(" ".join(reversed(written.split())), k[::-1])
    if surname.lower() not in english:  # "Du" alone is Du Jiahao; "Long" could be a word
        keys.setdefault(surname, (parts[0 if kinds[0] == "family" else -1],))


def _day_spans(m: re.Match[str]) -> list[tuple[int, int]]:
    """Where a written date's days are: the day of an ISO or dotted date, else every 1-2 digit
    number ("July 17 to 26, 2016", "Sept. 19-22", "23 November")."""
    for group in ("d3", "d5"):
        if m[group]:
            return [m.span(group)]
    return [(m.start() + d.start(), m.start() + d.end())
            for d in re.finditer(r"(?<!\d)\d{1,2}(?!\d)", m[0])]


def _day_bounds(texts: list[str]) -> tuple[int, int]:
    """The day shifts that keep every dated day of the texts inside its month, in any year."""
    days = [(d, 28 if date.month == 2 else max(28, d)) for t in texts for date, s, _ in find_dates(t)
            if date.day for d in (int(t[a:b]) for a, b in _day_spans(WRITTEN.match(t, s)))]
    low, high = max([1 - d for d, _ in days] or [0]), min([c - d for d, c in days] or [0])
    return (low, high) if low <= high else (0, 0)


def analyse(aid: str, text: str, found: list, english: set[str], questions: list[dict]) -> Source:
    """What an article's variants vary, from its entities (spaCy's, read once): `english` is the
    words written in lower case, which a name or a surname alone must not be."""
    units: dict[str, str] = {}
    keys: dict[str, tuple[tuple[str, str], ...]] = {}
    numbers: set[str] = set()
    for e in found:
        t = e.text.strip()
        if e.kind == "PERSON" and "\n" not in t:
            _person(t, english, units, keys)
        if e.kind in ("NUMBER", "DATE"):
            if not find_dates(t):
                numbers |= {n for n in re.findall(NUMBER, t) if not re.fullmatch(r"(19|20)\d\d", n)}
            continue
        for m in _places().finditer(t):  # also where the model took a place for a person
            name = next((c for c, d in DEMONYMS.items() if d == m[1]), m[1])
            units.setdefault(name, PLACE_KIND[name])
    for name in [u for u, k in units.items() if k in PLACES]:
        keys[name] = ((name, "same"),)
        if DEMONYMS.get(name, name) != name:
            keys[DEMONYMS[name]] = ((name, "demonym"),)
    numbers |= {m[1] for m in re.finditer(r"(?<![\w.,/:-])(\d+)(?:st|nd|rd|th)\b", text)
                if ORD_NEXT.match(text, m.end())}
    bounds = _day_bounds([text, *(s for q in questions for s in (q["question"], *q["must_include"]))])
    alternation = "|".join(map(re.escape, sorted(keys, key=len, reverse=True)))
    named = rf"|(?P<key>(?<![\w'’])(?:{alternation})(?![\w]|['’](?!s\b)\w|-[a-z]))" if keys else ""
    return Source(aid, text, units, keys, sorted(numbers), bounds, questions,
                  re.compile(ALTERNATIVES + named))


def ordinal(n: int) -> str:
    return "th" if 10 < n % 100 < 14 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _number(literal: str, r: random.Random) -> str:
    """Another amount of the same shape: decimals, thousands commas and roundness kept."""
    digits = literal.replace(",", "")
    places = len(digits.partition(".")[2])
    value = float(digits)
    if value <= 1:
        return literal
    zeros = len(digits) - len(digits.rstrip("0")) if not places else 0
    step = 10 ** min(zeros, len(digits) - 1)
    for _ in range(20):
        new = r.randint(2, 12) if value < 10 and not places else value * r.uniform(0.5, 2.0)
        new = round(new, places) if places else max(step, round(new / step) * step)
        if new != value:
            break
    return f"{new:,.{places}f}" if "," in literal else f"{new:.{places}f}"


def _given(unit: str, r: random.Random) -> str:
    """A Chinese given name of as many syllables as `unit` ("Jiahao" two, "Qiang" one)."""
    n = max(1, len(re.findall(r"[aeiouü]+", unit.lower())))
    return "".join(r.choice(GIVEN) for _ in range(min(n, 2))).capitalize()


def plan(src: Source, r: random.Random, names: dict[str, list[str]]) -> Plan:
    """A variant's substitutions: every unit a new name of its kind that the article does not
    use (Chinese family names and given-name syllables from synth, places from the lists above,
    `names` for the "first" and "last" names of other people), every number redrawn, years
    shifted by 1-4, days shifted within their months."""
    pools, taken = {"family": FAMILY, **names, **PLACES}, set(re.findall(r"[\w'’-]+", src.text))
    units: dict[str, str] = {}
    for unit, kind in src.units.items():
        for _ in range(20):
            new = _given(unit, r) if kind == "given" else r.choice(pools[kind])
            if new not in taken:
                break
        units[unit] = new if new not in taken else unit
        taken.add(units[unit])
    numbers = {n: _number(n, r) for n in src.numbers}
    return Plan(units, numbers, r.choice((-4, -3, -2, -1, 1, 2)), r.randint(*src.days))


def shift_day(day: str, p: Plan, width: int = 1) -> str:
    """A day of the month ("9", "05", "24th") shifted by the plan, its suffix and padding kept."""
    digits = day.rstrip("stndrh")
    new = int(digits) + p.days
    return str(new).zfill(max(width, len(digits) if digits[0] == "0" else 1)) + (
        ordinal(new) if digits != day else "")


def _shifted_date(m: re.Match[str], p: Plan) -> str:
    """The date in its own format, its years and days shifted by the plan."""
    days = {s - m.start() for s, _ in _day_spans(m)}
    width = 2 if len(m["m3"] or m["m5"] or "") == 2 else 1  # "2024-01-05", not "2017/4/20"

    def one(d: re.Match[str]) -> str:
        if len(d[1]) == 4:
            return str(int(d[1]) + p.years)
        return shift_day(d[0], p, width) if d.start() in days else d[0]  # not an ISO month

    return re.sub(r"(\d+)(?:st|nd|rd|th)?", one, m[0])


def _replacement(m: re.Match[str], src: Source, p: Plan) -> str:
    """What one match becomes under the plan (itself where the plan leaves it)."""
    if m["date"]:
        return _shifted_date(m, p) if find_dates(m[0]) else m[0]
    if m["ord"]:
        base = m["ord"].rstrip("stndrh")
        if base not in p.numbers or not ORD_NEXT.match(m.string, m.end()):
            return m[0]
        return p.numbers[base] + ordinal(int(p.numbers[base]))
    if m["year"]:
        return str(int(m[0]) + p.years)
    if m["num"]:
        return p.numbers.get(m[0], m[0])
    out = []
    for unit, style in src.keys[m[0]]:
        new = unit if style == "literal" else p.units[unit]
        out.append(new.upper() if style == "upper" else DEMONYMS[new] if style == "demonym" else new)
    return " ".join(out)


def vary(text: str, src: Source, p: Plan) -> tuple[str, Spans]:
    """The text under the plan, and where each replacement stands before and after."""
    out, spans, pos, shift = [], [], 0, 0
    for m in src.pattern.finditer(text):
        new = _replacement(m, src, p)
        if new != m[0]:
            out += [text[pos:m.start()], new]
            spans.append((m.start(), m.end(), m.start() + shift, m.start() + shift + len(new)))
            shift, pos = shift + len(new) - len(m[0]), m.end()
    return "".join(out) + text[pos:], spans
