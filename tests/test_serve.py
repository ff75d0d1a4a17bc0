"""`csmanual serve`: the preview rebuilds when the source or the theme changes, shows an
error in the page instead of a stale manual, and serves loopback only."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from csmanual.serve import GENERATION_PATH, Preview

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "manual.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stat = path.stat()  # a later mtime even on a coarse clock
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))


def test_the_preview_follows_the_source_and_the_theme(source: Path, tmp_path: Path):
    theme = tmp_path / "theme"
    theme.mkdir()
    preview = Preview(str(source), str(theme))
    assert preview.refresh_if_changed() == "ok"
    assert "큰 소리로 항의하는 고객".encode() in preview.page
    assert GENERATION_PATH.encode() in preview.page  # the page reloads itself
    assert preview.refresh_if_changed() is None  # nothing changed: nothing rebuilt
    first = preview.generation

    edit(source, "name: 큰 소리로 항의하는 고객", "name: ''")
    assert preview.refresh_if_changed() == "error"
    page = preview.page.decode()
    assert "원본에 오류가 있습니다" in page and "error[E104]" in page
    assert "큰 소리로 항의하는 고객" not in page  # never the stale manual
    assert preview.generation == first + 1

    edit(source, "name: ''", "name: 크게 항의하는 고객")
    assert preview.refresh_if_changed() == "ok"
    assert "크게 항의하는 고객".encode() in preview.page

    (theme / "html").mkdir()
    (theme / "html" / "manual.html.j2").write_text("{{ manual.nothing }}\n", encoding="utf-8")
    assert preview.refresh_if_changed() == "error"
    page = preview.page.decode()
    assert "템플릿 오류" in page and "manual.html.j2" in page and "nothing" in page


@pytest.mark.slow
def test_the_server_reloads_the_page_after_an_edit_and_stops_on_ctrl_c(source: Path):
    server = subprocess.Popen(
        [sys.executable, "-m", "csmanual", "serve", str(source), "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "cli")},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        line = server.stderr.readline()
        match = re.match(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        base = f"http://127.0.0.1:{match.group(1)}"

        def get(path: str) -> str:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.headers["Cache-Control"] == "no-store"
                return response.read().decode()

        assert "큰 소리로 항의하는 고객" in get("/")
        generation = get(GENERATION_PATH)
        edit(source, "name: 큰 소리로 항의하는 고객", "name: 크게 항의하는 고객")
        deadline = time.monotonic() + 30
        while get(GENERATION_PATH) == generation:
            assert time.monotonic() < deadline, "no rebuild after the edit"
            time.sleep(0.2)
        assert "크게 항의하는 고객" in get("/")
        with pytest.raises(urllib.error.HTTPError):
            get("/../../etc/passwd")
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Traceback" not in err
    assert "rebuilt: ok" in err


def test_an_internal_error_shows_in_the_page_and_the_preview_goes_on(source, monkeypatch):
    import csmanual.serve

    def broken(*args):
        raise RuntimeError("a renderer bug")

    monkeypatch.setattr(csmanual.serve, "render_format", broken)
    preview = Preview(str(source), None)
    assert preview.refresh_if_changed() == "error"
    assert "internal error" in preview.page.decode() and "a renderer bug" in preview.page.decode()
    monkeypatch.undo()
    edit(source, "name: 큰 소리로 항의하는 고객", "name: 크게 항의하는 고객")
    assert preview.refresh_if_changed() == "ok"


def test_the_terminal_lists_the_problems_of_a_failed_rebuild(source: Path, tmp_path: Path):
    """ "rebuilt: error" alone sends the designer to the browser: the terminal lists the
    problems too, as `build` prints them, in the manual's language."""
    from csmanual.serve import terminal_news

    preview = Preview(str(source), None)
    assert preview.refresh_if_changed() == "ok"
    assert terminal_news("rebuilt", "ok", preview).splitlines()[0].endswith("rebuilt: ok")

    edit(source, "name: 큰 소리로 항의하는 고객", "name: ''")
    status = preview.refresh_if_changed()
    news = terminal_news("rebuilt", status, preview)
    first, *problems = news.splitlines()
    assert first.endswith("rebuilt: error")
    assert any(f"{source}:" in line and "error[E104]" in line for line in problems), news
    assert any("도움말" in line or "힌트" in line for line in problems), news  # the hint, in Korean
    assert "오류 1" in news or "1개" in news, news  # build's summary line

    theme = tmp_path / "theme"
    (theme / "html").mkdir(parents=True)
    (theme / "html" / "manual.html.j2").write_text("{{ manual.nothing }}\n", encoding="utf-8")
    edit(source, "name: ''", "name: 크게 항의하는 고객")
    preview = Preview(str(source), str(theme))
    status = preview.refresh_if_changed()
    news = terminal_news("built", status, preview)
    assert "error[E750]" in news and "manual.html.j2:1" in news and "nothing" in news, news
