"""The Articles tab: what is indexed as a filterable table; add files (drag and drop) or a web page,
remove an article after a confirmation.

Adding and removing run `assistant add` / `assistant remove` in a child process under the store's
ingest lock: the chat goes on answering meanwhile and follows the changes as it follows any ingest,
and a file that crashes its reader cannot take the chat down with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.app.config import environment
from assistant.catalog.export import md_escape
from assistant.corpus.folder import Indexed, indexed_articles
from assistant.corpus.readers import SUFFIXES
from assistant.web.auth import is_loopback

if TYPE_CHECKING:
    import gradio as gr

    from assistant.app.config import Settings
    from assistant.app.pipeline import Assistant

SHOWN = 200  # rows the table shows at most; the filter narrows the rest
COLUMNS = ["Title", "Date", "File", "Type", "Chunks", "Id"]
WIDTHS = ["40%", "13%", "20%", "7%", "7%", "13%"]
WAIT = 600  # seconds a change waits for an ingest that is running


def uploads_allowed(settings: Settings, logged_in: bool) -> bool:
    """Adding and removing articles from the browser: always on this machine only; beyond it only
    behind a login and when ASSISTANT_UPLOADS allows it."""
    return is_loopback(settings.host) or (logged_in and settings.uploads)


class Shelf:
    """The indexed articles, read again only when the store changed (its generation)."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.seen: tuple[str, list[Indexed]] | None = None

    def rows(self) -> list[Indexed]:
        mark = self.assistant.store.generation()
        if self.seen is None or self.seen[0] != mark:
            self.seen = (mark, indexed_articles(self.assistant.store, self.assistant.settings.seeds_dir))
        return self.seen[1]

    def table(self, words: str) -> tuple[dict[str, Any], str, list[str]]:
        """The table's value, the line under it, and the ids of the rows shown."""
        rows = self.rows()
        hits = [r for r in rows if r.matches((words or "")[:200])]
        shown = hits[:SHOWN]
        more = f" (the first {SHOWN} shown: type in the filter to narrow)" if len(hits) > SHOWN else ""
        line = f"{len(hits):,} of {len(rows):,} articles{more}"
        data = [[r.title, r.date or "undated", r.file, r.kind, r.chunks, r.id] for r in shown]
        return {"headers": COLUMNS, "data": data}, line, [r.id for r in shown]


def run(settings: Settings, *args: str) -> Iterator[dict[str, Any]]:
    """Run `assistant ARGS --json` as a child process; its JSON records as they come, then
    {"exit": code, "error": last error line}."""
    command, *rest = args
    child = subprocess.Popen([sys.executable, "-m", "assistant", command, "--json", *rest],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=environment(settings))
    assert child.stdout is not None and child.stderr is not None
    for line in child.stdout:
        try:
            yield json.loads(line)
        except ValueError:
            continue
    said = [ln.strip() for ln in child.stderr.read().splitlines() if ln.strip()]
    code = child.wait()
    errors = [ln[7:] for ln in said if ln.startswith("error:")]
    if not errors and code not in (0, 3):  # it failed without saying why: its last words
        errors = [f"the {command} command failed (exit {code}): {said[-1] if said else ''}"]
    yield {"exit": code, "error": errors[-1] if errors else ""}


def results_markdown(records: list[dict[str, Any]]) -> str:
    """The per-file results as a Markdown table (every value escaped), and the ingest's summary."""
    lines = ["| File | Result | Why |", "|---|---|---|"]
    for r in (rec["result"] for rec in records if "result" in rec):
        given = Path(r["given"]).name if "://" not in r["given"] else r["given"]
        name = f" (saved as {r['name']})" if r["name"] and r["status"] != "skipped" else ""
        lines.append(f"| {md_escape(given + name)} | {r['status']} | {md_escape(r['reason'])} |")
    done = [rec["summary"] for rec in records if "summary" in rec]
    errors = [rec["error"] for rec in records if rec.get("error")]
    tail = [f"⚠ {md_escape(e)}" for e in errors] + [md_escape(d) for d in done]
    return "\n".join(lines if len(lines) > 2 else []) + "\n\n" + "\n\n".join(tail)


def build(assistant: Assistant, allowed: bool) -> tuple[Any, list[Any], list[Any]]:
    """The tab, inside the app's gr.Blocks; returns what the page runs when it opens (the table
    is filled then): (function, inputs, outputs)."""
    import gradio as gr

    settings, shelf = assistant.settings, Shelf(assistant)
    with gr.Tab("Articles", id="articles", elem_id="articles-tab"):
        with gr.Row():
            words = gr.Textbox(label="Filter", placeholder="words of a title, date, file or type",
                               elem_id="articles-filter", scale=3)
            line = gr.Markdown(elem_id="articles-count")
        table = gr.Dataframe(headers=COLUMNS, interactive=False, wrap=True, max_height=420,
                             column_widths=WIDTHS, elem_id="articles-table")
        ids = gr.State([])
        if allowed:
            _changes(settings, shelf, words, [table, line, ids])
        else:
            gr.Markdown("Adding and removing articles is off on this address: set "
                        "`ASSISTANT_UPLOADS=true` (with a login) to allow it.")
    words.change(shelf.table, words, [table, line, ids], api_name=False, show_progress="hidden")
    return shelf.table, [words], [table, line, ids]


def _changes(settings: Settings, shelf: Shelf, words: gr.Textbox, listing: list[Any]) -> None:
    """Upload, fetch and remove: their components and handlers (`listing`: the table, the line
    under it and the ids shown, refreshed after each change)."""
    import gradio as gr

    with gr.Row():
        files = gr.File(label=f"Add files ({', '.join(SUFFIXES)}): drop them here",
                        file_count="multiple", file_types=list(SUFFIXES), elem_id="articles-upload",
                        scale=3)
        with gr.Column(scale=2):
            url = gr.Textbox(label="…or a web page's address", placeholder="https://…",
                             elem_id="articles-url")
            replace = gr.Checkbox(label="Replace a different file of the same name (the old one "
                                        "is kept in .removed/)", elem_id="articles-replace")
            add = gr.Button("Add and index", variant="primary", elem_id="articles-add")
    results = gr.Markdown(elem_id="articles-results")
    with gr.Row():
        chosen = gr.Textbox(label="Selected article (click a row)", interactive=False,
                            elem_id="articles-chosen", scale=3)
        remove = gr.Button("Remove…", variant="stop", elem_id="articles-remove", scale=1)
    with gr.Row(visible=False, elem_id="articles-confirm") as confirm:
        question = gr.Markdown()
        yes = gr.Button("Yes, remove it", variant="stop", elem_id="articles-yes")
        no = gr.Button("Cancel", elem_id="articles-no")

    def adding(paths: list[str] | None, address: str, again: bool, text: str,
               progress: gr.Progress = gr.Progress()) -> Iterator[Any]:  # noqa: B008
        given = [str(p) for p in paths or []] + ([address.strip()] if address.strip() else [])
        if not given:
            yield gr.update(), "Choose files or type a web page's address first.", *shelf.table(text)
            return
        if len(paths or []) > settings.max_upload_files:
            yield gr.update(), (f"⚠ {len(paths or [])} files: one upload takes at most "
                                f"{settings.max_upload_files}."), *shelf.table(text)
            return
        records: list[dict[str, Any]] = []
        progress(0.05, desc=f"Reading {len(given)} item(s)")
        args = ["add", "--wait", str(WAIT), *(["--replace"] if again else []), "--", *given]
        for record in run(settings, *args):
            records.append(record)
            if record.get("stage") == "indexing":
                progress(0.3, desc=f"Indexing {record['files']} file(s)")
            elif record.get("stage") == "indexed":
                progress(0.8, desc="Writing to the index")
        for path in paths or []:  # the uploaded copies in Gradio's cache: the folder has its own
            Path(path).unlink(missing_ok=True)
        yield None, results_markdown(records), *shelf.table(text)

    def ask(shown: list[str], chosen_text: str) -> tuple[Any, str]:
        if not chosen_text:
            return gr.update(visible=False), ""
        return gr.update(visible=True), (f"Remove **{md_escape(chosen_text)}**? Its passages leave "
                                         "the index; its file moves to `.removed/` in the "
                                         "articles folder.")

    def removing(chosen_text: str, text: str) -> Iterator[Any]:
        article_id = chosen_text.rsplit("· ", 1)[-1].strip() if chosen_text else ""
        if not article_id:
            yield gr.update(visible=False), "Click a row first.", "", *shelf.table(text)
            return
        records = list(run(settings, "remove", "--wait", str(WAIT), "--", article_id))
        done = [f"Removed {md_escape(article_id)}." for r in records if r.get("removed")]
        errors = [f"⚠ {md_escape(r['error'])}" for r in records if r.get("error")]
        summary = [md_escape(r["summary"]) for r in records if "summary" in r]
        yield gr.update(visible=False), "\n\n".join(done + errors + summary), "", *shelf.table(text)

    def select(shown: list[str], evt: Any = None) -> str:
        try:  # the clicked row's values, its id last (the page may have sorted the rows)
            article_id = str(evt.row_value[-1])
        except (AttributeError, TypeError, IndexError, KeyError):
            return ""
        found = next((r for r in shelf.rows() if r.id == article_id), None)
        return f"{found.title} · {found.id}" if found and found.id in shown else ""

    # Gradio passes the click only to a parameter typed EventData, read from the hints
    select.__annotations__ = {"evt": gr.EventData}

    table, ids = listing[0], listing[2]
    add.click(adding, [files, url, replace, words], [files, results, *listing], api_name=False,
              concurrency_limit=1, concurrency_id="articles")
    table.select(select, ids, chosen, api_name=False)
    remove.click(ask, [ids, chosen], [confirm, question], api_name=False)
    no.click(lambda: gr.update(visible=False), None, confirm, api_name=False)
    yes.click(removing, [chosen, words], [confirm, results, chosen, *listing], api_name=False,
              concurrency_limit=1, concurrency_id="articles")

