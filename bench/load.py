"""Concurrent chat users against `assistant serve` (extractive answerer) on loopback: requests,
errors, p50/p95 latency and the server's RSS; writes its section of bench/RESULTS.md.

    python bench/load.py [--users 16] [--seconds 60] [--store DIR] [--no-write]

Each user is a gradio_client.Client asking the briefing questions in its own order, back to back
(no think time), through the same /chat endpoint the page uses.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "eval" / "briefing.jsonl"
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- load:start -->", "<!-- load:end -->"


@dataclass
class Load:
    """What the users saw."""

    users: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")

    def summary(self) -> dict[str, Any]:
        return {"users": self.users, "seconds": self.seconds, "requests": len(self.latencies),
                "errors": len(self.errors), "per_second": len(self.latencies) / self.wall,
                "p50": statistics.median(self.latencies), "p95": self.percentile(0.95),
                "max": max(self.latencies), "first_error": self.errors[:1]}


def read_questions(path: Path = QUESTIONS) -> list[str]:
    """Every question of the eval set (answerable or not)."""
    return [json.loads(line)["question"] for line in path.read_text().splitlines() if line.strip()]


def last_answer(output: Any) -> str:
    """The text of the final assistant bubble of a /chat output ("" if there is none)."""
    last = output[0][-1]
    content = last["content"]
    text = " ".join(p.get("text", "") for p in content) if isinstance(content, list) else content
    return str(text) if last["role"] == "assistant" else ""


def answered(question: str, output: Any) -> str | None:
    """None when the output ends with a real answer, else what is wrong."""
    return None if last_answer(output).strip() not in ("", "…") else f"no answer to {question!r}"


Check = Callable[[str, Any], "str | None"]


def user(url: str, questions: list[str], number: int, load: Load, deadline: float,
         lock: threading.Lock, timeout: float, check: Check) -> None:
    """One user: ask back to back until the deadline; every failure is counted, none is fatal."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    turn = 0
    while time.monotonic() < deadline:
        question = questions[(number * 7 + turn * load.users) % len(questions)]
        turn += 1
        began = time.perf_counter()
        try:
            error = check(question, client.submit(question, [], api_name="/chat")
                          .result(timeout=timeout))
        except Exception as exc:  # noqa: BLE001 (a load test counts every failure)
            error = f"{type(exc).__name__}: {exc}"
        with lock:
            load.latencies.append(time.perf_counter() - began)
            if error:
                load.errors.append(error)


def run_users(url: str, questions: list[str], users: int, seconds: float,
              timeout: float = 30.0, check: Check = answered) -> Load:
    """`users` concurrent clients for `seconds` (requests in flight at the end may finish later)."""
    load, lock = Load(users, seconds), threading.Lock()
    began = time.monotonic()
    threads = [threading.Thread(target=user, args=(url, questions, n, load, began + seconds, lock,
                                                   timeout, check), daemon=True)
               for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 30)
    load.wall = time.monotonic() - began
    return load


def start_server(store: Path | None, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`assistant serve` with the extractive answerer, in its own process, once it answers HTTP."""
    import httpx

    env = {**os.environ, "ASSISTANT_HOST": "127.0.0.1", "ASSISTANT_PORT": str(port),
           "ASSISTANT_ANSWERER": "extractive", "GRADIO_ANALYTICS_ENABLED": "False"}
    if store:
        env["ASSISTANT_STORE_DIR"] = str(store)
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve"], env=env, cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"assistant serve did not come up; see {log}")


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def usage(pid: int) -> dict[str, float]:
    """RSS and peak RSS in MB of a process, its CPU seconds, and this process's CPU seconds."""
    import psutil

    proc, me = psutil.Process(pid), os.times()
    peak = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text()
                .splitlines() if line.startswith("VmHWM:"))
    cpu = proc.cpu_times()
    return {"rss": proc.memory_info().rss / 2**20, "peak": peak / 1024,
            "server_cpu": cpu.user + cpu.system, "client_cpu": me.user + me.system}


def section(s: dict[str, Any]) -> str:
    """The bench/RESULTS.md section, between its markers."""
    setup = (f"{s['users']} `gradio_client` users asking the {len(read_questions())} briefing "
             f"questions back to back (no think time) for {s['seconds']:.0f} s against `assistant "
             "serve` (extractive answerer, five seeds) on loopback; `python bench/load.py` "
             f"({time.strftime('%Y-%m-%d')}, 2 shared cores).")
    row = (f"| {s['requests']} | {s['errors']} | {s['per_second']:.1f} | {s['p50']:.2f} s | "
           f"{s['p95']:.2f} s | {s['max']:.2f} s | {s['rss_before']:.0f} → "
           f"{s['rss_after']:.0f} MB ({s['rss_peak']:.0f} MB) |")
    cpu = (f"CPU during the run: server {s['cpu_s']['server_cpu']:.0f} s, the load generator "
           f"{s['cpu_s']['client_cpu']:.0f} s, of {2 * s['seconds']:.0f} core-seconds; load "
           f"average {s['loadavg']:.1f} at the end (other work shares the machine).")
    header = "| requests | errors | req/s | p50 | p95 | max | server RSS before → after (peak) |"
    return (f"{START}\n## Concurrent users\n\n{setup}\n\n{header}\n|---|---|---|---|---|---|---|\n"
            f"{row}\n\n{cpu}\n\n{END}")


def write_section(text: str, path: Path = RESULTS) -> None:
    """Replace the load section of the results file (or append it); the rest is left as it is."""
    old = path.read_text() if path.exists() else ""
    if START in old and END in old:
        new = old[:old.index(START)] + text + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + ("\n\n" if old.strip() else "") + text + "\n"
    path.write_text(new)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--users", type=int, default=16)
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--store", type=Path, help="store folder (default: the configured one)")
    p.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md")
    args = p.parse_args(argv)
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")  # before gradio_client is imported
    port = free_port()
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    proc = start_server(args.store, port, ROOT / "bench" / "out" / "load-server.log")
    try:
        url, questions = f"http://127.0.0.1:{port}/", read_questions()
        run_users(url, questions, 2, 3)  # warm: model, BM25 index, first page of each worker
        before = usage(proc.pid)
        load = run_users(url, questions, args.users, args.seconds)
        after = usage(proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)
    summary = {**load.summary(), "rss_before": before["rss"], "rss_after": after["rss"],
               "rss_peak": after["peak"], "cpu_s": {k: after[k] - before[k] for k in
                                                    ("server_cpu", "client_cpu")},
               "loadavg": os.getloadavg()[0]}
    print(json.dumps(summary, indent=1))
    if not args.no_write:
        write_section(section(summary))
    return 0 if not load.errors else 1


if __name__ == "__main__":
    sys.exit(main())
