"""The Briefing tab's components, laid out: filters and the download, the visual timeline, the
timeline table across the whole width with the detail of a clicked row below it (hidden until
then), who met whom, and the people directory (assistant/web/briefing.py wires them)."""

from __future__ import annotations

from typing import Any

from assistant.catalog.listing import DEFAULT_SORT, choices
from assistant.catalog.rows import PEOPLE_COLUMNS, TIMELINE_COLUMNS

FORMATS = {"Markdown (.md)": ".md", "Word (.docx)": ".docx"}
from assistant.web.briefing_detail import EMPTY_SOURCE, GROUPS

# the stylesheet of the tab: the detail hidden while it holds no source, one-line timeline rows
# (cut with an ellipsis), the chart's marks clickable
CSS = """
#brief-source { max-height: 520px; overflow-y: auto !important; }
#brief-source:has(.event-source) { max-height: none; overflow-y: visible !important; }
#brief-source .event-source { max-height: 420px; overflow-y: auto; }
#brief-source .event-source .source-head { position: sticky; top: 0;
  background: var(--block-background-fill); }
#brief-source mark { background: #ffe58a; padding: 0 2px; border-radius: 2px; }
#brief-source .meta { color: #666; font-size: 0.9em; margin-bottom: 0.6em; }
#brief-source h3 { font-size: 1.05em; margin: 0.4em 0 0.2em; }
#brief-detail:has(#brief-source-empty), .brief-hidden { display: none !important; }
#brief-detail { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 6px; }
.event-detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px;
  margin: 0 0 8px; }
.event-detail dt { font-weight: 600; color: #555; }
.event-detail dd { margin: 0; white-space: pre-line; }
.event-head { margin: 0 0 6px; }
#brief-chart svg { width: 100%; height: auto; display: block; }
#brief-chart .chart-scroll { max-height: 230px; overflow-y: auto; }
#brief-chart-head { align-items: center; }
#brief-chart [data-event] { cursor: pointer; }
#brief-chart [data-event]:hover { stroke: #000; stroke-width: 2px; }
#timeline td span, #timeline td div { white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
#timeline [role=row] { min-height: 0 !important; }
#timeline [role=gridcell] { padding-top: 0 !important; padding-bottom: 0 !important; }
#timeline [role=gridcell] .cell-wrap { min-height: 0 !important; padding: 4px 8px !important; }
#brief-counterparts details { margin: 1px 0; }
#brief-counterparts summary { cursor: pointer; }
#brief-counterparts ul { margin: 2px 0 6px 18px; padding: 0; }
"""


def layout() -> dict[str, Any]:
    """The tab's components, by name."""
    import gradio as gr

    with gr.Row(elem_id="brief-filters"):
        filters = [gr.Textbox(label=label, placeholder=f"{label}{hint}", show_label=False,
                              container=False, elem_id=f"f-{key}")
                   for key, label, hint in (("start", "From", ": 2020-09, November 2021"),
                                            ("end", "To", ": 2021"), ("place", "Place", ""),
                                            ("person", "Person", ""),
                                            ("org", "Organisation", ""))]
    with gr.Row():
        apply = gr.Button("Apply filters", variant="primary", scale=1, elem_id="f-apply")
        narrow = gr.Checkbox(label="Chat searches only these articles", scale=1,
                             elem_id="f-narrow")
        fmt = gr.Radio(list(FORMATS), value="Markdown (.md)", show_label=False, scale=2,
                       elem_id="f-format")
        download = gr.Button("Download briefing", scale=1, elem_id="f-download")
    pack = gr.File(label="Briefing pack", interactive=False, visible=False, elem_id="brief-pack")
    with gr.Row(elem_id="brief-chart-head", equal_height=True):
        summary = gr.Markdown(elem_id="brief-summary")
        group = gr.Radio(list(GROUPS), value="Place", label="Chart lanes by", scale=0,
                         min_width=250, show_label=False, container=False, elem_id="brief-group")
    chart = gr.HTML(elem_id="brief-chart")
    # a chart mark or a counterparts link writes its event's row number here (the page script)
    pick = gr.Textbox(elem_id="brief-pick", elem_classes=["brief-hidden"], show_label=False,
                      container=False)
    go = gr.Button("Show", elem_id="brief-pick-go", elem_classes=["brief-hidden"])
    timeline = pager("timeline", "Timeline · click a row or a chart mark for its detail",
                     TIMELINE_COLUMNS, ["40px", "16%", "19%", "12%", "16%", "16%", "14%"])
    with gr.Column(elem_id="brief-detail"):  # hidden by the stylesheet while it holds no source
        close = gr.Button("Close ✕", size="sm", elem_id="brief-close", scale=0, min_width=90)
        source = gr.HTML(EMPTY_SOURCE, elem_id="brief-source")
    with gr.Accordion("Who met whom", open=False, elem_id="brief-who") as who:
        counterparts = gr.HTML(elem_id="brief-counterparts")  # built only while open
    people = pager("people", "People", PEOPLE_COLUMNS, ["40px", "18%", "30%", "24%", "24%"])
    return {"filters": filters, "apply": apply, "narrow": narrow, "format": fmt,
            "download": download, "summary": summary, "pack": pack, "timeline": timeline,
            "people": people, "source": source, "chart": chart, "group": group, "pick": pick,
            "go": go, "close": close, "counterparts": counterparts, "who": who}


def pager(key: str, label: str, columns: tuple[str, ...], widths: list[str]) -> dict[str, Any]:
    """One table and the row under it: sort by, previous, next, page number, where the page is."""
    import gradio as gr

    table = gr.Dataframe(headers=["#", *columns], interactive=False, wrap=False, label=label,
                         elem_id=key, datatype=["number", *["str"] * len(columns)],
                         column_widths=widths, max_height=560)
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
