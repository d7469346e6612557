"""Settings refuse values that would silently point somewhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_settings
from pydantic import ValidationError

from assistant.store.remote import server_url

pytestmark = pytest.mark.timeout(30)


@pytest.mark.parametrize("host,url", [
    ("127.0.0.1", "http://127.0.0.1:8000"),
    ("localhost", "http://localhost:8000"),
    ("chroma.internal", "http://chroma.internal:8000"),
    ("chroma_db", "http://chroma_db:8000"),  # a container name
    ("::1", "http://[::1]:8000"),
    ("[::1]", "http://[::1]:8000"),
    ("fd00::a:1", "http://[fd00::a:1]:8000"),
])
def test_a_bare_host_gives_a_well_formed_url(tmp_path: Path, host: str, url: str):
    assert server_url(make_settings(tmp_path, chroma_host=host)) == url


@pytest.mark.parametrize("host", [
    "127.0.0.1/evil", "http://127.0.0.1", "127.0.0.1:8000", "user:pw-secret@db.example",
    "db example", " 127.0.0.1", "db.example/", "-db.example", "999.1.1.1", "db..example",
    "a" * 64 + ".example", "[127.0.0.1", "[127.0.0.1]", "db.example?x=1", "db.example#x",
])
def test_a_host_with_more_than_a_host_is_refused_by_name(tmp_path: Path, host: str):
    with pytest.raises(ValidationError) as caught:
        make_settings(tmp_path, chroma_host=host)
    message = str(caught.value)
    assert "ASSISTANT_CHROMA_HOST must be a bare host name or IP address" in message
    assert "pw-secret" not in message  # a mistyped URL's password is never echoed


def test_an_empty_host_means_the_embedded_store(tmp_path: Path):
    assert make_settings(tmp_path, chroma_host="").chroma_host is None
