"""Round two of the hostile tests: what an independent probe found (issue 18).

Each case goes through the real CLI in a subprocess (with a hang guard), like
test_adversarial.py, and failed before its fix.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml"
HANG_GUARD = 60


def csmanual(*args, cwd: Path | None = None, timeout: float = HANG_GUARD):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "cli"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "csmanual", *map(str, args)],
        capture_output=True,
        text=True,
        errors="replace",
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "manual.yaml").write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    git(tmp_path, "add", "manual.yaml")
    git(tmp_path, "commit", "-qm", "first")
    return tmp_path


# --- 1. the manifest vouches for the bytes that were read ------------------------------------


def test_the_manifest_hashes_the_source_that_was_read(tmp_path):
    from csmanual.build import build
    from csmanual.manifest import read, verify
    from csmanual.project import Project

    source = tmp_path / "manual.yaml"
    read_text = EXAMPLE.read_text("utf-8")
    source.write_text(read_text, encoding="utf-8")
    project = Project(source)
    assert project.validation.ok  # read now: these are the bytes the outputs are built from
    source.write_text(read_text.replace("First edition", "Replaced meanwhile"), encoding="utf-8")
    build(project, ["html"], tmp_path / "out", force=True)
    recorded = read(tmp_path / "out")["source"]["sha256"]
    assert recorded == hashlib.sha256(read_text.encode("utf-8")).hexdigest()
    problems = verify(tmp_path / "out" / "manual.html", source)
    assert problems and "was not built from" in problems[0]
    # and the next build sees the new text: it rebuilds instead of saying "up to date"
    again = csmanual("build", source, "--out", tmp_path / "out")
    assert again.returncode == 0 and "up to date" not in again.stdout


# --- 4. a revision never reaches git as an option --------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "manual.yaml", "--against=--output={pwned}"],
        ["build", "manual.yaml", "--out", "out", "--changes-since=--output={pwned}"],
        ["diff", "--", "--output={pwned}", "manual.yaml"],
        ["diff", "--", "--output={pwned}:manual.yaml", "manual.yaml"],
    ],
)
def test_a_revision_that_looks_like_an_option_is_refused(repo, command):
    pwned = repo / "pwned"
    result = csmanual(*[part.format(pwned=pwned) for part in command], cwd=repo)
    # diff's errors exit 2: its 1 means "the versions differ" (with --exit-code)
    assert result.returncode == (2 if command[0] == "diff" else 1), result.stdout + result.stderr
    assert "cannot start with '-'" in result.stderr
    assert not pwned.exists(), "git wrote a file named by the revision"
    assert "Traceback" not in result.stderr


# --- 5. a blob read from git has the same size limit as a file -------------------------------


def test_a_blob_over_the_size_limit_is_refused_before_it_is_read(repo):
    from csmanual.loader import MAX_BYTES

    big = repo / "big.yaml"
    with big.open("w") as stream:
        stream.write("# " + "x" * (MAX_BYTES + 10) + "\n")
    git(repo, "add", "big.yaml")
    git(repo, "commit", "-qm", "big")
    result = csmanual("diff", "HEAD:big.yaml", "manual.yaml", cwd=repo)
    assert result.returncode == 2  # an error, not "they differ"
    assert "error[E002]" in result.stderr and "16.0 MB" in result.stderr


# --- 6. what is not a regular file is refused, never waited on -------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def test_a_pipe_as_source_is_refused(fifo):
    result = csmanual("validate", fifo, "--lang", "en", timeout=20)
    assert result.returncode == 1 and "error[E001]" in result.stdout
    assert "not a regular file" in result.stdout
    result = csmanual("build", fifo, "--out", fifo.parent / "out", timeout=20)
    assert result.returncode == 1 and "error[E001]" in result.stderr


def test_a_pipe_as_manifest_or_verified_source_is_refused(tmp_path, fifo):
    out = tmp_path / "out"
    assert csmanual("build", EXAMPLE, "--out", out).returncode == 0
    result = csmanual("verify", out / "manual.html", "--source", fifo, timeout=20)
    assert result.returncode == 2 and "not a regular file" in result.stderr  # cannot check
    (out / "manifest.json").unlink()
    os.mkfifo(out / "manifest.json")
    result = csmanual("verify", out / "manual.html", "--lang", "en", timeout=20)
    assert result.returncode == 1 and "is damaged" in result.stderr
    # a build does not wait on it either: it rebuilds and writes a real manifest in its place
    result = csmanual("build", EXAMPLE, "--out", out, timeout=30)
    assert result.returncode == 0 and "is damaged" in result.stderr
    assert (out / "manifest.json").is_file()
    assert csmanual("verify", out / "manual.html", timeout=20).returncode == 0


# --- 8. a manifest of the wrong shape is ignored and said so ---------------------------------


@pytest.mark.parametrize("text", ["[1, 2]", '{"outputs": "x"}', '{"tool": 1}', "not json"])
def test_a_damaged_manifest_is_rebuilt_and_reported(tmp_path, text):
    out = tmp_path / "out"
    assert csmanual("build", EXAMPLE, "--out", out).returncode == 0
    (out / "manifest.json").write_text(text, encoding="utf-8")
    result = csmanual("verify", out / "manual.html", "--lang", "en")
    assert result.returncode == 1 and "is damaged" in result.stderr
    assert "Traceback" not in result.stderr
    result = csmanual("build", EXAMPLE, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "is damaged" in result.stderr and "manual.html" in result.stdout
    assert json.loads((out / "manifest.json").read_text("utf-8"))["outputs"]["manual.html"]
    assert csmanual("verify", out / "manual.html").returncode == 0


def test_an_output_of_another_size_is_reported(tmp_path):
    out = tmp_path / "out"
    assert csmanual("build", EXAMPLE, "--out", out).returncode == 0
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    manifest["outputs"]["manual.html"]["size"] += 1
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = csmanual("verify", out / "manual.html", "--lang", "en")
    assert result.returncode == 1 and "size or sha256 differs" in result.stderr


# --- 7. an output folder never replaces the source nor mixes into the theme ------------------


def test_an_output_that_would_replace_the_source_is_refused(tmp_path):
    source = tmp_path / "manual.html"
    source.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    before = source.read_bytes()
    result = csmanual("build", source, "--out", tmp_path)
    assert result.returncode == 1 and "error[E758]" in result.stderr
    assert "would replace the source" in result.stderr  # the English manual's language
    assert source.read_bytes() == before


def test_an_output_folder_inside_the_theme_is_refused(tmp_path):
    project = tmp_path / "project"
    (project / "source").mkdir(parents=True)
    (project / "templates").mkdir()
    (project / "source" / "manual.yaml").write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    for out in ("templates", "templates/out"):
        result = csmanual("build", "--out", out, cwd=project)
        assert result.returncode == 1 and "error[E759]" in result.stderr, result.stderr
        assert list((project / "templates").iterdir()) == []
    theme = tmp_path / "theme"
    theme.mkdir()
    result = csmanual("build", "--theme", theme, "--out", theme / "x", cwd=project)
    assert result.returncode == 1 and "error[E759]" in result.stderr
    assert not (theme / "x").exists()


# --- 9. serve: loopback names only, bounded threads, idle clients let go ---------------------


@pytest.fixture
def server(tmp_path):
    import re
    import signal

    source = tmp_path / "manual.yaml"
    source.write_text(EXAMPLE.read_text("utf-8"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "csmanual", "serve", str(source), "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "cli")},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    line = process.stderr.readline()
    port = int(re.match(r"http://127\.0\.0\.1:(\d+)/", line).group(1))
    process.stderr.readline()  # the first build's line
    yield process, port
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=30)


def _get(port: int, host: str) -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/", headers={"Host": host})
    status = connection.getresponse().status
    connection.close()
    return status


def test_serve_answers_only_loopback_host_names(server):
    _, port = server
    assert _get(port, f"127.0.0.1:{port}") == 200
    assert _get(port, f"localhost:{port}") == 200
    assert _get(port, "attacker.example") == 403  # DNS rebinding
    assert _get(port, f"attacker.example:{port}") == 403
    assert _get(port, "localhost:1") == 403


def test_serve_holds_off_idle_clients_with_bounded_threads(server):
    import socket
    import time

    process, port = server
    idle = []
    for _ in range(200):  # half-sent requests that never finish
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")
        idle.append(sock)
    time.sleep(1)
    threads = int(
        next(
            line.split()[1]
            for line in Path(f"/proc/{process.pid}/status").read_text().splitlines()
            if line.startswith("Threads:")
        )
    )
    assert threads < 60, f"{threads} threads for 200 idle clients"
    for sock in idle:
        sock.close()
    deadline = time.monotonic() + 20
    while True:  # the page is served again once the idle ones are let go
        try:
            if _get(port, f"127.0.0.1:{port}") == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "the server did not recover"
        time.sleep(0.2)


def test_a_client_that_hangs_up_is_one_line_not_a_traceback(server):
    import signal
    import socket
    import struct

    process, port = server
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        sock.close()  # reset before the page is read
    assert _get(port, f"127.0.0.1:{port}") == 200
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert "Traceback" not in err, err


# --- sizes: a manual too large to render is said before any layout ---------------------------


def _with(tmp_path: Path, change) -> Path:
    import yaml

    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    change(data)
    path = tmp_path / "manual.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**9), encoding="utf-8")
    return path


def test_too_many_items_are_refused_before_rendering(tmp_path):
    from csmanual.build import MAX_ITEMS

    def glossary(data):
        data["glossary"] = [
            {"id": f"t{i}", "term": f"Term {i}", "definition": "A definition."}
            for i in range(MAX_ITEMS + 1)
        ]

    out = tmp_path / "out"
    result = csmanual("build", _with(tmp_path, glossary), "--format", "pdf", "--out", out)
    assert result.returncode == 1 and "error[E793]" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_text_too_long_is_refused_at_its_line(tmp_path):
    from csmanual.build import MAX_TEXT

    def long_scope(data):
        data["purpose"]["scope"] = "x" * (MAX_TEXT + 1)

    source = _with(tmp_path, long_scope)
    line = next(
        n for n, text in enumerate(source.read_text("utf-8").splitlines(), 1) if "xxx" in text
    )
    result = csmanual("build", source, "--format", "pdf", "--out", tmp_path / "out")
    assert result.returncode == 1 and f"{source}:{line}:" in result.stderr
    assert "error[E794]" in result.stderr


# --- 11. --lang is heard by every message, the renderers' too --------------------------------


def test_the_missing_glyph_error_follows_lang(tmp_path):
    korean = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
    text = korean.read_text("utf-8")
    source = tmp_path / "manual.yaml"
    source.write_text(
        text.replace("title: 고객응대 매뉴얼", "title: 고객응대 매뉴얼 🙂", 1), "utf-8"
    )
    result = csmanual("build", source, "--format", "pdf", "--out", tmp_path / "out", "--lang", "en")
    assert result.returncode == 1 and "error[E706]" in result.stderr
    assert "1 error" in result.stderr and "오류" not in result.stderr, result.stderr


# --- 3. the PDF never drops text off the paper -----------------------------------------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_long_words_and_a_long_title_stay_on_the_paper(tmp_path):
    korean = (ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml").read_text("utf-8")
    title = " ".join(["아주긴제목" * 8] * 5)  # 200 characters in five 40-character words
    hangul = "가나다라마바사아자차카타파하" * 5  # 70 Hangul characters, no space
    url, code = "https://example.com/" + "a" * 150, "PRODUCTCODE" + "X" * 120
    text = korean.replace("title: 고객응대 매뉴얼", f'title: "{title}"', 1)
    text = text.replace(
        "  summary: 고객 응대의", f"  summary: {hangul} {url} {code} 고객 응대의", 1
    )
    source = tmp_path / "manual.yaml"
    source.write_text(text, encoding="utf-8")
    result = csmanual("build", source, "--format", "pdf", "--out", tmp_path / "out", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "W711" not in result.stderr, result.stderr
    pdf = tmp_path / "out" / "manual.pdf"

    def text_of(*pages: str) -> str:
        done = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True)
        return "".join(done.stdout.split())

    assert "".join(title.split()) in text_of("-f", "1", "-l", "1")  # all of it, on the cover
    whole = text_of()
    for word in (hangul, url, code):
        assert word in whole


def test_text_beyond_the_page_is_found():
    from weasyprint import HTML

    from csmanual.render.pdf.engine import text_beyond_the_page

    runs_off = '<p style="white-space: nowrap">' + "가" * 200 + "</p>"
    assert text_beyond_the_page(HTML(string=runs_off).render())[0][0] == 1
    assert text_beyond_the_page(HTML(string="<p>" + "가 " * 200 + "</p>").render()) == []


# --- 2. a source that validates clean builds its deck ----------------------------------------


def test_meta_values_longer_than_a_document_property_build_the_deck(tmp_path):
    import zipfile

    long = "가나다라마바사 " * 40  # 320 characters
    keywords = [f"키워드{i}" for i in range(60)]  # joined: well over 255

    def longer(data):
        meta = data["meta"]
        for key in ("title", "subtitle", "organization", "owner", "document_id"):
            meta[key] = long.strip()
        meta["keywords"] = keywords
        data["revisions"][-1]["author"] = long.strip()

    source = _with(tmp_path, longer)
    assert csmanual("validate", source).returncode == 0
    out = tmp_path / "out"
    result = csmanual("build", source, "--format", "pptx", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    with zipfile.ZipFile(out / "manual.pptx") as deck:
        core = deck.read("docProps/core.xml").decode("utf-8")
    assert "가나다라마바사" in core and "…" in core


def test_the_preview_of_a_pipe_shows_the_problem_and_goes_on(fifo):
    import threading

    from csmanual.serve import Preview

    preview = Preview(str(fifo), None)
    done = []
    watcher = threading.Thread(target=lambda: done.append(preview.refresh_if_changed()))
    watcher.start()
    watcher.join(timeout=20)
    assert done == ["error"], "the watcher waited on the pipe"
    assert b"E001" in preview.page
