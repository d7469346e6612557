"""One serving process, measured: build the assistant (or the naive llama-index retriever) over a
store, answer the questions warm, print latencies, retrieval hits and peak RSS as one JSON object.

    python bench/serve.py ours STORE_DIR QUESTIONS.jsonl
    python bench/serve.py naive NAIVE_DIR QUESTIONS.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from clock import Took, timed

from assistant.app.config import load_settings, quiet_environment
from assistant.eval.metrics import gold_rank, missing_facts

ROOT = Path(__file__).resolve().parent.parent
MODEL_CACHE = ROOT / ".cache" / "model"
WARMUP = 10
NAIVE_COLLECTION = "naive"
# issue 12: overview questions answered from the event cards, through the same Assistant.ask
OVERVIEWS = {"timeline": "Give me a timeline of the visits.",
             "date filter": "Which events took place in December?",
             "list": "List every visit described in the articles, with its date."}
OVERVIEW_WARMUP, OVERVIEW_REPEATS = 2, 15
PAGE_ROWS = 50  # rows of one page of a Briefing table


def serve_ours(store_dir: Path, questions: list[dict]) -> dict[str, Any]:
    """The product: hybrid retrieval and the extractive answerer, as `assistant serve` builds them."""
    from assistant.app.pipeline import build_assistant

    settings = load_settings(store_dir=store_dir, model_cache_dir=MODEL_CACHE, answerer="extractive")
    assistant, ready = timed(lambda: build_assistant(settings))
    for q in questions[:WARMUP]:
        assistant.ask(q["question"])
    out: dict[str, Any] = {"ready_ms": ready.wall * 1000, "rss_ready": rss_now(), "ranks": [],
                           "abstained": 0}
    for q in questions:
        _, took = timed(lambda: assistant.embedder.embed_query(q["question"]))  # noqa: B023
        record(out, "embed", took)
        passages, took = timed(lambda: assistant.retriever.retrieve(q["question"]))  # noqa: B023
        record(out, "retrieve", took)
        if q["gold"]:  # unanswerable seed questions have none
            out["ranks"].append(gold_rank(list(dict.fromkeys(p.article_id for p in passages)),
                                          q["gold"]))
        answer, took = timed(lambda: assistant.ask(q["question"]))  # noqa: B023
        record(out, "answer", took)
        out["abstained"] += answer.abstained
        if q["gold"] and q.get("must_include"):  # scored as `assistant eval` scores facts
            out.setdefault("facts", []).append(
                not answer.abstained and not missing_facts(answer.text, q["must_include"]))
    out["overviews"] = {name: overview(assistant, q) for name, q in OVERVIEWS.items()}
    out["view"] = briefing_view(assistant)
    return out


def overview(assistant: Any, question: str) -> dict[str, Any]:
    """One overview question asked again and again, warm: latencies and what kind of answer."""
    from assistant.answering.overview.compose import kind_of
    from assistant.question.analyse import analyse

    for _ in range(OVERVIEW_WARMUP):
        answer = assistant.ask(question)
    out: dict[str, Any] = {"question": question, "kind": kind_of(analyse(question, assistant.nlp)),
                           "abstained": answer.abstained, "chars": len(answer.text)}
    for _ in range(OVERVIEW_REPEATS):
        _, took = timed(lambda: assistant.ask(question))
        record(out, "answer", took)
    return out


def briefing_view(assistant: Any) -> dict[str, Any]:
    """The Briefing tab over every card, no filter: reading the cards (cached per store version),
    one page of the timeline (every card filtered and sorted) and one page of the directory
    (every card's people merged), `View.show` as the paged tab runs it (the directory cached by the
    Assistant), and the whole of both tables as View.show built them before it paged."""
    from assistant.catalog.cards import Filters, directory, timeline
    from assistant.catalog.rows import people_table, timeline_table
    from assistant.web.briefing import View
    from assistant.web.downloads import Packs

    cards = assistant.cards()
    out: dict[str, Any] = {"cards": len(cards)}
    _, took = timed(lambda: assistant.store.cards())
    record(out, "read_cards", took)
    view = View(assistant, Packs(ROOT))  # writes nothing: no pack is asked for
    view.show("", "", "", "", "", False, "Date ↑", "Name ↑")  # gradio imported, directory cached

    def whole() -> tuple[list[Any], list[Any]]:
        chosen = timeline(cards, Filters())
        return timeline_table(chosen), people_table(directory(cards, Filters()), chosen)

    steps = {"timeline_page": lambda: timeline_table(timeline(cards, Filters())[:PAGE_ROWS]),
             "directory_page": lambda: people_table(directory(cards, Filters())[:PAGE_ROWS],
                                                    timeline(cards, Filters())),
             "view_show": lambda: view.show("", "", "", "", "", False, "Date ↑", "Name ↑"),
             "whole_tables": whole}
    for _ in range(OVERVIEW_REPEATS):
        for name, step in steps.items():
            got, took = timed(step)
            record(out, name, took)
    out["rows"] = {"timeline": len(got[0]), "people": len(got[1])}
    return out


def record(out: dict[str, Any], what: str, took: Took) -> None:
    """Append one measurement, in milliseconds, to `what`_ms and `what`_cpu_ms."""
    out.setdefault(f"{what}_ms", []).append(took.wall * 1000)
    out.setdefault(f"{what}_cpu_ms", []).append(took.cpu * 1000)


def serve_naive(store_dir: Path, questions: list[dict]) -> dict[str, Any]:
    """The llama-index docs pipeline reopened: VectorStoreIndex.from_vector_store(...).as_retriever()."""
    import chromadb
    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.store.embeddings import Embedder, llama_embedding

    settings = load_settings(model_cache_dir=MODEL_CACHE)

    def build() -> Any:
        client = chromadb.PersistentClient(path=str(store_dir))
        collection = client.get_or_create_collection(NAIVE_COLLECTION, embedding_function=None)
        index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=collection),
            embed_model=llama_embedding(Embedder.load(settings.model_cache_dir)))
        return index.as_retriever(similarity_top_k=settings.top_k)

    retriever, ready = timed(build)
    for q in questions[:WARMUP]:
        retriever.retrieve(q["question"])
    out: dict[str, Any] = {"ready_ms": ready.wall * 1000, "rss_ready": rss_now(), "ranks": []}
    for q in questions:
        hits, took = timed(lambda: retriever.retrieve(q["question"]))  # noqa: B023
        record(out, "retrieve", took)
        if q["gold"]:
            ids = dict.fromkeys(Path(h.node.metadata["file_name"]).stem for h in hits)
            out["ranks"].append(gold_rank(list(ids), q["gold"]))
    return out


def rss_now() -> int:
    """Resident set size of this process in bytes."""
    import psutil

    return int(psutil.Process().memory_info().rss)


def peak_rss() -> int:
    """Peak resident set size of this process in bytes: VmHWM, which starts afresh at exec.
    (getrusage's ru_maxrss survives exec: it would report the bench process that started us.)"""
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) * 1024


def main(argv: list[str]) -> int:
    quiet_environment()
    mode, store_dir, question_file = argv
    questions = [json.loads(line) for line in Path(question_file).read_text().splitlines() if line]
    serve = {"ours": serve_ours, "naive": serve_naive}[mode]
    out = serve(Path(store_dir), questions)
    out["rss_peak"] = peak_rss()
    # also beside the store: a long run stopped before it writes its results keeps this part
    (Path(store_dir).parent / f"serve-{mode}-{Path(store_dir).name}.json").write_text(json.dumps(out))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
