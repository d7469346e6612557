"""A Chroma server as the store: address, credentials, a bounded heartbeat, bounded requests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from assistant.app.config import Settings


class StoreUnreachable(RuntimeError):
    """The Chroma server did not answer in time (the CLI prints the message, no traceback)."""


def server_url(settings: Settings) -> str:
    """The server's base URL, as messages show it."""
    scheme = "https" if settings.chroma_ssl else "http"
    return f"{scheme}://{settings.chroma_host}:{settings.chroma_port}"


def server_headers(settings: Settings) -> dict[str, str]:
    """Configured headers plus the bearer token, sent with every request."""
    headers = dict(settings.chroma_headers)
    if settings.chroma_token is not None:
        headers["Authorization"] = f"Bearer {settings.chroma_token.get_secret_value()}"
    return headers


def unreachable(url: str, exc: Exception, seconds: float) -> StoreUnreachable:
    """The error users see when the server is down, refuses, or does not answer."""
    if isinstance(exc, httpx.TimeoutException):
        reason = f"no answer within {seconds:g} s (ASSISTANT_CHROMA_TIMEOUT)"
    else:
        reason = str(exc) or type(exc).__name__
    return StoreUnreachable(f"Chroma server at {url} is not reachable: {reason}")


def check(settings: Settings) -> None:
    """Ask for the heartbeat within chroma_timeout; chromadb's own first requests never time out."""
    url = server_url(settings)
    try:
        response = httpx.get(f"{url}/api/v2/heartbeat", headers=server_headers(settings),
                             timeout=settings.chroma_timeout)
    except httpx.HTTPError as exc:
        raise unreachable(url, exc, settings.chroma_timeout) from exc
    if response.status_code in (401, 403):
        raise StoreUnreachable(f"Chroma server at {url} refused the credentials "
                               f"(HTTP {response.status_code}): check ASSISTANT_CHROMA_TOKEN")
    if response.status_code != 200:
        raise StoreUnreachable(f"Chroma server at {url} answered its heartbeat with "
                               f"HTTP {response.status_code}")


class _Session(httpx.Client):
    """chromadb's HTTP session with a timeout and a clear error when the server goes away."""

    def __init__(self, url: str, seconds: float, **kwargs: Any) -> None:
        super().__init__(timeout=seconds, **kwargs)
        self.url, self.seconds = url, seconds

    def request(self, *args: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        try:
            return super().request(*args, **kwargs)
        except httpx.TransportError as exc:
            raise unreachable(self.url, exc, self.seconds) from exc


def bound(client: Any, settings: Settings) -> None:
    """Replace the client's session: chromadb 1.5.9 hardcodes timeout=None and offers no setting."""
    server = client._server  # the FastAPI transport of chromadb.HttpClient
    old = server._session
    server._session = _Session(server_url(settings), settings.chroma_timeout,
                               headers=old.headers, limits=server.http_limits)
    old.close()


def make_client(settings: Settings) -> Any:
    """The Chroma client: the server at chroma_host if set, else embedded and persistent."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        check(settings)
        client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                     ssl=settings.chroma_ssl,
                                     headers=server_headers(settings), settings=chroma)
        bound(client, settings)
        return client
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.store_dir), settings=chroma)
