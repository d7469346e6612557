"""The chat's login check: constant-time password comparison and lockouts after wrong passwords,
counted per client address and per user.

Gradio calls the `auth=` function with the user name and password only. `ClientAddress`, an ASGI
middleware, puts each request's client address in a context variable that `check` reads (Gradio's
/login handler awaits `check` in the request's own task). The address is the socket peer:
uvicorn, Gradio's server, rewrites it from X-Forwarded-For only for the proxies named in
ASSISTANT_TRUSTED_PROXIES (`trust_proxies`), as anyone can write that header; behind a proxy
not named there, every client has the proxy's address and they share one count.

The lockouts follow fail2ban (per address) and django-axes' "user and address" mode:
- an address that sends FREE_FAILURES wrong passwords, whatever names it tries, is refused for a
  while, doubling with each further one: this stops one guesser and locks out nobody else. IPv6
  addresses count per /64, the block one subscriber gets, so a guesser cannot step through them.
- a user whose wrong passwords from all addresses together reach USER_FREE_FAILURES (a guesser
  with many addresses) is refused too, but not at the addresses the user has logged in from: a
  stranger needs many addresses to reach that count, and even then the user gets in from where
  they usually do (OWASP's "device cookies", with the address as the device).
- a check that has no address (not from a request) counts per user, from FREE_FAILURES on.
Names that are no user share one count, and at most MAX_PLACES addresses are remembered: the
tables stay bounded whatever is tried.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import math
import os
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

FREE_FAILURES = 5  # wrong passwords an address (or, without one, a user) gets before a lockout
USER_FREE_FAILURES = 4 * FREE_FAILURES  # wrong passwords a user gets from all addresses together
MAX_LOCKOUT = 3600.0  # seconds; the lockout doubles with each failure after it, up to this
MAX_DOUBLINGS = 20  # keeps 2**n a small number whatever the count
FAILURE_DELAY = 0.5  # seconds every wrong password waits before its answer
UNKNOWN = "\x00unknown"  # one bucket for every name that is no user: the table stays bounded
MAX_PLACES = 10_000  # addresses whose wrong passwords are remembered, the longest quiet forgotten
KNOWN_PLACES = 8  # addresses remembered per user as ones it logged in from
CLIENT: ContextVar[str | None] = ContextVar("login_client", default=None)  # see ClientAddress


@dataclass
class Tally:
    """Wrong passwords per key and the lockouts they earned; beyond `size` keys, the one quiet
    the longest is forgotten."""

    size: int = MAX_PLACES
    failures: dict[str, int] = field(default_factory=dict)
    locked_until: dict[str, float] = field(default_factory=dict)

    def wait(self, key: str, now: float) -> float:
        """Seconds `key` stays locked out (none when 0 or less)."""
        return self.locked_until.get(key, 0.0) - now

    def fail(self, key: str, now: float, free: int, lockout: float) -> None:
        """Count a wrong password; from the `free`-th on, lock `key` out, doubling each time."""
        count = self.failures.pop(key, 0) + 1
        self.failures[key] = count  # now the last in the dict: the most recently active
        if count >= free:
            seconds = min(lockout * 2 ** min(count - free, MAX_DOUBLINGS), MAX_LOCKOUT)
            self.locked_until[key] = now + seconds
        while len(self.failures) > self.size:
            self.clear(next(iter(self.failures)))

    def clear(self, key: str) -> None:
        """Forget `key`'s wrong passwords and lockout."""
        self.failures.pop(key, None)
        self.locked_until.pop(key, None)


@dataclass
class LoginGuard:
    """Checks logins for Gradio's `auth=`, with lockouts per client address and per user (see the
    module's docstring)."""

    users: dict[str, str]
    lockout: float  # seconds of the first lockout (ASSISTANT_AUTH_LOCKOUT)
    clock: Callable[[], float] = time.monotonic
    per_user: Tally = field(default_factory=Tally)
    per_place: Tally = field(default_factory=Tally)
    known: dict[str, list[str]] = field(default_factory=dict)  # user -> places it logged in from

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]], lockout: float) -> LoginGuard:
        """A guard for these (user, password) pairs."""
        return cls(dict(pairs), lockout)

    @property
    def failures(self) -> dict[str, int]:
        """Wrong passwords per user."""
        return self.per_user.failures

    @property
    def locked_until(self) -> dict[str, float]:
        """When each user's lockout ends (on `clock`)."""
        return self.per_user.locked_until

    async def check(self, user: str, password: str) -> bool:
        """Gradio's `auth=`: `attempt` from the client address `ClientAddress` saw."""
        return await self.attempt(user, password, CLIENT.get())

    async def attempt(self, user: str, password: str, address: str | None) -> bool:
        """Whether this login may pass; HTTP 429 without checking while it is locked out."""
        key = user if user in self.users else UNKNOWN
        place, now = (client_place(address) if address else None), self.clock()
        wait = self.per_place.wait(place, now) if place else 0.0
        if place not in self.known.get(key, ()):  # a user's lockout spares where it logged in
            wait = max(wait, self.per_user.wait(key, now))
        if wait > 0:
            from fastapi import HTTPException

            raise HTTPException(429, f"Too many wrong passwords: try again in {math.ceil(wait)} s.",
                                headers={"Retry-After": str(math.ceil(wait))})
        # compared in constant time, and for unknown names too, so timing tells nothing
        expected = self.users.get(user, "\x00" + password)
        if hmac.compare_digest(password.encode(), expected.encode()) and key != UNKNOWN:
            self.passed(key, place, now)
            return True
        self.per_user.fail(key, now, USER_FREE_FAILURES if place else FREE_FAILURES, self.lockout)
        if place:
            self.per_place.fail(place, now, FREE_FAILURES, self.lockout)
        await asyncio.sleep(FAILURE_DELAY)  # async: other people's requests go on meanwhile
        return False

    def passed(self, user: str, place: str | None, now: float) -> None:
        """A right password: the address starts afresh and is remembered as the user's; so does
        the user's count, unless its lockout is on (a guesser elsewhere may still be at it)."""
        if self.per_user.wait(user, now) <= 0:
            self.per_user.clear(user)
        if place:
            self.per_place.clear(place)
            places = [p for p in self.known.get(user, []) if p != place]
            self.known[user] = [*places, place][-KNOWN_PLACES:]


def client_place(address: str) -> str:
    """What an address counts as: an IPv6 address its /64, an IPv4-mapped one its IPv4 address,
    anything else (not an IP address) as written."""
    try:
        ip = ipaddress.ip_address(address.partition("%")[0])  # without an IPv6 zone ("%eth0")
    except ValueError:
        return address[:100]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((int(ip) >> 64 << 64, 64)))
    return str(ip)


class ClientAddress:
    """ASGI middleware: each HTTP request's client address in CLIENT, where `check` reads it."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        client = scope.get("client") if scope["type"] == "http" else None
        token = CLIENT.set(str(client[0]) if client else None)
        try:
            await self.app(scope, receive, send)
        finally:
            CLIENT.reset(token)


def client_addresses() -> dict[str, Any]:
    """Gradio's `app_kwargs` that install `ClientAddress` in its FastAPI app."""
    from starlette.middleware import Middleware

    return {"middleware": [Middleware(ClientAddress)]}


def trust_proxies(proxies: str) -> None:
    """Have uvicorn take a request's client from X-Forwarded-For only when it comes from one of
    `proxies` (addresses or networks, comma-separated; "" for none). uvicorn reads the variable
    when Gradio makes its server; its own default trusts loopback, where anyone on this machine
    could write the header."""
    os.environ["FORWARDED_ALLOW_IPS"] = proxies
