"""Fetching a web page as an article file: http(s) only, a time and size limit, redirects checked
one by one, and (when the chat is bound beyond this machine) no loopback or private address, with
the connection made to the very address that was checked (a second DNS answer cannot swap it)."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

REDIRECTS = 5
TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
         "text/plain": ".txt", "text/markdown": ".md",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}
AGENT = "LingangBriefingAssistant/1 (+saves one page as an article)"


class FetchError(ValueError):
    """The page could not be fetched; the message says why in plain words."""


@dataclass(frozen=True)
class Page:
    """A fetched page: where it ended up, its bytes and the file suffix its type calls for."""

    url: str
    raw: bytes
    suffix: str


def fetch(url: str, *, timeout: float, max_bytes: int, allow_private: bool) -> Page:
    """GET `url` (following up to REDIRECTS redirects), or FetchError."""
    deadline = time.monotonic() + timeout
    for _ in range(REDIRECTS + 1):
        status, headers, raw = _get(url, deadline, max_bytes, allow_private)
        if status in (301, 302, 303, 307, 308) and headers.get("location"):
            url = urljoin(url, headers["location"])
            continue
        if status != 200:
            raise FetchError(f"{url}: the server answered HTTP {status}")
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in TYPES:
            raise FetchError(f"{url}: not an article page (content type {kind or 'not given'}; "
                             "web pages, PDF, Word and text files are read)")
        return Page(url, raw, TYPES[kind])
    raise FetchError(f"{url}: more than {REDIRECTS} redirects")


def _get(url: str, deadline: float, max_bytes: int,
         allow_private: bool) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url[:200]}: only http:// and https:// addresses can be fetched")
    if parts.username or parts.password:
        raise FetchError(f"{parts.hostname}: an address with a user name or password is refused")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url[:200]}: the port is not a number from 1 to 65535") from None
    address = _vetted(parts.hostname, port, allow_private, _left(deadline))
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = cls(parts.hostname, port, timeout=_left(deadline))
    # connect to the address that was checked, not to a second answer of the name server
    conn._create_connection = (  # type: ignore[attr-defined]
        lambda _addr, *args, **kw: socket.create_connection((address, port), *args, **kw))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("GET", path, headers={"User-Agent": AGENT, "Accept-Encoding": "identity",
                                           "Accept": ", ".join(TYPES)})
        response = conn.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        raw = _body(response, deadline, max_bytes, url) if response.status == 200 else b""
        return response.status, headers, raw
    except (OSError, http.client.HTTPException) as exc:
        if isinstance(exc, TimeoutError | socket.timeout) or time.monotonic() > deadline:
            raise FetchError(f"{parts.hostname}: no answer within the time limit") from None
        raise FetchError(f"{parts.hostname}: {getattr(exc, 'strerror', None) or exc}") from None
    finally:
        conn.close()


def _body(response: http.client.HTTPResponse, deadline: float, max_bytes: int, url: str) -> bytes:
    declared = response.getheader("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"{url}: too large ({int(declared):,} bytes > limit {max_bytes:,})")
    chunks, size = [], 0
    while chunk := response.read(65536):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: too large (over the limit of {max_bytes:,} bytes)")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: not fetched within the time limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("not fetched within the time limit")
    return left


def _vetted(host: str, port: int, allow_private: bool, timeout: float) -> str:
    """The address to connect to; FetchError when the name does not resolve, or resolves to a
    loopback, private, link-local or otherwise non-public address that is not allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{host}: the name does not resolve ({exc})") from None
    addresses = [str(info[4][0]) for info in infos]
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            ip = getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:127.0.0.1 is 127.0.0.1
            if not ip.is_global or ip.is_multicast:
                raise FetchError(f"{host} resolves to {address}, a loopback or private address: "
                                 "refused while the chat is served beyond this machine")
    return addresses[0]
