"""Bad input and output safety: the question gate, the markdown sanitiser, the redactor, launch rules.

Property-based tests (hypothesis) for the pure functions; a table of hostile questions through the
real Assistant over the seed store.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import make_settings
from helpers import MD, rendered_problems
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from pydantic import SecretStr

from assistant.answering.llm.prompts import Prompts
from assistant.answering.llm.redact import Redactor
from assistant.question.clean import QuestionError, clean_question
from assistant.text.markup import DROP, safe_answer, safe_markdown
from assistant.text.sentences import markers, sentence_spans
from assistant.web.auth import LaunchError, credentials, is_loopback, launch_auth
from assistant.web.render import answer_json, answer_markdown, link_markers

pytestmark = pytest.mark.timeout(300)
PROPERTY = hyp_settings(max_examples=300, deadline=None,
                        suppress_health_check=[HealthCheck.too_slow])
# Characters attackers and copy-paste bring: controls, NUL, zero-width, bidi, surrogates, markup.
HOSTILE = ["\x00", "\x07", "\x1b", "\x7f", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
           "\u202e", "\u202d", "\u2066", "\u061c", "\ud800", "\ue000", "\r", "\t", "\n", "<", ">",
           "&", "[", "]", "(", ")", "!", ":", "\\", "`", "*", "_", "#", "@", "/", "."]
PIECES = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>",
          "![x](http://evil.example/p.png)", "[click](javascript:alert(1))", "[1]: http://evil.example",
          "<http://evil.example>", "www.evil.example", "mail@evil.example", "&lt;b&gt;", "[999]",
          "[[1]](http://evil.example)", "![a![b](c)](d)", "<!-- x", "Who visited Huainan?", "[2]",
          "https://evil.example/a_(b)", "[x](<javascript:y>)", "![i][r]\n\n[r]: http://e.example"]
hostile_text = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(HOSTILE),
                                  st.sampled_from(PIECES)), max_size=30).map("".join)


# --- property-based tests -------------------------------------------------------------------

@PROPERTY
@given(hostile_text, st.integers(min_value=10, max_value=400))
def test_question_sanitiser_never_raises_anything_else_and_stays_bounded(text, limit):
    try:
        out = clean_question(text, limit)
    except QuestionError as exc:
        assert str(exc) and len(exc.shown) <= 201
        return
    assert 0 < len(out) <= limit and out == out.strip() and "  " not in out
    assert not [c for c in out if unicodedata.category(c) in DROP]
    assert not re.search(r"<[A-Za-z/!?]|\[\s*\d+\s*\]|\]\(", out), out
    assert re.search(r"[^\W_]", out)


@PROPERTY
@given(st.text(max_size=300))
def test_question_sanitiser_on_any_unicode(text):
    try:
        out = clean_question(text, 100)
    except QuestionError:
        return
    out.encode("utf-8")  # no lone surrogates survive: JSON output and the UI can encode it


@PROPERTY
@given(hostile_text | st.text(max_size=400))
def test_sentence_splitter_spans_are_ordered_trimmed_and_cover_the_text(text):
    spans = sentence_spans(text)
    previous = 0
    for a, b in spans:
        assert previous <= a < b <= len(text)
        assert text[a:b].strip() == text[a:b]
        previous = b
    rest = "".join(text[i] for i in range(len(text)) if not any(a <= i < b for a, b in spans))
    assert not rest.strip()  # only whitespace falls between sentences
    assert sentence_spans(text, 7) == [(a + 7, b + 7) for a, b in spans]


@PROPERTY
@given(hostile_text, st.sets(st.integers(min_value=1, max_value=12), max_size=6))
def test_citation_parser_reads_only_markers_and_links_only_retrieved_ones(text, retrieved):
    found = markers(text)
    assert all(0 <= n <= 999 for n in found) and len(found) <= text.count("[")
    assert found == [int(m) for m in re.findall(r"\[(\d{1,3})\]", text)]
    kept = re.sub(r"\[(\d{1,3})\]", lambda m: m[0] if int(m[1]) in retrieved else "", text)
    assert set(markers(kept)) <= retrieved
    linked = re.findall(r"\]\(#source-(\d+)\)", link_markers(safe_markdown(kept)))
    assert {int(n) for n in linked} <= retrieved


ARTICLE_TEXTS = ["Lin Qu visited Huainan on November 25th. They were received by Qianshen Wang.",
                 "The agreement was signed on December 14 by Hongkou and Lingang Group.",
                 "Lingang has four major industries: chips, AI, biomedicine and aircraft.",
                 "Over 3,000 people attended the first technology innovation conference."]
CLAIMS = [t[a:b] for t in ARTICLE_TEXTS for a, b in sentence_spans(t)] + PIECES


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(CLAIMS) | hostile_text,
                          st.lists(st.integers(min_value=0, max_value=60), max_size=3)),
                max_size=6),
       st.integers(min_value=1, max_value=4), st.integers(min_value=1, max_value=40))
def test_generated_citations_are_always_among_the_retrieved(parts, retrieved, piece):
    from assistant.answering.llm.generate import Draft, compose
    from assistant.answering.llm.verify import number_sources
    from assistant.app.config import Settings
    from assistant.records import Passage

    settings = Settings(_env_file=None, answerer="extractive")  # type: ignore[call-arg]
    passages = [Passage(f"a{i}#f#0", f"a{i}", f"Title {i}", "", "src", t, 0, len(t), 1.0, 0.5)
                for i, t in enumerate(ARTICLE_TEXTS[:retrieved])]
    text = " ".join(claim + "".join(f"[{n}]" for n in numbers) for claim, numbers in parts)
    draft = Draft(number_sources(passages), settings, Redactor.build([], []))
    for i in range(0, len(text), piece):  # as it streams in
        draft.add(text[i:i + piece])
        partial = compose("q", draft, settings, final=False)
        assert set(markers(partial.text)) <= {c.n for c in partial.citations}
    draft.finish()
    final = compose("q", draft, settings, final=True)
    cited = {c.n for c in final.citations}
    assert set(markers(final.text)) <= cited <= set(range(1, retrieved + 1))
    assert {c.article_id for c in final.citations} <= {p.article_id for p in passages}
    linked = re.findall(r"\]\(#source-(\d+)\)", answer_markdown(final))
    assert {int(n) for n in linked} <= cited


@PROPERTY
@given(hostile_text)
def test_markdown_sanitiser_leaves_nothing_to_load_or_run(text):
    out = safe_markdown(text)
    assert len(out) <= 6 * len(text) + 1
    assert "<" not in out and not rendered_problems(link_markers(out)), (text, out)


@PROPERTY
@given(st.lists(st.sampled_from(["sys", "art", "secret"]), min_size=1, max_size=8),
       st.randoms(use_true_random=False))
def test_redactor_removes_the_system_prompt_and_secrets_and_keeps_the_rest(plan, rnd):
    system = " ".join(Prompts.load().system.split())
    sys_sentences = [system[a:b] for a, b in sentence_spans(system)]
    article = ["Lin Qu visited Huainan on November 25th [1].", "The park covers 386 km² [2].",
               "They were received by Qianshen Wang [1]."]
    parts = [rnd.choice(sys_sentences) if p == "sys" else rnd.choice(article) if p == "art"
             else "The key is sk-test-SECRET-123." for p in plan]
    cased = [p if p in article else rnd.choice([p, p.lower()]) for p in parts]
    joined = " ".join(rnd.choice(["", "⚠ (unsupported) "]) + p for p in cased)  # marked, as shown
    out = Redactor.build([system], ["sk-test-SECRET-123"]).text(joined)
    assert "SECRET" not in out
    assert not any(s.lower() in out.lower() for s in sys_sentences), out
    assert all(a in out for a in set(parts) & set(article))


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(ARTICLE_TEXTS), hostile_text), min_size=1, max_size=3),
       st.sets(st.integers(min_value=1, max_value=999), max_size=3))
def test_only_the_assistants_own_markers_become_links(quotes, numbers):
    # article sentences with markup and markers of their own, quoted as the extractive answer does
    quoted = [a + h + "".join(f" [{n}]" for n in numbers) for a, h in quotes]
    text = "\n\n".join(f"“{q}” [{i}]" for i, q in enumerate(quoted, 1))
    linked = re.findall(r"\]\(#source-(\d+)\)", link_markers(safe_answer(text, quoted)))
    assert linked == [str(i) for i in range(1, len(quoted) + 1)], text


# --- hostile questions through the real assistant --------------------------------------------

HUAINAN = "Who visited Huainan on November 25th?"
ANSWERED = [  # (label, question): a real question wrapped in junk is still answered
    ("control characters", "Who visited\x01\x02 Huainan\x7f on November 25th?"),
    ("NUL", "Who visited Huainan on November 25th?\x00\x00"),
    ("zero-width", "Who\u200b visited\u200d Hua\u200cinan\ufeff on November 25th?"),
    ("RTL override", "\u202eWho visited Huainan on November 25th?\u202c\u200f"),
    ("lone surrogate", "Who visited Huainan on November 25th?\ud800"),
    ("citation marker", "Who visited Huainan on November 25th? [999] [1]"),
    ("markdown image", "![x](http://evil.example/p.png) Who visited Huainan on November 25th?"),
    ("markdown link", "[Who visited](javascript:alert(1)) Huainan on November 25th?"),
    ("script tag", "<script>alert('x')</script>Who visited Huainan on November 25th?"),
    ("html tags", "<b>Who</b> visited <img src=x onerror=alert(1)>Huainan on November 25th?"),
    ("entities", "&lt;script&gt;alert(1)&lt;/script&gt;Who visited Huainan on November 25th?"),
]
REFUSED = [  # (label, question, words the message must contain)
    ("empty", "", "type a question"),
    ("whitespace", " \n\t  \r\n ", "type a question"),
    ("zero-width only", "\u200b\u200c\ufeff", "type a question"),
    ("punctuation only", "?!?!... ---", "no words"),
    ("marker only", "[999]", "nothing is left"),
    ("markup only", "<script>alert(1)</script><br/>", "nothing is left"),
    ("just over the limit", "word " * 401, "too long"),
    ("100 KB", "Who visited Huainan? " * 5000, "too long"),
]


def check_answer_is_clean(answer) -> None:  # type: ignore[no-untyped-def]
    data = json.dumps(answer_json(answer), ensure_ascii=False)
    data.encode("utf-8")
    assert "evil.example" not in data and "javascript" not in data and "<script" not in data
    assert not rendered_problems(answer_markdown(answer))


@pytest.mark.parametrize("label,question", ANSWERED, ids=[c[0] for c in ANSWERED])
def test_junk_around_a_real_question_is_removed_and_it_is_answered(seed_assistant, label,
                                                                    question):
    plain = seed_assistant.ask(HUAINAN)
    answer = seed_assistant.ask(question)
    assert answer.question == clean_question(question, 2000) and "[999]" not in answer.question
    assert (answer.abstained, answer.text) == (False, plain.text)
    check_answer_is_clean(answer)


@pytest.mark.parametrize("label,question,says", REFUSED, ids=[c[0] for c in REFUSED])
def test_bad_questions_get_a_clear_message_at_once(seed_assistant, label, question, says):
    assert seed_assistant.settings.max_question_chars == 2000
    began = time.perf_counter()
    answer = seed_assistant.ask(question, ["<b>earlier</b>", "x" * 100_000])
    took = time.perf_counter() - began
    assert answer.abstained and says in answer.text.lower() and not answer.citations
    assert took < 0.25, f"{label}: {took:.3f} s"
    assert len(answer.question) <= 201
    check_answer_is_clean(answer)


def test_a_foreign_script_question_is_asked_not_refused(seed_assistant):
    answer = seed_assistant.ask("من زار هواينان؟ 谁访问了淮南？")
    assert answer.abstained and "do not cover" in answer.text
    assert answer.question == "من زار هواينان؟ 谁访问了淮南?"  # NFKC: fullwidth "？" is "?"


def test_hostile_history_does_not_break_a_follow_up(seed_assistant):
    history = ["\x00\u202e", "<script>x</script>", "Who visited Huainan on November 25th?"]
    answer = seed_assistant.ask("Who received them?", history)
    assert not answer.abstained and "Qianshen Wang" in answer.text


# --- launch rules ----------------------------------------------------------------------------

@pytest.mark.parametrize("host,loopback", [("127.0.0.1", True), ("localhost", True),
                                           ("::1", True), ("127.0.0.2", True),
                                           ("0.0.0.0", False), ("::", False),
                                           ("192.168.1.5", False), ("example.org", False)])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


def test_binding_beyond_loopback_needs_a_login(tmp_path: Path):
    assert launch_auth(make_settings(tmp_path)) is None
    with pytest.raises(LaunchError, match="refusing to serve on 0.0.0.0 without a login"):
        launch_auth(make_settings(tmp_path, host="0.0.0.0"))
    with pytest.raises(LaunchError, match="both ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD"):
        launch_auth(make_settings(tmp_path, host="0.0.0.0", auth_user="ann"))
    pair = make_settings(tmp_path, host="0.0.0.0", auth_user="ann",
                         auth_password=SecretStr("pw-1"))
    assert launch_auth(pair) == [("ann", "pw-1")]


def test_auth_file_lines_and_errors_that_never_show_a_password(tmp_path: Path):
    good = tmp_path / "users"
    good.write_text("# team\nann:pw:with:colons\n\nbob:hunter2\n")
    settings = make_settings(tmp_path, host="0.0.0.0", auth_file=good)
    assert credentials(settings) == [("ann", "pw:with:colons"), ("bob", "hunter2")]
    bad = tmp_path / "bad"
    bad.write_text("ann:ok\nbob-secret-no-colon\n")
    with pytest.raises(LaunchError) as caught:
        launch_auth(make_settings(tmp_path, host="0.0.0.0", auth_file=bad))
    assert "line 2: expected user:password" in str(caught.value)
    assert "secret" not in str(caught.value)
    with pytest.raises(LaunchError, match="cannot read the auth file"):
        launch_auth(make_settings(tmp_path, host="0.0.0.0", auth_file=tmp_path / "missing"))
    (tmp_path / "empty").write_text("# nobody\n")
    with pytest.raises(LaunchError, match="holds no user:password line"):
        launch_auth(make_settings(tmp_path, host="0.0.0.0", auth_file=tmp_path / "empty"))


@pytest.mark.parametrize("user,password", [("ann", "   "), ("ann", "\t \u3000"), ("  ", "pw-1")])
def test_a_login_of_only_spaces_is_refused(tmp_path: Path, user: str, password: str):
    settings = make_settings(tmp_path, host="0.0.0.0", auth_user=user,
                             auth_password=SecretStr(password))
    with pytest.raises(LaunchError, match="is only spaces: set a real user name and password"):
        launch_auth(settings)


def test_an_auth_file_password_of_only_spaces_is_refused(tmp_path: Path):
    users = tmp_path / "users"
    users.write_text("ann:pw-1\nbob: \t \nbob:\n")
    with pytest.raises(LaunchError) as caught:
        launch_auth(make_settings(tmp_path, host="0.0.0.0", auth_file=users))
    assert "line 2: the password is empty or only spaces" in str(caught.value)
    users.write_text("ann:pw-1\n  :pw-2\n")
    with pytest.raises(LaunchError, match="line 2: expected user:password"):
        launch_auth(make_settings(tmp_path, host="0.0.0.0", auth_file=users))


def test_each_wrong_password_after_a_lockout_doubles_it(monkeypatch):
    import asyncio

    from fastapi import HTTPException

    from assistant.web import logins

    monkeypatch.setattr(logins, "FAILURE_DELAY", 0.0)
    now = [0.0]
    guard = logins.LoginGuard({"ann": "pw-1"}, 10.0, clock=lambda: now[0])
    for _ in range(logins.FREE_FAILURES):
        assert asyncio.run(guard.check("ann", "wrong")) is False
    for expected in (10.0, 20.0, 40.0):
        assert guard.locked_until["ann"] - now[0] == expected
        with pytest.raises(HTTPException):
            asyncio.run(guard.check("ann", "pw-1"))
        now[0] = guard.locked_until["ann"]
        assert asyncio.run(guard.check("ann", "wrong")) is False
    now[0] = guard.locked_until["ann"]  # after the last lockout, the right password passes
    assert asyncio.run(guard.check("ann", "pw-1")) is True and "ann" not in guard.failures


def test_a_bare_ampersand_stays_as_the_article_wrote_it() -> None:
    # the JSON answer is matched by people and scripts: "Belt & Road", not "Belt &amp; Road"
    assert safe_markdown("Belt & Road countries") == "Belt & Road countries"
    assert not rendered_problems(safe_markdown("&lt;img src=x onerror=alert(1)&gt; & more"))
    assert MD.render(safe_markdown("&lt;b&gt;")).strip() == "<p>&amp;lt;b&amp;gt;</p>"
