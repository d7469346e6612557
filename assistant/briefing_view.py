"""The Briefing tab: filters, a timeline and a people directory whose cells open their source.

Rows come from the catalog (`catalog.timeline`, `catalog.directory` over `Assistant.cards()`); the
same filters can narrow the chat's retrieval and the downloadable briefing pack.
"""

from __future__ import annotations

import html
import re
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .briefing import PEOPLE_COLUMNS, TIMELINE_COLUMNS, Cell, people_table, timeline_table
from .nlp import Date, parse_date

if TYPE_CHECKING:
    import gradio as gr

    from .answer import Answer
    from .catalog import EventCard, Filters
    from .pipeline import Assistant

ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*$")
FORMATS = {"Markdown (.md)": ".md", "Word (.docx)": ".docx"}
CSS = """
#brief-source { max-height: 640px; overflow-y: auto !important; }
#brief-source mark { background: #ffe58a; padding: 0 2px; border-radius: 2px; }
#brief-source .meta { color: #666; font-size: 0.9em; margin-bottom: 0.6em; }
#brief-source h3 { font-size: 1.05em; margin: 0.4em 0 0.2em; }
"""
EMPTY_SOURCE = "<div id='brief-source-empty'>Click a cell to read its source.</div>"


def parse_bound(text: str | None) -> Date | None:
    """A filter date typed as "2020-09", "2020-09-29", "November 2021" or "2021"; None if blank."""
    if not text or not text.strip():
        return None
    iso = ISO.match(text)
    if iso:
        year, month, day = (int(g) if g else None for g in iso.groups())
        if (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31):
            return Date(year, month, day)
    found = parse_date(text)
    if found is None:
        raise ValueError(f"“{text.strip()}” is not a date: write e.g. 2020-09, "
                         "November 2021 or 2021")
    return found


def make_filters(start: str, end: str, place: str, person: str, organisation: str) -> Filters:
    """The catalog filters typed in the view (blank means any); ValueError on a bad date."""
    from .catalog import Filters

    return Filters(parse_bound(start), parse_bound(end), (place or "").strip() or None,
                   (person or "").strip() or None, (organisation or "").strip() or None)


def describe(f: Filters) -> str:
    """The filters in words, for the summary line and the briefing's heading."""
    parts = [f"from {f.start}" if f.start else "", f"to {f.end}" if f.end else "",
             f"place “{f.place}”" if f.place else "", f"person “{f.person}”" if f.person else "",
             f"organisation “{f.organisation}”" if f.organisation else ""]
    return ", ".join(p for p in parts if p)


@dataclass
class Tables:
    """What one filtering produced: the cards and both tables with each cell's spans."""

    cards: list[EventCard]
    timeline: list[list[Cell]]
    people: list[list[Cell]]


def tables(cards: list[EventCard], filters: Filters) -> Tables:
    """The timeline and directory of the cards that pass the filters."""
    from .catalog import directory, timeline

    chosen = timeline(cards, filters)
    return Tables(chosen, timeline_table(chosen), people_table(directory(cards, filters), chosen))


def frame(columns: tuple[str, ...], rows: list[list[Cell]]) -> dict[str, Any]:
    """A Dataframe value; the first column numbers the rows so a sorted table still finds its
    cells (and sorting on it restores the time order)."""
    return {"headers": ["#", *columns],
            "data": [[i, *(c.text for c in row)] for i, row in enumerate(rows, 1)]}


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

    scope, shown = gr.State(None), gr.State(None)
    with gr.Tab("Briefing", id="briefing", elem_id="briefing-tab") as tab:
        parts = _layout()
    view = View(assistant, Path(tempfile.mkdtemp(prefix="briefing-")))
    filters, narrow = parts["filters"], parts["narrow"]
    outputs = [parts["timeline"], parts["people"], parts["summary"], scope, shown]
    parts["apply"].click(view.show, [*filters, narrow], outputs, api_name="briefing")
    for trigger in (tab.select, narrow.change, *(box.submit for box in filters)):
        trigger(view.show, [*filters, narrow], outputs, api_name=False)
    for table in ("timeline", "people"):
        parts[table].select(view.opener(table), shown, parts["source"], api_name=False)
    parts["download"].click(view.pack, [*filters, parts["format"], answers], parts["pack"],
                            api_name="download_briefing").success(
        lambda: gr.update(visible=True), None, parts["pack"], api_name=False)
    return scope


def _layout() -> dict[str, Any]:
    """The tab's components, by name."""
    import gradio as gr

    gr.Markdown("Events and people the articles report. Click a cell to read its source; "
                "sort by `#` for time order.")
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
            timeline, people = (
                gr.Dataframe(headers=["#", *columns], interactive=False, wrap=True, label=label,
                             elem_id=key, datatype=["number", *["str"] * len(columns)],
                             column_widths=widths, max_height=420)
                for key, label, columns, widths in (
                    ("timeline", "Timeline", TIMELINE_COLUMNS,
                     ["44px", "15%", "25%", "12%", "17%", "17%", "14%"]),
                    ("people", "People", PEOPLE_COLUMNS, ["44px", "20%", "30%", "25%", "25%"])))
        with gr.Column(scale=2):
            source = gr.HTML(EMPTY_SOURCE, elem_id="brief-source")
    return {"filters": filters, "apply": apply, "narrow": narrow, "format": fmt,
            "download": download, "summary": summary, "pack": pack, "timeline": timeline,
            "people": people, "source": source}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {'people' if noun == 'person' else noun + 's'}"


@dataclass
class View:
    """The tab's event handlers over one assistant."""

    assistant: Assistant
    folder: Path  # where briefing packs are written before Gradio serves them

    def show(self, *values: Any) -> tuple[Any, ...]:
        """Both tables, the summary line, the chat's scope and the cells, for the filters."""
        import gradio as gr

        *typed, narrowed = values
        try:
            f = make_filters(*typed)
        except ValueError as exc:
            return gr.update(), gr.update(), f"⚠ {html.escape(str(exc))}", gr.update(), gr.update()
        got = tables(self.assistant.cards(), f)
        ids = sorted({c.article_id for c in got.cards}) if narrowed else None
        words = describe(f)
        line = (f"{_count(len(got.timeline), 'event')}, {_count(len(got.people), 'person')}"
                + (f" ({words})" if words else "")
                + (f" · the chat searches only these {len(ids)} articles" if ids is not None
                   else ""))
        return (frame(TIMELINE_COLUMNS, got.timeline), frame(PEOPLE_COLUMNS, got.people), line,
                ids, got)

    def opener(self, table: str) -> Any:
        """The select handler of one table: the clicked cell's source."""
        import gradio as gr

        def open_cell(got, evt):  # type: ignore[no-untyped-def]
            rows = getattr(got, table, None) if got else None
            if not rows or not evt.row_value or evt.index[1] < 1:
                return EMPTY_SOURCE
            # the row's own number, not its position: the user may have sorted the table
            return cell_html(self.assistant, rows[int(evt.row_value[0]) - 1][evt.index[1] - 1])

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
