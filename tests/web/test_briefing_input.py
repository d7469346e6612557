"""What people type into the Briefing tab, careful or hostile, through gradio_client against the real
app over the hand-written cards (tests/briefing_support.py): a filter matching nothing narrows the
chat to nothing, an invalid date never keeps an old narrowing, typed text shows as text, long input
is refused at once, impossible dates are refused with the formats, a click stays within budget."""

from __future__ import annotations

import time

import pytest
from conftest import app_client as client  # a fresh session: its own filters and answers

pytestmark = pytest.mark.timeout(300)
HUAINAN, LIANYUNGANG = "000_508ce06625000aaf", "001_8b6424cafdef1cef"
QUESTION = "Which cities discussed sub-center cooperation with the Lingang Innovation Center?"


def reply(chat: list[dict]) -> str:
    content = chat[-1]["content"]
    return " ".join(p.get("text", "") for p in content) if isinstance(content, list) else content


def cited(picker: dict) -> list[str]:
    return [label for label, _ in picker.get("choices") or []]


def test_a_filter_matching_no_article_narrows_the_chat_to_nothing(briefing_app: str) -> None:
    c = client(briefing_app)
    _, _, summary, *_ = c.predict("", "", "Nowhere", "", "", True, api_name="/briefing")
    assert summary.startswith("0 events") and "no article matches" in summary, summary
    chat, _, picker, _ = c.predict("Give me a timeline of the events", [], api_name="/chat")
    assert reply(chat).startswith("No article matches the filters"), reply(chat)
    assert cited(picker) == []
    chat, _, picker, _ = c.predict(QUESTION, [], api_name="/chat")  # a fact question too
    assert reply(chat).startswith("No article matches") and cited(picker) == []


def test_unticking_after_an_invalid_date_searches_every_article(briefing_app: str,  # type: ignore[no-untyped-def]
                                                                briefing_assistant) -> None:
    huainan = briefing_assistant.article(HUAINAN).title
    c = client(briefing_app)
    c.predict("", "", "Lianyungang", "", "", True, api_name="/briefing")
    _, _, picker, _ = c.predict(QUESTION, [], api_name="/chat")
    assert cited(picker) and not any(huainan in x for x in cited(picker))
    _, _, summary, *_ = c.predict("the spring", "", "Lianyungang", "", "", False,
                                  api_name="/briefing")
    assert "is not a date" in summary and "the chat searches all articles" in summary
    _, _, picker, _ = c.predict(QUESTION, [], api_name="/chat")
    assert any(huainan in x for x in cited(picker)), cited(picker)
    c.predict("", "", "Lianyungang", "", "", True, api_name="/briefing")  # ticked: kept
    _, _, summary, *_ = c.predict("the spring", "", "", "", "", True, api_name="/briefing")
    assert "keep the previous filters" in summary
    _, _, picker, _ = c.predict(QUESTION, [], api_name="/chat")
    assert cited(picker) and not any(huainan in x for x in cited(picker))


def rendered(summary: str) -> list:  # type: ignore[type-arg]
    """The inline tokens a Markdown renderer makes of the summary line (raw HTML allowed)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"linkify": False})
    return [c for t in md.parse(summary) if t.type == "inline" for c in t.children or []]


@pytest.mark.parametrize("typed", [
    "![x](http://127.0.0.1:9/beacon.png)", "<img src=http://127.0.0.1:9/b.png>",
    "[click](javascript:alert(1)) *Hong* __kou__ `code`", "&lt;b&gt; # | x | ~~y~~",
])
def test_typed_filter_text_shows_as_text(briefing_app: str, typed: str) -> None:
    c = client(briefing_app)
    _, _, summary, *_ = c.predict("", "", typed, "", "", False, api_name="/briefing")
    tokens = rendered(summary)
    kinds = {t.type for t in tokens}
    assert not kinds & {"image", "link_open", "html_inline", "em_open", "strong_open",
                        "code_inline"}, (summary, kinds)
    assert f"place “{typed}”" in "".join(t.content for t in tokens if t.type == "text")
    _, _, summary, *_ = c.predict(typed, "", "", "", "", False, api_name="/briefing")
    assert "is not a date" in summary and "image" not in {t.type for t in rendered(summary)}


def test_long_filter_text_is_refused_at_once_and_never_echoed(briefing_app: str) -> None:
    c = client(briefing_app)
    for typed in (("", "", "", "qu " * 35_000, ""), ("", "", "P" * 1_000_000, "", ""),
                  ("2020" * 2_000, "", "", "", "")):
        began = time.perf_counter()
        _, _, summary, *_ = c.predict(*typed, False, api_name="/briefing")
        assert time.perf_counter() - began < 5, "refused before any work"
        assert "filter is too long" in summary and "the limit is 200" in summary, summary[:200]
        assert len(summary) < 300
    longest = "Lin Qu " * 28  # 196 characters: still a filter
    _, people, summary, *_ = c.predict("", "", "", longest, "", False, api_name="/briefing")
    assert [r[1] for r in people["data"]] == ["Lin Qu"], summary[:200]


@pytest.mark.parametrize("typed", ["November 31", "February 30, 2021", "February 29, 2021",
                                   "0000", "2021 12", "2020-02-30", "31 November",
                                   "November 12 13"])
def test_a_date_that_is_no_date_is_refused_with_the_formats(briefing_app: str, typed: str) -> None:
    c = client(briefing_app)
    _, _, summary, *_ = c.predict(typed, "", "", "", "", False, api_name="/briefing")
    assert f"“{typed}” is not a date: write e.g. 2020-09, 2020-09-29, November 2021" in summary, \
        summary


@pytest.mark.parametrize(("start", "end", "events"), [
    ("February 29", "", 4), ("2020-02-29", "", 1), ("Nov 25", "December", 2),
    ("September 29, 2020", "2020-09-29", 1), ("2019", "2020", 1),
    ("25 November", "December", 2), ("29 Sept. 2020", "", 1)])
def test_real_dates_still_filter(briefing_app: str, start: str, end: str, events: int) -> None:
    _, _, summary, *_ = client(briefing_app).predict(start, end, "", "", "", False, api_name="/briefing")
    assert summary.startswith(f"{events} event"), summary


# filters as typed (from, to, place, person, organisation): broad, long, odd
EVERY = "a b c d e f g h i j k l m n o p q r s t u v w x y z 0 1 2 3 4 5 6 7 8 9 "
TYPED = [("", "", "", "a " * 100, ""), ("", "", "", EVERY * 2, ""), ("", "", "", "a", ""),
         ("", "", "a", "a", ""), ("2020-01", "2020-06", "u", "i", "o"),
         ("March", "", "", "", ""), ("", "", "h" * 200, "", "g" * 200),
         ("", "", "", "x" * 100_000, ""), ("", "", "", "Lin1 Qu", "")]


def many_cards(n: int) -> list:  # type: ignore[type-arg]
    """n cards of five people each, names drawn from a few thousand (so most people are in more
    than one event), twelve months of 2020 and 2021."""
    import random

    from assistant.catalog.cards import EventCard, Person
    from assistant.records import Date, Span
    from assistant.text.nlp import person_key

    rnd = random.Random(7)
    first = ["Lin", "Jun", "Hua", "Min", "Bo", "Wei", "Qian", "Hong", "Jin", "Xiao"]
    last = ["Qu", "Tang", "Yang", "Bi", "Fang", "Zhang", "Wang", "Li", "Sun", "Gao"]

    def span(text: str) -> Span:
        return Span(text, 0, len(text))

    cards = []
    for i in range(n):
        names = [f"{rnd.choice(first)}{rnd.randint(0, 300)} {rnd.choice(last)}" for _ in range(5)]
        people = [Person(span(name), person_key(name), [span("Deputy Director")],
                         span("Hefei Committee"), rnd.choice(("visiting", "receiving")))
                  for name in names]
        cards.append(EventCard(f"a{i:05d}", f"Visit {i}", f"a{i:05d}.txt",
                               Date(2020 + i % 2, 1 + i % 12, 1 + i % 28), None, "visit", None,
                               [span(rnd.choice(("Hefei", "Wuhu", "Lingang")))], people,
                               [span("Lingang Group")], []))
    return cards


def test_a_click_keys_the_typed_person_once_whatever_is_typed(briefing_assistant, embedder,  # type: ignore[no-untyped-def]
                                                              nlp, tmp_path, monkeypatch) -> None:
    """10,000 events: however broad or long the typed text, a filtering reads the person filter's
    key once (not once per person compared) and names no more people than the filter keeps; the
    time of a click is measured by bench/view_pages.py (its "typed filters" row), not here."""
    from assistant.app.pipeline import build_assistant
    from assistant.catalog import cards as catalog
    from assistant.catalog.listing import Listing
    from assistant.web.briefing import View
    from assistant.web.downloads import Packs

    assistant = build_assistant(briefing_assistant.settings, embedder=embedder, nlp=nlp)
    cards = many_cards(10_000)
    monkeypatch.setattr(assistant, "cards", lambda: cards)
    view = View(assistant, Packs(tmp_path))
    view.show("", "", "", "", "", True, "Date ↑", "Name ↑")  # the directory, once per store
    keyed: list[str] = []
    real = catalog.person_key
    monkeypatch.setattr(catalog, "person_key", lambda name: keyed.append(name) or real(name))
    for filters in TYPED:
        keyed.clear()
        got = view.show(*filters, True, "Who visited ↓", "Events ↓")
        assert keyed.count(filters[3]) <= 1 and len(keyed) <= 1, (filters[3][:40], len(keyed))
        if isinstance(got[-1], Listing) and filters[3]:  # else refused: too long
            words = real(filters[3]).split()
            assert all(all(w in e.key for w in words) for e in got[-1].people)
