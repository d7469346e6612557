"""A scriptable, local OpenAI-compatible HTTP server for tests (standard library only).

    from fake_openai import FakeOpenAI, answer, status, hang, malformed, cut_stream

    with FakeOpenAI() as srv:
        srv.script(status(429, headers={"Retry-After": "1"}), answer("Hello"))
        client = openai.OpenAI(base_url=srv.base_url, api_key="test", max_retries=1)
        ...
        assert srv.chat_requests[-1].headers["authorization"] == "Bearer test"

Endpoints
    POST /v1/chat/completions  (also /chat/completions), stream or not
    POST /v1/completions       (also /completions), the legacy text endpoint that
                               llama-index uses when ``is_chat_model=False``
    GET  /v1/models            (also /models)
    anything else: 404 with an OpenAI-style error body.

Every generation request (the two POST endpoints) takes the next behaviour from the
script queue, or the default behaviour (``srv.default``) when the queue is empty.
``GET /v1/models`` never consumes the queue. Every request, whatever its path, is
recorded in ``srv.requests``.

Behaviours (module-level constructors, also available as ``FakeOpenAI.answer`` etc.):
    answer(text | fn, chunk_size=4, delay=0.0, finish_reason="stop")
        fn receives the parsed request JSON (a dict) and returns a str or another
        behaviour. When streaming, the text is sent in pieces of ``chunk_size``
        characters with ``delay`` seconds between pieces.
    status(code, message=None, type=None, code_str=None, headers=None, body=None)
        An error response (JSON ``{"error": {...}}``) unless ``body`` (str, bytes or
        JSON-able object) replaces it. Always non-streamed, as OpenAI does.
    hang(seconds, then=None)
        Accept the request, sleep, then behave as ``then`` (default: the default
        behaviour). The sleep wakes up at shutdown; other requests are not blocked.
    malformed(stream_text="Hi")
        200 with an invalid JSON body; for stream=true, one valid chunk and then an
        invalid ``data:`` line, followed by ``data: [DONE]``.
    cut_stream(after_chars, text=None, reset=False, clean=False)
        Stream the first ``after_chars`` characters of the answer and close the
        connection without the final chunk, without ``[DONE]`` and without the
        terminating HTTP chunk (FIN; ``reset=True`` sends a TCP RST instead).
        ``clean=True``: end the HTTP body properly, still without the finish chunk
        and ``[DONE]`` (silent truncation; only meaningful for stream=true).
        For a non-streamed request: send the headers and the first ``after_chars``
        bytes of the JSON body, then close.
    stall(after_chars, seconds, text=None)
        Stream ``after_chars`` characters, then go silent for ``seconds`` (a read
        timeout in the middle of a stream), then finish normally.
    respond(fn)
        fn receives the RecordedRequest and returns a behaviour (or a str).
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

__all__ = [
    "Behaviour",
    "FakeOpenAI",
    "RecordedRequest",
    "answer",
    "cut_stream",
    "hang",
    "malformed",
    "respond",
    "stall",
    "status",
]

_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_denied", None),
    404: ("invalid_request_error", "model_not_found"),
    408: ("timeout", None),
    429: ("rate_limit_exceeded", "rate_limit_exceeded"),
    500: ("server_error", None),
    502: ("server_error", None),
    503: ("server_error", None),
}

_CHAT_PATHS = ("/v1/chat/completions", "/chat/completions")
_COMPLETION_PATHS = ("/v1/completions", "/completions")
_MODEL_PATHS = ("/v1/models", "/models")


# --------------------------------------------------------------------------- behaviours


@dataclass
class Behaviour:
    """One scripted reaction to a generation request. Build it with the helpers below."""

    kind: str  # answer | status | hang | malformed | cut | stall | respond
    text: str | Callable[[dict], Any] | None = None
    chunk_size: int = 4
    delay: float = 0.0
    finish_reason: str = "stop"
    code: int = 200
    message: str | None = None
    error_type: str | None = None
    error_code: str | None = None
    headers: dict = field(default_factory=dict)
    body: Any = None
    seconds: float = 0.0
    then: Behaviour | None = None
    after_chars: int = 0
    reset: bool = False
    clean: bool = False
    fn: Callable[[RecordedRequest], Any] | None = None


def answer(
    text: str | Callable[[dict], Any],
    *,
    chunk_size: int = 4,
    delay: float = 0.0,
    finish_reason: str = "stop",
) -> Behaviour:
    """Reply with ``text`` (or ``text(request_json)``), streamed in ``chunk_size`` pieces."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be >= 1")
    return Behaviour(
        "answer", text=text, chunk_size=chunk_size, delay=delay, finish_reason=finish_reason
    )


def status(
    code: int,
    message: str | None = None,
    *,
    type: str | None = None,
    code_str: str | None = None,
    headers: dict | None = None,
    body: Any = None,
) -> Behaviour:
    """Reply with HTTP ``code`` and an OpenAI-style error body (or ``body`` verbatim)."""
    default_type, default_code = _ERROR_TYPES.get(
        code, ("server_error" if code >= 500 else "invalid_request_error", None)
    )
    return Behaviour(
        "status",
        code=code,
        message=message or f"Fake error {code}",
        error_type=type or default_type,
        error_code=code_str if code_str is not None else default_code,
        headers=dict(headers or {}),
        body=body,
    )


def hang(seconds: float, then: Behaviour | None = None) -> Behaviour:
    """Accept the request, sleep ``seconds`` (woken at shutdown), then behave as ``then``."""
    return Behaviour("hang", seconds=seconds, then=then)


def malformed(stream_text: str = "Hi") -> Behaviour:
    """200 with an invalid JSON body (or an invalid SSE data line when streaming)."""
    return Behaviour("malformed", text=stream_text)


def cut_stream(
    after_chars: int,
    text: str | Callable[[dict], Any] | None = None,
    *,
    reset: bool = False,
    clean: bool = False,
) -> Behaviour:
    """Send ``after_chars`` characters of the answer, then drop the connection.

    ``clean=True`` instead ends the HTTP body properly but leaves out the chunk with
    ``finish_reason`` and ``data: [DONE]`` (a silently truncated stream).
    """
    return Behaviour("cut", after_chars=after_chars, text=text, reset=reset, clean=clean)


def stall(
    after_chars: int, seconds: float, text: str | Callable[[dict], Any] | None = None
) -> Behaviour:
    """Stream ``after_chars`` characters, pause ``seconds``, then finish the stream."""
    return Behaviour("stall", after_chars=after_chars, seconds=seconds, text=text)


def respond(fn: Callable[[RecordedRequest], Any]) -> Behaviour:
    """Decide per request: ``fn(recorded_request)`` returns a Behaviour or a str."""
    return Behaviour("respond", fn=fn)


# --------------------------------------------------------------------------- records


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict  # lower-cased header names
    body: Any  # parsed JSON, or None
    raw_body: bytes
    time: float

    @property
    def stream(self) -> bool:
        return bool(isinstance(self.body, dict) and self.body.get("stream"))

    @property
    def messages(self) -> list:
        if isinstance(self.body, dict):
            return list(self.body.get("messages") or [])
        return []

    @property
    def prompt_text(self) -> str:
        """All message contents (or the legacy ``prompt``) joined by newlines."""
        if not isinstance(self.body, dict):
            return ""
        if "prompt" in self.body and "messages" not in self.body:
            p = self.body["prompt"]
            return "\n".join(p) if isinstance(p, list) else str(p)
        return "\n".join(_content_text(m.get("content")) for m in self.messages)


def _content_text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts
        return "".join(
            part.get("text", "") if isinstance(part, dict) else str(part) for part in content
        )
    return str(content)


# --------------------------------------------------------------------------- server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeOpenAI


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked streaming, like the real API
    server: _Server

    # quiet
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        self.server.fake._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        self.server.fake._track(self.connection, add=False)

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, OSError, ValueError):
            # client went away (timeouts, cut streams) or the server is closing
            self.close_connection = True

    # -- plumbing

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _record(self, raw: bytes) -> RecordedRequest:
        body: Any = None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
        rec = RecordedRequest(
            method=self.command,
            path=self.path.split("?", 1)[0],
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
            raw_body=raw,
            time=time.time(),
        )
        self.server.fake._add_request(rec)
        return rec

    def _send_json(self, code: int, obj: Any, headers: dict | None = None) -> None:
        if isinstance(obj, bytes):
            data = obj
        elif isinstance(obj, str):
            data = obj.encode()
        else:
            data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        self.wfile.write(data)

    def _start_sse(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%X\r\n%s\r\n" % (len(data), data))

    def _sse(self, obj: Any) -> None:
        payload = obj if isinstance(obj, str) else json.dumps(obj)
        self._chunk(f"data: {payload}\n\n".encode())

    def _end_chunks(self) -> None:
        self.wfile.write(b"0\r\n\r\n")

    def _drop(self, reset: bool = False) -> None:
        """Close the TCP connection now, without finishing the HTTP message."""
        self.close_connection = True
        try:
            if reset:
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
            else:
                self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # -- verbs

    def do_GET(self) -> None:
        raw = b""
        rec = self._record(raw)
        if rec.path in _MODEL_PATHS:
            now = int(time.time())
            self._send_json(
                200,
                {
                    "object": "list",
                    "data": [
                        {"id": m, "object": "model", "created": now, "owned_by": "fake-openai"}
                        for m in self.server.fake.models
                    ],
                },
            )
        else:
            self._not_found(rec.path)

    def do_POST(self) -> None:
        raw = self._read_body()
        rec = self._record(raw)
        if rec.path in _CHAT_PATHS:
            self._generate(rec, chat=True)
        elif rec.path in _COMPLETION_PATHS:
            self._generate(rec, chat=False)
        else:
            self._not_found(rec.path)

    def _not_found(self, path: str) -> None:
        self._send_json(
            404,
            {
                "error": {
                    "message": f"Unknown path {path}",
                    "type": "invalid_request_error",
                    "code": "unknown_url",
                }
            },
        )

    # -- generation

    def _generate(self, rec: RecordedRequest, chat: bool) -> None:
        fake = self.server.fake
        if not isinstance(rec.body, dict):
            self._send_json(
                400,
                {
                    "error": {
                        "message": "Request body is not valid JSON",
                        "type": "invalid_request_error",
                        "code": None,
                    }
                },
            )
            return
        beh = fake._next_behaviour()
        self._run(beh, rec, chat, depth=0)

    def _resolve_text(self, text: Any, rec: RecordedRequest) -> Any:
        """Return a str, or a Behaviour when a callable answered with one."""
        if text is None:
            text = self.server.fake.default_text
        if callable(text):
            text = text(rec.body)
        if isinstance(text, Behaviour):
            return text
        return "" if text is None else str(text)

    def _run(self, beh: Behaviour, rec: RecordedRequest, chat: bool, depth: int) -> None:
        fake = self.server.fake
        if depth > 20:
            raise RuntimeError("behaviour recursion too deep")
        stream = rec.stream

        if beh.kind == "respond":
            out = beh.fn(rec)  # type: ignore[misc]
            nxt = out if isinstance(out, Behaviour) else answer(str(out))
            return self._run(nxt, rec, chat, depth + 1)

        if beh.kind == "hang":
            fake._stop.wait(beh.seconds)
            if fake._stop.is_set():
                self._drop()
                return
            return self._run(beh.then or fake.default, rec, chat, depth + 1)

        if beh.kind == "status":
            if beh.body is not None:
                body = beh.body
            else:
                body = {
                    "error": {
                        "message": beh.message,
                        "type": beh.error_type,
                        "param": None,
                        "code": beh.error_code,
                    }
                }
            self._send_json(beh.code, body, beh.headers)
            return

        if beh.kind == "malformed":
            if stream:
                self._start_sse()
                ids = _Ids(rec, chat)
                self._sse(ids.chunk(beh.text or "Hi", role=True))
                self._sse('{"id": "broken", "choices": [ {"delta": ')
                self._chunk(b"data: [DONE]\n\n")
                self._end_chunks()
            else:
                self._send_json(200, b'{"id": "chatcmpl-broken", "choices": [ {"mess')
            return

        # answer / cut / stall all need the text
        text = self._resolve_text(beh.text, rec)
        if isinstance(text, Behaviour):
            return self._run(text, rec, chat, depth + 1)

        if beh.kind == "answer":
            if stream:
                self._stream(rec, chat, text, beh.chunk_size, beh.delay, beh.finish_reason)
            else:
                self._send_json(200, _Ids(rec, chat).full(text, beh.finish_reason))
            return

        if beh.kind == "cut":
            if stream:
                self._start_sse()
                ids = _Ids(rec, chat)
                self._sse(ids.chunk("", role=True))
                part = text[: beh.after_chars]
                for piece in _pieces(part, 4):
                    self._sse(ids.chunk(piece))
                if beh.clean:
                    self._end_chunks()
                    return
            else:
                data = json.dumps(_Ids(rec, chat).full(text, "stop")).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: max(1, min(beh.after_chars, len(data) - 1))])
            self.wfile.flush()
            time.sleep(0.05)  # let the client read what was sent before the FIN/RST
            self._drop(reset=beh.reset)
            return

        if beh.kind == "stall":
            if not stream:
                fake._stop.wait(beh.seconds)
                if fake._stop.is_set():
                    self._drop()
                    return
                self._send_json(200, _Ids(rec, chat).full(text, "stop"))
                return
            self._start_sse()
            ids = _Ids(rec, chat)
            self._sse(ids.chunk("", role=True))
            for piece in _pieces(text[: beh.after_chars], 4):
                self._sse(ids.chunk(piece))
            fake._stop.wait(beh.seconds)
            if fake._stop.is_set():
                self._drop()
                return
            for piece in _pieces(text[beh.after_chars :], 4):
                self._sse(ids.chunk(piece))
            self._finish_stream(rec, ids, text, "stop")
            return

        raise ValueError(f"unknown behaviour kind {beh.kind!r}")

    def _stream(
        self,
        rec: RecordedRequest,
        chat: bool,
        text: str,
        chunk_size: int,
        delay: float,
        finish_reason: str,
    ) -> None:
        fake = self.server.fake
        self._start_sse()
        ids = _Ids(rec, chat)
        if chat:
            self._sse(ids.chunk("", role=True))
        for piece in _pieces(text, chunk_size):
            if delay:
                fake._stop.wait(delay)
                if fake._stop.is_set():
                    self._drop()
                    return
            self._sse(ids.chunk(piece))
        self._finish_stream(rec, ids, text, finish_reason)

    def _finish_stream(self, rec: RecordedRequest, ids: _Ids, text: str, reason: str) -> None:
        self._sse(ids.chunk(None, finish_reason=reason))
        opts = rec.body.get("stream_options") if isinstance(rec.body, dict) else None
        if isinstance(opts, dict) and opts.get("include_usage"):
            self._sse(ids.usage_chunk(text))
        self._chunk(b"data: [DONE]\n\n")
        self._end_chunks()


def _pieces(text: str, size: int) -> list:
    return [text[i : i + size] for i in range(0, len(text), size)]


def _count_tokens(text: str) -> int:
    return max(1, len(text.split())) if text else 0


class _Ids:
    """Builds response objects in the OpenAI wire format for one request."""

    def __init__(self, rec: RecordedRequest, chat: bool) -> None:
        self.rec = rec
        self.chat = chat
        self.id = ("chatcmpl-" if chat else "cmpl-") + uuid.uuid4().hex[:24]
        self.created = int(time.time())
        body = rec.body if isinstance(rec.body, dict) else {}
        self.model = body.get("model") or "fake-model"

    def usage(self, text: str) -> dict:
        p = _count_tokens(self.rec.prompt_text)
        c = _count_tokens(text)
        return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}

    def full(self, text: str, finish_reason: str) -> dict:
        if self.chat:
            choice = {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "logprobs": None,
                "finish_reason": finish_reason,
            }
            obj = "chat.completion"
        else:
            choice = {"index": 0, "text": text, "logprobs": None, "finish_reason": finish_reason}
            obj = "text_completion"
        return self.envelope(obj, choice) | {"usage": self.usage(text)}

    def envelope(self, obj: str, choice: dict) -> dict:
        """The fields every completion object and stream chunk share."""
        return {
            "id": self.id,
            "object": obj,
            "created": self.created,
            "model": self.model,
            "system_fingerprint": "fp_fake",
            "choices": [choice],
        }

    def chunk(
        self, content: str | None, role: bool = False, finish_reason: str | None = None
    ) -> dict:
        if self.chat:
            delta: dict = {}
            if role:
                delta["role"] = "assistant"
            if content is not None:
                delta["content"] = content
            choice = {
                "index": 0,
                "delta": delta,
                "logprobs": None,
                "finish_reason": finish_reason,
            }
            obj = "chat.completion.chunk"
        else:
            choice = {
                "index": 0,
                "text": content or "",
                "logprobs": None,
                "finish_reason": finish_reason,
            }
            obj = "text_completion"
        return self.envelope(obj, choice)

    def usage_chunk(self, text: str) -> dict:
        out = self.chunk(None)
        out["choices"] = []
        out["usage"] = self.usage(text)
        return out


class FakeOpenAI:
    """A local OpenAI-compatible server. Use as a context manager (or start()/stop()).

    Attributes
        base_url    "http://127.0.0.1:PORT/v1" (pass as ``base_url`` / ``api_base``)
        url         "http://127.0.0.1:PORT" (no /v1)
        port        the bound port
        default     behaviour used when the script queue is empty (assignable;
                    a plain str is wrapped in ``answer``)
        models      model ids listed by GET /v1/models
        requests    every RecordedRequest received, in arrival order
    """

    # the constructors, reachable from an instance too: srv.script(srv.answer("x"))
    answer = staticmethod(answer)
    status = staticmethod(status)
    hang = staticmethod(hang)
    malformed = staticmethod(malformed)
    cut_stream = staticmethod(cut_stream)
    stall = staticmethod(stall)
    respond = staticmethod(respond)

    def __init__(
        self,
        default: Behaviour | str | Callable[[dict], Any] | None = None,
        *,
        models: list | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.default_text = "This is a fake answer."
        self._default: Behaviour = answer(self.default_text)
        if default is not None:
            self.default = default  # type: ignore[assignment]
        self.models = list(models or ["fake-model"])
        self._host = host
        self._port = port
        self._lock = threading.Lock()
        self._queue: list = []
        self._requests: list = []
        self._conns: set = set()
        self._cond = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- behaviours

    @property
    def default(self) -> Behaviour:
        return self._default

    @default.setter
    def default(self, value: Behaviour | str | Callable[[dict], Any]) -> None:
        self._default = value if isinstance(value, Behaviour) else answer(value)

    def script(self, *behaviours: Behaviour | str) -> Self:
        """Queue behaviours for the next generation requests (a str means answer(str))."""
        with self._lock:
            for b in behaviours:
                self._queue.append(b if isinstance(b, Behaviour) else answer(b))
        return self

    @property
    def pending(self) -> int:
        """How many scripted behaviours have not been used yet."""
        with self._lock:
            return len(self._queue)

    def _next_behaviour(self) -> Behaviour:
        with self._lock:
            return self._queue.pop(0) if self._queue else self._default

    # -- records

    def _add_request(self, rec: RecordedRequest) -> None:
        with self._cond:
            self._requests.append(rec)
            self._cond.notify_all()

    @property
    def requests(self) -> list:
        with self._lock:
            return list(self._requests)

    @property
    def chat_requests(self) -> list:
        """Requests to the chat and legacy completion endpoints."""
        return [r for r in self.requests if r.path in _CHAT_PATHS or r.path in _COMPLETION_PATHS]

    @property
    def last_request(self) -> RecordedRequest | None:
        with self._lock:
            return self._requests[-1] if self._requests else None

    def wait_for_requests(self, n: int, timeout: float = 5.0) -> list:
        """Block until at least ``n`` requests have arrived; raise TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._requests) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"got {len(self._requests)} requests, wanted {n}")
                self._cond.wait(left)
            return list(self._requests)

    def reset(self) -> None:
        """Forget recorded requests and scripted behaviours (the default stays)."""
        with self._lock:
            self._requests.clear()
            self._queue.clear()

    # -- lifecycle

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("server not started")
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            (self._conns.add if add else self._conns.discard)(conn)

    def start(self) -> Self:
        if self._server is not None:
            return self
        self._stop.clear()
        srv = _Server((self._host, self._port), _Handler)
        srv.fake = self
        self._server = srv
        self._thread = threading.Thread(
            target=srv.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeOpenAI:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop quickly: wake hanging handlers, close live connections, join the loop."""
        srv, self._server = self._server, None
        if srv is None:
            return
        self._stop.set()
        srv.shutdown()
        srv.server_close()
        with self._lock:
            conns = list(self._conns)
            self._conns.clear()
        for c in conns:  # idle keep-alive connections block in readline otherwise
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"{self.base_url}" if self._server else "stopped"
        return f"<FakeOpenAI {state} queued={self.pending} requests={len(self._requests)}>"
