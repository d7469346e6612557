"""The Briefing tab's components, laid out: filters, the download, two paged tables, the source
panel (assistant/web/briefing.py wires them to their handlers)."""

from __future__ import annotations

from typing import Any

from assistant.catalog.listing import DEFAULT_SORT, choices
from assistant.catalog.rows import PEOPLE_COLUMNS, TIMELINE_COLUMNS

FORMATS = {"Markdown (.md)": ".md", "Word (.docx)": ".docx"}
EMPTY_SOURCE = "<div id='brief-source-empty'>Click a cell to read its source.</div>"


def layout() -> dict[str, Any]:
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
            timeline = pager("timeline", "Timeline", TIMELINE_COLUMNS,
                              ["44px", "15%", "25%", "12%", "17%", "17%", "14%"])
            people = pager("people", "People", PEOPLE_COLUMNS,
                            ["44px", "20%", "30%", "25%", "25%"])
        with gr.Column(scale=2):
            source = gr.HTML(EMPTY_SOURCE, elem_id="brief-source")
    return {"filters": filters, "apply": apply, "narrow": narrow, "format": fmt,
            "download": download, "summary": summary, "pack": pack, "timeline": timeline,
            "people": people, "source": source}


def pager(key: str, label: str, columns: tuple[str, ...], widths: list[str]) -> dict[str, Any]:
    """One table and the row under it: sort by, previous, next, page number, where the page is."""
    import gradio as gr

    table = gr.Dataframe(headers=["#", *columns], interactive=False, wrap=True, label=label,
                         elem_id=key, datatype=["number", *["str"] * len(columns)],
                         column_widths=widths, max_height=420)
    with gr.Row(elem_id=f"{key}-pager"):
        # the handlers check the choice and the page (Gradio's own checks print a traceback)
        sort = gr.Dropdown(choices(key), value=DEFAULT_SORT[key], label="Sort by", scale=2,
                           min_width=150, elem_id=f"{key}-sort", allow_custom_value=True)
        prev = gr.Button("◀ Previous", size="sm", scale=1, min_width=90, elem_id=f"{key}-prev")
        after = gr.Button("Next ▶", size="sm", scale=1, min_width=90, elem_id=f"{key}-next")
        page = gr.Number(1, label="Page", precision=0, scale=1, min_width=80,
                         elem_id=f"{key}-page")
        pages = gr.Markdown("no rows", scale=3, min_width=200, elem_id=f"{key}-pages")
    return {"frame": table, "sort": sort, "prev": prev, "next": after, "page": page,
            "pages": pages}
