"""The Briefing tab: filters, a visual timeline, a compact timeline table whose rows open their
detail and source below it, who met whom, and a people directory.

Rows come from the catalog (`catalog.timeline`, `catalog.directory` over `Assistant.cards()`), one
page at a time (`listing.Listing`, sorted on the server); the same filters can narrow the chat's
retrieval and the downloadable briefing pack. A chart mark or a counterparts link sends its event's
row number (`#`) through a hidden box: the page holding that row is shown with its detail open.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.catalog.export import md_escape
from assistant.catalog.listing import TABLES, Listing, Page, describe, make_filters
from assistant.web.briefing_detail import (
    EMPTY_SOURCE,
    cell_html,
    chart_html,
    counterparts_block,
    event_html,
    picked,
)
from assistant.web.briefing_layout import FORMATS, layout
from assistant.web.downloads import Packs

if TYPE_CHECKING:
    import gradio as gr

    from assistant.app.pipeline import Assistant

log = logging.getLogger(__name__)


def frame(columns: tuple[str, ...], page: Page) -> dict[str, Any]:
    """A Dataframe value of one page; the first column is each row's `#` (its place in time or
    name order), so a sorted page still finds its cells and sorting on it restores that order."""
    return {"headers": ["#", *columns],
            "data": [[n, *(c.text for c in row)] for n, row in zip(page.numbers, page.rows)]}


def build(assistant: Assistant, answers: gr.State, cache: Path) -> gr.State:
    """The Briefing tab (in a gr.Tabs); `answers` holds the chat's Answers, `cache` is Gradio's
    file cache (packs are written there). Returns the chat's scope: the article ids the chat
    searches (None: all)."""
    import gradio as gr

    scope, shown = gr.State(None), gr.State(None)  # shown: the Listing on screen
    view = View(assistant, Packs.inside(cache))
    written = gr.State(None, delete_callback=view.packs.remove)  # the session's last pack
    with gr.Tab("Briefing", id="briefing", elem_id="briefing-tab") as tab:
        parts = layout()
    filters, narrow = parts["filters"], parts["narrow"]
    pagers = [parts[table] for table in TABLES]
    who_open = gr.State(False)  # who met whom is built only while its accordion is open
    inputs = [*filters, narrow, *(p["sort"] for p in pagers), parts["group"], who_open]
    outputs = [*(p["frame"] for p in pagers), parts["summary"],
               *(x for p in pagers for x in (p["page"], p["pages"])), parts["chart"],
               parts["counterparts"], parts["source"], scope, shown]
    parts["apply"].click(view.show, inputs, outputs, api_name="briefing")
    for trigger in (tab.select, narrow.change, *(box.submit for box in filters)):
        trigger(view.show, inputs, outputs, api_name=False)
    for table, p in zip(TABLES, pagers):  # only user events: these components are also outputs
        shows = [p["frame"], p["page"], p["pages"]]
        p["sort"].input(view.sorter(table), [p["sort"], shown], [*shows, shown],
                        api_name=f"{table}_sort")
        for trigger, step, name in ((p["page"].submit, 0, f"{table}_page"),
                                    (p["prev"].click, -1, False), (p["next"].click, 1, False)):
            trigger(view.turner(table, step), [p["page"], shown], shows, api_name=name)
        p["frame"].select(view.opener(table), shown, parts["source"], api_name=False)
    timeline = pagers[0]
    parts["go"].click(view.pick, [parts["pick"], shown],
                        [timeline["frame"], timeline["page"], timeline["pages"], parts["source"]],
                        api_name=False, show_progress="hidden")
    parts["group"].input(chart_html, [shown, parts["group"]], parts["chart"], api_name=False)
    parts["close"].click(lambda: EMPTY_SOURCE, None, parts["source"], api_name=False)
    parts["who"].expand(lambda got: (counterparts_block(got), True), shown,
                        [parts["counterparts"], who_open], api_name=False)
    parts["who"].collapse(lambda: False, None, who_open, api_name=False)
    parts["download"].click(view.pack, [*filters, parts["format"], answers, written],
                            [parts["pack"], written], api_name="download_briefing").success(
        lambda: gr.update(visible=True), None, parts["pack"], api_name=False)
    return scope


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {'people' if noun == 'person' else noun + 's'}"


def _searched(ids: list[str] | None) -> str:
    """What the summary line says the chat searches."""
    if ids is None:
        return ""
    if not ids:
        return " · no article matches: the chat has nothing to search"
    return f" · the chat searches only these {len(ids)} articles"


def refused(what: str, reason: object) -> Exception:
    """A request no page sends (a forged sort, page or click): one log line, a short error."""
    import gradio as gr

    log.warning("briefing: %s refused: %.200s", what, reason)
    return gr.Error(f"{what} refused", print_exception=False)


@dataclass
class View:
    """The tab's event handlers over one assistant."""

    assistant: Assistant
    packs: Packs  # where briefing packs are written before Gradio serves them

    def show(self, *values: Any) -> tuple[Any, ...]:
        """The first page of both tables, the summary line, each table's page number and place,
        the chat's scope and the listing, for the filters (each table kept in its chosen sort).
        Typed text shows as text, never as markdown."""
        import gradio as gr

        from assistant.catalog.listing import build as listing

        *typed, narrowed, by_time, by_name = values[:8]
        group = values[8] if len(values) > 8 else "Place"  # the chart's lanes
        opened = len(values) > 9 and bool(values[9])  # who met whom open: build it too
        try:
            f = make_filters(*typed)
            got = listing(self.assistant.cards(), f, self.assistant.settings.briefing_page_rows,
                          self.assistant.directory, {"timeline": by_time, "people": by_name})
        except ValueError as exc:  # the rows stay; unticked, the chat searches everything again
            kept = (" · the tables and the chat keep the previous filters" if narrowed
                    else " · the chat searches all articles")
            return (gr.update(), gr.update(), f"⚠ {md_escape(str(exc))}{kept}",
                    *[gr.update()] * 7, gr.update() if narrowed else None, gr.update())
        ids = sorted({c.article_id for c in got.cards}) if narrowed else None
        words = describe(f)
        line = (f"{_count(len(got.cards), 'event')}, {_count(len(got.people), 'person')}"
                + (f" ({md_escape(words)})" if words else "") + _searched(ids))
        (time, *on_time), (names, *on_names) = (self.page(got, t, 1) for t in TABLES)
        return (time, names, line, *on_time, *on_names, chart_html(got, group),
                counterparts_block(got) if opened else gr.update(), EMPTY_SOURCE, ids, got)

    def pick(self, text: str, got: Listing | None) -> tuple[Any, ...]:
        """A chart mark's or counterparts link's event: the timeline page that holds its row (in
        the table's order) and the event's detail open below."""
        import gradio as gr

        number = picked(text, got)
        if number is None or got is None:
            return gr.update(), gr.update(), gr.update(), gr.update()
        place = list(got.order("timeline")).index(number - 1)
        frame_, page, label = self.page(got, "timeline", place // got.page_rows + 1)
        rows = len(frame_["data"])
        return frame_, page, label, event_html(self.assistant, got.cards[number - 1], None,
                                               number, (place % got.page_rows, rows))

    @staticmethod
    def page(got: Listing, table: str, number: int) -> tuple[Any, int, str]:
        """One page of a table: the Dataframe value, the page's number (clamped) and its place."""
        shown = got.page(table, number)
        return frame(TABLES[table], shown), shown.page, shown.label()

    def turner(self, table: str, step: int) -> Any:
        """The handler that shows page `number + step` of one table (0: the typed page)."""
        import gradio as gr

        def turn(number: int | None, got: Listing | None) -> tuple[Any, ...]:
            if got is None:
                return gr.update(), gr.update(), gr.update()
            # any number is clamped to the pages there are (the page box has no minimum)
            finite = isinstance(number, (int, float)) and math.isfinite(number)
            return self.page(got, table, (int(number) if finite else 1) + step)

        return turn

    def sorter(self, table: str) -> Any:
        """The handler that sorts one whole table by a "Sort by" choice and shows its first page."""
        import gradio as gr

        def sort(choice: str, got: Listing | None) -> tuple[Any, ...]:
            if got is None:
                return gr.update(), gr.update(), gr.update(), None
            try:
                got.sort(table, choice)
            except ValueError as exc:
                raise refused("sort", exc) from None
            return *self.page(got, table, 1), got

        return sort

    def opener(self, table: str) -> Any:
        """The select handler of one table: the clicked cell's source."""
        import gradio as gr

        def open_cell(got, evt=None):  # type: ignore[no-untyped-def]
            try:  # what the page sends: the row's values (its `#` first) and [row, column]
                number, column = int(evt.row_value[0]), int(evt.index[1])
            except (AttributeError, TypeError, ValueError, IndexError, KeyError,
                    OverflowError) as exc:
                log.warning("briefing: a malformed cell click ignored: %.200s", exc)
                return EMPTY_SOURCE
            if got is None or column < 1:
                return EMPTY_SOURCE
            # the row's own number, not its position: the page may be sorted in the browser
            cell = got.cell(table, number, column - 1)
            if cell is None:
                return EMPTY_SOURCE
            if table == "timeline":  # the event's detail, then the cell's source
                return event_html(self.assistant, got.cards[number - 1], cell, number)
            return cell_html(self.assistant, cell)

        # Gradio passes the click only to a parameter typed EventData, read from the hints (a
        # string under `from __future__ import annotations` would not resolve); not SelectData,
        # whose own reading of a forged click fails inside Gradio, with a traceback
        open_cell.__annotations__ = {"evt": gr.EventData}
        return open_cell

    def pack(self, *values: Any) -> tuple[str, str]:
        """Write the briefing pack of the typed filters and the chat's answers, in place of the
        session's previous one; returns it twice (to serve, and as the session's last pack)."""
        import gradio as gr

        from assistant.catalog.cards import timeline

        *typed, chosen, said, previous = values
        try:
            f = make_filters(*typed)
        except ValueError as exc:
            raise gr.Error(str(exc), print_exception=False) from exc
        cards = timeline(self.assistant.cards(), f)
        path = str(self.packs.write(cards, said or [], f, FORMATS.get(chosen, ".md"), previous))
        return path, path
