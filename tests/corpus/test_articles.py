"""Articles: titles, dates, captions kept out of passages, bad files skipped by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS

from assistant.corpus.articles import load_articles, parse_article
from assistant.text.dates import dateline


def test_seed_titles_dates_and_captions() -> None:
    articles, skipped = load_articles(SEEDS, 2_000_000)
    assert skipped == []
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {p.stem for p in SEEDS.glob("*.txt")}
    huainan = by_id["000_508ce06625000aaf"]
    assert huainan.title == "General Manager Lin Qu and his team visits Huainan"
    assert huainan.date == "November 25"
    assert "SHLINGANGIC" not in huainan.body
    assert "his team visits Huainan" not in huainan.body  # the caption is a title, not a passage
    xiao = by_id["004_e4520b3f3c844a03"]
    assert xiao.title == ("Xiao Wunan and his party went to Shenzhen Qianhai and "
                          "Shanghai Lin-Gang Special Area for investigation")
    assert xiao.date == "September 29, 2020"
    assert not xiao.body.startswith("September")
    assert "group photo in front of the Qianhai Stone" not in xiao.body  # image caption
    assert "Executive Editor: Han Donglin" in xiao.body  # a byline is content
    assert by_id["003_bffee769cd76aaaa"].date == "December 14"
    assert by_id["002_0f223df367e3b8ed"].date == "February 4"
    assert all("\u00a0" not in a.body for a in articles)


@pytest.mark.parametrize(("text", "date"), [
    ("On November 25th, the team", "November 25"),
    ("On December 14, the ceremony", "December 14"),
    ("September 29th, 2020\n\nHeading", "September 29, 2020"),
    ("No date at all here.", ""),
])
def test_dateline(text: str, date: str) -> None:
    assert dateline(text) == date


def test_article_without_caption_takes_first_sentence_as_title() -> None:
    a = parse_article("x", "On May 3, the mayor visited Lingang. They talked.", "x.txt", "f")
    assert a.title == "On May 3, the mayor visited Lingang."
    assert a.body == "On May 3, the mayor visited Lingang. They talked."


def test_a_page_broken_off_mid_sentence_keeps_its_last_words() -> None:
    text = ("Mayor visits Harbourton\n\nOn May 3, the mayor visited Harbourton. They talked.\n\n"
            "Harbour photo\n\nAnn Lee then invited the mayor to attend the Harbour Fair to be "
            "held in Eastport City, Rurit")
    a = parse_article("x", text, "x.txt", "f")
    assert a.body.endswith("held in Eastport City, Rurit")  # no caption: a sentence cut off
    assert "Harbour photo" not in a.body  # a short line between paragraphs still is one
    short = parse_article("y", text.rsplit("\n\n", 1)[0] + "\n\nPhoto by Ann Lee", "y", "f")
    assert "Photo by" not in short.body  # a short last line: a caption or byline


def test_bad_files_are_skipped_by_name_with_reason(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("On May 3, the delegation visited Lingang. It went well.")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 visit on May 3.".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("word " * 400)
    (tmp_path / "notes.csv").write_text("ignored,because,suffix")
    articles, skipped = load_articles(tmp_path, max_bytes=1000)
    assert [a.id for a in articles] == ["good"]
    reasons = {Path(s.source).name: s.reason for s in skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "latin1.txt", "huge.txt"}
    assert reasons["empty.txt"] == "empty"
    assert reasons["binary.txt"].startswith("binary")
    assert reasons["latin1.txt"].startswith("not UTF-8")
    assert reasons["huge.txt"].startswith("too large")


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="articles folder not found"):
        load_articles(tmp_path / "nope", 1000)


def test_links_out_of_the_folder_are_refused_by_name(tmp_path: Path) -> None:
    seeds, outside = tmp_path / "seeds", tmp_path / "outside"
    seeds.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("The vault code is 4711. Nobody may read this file.")
    (seeds / "good.md").write_text("On May 3, the delegation visited Lingang. It went well there.")
    (seeds / "secret.txt").symlink_to(outside / "secret.txt")
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "zz_alias.txt").symlink_to(seeds / "good.md")  # inside: read like any file
    (seeds / "more").symlink_to(outside, target_is_directory=True)
    (outside / "hidden.md").write_text("On May 4, a hidden visit took place in a hidden place.")
    (seeds / "loop.txt").symlink_to(seeds / "loop.txt")
    articles, skipped = load_articles(seeds, 1000)
    assert [a.id for a in articles] == ["good"]
    reasons = {Path(s.source).name: s.reason for s in skipped}
    for name in ("secret.txt", "passwd.txt"):
        assert reasons[name].startswith("a symbolic link out of the articles folder (to ")
    assert reasons["zz_alias.txt"].startswith("duplicate of")
    assert reasons["loop.txt"] == "a loop of symbolic links: refused"
    assert reasons.get("hidden.md", "a symbolic link out").startswith("a symbolic link out")
    assert all(not s.keep for s in skipped)  # an indexed copy of any of them is removed


@pytest.mark.parametrize("raw", [
    "\ufeffOn May 3, the mayor visited Lingang.".encode("utf-16-le"),
    "On May 3, the mayor visited Lingang.".encode("utf-16"),  # with its byte order mark
    "\ufeffOn May 3, the mayor visited Lingang.".encode("utf-16-be"),
    "On May 3, the mayor visited Lingang.".encode("utf-16-le"),  # no mark: the NUL pattern
    "On May 3, the mayor visited Lingang.".encode("utf-16-be"),
])
def test_utf16_is_named(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "wide.txt").write_bytes(raw)
    _, [skipped] = load_articles(tmp_path, 1000)
    assert skipped.reason == "UTF-16 is not supported, save it as UTF-8" and skipped.keep


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"),
    ("\n \n", "empty"),
    ("RETRACTED\n", "withdrawn (the file says RETRACTED)"),
    ("This article has been retracted.\n",
     'withdrawn (the file says "This article has been retracted.")'),
])
def test_a_file_without_an_article_withdraws_it(tmp_path: Path, text: str, reason: str) -> None:
    (tmp_path / "gone.txt").write_text(text)
    _, [skipped] = load_articles(tmp_path, 1000)
    assert (skipped.reason, skipped.withdrawn, skipped.keep) == (reason, True, False)


def test_a_file_of_captions_only_is_refused_not_withdrawn(tmp_path: Path) -> None:
    """A page that is all headings and captions (a saved page of navigation) says nothing about
    withdrawing: it is refused, and an indexed version of it is kept."""
    (tmp_path / "captions.txt").write_text("A photo of the park -SHLINGANGIC\n")
    _, [skipped] = load_articles(tmp_path, 1000)
    assert skipped.reason.startswith("no article text after removing captions and headings")
    assert "write RETRACTED" in skipped.reason and (skipped.withdrawn, skipped.keep) == (False, True)


def test_a_short_article_is_indexed_however_short(tmp_path: Path) -> None:
    """Only a file that says so withdraws its article: five real words are an article."""
    (tmp_path / "pact.txt").write_text("Lingang signs pact with Hongkou.\n")
    articles, skipped = load_articles(tmp_path, 1000)
    assert skipped == [] and [(a.title, a.body) for a in articles] == [
        ("Lingang signs pact with Hongkou.", "Lingang signs pact with Hongkou.")]


def test_the_headline_is_the_title_and_its_dateline_is_no_part_of_it() -> None:
    page = ("Harbour city signs orchid deal\nPublished: 2024-04-11 | Harbour Daily\n\n"
            "Growers from Cixi came to the harbour on April 5 and signed a deal with the city.")
    article = parse_article("a", page, "a.txt", "f")
    assert article.title == "Harbour city signs orchid deal"
    assert article.date == "April 11, 2024"  # the page's own date, from its dateline
    assert article.body.startswith("Growers from Cixi")


def test_a_caption_the_page_repeats_is_the_title_without_the_site_tag() -> None:
    caption = "Growers from Cixi visit the harbour-HARBOURDAILY"
    page = (f"On May 3rd, growers from Cixi came to the harbour to talk about orchids.\n\n{caption}"
            f"\n\nThey met the mayor and agreed to meet again in June.\n\n{caption}\n\n"
            "The mayor thanked them for coming.")
    article = parse_article("a", page, "a.txt", "f")
    assert article.title == "Growers from Cixi visit the harbour"
    assert "HARBOURDAILY" not in article.body and "visit the harbour-" not in article.body
