"""`make bench`: ingest throughput, serving latency and memory, and store size at 5 (the real seeds),
1,000 and 10,000 articles (bench/varied.py: the development articles with names, places, numbers
and dates varied; --corpus synth for bench/synth.py's templates), side by side with the naive
llama-index pipeline. Writes bench/RESULTS.md and bench/results.png; raw numbers and work files go
to bench/out/ (git-ignored).

    python bench/run.py [--sizes 5,1000,10000] [--questions 120] [--seed 0] [--out bench/out]
                        [--corpus varied|synth]
    python bench/run.py --serve-only [--sizes ...]   # serving again, over the last run's stores
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import report
import synth
import varied
from clock import timed
from serve import MODEL_CACHE, NAIVE_COLLECTION

from assistant.app.config import Settings, load_settings, quiet_environment

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SEEDS = ROOT / "seeds"
SEED_QUESTIONS = (ROOT / "tests/eval/briefing.jsonl", ROOT / "tests/data/calibration.jsonl")
RAW_SAMPLE = 3000  # chunks embedded bare to measure the model's own throughput


def disk_bytes(folder: Path) -> int:
    """Bytes of the files under folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


CORPORA = {"varied": varied, "synth": synth}


def prepare(size: int, out: Path, n_questions: int, seed: int,
            kind: str = "varied") -> tuple[Path, Path, int]:
    """The corpus folder and a question file with gold articles and the facts an answer should
    hold (regexes); 5 means the real seeds, other sizes the `kind` of generated corpus."""
    questions = out / f"questions-{size}.jsonl"
    if size == 5:
        corpus = SEEDS
        cases = [json.loads(line) for f in SEED_QUESTIONS for line in f.read_text().splitlines()]
        rows = [{"question": c["question"], "gold": c["gold_articles"],
                 "must_include": c.get("must_include", [])} for c in cases]
    else:
        corpus = out / f"corpus-{size}"
        shutil.rmtree(corpus, ignore_errors=True)
        CORPORA[kind].write_corpus(corpus, size, seed)
        rows = [{"question": q["question"], "gold": [q["gold_article"]],
                 "must_include": q.get("must_include", [re.escape(q.get("answer", ""))])}
                for q in CORPORA[kind].questions(n_questions, seed, corpus_n=size)]
    questions.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return corpus, questions, len(rows)


class TimedEmbedder:
    """The embedder, adding up the wall and CPU time of its embed() calls."""

    def __init__(self, embedder: Any) -> None:
        self.embedder, self.wall, self.cpu = embedder, 0.0, 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.embedder, name)

    def embed(self, texts: Any, batch_size: int = 32) -> Any:
        vectors, took = timed(lambda: self.embedder.embed(texts, batch_size))
        self.wall += took.wall
        self.cpu += took.cpu
        return vectors


def ingest_ours(settings: Settings, embedder: Any) -> dict[str, Any]:
    """The product's ingest from scratch, timing the model inside it; then the model alone on a
    sample of the same chunk texts."""
    from assistant.corpus.articles import load_articles
    from assistant.corpus.chunks import chunk_article, make_splitter
    from assistant.corpus.ingest import ingest
    from assistant.store.chroma import Store
    from assistant.store.embeddings import embed_prefix

    shutil.rmtree(settings.store_dir, ignore_errors=True)

    inside = TimedEmbedder(embedder)

    def run() -> tuple[list[Any], Any]:
        articles, _ = load_articles(settings.seeds_dir, settings.max_file_bytes)
        return articles, ingest(articles, set(), Store(settings), lambda: inside, settings)

    (articles, done), took = timed(run)
    split = make_splitter(settings, embedder)
    texts, chunking = timed(
        lambda: [embed_prefix(a.title) + c.text for a in articles for c in chunk_article(a, split)])
    sample = random.Random(0).sample(texts, min(len(texts), RAW_SAMPLE))
    _, raw = timed(lambda: embedder.embed(sample, batch_size=settings.embed_batch_size))
    cards = Store(settings).cards()
    return {"articles": len(articles), "chunks": done.chunks, "ingest_s": took.wall,
            "cards": len(cards), "card_bytes": sum(len(c.to_json().encode()) for c in cards),
            "ingest_cpu_s": took.cpu, "model_in_ingest_s": inside.wall,
            "nlp_in_ingest_s": done.nlp_seconds,
            "model_in_ingest_cpu_s": inside.cpu, "chunk_cpu_s": chunking.cpu, "raw_sample": len(sample),
            "raw_s": raw.wall, "raw_cpu_s": raw.cpu, "store_bytes": disk_bytes(settings.store_dir)}


def ingest_naive(corpus: Path, folder: Path, embedder: Any) -> dict[str, Any]:
    """The llama-index docs' pipeline: SimpleDirectoryReader -> VectorStoreIndex.from_documents."""
    import chromadb
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.core.schema import MetadataMode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.store.embeddings import llama_embedding

    shutil.rmtree(folder, ignore_errors=True)

    def run() -> list[Any]:
        documents = SimpleDirectoryReader(str(corpus)).load_data()
        collection = chromadb.PersistentClient(path=str(folder)).get_or_create_collection(
            NAIVE_COLLECTION, embedding_function=None)
        storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
        VectorStoreIndex.from_documents(documents, storage_context=storage,
                                        embed_model=llama_embedding(embedder))
        return documents

    documents, took = timed(run)
    nodes = SentenceSplitter().get_nodes_from_documents(documents)  # the default it used
    tokens = [embedder.count_tokens(n.get_content(metadata_mode=MetadataMode.EMBED)) for n in nodes]
    window = embedder.max_tokens - 2  # [CLS] and [SEP]
    return {"chunks": len(nodes), "ingest_s": took.wall, "ingest_cpu_s": took.cpu,
            "unembedded_share": sum(max(0, t - window) for t in tokens) / max(sum(tokens), 1),
            "store_bytes": disk_bytes(folder)}


def serve(mode: str, folder: Path, questions: Path) -> dict[str, Any]:
    """Measure a serving process in a fresh interpreter (bench/serve.py), so its RSS is its own."""
    done = subprocess.run([sys.executable, str(BENCH / "serve.py"), mode, str(folder), str(questions)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"serve.py {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_size(size: int, args: argparse.Namespace, embedder: Any) -> dict[str, Any]:
    """Every measurement at one corpus size."""
    corpus, questions, n = prepare(size, args.out, args.questions, args.seed, args.corpus)
    settings = load_settings(seeds_dir=corpus, store_dir=args.out / f"store-{size}",
                             model_cache_dir=MODEL_CACHE, answerer="extractive")
    log(f"{size} articles: ingesting (ours)")
    ours = ingest_ours(settings, embedder)
    log(f"{size} articles: {ours['chunks']} chunks in {ours['ingest_s']:.0f} s; serving (ours)")
    ours["serve"] = serve("ours", settings.store_dir, questions)
    log(f"{size} articles: ingesting (naive llama-index)")
    naive = ingest_naive(corpus, args.out / f"naive-{size}", embedder)
    naive["serve"] = serve("naive", args.out / f"naive-{size}", questions)
    return {"size": size, "questions": n, "ours": ours, "naive": naive}


def serve_again(args: argparse.Namespace) -> int:
    """--serve-only: fresh serving measurements for the sizes of the last run."""
    run = json.loads((args.out / "results.json").read_text())
    wanted = {int(s) for s in args.sizes.split(",")}
    for entry in run["sizes"]:
        size = entry["size"]
        if size in wanted:
            log(f"{size} articles: serving (ours, naive)")
            questions = args.out / f"questions-{size}.jsonl"
            entry["ours"]["serve"] = serve("ours", args.out / f"store-{size}", questions)
            entry["naive"]["serve"] = serve("naive", args.out / f"naive-{size}", questions)
    run["serve_remeasured"] = time.strftime("%Y-%m-%d %H:%M %Z")
    (args.out / "results.json").write_text(json.dumps(run, indent=1))
    report.write(run, args.results, args.chart)
    log(f"wrote {args.results} and {args.chart}")
    return 0


def warm_imports() -> None:
    """Import chromadb and llama-index before any timing: the first ingest should not pay for it."""
    for name in ("chromadb", "llama_index.core.node_parser", "llama_index.vector_stores.chroma"):
        importlib.import_module(name)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sizes", default="5,1000,10000", help="corpus sizes (5 = the real seeds)")
    p.add_argument("--questions", type=int, default=120, help="questions per generated corpus")
    p.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    p.add_argument("--corpus", choices=sorted(CORPORA), default="varied",
                   help="sizes other than 5: varied (the development articles, varied) or synth\n"
                        "(bench/synth.py's templates)")
    p.add_argument("--out", type=Path, default=BENCH / "out", help="work folder (git-ignored)")
    p.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    p.add_argument("--chart", type=Path, default=BENCH / "results.png")
    p.add_argument("--serve-only", action="store_true",
                   help="re-measure only the serving processes, over the stores and questions of\n"
                        "the last run in --out, and rewrite its results")
    args = p.parse_args(argv)
    quiet_environment()
    if args.serve_only:
        return serve_again(args)
    from assistant.store.embeddings import Embedder

    warm_imports()
    args.out.mkdir(parents=True, exist_ok=True)
    embedder = Embedder.load(MODEL_CACHE)
    run = {"started": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": report.machine(),
           "load_before": os.getloadavg(), "command": " ".join(sys.argv), "corpus": args.corpus,
           "sizes": []}
    for size in [int(s) for s in args.sizes.split(",")]:
        run["sizes"].append(bench_size(size, args, embedder))
        run["load_after"] = os.getloadavg()
        (args.out / "results.json").write_text(json.dumps(run, indent=1))
        report.write(run, args.results, args.chart)  # after every size: a long run leaves something
        log(f"wrote {args.results} and {args.chart}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
