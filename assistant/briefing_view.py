"""The Briefing tab: filters, a timeline and a people directory whose cells open their source.

Rows come from the catalog (`catalog.timeline`, `catalog.directory` over `Assistant.cards()`), one
page at a time (`listing.Listing`, sorted on the server); the same filters can narrow the chat's
retrieval and the downloadable briefing pack.
"""

from __future__ import annotations

import html
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .briefing import PEOPLE_COLUMNS, TIMELINE_COLUMNS, Cell
from .listing import DEFAULT_SORT, TABLES, Listing, Page, choices, describe, make_filters

if TYPE_CHECKING:
    import gradio as gr

    from .answer import Answer
    from .catalog import EventCard, Filters
    from .pipeline import Assistant

FORMATS = {"Markdown (.md)": ".md", "Word (.docx)": ".docx"}
CSS = """
#brief-source { max-height: 640px; overflow-y: auto !important; }
#brief-source mark { background: #ffe58a; padding: 0 2px; border-radius: 2px; }
#brief-source .meta { color: #666; font-size: 0.9em; margin-bottom: 0.6em; }
#brief-source h3 { font-size: 1.05em; margin: 0.4em 0 0.2em; }
"""
EMPTY_SOURCE = "<div id='brief-source-empty'>Click a cell to read its source.</div>"


def frame(columns: tuple[str, ...], page: Page) -> dict[str, Any]:
    """A Dataframe value of one page; the first column is each row's `#` (its place in time or
    name order), so a sorted page still finds its cells and sorting on it restores that order."""
    return {"headers": ["#", *columns],
            "data": [[n, *(c.text for c in row)] for n, row in zip(page.numbers, page.rows)]}


def cell_html(assistant: Assistant, cell: Cell) -> str:
    """Each article the cell rests on, its spans highlighted (all text escaped)."""
    from .ui import marked_paragraphs

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
                   f"{html.escape(record.source)}</div></div>"
                   f"{marked_paragraphs(record.body, ranges)}")
    return "".join(out)


def write_pack(folder: Path, cards: list[EventCard], answers: list[Answer], f: Filters,
               suffix: str) -> Path:
    """The briefing pack of these cards and answers, under a fresh name in `folder`."""
    from .export import write_briefing

    name = f"briefing-{uuid.uuid4().hex[:8]}{suffix}"
    return write_briefing(folder / name, cards, answers, describe(f) or None)


def build(assistant: Assistant, answers: gr.State) -> gr.State:
    """The Briefing tab (in a gr.Tabs); `answers` holds the chat's Answers. Returns the chat's
    scope: the article ids the chat searches (None: all)."""
    import gradio as gr

    scope, shown = gr.State(None), gr.State(None)  # shown: the Listing on screen
    with gr.Tab("Briefing", id="briefing", elem_id="briefing-tab") as tab:
        parts = _layout()
    view = View(assistant, Path(tempfile.mkdtemp(prefix="briefing-")))
    filters, narrow = parts["filters"], parts["narrow"]
    pagers = [parts[table] for table in TABLES]
    inputs = [*filters, narrow, *(p["sort"] for p in pagers)]
    outputs = [*(p["frame"] for p in pagers), parts["summary"],
               *(x for p in pagers for x in (p["page"], p["pages"])), scope, shown]
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
    parts["download"].click(view.pack, [*filters, parts["format"], answers], parts["pack"],
                            api_name="download_briefing").success(
        lambda: gr.update(visible=True), None, parts["pack"], api_name=False)
    return scope


def _layout() -> dict[str, Any]:
    """The tab's components, by name."""
    import gradio as gr

    gr.Markdown("Events and people the articles report. Click a cell to read its source. "
                "*Sort by* orders a whole table; a column's menu sorts the page shown (`#` for "
                "time or name order).")
    with gr.Row():
        filters = [gr.Textbox(label=label, placeholder=hint, elem_id=f"f-{key}")
                   for key, label, hint in (("start", "From", "2020-09 or November 2021"),
                                            ("end", "To", "2021"), ("place", "Place", ""),
                                            ("person", "Person", ""),
                                            ("org", "Organisation", ""))]
    with gr.Row():
        apply = gr.Button("Apply filters", variant="primary", scale=1, elem_id="f-apply")
        narrow = gr.Checkbox(label="Chat searches only these articles", scale=1,
                             elem_id="f-narrow")
        fmt = gr.Radio(list(FORMATS), value="Markdown (.md)", show_label=False, scale=2,
                       elem_id="f-format")
        download = gr.Button("Download briefing", scale=1, elem_id="f-download")
    summary = gr.Markdown(elem_id="brief-summary")
    pack = gr.File(label="Briefing pack", interactive=False, visible=False, elem_id="brief-pack")
    with gr.Row():
        with gr.Column(scale=3):
            timeline = _pager("timeline", "Timeline", TIMELINE_COLUMNS,
                              ["44px", "15%", "25%", "12%", "17%", "17%", "14%"])
            people = _pager("people", "People", PEOPLE_COLUMNS,
                            ["44px", "20%", "30%", "25%", "25%"])
        with gr.Column(scale=2):
            source = gr.HTML(EMPTY_SOURCE, elem_id="brief-source")
    return {"filters": filters, "apply": apply, "narrow": narrow, "format": fmt,
            "download": download, "summary": summary, "pack": pack, "timeline": timeline,
            "people": people, "source": source}


def _pager(key: str, label: str, columns: tuple[str, ...], widths: list[str]) -> dict[str, Any]:
    """One table and the row under it: sort by, previous, next, page number, where the page is."""
    import gradio as gr

    table = gr.Dataframe(headers=["#", *columns], interactive=False, wrap=True, label=label,
                         elem_id=key, datatype=["number", *["str"] * len(columns)],
                         column_widths=widths, max_height=420)
    with gr.Row(elem_id=f"{key}-pager"):
        sort = gr.Dropdown(choices(key), value=DEFAULT_SORT[key], label="Sort by", scale=2,
                           min_width=150, elem_id=f"{key}-sort")
        prev = gr.Button("◀ Previous", size="sm", scale=1, min_width=90, elem_id=f"{key}-prev")
        after = gr.Button("Next ▶", size="sm", scale=1, min_width=90, elem_id=f"{key}-next")
        page = gr.Number(1, label="Page", precision=0, minimum=1, scale=1, min_width=80,
                         elem_id=f"{key}-page")
        pages = gr.Markdown("no rows", scale=3, min_width=200, elem_id=f"{key}-pages")
    return {"frame": table, "sort": sort, "prev": prev, "next": after, "page": page,
            "pages": pages}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {'people' if noun == 'person' else noun + 's'}"


@dataclass
class View:
    """The tab's event handlers over one assistant."""

    assistant: Assistant
    folder: Path  # where briefing packs are written before Gradio serves them

    def show(self, *values: Any) -> tuple[Any, ...]:
        """The first page of both tables, the summary line, each table's page number and place,
        the chat's scope and the listing, for the filters (each table kept in its chosen sort)."""
        import gradio as gr

        from .listing import build as listing

        *typed, narrowed, by_time, by_name = values
        try:
            f = make_filters(*typed)
        except ValueError as exc:
            return (gr.update(), gr.update(), f"⚠ {html.escape(str(exc))}",
                    *[gr.update()] * 6)
        got = listing(self.assistant.cards(), f, self.assistant.settings.briefing_page_rows,
                      self.assistant.directory, {"timeline": by_time, "people": by_name})
        ids = sorted({c.article_id for c in got.cards}) if narrowed else None
        words = describe(f)
        line = (f"{_count(len(got.cards), 'event')}, {_count(len(got.people), 'person')}"
                + (f" ({words})" if words else "")
                + (f" · the chat searches only these {len(ids)} articles" if ids is not None
                   else ""))
        (time, *on_time), (names, *on_names) = (self.page(got, t, 1) for t in TABLES)
        return time, names, line, *on_time, *on_names, ids, got

    @staticmethod
    def page(got: Listing, table: str, number: int | None) -> tuple[Any, int, str]:
        """One page of a table: the Dataframe value, the page's number (clamped) and its place."""
        shown = got.page(table, number)
        return frame(TABLES[table], shown), shown.page, shown.label()

    def turner(self, table: str, step: int) -> Any:
        """The handler that shows page `number + step` of one table (0: the typed page)."""
        import gradio as gr

        def turn(number: int | None, got: Listing | None) -> tuple[Any, ...]:
            if got is None:
                return gr.update(), gr.update(), gr.update()
            return self.page(got, table, (number or 1) + step)

        return turn

    def sorter(self, table: str) -> Any:
        """The handler that sorts one whole table by a "Sort by" choice and shows its first page."""
        import gradio as gr

        def sort(choice: str, got: Listing | None) -> tuple[Any, ...]:
            if got is None:
                return gr.update(), gr.update(), gr.update(), None
            got.sort(table, choice)
            return *self.page(got, table, 1), got

        return sort

    def opener(self, table: str) -> Any:
        """The select handler of one table: the clicked cell's source."""
        import gradio as gr

        def open_cell(got, evt):  # type: ignore[no-untyped-def]
            if got is None or not evt.row_value or evt.index[1] < 1:
                return EMPTY_SOURCE
            # the row's own number, not its position: the page may be sorted in the browser
            cell = got.cell(table, int(evt.row_value[0]), evt.index[1] - 1)
            return EMPTY_SOURCE if cell is None else cell_html(self.assistant, cell)

        # Gradio passes the click only to a parameter typed SelectData, read from the hints (a
        # string under `from __future__ import annotations` would not resolve)
        open_cell.__annotations__ = {"evt": gr.SelectData}
        return open_cell

    def pack(self, *values: Any) -> str:
        """Write the briefing pack of the typed filters and the chat's answers."""
        import gradio as gr

        from .catalog import timeline

        *typed, chosen, said = values
        try:
            f = make_filters(*typed)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        cards = timeline(self.assistant.cards(), f)
        return str(write_pack(self.folder, cards, said or [], f, FORMATS.get(chosen, ".md")))
