"""`assistant add | articles | remove` through the real CLI: files, folders and fetched pages go into
the articles folder under safe names, never over another file, each input with its own result."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import SEEDS
from document_support import make_docx, make_pdf, make_scanned_pdf
from fault_support import cli_env, run_cli

pytestmark = pytest.mark.timeout(900)
HUAINAN, HONGKOU = "000_508ce06625000aaf", "003_bffee769cd76aaaa"
NEW = ("Qingdao port group signs green shipping pact\n\n"
       "On 3 March 2025, a delegation from Qingdao Port Group led by its chairman Zhao Mingfei "
       "visited the Lingang Special Area. The two sides signed a green shipping cooperation "
       "agreement covering methanol bunkering and shore power at Yangshan.\n\n"
       "Zhao Mingfei said the port would send twelve engineers to Lingang in the summer.")
QUESTION = "How many engineers will Qingdao Port Group send to Lingang?"
REPORT = [("The Lingang Special Area counts 412 data companies registered by the end of the year, "
          "up from 275 a year earlier, its annual digital economy report says.")]
FERRY = [("A new ferry line between Lingang and Zhoushan will open in June with four sailings a "
         "day, the port authority said in a memo to the district government.")]


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def results(out: str) -> dict[str, dict]:
    """Each input's result by the name it was given under (its last path part)."""
    return {Path(r["result"]["given"]).name or r["result"]["given"]: r["result"]
            for r in records(out) if "result" in r}


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in (HUAINAN, HONGKOU):
        shutil.copy(SEEDS / f"{name}.txt", seeds)
    env = cli_env(seeds, tmp_path / "store")
    assert run_cli(env, "ingest", "--quiet").returncode == 0
    return seeds, env


def test_add_a_folder_then_list_ask_replace_and_remove(folders, tmp_path: Path):
    seeds, env = folders
    incoming = tmp_path / "incoming"
    (incoming / "sub").mkdir(parents=True)
    (incoming / "Qingdao Port (copy) é.TXT").write_text(NEW)
    (incoming / "sub" / "again.txt").write_bytes((SEEDS / f"{HUAINAN}.txt").read_bytes())
    (incoming / "tool.exe").write_bytes(b"MZ\x90\x00" + bytes(200))
    (incoming / ".hidden.txt").write_text(NEW + " hidden")
    make_pdf(incoming / "Report 2025.pdf", "Lingang digital economy report", REPORT)
    make_docx(incoming / "memo.docx", "Memo on the ferry line", FERRY)
    make_scanned_pdf(incoming / "scan.pdf")
    done = run_cli(env, "add", str(incoming), "--json")
    assert done.returncode == 3, done.stderr  # some inputs were skipped
    got = results(done.stdout)
    assert set(got) == {"Qingdao Port (copy) é.TXT", "again.txt", "tool.exe", "Report 2025.pdf",
                        "memo.docx", "scan.pdf"}
    assert (got["Report 2025.pdf"]["status"], got["Report 2025.pdf"]["name"]) == \
        ("added", "Report_2025.pdf")
    assert (got["memo.docx"]["status"], got["memo.docx"]["title"]) == \
        ("added", "Memo on the ferry line")
    assert "no text layer" in got["scan.pdf"]["reason"]
    for name in ("Report_2025.pdf", "memo.docx"):  # what was added was checked
        shutil.move(seeds / name, tmp_path / name)
    assert run_cli(env, "ingest", "--quiet").returncode == 0
    new = got["Qingdao Port (copy) é.TXT"]
    assert (new["status"], new["name"]) == ("added", "Qingdao_Port_copy_é.txt")
    assert new["title"] == "Qingdao port group signs green shipping pact"
    assert got["again.txt"]["status"] == "skipped"
    assert f"already indexed as {HUAINAN}" in got["again.txt"]["reason"]
    assert "not an article file" in got["tool.exe"]["reason"]
    assert sorted(p.name for p in seeds.iterdir()) == sorted(
        [f"{HUAINAN}.txt", f"{HONGKOU}.txt", "Qingdao_Port_copy_é.txt"])
    assert "3 added" in records(done.stdout)[-1]["summary"]

    listed = records(run_cli(env, "articles", "--json").stdout)
    assert {r["id"] for r in listed} == {HUAINAN, HONGKOU, "Qingdao_Port_copy_é"}
    row = next(r for r in listed if r["id"] == "Qingdao_Port_copy_é")
    assert (row["kind"], row["file"], row["date"]) == ("text", "Qingdao_Port_copy_é.txt", "March 3, 2025")
    assert row["chunks"] >= 1
    only = run_cli(env, "articles", "green shipping")
    assert only.stdout.count("\n") == 1 and "Qingdao_Port_copy_é" in only.stdout

    answer = json.loads(run_cli(env, "ask", "--json", QUESTION).stdout)
    assert "twelve engineers" in answer["answer"]
    assert answer["citations"][0]["article_id"] == "Qingdao_Port_copy_é"

    same = run_cli(env, "add", str(seeds / "Qingdao_Port_copy_é.txt"))
    assert same.returncode == 0 and "unchanged" in same.stdout, same.stderr

    other = tmp_path / "Qingdao_Port_copy_é.txt"
    other.write_text(NEW.replace("twelve engineers", "thirty engineers"))
    clash = run_cli(env, "add", str(other))
    assert clash.returncode == 3 and "a different file named Qingdao_Port_copy_é.txt" in \
        clash.stderr
    assert "twelve" in (seeds / "Qingdao_Port_copy_é.txt").read_text()  # nothing overwritten
    replaced = run_cli(env, "add", "--replace", str(other))
    assert replaced.returncode == 0 and "updated" in replaced.stdout, replaced.stderr
    assert "twelve" in (seeds / ".removed" / "Qingdao_Port_copy_é.txt").read_text()  # kept

    gone = run_cli(env, "remove", "Qingdao_Port_copy_é")
    assert gone.returncode == 0, gone.stderr
    assert "removed Qingdao_Port_copy_é" in gone.stdout
    assert "thirty" in (seeds / ".removed" / "Qingdao_Port_copy_é-2.txt").read_text()
    assert not (seeds / "Qingdao_Port_copy_é.txt").exists()
    answer = json.loads(run_cli(env, "ask", "--json", QUESTION).stdout)
    assert "engineers" not in answer["answer"]
    assert {r["id"] for r in records(run_cli(env, "articles", "--json").stdout)} == \
        {HUAINAN, HONGKOU}
    unknown = run_cli(env, "remove", "no_such_article")
    assert unknown.returncode == 1 and "no indexed article has the id" in unknown.stderr


class Pages(http.server.BaseHTTPRequestHandler):
    """A local web server: /visit.html is an article page, /moved redirects to it, /big is
    over the size limit, /image is no article."""

    def do_GET(self) -> None:
        page = (f"<html><head><title>Qingdao port group signs green shipping pact</title></head>"
                f"<body><article>{''.join(f'<p>{p}</p>' for p in NEW.split(chr(10) * 2)[1:])}"
                "</article></body></html>").encode()
        routes = {"/visit.html": (200, "text/html; charset=utf-8", page),
                  "/image": (200, "image/png", b"\x89PNG"),
                  "/big": (200, "text/html", b"<p>x</p>" * 20000)}
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/visit.html")
            self.end_headers()
            return
        code, kind, body = routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def web_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_add_a_web_page_by_its_address(folders):
    seeds, env = folders
    with web_server() as site:
        done = run_cli(env | {"ASSISTANT_MAX_FILE_BYTES": "100000"}, "add", "--json",
                       f"{site}/moved", f"{site}/missing", f"{site}/image", f"{site}/big",
                       "ftp://example.org/x.html")
        got = {r["given"]: r for r in (rec["result"] for rec in records(done.stdout)
                                       if "result" in rec)}
        assert (got[f"{site}/moved"]["status"], got[f"{site}/moved"]["name"]) == \
            ("added", "visit.html")
        assert "HTTP 404" in got[f"{site}/missing"]["reason"]
        assert "not an article page (content type image/png" in got[f"{site}/image"]["reason"]
        assert "too large" in got[f"{site}/big"]["reason"]
        assert "only http:// and https://" in got["ftp://example.org/x.html"]["reason"]
        assert (seeds / "visit.html").is_file()
        # served beyond this machine, the chat's own machine and private networks are off limits
        public = run_cli(env | {"ASSISTANT_HOST": "0.0.0.0"}, "add", f"{site}/visit.html")
        assert public.returncode == 3
        assert "a loopback or private address: refused" in public.stderr
    answer = json.loads(run_cli(env, "ask", "--json", QUESTION).stdout)
    assert answer["citations"][0]["article_id"] == "visit"


def test_a_copy_of_an_indexed_article_never_displaces_it(folders, tmp_path: Path):
    seeds, env = folders
    copy = tmp_path / "00.txt"  # sorts before the indexed file; saved with CRLF: other bytes
    copy.write_bytes((SEEDS / f"{HUAINAN}.txt").read_bytes().replace(b"\n", b"\r\n"))
    done = run_cli(env, "add", "--json", str(copy))
    assert done.returncode == 3, done.stderr
    got = results(done.stdout)["00.txt"]
    assert got["status"] == "skipped" and f"duplicate of {seeds / HUAINAN}.txt" in got["reason"]
    assert not (seeds / "00.txt").exists()  # not left behind
    assert "nothing changed (2 articles up to date" in records(done.stdout)[-1]["summary"]
    listed = {r["id"] for r in records(run_cli(env, "articles", "--json").stdout)}
    assert listed == {HUAINAN, HONGKOU}  # the indexed article kept its id
    shutil.copy(copy, seeds / "00.txt")  # by hand, the same rule
    again = run_cli(env, "ingest", "--quiet")
    assert again.returncode == 3 and "nothing changed" in again.stdout, again.stdout
    assert f"00.txt: duplicate of {seeds / HUAINAN}.txt (same text)" in again.stderr
