"""A catalog gold for bench/synth.py articles: the generator records whom, with which title and
side, and which date it wrote, so extraction can be scored on many articles."""

from __future__ import annotations

import calendar
import importlib.util
import re
from pathlib import Path
from typing import Any

from assistant.corpus.articles import fingerprint, parse_article
from assistant.records import Article

ROOT = Path(__file__).resolve().parents[1]
_DATE = re.compile(r"(?P<month>[A-Z][a-z]+) (?P<day>\d+)(?:st|nd|rd|th)?(?:, (?P<year>\d{4}))?$")


def _synth() -> Any:
    spec = importlib.util.spec_from_file_location("synth_for_gold", ROOT / "bench" / "synth.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _date(text: str) -> dict[str, int | None]:
    m = _DATE.match(text)
    assert m, text
    month = list(calendar.month_name).index(m["month"])
    return {"month": month, "day": int(m["day"]), "year": int(m["year"]) if m["year"] else None}


def synthetic_gold(n: int, seed: int = 0) -> tuple[list[Article], dict[str, dict[str, Any]]]:
    """n synthetic articles and their gold in the schema of tests/data/catalog_gold.json."""
    synth = _synth()  # a private copy: recording never touches the module other tests use
    seen: dict[str, Any] = {}

    class Recording(synth._Art):  # type: ignore[name-defined,misc]
        def __init__(self, r: Any, s: int) -> None:
            super().__init__(r, s)
            self.people: list[dict[str, str]] = []
            self.dates: list[str] = []

        def person(self, org: str) -> dict[str, str]:
            p = super().person(org)
            self.people.append(p)
            return p

        def date(self) -> str:
            d = super().date()
            self.dates.append(d)
            return d

    def recorded(builder: Any, kind: str) -> Any:
        def run(a: Any) -> Any:
            out = builder(a)
            seen.update(art=a, kind=kind, opening=out[1])
            return out
        return run

    synth._Art = Recording
    for name, kind in (("_visit", "visit"), ("_signing", "signing"), ("_conference", "conference")):
        setattr(synth, name, recorded(getattr(synth, name), kind))
    articles, gold, used = [], {}, set()
    for i in range(n):
        text, _ = synth._article(seed, i, used)
        aid = f"syn_{i:06d}"
        article = parse_article(aid, text, f"{aid}.txt", fingerprint(text.encode()))
        articles.append(article)
        gold[aid] = _gold(article, seen["art"], seen["kind"], seen["opening"])
    return articles, gold


def _gold(article: Article, art: Any, kind: str, opening: list[str]) -> dict[str, Any]:
    people = []
    for p in art.people:
        if not p["org"] or p["name"] not in article.body:
            continue  # the byline editor, or a person the retries discarded
        side = "other"
        if kind == "visit":
            side = "visiting" if p["desc"] in opening[0] else \
                "receiving" if p["desc"] in opening[1] else "other"
        people.append({"name": p["name"], "aliases": [p["ref"], p["short"]],
                       "titles": [f"{p['role']} of {p['org']}"], "organisation": p["org"],
                       "side": side})
    return {"date": _date(art.dates[0]), "kind": kind, "places": [], "people": people,
            "organisations": [], "outcomes": []}
