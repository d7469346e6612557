"""The chat's login check: constant-time password comparison and a lockout after wrong passwords."""

from __future__ import annotations

import asyncio
import hmac
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

FREE_FAILURES = 5  # wrong passwords in a row a user gets before the lockout
MAX_LOCKOUT = 3600.0  # seconds; the lockout doubles with each failure after it, up to this
MAX_DOUBLINGS = 20  # keeps 2**n a small number whatever the count
FAILURE_DELAY = 0.5  # seconds every wrong password waits before its answer
UNKNOWN = "\x00unknown"  # one bucket for every name that is no user: the table stays bounded


@dataclass
class LoginGuard:
    """Checks logins for Gradio's `auth=`; after FREE_FAILURES wrong passwords a user is locked out.

    Gradio calls `check` with only the user name and password (no client address), so failures
    are counted per user; names that are no user share one count, so guessing names locks only
    that count and the table cannot grow.
    """

    users: dict[str, str]
    lockout: float  # seconds of the first lockout (ASSISTANT_AUTH_LOCKOUT)
    clock: Callable[[], float] = time.monotonic
    failures: dict[str, int] = field(default_factory=dict)
    locked_until: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]], lockout: float) -> LoginGuard:
        """A guard for these (user, password) pairs."""
        return cls(dict(pairs), lockout)

    async def check(self, user: str, password: str) -> bool:
        """Whether this login may pass; HTTP 429 without checking while the user is locked out."""
        key = user if user in self.users else UNKNOWN
        wait = self.locked_until.get(key, 0.0) - self.clock()
        if wait > 0:
            from fastapi import HTTPException

            raise HTTPException(429, f"Too many wrong passwords: try again in {math.ceil(wait)} s.",
                                headers={"Retry-After": str(math.ceil(wait))})
        # compared in constant time, and for unknown names too, so timing tells nothing
        expected = self.users.get(user, "\x00" + password)
        if hmac.compare_digest(password.encode(), expected.encode()) and key != UNKNOWN:
            self.failures.pop(key, None)
            return True
        self.fail(key)
        await asyncio.sleep(FAILURE_DELAY)  # async: other people's requests go on meanwhile
        return False

    def fail(self, key: str) -> None:
        """Count a wrong password; from the FREE_FAILURES-th on, lock the user out."""
        count = self.failures[key] = self.failures.get(key, 0) + 1
        if count >= FREE_FAILURES:
            seconds = min(self.lockout * 2 ** min(count - FREE_FAILURES, MAX_DOUBLINGS), MAX_LOCKOUT)
            self.locked_until[key] = self.clock() + seconds
