"""Wall and CPU time of a call: on a shared machine the CPU time is the steadier measure."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Took:
    """Seconds of wall time and of this process's CPU time (all threads)."""

    wall: float
    cpu: float


def timed(fn: Callable[[], Any]) -> tuple[Any, Took]:
    """fn's result and how long it took."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, Took(time.perf_counter() - wall, time.process_time() - cpu)
