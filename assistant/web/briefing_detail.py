"""What the Briefing tab shows on demand, below its timeline: an event's detail (the people with
every title, the outcomes) and the source with the clicked cell's spans highlighted; the chart and
the counterparts list above and beside it. HTML only, every text escaped; no gradio here."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.app.pipeline import Assistant
    from assistant.catalog.cards import EventCard
    from assistant.catalog.listing import Listing
    from assistant.catalog.rows import Cell

EMPTY_SOURCE = "<div id='brief-source-empty'>Click a cell to read its source.</div>"
GROUPS = {"Place": "place", "Counterpart": "counterpart"}  # the chart's lanes


def cell_html(assistant: Assistant, cell: Cell) -> str:
    """Each article the cell rests on, its spans highlighted (all text escaped)."""
    from assistant.corpus.folder import shown_source
    from assistant.web.render import marked_paragraphs

    by_article: dict[str, list[tuple[int, int]]] = {}
    for aid, span in cell.spans:
        by_article.setdefault(aid, []).append((span.start, span.end))
    if not by_article:
        return "<p>This cell has no source text.</p>"
    out = []
    for aid, ranges in by_article.items():
        record = assistant.article(aid)
        if record is None:
            out.append(f"<p>Article {html.escape(aid)} is no longer indexed.</p>")
            continue
        out.append(f"<div class='source-head'><h3>{html.escape(record.title)}</h3>"
                   f"<div class='meta'>{html.escape(record.date or 'undated')} · "
                   f"{html.escape(shown_source(record.source, assistant.settings.seeds_dir))}"
                   "</div></div>"
                   f"{marked_paragraphs(record.body, ranges)}")
    return "".join(out)


def event_html(assistant: Assistant, card: EventCard, cell: Cell | None = None,
               number: int | None = None, row: tuple[int, int] | None = None) -> str:
    """An event's detail, every person with every title, then its source with `cell`'s spans
    highlighted (the event's date and kind when no cell was clicked). `number`: its `#`; `row`:
    (its index on the page shown, the page's rows), for the page script to scroll it into sight."""
    from assistant.catalog.rows import Cell, event_detail, event_label

    detail = event_detail(card)
    at = f" data-index='{row[0]}' data-rows='{row[1]}'" if row else ""
    head = (f"<div class='event-head'{at}><b>#{number}</b> · {html.escape(event_label(card))}"
            "</div>" if number else "")
    rows = "".join(f"<dt>{html.escape(label)}</dt><dd>{html.escape(c.text)}</dd>"
                   for label, c in detail if c.text and c.text != "—")
    if cell is None:
        shown = dict(detail)
        spans = [s for label in ("Date", "Event") if label in shown for s in shown[label].spans]
        cell = Cell(card.title, spans)
    return (f"<div class='event-detail'>{head}<dl>{rows}</dl></div>"
            f"<div class='event-source'>{cell_html(assistant, cell)}</div>")


def chart_html(listing: Listing | None, group: str) -> str:
    """The visual timeline of the listing's events (lanes by place or counterpart)."""
    from assistant.catalog.chart import build_chart, chart_svg

    numbered = list(enumerate(listing.cards, 1)) if listing else []
    svg = chart_svg(build_chart(numbered, GROUPS.get(group, "place")))
    return f"<div class='chart-scroll'>{svg}</div>"


def counterparts_block(listing: Listing | None) -> str:
    """Who met whom: each organisation and place with its events, sides and people."""
    from assistant.catalog.counterparts import counterparts, counterparts_html

    return counterparts_html(counterparts(list(enumerate(listing.cards, 1)) if listing else []))


def picked(text: str | None, listing: Listing | None) -> int | None:
    """The row number a chart mark or counterparts link sent ("12" or "12:timestamp"), or None
    when it names no event of the listing."""
    try:
        number = int(str(text or "").split(":", 1)[0])
    except ValueError:
        return None
    return number if listing is not None and 1 <= number <= len(listing.cards) else None
