"""Helpers for the fault tests: the real command line on tmp folders, store snapshots, a corpus."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from types import ModuleType

from conftest import MODEL_CACHE, ROOT, SEEDS

from assistant.store.chroma import Store


def cli_env(seeds: Path, store: Path, **extra: str) -> dict[str, str]:
    """The environment of a CLI run on these folders, without the caller's assistant settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    env.update({"ASSISTANT_SEEDS_DIR": str(seeds), "ASSISTANT_STORE_DIR": str(store),
                "ASSISTANT_MODEL_CACHE_DIR": str(MODEL_CACHE), "ASSISTANT_ANSWERER": "extractive",
                "PYTHONPATH": str(ROOT)})
    env.update(extra)
    return env


def run_cli(env: dict[str, str], *args: str, cwd: Path | None = None, timeout: float = 300,
            input_lines: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m assistant ARGS`, to completion, with these lines on stdin."""
    stdin = "".join(f"{line}\n" for line in input_lines) if input_lines is not None else ""
    return subprocess.run([sys.executable, "-m", "assistant", *args], env=env, cwd=cwd,
                          input=stdin, capture_output=True, text=True, timeout=timeout,
                          check=False)


class Running:
    """A CLI process whose stderr is collected as it arrives."""

    def __init__(self, env: dict[str, str], *args: str, cwd: Path | None = None) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "assistant", *args], env=env, cwd=cwd,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.err = bytearray()
        self.out = b""
        self.seen = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        while chunk := os.read(self.proc.stderr.fileno(), 4096):
            with self.seen:
                self.err += chunk
                self.seen.notify_all()

    def wait_for(self, text: bytes, timeout: float = 120) -> None:
        """Block until stderr shows `text`."""
        with self.seen:
            if not self.seen.wait_for(lambda: text in self.err or self.proc.poll() is not None,
                                      timeout):
                raise TimeoutError(f"{text!r} not seen: {self.err.decode(errors='replace')}")
        assert text in self.err, self.err.decode(errors="replace")

    def finish(self, timeout: float = 300) -> int:
        """Wait for the exit status; stdout is kept in `out`."""
        self.out, _ = self.proc.communicate(timeout=timeout)
        self._reader.join(timeout=10)
        return self.proc.returncode


def synth_module() -> ModuleType:
    """bench/synth.py, the deterministic synthetic corpus."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus(target: Path, synthetic: int, seed: int = 11) -> Path:
    """The five seeds plus `synthetic` generated articles."""
    synth_module().write_corpus(target, synthetic, seed=seed, include_seeds=SEEDS)
    return target


def snapshot(settings) -> tuple[dict[str, tuple[str, int]], set[str]]:  # type: ignore[no-untyped-def]
    """(article id -> (fingerprint, chunk count), chunk ids) of a store, opened and closed."""
    store = Store(settings)
    try:
        got = store.articles.get(include=["metadatas"])
        records = {rid: (m["fingerprint"], int(m["chunks"]))
                   for rid, m in zip(got["ids"], got["metadatas"])}
        return records, set(store.chunks.get(include=[])["ids"])
    finally:
        store.client.close()


def copy_store(source: Path, target: Path) -> Path:
    """A private copy of a store folder (a second process never opens a shared one)."""
    shutil.copytree(source, target)
    return target
