"""The seam to the model: OpenAI or an OpenAI-compatible server through llama-index, with
retries inside the time budget; every failure becomes a GenerationError that says in words what
failed (never the key)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from llama_index.core.llms import LLM, ChatMessage

    from assistant.app.config import Settings

OPENAI_BASE = "https://api.openai.com/v1"
FALLBACK = "The language model {what}; these are quoted sentences from the articles instead."


class GenerationError(Exception):
    """The model gave no usable answer; `what` says why in words for the user (never the key)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what

    @property
    def notice(self) -> str:
        """The line shown above the fallback answer."""
        return FALLBACK.format(what=self.what)


def make_llm(settings: Settings) -> LLM:
    """llama-index's OpenAI class for api.openai.com, OpenAILike for any other server."""
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "unused"
    # Retries are ours (see `reply`): within the timeout budget and never after the first token.
    common: dict[str, Any] = {"model": settings.chat_model, "api_key": key, "max_retries": 0,
                              "timeout": settings.llm_timeout, "max_tokens": settings.max_tokens,
                              "temperature": 0.0}
    if not settings.openai_base_url:
        from llama_index.llms.openai import OpenAI
        from llama_index.llms.openai.utils import ALL_AVAILABLE_MODELS

        if settings.chat_model in ALL_AVAILABLE_MODELS:
            return OpenAI(**common)
    from llama_index.llms.openai_like import OpenAILike  # other servers, or a model llama-index
    # does not know yet (its OpenAI class refuses unknown names)
    return OpenAILike(api_base=settings.openai_base_url or OPENAI_BASE, is_chat_model=True,
                      **common)


def reply(llm: LLM, messages: list[ChatMessage], settings: Settings) -> Iterator[str]:
    """The model's text as it streams in; failures before the first token are retried."""
    import httpx
    import openai

    began = time.monotonic()
    for attempt in range(settings.llm_retries + 1):
        started = finished = False
        try:
            for chunk in llm.stream_chat(messages):
                finished = finished or _finished(chunk.raw)
                if chunk.delta:
                    started = True
                    yield chunk.delta
        except (openai.APIError, httpx.HTTPError, ValueError) as exc:
            what, wait = describe(exc, attempt)
            left = settings.llm_timeout - (time.monotonic() - began)
            if started or wait is None or attempt == settings.llm_retries or wait >= left:
                raise GenerationError(what) from None
            time.sleep(wait)
            continue
        if not finished:  # the body ended without a finish reason: silently truncated
            raise GenerationError("stopped in the middle of its answer")
        return


def describe(exc: Exception, attempt: int) -> tuple[str, float | None]:
    """What failed, in words for the user, and the wait before a retry (None: do not retry)."""
    import httpx
    import openai

    backoff = 0.5 * 2 ** attempt
    match exc:
        case openai.APITimeoutError() | httpx.TimeoutException():
            return "did not answer in time", None
        case openai.AuthenticationError():
            return "rejected the API key (401)", None
        case openai.RateLimitError():
            return "is rate-limiting requests (429)", _retry_after(exc.response) or backoff
        case openai.APIStatusError() if exc.status_code >= 500:
            return f"had a server error ({exc.status_code})", _retry_after(exc.response) or backoff
        case openai.APIStatusError():
            return f"refused the request ({exc.status_code})", None
        case openai.APIConnectionError():
            return "could not be reached", backoff
        case httpx.HTTPError():
            return "stopped in the middle of its answer", None
    return "sent a reply that could not be read", None


def _retry_after(response: Any) -> float | None:
    headers = response.headers
    try:
        if "retry-after-ms" in headers:
            return float(headers["retry-after-ms"]) / 1000
        return float(headers["retry-after"]) if "retry-after" in headers else None
    except ValueError:  # an HTTP date: use our own backoff
        return None


def _finished(raw: Any) -> bool:
    return any(getattr(c, "finish_reason", None) for c in getattr(raw, "choices", None) or [])
