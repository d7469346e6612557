"""Deterministic synthetic news corpus shaped like seeds/: Lingang visits, receptions, signing
ceremonies and conferences. Stdlib only, no global random state; every placed fact is remembered,
so questions() can name a gold article.   Usage: python bench/synth.py OUT_DIR N [--seed S]"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
import zlib
from pathlib import Path
from types import ModuleType


def _pool(text: str, sep: str = "|") -> list[str]:
    return [w.strip() for w in text.split(sep) if w.strip()]


FAMILY = _pool("Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo "
               "Liang Song Zheng Xie Han Tang Feng Yu Dong Xiao Cheng Cao Yuan Deng Fu Shen Zeng "
               "Peng Lu Su Jiang Cai Jia Ding Wei Xue Ye Yan Pan Du Dai Xia Zhong Tian Ren Fan "
               "Fang Shi Yao Tan Qian Bi Qu Zhai Sheng Weng Guan Gu Kong Mao", " ")
GIVEN = _pool("qian shen de qiang hong fei min chang jin hua wei jun ming yun qun zhi song guo kai "
              "ning ye tong ping biao wen bao xiao dong yi rui xin hao yu lei tao jie feng hui "
              "jing chun lan mei ying kang", " ")
CITIES = [(c, g.split()[0]) for g in _pool("Anhui Huainan Hefei Wuhu Bengbu Xuancheng Ma'anshan "
    "Anqing Chuzhou|Jiangsu Lianyungang Nantong Huai'an Suzhou Wuxi Changzhou Yancheng Yangzhou "
    "Zhenjiang Xuzhou Suqian Nanjing|Zhejiang Ningbo Shaoxing Huzhou Jiaxing Hangzhou Wenzhou "
    "Jinhua Quzhou Zhoushan Lishui Dongyang Yiwu|Jiangxi Nanchang Ganzhou Jiujiang Shangrao|Hubei "
    "Wuhan Yichang Xiangyang|Hunan Changsha Zhuzhou Yueyang|Henan Zhengzhou Luoyang|Shandong Jinan "
    "Qingdao Yantai Weifang Rizhao Zibo|Fujian Fuzhou Xiamen Quanzhou|Guangdong Guangzhou Shenzhen "
    "Dongguan Foshan Zhuhai|Sichuan Chengdu Mianyang Yibin|Shaanxi Xi'an Baoji|Shanxi Taiyuan "
    "Datong|Hebei Shijiazhuang Tangshan|Liaoning Shenyang Dalian|Jilin Changchun|Heilongjiang "
    "Harbin|Yunnan Kunming|Guizhou Guiyang|Hainan Haikou Sanya|Gansu "
    "Lanzhou|Qinghai Xining") for c in g.split()[1:]]
INDUSTRIES = _pool("integrated circuits|artificial intelligence|biomedicine|aerospace|new energy "
    "vehicles|robotics|intelligent manufacturing|new materials|marine equipment|hydrogen "
    "energy|big data|shipbuilding|cloud computing|medical devices|photovoltaics|energy "
    "storage|commercial aviation|blockchain|cross-border e-commerce|offshore finance|digital "
    "trade|green chemicals|industrial software|semiconductor equipment|smart logistics|cold-chain "
    "logistics|quantum information|life sciences|modern Chinese medicine|petrochemicals|equipment "
    "manufacturing|electronic information|autonomous driving|low-altitude economy|satellite "
    "internet|lithium batteries|cultural tourism|precision instruments|financial technology|5G "
    "communications")
ORGS = {
    "gov": _pool("{c} Municipal Party Committee|{c} Municipal People's Government|{c} Municipal "
        "Bureau of Commerce|{c} National High-tech Zone Management Committee|{c} Municipal "
        "Investment Service Center|{c} Economic and Technological Development Zone Management "
        "Committee|{c} Talent Work Office|{c} Municipal Science and Technology Bureau|{c} "
        "Municipal Development and Reform Commission|{c} Municipal Bureau of Industry and "
        "Information Technology|{c} Port and Logistics Office|{c} Comprehensive Bonded Zone "
        "Administration|{c} Investment Promotion Bureau|{c} State-owned Assets Supervision and "
        "Administration Commission|{P} Provincial Department of Commerce|{c} {I} Industrial Park "
        "Management Committee|{c} Free Trade Zone Administration|{P} Provincial Department of "
        "Science and Technology|{P} Provincial Development and Reform Commission|{c} Modern "
        "Service Industry Cluster Management Office"),
    "biz": _pool("{c} Urban Investment Group|{c} Industrial Investment Fund|{c} Institute of "
        "{I}|{b} Holdings Co., Ltd.|{c} {I} Industry Association|{P} {I} Innovation Alliance|{b} "
        "{I} Co., Ltd.|{b} {I} Technology Group|{b} Capital Management Co., Ltd.|{b} {I} Research "
        "Institute|{c} {b} {I} Co., Ltd.|{c} University of Science and Technology|{c} {I} "
        "Incubator|{b} Semiconductor Company|{b} Intelligent Equipment Co., Ltd.|{c} Technology "
        "Exchange|{c} Venture Incubation Group|{P} {I} Engineering Research Center|{b} "
        "International Trade Co., Ltd.|{b} Pharmaceutical Group"),
    "lg": _pool("Lingang Innovation Center|Shanghai Lingang Science and Innovation Center|Lingang "
        "Group|Lingang Special Area Management Committee|Lingang Innovation Center Overseas "
        "Affairs Department|Global Cross-border Technology Exchange Research Institute|Lingang "
        "Offshore Industry Incubation Base|Lingang {I} Industry Service Center|Lingang {b} {I} "
        "Park|Shanghai Lingang {I} Innovation Base|Lingang Science and Innovation Strategy "
        "Development Department|Lingang Special Area {I} Industry Fund|Dishui Lake {I} Innovation "
        "Hub|Lingang International Talent Service Center|Lingang Yangtze River Delta "
        "Sub-Center|Lingang Industry Cooperation Cluster Zone|Shanghai Lingang Economic "
        "Development (Group) Co., Ltd.|Lingang Science and Technology City|Lingang New Area "
        "Investment Service Center|Lingang {I} Public Service Platform"),
}
GOVW = ("Committee", "Commission", "Bureau", "Government", "Administration", "Office", "Department")
GOV_ROLES = _pool("Secretary|Deputy Secretary|Director|Deputy Director|Executive Deputy "
                  "Director|Secretary-General|Deputy Secretary-General|Director of the Investment "
                  "Promotion Division|Chief of the Foreign Affairs Office|Member of the Standing "
                  "Committee|Head of the Industrial Development Section")
BIZ_ROLES = _pool("General Manager|Deputy General Manager|Chairman|Vice Chairman|President|Vice "
                  "President|Dean|Vice Dean|Chief Engineer|Chief Financial Officer|Manager of "
                  "Strategy Development|Director of the Overseas Affairs Department|Chief "
                  "Economist")
AGREEMENTS = _pool("strategic cooperation agreement|framework agreement on industrial "
    "cooperation|memorandum of understanding on technology transfer|cooperation agreement on the "
    "joint construction of the {c} Sub-Center|agreement on {i} industry cooperation|talent "
    "cooperation agreement|cooperation agreement on the {c} {I} Industrial Park|investment "
    "agreement for the {i} project|agreement on cross-border technology trade "
    "cooperation|comprehensive agreement on technological innovation")
CONFS = _pool("{c} {I} Industry Investment Promotion Conference|Lingang Special Area {I} "
              "Innovation Conference|{c}-Lingang {I} Cooperation Forum|Yangtze River Delta {I} "
              "Development Summit|{P} and Lingang {I} Matchmaking Conference|Lingang {I} Talent "
              "Forum|{c} {I} Policy Briefing|Dishui Lake {I} Summit|China (Shanghai) Pilot Free "
              "Trade Zone {I} Forum|Lingang {I} Start-up Competition")
ORDW = _pool("first second third fourth fifth sixth seventh eighth ninth tenth", " ")
MONTHS = _pool("January February March April May June July August September October November "
               "December", " ")
OPENERS = _pool("{R} said that|{R} pointed out that|{R} emphasized that|{R} stressed that|{R} "
                "noted that|Both parties believe that|The two sides agreed that|It was noted at "
                "the meeting that|Participants agreed that|According to {R},|In the "
                "view of {R},") + [""] * 6
LEADS = _pool("{S} gave an overview of {so} and its strategic concept.|{S} expressed gratitude to "
              "{oo} for its long-term care and support.|{S} introduced the economic and social "
              "development of {c} in detail.|{S} gave a detailed introduction to the {i} "
              "industry.|{S} said that the exchange was of great significance to both sides.|{S} "
              "briefed the participants on the latest policies of {so}.")
SUBJECTS = _pool("the two sides|both parties|{L}|the Lingang Special Area|the two places")
# "<subject> will <predicate>": any subject fits any predicate
PREDICATES = _pool("strengthen the cross-regional layout of the {i} industry chain|jointly hold "
    "investment promotion activities and policy briefings on {i}|form a special work class to "
    "promote planning and implementation|set up a joint working group to follow up on key projects "
    "in {i} and {i2}|establish a regular contact mechanism to guarantee the implementation of "
    "projects|open up more financing channels for enterprises engaged in {i}|build a public "
    "service platform for {i2} testing and certification|give full play to complementary "
    "advantages and achieve win-win cooperation|explore the model of “research and development in "
    "Shanghai, manufacturing in {c}”|continue to deepen reform and open up to the outside world at "
    "a higher level|make full use of the advantages of {c} in {i}|provide incubation, acceleration "
    "and industrialization services for {i} start-ups|attract leading {i} enterprises and "
    "cultivate “specialized, special and new” firms|send a team to carry out further research on "
    "{i} in the near future|work together to promote the “carbon peak” and “carbon neutral” "
    "goals|strengthen cooperation in technology innovation, finance and overseas resources|act as "
    "a bridge between overseas innovation resources and local industries|accelerate urban renewal "
    "to drive functional transformation and industry upgrading|provide the best service for {i2} "
    "enterprises|build sub-centers and dual innovation demonstration bases as soon as "
    "possible|promote the free flow of talent, capital and technology between Shanghai and "
    "{c}|support enterprises in setting up R&D centers for {i}|help {i} enterprises in {P} "
    "Province connect with innovation resources in Shanghai|focus on the upstream and downstream "
    "of the {i} industry chain")
STATEMENTS = _pool("""
the two parties have a solid foundation for cooperation and share a common direction and goal
{c} is eager to establish strategic cooperation with Shanghai, the leader in the Yangtze River Delta
the road of cooperation in the future will definitely get better
local policies on land, taxation and talent will be the main considerations for cooperation
technological innovation will inevitably be the core driving force for the development of {c}
the “dual circulation” pattern has created new opportunities for {i} enterprises in {P} Province
{c} has convenient transportation, rich land resources and complete living facilities
the exchange has deepened mutual understanding and laid a good foundation for the next stage
the {i} industry in {c} has a large opportunity for cooperation with Lingang
the institutional innovation of the Lingang Special Area is of great reference value for {c}
the new projects will play a role of “head economy” and become a link between China and the world
profound adjustments in the global supply chain bring both challenges and opportunities
international cooperation in {i2} will be an important direction of future exchanges
many leading enterprises in {i} have already expressed their interest in settling in {c}
the innovation ecosystem of the Lingang area has attracted many start-ups in {i} and {i2}
government departments must build a good platform and provide good services for enterprises
enterprises must strive to be the protagonist and release the vitality of innovation""", "\n")


def _ord(d: int) -> str:
    return "th" if 10 < d < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def _join(xs: list[str]) -> str:
    comma = "," * (len(xs) > 2 or "," in xs[0])  # "A, Director of X, and B, ..." as in the seeds
    return xs[0] if len(xs) < 2 else f"{', '.join(xs[:-1])}{comma} and {xs[-1]}"


def _q(kind: str, question: str, answer: str, facts: list[str]) -> dict:
    return {"kind": kind, "question": question, "answer": answer, "facts": facts}


class _Art:
    """One article: its random stream, cast of people and vocabulary."""

    def __init__(self, r: random.Random, seed: int):
        self.r, self.seed, self.names, self.pool = r, seed, set(), []
        (self.c, self.P), self.inds = r.choice(CITIES), r.sample(INDUSTRIES, 4)
        self.west, self.lg = r.random() < 0.6, self.org("lg")
        self.slots = {"c": self.c, "P": self.P, "i": self.inds[0], "i2": self.inds[1], "L": self.lg}

    def org(self, kind: str) -> str:
        r, b = self.r, self.r.choice(GIVEN).capitalize() + self.r.choice(GIVEN)
        ind = r.choice(self.inds[:2]).title()
        return r.choice(ORGS[kind]).format(c=self.c, P=self.P, I=ind, b=b)

    def person(self, org: str) -> dict:
        r, name = self.r, ""
        while not name or name in self.names:
            fam, giv = r.choice(FAMILY), r.choice(GIVEN).capitalize() + r.choice(GIVEN + [""] * 20)
            name = f"{giv} {fam}" if self.west else f"{fam} {giv}"
        self.names.add(name)
        role = r.choice(GOV_ROLES if any(w in org for w in GOVW) else BIZ_ROLES)
        return {"name": name, "role": role, "org": org, "desc": f"{name}, {role} of {org}",
                "ref": name if " of " in role else f"{role} {name}",
                "short": f"{r.choice(('Mr.', 'Ms.'))} {fam}"}

    def date(self) -> str:
        r, d = self.r, self.r.randint(1, 28)
        s = f"{r.choice(MONTHS)} {d}{_ord(d) if r.random() < 0.6 else ''}"
        return s + (f", {r.randint(2018, 2024)}" if r.random() < 0.4 else "")

    def tod(self) -> str:
        return self.r.choice(("", "", "the morning of ", "the afternoon of "))

    def filler(self, who: dict) -> tuple[str, bool]:
        r = self.r
        if not self.pool:
            self.pool = STATEMENTS + [f"{r.choice(SUBJECTS)} will {p}" for p in PREDICATES]
            r.shuffle(self.pool)
        op, s = r.choice(OPENERS).format(R=r.choice((who["ref"], who["short"]))), self.pool.pop()
        if op[:4] in ("Both", "The ") and s.startswith(("the two sides", "both parties")):
            s = "they" + s[12 + s.startswith("the"):]
        s = f"{op} {s}".strip().format(**self.slots)
        return s[0].upper() + s[1:] + ".", True

    def background(self, org: str) -> list[str]:  # numbers stay the same for a city/org everywhere
        c, seed = self.c, self.seed
        s = lambda k, lo, hi: lo + zlib.crc32(f"{seed}|{k}".encode()) % (hi - lo + 1)
        city = (f"{c} is located in {self.P} Province and enjoys convenient transportation. Rich "
                f"in human resources, {c} has {s(c, 3, 40)} colleges and universities and "
                f"{s(c + 'r', 5, 90)} research institutes.")
        est = (f"{org} was established in {s(org, 1992, 2019)} and has gathered more than "
               f"{s(org + 'e', 2, 180) * 100:,} enterprises.")
        return [city, est]


# A builder returns (key, opening sentences, fact sentences, closing sentence, caption, questions,
# speakers). The key (main visitor + date, agreement, or conference) is unique in a corpus.
def _visit(a: _Art):
    r, c, lg, date = a.r, a.c, a.lg, a.date()
    out = r.random() < 0.55  # a Lingang delegation visits the city, or a city delegation Lingang
    vorg, horg = (lg, a.org("gov")) if out else (a.org(r.choice(("gov", "biz"))), lg)
    vk, hk = ("lg", "gov") if out else ("gov", "lg")
    vs = [a.person(vorg)] + [a.person(a.org(vk)) for _ in range(r.randint(0, 3))]
    hs = [a.person(horg)] + [a.person(a.org(hk)) for _ in range(r.randint(0, 3))]
    v, h, dv, dh = vs[0], hs[0], _join([x["desc"] for x in vs]), _join([x["desc"] for x in hs])
    where, verb = (c, r.choice(("visited", "paid a working visit to"))) if out else (lg, "visited")
    inv = f"at the invitation of {horg}, " if out else ""
    op = [f"On {a.tod()}{date}, {inv}{dv} {verb} {where}.", f"They were received by {dh}." if out
          else f"{dh} received the visiting parties."]
    topic = r.choice((f"the construction of the Lingang Innovation {c} Sub-Center",
                      f"talent exchange and investment promotion between {c} and Lingang",
                      f"cooperation in {_join(a.inds[:2])}"))
    op.append(f"The two parties conducted in-depth exchanges on {topic}.")
    sp = [f"{h['ref']}, on behalf of {horg}, extended a warm welcome to {v['ref']} and the team.",
          f"{(h if out else v)['ref']} said that the main industries of {c} are {_join(a.inds)}.",
          *a.background(lg)]
    close = r.choice((f"After the meeting, both parties visited the exhibition hall of {horg}.",
                      f"{h['ref']} invited {v['ref']} to a {a.inds[2]} policy briefing next year.",
                      ("Through this exchange, the two parties have gained a better understanding "
                       "of each other and reached many consensuses.")))
    who = f"{v['name']}, {v['role']} of {vorg},"
    what = "city" if out else "Lingang organisation"
    qs = [_q("visit", f"Which {what} did {who} visit on {date}?", where, [v["desc"], date, where]),
          _q("reception", f"Who received {who} {'in' if out else 'at'} {where} on {date}?",
             h["name"], [h["desc"], v["desc"], where, date])]
    cap = f"{v['ref']} and the delegation visit {c}" if out else f"Leaders from {vorg} visited {lg}"
    return ("v", v["name"], vorg, date), op, sp, close, cap, qs, hs[:2] + vs[:2]


def _signing(a: _Art):
    r, i = a.r, a.inds
    A, B, date = a.org("gov"), (a.lg if r.random() < 0.7 else a.org("biz")), a.date()
    between = r.choice(AGREEMENTS).format(c=a.c, i=i[0], I=i[0].title()) + f" between {A} and {B}"
    pa, pb = [a.person(A) for _ in range(4)], [a.person(B) for _ in range(3)]
    where = r.choice(("", f" in {a.c}", " in the Lingang Special Area"))
    yuan = f"{r.randint(5, 950) / 10} billion yuan"
    money = f"{r.randint(3, 60)} projects with a total investment of {yuan}"
    op = [f"On {date}, the signing ceremony of the {between} was held{where}.",
          f"{_join([pa[0]['desc'], pb[0]['desc']])} attended the ceremony and delivered speeches.",
          f"{_join([pa[1]['desc'], pb[1]['desc']])} signed the agreement on behalf of both sides.",
          f"{pa[2]['desc']}, presided over the signing ceremony."]
    sp = [f"A total of {money} were signed, covering {_join(i[:3])}.", *a.background(B)]
    close = f"Also attending the signing ceremony were {_join([pb[2]['desc'], pa[3]['desc']])}."
    qs = [_q("signing_date", f"When was the signing ceremony of the {between} held?", date,
             [between, date]),
          _q("signatory", f"Who signed the {between} on behalf of {A}?", pa[1]["name"],
             [pa[1]["desc"], between]),
          _q("investment", f"What total investment was signed at the ceremony of the {between}?",
             yuan, [money, between])]
    return (("s", between), op, sp, close, f"The signing ceremony between {A} and {B} was held",
            qs, [pa[0], pb[0], pa[2]])


def _conference(a: _Art):
    r, c, i = a.r, a.c, a.inds
    full = f"{r.choice(ORDW)} " + r.choice(CONFS).format(c=c, P=a.P, I=i[0].title())
    date, where = a.date(), r.choice((f"at {a.lg}", f"in {c}", "in the Lingang Special Area"))
    k0, k1, k2 = a.person(a.org("gov")), a.person(a.org("biz")), a.person(a.lg)
    op = [f"On {a.tod()}{date}, the {full} was held {where}.",
          f"The conference reviewed the {i[0]} industry and set work goals for the coming year.",
          f"{k0['desc']}, attended the meeting and delivered a speech."]
    many = f"{r.choice(('nearly', 'more than', 'about'))} {r.randint(3, 60) * 100:,} people"
    sv = f"{r.randint(8, 160)} video sub-venues"
    att = f"{many} from towns, parks and enterprises related to {i[0]} attended simultaneously"
    sp = [f"At the meeting, {k1['desc']}, and {k2['desc']}, made speeches on {i[1]} and {i[2]}.",
          f"The conference also set up {sv}, and {att}.", a.background(a.lg)[1]]
    close = (f"Representatives of {a.org('gov')}, {a.org('biz')} and {a.org('lg')}, as well as "
             "heads of universities and research institutes, attended the meeting.")
    qs = [_q("attendance", f"How many people attended the {full} held on {date}?", many,
             [full, date, many]),
          _q("sub_venues", f"How many video sub-venues did the {full} set up?", sv, [full, sv]),
          _q("speaker", f"Who attended the {full} on behalf of {k0['org']} and delivered a speech?",
             k0["name"], [k0["desc"], full])]
    return ("c", full), op, sp, close, f"The {full} was held", qs, [k0, k1, k2]


def _render(a: _Art, paras: list, style: str, cap: str, caps_after: set) -> str:
    body = [" ".join(s for s, _ in p).replace("Ltd..", "Ltd.") for p in paras]
    if style == "plain":  # like seed 003: no captions, single newlines
        return "\n".join(body)
    w, out = cap.split(), []
    if style == "head":  # like seed 004: date line, a two-line heading, plain photo captions
        out = [a.pubdate, " ".join(w[: len(w) // 2]), " ".join(w[len(w) // 2:])]
    photos = [f"The delegation pose for a group photo at {a.lg}",
              f"The two parties hold talks in {a.c}"]
    for k, b in enumerate(body):
        out.append(b)
        if k in caps_after and k < len(body) - 1:
            out.append(f"{cap}-SHLINGANGIC" if style == "cap" else photos[k % 2])
    return "\n\n".join(out + ([f"Executive Editor: {a.editor}"] if style == "head" else []))


def _article(seed: int, i: int, used: set) -> tuple[str, list[dict]]:
    r = random.Random(f"{seed}:{i}")
    for _ in range(50):  # retry until the article's identifying fact is new to the corpus
        a = _Art(r, seed)
        key, op, sp, close, cap, qs, who = r.choice((_visit,) * 11 + (_signing,) * 5
                                                    + (_conference,) * 4)(a)
        if key not in used:
            break
    used.add(key)
    style, p, d = r.choice(("cap",) * 14 + ("head", "plain") * 3), r.randint(3, 7), r.randint(1, 28)
    a.pubdate = f"{r.choice(MONTHS)} {d}{_ord(d)}, {r.randint(2018, 2024)}"
    a.editor = a.person("")["name"]
    paras = [[(s, False) for s in op]] + [[] for _ in range(p - 2)] + [[(close, False)]]
    for j, s in enumerate(sp):
        paras[1 + j % (p - 2)].append((s, False))
    for j, lead in enumerate(r.sample(LEADS, p - 2), 1):
        s, o = who[j % len(who)], who[(j + 1) % len(who)]
        lead = lead.format(S=s["ref"], so=s["org"], oo=o["org"], c=a.c, i=a.inds[j % 4])
        paras[j].append((lead, False))
    caps_after = {0} | set(r.sample(range(1, p - 1), min(p - 2, r.randint(0, 2))))
    target = r.randint(2300, min(5600, 1400 + 900 * p))
    total = len(_render(a, paras, style, cap, caps_after))
    size = [sum(len(s) for s, _ in q) + 300 * (k in (0, p - 1)) for k, q in enumerate(paras)]
    while total < target:  # grow the shortest paragraph (first/last ones less) with speech
        j = size.index(min(size))
        s = a.filler(who[j % len(who)])
        paras[j].insert(len(paras[j]) - (j == p - 1), s)  # the closing sentence stays last
        size[j], total = size[j] + len(s[0]), total + len(s[0]) + 1
    while len(text := _render(a, paras, style, cap, caps_after)) > 6000:
        j = max(range(p), key=lambda k: sum(len(s) for s, rm in paras[k] if rm))
        if not any(rm for _, rm in paras[j]):
            break
        paras[j].pop(max(k for k, (_, rm) in enumerate(paras[j]) if rm))
    r.shuffle(qs)
    return text, qs


def _build(n: int, seed: int) -> list[tuple[str, str, list[dict]]]:
    used: set = set()
    arts = [(f"syn_{i:06d}", *_article(seed, i, used)) for i in range(n)]
    return [(aid, text, [dict(q, gold_article=aid) for q in qs]) for aid, text, qs in arts]


def generate(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """[(article_id, text)]; generate(m, s) is a prefix of generate(n, s) for m <= n."""
    return [(aid, text) for aid, text, _ in _build(n, seed)]


def write_corpus(dir: Path, n: int, seed: int = 0, include_seeds: Path | None = None,
                 articles: list[tuple[str, str]] | None = None) -> int:
    """generate(n, seed) (or `articles`) as files named by id, and copies of the real articles in
    include_seeds; how many files."""
    Path(dir).mkdir(parents=True, exist_ok=True)
    for aid, text in generate(n, seed) if articles is None else articles:
        (Path(dir) / f"{aid}.txt").write_bytes(text.encode("utf-8"))
    seeds = sorted(Path(include_seeds).glob("*.txt")) if include_seeds else []
    for f in seeds:
        shutil.copyfile(f, Path(dir) / f.name)
    return n + len(seeds)


def questions(n: int, seed: int = 0, corpus_n: int | None = None) -> list[dict]:
    """n dicts {question, gold_article, answer, facts, kind} about generate(corpus_n or n, seed);
    the answer and every string in facts occur verbatim in the gold article. Each article yields
    2-3 questions: first one from every article (shuffled), then second ones, and so on."""
    arts = _build(corpus_n or n, seed)
    order = random.Random(f"questions:{seed}").sample(range(len(arts)), len(arts))
    qs = [arts[k][2][rnd] for rnd in range(3) for k in order if rnd < len(arts[k][2])]
    if n > len(qs):
        raise ValueError(f"a corpus of {len(arts)} articles yields only {len(qs)} questions")
    return qs[:n]


def main(argv: list[str] | None = None, corpus: ModuleType | None = None) -> int:
    """The command line of this corpus, or of another module with the same write_corpus and
    questions (bench/varied.py)."""
    corpus = corpus or sys.modules[__name__]
    ap = argparse.ArgumentParser(description=corpus.__doc__)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--include-seeds", type=Path, help="also copy these real articles (*.txt)")
    ap.add_argument("--questions", type=Path, help="also write N/10 questions here (JSONL)")
    args, t0 = ap.parse_args(argv), time.perf_counter()
    count = corpus.write_corpus(args.out_dir, args.n, args.seed, args.include_seeds)
    if args.questions:
        qs = corpus.questions(max(1, args.n // 10), args.seed, corpus_n=args.n)
        args.questions.write_text("".join(json.dumps(q) + "\n" for q in qs), encoding="utf-8")
    print(f"wrote {count} files to {args.out_dir} in {time.perf_counter() - t0:.2f}s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
