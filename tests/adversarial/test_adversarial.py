"""Hostile inputs through the real CLI (`python -m csmanual build`), end to end.

The trust model (SECURITY.md): whoever writes the source or a theme may not run code or
read files on the build machine, nor damage what an earlier build wrote. Every case runs
the CLI in a subprocess and asserts the outcome a user sees:

- exit 1 with a message that names the file (and line:column where the input has lines),
  never a Python traceback;
- the previous outputs byte-identical, and nothing else in the output folder (no partial
  output, no temporary file);
- finished within HANG_GUARD seconds (a hang guard enforced by the subprocess timeout,
  not a speed claim; runaway themes are stopped by the render time limit, set low here).

Static corpus: `source/*.yaml` (each file's `# expect:` line lists the codes and positions
it must produce) and `themes/<case>/` (overrides of single theme files). Inputs that are
huge, binary or need a live path (symlinks, FIFOs, a local server) are made in the test.
"""

from __future__ import annotations

import html
import html.parser
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
CORPUS = HERE / "source"
THEMES = HERE / "themes"
HANG_GUARD = 120  # seconds; a hang guard only
LIMITS = {"CSMANUAL_RENDER_TIMEOUT": "4", "CSMANUAL_RENDER_MEMORY_MB": "600"}
POPPLER = shutil.which("pdftotext") is not None
PDF_FORMATS = "html,pdf,card"

needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) not installed")


# --- helpers ---------------------------------------------------------------------------------


def _env(extra: dict | None = None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "cli"), "NO_COLOR": "1"}
    env.pop("CSMANUAL_RENDER_TIMEOUT", None)
    env.pop("CSMANUAL_RENDER_MEMORY_MB", None)
    env.update(extra or {})
    return env


def csmanual(
    *args, env: dict | None = None, cwd: Path | None = None, timeout: float = HANG_GUARD
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "csmanual", *map(str, args)],
        capture_output=True,
        text=True,
        errors="replace",
        env=_env(env),
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry of `folder` (hidden ones too) and its bytes."""
    return {
        p.name: p.read_bytes() if p.is_file() else b"<not a file>" for p in sorted(folder.iterdir())
    }


def assert_refused(result: subprocess.CompletedProcess, out: Path, before: dict, *expected):
    """Exit 1, no traceback, every expected text (or regex) in the output, outputs as before."""
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "Traceback" not in said, said
    for text in expected:
        if isinstance(text, re.Pattern):
            assert text.search(said), f"{text.pattern!r} not in:\n{said}"
        else:
            assert text in said, f"{text!r} not in:\n{said}"
    after = snapshot(out)
    assert sorted(after) == sorted(before), "files appeared or vanished in the output folder"
    for name in before:
        assert after[name] == before[name], f"{name} changed"


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def patched(folder: Path, *replacements: tuple[str, str], name: str = "manual.yaml") -> Path:
    text = example_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def position(text: str, needle: str, offset: int = 0) -> str:
    """`line:column` (1-based) of `needle` in `text`, plus `offset` columns."""
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    return f"{line}:{index - (text.rfind(chr(10), 0, index) + 1) + 1 + offset}"


@pytest.fixture(scope="module")
def baselines(tmp_path_factory):
    """Good outputs of the example, built once per format list and copied per test."""
    made: dict[str, Path] = {}

    def get(formats: str) -> Path:
        if formats not in made:
            folder = tmp_path_factory.mktemp("baseline")
            result = csmanual("build", EXAMPLE, "--format", formats, "--out", folder)
            assert result.returncode == 0, result.stderr
            made[formats] = folder
        return made[formats]

    return get


@pytest.fixture
def previous(tmp_path, baselines):
    """`make(formats)` → (output folder holding a good earlier build, its snapshot)."""

    def make(formats: str = "html") -> tuple[Path, dict]:
        out = tmp_path / "out"
        shutil.copytree(baselines(formats), out)
        return out, snapshot(out)

    return make


def theme_case(tmp_path: Path, case: str) -> Path:
    """A copy of themes/<case> (so a test may add symlinks or FIFOs without touching the repo)."""
    target = tmp_path / "themes" / case
    shutil.copytree(THEMES / case, target, symlinks=True)
    return target


# --- the source --------------------------------------------------------------------------------


def _expectations(path: Path) -> list[tuple[str, str]]:
    line = next(
        line
        for line in path.read_bytes().decode("utf-8", "replace").splitlines()
        if line.startswith("# expect:")
    )
    return [tuple(item.split()) for item in line.removeprefix("# expect:").split(",")]


@pytest.mark.parametrize("corpus", sorted(CORPUS.glob("*.yaml")), ids=lambda p: p.stem)
def test_static_source_corpus_is_refused_with_positions(corpus, tmp_path, previous):
    out, before = previous()
    source = tmp_path / corpus.name
    shutil.copyfile(corpus, source)
    result = csmanual("build", source, "--out", out, cwd=tmp_path)
    expected = [f"{source}:{where}: error[{code}]" for code, where in _expectations(corpus)]
    assert_refused(result, out, before, *expected)
    # the python/object tags never ran
    assert not (tmp_path / "csmanual-pwned").exists()


def test_alias_bomb_is_refused_without_expanding(tmp_path, previous):
    """A 9^9-copy bomb: refused at its anchors; the CLI runs under a 512 MB memory limit."""
    out, before = previous()
    source = tmp_path / "bomb.yaml"
    shutil.copyfile(CORPUS / "alias-bomb.yaml", source)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys; lim = 512 * 2**20; "
            "resource.setrlimit(resource.RLIMIT_AS, (lim, lim)); "
            "from csmanual.cli import main; sys.argv[0] = 'csmanual'; main()",
            "build",
            str(source),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=HANG_GUARD,
        check=False,
    )
    assert_refused(result, out, before, f"{source}:5:6: error[E006]")


@pytest.mark.parametrize(
    "line, text",
    [
        (2, "meta:\n  title: " + "[" * 50_000 + "]" * 50_000 + "\n"),
        (2, "meta:\n  title: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n"),
        (3, "meta:\n  title:\n    " + "- " * 50_000 + "x\n"),
        (2, "meta:\n  title: " + "[" * 50_000 + "\n"),
    ],
    ids=["flow-lists", "flow-maps", "block-lists", "unclosed"],
)
def test_50000_deep_nesting_is_refused_at_a_position(line, text, tmp_path, previous):
    out, before = previous()
    source = tmp_path / "deep.yaml"
    source.write_text(text, encoding="utf-8")
    result = csmanual("build", source, "--out", out)
    assert_refused(
        result, out, before, re.compile(rf"{re.escape(str(source))}:{line}:\d+: error\[E00[45]\]")
    )


def test_100_mb_source_is_refused_before_it_is_read(tmp_path, previous):
    out, before = previous()
    source = tmp_path / "huge.yaml"
    with open(source, "wb") as stream:
        stream.write(b"meta:\n  title: ")
        block = b"x" * (1 << 20)
        for _ in range(100):
            stream.write(block)
        stream.write(b"\n")
    assert source.stat().st_size > 100 * 1024 * 1024
    result = csmanual("build", source, "--out", out)
    assert_refused(result, out, before, f"{source}: error[E002]", "100.0 MB")


def test_yaml_1_1_coercions_are_reported_where_they_stand(tmp_path, previous):
    out, before = previous()
    changes = [
        ('version: "1.0"              #', "version: 1.0                #"),  # 1.0 → a number
        ("author: 홍길동", "author: no"),  # the Norway problem → false
        ("name: 전화", "name: on"),  # → true
        ("name: 상담 담당자", "name: 12:30"),  # sexagesimal → 750
        ("name: 팀장", "name: 0x1F"),  # hexadecimal → 31
        ("name: 불만 첫 응답", "name: 2026-01-15"),  # → a date
    ]
    source = patched(tmp_path, *changes)
    text = source.read_text(encoding="utf-8")
    expected = []
    for _, new in changes:
        key, _, value = new.partition(": ")
        value = value.split()[0]
        expected += [f"{source}:{position(text, new, len(key) + 2)}: error[E105]", value]
    assert_refused(csmanual("build", source, "--out", out), out, before, *expected)


def test_cp949_source_is_refused_with_the_encoding_named(tmp_path, previous):
    out, before = previous()
    source = tmp_path / "cp949.yaml"
    source.write_bytes(example_text().encode("cp949"))
    result = csmanual("build", source, "--out", out)
    assert_refused(result, out, before, f"{source}:2:3: error[E003]", "cp949")


def test_utf16_source_is_refused(tmp_path, previous):
    out, before = previous()
    source = tmp_path / "utf16.yaml"
    source.write_bytes(example_text().encode("utf-16"))  # with its BOM
    result = csmanual("build", source, "--out", out)
    assert_refused(result, out, before, f"{source}:1:1: error[E003]")


def test_utf8_bom_is_accepted_and_changes_nothing(tmp_path, baselines):
    source = tmp_path / "bom.yaml"
    source.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    result = csmanual("build", source, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "manual.html").read_bytes() == (
        baselines("html") / "manual.html"
    ).read_bytes()


def test_raw_lone_surrogate_bytes_are_refused_at_their_position(tmp_path, previous):
    out, before = previous()
    text = example_text().replace("summary: 최초 작성", "summary: 최초 @@ 작성", 1)
    source = tmp_path / "surrogate.yaml"
    source.write_bytes(text.encode("utf-8").replace(b"@@", b"\xed\xa0\x80"))  # U+D800 in UTF-8
    result = csmanual("build", source, "--out", out)
    assert_refused(
        result,
        out,
        before,
        f"{source}:{position(text, 'summary: 최초 @@', len('summary: 최초 '))}: error[E003]",
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "char, name", [("😀", "U+1F600"), ("𠀀", "U+20000")], ids=["emoji", "hanja-ext-b"]
)
def test_character_the_bundled_font_lacks(char, name, tmp_path, previous):
    """HTML shows it (the reader's browser has fonts); the PDF and the cards refuse to
    depend on the build machine's fonts and name the character and the item."""
    out, before = previous(PDF_FORMATS)
    source = patched(tmp_path, ("summary: 최초 작성", f"summary: 최초 작성 {char}"))
    page = csmanual("build", source, "--format", "html", "--out", tmp_path / "html")
    assert page.returncode == 0, page.stderr
    assert char in (tmp_path / "html" / "manual.html").read_text("utf-8")
    for fmt in ("pdf", "card", PDF_FORMATS):
        result = csmanual("build", source, "--format", fmt, "--out", out)
        assert_refused(result, out, before, name, "revisions/v1-0/summary")


@pytest.mark.slow
def test_character_the_bundled_font_lacks_is_located_in_the_source(tmp_path, previous):
    out, before = previous(PDF_FORMATS)
    source = patched(tmp_path, ("summary: 최초 작성", "summary: 최초 작성 😀"))
    text = source.read_text("utf-8")
    result = csmanual("build", source, "--format", "pdf", "--out", out)
    assert_refused(result, out, before, f"{source}:{position(text, '😀')}")


# --- text in the source is text ----------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">링크</a>',
    "javascript:alert(document.cookie)",
    '"><svg onload=alert(1)>',
    "</style><style>body{display:none}</style>",
    "<style>@import url(file:///etc/passwd);</style>",
    "background: url(file:///etc/passwd)",
    '<link rel="attachment" href="file:///etc/passwd">',
    "{{ 7*7 }}",
    "{% for x in range(3) %}반복{% endfor %}",
    "{{ cycler.__init__.__globals__ }}",
    "${7*7} #{7*7}",
    # YAML syntax: the PPTX slide plan is a template that renders to YAML
    "끝\n- layout: title\n  title: 주입된 슬라이드",
    "&anchor *alias !!python/object/apply:os.system ['id'] key: value # comment",
    "'작은따옴표' \"큰따옴표\" \\ 역슬래시 {a: b} [c, d]",
]


def _with_payloads(folder: Path) -> Path:
    traits = "".join(f"      - {json.dumps(p, ensure_ascii=False)}\n" for p in PAYLOADS)
    return patched(
        folder,
        ("      - 목소리가 커지고 감정이 앞섭니다.\n", traits),
        ("name: 큰 소리로 항의하는 고객", "name: '<b>고객</b> {{ 7*7 }}'"),
    )


class _Tags(html.parser.HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def _structure(page: str) -> tuple[dict, list]:
    parsed = _Tags(page)
    counts: dict[str, int] = {}
    for tag, _ in parsed.tags:
        counts[tag] = counts.get(tag, 0) + 1
    risky = [
        (tag, name, value)
        for tag, attrs in parsed.tags
        for name, value in attrs
        if name.startswith("on") or (value or "").strip().lower().startswith("javascript:")
    ]
    return counts, risky


def test_markup_script_and_template_syntax_in_text_is_shown_literally_in_html(tmp_path, baselines):
    source = _with_payloads(tmp_path)
    result = csmanual("build", source, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "manual.html").read_text("utf-8")
    baseline = (baselines("html") / "manual.html").read_text("utf-8")
    counts, risky = _structure(page)
    base_counts, _ = _structure(baseline)
    assert risky == []  # no event handler, no javascript: URL anywhere
    for tag in ("script", "style", "img", "svg", "link", "b", "iframe", "object"):
        assert counts.get(tag, 0) == base_counts.get(tag, 0), tag  # none added by the text
    shown = "".join(_Tags(page).text)
    for payload in PAYLOADS:
        assert payload in shown, payload  # the reader sees exactly what was written
    assert "<b>고객</b> {{ 7*7 }}" in shown
    assert shown.count("49") == "".join(_Tags(baseline).text).count("49")  # 7*7 never computed
    assert "root:" not in page


@pytest.mark.slow
@needs_poppler
def test_markup_and_template_syntax_in_text_is_shown_literally_in_pdf_and_cards(tmp_path):
    source = _with_payloads(tmp_path)
    out = tmp_path / "out"
    result = csmanual("build", source, "--format", "pdf,card", "--out", out)
    assert result.returncode == 0, result.stderr
    for name in ("manual.pdf", "cards.pdf"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(out / name), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        flat = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", "<b>고객</b> {{ 7*7 }}") in flat, name
        if name == "manual.pdf":
            for payload in PAYLOADS:
                assert re.sub(r"\s+", "", payload) in flat, (name, payload)
        assert "root:x:0:0" not in text
        detached = subprocess.run(
            ["pdfdetach", "-list", str(out / name)], capture_output=True, text=True, check=False
        )
        if detached.returncode == 0:
            assert detached.stdout.strip().startswith("0 embedded files"), detached.stdout


def test_javascript_url_as_an_id_is_refused_where_it_stands(tmp_path, previous):
    """Ids become link targets (href="#…"): they are checked against a strict pattern."""
    out, before = previous()
    source = patched(tmp_path, ("id: loud-complainer", 'id: "javascript:alert(1)"'))
    text = source.read_text("utf-8")
    result = csmanual("build", source, "--out", out)
    assert_refused(
        result, out, before, f"{source}:{position(text, 'javascript:alert(1)', -1)}: error[E106]"
    )


# --- themes: the HTML template ---------------------------------------------------------------

# case → what the CLI must say, in the manual's language (Korean): the code at its place,
# `{theme}` standing for the case's theme folder (a limit of the build has no place), then
# the engine's own words that name what was refused
_TEMPLATE = "{theme}/html/manual.html.j2"
HTML_THEMES = {
    "sandbox-mro": [f"{_TEMPLATE}:3: error[E750] ", "__class__"],
    "sandbox-attr": [f"{_TEMPLATE}:3: error[E750] ", "__class__"],
    "sandbox-cycler": [f"{_TEMPLATE}:3: error[E750] ", "__init__"],
    "sandbox-format": [f"{_TEMPLATE}:3: error[E750] ", "__class__"],
    "sandbox-globals": [f"{_TEMPLATE}:3: error[E750] ", "__globals__"],
    "sandbox-mutate": [f"{_TEMPLATE}:3: error[E750] ", "update"],
    "undefined": [f"{_TEMPLATE}:2: error[E750] ", "no_such_field"],
    "python-error": [f"{_TEMPLATE}:3: error[E750] ", "ZeroDivisionError"],
    "recursion": [f"{_TEMPLATE}:2: error[E750] ", "재귀가 너무 깊음"],
    "self-include": [f"{_TEMPLATE}:2: error[E750] ", "재귀가 너무 깊음"],
    "loop-forever": ["error[E790] html 만들기가 4초 안에 끝나지 않았습니다"],
    "huge-ranges": ["error[E791] html 만들기가 메모리를 600 MB 넘게 썼습니다"],
    "huge-string": ["error[E791] html 만들기가 메모리를 600 MB 넘게 썼습니다"],
    # Jinja's loader refuses a name that climbs out as not found (E752, at the theme)
    # placed at the line of the template that includes the file
    "include-outside": [f"{_TEMPLATE}:2: error[E752] ", "../etc/passwd"],
    "include-absolute": [f"{_TEMPLATE}:1: error[E752] ", "/etc/passwd"],
    "extends-default-outside": [f"{_TEMPLATE}:1: error[E752] ", "!default/../"],
    "inline-outside": ["{theme}: error[E753] ", "../etc/passwd"],
    "inline-absolute": ["{theme}: error[E753] /etc/passwd"],
    "labels-alias-bomb": ["{theme}/labels.yaml:2:4: error[E006] "],  # the loader's rule
}
_SLOW_THEMES = {"loop-forever", "huge-ranges", "huge-string"}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, marks=[pytest.mark.slow] if case in _SLOW_THEMES else [])
        for case in HTML_THEMES
    ],
)
def test_hostile_html_theme_is_refused(case, tmp_path, previous):
    out, before = previous()
    theme = theme_case(tmp_path, case)
    result = csmanual("build", EXAMPLE, "--theme", theme, "--out", out, env=LIMITS)
    expected = [text.replace("{theme}", str(theme)) for text in HTML_THEMES[case]]
    assert_refused(result, out, before, *expected)
    if case in _SLOW_THEMES:  # a limit of the build: the line starts with the code
        assert re.search(rf"^{re.escape(expected[0])}", result.stderr, re.M), result.stderr
    assert "root:" not in result.stdout + result.stderr  # no file content in the message
    assert "uid=" not in result.stdout + result.stderr  # `id` never ran


def test_every_theme_case_folder_has_a_test():
    tested = {
        *HTML_THEMES,
        *PDF_THEMES,
        *LINKED_THEMES,
        "pdf-import-network",
        "pdf-colspan",
        "pptx-zip-bomb",
        "pptx-many-members",
        "pptx-many-slides",
        "diff-loop-forever",
        "pdf-font-size",
    }
    assert {p.name for p in THEMES.iterdir() if p.is_dir()} <= tested


# cases whose hostile file is a symlink or a FIFO, made here: (file, how to make it,
# outcome: "ignored" or the code and place it is refused with)
LINKED_THEMES = {
    # Jinja's loader does not serve it: not found (E752), at the theme folder
    "symlink-template": ("html/manual.html.j2", "/etc/passwd", "{theme}: error[E752] "),
    "symlink-asset": ("html/manual.css", "/etc/passwd", "{theme}/html/manual.css: error[E753] "),
    "symlink-labels": ("labels.yaml", "/etc/passwd", "{theme}/labels.yaml: error[E753] "),
    "symlink-urandom": ("html/manual.css", "/dev/urandom", "ignored"),
    "fifo-asset": ("html/manual.css", None, "ignored"),
}


@pytest.mark.parametrize("case", LINKED_THEMES)
def test_theme_file_pointing_out_of_the_theme(case, tmp_path, previous, baselines):
    """A symlink to a file outside the theme is refused; one to a device, or a FIFO, is not
    a file, so the default theme's file is used: the device is never opened (a FIFO would
    block the build for ever, /dev/urandom never ends)."""
    out, before = previous()
    theme = theme_case(tmp_path, case)
    name, target, outcome = LINKED_THEMES[case]
    (theme / name).parent.mkdir(parents=True, exist_ok=True)
    if target is None:
        os.mkfifo(theme / name)
    else:
        os.symlink(target, theme / name)
    result = csmanual("build", EXAMPLE, "--theme", theme, "--out", out, env=LIMITS)
    said = result.stdout + result.stderr
    assert "root:" not in said
    if outcome != "ignored":
        assert_refused(result, out, before, outcome.replace("{theme}", str(theme)), name)
    else:
        assert result.returncode == 0, said
        assert (out / "manual.html").read_bytes() == (
            baselines("html") / "manual.html"
        ).read_bytes()
        assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


# --- themes: the PDF manual and the desk cards ---------------------------------------------------

# case → (format, what the CLI must say: the code at the theme's file:line:col, then the URL
# and why it was refused, in the manual's language)
_OUTSIDE = "를 쓸 수 없습니다 (테마 폴더 밖)"
PDF_THEMES = {
    "pdf-css-file-url": (
        "pdf",
        ["{theme}/pdf/print.css:2:24: error[E702] ", f"file:///etc/passwd{_OUTSIDE}"],
    ),
    "pdf-css-import-file": (
        "pdf",
        ["{theme}/pdf/print.css:2:13: error[E702] ", f"file:///etc/passwd{_OUTSIDE}"],
    ),
    "pdf-import-network": (
        "pdf",
        [
            "{theme}/pdf/print.css:2:14: error[E702] ",
            "https://example.com/evil.css를 쓸 수 없습니다 (네트워크 주소)",
        ],
    ),
    "pdf-font-urandom": (
        "pdf",
        ["{theme}/pdf/print.css:2:45: error[E702] ", "file:///dev/urandom을 쓸 수 없습니다"],
    ),
    "pdf-img-file": (
        "pdf",
        ["{theme}/pdf/manual.html.j2:2:28: error[E702] ", f"file:///etc/passwd{_OUTSIDE}"],
    ),
    "pdf-attachment-a": ("pdf", ["{theme}/pdf/manual.html.j2: error[E705] "]),
    "pdf-attachment-theme-file": ("pdf", ["{theme}/pdf/manual.html.j2: error[E705] "]),
    "pdf-attachment-link": ("pdf", ["{theme}/pdf/manual.html.j2: error[E705] "]),
    "card-css-file-url": (
        "card",
        ["{theme}/pdf/cards.css:2:25: error[E702] ", f"file:///etc/shadow{_OUTSIDE}"],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", PDF_THEMES)
def test_hostile_pdf_theme_is_refused(case, tmp_path, previous):
    out, before = previous(PDF_FORMATS)
    theme = theme_case(tmp_path, case)
    fmt, expected = PDF_THEMES[case]
    result = csmanual("build", EXAMPLE, "--format", fmt, "--theme", theme, "--out", out)
    assert_refused(result, out, before, *[text.replace("{theme}", str(theme)) for text in expected])
    assert "root:" not in result.stdout + result.stderr


class _Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.mark.slow
def test_pdf_theme_never_reaches_the_network(tmp_path, previous):
    """@import, url() and <img> of a server that answers: refused, and no request arrives."""
    out, before = previous(PDF_FORMATS)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _Recorder.requests = []
    try:
        for css in (
            f"@import url({base}/import.css);",
            f"body {{ background: url({base}/image.png) }}",
            f"@font-face {{ font-family: F; src: url({base}/font.ttf) }} body {{ font-family: F }}",
        ):
            theme = tmp_path / "net"
            shutil.rmtree(theme, ignore_errors=True)
            (theme / "pdf").mkdir(parents=True)
            (theme / "pdf" / "print.css").write_text(css, "utf-8")
            result = csmanual("build", EXAMPLE, "--format", "pdf", "--theme", theme, "--out", out)
            assert_refused(
                result,
                out,
                before,
                re.compile(rf"{re.escape(str(theme / 'pdf' / 'print.css'))}:1:\d+: error\[E702\] "),
                f"{base}/",
                "(네트워크 주소)",
            )
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.requests == []


@pytest.mark.slow
def test_pdf_font_size_1e9px_is_refused(tmp_path, previous):
    """With a no-break span per Korean word WeasyPrint never finished this layout
    (measured: > 600 s) and the render limit stopped it; laid out without them it
    finishes and then divides by zero drawing a glyph. Either way: refused, E790 or E701."""
    out, before = previous(PDF_FORMATS)
    theme = theme_case(tmp_path, "pdf-font-size")
    result = csmanual(
        "build", EXAMPLE, "--format", "pdf", "--theme", theme, "--out", out, env=LIMITS
    )
    said = re.compile(r"^error\[E790\] pdf 만들기가 4초 안에 끝나지|error\[E701\] PDF 엔진이", re.M)
    assert_refused(result, out, before, said)


@pytest.mark.slow
@needs_poppler
def test_pdf_colspan_65534_is_bounded(tmp_path, previous):
    """A 65,534-column table: the engine lays it out (≈20 s here) or the limit stops it;
    either way a valid PDF or the previous one, never a hang or a traceback."""
    out, before = previous(PDF_FORMATS)
    theme = theme_case(tmp_path, "pdf-colspan")
    result = csmanual(
        "build",
        EXAMPLE,
        "--format",
        "pdf",
        "--theme",
        theme,
        "--out",
        out,
        env={**LIMITS, "CSMANUAL_RENDER_TIMEOUT": "60"},
    )
    said = result.stdout + result.stderr
    if result.returncode == 0:
        assert "Traceback" not in said
        text = subprocess.run(
            ["pdftotext", str(out / "manual.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        # the theme replaces the cover; the table, the running header and the body remain
        assert "a\nb" in text
        assert "고객응대 매뉴얼" in text
        assert "불만은 언제까지 답해야 하나요?" in text
        assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    else:
        assert_refused(result, out, before, re.compile(r"^error\[E79[01]\] pdf 만들기가", re.M))


# --- interruption ------------------------------------------------------------------------------

needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


def _session(sid: int) -> list[int]:
    """Live processes of session `sid` (the build and its render children)."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if fields[0] not in ("Z", "X") and int(fields[3]) == sid:
                members.append(int(entry.name))
    return members


def _start_build(*args, env: dict | None = None) -> subprocess.Popen:
    """The CLI in its own session, with SIGINT at its default (as in a terminal)."""
    return subprocess.Popen(
        [sys.executable, "-m", "csmanual", "build", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        env=_env(env),
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _wait_for(condition, timeout: float = HANG_GUARD, step: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(step)


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".")]


@pytest.fixture
def changed(tmp_path):
    """A second version of the example and its outputs, built undisturbed (the reference)."""
    folder = tmp_path / "changed"
    folder.mkdir()
    source = patched(folder, ("title: 고객응대 매뉴얼", "title: 고객응대 매뉴얼 개정판"))
    reference = folder / "reference"
    result = csmanual("build", source, "--format", PDF_FORMATS, "--out", reference)
    assert result.returncode == 0, result.stderr
    return source, snapshot(reference)


def _next_build_is_clean(out: Path, source: Path, reference: dict) -> None:
    """The next build succeeds, leaves exactly the outputs and the manifest (no temporary
    file), and the manifest vouches for every output."""
    again = csmanual("build", source, "--format", PDF_FORMATS, "--out", out, "--force")
    assert again.returncode == 0, again.stderr
    assert sorted(snapshot(out)) == sorted(reference)
    for name in ("manual.html", "manual.pdf", "cards.pdf"):
        assert csmanual("verify", out / name, "--source", source).returncode == 0


def _old_or_new(out: Path, before: dict, after: dict) -> None:
    """Every output is whole: byte for byte the previous one or the new one. The manifest
    may also be the previous one marked `building` (the renames had begun): then `verify`
    says the last build was interrupted."""
    for name in before:
        data = (out / name).read_bytes()
        if name == "manifest.json" and data not in (before[name], after.get(name)):
            marked = {**json.loads(before[name]), "building": True}
            assert json.loads(data) == marked, "manifest.json is neither old, new nor marked"
            said = csmanual("verify", out / "manual.html", "--lang", "en")
            assert said.returncode == 1 and "was interrupted" in said.stderr, said.stderr
            continue
        assert data in (before[name], after.get(name)), f"{name} is neither old nor new"


@needs_proc
@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGINT", "SIGINT to the group (Ctrl-C)", "SIGKILL"])
def test_build_interrupted_while_rendering(how, tmp_path, previous, changed):
    """Killed while a runaway theme renders: outputs as before, no render child left
    running (even after SIGKILL, which gives the build no chance to clean up), and the
    next build writes its files and leaves no temporary file."""
    out, before = previous(PDF_FORMATS)
    theme = theme_case(tmp_path, "loop-forever")
    build = _start_build(
        EXAMPLE,
        "--format",
        PDF_FORMATS,
        "--theme",
        theme,
        "--out",
        out,
        env={"CSMANUAL_RENDER_TIMEOUT": "600"},
    )
    try:
        _wait_for(lambda: len(_session(build.pid)) >= 4)  # the build and its three children
        time.sleep(0.5)
        if how == "SIGKILL":
            os.kill(build.pid, signal.SIGKILL)
        elif how.startswith("SIGINT to the group"):
            os.killpg(build.pid, signal.SIGINT)
        else:
            os.kill(build.pid, signal.SIGINT)
        _, err = build.communicate(timeout=HANG_GUARD)
    finally:
        if build.poll() is None:
            build.kill()
    assert build.returncode != 0
    if how != "SIGKILL":
        assert build.returncode == 1 and "Traceback" not in err, err
    _wait_for(lambda: _session(build.pid) == [], timeout=10)  # no orphaned render child
    assert snapshot(out) == before
    source, reference = changed
    _next_build_is_clean(out, source, reference)


_KILL_WHILE_WRITING = """
import os, signal, sys
from csmanual import fileio
calls = {"fsync": 0, "replace": 0}
when, count = sys.argv[1], int(sys.argv[2])
def killer(real, name):
    def wrapped(*args, **kwargs):
        calls[name] += 1
        if name == when and calls[name] == count:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return wrapped
fileio.os.fsync = killer(os.fsync, "fsync")
fileio.os.replace = killer(os.replace, "replace")
from csmanual.build import build
from csmanual.project import Project
build(Project(sys.argv[3]), sys.argv[4].split(","), sys.argv[5])
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "when, count",
    [
        ("fsync", 1),  # the first temporary file written, not yet synced
        ("fsync", 3),  # every output staged, the renames not begun
        ("replace", 1),  # about to rename the first output
        ("replace", 2),  # one output renamed, two to go
        ("replace", 4),  # every output renamed, the manifest being replaced
    ],
)
def test_build_killed_while_writing(when, count, tmp_path, previous, changed):
    """SIGKILL at each step of the write phase: every output is whole (old or new), and
    the next build removes the temporary files the killed one left."""
    out, before = previous(PDF_FORMATS)
    source, reference = changed
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            _KILL_WHILE_WRITING,
            when,
            str(count),
            str(source),
            PDF_FORMATS,
            str(out),
        ],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=HANG_GUARD,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    _old_or_new(out, before, reference)
    json.loads((out / "manifest.json").read_text("utf-8"))
    _next_build_is_clean(out, source, reference)


@needs_proc
@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_build_killed_at_any_moment(signum, tmp_path, previous, changed):
    """A real build killed at moments spread over its run (start-up, validation, rendering,
    writing): every output stays whole and the next build leaves no temporary file."""
    out, before = previous(PDF_FORMATS)
    source, reference = changed
    started = time.monotonic()
    whole = csmanual("build", source, "--format", PDF_FORMATS, "--out", tmp_path / "timing")
    assert whole.returncode == 0
    duration = time.monotonic() - started
    for step in range(1, 7):
        build = _start_build(source, "--format", PDF_FORMATS, "--out", out, "--force")
        time.sleep(duration * step / 7)
        if build.poll() is None:
            os.kill(build.pid, signum)
        build.communicate(timeout=HANG_GUARD)
        _wait_for(lambda pid=build.pid: _session(pid) == [], timeout=10)
        _old_or_new(out, before, reference)
        json.loads((out / "manifest.json").read_text("utf-8"))
        if signum == signal.SIGINT:
            assert not [n for n in _temporaries(out)], _temporaries(out)
    _next_build_is_clean(out, source, reference)


# --- concurrency -------------------------------------------------------------------------------


@pytest.mark.slow
def test_two_builds_into_one_folder_both_finish_with_whole_consistent_files(tmp_path, changed):
    """Two builds of different versions at once: both succeed, and the folder then holds
    one build's complete set (outputs and manifest agree), never a mix, never a temp file."""
    source, second = changed
    alone = csmanual("build", EXAMPLE, "--format", PDF_FORMATS, "--out", tmp_path / "first")
    assert alone.returncode == 0, alone.stderr
    first = snapshot(tmp_path / "first")
    out = tmp_path / "out"
    for _ in range(3):
        builds = [
            _start_build(EXAMPLE, "--format", PDF_FORMATS, "--out", out, "--force"),
            _start_build(source, "--format", PDF_FORMATS, "--out", out, "--force"),
        ]
        for build in builds:
            _, err = build.communicate(timeout=HANG_GUARD)
            assert build.returncode == 0, err
        assert snapshot(out) in (first, second)
        for name in ("manual.html", "manual.pdf", "cards.pdf"):
            assert csmanual("verify", out / name).returncode == 0


def test_many_html_builds_into_one_folder_at_once(tmp_path):
    alone = csmanual("build", EXAMPLE, "--out", tmp_path / "alone")
    assert alone.returncode == 0, alone.stderr
    out = tmp_path / "out"
    builds = [_start_build(EXAMPLE, "--out", out, "--force") for _ in range(6)]
    for build in builds:
        _, err = build.communicate(timeout=HANG_GUARD)
        assert build.returncode == 0, err
    assert snapshot(out) == snapshot(tmp_path / "alone")


# --- themes: the PPTX master -------------------------------------------------------------------

MASTER = ROOT / "templates" / "pptx" / "master.pptx"


def _zip_bomb(path: Path) -> None:
    """The default master whose theme part inflates to 800 MB (about 3 MB on disk)."""
    with (
        zipfile.ZipFile(MASTER) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "ppt/theme/theme1.xml":
                bomb.writestr(info, data)
                continue
            head, _, tail = data.partition(b"?>")
            entry = zipfile.ZipInfo(info.filename)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry._compresslevel = 1  # fast to make; zeros and spaces deflate ~1000:1 anyway
            with bomb.open(entry, "w", force_zip64=True) as stream:
                stream.write(head + b"?>")
                block = b" " * (1 << 24)
                for _ in range(48):
                    stream.write(block)
                stream.write(tail)


def _many_members(path: Path, count: int = 20_000) -> None:
    with zipfile.ZipFile(MASTER) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info.filename))
        for number in range(count):
            out.writestr(f"ppt/unused/part{number}.xml", b"<x/>")


def _many_slides(path: Path, count: int = 2_000) -> None:
    """The default master with `count` sample slides, all referenced (made at the zip level:
    python-pptx needs ~35 s to add 2,000 slides)."""
    from pptx import Presentation

    deck = Presentation(str(MASTER))
    deck.slides.add_slide(deck.slide_layouts[0])
    one = io.BytesIO()
    deck.save(one)
    with zipfile.ZipFile(one) as source:
        files = {info.filename: source.read(info.filename) for info in source.infolist()}
    rels = files["ppt/_rels/presentation.xml.rels"].decode()
    rid = re.search(r'Id="(rId\d+)"[^>]*Target="slides/slide1.xml"', rels)
    rid = (
        rid.group(1)
        if rid
        else re.search(r'Target="slides/slide1.xml"[^>]*Id="(rId\d+)"', rels).group(1)
    )
    ids, relations, types = [], [], []
    for number in range(2, count + 1):
        files[f"ppt/slides/slide{number}.xml"] = files["ppt/slides/slide1.xml"]
        files[f"ppt/slides/_rels/slide{number}.xml.rels"] = files[
            "ppt/slides/_rels/slide1.xml.rels"
        ]
        ids.append(f'<p:sldId id="{256 + number}" r:id="rIdBulk{number}"/>')
        relations.append(
            f'<Relationship Id="rIdBulk{number}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/slide" Target="slides/slide{number}.xml"/>'
        )
        types.append(
            f'<Override PartName="/ppt/slides/slide{number}.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>'
        )
    presentation = files["ppt/presentation.xml"].decode()
    files["ppt/presentation.xml"] = re.sub(
        rf'(<p:sldId [^>]*r:id="{rid}"/>)', lambda m: m.group(1) + "".join(ids), presentation
    ).encode()
    files["ppt/_rels/presentation.xml.rels"] = rels.replace(
        "</Relationships>", "".join(relations) + "</Relationships>"
    ).encode()
    files["[Content_Types].xml"] = (
        files["[Content_Types].xml"]
        .decode()
        .replace("</Types>", "".join(types) + "</Types>")
        .encode()
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in files.items():
            out.writestr(name, data)


@pytest.fixture(scope="module")
def masters(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("masters")
    made = {}
    for case, make in (
        ("pptx-zip-bomb", _zip_bomb),
        ("pptx-many-members", _many_members),
        ("pptx-many-slides", _many_slides),
    ):
        made[case] = folder / f"{case}.pptx"
        make(made[case])
    return made


def _with_master(tmp_path: Path, case: str, masters: dict) -> Path:
    theme = theme_case(tmp_path, case)
    (theme / "pptx").mkdir()
    shutil.copyfile(masters[case], theme / "pptx" / "master.pptx")
    return theme


@pytest.mark.slow
def test_pptx_master_zip_bomb_is_refused(tmp_path, previous, masters):
    """Refused by the sizes the zip declares, before anything is inflated (without the
    check, only the memory limit of the render child stopped it)."""
    out, before = previous("html,pptx")
    theme = _with_master(tmp_path, "pptx-zip-bomb", masters)
    with zipfile.ZipFile(theme / "pptx" / "master.pptx") as bomb:
        assert sum(i.file_size for i in bomb.infolist()) > 800_000_000
    result = csmanual(
        "build", EXAMPLE, "--format", "pptx", "--theme", theme, "--out", out, env=LIMITS
    )
    assert_refused(
        result,
        out,
        before,
        f"{theme / 'pptx' / 'master.pptx'}: error[E712] 마스터의 압축을 풀면 768 MB로, "
        "마스터 한도 256 MB보다 큽니다.",
    )


@pytest.mark.slow
@pytest.mark.parametrize("case", ["pptx-many-members", "pptx-many-slides"])
def test_pptx_master_with_thousands_of_members(case, tmp_path, baselines, masters):
    """Unused members are never read and sample slides are dropped: the deck is the same,
    byte for byte, as the one built on the default master."""
    theme = _with_master(tmp_path, case, masters)
    with zipfile.ZipFile(theme / "pptx" / "master.pptx") as master:
        assert len(master.infolist()) > 4_000
    out = tmp_path / "out"
    result = csmanual(
        "build", EXAMPLE, "--format", "pptx", "--theme", theme, "--out", out, env=LIMITS
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "manual.pptx").read_bytes() == (
        baselines("html,pptx") / "manual.pptx"
    ).read_bytes()


# --- other commands that render a theme ----------------------------------------------------------


@pytest.mark.slow
def test_diff_html_with_a_looping_theme_is_stopped_by_the_time_limit(tmp_path, changed):
    source, _ = changed
    theme = theme_case(tmp_path, "diff-loop-forever")
    result = csmanual(
        "diff", EXAMPLE, source, "--format", "html", "--theme", theme, env=LIMITS, timeout=30
    )
    said = result.stdout + result.stderr
    assert result.returncode == 2 and "Traceback" not in said  # diff: 2 is an error
    assert re.search(r"^error\[E790\] .*4초 안에 끝나지 않았습니다", said, re.M), said


@pytest.mark.slow
def test_markup_yaml_and_template_syntax_in_text_is_shown_literally_in_pptx(tmp_path):
    """The slide plan is YAML rendered by a template: source text must not add slides,
    keys, anchors or tags to it, and must reach the deck as written."""
    source = _with_payloads(tmp_path)
    out = tmp_path / "out"
    result = csmanual("build", source, "--format", "pptx", "--out", out)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out / "manual.pptx") as deck:
        parts = [n for n in deck.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", n)]
        xml = "".join(deck.read(n).decode("utf-8") for n in parts)
    shown = re.sub(r"\s+", "", html.unescape("".join(re.findall(r"<a:t>([^<]*)</a:t>", xml))))
    for payload in PAYLOADS:
        assert re.sub(r"\s+", "", payload) in shown, payload
    runs = [html.unescape(t).strip() for t in re.findall(r"<a:t>([^<]*)</a:t>", xml)]
    assert "주입된 슬라이드" not in runs  # no slide title of its own: the text stayed one item
    assert "uid=" not in shown
