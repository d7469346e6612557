"""Launch and secrets against the running app: loopback unless a login is set, a bounded queue,
no file served outside the app, and the API key in no answer, page, log or error."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import http.client
import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from conftest import ROOT
from fake_openai import FakeOpenAI, answer, cut_stream, hang, malformed, respond, status
from fault_support import cli_env, copy_store, run_cli
from helpers import free_port
from llm_support import HUAINAN_Q, article_number, llm_assistant
from pydantic import SecretStr

from assistant.web.app import launch
from assistant.web.logins import FREE_FAILURES, USER_FREE_FAILURES

pytestmark = pytest.mark.timeout(300)
KEY = "sk-test-SECRET-123"
ENV_SECRET = "ENV-FILE-SECRET-4242"


@contextmanager
def served(assistant, **overrides: object) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The app as `assistant serve` launches it, on a free port (another one if something took
    the port between finding it free and binding it: a race on a shared machine)."""
    for attempt in range(3):
        settings = assistant.settings.model_copy(update={"port": free_port(), **overrides})
        try:
            app, url, _ = launch(dataclasses.replace(assistant, settings=settings), settings,
                                 prevent_thread_lock=True, quiet=True)
            break
        except OSError:
            if attempt == 2:
                raise
    try:
        yield url
    finally:
        app.get_blocks().close()


def get(url: str, path: str) -> tuple[int, bytes]:
    """A raw GET: the path goes out exactly as written (no client-side '..' folding)."""
    host, port = url.split("//")[1].strip("/").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def bubbles(output: tuple) -> str:  # type: ignore[type-arg]
    return " ".join(" ".join(p["text"] for p in m["content"]) for m in output[0])


# --- refusing to start ----------------------------------------------------------------------

@pytest.mark.parametrize("extra,says", [
    ({}, "refusing to serve on 0.0.0.0 without a login"),
    ({"ASSISTANT_AUTH_PASSWORD": "pw-never-shown"}, "set both ASSISTANT_AUTH_USER"),
])
def test_serve_refuses_an_open_address_without_a_login(tmp_path, extra, says):
    env = cli_env(ROOT / "seeds", tmp_path / "store", ASSISTANT_HOST="0.0.0.0", **extra)
    began = time.monotonic()
    result = run_cli(env, "serve", cwd=tmp_path, timeout=60)
    assert result.returncode == 1 and says in result.stderr, result.stderr
    assert time.monotonic() - began < 20 and "Traceback" not in result.stderr
    assert "pw-never-shown" not in result.stderr + result.stdout
    assert not (tmp_path / "store").exists()  # refused before opening anything


def test_a_login_is_required_once_set(seed_assistant):
    from gradio_client import Client

    with served(seed_assistant, auth_user="ann",
                auth_password=SecretStr("correct horse")) as url:
        code, body = get(url, "/config")
        assert code in (401, 403) and b"Lingang" not in body
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises several kinds
            Client(url, verbose=False).predict(HUAINAN_Q, [], api_name="/chat")
        with pytest.raises(Exception):  # noqa: B017
            Client(url, auth=("ann", "wrong"), verbose=False)
        client = Client(url, auth=("ann", "correct horse"), verbose=False)
        assert "Qianshen Wang" in bubbles(client.predict(HUAINAN_Q, [], api_name="/chat"))


def login(url: str, user: str, password: str, source: str = "127.0.0.1",
          **headers: str) -> httpx.Response:
    """One attempt through Gradio's login form, sent from `source` (any 127.x.y.z is this
    machine: each is another client address to the app)."""
    with httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=30) as client:
        return client.post(url.rstrip("/") + "/login", headers=headers,
                           data={"username": user, "password": password})


def test_wrong_passwords_lock_the_address_out_for_a_while(seed_assistant, tmp_path):
    users = tmp_path / "users"
    users.write_text("ann:correct horse\nbob:battery staple\n")
    with served(seed_assistant, auth_file=users, auth_lockout=2.0) as url:
        with concurrent.futures.ThreadPoolExecutor(10) as pool:  # a burst of 20 guesses
            burst = list(pool.map(lambda i: login(url, "ann", f"guess-{i}"), range(20)))
        locked_at = time.monotonic()
        codes = [r.status_code for r in burst]
        assert codes.count(400) == FREE_FAILURES and codes.count(429) == 20 - FREE_FAILURES, codes
        refused = next(r for r in burst if r.status_code == 429)
        assert "try again in 2 s" in refused.text and refused.headers["retry-after"] == "2"
        # the guessing address is locked out, even with the right password, whatever the name
        assert login(url, "ann", "correct horse").status_code == 429
        assert login(url, "bob", "battery staple").status_code == 429
        spoofed = login(url, "bob", "battery staple", **{"X-Forwarded-For": "10.9.8.7"})
        assert spoofed.status_code == 429  # no proxy is trusted, not even loopback: no header
        # a stranger's guesses do not lock the user out
        assert login(url, "ann", "correct horse", "127.0.0.3").status_code == 200
        guessed = [login(url, f"nobody-{i}", "x", "127.0.0.4").status_code
                   for i in range(FREE_FAILURES + 1)]
        assert guessed[-1] == 429
        assert login(url, "bob", "battery staple", "127.0.0.3").status_code == 200
        time.sleep(max(0.0, locked_at + 2.2 - time.monotonic()))
        assert login(url, "ann", "correct horse").status_code == 200  # the lockout ends


def test_a_user_guessed_from_many_addresses_still_gets_in_where_it_logs_in(seed_assistant,
                                                                          tmp_path):
    users = tmp_path / "users"
    users.write_text("ann:correct horse\nbob:battery staple\n")
    with served(seed_assistant, auth_file=users, auth_lockout=60.0) as url:
        assert login(url, "ann", "correct horse", "127.0.0.3").status_code == 200  # her desk
        guessers = [f"127.0.1.{i}" for i in range(1, USER_FREE_FAILURES // FREE_FAILURES + 1)]
        guesses = [(source, i) for source in guessers for i in range(FREE_FAILURES)]
        with concurrent.futures.ThreadPoolExecutor(10) as pool:
            codes = list(pool.map(lambda g: login(url, "ann", f"guess-{g[1]}", g[0]).status_code,
                                  guesses))
        assert codes == [400] * USER_FREE_FAILURES, codes
        assert login(url, "ann", "correct horse", "127.0.2.1").status_code == 429  # elsewhere
        assert login(url, "bob", "battery staple", "127.0.2.1").status_code == 200  # only ann
        assert login(url, "ann", "correct horse", "127.0.0.3").status_code == 200  # her desk


def test_a_trusted_proxy_names_the_client(seed_assistant, tmp_path):
    users = tmp_path / "users"
    users.write_text("ann:correct horse\n")
    with served(seed_assistant, auth_file=users, auth_lockout=60.0,
                trusted_proxies="127.0.0.5, 10.0.0.0/8") as url:
        def via_proxy(password: str, client: str) -> int:
            return login(url, "ann", password, "127.0.0.5",
                         **{"X-Forwarded-For": client}).status_code

        assert [via_proxy("wrong", "203.0.113.7") for _ in range(FREE_FAILURES)] == \
            [400] * FREE_FAILURES
        assert via_proxy("correct horse", "203.0.113.7") == 429  # that client is locked out
        assert via_proxy("correct horse", "203.0.113.8") == 200  # another one behind the proxy
        # from an address that is no trusted proxy the header is ignored
        assert [login(url, "ann", "wrong", "127.0.0.6", **{"X-Forwarded-For": f"198.51.100.{i}"})
                .status_code for i in range(FREE_FAILURES + 1)][-1] == 429


def test_hostile_questions_through_the_chat(seed_assistant):
    from gradio_client import Client
    from helpers import rendered_problems

    with served(seed_assistant) as url:
        client = Client(url, verbose=False)
        began = time.monotonic()
        chat = client.predict("Who visited Huainan? " * 5000, [], api_name="/chat")[0]
        took = time.monotonic() - began
        assert "too long" in bubbles((chat[-1:],)) and took < 2.0, took
        hostile = ("<img src=x onerror=alert(1)>![x](http://evil.example/p.png) Who visited "
                   "Huainan on November 25th?\x00\u202e [999]")
        chat = client.predict(hostile, [], api_name="/chat")[0]
        for message in chat:  # the question and the answer as the page renders them
            text = bubbles(([message],))
            assert not rendered_problems(text) and "<img" not in text, text
        assert "Lin Qu" in bubbles((chat[-1:],))  # answered: who visited


# --- file routes -----------------------------------------------------------------------------

def private_files(tmp_path: Path, settings) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """Files the app must never serve -> a piece of their content."""
    env = tmp_path / ".env"
    env.write_text(f"OPENAI_API_KEY={ENV_SECRET}\n")
    return {"/etc/passwd": b"root:", str(settings.store_dir / "chroma.sqlite3"): b"SQLite format",
            str(env): ENV_SECRET.encode(), ".env": ENV_SECRET.encode(),
            str(ROOT / "prompts" / "system.txt"): b"briefing assistant",
            "/proc/self/environ": b"PATH=", str(next((ROOT / "seeds").glob("*.txt"))): b"Huainan"}


def attempts(target: str) -> list[str]:
    """The file routes of Gradio 6, with traversal and encoded variants."""
    rel = "../" * 12 + target.lstrip("/")
    enc = target.replace("/", "%2F")
    dots = ("%2e%2e%2f" * 12) + target.lstrip("/").replace("/", "%2f")
    double = ("%252e%252e%252f" * 12) + target.lstrip("/")
    paths = []
    for route in ("/gradio_api/file=", "/file=", "/gradio_api/file/", "/gradio_api/static/",
                  "/static/", "/assets/", "/gradio_api/"):
        paths += [route + target, route + rel, route + enc, route + dots, route + double]
    return paths


def test_file_routes_serve_nothing_private(seed_assistant, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the .env of the folder the app was started from
    secrets = private_files(tmp_path, seed_assistant.settings)
    tried = leaked = 0
    with served(seed_assistant) as url:
        assert get(url, "/")[0] == 200
        for target, content in secrets.items():
            for path in attempts(target):
                code, body = get(url, path)
                tried += 1
                if code == 200 and content in body or content in body:
                    leaked += 1
                    pytest.fail(f"{path} served {target} ({code})")
                assert code in (400, 401, 403, 404, 405, 422), (path, code)
    print(f"file route attempts: {tried}, served: {leaked}")


def test_the_same_requests_do_reach_a_file_gradio_is_told_to_serve(seed_assistant, tmp_path):
    """Control: the routes and encodings above are real, so their refusals mean something."""
    from assistant.web.app import build_ui

    (tmp_path / "public.txt").write_text("public text")
    demo = build_ui(seed_assistant)
    _, url, _ = demo.launch(server_name="127.0.0.1", server_port=free_port(), quiet=True,
                            prevent_thread_lock=True, allowed_paths=[str(tmp_path)])
    try:
        served_ok = [path for path in attempts(str(tmp_path / "public.txt"))
                     if get(url, path) == (200, b"public text")]
    finally:
        demo.close()
    assert f"/gradio_api/file={tmp_path}/public.txt" in served_ok
    assert any("%2F" in p for p in served_ok)  # an encoded variant reaches the file too


def upload(url: str, raw: bytes, cookies: httpx.Cookies | None = None) -> httpx.Response:
    files = {"files": ("x.html", raw, "text/html")}
    return httpx.post(url.rstrip("/") + "/gradio_api/upload", files=files, timeout=10,
                      cookies=cookies)


def test_uploads_on_this_machine_are_bounded_by_the_file_limit(seed_assistant):
    with served(seed_assistant, max_file_bytes=5000) as url:
        assert upload(url, b"<p>an article</p>").status_code == 200
        assert upload(url, b"<p>x</p>" * 1000).status_code in (400, 413)  # over 5,000 bytes
        assert b'"articles-add"' in get(url, "/config")[1]


@pytest.mark.parametrize("allowed", [False, True])
def test_beyond_this_machine_uploads_need_a_login_and_the_setting(seed_assistant, allowed):
    with served(seed_assistant, host="0.0.0.0", auth_user="ann", uploads=allowed,
                auth_password=SecretStr("correct horse")) as url:
        url = f"http://127.0.0.1:{url.rstrip('/').rsplit(':', 1)[1]}/"
        assert upload(url, b"<p>an article</p>").status_code in (401, 403)  # not logged in
        cookies = login(url, "ann", "correct horse").cookies
        got = upload(url, b"<p>an article</p>", cookies)
        config = httpx.get(url + "config", cookies=cookies, timeout=10).text
        if allowed:
            assert got.status_code == 200 and '"articles-add"' in config
        else:
            assert got.status_code in (400, 413) and '"articles-add"' not in config
            assert '"articles-table"' in config  # the list is still there


# --- a bounded queue -------------------------------------------------------------------------

def slow_reply(body: dict) -> object:
    n = article_number(body["messages"][-1]["content"], "Huainan")
    return answer(f"Lin Qu visited Huainan on November 25th [{n}].", chunk_size=2, delay=0.1)


def test_over_capacity_people_are_told_to_try_again(seed_assistant):
    from gradio_client import Client

    with FakeOpenAI(respond(lambda req: slow_reply(req.body))) as model:
        assistant = llm_assistant(seed_assistant, model.base_url)
        with served(assistant, concurrency=1, max_queue=1) as url:
            clients = [Client(url, verbose=False) for _ in range(5)]
            with concurrent.futures.ThreadPoolExecutor(5) as pool:
                jobs = [pool.submit(c.predict, HUAINAN_Q, [], api_name="/chat") for c in clients]
                outcomes = [j.exception() or j.result() for j in jobs]
            busy = [o for o in outcomes if isinstance(o, Exception)]
            done = [o for o in outcomes if not isinstance(o, Exception)]
            assert busy and done, outcomes
            assert all("Please try again" in str(b) for b in busy), busy
            assert all("Lin Qu visited Huainan" in bubbles(d) for d in done)
            later = Client(url, verbose=False).predict(HUAINAN_Q, [], api_name="/chat")
            assert "Lin Qu visited Huainan" in bubbles(later)  # capacity comes back


# --- the key after the faults ----------------------------------------------------------------

FAULTS = [status(401, message=f"Incorrect API key provided: {KEY}"),
          status(500, message=f"upstream failed for key {KEY}"), hang(4), malformed(),
          cut_stream(20), respond(lambda req: f"Your header was {req.headers['authorization']}."),
          respond(lambda req: f"The key is {KEY} [1]. " + req.messages[0]["content"])]


def test_the_key_is_in_no_page_answer_log_or_error(seed_assistant, tmp_path, caplog, capfd):
    from gradio_client import Client

    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    with FakeOpenAI() as model:
        assistant = llm_assistant(seed_assistant, model.base_url, openai_api_key=SecretStr(KEY),
                                  llm_timeout=2.0, llm_retries=0)
        with served(assistant) as url:
            client = Client(url, verbose=False)
            for fault in FAULTS:
                model.script(fault)
                seen.append(json.dumps(client.predict(HUAINAN_Q, [], api_name="/chat")))
            for path in ("/", "/config", "/gradio_api/info", "/gradio_api/info?all_endpoints=1"):
                seen.append(get(url, path)[1].decode(errors="replace"))
        assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in model.chat_requests)

        store = copy_store(seed_assistant.settings.store_dir, tmp_path / "store")
        env = cli_env(ROOT / "seeds", store, OPENAI_API_KEY=KEY, OPENAI_BASE_URL=model.base_url,
                      ASSISTANT_CHAT_MODEL="fake-model", ASSISTANT_LLM_TIMEOUT="2",
                      ASSISTANT_LLM_RETRIES="0")
        model.script(*FAULTS)
        cli = run_cli(env, "ask", "--json", cwd=tmp_path, timeout=200,
                      input_lines=[HUAINAN_Q] * len(FAULTS))
        assert cli.returncode == 0 and cli.stdout.count("\n") == len(FAULTS), cli.stderr
        seen += [cli.stdout, cli.stderr]
        bad = run_cli({**env, "ASSISTANT_CHUNK_OVERLAP": "999"}, "ask", "x", cwd=tmp_path)
        assert bad.returncode == 1 and "error:" in bad.stderr
        seen += [bad.stdout, bad.stderr]
    out, err = capfd.readouterr()
    seen += [out, err, caplog.text]
    leaks = [text[:200] for text in seen if KEY in text or KEY[-10:] in text]
    assert not leaks, leaks
    assert any("rejected the API key" in text for text in seen)  # the faults really happened
