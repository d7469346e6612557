"""The event cards' share of bench/RESULTS.md (issue 12): what the cards cost in the store, how long
the overview questions (timeline, date filter, list) take through `Assistant.ask`, and how long the
Briefing view takes to build its tables over every card."""

from __future__ import annotations

from typing import Any

import report  # report imports this module too: its names are read at call time

OVERVIEW_TARGET = (10_000, 200.0)  # timeline / list question p50, ms
MB = 1024 * 1024


def pct(values: list[float], q: float) -> float:
    return report.pct(values, q)


def verdict(measured: float, target: float) -> str:
    return report.verdict(measured, target)


def targets(sizes: dict[int, dict[str, Any]]) -> list[str]:
    """Target rows: each overview question's p50 at 10,000 articles; the view's page and the
    cards' bytes reported at every size."""
    size, limit = OVERVIEW_TARGET
    serve = sizes[size]["ours"]["serve"] if size in sizes else {}
    rows = []
    for name, o in (serve.get("overviews") or dict.fromkeys(("timeline", "date filter", "list"))).items():
        got = (f"{pct(o['answer_ms'], 50):.0f} ms (CPU {pct(o['answer_cpu_ms'], 50):.0f} ms) | "
               f"{verdict(pct(o['answer_ms'], 50), limit)}") if o else "- | not run"
        rows.append(f"| {name} question p50 < {limit:.0f} ms | {size:,} | {got} |")
    for size, s in sizes.items():
        view = s["ours"]["serve"].get("view")
        if view:
            rows.append(f"| Briefing view, one page of the timeline / directory p50 (reported) | "
                        f"{size:,} | {pct(view['timeline_page_ms'], 50):.1f} / "
                        f"{pct(view['directory_page_ms'], 50):.1f} ms over {view['cards']:,} cards | - |")
        if "card_bytes" in s["ours"]:
            rows.append(f"| event cards in the store (reported) | {size:,} | {cards_cost(s['ours'])} | - |")
    return rows


def cards_cost(o: dict[str, Any]) -> str:
    """The cards' JSON in the store: total, per card, share of the store."""
    n, b = o["cards"], o["card_bytes"]
    return (f"{b / MB:.2f} MB of card JSON, {b / max(n, 1) / 1024:.1f} KB a card "
            f"({n:,} cards), {b / o['store_bytes']:.1%} of the store")


def table(sizes: dict[int, dict[str, Any]]) -> list[str]:
    """One row per size: every overview question's latency, then the Briefing view's builds."""
    first = next((s["ours"]["serve"] for s in sizes.values() if s["ours"]["serve"].get("overviews")),
                 None)
    if first is None:
        return ["Not measured in this run."]
    names = list(first["overviews"])
    head = ["articles", *(f"“{first['overviews'][n]['question']}” p50 / p95 ms" for n in names),
            "cards read p50 ms", "timeline page p50 / p95 ms", "directory page p50 / p95 ms",
            "paged View.show p50 ms", "whole tables p50 ms (rows: events / people)"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for size, s in sizes.items():
        serve = s["ours"]["serve"]
        if not serve.get("overviews"):
            continue
        cells = [f"{size:,}"]
        for n in names:
            o = serve["overviews"][n]
            note = "" if o["kind"] else " (not answered as an overview)"
            cells.append(f"{pct(o['answer_ms'], 50):.0f} / {pct(o['answer_ms'], 95):.0f}{note}")
        v = serve["view"]
        cells += [f"{pct(v['read_cards_ms'], 50):.0f}",
                  *(f"{pct(v[k], 50):.1f} / {pct(v[k], 95):.1f}"
                    for k in ("timeline_page_ms", "directory_page_ms")),
                  f"{pct(v['view_show_ms'], 50):.0f}" if "view_show_ms" in v else "-",
                  (f"{pct(v['whole_tables_ms'], 50):.0f} ({v['rows']['timeline']:,} / "
                   f"{v['rows']['people']:,})")]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


NOTES = ("Each overview question is asked through `Assistant.ask` (question analysis, hybrid "
         "retrieval, then the overview from the event cards), 2 warm-up asks then 15 timed. The "
         "Briefing view: reading every card from the store (the Assistant caches them per store "
         "version, so this is paid once per change), one page (50 rows) of the timeline (every card "
         "filtered and sorted) and of the people directory (every card's people merged), and both "
         "whole tables as `View.show` built them before the view paged; the paged `View.show` (the "
         "filters, the listing, the first 50 rows of both tables, the directory cached by the "
         "Assistant).")
