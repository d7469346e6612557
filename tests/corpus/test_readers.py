"""Readers: saved web pages, PDFs and Word files read as articles (the main text in paragraphs,
title and date from the metadata), the kind taken from the content, and every file that cannot
be read refused by name with its reason, through read_document, load_articles and `ingest`."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_settings
from document_support import (
    BOILERPLATE,
    HEADER,
    STORY,
    make_docx,
    make_encrypted_pdf,
    make_html,
    make_pdf,
    make_scanned_pdf,
    make_zip_bomb_docx,
)
from fault_support import cli_env, run_cli

from assistant.corpus.articles import Skipped, load_articles, read_article
from assistant.corpus.readers import Document, Unreadable, read_document, sniff

TITLE = "Hongkou delegation visits Lingang"
Make = Callable[[Path], object]  # writes a file at the path


def read(path: Path) -> Document:
    return read_document(path, path.read_bytes())


def refusal(path: Path) -> str:
    with pytest.raises(Unreadable) as caught:
        read(path)
    return str(caught.value)


def test_a_saved_news_page_is_its_article_without_the_page_furniture(tmp_path: Path) -> None:
    doc = read(make_html(tmp_path / "visit.html", TITLE, "2024-01-05", STORY[:3]))
    assert (doc.kind, doc.title, doc.date) == ("html", TITLE, "2024-01-05")
    assert doc.text.split("\n\n") == [TITLE, *STORY[:3]]
    assert not [b for b in BOILERPLATE if b.lower() in doc.text.lower()]


def test_a_page_without_a_date_gets_none(tmp_path: Path) -> None:
    """The footer's "Copyright 2025" and the body's "On March 3" are no publication date (a full
    search of the page would take the copyright year for one)."""
    page = make_html(tmp_path / "visit.html", TITLE, "", STORY[:3])
    assert read(page).date == ""
    [article], _ = load_articles(tmp_path, 1_000_000)
    assert article.date == "March 3"  # the dateline, as for a text file


def test_the_metadata_wins_over_the_headline_and_the_dateline(tmp_path: Path) -> None:
    make_html(tmp_path / "visit.html", "Hongkou and Lingang sign a framework agreement",
              "2024-01-05", STORY[:3])
    [article], _ = load_articles(tmp_path, 1_000_000)
    assert (article.title, article.date, article.kind) == (
        "Hongkou and Lingang sign a framework agreement", "January 5, 2024", "html")
    assert article.body.split("\n\n") == STORY[:3]


def test_a_page_without_article_text_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<html><head><title>Menu</title></head><body><script>var x = "
                    "'Subscribe to our newsletter';</script></body></html>")
    assert refusal(page) == "no article text found in the page"


@pytest.mark.parametrize("pages", [1, 4])
def test_a_pdf_is_its_paragraphs_without_headers_page_numbers_or_split_words(
        tmp_path: Path, pages: int) -> None:
    """One page's paragraphs flow onto the next (pages=1) or are spread over four pages: either
    way the text is the article's paragraphs, whole."""
    from pypdf import PdfReader

    pdf = make_pdf(tmp_path / "visit.pdf", TITLE, STORY, pages=pages)
    reader = PdfReader(pdf)
    layer = "\n".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) >= 2 and HEADER in layer and "Page 2 of" in layer
    assert re.search(r"[a-z]-\n[a-z]", layer)  # words split across lines, to be joined again
    assert "/CreationDate" in reader.metadata
    doc = read(pdf)
    assert (doc.kind, doc.title, doc.date) == ("pdf", TITLE, "")  # made, not published, then
    assert doc.text.split("\n\n") == [TITLE, *STORY]


def test_a_pdf_title_that_is_a_file_name_is_no_title(tmp_path: Path) -> None:
    assert read(make_pdf(tmp_path / "a.pdf", "Microsoft Word - visit.docx", STORY[:2])).title == ""


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_that_opens_without_a_password_is_read(tmp_path: Path, algorithm: str) -> None:
    """Encrypted only against printing or copying (no password to open it): readable, with the
    AES of today's PDF writers too (pypdf[crypto])."""
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf", TITLE, STORY[:2], header="")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm)
    with (tmp_path / "restricted.pdf").open("wb") as f:
        writer.write(f)
    assert read(tmp_path / "restricted.pdf").text.split("\n\n") == [TITLE, *STORY[:2]]


@pytest.mark.parametrize(("make", "reason"), [
    (make_scanned_pdf, "no text layer: scanned? OCR it first"),
    (make_encrypted_pdf, "encrypted PDF: remove the password first"),
    (lambda p: make_pdf(p, "A long one", STORY[:1], pages=501),
     "too many pages (501; the limit is 500)"),
    (lambda p: p.write_bytes(b"%PDF-1.4 not an article"),
     "not a readable PDF (PdfStreamError: Stream has ended unexpectedly)"),
])
def test_a_pdf_that_cannot_be_read_is_refused_with_the_reason(tmp_path: Path, make: Make,
                                                              reason: str) -> None:
    path = tmp_path / "x.pdf"
    make(path)
    assert refusal(path) == reason


def test_a_word_file_is_its_headings_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    table = [["Side", "Signed by"], ["Hongkou", "Wang Jianhua"]]
    doc = read(make_docx(tmp_path / "memo.docx", "Hongkou memo", STORY[:2], heading=TITLE,
                         table=table))
    assert (doc.kind, doc.title, doc.date) == ("docx", "Hongkou memo", "")
    assert doc.text.split("\n\n") == [TITLE, *STORY[:2],
                                      "Side | Signed by\nHongkou | Wang Jianhua"]
    untitled = read(make_docx(tmp_path / "plain.docx", "", STORY[:2], heading=TITLE))
    assert untitled.title == TITLE  # no title in its properties: the first heading


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: p.write_text("Lingang signs a pact with Hongkou."),
     "not a Word .docx file (not a zip archive)"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)),
     "not a Word .docx file (an old Word .doc or other Office file: save it as .docx)"),
    (lambda p: _zip(p, {"notes.txt": b"Lingang signs a pact with Hongkou."}),
     "not a Word .docx file (a zip archive without word/document.xml)"),
    (make_zip_bomb_docx, "unpacks to 61 MB (the limit is 50 MB): a zip bomb?"),
    (lambda p: make_zip_bomb_docx(p, megabytes=5),
     re.compile(r"word/media/image1\.bin is compressed [\d,]+:1 \(the limit is 100:1\): "
                r"a zip bomb\?")),
    (lambda p: _zip(p, {f"word/part{i}.xml": b"<x/>" for i in range(2001)}),
     "too many parts in the zip (2,001; the limit is 2,000): a zip bomb?"),
])
def test_a_word_file_that_cannot_be_read_is_refused_before_it_is_unpacked(
        tmp_path: Path, make: Make, reason: str | re.Pattern[str]) -> None:
    path = tmp_path / "memo.docx"
    make(path)
    got = refusal(path)
    assert reason.fullmatch(got) if isinstance(reason, re.Pattern) else got == reason, got


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("samples")
    return {"pdf": make_pdf(folder / "a.pdf", TITLE, STORY[:2]).read_bytes(),
            "docx": make_docx(folder / "a.docx", TITLE, STORY[2:4]).read_bytes(),
            "html": make_html(folder / "a.html", TITLE, "2024-01-05", STORY[4:6]).read_bytes()}


@pytest.mark.parametrize(("content", "suffix", "kind"), [
    ("pdf", ".txt", "pdf"), ("pdf", ".docx", "pdf"), ("html", ".pdf", "html"),
    ("html", ".txt", "html"), ("docx", ".md", "docx"), ("docx", ".pdf", "docx"),
    (b"<!-- saved from url=(0030)https://example.com/visit -->\n<!DOCTYPE html><html>", ".txt",
     "html"),
    (b"Lingang signs a pact.", ".md", "markdown"), (b"Lingang signs a pact.", ".htm", "html"),
    (b"Lingang signs a pact.", ".docx", "docx"), (b"Lingang signs a pact.", ".pdf", "pdf"),
    (b"PK\x03\x04 no zip after all", ".txt", "text"), (b"<p>Lingang</p>", ".TXT", "text"),
])
def test_the_kind_is_taken_from_the_content(samples: dict[str, bytes], content: str | bytes,
                                            suffix: str, kind: str) -> None:
    raw = samples[content] if isinstance(content, str) else content
    assert sniff(raw, suffix) == kind


def test_a_file_is_read_as_what_it_holds_whatever_its_name(tmp_path: Path,
                                                           samples: dict[str, bytes]) -> None:
    (tmp_path / "page.pdf").write_bytes(samples["html"])
    (tmp_path / "report.txt").write_bytes(samples["pdf"])
    (tmp_path / "memo.docx").write_text("Lingang signs a pact with Hongkou.")
    articles, skipped = load_articles(tmp_path, 1_000_000)
    assert {a.id: a.kind for a in articles} == {"page": "html", "report": "pdf"}
    assert [(Path(s.source).name, s.reason) for s in skipped] == [
        ("memo.docx", "not a Word .docx file (not a zip archive)")]


@pytest.mark.parametrize(("raw", "reason"), [
    ("Lingang signs a pact.".encode("utf-16"), "UTF-16 is not supported, save it as UTF-8"),
    (b"Lingang\x00signs", "binary (contains NUL bytes)"),
    ("Café in Zürich.".encode("latin-1"), "not UTF-8 (byte 3)"),
])
def test_a_text_file_keeps_its_checks(tmp_path: Path, raw: bytes, reason: str) -> None:
    (tmp_path / "a.txt").write_bytes(raw)
    assert refusal(tmp_path / "a.txt") == reason


def test_a_damaged_file_raises_nothing_but_unreadable(tmp_path: Path,
                                                      samples: dict[str, bytes]) -> None:
    """Cut short or with bytes overwritten, every format fails as Unreadable (or still reads)."""
    for kind, raw in samples.items():
        cut = [raw[:10], raw[:200], raw[: len(raw) // 2], raw[:-30]]
        spoilt = [raw[:300] + bytes(200) + raw[500:], raw.replace(b"e", b"\xff")]
        for n, broken in enumerate(cut + spoilt):
            path = tmp_path / f"{n}.{kind}"
            path.write_bytes(broken)
            try:
                read(path)
            except Unreadable as exc:
                assert str(exc) and "\n" not in str(exc), (kind, n, exc)


def test_files_in_a_dot_folder_are_put_away_not_read(tmp_path: Path) -> None:
    make_html(tmp_path / "page.html", TITLE, "2024-01-05", STORY[:2])
    make_pdf(tmp_path / "report.pdf", "Lingang port report", STORY[2:4])
    make_docx(tmp_path / "memo.docx", "Hongkou memo", STORY[4:6])
    (tmp_path / "note.md").write_text(STORY[6])
    (tmp_path / "plain.txt").write_text(STORY[7])
    for hidden in (".removed", ".git", "sub/.old"):
        (tmp_path / hidden).mkdir(parents=True)
        (tmp_path / hidden / "gone.txt").write_bytes(b"\x00 not even text")
    articles, skipped = load_articles(tmp_path, 1_000_000)
    assert skipped == []
    assert {a.id: a.kind for a in articles} == {"page": "html", "report": "pdf", "memo": "docx",
                                                "note": "markdown", "plain": "text"}


@pytest.mark.parametrize(("text", "said"), [
    ("RETRACTED\n", "RETRACTED"), ("  withdrawn.  \n", "withdrawn."), ("[DELETED]", "[DELETED]"),
    ("Removed", "Removed"), ("This article has been retracted.\n",
                             '"This article has been retracted."'),
    ("Withdrawn by the editor.", '"Withdrawn by the editor."'),
    ("Harbour city signs orchid deal\n\nThis story has been removed.",
     '"This story has been removed."'),
])
def test_a_file_that_says_its_article_is_withdrawn_withdraws_it(tmp_path: Path, text: str,
                                                                said: str) -> None:
    (tmp_path / "gone.txt").write_text(text)
    assert read_article(tmp_path / "gone.txt", 1000) == Skipped(
        str(tmp_path / "gone.txt"), f"withdrawn (the file says {said})", keep=False,
        withdrawn=True)


def test_a_page_that_says_its_article_is_withdrawn_withdraws_it(tmp_path: Path) -> None:
    page = make_html(tmp_path / "visit.html", TITLE, "2024-01-05",
                     ["This article has been withdrawn."])
    got = read_article(page, 1_000_000)
    assert isinstance(got, Skipped) and got.withdrawn, got
    assert got.reason == 'withdrawn (the file says "This article has been withdrawn.")'


@pytest.mark.parametrize("text", ["Lingang signs pact with Hongkou.\n",
                                  "The removed tariffs helped trade.", "Deleted scenes: none."])
def test_a_short_article_is_an_article(tmp_path: Path, text: str) -> None:
    (tmp_path / "short.txt").write_text(text)
    articles, skipped = load_articles(tmp_path, 1000)
    assert skipped == [] and [a.body for a in articles] == [text.strip()]


def test_ingest_indexes_pages_pdfs_and_word_files_and_names_the_rest(tmp_path: Path) -> None:
    """The real `assistant ingest` on a folder of every format: the readable ones indexed with
    the titles and dates their metadata gives, the others skipped by name with the reason, exit 3;
    a question is answered from the PDF's text."""
    from assistant.store.chroma import Store

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    make_html(seeds / "page.html", TITLE, "2024-01-05", STORY[:4])
    make_pdf(seeds / "report.pdf", "Lingang port report", STORY[4:8])
    make_docx(seeds / "memo.docx", "Hongkou memo", STORY[8:], heading="Memo")
    make_html(seeds / "rotterdam.pdf", "Rotterdam port delegation visits Lingang", "2025-05-14",
              [("A delegation of the Port of Rotterdam Authority visited the Lingang Special Area "
               "and signed a memorandum on a green shipping corridor with Yangshan.")])
    make_scanned_pdf(seeds / "scan.pdf")
    make_encrypted_pdf(seeds / "locked.pdf")
    (seeds / "bad.docx").write_text("Lingang signs a pact with Hongkou.")
    env = cli_env(seeds, tmp_path / "store")
    done = run_cli(env, "ingest", "--quiet")
    assert done.returncode == 3, done.stderr
    assert sorted(done.stderr.splitlines()) == [
        f"skipped {seeds / 'bad.docx'}: not a Word .docx file (not a zip archive)",
        f"skipped {seeds / 'locked.pdf'}: encrypted PDF: remove the password first",
        f"skipped {seeds / 'scan.pdf'}: no text layer: scanned? OCR it first"]
    assert "4 added, 0 updated, 0 removed, 0 withdrawn, 3 skipped" in done.stdout, done.stdout
    store = Store(make_settings(tmp_path, seeds_dir=seeds))
    try:
        records = {aid: store.article(aid) for aid in ("page", "report", "memo", "rotterdam")}
        chunks = store.chunks.get(include=["documents"])["documents"]
    finally:
        store.client.close()
    assert {aid: (r.title, r.date) for aid, r in records.items() if r} == {
        "page": (TITLE, "January 5, 2024"), "report": ("Lingang port report", ""),
        "memo": ("Hongkou memo", ""),
        "rotterdam": ("Rotterdam port delegation visits Lingang", "May 14, 2025")}
    assert not [b for b in BOILERPLATE + (HEADER, "Page 1 of") if any(b in c for c in chunks)]
    asked = run_cli(env, "ask", "--json", "Who is the director of the Lingang administrative "
                                          "committee?")
    assert asked.returncode == 0 and '"article_id": "report"' in asked.stdout, asked.stdout
    assert "Chen Ming" in asked.stdout
