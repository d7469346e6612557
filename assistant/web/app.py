"""The chat UI: build_ui(assistant) returns a Gradio Blocks app; launch() serves it. No business logic."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.catalog.examples import example_questions
from assistant.corpus.folder import shown_source
from assistant.records import Answer, Citation
from assistant.store.remote import StoreUnreachable
from assistant.text.markup import safe_markdown
from assistant.web import articles_tab, briefing_layout
from assistant.web import briefing as briefing_view
from assistant.web.auth import launch_auth
from assistant.web.downloads import CACHE_SWEEP
from assistant.web.logins import LoginGuard
from assistant.web.render import answer_markdown, marked_paragraphs

if TYPE_CHECKING:
    import gradio as gr

    from assistant.app.config import Settings
    from assistant.app.pipeline import Assistant

# Headings in a system font: bold capitals of Gradio's bundled Source Sans Pro rendered from a
# fallback font glyph by glyph in Chromium ("Lingang Briefing Assistant" with an odd B and A).
CSS = """
h1, h2, h3 { font-family: ui-sans-serif, system-ui, sans-serif; font-weight: 600; }
#header h2 { margin: 0 0 2px; }
#status { text-align: right; align-self: flex-end; }
#sources mark { background: #ffe58a; padding: 0 2px; border-radius: 2px; }
#sources .meta { color: #666; font-size: 0.9em; margin-bottom: 0.6em; }
#source-view { max-height: 600px; overflow-y: auto !important; }
#source-view h3 { font-size: 1.05em; margin: 0 0 0.2em; }
#source-view .source-head { position: sticky; top: 0; padding-bottom: 2px;
  background: var(--block-background-fill); }
#chat a[href^="#source-"] { text-decoration: none; font-weight: 600;
  color: var(--color-accent); }
""" + briefing_layout.CSS
# Clicking [n] in an answer selects source n in the panel beside the chat; whenever a source panel
# (the chat's, the Briefing tab's) changes, its first highlighted span is scrolled into view.
HEAD = """<script>
for (const id of ['#source-view', '#brief-source']) {
  const watch = setInterval(() => {
    const view = document.querySelector(id);
    if (!view) return;
    clearInterval(watch);
    new MutationObserver(() => {  // an event's detail stays in sight: its source scrolls
      const at = view.querySelector('.event-head[data-index]');
      const table = document.querySelector('#timeline .virtual-table-viewport');
      if (at && table) {  // a chart mark's event: its row scrolled into the table's sight
        const per = table.scrollHeight / Number(at.dataset.rows);
        table.scrollTop = Math.max(0, Number(at.dataset.index) * per - table.clientHeight / 3);
      }
      const pane = view.querySelector('.event-source') || view;
      const mark = pane.querySelector('mark'), head = pane.querySelector('.source-head');
      if (mark) pane.scrollTop += mark.getBoundingClientRect().top
        - pane.getBoundingClientRect().top - (head ? head.offsetHeight : 0) - 24;
    }).observe(view, {childList: true, subtree: true});
  }, 300);
}
// a Briefing chart mark or counterparts link: its event's row number goes to a hidden box and a
// hidden button sends it: the handler shows that row's page with the event's detail open
document.addEventListener('click', (event) => {
  const mark = event.target.closest('#brief-chart [data-event], #brief-counterparts [data-event]');
  const box = document.querySelector('#brief-pick textarea, #brief-pick input');
  const go = document.querySelector('#brief-pick-go');
  if (!mark || !box || !go) return;
  event.preventDefault();
  box.value = mark.getAttribute('data-event');
  box.dispatchEvent(new Event('input', {bubbles: true}));
  setTimeout(() => go.click(), 0);
}, true);
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="#source-"]');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const n = link.getAttribute('href').slice('#source-'.length);
  const radios = document.querySelectorAll('#source-picker input[type=radio]');
  for (const radio of radios) {
    if (radio.value.startsWith('[' + n + ']')) { radio.click(); break; }
  }
}, true);
</script>"""




def source_label(c: Citation) -> str:
    """The radio label of a citation."""
    return f"[{c.n}] {c.title} ({c.date or 'undated'})"




def source_html(assistant: Assistant, citation: Citation | None) -> str:
    """The cited article with its quoted spans highlighted (all text escaped)."""
    if citation is None:
        return "<div id='sources-empty'>Sources of the last answer appear here.</div>"
    record = assistant.article(citation.article_id)
    if record is None:
        return f"<p>Article {html.escape(citation.article_id)} is no longer indexed.</p>"
    paragraphs = marked_paragraphs(record.body, [(q.start, q.end) for q in citation.quotes])
    return (f"<div class='source-head'><h3>[{citation.n}] {html.escape(record.title)}</h3>"
            f"<div class='meta'>{html.escape(record.date or 'undated')} · "
            f"{html.escape(shown_source(record.source, assistant.settings.seeds_dir))}"
            f"</div></div>{paragraphs}")






def build_ui(assistant: Assistant, uploads: bool | None = None) -> gr.Blocks:
    """The chat panel, the sources panel, examples and a status line; the Briefing and Articles
    tabs. `uploads`: whether the Articles tab may add and remove articles (default: on loopback)."""
    import gradio as gr

    from assistant.web.history import History

    if uploads is None:
        uploads = articles_tab.uploads_allowed(assistant.settings, logged_in=False)

    def respond(message: str, history: list[dict[str, Any]], cited: list[Citation],  # type: ignore[no-untyped-def]
                said: list[Answer], scope: list[str] | None):
        """Stream the answer into the chat; the sources panel follows its citations. `said`: this
        session's Answers (for the briefing pack); `scope`: the Briefing tab's articles, if set."""
        message = (message or "").strip()
        if not message:
            yield history, "", gr.update(), gr.update(), cited, said
            return
        asked = [_text(m) for m in history if m.get("role") == "user"]
        asking = history + [{"role": "user", "content": safe_markdown(message)}]
        waiting = asking + [{"role": "assistant", "content": "…"}]
        yield waiting, "", gr.update(), gr.update(), cited, said
        shown = None
        try:
            # the earlier answers when they are this conversation's, else its questions
            earlier = said[-len(asked):] if asked and len(said) >= len(asked) else asked
            for answer in assistant.stream(message, earlier, article_ids=_scope(scope)):
                turn = asking + [{"role": "assistant", "content": answer_markdown(answer)}]
                panel = (gr.update(), gr.update()) if answer.citations == shown else sources(answer)
                shown = answer.citations
                yield turn, "", *panel, answer.citations, [*said, answer]
        except StoreUnreachable as exc:  # the question goes back into the box, to ask again
            reply = f"⚠ {safe_markdown(str(exc))}. Not answered: ask again when the store is back."
            yield asking + [{"role": "assistant", "content": reply}], message, gr.update(), \
                gr.update(), cited, said

    def status_line() -> str:
        try:
            return assistant.status()
        except StoreUnreachable as exc:
            return f"⚠ {safe_markdown(str(exc))}"

    def sources(answer: Answer) -> tuple[Any, str]:
        labels = [source_label(c) for c in answer.citations]
        first = answer.citations[0] if answer.citations else None
        return (gr.update(choices=labels, value=labels[0] if labels else None),
                source_html(assistant, first))

    def show(label: str | None, citations: list[Citation]) -> str:
        chosen = next((c for c in citations if source_label(c) == label), None)
        return source_html(assistant, chosen)

    # delete_cache: Gradio removes the files it serves (briefing packs) once old, and all of
    # them when the server stops
    with gr.Blocks(title="Lingang Briefing Assistant", analytics_enabled=False,
                   delete_cache=CACHE_SWEEP) as demo:
        with gr.Row(elem_id="header", equal_height=True):
            gr.Markdown("## Lingang Briefing Assistant\nAsk about official visits and "
                        "partnership agreements. Every answer quotes the articles it rests on.")
            status = gr.Markdown(status_line(), elem_id="status")
        cited, said = gr.State([]), gr.State([])
        with gr.Tab("Chat", id="chat-tab"), gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="Chat", height=520, elem_id="chat", sanitize_html=True)
                chat.data_model = History  # the history sent back is read bounded, leniently
                box = gr.Textbox(label="Question", placeholder="Ask a briefing question…",
                                 elem_id="question", submit_btn=True)
                examples = assistant.settings.example_questions or \
                    example_questions(assistant.cards())
                if examples:
                    gr.Examples(examples, inputs=box, label="Example questions")
            with gr.Column(scale=2, elem_id="sources"):
                picker = gr.Radio(label="Sources", choices=[], elem_id="source-picker")
                view = gr.HTML(source_html(assistant, None), elem_id="source-view")
        scope = briefing_view.build(assistant, said, Path(demo.GRADIO_CACHE))  # Briefing tab
        shelf = articles_tab.build(assistant, uploads)  # Articles tab
        box.submit(respond, [box, chat, cited, said, scope], [chat, box, picker, view, cited, said],
                   api_name="chat")
        picker.change(show, [picker, cited], view, api_name=False)
        demo.load(status_line, None, status, api_name=False)
        demo.load(*shelf, api_name=False)
    return demo


def _text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):  # Gradio may hand back content parts
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return str(content or "")


def _scope(scope: list[str] | None) -> set[str] | None:
    return None if scope is None else set(scope)


def launch(assistant: Assistant, settings: Settings, **kwargs: Any) -> Any:
    """Serve the app: loopback unless a login is set, no share link, a bounded queue."""
    pairs = launch_auth(settings)  # refuses to serve beyond this machine without a login
    auth = LoginGuard.of(pairs, settings.auth_lockout).check if pairs else None
    from assistant.web.logins import client_addresses, trust_proxies

    trust_proxies(settings.trusted_proxies)  # wrong passwords count per socket peer, not header
    uploads = articles_tab.uploads_allowed(settings, logged_in=bool(pairs))
    demo = build_ui(assistant, uploads)
    # over max_queue, Gradio answers "queue_full": the page shows "This application is
    # currently busy. Please try again."
    demo.queue(default_concurrency_limit=settings.concurrency, max_size=settings.max_queue)
    private = [str(p.resolve()) for p in (settings.store_dir, Path(".env"), settings.seeds_dir)]
    # no file is served but Gradio's own assets and packs; uploads only for the Articles tab
    # state_session_capacity: Gradio keeps every session (its own copy of the page's config,
    # our answers and listings) until that many newer ones push it out
    return demo.launch(server_name=settings.host, server_port=settings.port, share=False,
                       auth=auth, css=CSS, head=HEAD, show_error=False, allowed_paths=[],
                       blocked_paths=private,
                       max_file_size=settings.max_file_bytes if uploads else 1, enable_monitoring=False,
                       mcp_server=False, pwa=False, ssr_mode=False,
                       state_session_capacity=settings.max_sessions,
                       app_kwargs=client_addresses(), **kwargs)  # the address of each login
