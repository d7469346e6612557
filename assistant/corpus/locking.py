"""One ingest at a time per store: a file lock that the OS releases even when the process is killed."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.app.config import Settings

LOCK_NAME = "ingest.lock"


class IngestBusy(RuntimeError):
    """Another ingest holds the lock of this store."""


def lock_path(settings: Settings) -> Path:
    """The lock file: in the store folder, or for a Chroma server in a local runtime folder.

    A server's lock only serialises the ingests started on this machine.
    """
    if not settings.chroma_host:
        return settings.store_dir / LOCK_NAME
    runtime = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir())
    name = re.sub(r"[^\w.-]", "_", f"{settings.chroma_host}_{settings.chroma_port}_"
                                   f"{settings.collection}")
    return runtime / f"lingang-assistant-{os.getuid()}" / f"{name}.{LOCK_NAME}"


@contextmanager
def ingest_lock(settings: Settings, wait: float = 0) -> Iterator[Path]:
    """Hold the store's ingest lock, or fail with IngestBusy naming the lock file (at once, or
    after waiting `wait` seconds for the other ingest to finish)."""
    from filelock import FileLock, Timeout

    path = lock_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        waited = f" (waited {wait:g} s)" if wait else ""
        raise IngestBusy(f"another ingest is running on this store: it holds the lock {path}"
                         f"{waited}. Wait for it to finish, then run ingest again.") from None
    try:
        yield path
    finally:
        lock.release()
