"""The login guard's address rules on their own: what an address counts as, and tables that stay
bounded whatever a guesser tries (the lockouts over HTTP are in tests/app/test_launch.py)."""

from __future__ import annotations

import asyncio

import pytest
from conftest import make_settings
from fastapi import HTTPException

from assistant.web import logins
from assistant.web.logins import FREE_FAILURES, LoginGuard, Tally, client_place


@pytest.mark.parametrize("address,place", [
    ("203.0.113.7", "203.0.113.7"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),  # the same subscriber's block
    ("fe80::1%eth0", "fe80::/64"),
    ("::ffff:198.51.100.4", "198.51.100.4"),  # IPv4 seen through an IPv6 socket
    ("testclient", "testclient"),  # not an IP address: as written
])
def test_what_an_address_counts_as(address: str, place: str) -> None:
    assert client_place(address) == place


def guard(monkeypatch: pytest.MonkeyPatch) -> LoginGuard:
    monkeypatch.setattr(logins, "FAILURE_DELAY", 0.0)
    return LoginGuard({"ann": "pw-1"}, 60.0, clock=lambda: 0.0)


def test_a_guesser_stepping_through_its_ipv6_block_is_one_address(monkeypatch) -> None:
    g = guard(monkeypatch)
    for i in range(FREE_FAILURES):
        assert asyncio.run(g.attempt("ann", "wrong", f"2001:db8::{i + 1:x}")) is False
    with pytest.raises(HTTPException) as refused:
        asyncio.run(g.attempt("ann", "pw-1", "2001:db8::ffff"))
    assert refused.value.status_code == 429
    assert asyncio.run(g.attempt("ann", "pw-1", "2001:db8:0:1::1")) is True  # the next block


def test_the_address_table_forgets_the_longest_quiet_first(monkeypatch) -> None:
    g = guard(monkeypatch)
    g.per_place = Tally(size=3)
    for i in range(10):
        asyncio.run(g.attempt(f"nobody-{i}", "x", f"198.51.100.{i}"))
    assert list(g.per_place.failures) == [f"198.51.100.{i}" for i in (7, 8, 9)]
    assert set(g.failures) == {logins.UNKNOWN}  # names that are no user share one count


def test_a_proxy_setting_that_names_no_address_is_refused(tmp_path) -> None:
    with pytest.raises(ValueError, match="'nginx' is not an IP address or network"):
        make_settings(tmp_path, trusted_proxies="10.0.0.5, nginx")
    assert make_settings(tmp_path, trusted_proxies=" 10.0.0.5 , fd00::/8").trusted_proxies == \
        "10.0.0.5,fd00::/8"  # as uvicorn reads FORWARDED_ALLOW_IPS
