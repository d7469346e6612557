"""`catalog`, `brief` and `eval --catalog` on a store that is not there: they say how to build the
index, exit 1 and create nothing (no store folder, no collection), as `ask`, `serve` and `eval` do."""

from __future__ import annotations

import pytest
from conftest import ROOT, make_settings
from fault_support import cli_env, run_cli

pytestmark = pytest.mark.timeout(300)

COMMANDS = [
    ("catalog",),
    ("catalog", "--json"),
    ("brief", "--out", "pack.md"),
    ("brief", "Huainan", "--out", "pack.docx"),
    ("eval", "--catalog", str(ROOT / "tests" / "data" / "catalog_gold.json")),
]


def assert_refused(result, tmp_path, says: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert says in result.stderr and "assistant ingest" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not result.stdout.strip(), result.stdout
    assert not list(tmp_path.glob("pack.*"))  # no briefing pack written


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:3]) for a in COMMANDS])
def test_a_missing_store_is_reported_and_not_created(tmp_path, args):
    store = tmp_path / "store"
    result = run_cli(cli_env(ROOT / "seeds", store), *args, cwd=tmp_path, timeout=120)
    assert_refused(result, tmp_path, f"the store folder {store} does not exist")
    assert not store.exists()


@pytest.mark.parametrize("args", [COMMANDS[0], COMMANDS[2], COMMANDS[4]],
                         ids=["catalog", "brief", "eval --catalog"])
def test_a_store_without_the_collection_gets_no_collection(tmp_path, args):
    from assistant.store.remote import make_client

    settings = make_settings(tmp_path)
    make_client(settings).close()  # a real Chroma store folder, no collection in it
    result = run_cli(cli_env(ROOT / "seeds", settings.store_dir), *args, cwd=tmp_path,
                     timeout=120)
    assert_refused(result, tmp_path, "does not exist")
    client = make_client(settings)
    try:
        assert client.list_collections() == []
    finally:
        client.close()
