"""`assistant eval --catalog`: precision and recall of the event cards against a hand-labelled gold.

Gold (tests/data/catalog_gold.json), per article id: date {month, day, year}, kind, places,
people [{name, aliases, titles, organisation, side}], organisations, outcomes. Matching rules:
people by nlp.person_key against the gold name and aliases (any form the card wrote); titles,
places and organisations by equal text after case folding and whitespace normalisation; dates
exactly (an unstated year must stay unknown); titles and sides are scored on matched people, the
gold's titles and sides of people the card missed count as missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from assistant.catalog.cards import EventCard, Person
from assistant.text.nlp import person_key

FIELDS = ("people", "titles", "dates", "sides", "places", "organisations", "kinds")
DEFAULT_GOLD = Path("tests/data/catalog_gold.json")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


class Tally:
    """True positives, predictions and gold items of one field."""

    def __init__(self) -> None:
        self.hit_pred = self.hit_gold = self.pred = self.gold = 0

    def add_sets(self, predicted: Iterable[str], gold: Iterable[str]) -> None:
        p, g = {_norm(x) for x in predicted}, {_norm(x) for x in gold}
        self.add(len(p & g), len(p), len(g))

    def add(self, hits: int, pred: int, gold: int, gold_hits: int | None = None) -> None:
        self.hit_pred += hits
        self.hit_gold += hits if gold_hits is None else gold_hits
        self.pred += pred
        self.gold += gold

    def to_dict(self) -> dict[str, Any]:
        prec = self.hit_pred / self.pred if self.pred else None
        rec = self.hit_gold / self.gold if self.gold else None
        return {"precision": prec, "recall": rec, "predicted": self.pred, "gold": self.gold}


def _keys(entry: dict[str, Any]) -> set[str]:
    return {person_key(n) for n in [entry["name"], *entry.get("aliases", [])]}


def _match(people: list[Person], gold: list[dict[str, Any]]) -> list[tuple[Person, dict[str, Any]]]:
    """Each card person paired with the first unpaired gold person sharing a name form."""
    pairs, free = [], list(gold)
    for p in people:
        forms = {person_key(m.text) for m in [p.name, *p.mentions]}
        hit = next((g for g in free if forms & _keys(g)), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((p, hit))
    return pairs


def score_card(card: EventCard | None, gold: dict[str, Any], t: dict[str, Tally]) -> None:
    """Add one article's counts to the tallies."""
    people = card.people if card else []
    pairs = _match(people, gold["people"])
    t["people"].add(len(pairs), len(people), len(gold["people"]))
    for p, g in pairs:
        t["titles"].add_sets([s.text for s in p.titles], g["titles"])
    paired = {id(x) for x, _ in pairs} | {id(y) for _, y in pairs}
    t["titles"].add(0, sum(len(p.titles) for p in people if id(p) not in paired),
                    sum(len(g["titles"]) for g in gold["people"] if id(g) not in paired))
    sided = [(p, g) for p, g in pairs if g["side"] in ("visiting", "receiving")]
    hits = sum(p.side == g["side"] for p, g in sided)
    t["sides"].add(hits, sum(p.side != "other" for p, _ in pairs), sum(
        g["side"] in ("visiting", "receiving") for g in gold["people"]))
    want = gold.get("date")
    got = card.date if card else None
    same = bool(want and got and (got.year, got.month, got.day) ==
                (want.get("year"), want.get("month"), want.get("day")))
    t["dates"].add(int(same), int(got is not None), int(bool(want)))
    t["places"].add_sets([s.text for s in card.places] if card else [], gold.get("places", []))
    t["organisations"].add_sets([s.text for s in card.organisations] if card else [],
                                gold.get("organisations", []))
    kind = (gold.get("kind") or "").split("/")[0].split()[0] if gold.get("kind") else ""
    t["kinds"].add(int(bool(card and card.kind and kind.startswith(card.kind))),
                   int(bool(card and card.kind)), int(bool(kind)))


def score(cards: list[EventCard], gold: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Precision and recall per field over the gold's articles (a missing card scores nothing)."""
    by_id = {c.article_id: c for c in cards}
    tallies = {f: Tally() for f in FIELDS}
    for article_id, entry in gold.items():
        score_card(by_id.get(article_id), entry, tallies)
    return {f: t.to_dict() for f, t in tallies.items()}


def render(report: dict[str, dict[str, Any]]) -> str:
    """One line per field."""
    def fmt(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}"
    lines = [f"{'field':<14} precision recall predicted gold"]
    for name, r in report.items():
        lines.append(f"{name:<14} {fmt(r['precision']):>9} {fmt(r['recall']):>6} "
                     f"{r['predicted']:>9} {r['gold']:>4}")
    return "\n".join(lines)


def main(cards: list[EventCard], args: argparse.Namespace, out: TextIO | None = None) -> int:
    """`assistant eval --catalog [GOLD]`: score the stored cards; 1 when the gold is unreadable."""
    path = args.files[0] if args.files else DEFAULT_GOLD
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read the catalog gold {path}: {exc}") from exc
    report = score(cards, gold)
    text = json.dumps(report, indent=2) if args.json else render(report)
    print(text, file=out or sys.stdout)
    return 0
