"""Event cards: extraction on sentences written here, verbatim offsets on the seeds, the seeds'
hand-labelled gold and a synthetic gold, cards stored and rebuilt with their article, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_settings
from synth_gold import synthetic_gold

from assistant.catalog.cards import EventCard
from assistant.catalog.extract import extract
from assistant.corpus.articles import load_articles
from assistant.eval.catalog import score
from assistant.records import Article, Date, Span
from assistant.text.nlp import NLP, person_key

GOLD = ROOT / "tests" / "data" / "catalog_gold.json"


@pytest.fixture(scope="module")
def nlp() -> NLP:
    return NLP.load()


def card_of(nlp: NLP, body: str, dateline: str = "") -> EventCard:
    article = Article("t1", "A test", dateline, body, "t1.txt", "f" * 16)
    return extract(article, next(nlp.annotate([body])), nlp)


def spans(card: EventCard) -> list[Span]:
    found = [s for s in (card.date_span, card.kind_span) if s]
    found += card.places + card.organisations + card.outcomes
    for p in card.people:
        found += [p.name, *p.mentions, *p.titles]
        found += [s for s in (p.organisation, p.side_span) if s]
    return found


def test_a_visit_card_has_sides_titles_and_one_person_per_name(nlp: NLP) -> None:
    body = ("On March 3rd, Tom Baker, Deputy Director of the Harbour Works Committee, and Ann Lee, "
            "Chief Engineer of Delta Marine Group, visited Ningbo. They were received by Rui Chen, "
            "Deputy Mayor of Ningbo, and Bo Wen.\n\nChief Engineer Lee Ann thanked Mr. Chen. The "
            "two sides reached a broad consensus and will set up a joint working group.")
    card = card_of(nlp, body, "May 1st, 2022")
    people = {p.key: p for p in card.people}
    assert set(people) == {person_key(n) for n in ("Tom Baker", "Ann Lee", "Rui Chen", "Bo Wen")}
    ann = people[person_key("Ann Lee")]
    assert [m.text for m in ann.mentions] == ["Ann Lee", "Lee Ann"]  # either order: one person
    assert [t.text for t in ann.titles] == ["Chief Engineer of Delta Marine Group"]
    assert ann.organisation and ann.organisation.text == "Delta Marine Group"
    assert {k: p.side for k, p in people.items()} == {
        person_key("Tom Baker"): "visiting", person_key("Ann Lee"): "visiting",
        person_key("Rui Chen"): "receiving", person_key("Bo Wen"): "receiving"}
    assert len(people[person_key("Rui Chen")].mentions) == 2  # "Mr. Chen" joins the one Chen
    assert card.date == Date(None, 3, 3)  # the event's date, not the dateline's year
    assert card.kind == "visit" and [s.text for s in card.places] == ["Ningbo"]
    assert "reached a broad consensus" in [o.text for o in card.outcomes]
    assert all(body[s.start:s.end] == s.text for s in spans(card))


def test_a_welcome_noun_places_both_sides(nlp: NLP) -> None:
    body = ("On March 3rd, Rui Chen, Mayor of Ningbo, extended a warm welcome to Ann Lee, Chief "
            "Engineer of Delta Marine Group, and her team.")
    card = card_of(nlp, body)
    sides = {p.name.text: (p.side, p.side_span and p.side_span.text) for p in card.people}
    assert sides == {"Rui Chen": ("receiving", "extended"), "Ann Lee": ("visiting", "extended")}


def test_people_named_later_take_the_side_of_their_body_or_of_the_place_visited(nlp: NLP) -> None:
    body = ("Recently, a delegation made up of leaders from the Harbour Works Committee and the "
            "Delta Marine Group went to Ningbo for investigation. The delegation toured the port."
            "\n\nTom Baker, Vice Chairman of the Delta Marine Group, said that the port had a "
            "bright future.\n\nDuring the visit to the Ningbo Port Authority, Bo Wen, Director of "
            "the Ningbo Port Authority, introduced the new plan of the port.")
    card = card_of(nlp, body)
    people = {p.name.text: p for p in card.people}
    assert people["Tom Baker"].side == "visiting"  # a member of a body the delegation came from
    assert people["Bo Wen"].side == "receiving"  # speaking during the visit to his place
    assert all(body[s.start:s.end] == s.text for s in spans(card))


def test_places_keep_their_whole_written_name(nlp: NLP) -> None:
    body = ("On May 2nd, the delegation went to Fujian (Xiamen) Pilot Free Trade Zone Haicang Port "
            "Area and visited Delta Marine’s Xiamen base. During the visit to the Xiamen Harbour "
            "Museum, Rui Chen, Deputy Mayor of Xiamen, met the delegation. Later they visited the "
            "Exhibition Hall of Xiamen Port and the Haicang Science Park.")
    card = card_of(nlp, body)
    assert [s.text for s in card.places] == [
        "Fujian (Xiamen) Pilot Free Trade Zone Haicang Port Area", "Delta Marine’s Xiamen base",
        "Xiamen Harbour Museum", "Exhibition Hall of Xiamen Port", "Haicang Science Park"]
    assert all(body[s.start:s.end] == s.text for s in card.places)  # not "Rui Chen" after a comma


def test_a_signing_card_and_a_missing_year_stays_missing(nlp: NLP) -> None:
    body = ("On July 9th, the signing ceremony of the framework agreement between the Harbour "
            "Works Committee and Delta Marine Group was held in Ningbo. Bo Wen, Chairman of Delta "
            "Marine Group, signed the agreement on behalf of the group.")
    card = card_of(nlp, body)
    assert card.date == Date(None, 7, 9) and str(card.date) == "July 9"
    assert card.kind == "signing" and card.kind_span and card.kind_span.text == "signing ceremony"
    assert [s.text for s in card.places] == ["Ningbo"]
    assert [p.side for p in card.people] == ["other"]  # signing is not a visit: no side


def test_the_dateline_gives_the_date_when_the_body_has_none(nlp: NLP) -> None:
    card = card_of(nlp, "Recently, a delegation went to Ningbo for investigation.",
                   "September 29, 2020")
    assert card.date == Date(2020, 9, 29) and card.date_span is None
    assert card.kind == "inspection"


@pytest.fixture(scope="module")
def seed_cards(nlp: NLP) -> tuple[list[Article], list[EventCard]]:
    articles, _ = load_articles(ROOT / "seeds", 10**7)
    found = nlp.annotate([a.body for a in articles])
    return articles, [extract(a, ents, nlp) for a, ents in zip(articles, found)]


def test_every_field_of_the_seed_cards_is_verbatim(seed_cards) -> None:  # type: ignore[no-untyped-def]
    articles, cards = seed_cards
    for article, card in zip(articles, cards):
        assert card.people and card.date
        for s in spans(card):
            assert article.body[s.start:s.end] == s.text, (article.id, s)
        assert EventCard.from_json(card.to_json()) == card


def test_seed_cards_against_the_hand_labelled_gold(seed_cards) -> None:  # type: ignore[no-untyped-def]
    report = score(seed_cards[1], json.loads(GOLD.read_text()))
    assert report["people"]["recall"] >= 0.95 and report["people"]["precision"] >= 0.90
    assert report["titles"]["recall"] >= 0.90 and report["titles"]["precision"] >= 0.90
    assert report["dates"]["recall"] == 1.0 and report["dates"]["precision"] == 1.0
    assert report["sides"]["precision"] >= 0.90 and report["sides"]["recall"] >= 0.90


def test_synthetic_cards_against_what_the_generator_wrote(nlp: NLP) -> None:
    articles, gold = synthetic_gold(50, seed=3)
    found = nlp.annotate([a.body for a in articles])
    report = score([extract(a, e, nlp) for a, e in zip(articles, found)], gold)
    assert report["people"]["gold"] > 200
    assert report["people"]["recall"] >= 0.95 and report["people"]["precision"] >= 0.93
    assert report["titles"]["recall"] >= 0.90 and report["titles"]["precision"] >= 0.90
    assert report["dates"]["recall"] == 1.0
    assert report["sides"]["precision"] >= 0.95 and report["sides"]["recall"] >= 0.90


def test_cards_and_chunk_entities_are_stored_and_rebuilt_with_their_article(
        tmp_path: Path, backend: dict[str, object], embedder, nlp: NLP) -> None:  # type: ignore[no-untyped-def]
    from assistant.corpus.ingest import ingest
    from assistant.store.chroma import Store
    from assistant.store.retrieve import chunk_entities

    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    settings = make_settings(tmp_path, seeds_dir=seeds, **backend)

    def run() -> dict[str, EventCard]:
        articles, _ = load_articles(seeds, 10**7)
        ingest(articles, set(), Store(settings), lambda: embedder, settings, nlp_factory=lambda: nlp)
        return {c.article_id: c for c in Store(settings).cards()}

    cards = run()
    assert len(cards) == 5
    first = ROOT / "seeds" / "000_508ce06625000aaf.txt"
    changed = seeds / first.name
    changed.write_text(first.read_text().replace("Deqiang Gao", "Deqiang Gaoyu"))
    (seeds / "003_bffee769cd76aaaa.txt").unlink()
    again = run()
    assert sorted(again) == sorted(set(cards) - {"003_bffee769cd76aaaa"})
    names = [p.name.text for p in again["000_508ce06625000aaf"].people]
    assert "Deqiang Gaoyu" in names and "Deqiang Gao" not in names
    assert again["001_8b6424cafdef1cef"] == cards["001_8b6424cafdef1cef"]
    rows = list(Store(settings).chunk_rows())
    ents = [e for _, meta, text in rows for e in chunk_entities(meta, text, int(meta["start"]))]
    assert any(e.kind == "PERSON" and e.text == "Deqiang Gaoyu" for e in ents)
    bodies = {a.id: a.body for a in load_articles(seeds, 10**7)[0]}
    for _, meta, text in rows:
        for e in chunk_entities(meta, text, int(meta["start"])):
            assert bodies[meta["article_id"]][e.start:e.end] == e.text


def test_catalog_cli_prints_the_cards(seed_store_settings) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASSISTANT_", "OPENAI_"))}
    env.update(ASSISTANT_STORE_DIR=str(seed_store_settings.store_dir),
               ASSISTANT_MODEL_CACHE_DIR=str(seed_store_settings.model_cache_dir))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "assistant", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=300, check=False)

    out = run("catalog", "--json")
    assert out.returncode == 0, out.stderr
    cards = [EventCard.from_json(line) for line in out.stdout.splitlines()]
    assert cards[0].article_id == "004_e4520b3f3c844a03"  # the one dated 2020 first
    assert len(cards) == 5
    text = run("catalog")
    assert "Qianshen Wang, Deputy Secretary of Huainan Municipal Party Committee [receiving]" \
        in text.stdout
    scored = run("eval", "--catalog", "--json")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["people"]["recall"] >= 0.95


def test_a_store_from_before_the_catalog_gets_its_cards_at_the_next_ingest(
        tmp_path: Path, embedder, nlp: NLP, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from assistant.corpus.ingest import ingest
    from assistant.store.chroma import Store

    settings = make_settings(tmp_path)
    articles, _ = load_articles(settings.seeds_dir, 10**7)
    write = Store.write
    with monkeypatch.context() as m:  # an ingest of the previous release: records without cards
        m.setattr(Store, "write", lambda self, arts, nodes, replacing, cards=None:
                  write(self, arts, nodes, replacing))
        ingest(articles, set(), Store(settings), lambda: embedder, settings,
               nlp_factory=lambda: nlp)
    assert Store(settings).cards() == []
    report = ingest(articles, set(), Store(settings), lambda: embedder, settings,
                    nlp_factory=lambda: nlp)
    assert len(report.updated) == 5 and len(Store(settings).cards()) == 5
    assert not ingest(articles, set(), Store(settings), lambda: embedder, settings).changed


def test_a_change_of_analysis_redoes_every_article_once(
        tmp_path: Path, embedder, nlp: NLP, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """New entity patterns or extraction (catalog.ANALYSIS bumped): the next ingest gives every
    article its entities and card again, and the one after has nothing to do."""
    from assistant.catalog import cards as catalog
    from assistant.corpus.ingest import ingest
    from assistant.store.chroma import Store

    settings = make_settings(tmp_path)
    articles, _ = load_articles(settings.seeds_dir, 10**7)
    run = lambda: ingest(articles, set(), Store(settings), lambda: embedder, settings,
                         nlp_factory=lambda: nlp)
    assert len(run().added) == 5 and not run().changed
    monkeypatch.setattr(catalog, "ANALYSIS", catalog.ANALYSIS + "-next")
    assert Store(settings).uncarded() == {a.id for a in articles}
    assert len(run().updated) == 5
    assert Store(settings).uncarded() == set() and not run().changed


def test_an_event_without_its_year_takes_the_publication_year_shown_as_such() -> None:
    from assistant.catalog.cards import EventCard, timeline
    from assistant.catalog.rows import date_text
    from assistant.records import Date

    late = EventCard("b", "B", "b.txt", Date(None, 4, 5), published=Date(2024, 4, 11))
    before = EventCard("a", "A", "a.txt", Date(None, 12, 20), published=Date(2024, 1, 5))
    unknown = EventCard("c", "C", "c.txt", Date(None, 3, 1))
    assert late.placed == Date(2024, 4, 5)
    assert before.placed == Date(2023, 12, 20)  # a month after the publication: the year before
    assert unknown.placed == Date(None, 3, 1)  # never guessed without a publication year
    assert [c.article_id for c in timeline([unknown, late, before])] == ["a", "b", "c"]
    assert date_text(late) == "April 5 (2024, the year of publication)"
    assert date_text(unknown) == "March 1 (year not stated)"
    assert EventCard.from_json(late.to_json()).published == Date(2024, 4, 11)
