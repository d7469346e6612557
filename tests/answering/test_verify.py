"""Verification of generated sentences, and the calibration of the support threshold."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import ROOT, SEEDS, make_settings

from assistant.answering.llm.verify import check, number_sources, split_answer, supported, verify
from assistant.records import Passage

pytestmark = pytest.mark.timeout(60)
LABELS = ROOT / "tests" / "data" / "support_labels.jsonl"
HUAINAN = (SEEDS / "000_508ce06625000aaf.txt").read_text()


@pytest.fixture(scope="module")
def settings(tmp_path_factory):  # type: ignore[no-untyped-def]
    return make_settings(tmp_path_factory.mktemp("verify"))


def labels() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]


def accuracy(rows: list[dict], settings) -> float:  # type: ignore[no-untyped-def]
    right = sum(supported(r["sentence"], [r["passage"]], settings) == (r["label"] == "supported")
                for r in rows)
    return right / len(rows)


def chunk(text: str, start: int, end: int, article: str = "000") -> Passage:
    return Passage(f"{article}#{start}", article, "Huainan visit", "November 25",
                   f"seeds/{article}.txt", text[start:end], start, end, 1.0, 0.5)


def test_labels_mix_every_kind():
    rows = labels()
    kinds = Counter(r["kind"] for r in rows)
    assert len(rows) >= 40
    assert min(kinds.values()) >= 8 and set(kinds) == {"paraphrase", "invention", "wrong number",
                                                       "wrong name"}
    assert Counter(r["label"] for r in rows)["supported"] == kinds["paraphrase"]


def test_threshold_is_calibrated(settings):
    rows = labels()
    at_default = accuracy(rows, settings)
    grid = {t / 20: accuracy(rows, settings.model_copy(update={"support_threshold": t / 20}))
            for t in range(21)}
    assert at_default >= 0.9
    assert at_default == max(grid.values())  # no other threshold does better on the labels


def test_every_wrong_number_and_invented_name_is_caught(settings):
    rows = [r for r in labels() if r["kind"] == "wrong number"]
    assert not any(supported(r["sentence"], [r["passage"]], settings) for r in rows)
    names = [r for r in labels() if r["kind"] == "wrong name"]
    caught = sum(not supported(r["sentence"], [r["passage"]], settings) for r in names)
    assert caught >= len(names) - 1  # a swapped role between two named people is not a lexical fact


def test_markers_are_not_part_of_the_claim(settings):
    passage = "Lianyungang has 5 colleges and universities and 9 research institutes."
    claim = "Lianyungang has 5 colleges and 9 research institutes [1]."
    assert supported(claim, [passage], settings)
    assert not supported("Lianyungang has 5 colleges [12].", ["It has 5 colleges."], settings)


def test_split_keeps_trailing_markers_with_their_sentence():
    text = "Lin Qu visited Huainan. [1] He was received by Qianshen Wang [1, 2].\n\nDone [3]"
    assert split_answer(text) == [("", "Lin Qu visited Huainan. [1]"),
                                  (" ", "He was received by Qianshen Wang [1][2]."),
                                  ("\n\n", "Done [3]")]


def test_overlapping_chunks_merge_into_article_spans():
    sources = number_sources([chunk(HUAINAN, 300, 900), chunk(HUAINAN, 0, 400),
                              chunk(HUAINAN, 1500, 1700), chunk(HUAINAN, 0, 120, "001")])
    assert list(sources) == [1, 2]
    assert sources[1].segments == ((0, HUAINAN[:900]), (1500, HUAINAN[1500:1700]))
    assert sources[1].passage.start == 300  # the best-ranked passage carries the metadata


def test_check_resolves_citations_and_quotes_the_article(settings):
    sources = number_sources([chunk(HUAINAN, 0, 900)])
    good = check("Qianshen Wang, Deputy Secretary of Huainan Municipal Party Committee, "
                 "received them [1].", sources, settings)
    assert good.supported and good.cited == [1] and good.unknown == 0
    (quote,) = good.quotes[1]
    assert HUAINAN[quote.start:quote.end] == quote.text and quote.text.startswith("They were")

    invented = check("Qianshen Wang signed a coal deal worth 5 billion yuan [1] [4].", sources,
                     settings)
    assert not invented.supported and invented.quotes == {}
    assert invented.unknown == 1 and "[4]" not in invented.text and "[1]" in invented.text

    uncited = check("Lin Qu visited Huainan on November 25th.", sources, settings)
    assert not uncited.supported  # true, but a claim without a citation is not verified


def test_two_sentences_of_support_are_both_quoted(settings):
    sources = number_sources([chunk(HUAINAN, 0, 900)])
    both = check("Lin Qu visited Huainan on November 25th and was received by Qianshen Wang [1].",
                 sources, settings)
    assert both.supported and len(both.quotes[1]) == 2


def test_saying_the_articles_do_not_cover_it_is_not_a_claim(settings):
    sources = number_sources([chunk(HUAINAN, 0, 900)])
    (said,) = verify("The articles do not cover this.", sources, settings)
    assert said.not_covered and not said.supported
