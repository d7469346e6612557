"""Bad article files through the real `assistant ingest`: each reported, the rest indexed, exit 3."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEEDS, make_settings
from fault_support import cli_env, run_cli, snapshot

from assistant.store.chroma import Store

pytestmark = pytest.mark.timeout(600)
HUAINAN, LINGANG = "000_508ce06625000aaf", "001_8b6424cafdef1cef"
HONGKOU, FEBRUARY = "003_bffee769cd76aaaa", "002_0f223df367e3b8ed"
SECRET = "Vault code 4711"


def bad_folder(seeds: Path) -> dict[str, str]:
    """Two good articles and one bad file of each kind; returns file name -> expected reason."""
    for name in (HUAINAN, LINGANG):
        shutil.copy(SEEDS / f"{name}.txt", seeds / f"{name}.txt")
    huainan = (SEEDS / f"{HUAINAN}.txt").read_bytes()
    files = {
        "empty.txt": (b"", "empty"),
        "blank.md": (b" \n\t\n  \n", "empty"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        "latin1.txt": ("Café in Zürich, déjà vu.\n".encode("latin-1"), "not UTF-8"),
        "huge.txt": (b"Lingang grows. " * 10_000, "too large"),
        "copy_of_huainan.txt": (huainan, f"duplicate of {seeds / (HUAINAN + '.txt')}"),
        "zz_crlf_copy.txt": (huainan.replace(b"\n", b"\r\n"),
                             f"duplicate of {seeds / (HUAINAN + '.txt')}"),
        "captions_only.md": (b"A photo of the park -SHLINGANGIC\n", "no article text"),
        "utf16.txt": ("Lingang grows.".encode("utf-16"), "UTF-16 is not supported"),
        "notes.pdf": (b"%PDF-1.4 not an article", "not a readable PDF ("),
        "memo.docx": (b"Lingang grows.", "not a Word .docx file (not a zip archive)"),
    }
    (seeds / "sub").mkdir()
    files["sub/" + LINGANG + ".txt"] = (b"Another article that reuses a file name. It has text.",
                                        "duplicate article id")
    for name, (raw, _) in files.items():
        (seeds / name).write_bytes(raw)
    (seeds / "notes.csv").write_bytes(b"\x00not,an,article")  # other suffixes are ignored
    (seeds / ".hidden.txt").write_bytes(b"\x00")
    (seeds / ".removed").mkdir()  # a dot folder's files are put away: not read
    (seeds / ".removed" / "old.txt").write_bytes(b"\x00")
    outside = seeds.parent / "private.txt"
    outside.write_text(f"{SECRET} is written in this file outside the articles folder. " * 3)
    links = {"secret.txt": outside, "passwd.txt": Path("/etc/passwd")}
    for name, target in links.items():
        (seeds / name).symlink_to(target)
    out = "a symbolic link out of the articles folder"
    return {name: reason for name, (_, reason) in files.items()} | {name: out for name in links}


def test_every_bad_file_is_reported_and_the_rest_is_indexed(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    expected = bad_folder(seeds)
    env = cli_env(seeds, tmp_path / "store", ASSISTANT_MAX_FILE_BYTES="100000")
    first = run_cli(env, "ingest", "--quiet")
    assert first.returncode == 3, first.stderr
    lines = [ln for ln in first.stderr.splitlines() if ln.strip()]
    assert len(lines) == len(expected) and "Traceback" not in first.stderr, first.stderr
    for name, reason in expected.items():
        assert any(ln.startswith(f"skipped {seeds / name}: ") and reason in ln for ln in lines), \
            (name, reason, lines)
    assert "2 added, 0 updated, 0 removed, 0 withdrawn, 14 skipped" in first.stdout
    settings = make_settings(tmp_path, seeds_dir=seeds)
    records, _ = snapshot(settings)
    assert set(records) == {HUAINAN, LINGANG}
    store = Store(settings)
    try:
        docs = store.chunks.get(include=["documents"])["documents"]
        assert docs and not any(SECRET in d or "root:" in d for d in docs)
    finally:
        store.client.close()

    again = run_cli(env, "ingest", "--quiet")  # same files: nothing to do, still exit 3
    assert again.returncode == 3 and "nothing changed (2 articles up to date, 14 skipped" \
        in again.stdout

    for name in expected:  # the folder cleaned up: exit 0
        (seeds / name).unlink()
    clean = run_cli(env, "ingest", "--quiet")
    assert clean.returncode == 0 and clean.stderr == "", clean.stderr
    asked = run_cli(env, "ask", "--json", "Who visited Huainan on November 25th?")
    assert asked.returncode == 0 and "Lin Qu" in asked.stdout  # who visited


def test_a_copy_replaces_nothing_and_is_never_served_twice(tmp_path: Path):
    """A new copy of an indexed article is skipped, whatever its name, and the indexed one stays;
    an indexed article that becomes a copy of another is removed, not kept stale."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    raw = (SEEDS / f"{HUAINAN}.txt").read_bytes()
    (seeds / "zz_visit.txt").write_bytes(raw)
    (seeds / "mm_other.txt").write_bytes((SEEDS / f"{HONGKOU}.txt").read_bytes())
    env = cli_env(seeds, tmp_path / "store")
    assert run_cli(env, "ingest", "--quiet").returncode == 0
    (seeds / "aa_visit.txt").write_bytes(raw)  # sorts first, but is new
    second = run_cli(env, "ingest", "--quiet")
    assert second.returncode == 3 and "nothing changed" in second.stdout
    assert f"skipped {seeds / 'aa_visit.txt'}: duplicate of {seeds / 'zz_visit.txt'}" \
        in second.stderr
    records, _ = snapshot(make_settings(tmp_path, seeds_dir=seeds))
    assert set(records) == {"zz_visit", "mm_other"}
    (seeds / "aa_visit.txt").unlink()
    (seeds / "mm_other.txt").write_bytes(raw)  # an indexed article becomes a copy of another
    third = run_cli(env, "ingest", "--quiet")
    assert third.returncode == 3
    assert f"skipped {seeds / 'zz_visit.txt'}: duplicate of {seeds / 'mm_other.txt'}" \
        in third.stderr
    records, _ = snapshot(make_settings(tmp_path, seeds_dir=seeds))
    assert set(records) == {"mm_other"}  # both were indexed: the first in name order stays


def test_a_missing_folder_is_an_error_without_a_traceback(tmp_path: Path):
    missing = tmp_path / "no-such-folder"
    result = run_cli(cli_env(missing, tmp_path / "store"), "ingest")
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: articles folder not found: {missing}"


def test_an_emptied_or_retracted_article_is_withdrawn(tmp_path: Path):
    """A file that no longer holds an article takes its passages out of the store, and says so;
    a short article is no withdrawal."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in (HUAINAN, LINGANG, HONGKOU, FEBRUARY):
        shutil.copy(SEEDS / f"{name}.txt", seeds / f"{name}.txt")
    env = cli_env(seeds, tmp_path / "store")
    assert run_cli(env, "ingest", "--quiet").returncode == 0
    (seeds / f"{HUAINAN}.txt").write_text("")
    (seeds / f"{LINGANG}.txt").write_text("RETRACTED\n")
    (seeds / f"{HONGKOU}.txt").write_text("This article has been retracted.\n")
    (seeds / "pact.txt").write_text("Lingang signs pact with Hongkou.\n")  # five words: indexed
    done = run_cli(env, "ingest", "--quiet")
    assert done.returncode == 3, done.stderr
    reasons = [(HUAINAN, "withdrawn (empty)"), (LINGANG, "withdrawn (the file says RETRACTED)"),
               (HONGKOU, 'withdrawn (the file says "This article has been retracted.")')]
    assert done.stdout.splitlines()[:3] == [
        f"{aid}: {why}; its passages are no longer served" for aid, why in reasons]
    assert "1 added, 0 updated, 0 removed, 3 withdrawn, 3 skipped" in done.stdout, done.stdout
    assert "store holds 2 articles" in done.stdout
    records, chunks = snapshot(make_settings(tmp_path, seeds_dir=seeds))
    assert set(records) == {FEBRUARY, "pact"}
    assert all(c.startswith((FEBRUARY, "pact")) for c in chunks)
    asked = run_cli(env, "ask", "--json", "Who visited Huainan on November 25th?",
                    "When was the agreement between Hongkou and Lingang Group signed?")
    assert asked.returncode == 0, asked.stderr
    assert not any(n in asked.stdout for n in ("Lin Qu", "Qianshen Wang", "December 14"))
    again = run_cli(env, "ingest", "--quiet")  # withdrawn once: nothing more to do
    assert "nothing changed (2 articles up to date, 3 skipped" in again.stdout
