"""The Briefing view's work per click over many cards: the "Cards at 10,000" table of
bench/RESULTS-0.3-10k.md. The seed articles' event cards (extracted as ingest does) are copied under
new article ids until there are --cards of them (every person then recurs in thousands of
articles: the directory's worst case). CPU ms of this process, median of --repeats.

    python bench/view_pages.py [--cards 10000] [--repeats 5] [--json out.json]

Measured: `View.show` as the tab runs it (the filters, the listing, the first page of both tables,
the summary) unfiltered with the people directory cached (the Assistant builds it once per store
version) and cold (the first click after an ingest), and with a place filter; a page turn, a
server-side sort of each table, and the whole tables the view built before it paged. The visual
timeline (catalog/chart.py) over the same number of cards with dates of their own (`spread`: the
copies' five dates would merge into a handful of marks): `build_chart` + `chart_svg`, and the PNG
of the Word export.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from clock import timed

from assistant.app.config import quiet_environment

ROOT = Path(__file__).resolve().parent.parent
ANY = ("", "", "", "", "")
DEFAULT_SORTS = ("Date ↑", "Name ↑")


@dataclass
class Cards:
    """What `View` asks of the Assistant: every card, and the directory cached per version."""

    every: list[Any]
    page_rows: int
    people: list[Any] | None = None

    @property
    def settings(self) -> Any:
        return SimpleNamespace(briefing_page_rows=self.page_rows)

    def cards(self) -> list[Any]:
        return self.every

    def directory(self) -> list[Any]:
        from assistant.catalog.cards import directory

        if self.people is None:
            self.people = directory(self.every)
        return self.people


# filters people may type (from, to, place, person, organisation): broad, long, odd
EVERY = "a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 "
TYPED = [("", "", "", "a " * 100, ""), ("", "", "", EVERY * 2, ""), ("", "", "", "a", ""),
         ("", "", "a", "a", ""), ("2020-01", "2020-06", "u", "i", "o"),
         ("March", "", "", "", ""), ("", "", "h" * 200, "", "g" * 200),
         ("", "", "", "x" * 100_000, ""), ("", "", "", "Lin1 Qu", "")]


def seed_cards() -> list[Any]:
    """The event cards of the seed articles, extracted as ingest extracts them."""
    from assistant.catalog.extract import extract
    from assistant.corpus.articles import load_articles
    from assistant.text.nlp import NLP

    articles, _ = load_articles(ROOT / "seeds", 2_000_000)
    nlp = NLP.load()
    return [extract(a, ents, nlp) for a, ents in zip(articles, nlp.annotate(a.body for a in articles))]


def copies(cards: list[Any], n: int) -> list[Any]:
    """n cards: the given ones again and again, each copy under its own article id."""
    return [replace(cards[i % len(cards)], article_id=f"{i:05d}_{cards[i % len(cards)].article_id}")
            for i in range(n)]


def spread(cards: list[Any], seed: int = 20) -> list[Any]:
    """The cards with dates of their own, as a catalog of many articles has them: most across
    2012-2024, some with a month and day but no year, a few with no date."""
    from assistant.records import Date

    rng = random.Random(seed)

    def date() -> Any:
        r = rng.random()
        if r < 0.8:
            return Date(2012 + rng.randrange(13), rng.randrange(1, 13), rng.randrange(1, 29))
        return Date(None, rng.randrange(1, 13), rng.randrange(1, 29)) if r < 0.97 else None

    return [replace(c, date=date(), published=None) for c in cards]


def cpu_ms(step: Any, repeats: int, before: Any = None) -> tuple[float, Any]:
    """Median CPU ms of `step` (after `before`, untimed, each time) and its last result."""
    took, got = [], None
    for _ in range(repeats):
        if before:
            before()
        got, t = timed(step)
        took.append(t.cpu * 1000)
    return statistics.median(took), got


def measure(cards: list[Any], repeats: int, page_rows: int = 50) -> dict[str, Any]:
    """Each step's median CPU ms, and what the listings held."""
    from assistant.catalog.cards import Filters, directory, timeline
    from assistant.catalog.rows import people_table, timeline_table
    from assistant.web.briefing import View
    from assistant.web.downloads import Packs

    source = Cards(cards, page_rows)
    view = View(source, Packs(Path(".")))  # type: ignore[arg-type]
    out: dict[str, Any] = {"cards": len(cards), "people": len(source.directory()),
                           "repeats": repeats, "page_rows": page_rows}

    def show(*filters: str) -> Any:
        return view.show(*filters, False, *DEFAULT_SORTS)

    show(*ANY)  # gradio imported, the directory warm: the state after this version's first click
    out["show_cached_ms"], got = cpu_ms(lambda: show(*ANY), repeats)
    out["summary"] = got[2]
    listing = got[-1]
    out["show_cold_ms"], _ = cpu_ms(lambda: show(*ANY), repeats,
                                    before=lambda: setattr(source, "people", None))
    out["show_place_ms"], got = cpu_ms(lambda: show("", "", "Huainan", "", ""), repeats)
    out["place_summary"] = got[2]
    out["page_turn_ms"], _ = cpu_ms(lambda: view.turner("timeline", 1)(1, listing), repeats)
    out["sort_timeline_ms"], _ = cpu_ms(lambda: view.sorter("timeline")("Place ↑", listing),
                                        repeats)
    out["sort_people_ms"], _ = cpu_ms(lambda: view.sorter("people")("Events ↓", listing),
                                      repeats)

    typed = [cpu_ms(lambda f=f: show(*f), repeats)[0] for f in TYPED]  # type: ignore[misc]
    out["show_typed_ms"] = max(typed)  # the slowest of the odd filters people may type

    def whole() -> Any:  # what View.show built before the view paged
        chosen = timeline(cards, Filters())
        return timeline_table(chosen), people_table(directory(cards, Filters()), chosen)

    out["whole_tables_ms"], (rows, people) = cpu_ms(whole, repeats)
    out["whole_rows"] = [len(rows), len(people)]
    out.update(measure_chart(cards, repeats))
    return out


def measure_chart(cards: list[Any], repeats: int) -> dict[str, Any]:
    """The visual timeline of the cards with spread dates, numbered in time order as the web
    passes them: build + SVG, and the PNG; how many marks and how large the SVG."""
    from assistant.catalog.cards import Filters, timeline
    from assistant.catalog.chart import build_chart, chart_png, chart_svg

    numbered = list(enumerate(timeline(spread(cards), Filters()), 1))
    out: dict[str, Any] = {}
    out["chart_svg_ms"], svg = cpu_ms(lambda: chart_svg(build_chart(numbered)), repeats)
    chart = build_chart(numbered)
    out["chart_marks"] = len(chart.dated) + len(chart.undated)
    out["chart_svg_kb"] = round(len(svg.encode()) / 1000)
    out["chart_png_ms"], png = cpu_ms(lambda: chart_png(chart), repeats)
    out["chart_png_kb"] = round(len(png) / 1000)
    from assistant.catalog.counterparts import counterparts, counterparts_html

    out["counterparts_ms"], _ = cpu_ms(lambda: counterparts_html(counterparts(numbered)), repeats)
    return out


def table(m: dict[str, Any]) -> str:
    """Rows for the "Cards at 10,000" table (step | before the catalog fixes | after): the paged
    view did not exist before them."""
    place = m["place_summary"].split(" (")[0]
    rows = [
        ("paged `View.show`, no filter, people directory cached (the Assistant's, per store "
         "version): filter, listing, first " + f"{m['page_rows']} rows of both tables",
         "show_cached"),
        ("paged `View.show`, no filter, directory cold (the first click after an ingest)",
         "show_cold"),
        (f"paged `View.show`, place filter “Huainan” ({place})", "show_place"),
        (f"paged `View.show`, the slowest of {len(TYPED)} typed filters (broad, long, "
         + "100,000 characters: refused)", "show_typed"),
        ("paged view: the next page of the timeline", "page_turn"),
        (f"paged view: sort the whole timeline by Place ({m['cards']:,} cards), first page",
         "sort_timeline"),
        (f"paged view: sort the directory by Events ({m['people']:,} people), first page",
         "sort_people"),
        ("both whole tables, as `View.show` built them before it paged, same run " +
         f"({m['whole_rows'][0]:,} / {m['whole_rows'][1]:,} rows)", "whole_tables"),
        (f"visual timeline: `build_chart` + `chart_svg`, {m['cards']:,} cards, dates spread " +
         f"over 13 years ({m['chart_marks']} marks, {m['chart_svg_kb']} kB)", "chart_svg"),
        (f"visual timeline: `chart_png` for the Word export, 1600 px ({m['chart_png_kb']} kB)",
         "chart_png"),
        (f"who met whom: `counterparts` + `counterparts_html`, {m['cards']:,} cards",
         "counterparts"),
    ]
    return "\n".join(f"| {label} | - | {m[key + '_ms']:,.{1 if m[key + '_ms'] < 10 else 0}f} |"
                     for label, key in rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--cards", type=int, default=10_000)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--json", type=Path, help="also write the measurements here")
    args = p.parse_args(argv)
    quiet_environment()
    seeds = seed_cards()
    got = measure(copies(seeds, args.cards), args.repeats)
    got["seed_cards"] = len(seeds)
    if args.json:
        args.json.write_text(json.dumps(got, indent=1))
    print(json.dumps(got, ensure_ascii=False))
    print(table(got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
