"""The HTML manual: every item with its anchor, text shown literally, sound HTML5, change
marks, a golden copy of the example, and the search box in a real (headless) Chromium."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import itertools
import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from csmanual.build import build
from csmanual.model import LIST_SECTIONS, display_name
from csmanual.project import Project
from csmanual.validate import validate_file
from goldens import check_text
from manual_items import reader_names

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
FIXTURE = Path(__file__).parent / "fixtures" / "html" / "manual.ko.yaml"
SAMPLE = ROOT / "source" / "manual.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"

# The anchors staff share (`manual.html#type-expert`): part of the HTML manual's contract.
ANCHORS = {
    "revisions": "revision",
    "approvals": "approval",
    "principles": "principle",
    "policies": "policy",
    "roles": "role",
    "deadlines": "deadline",
    "channels": "channel",
    "complaint_categories": "category",
    "segments": "segment",
    "behaviour_types": "type",
    "claim_steps": "step",
    "faqs": "faq",
    "glossary": "term",
}
# Lists inside single sections: (section, list) → prefix.
NESTED = {
    ("initial_response", "flow"): "flow",
    ("initial_response", "points"): "point",
    ("follow_up", "statuses"): "status",
    ("privacy", "rules"): "privacy",
    ("feedback", "methods"): "feedback",
    ("maintenance", "triggers"): "trigger",
}


# --- a small DOM from the standard library's parser ---------------------------------

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Page(HTMLParser):
    """Parses a page into Nodes and records every unbalanced or misnested tag."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root
        self.problems: list[str] = []
        self.doctype: str | None = None
        self.feed(html)
        self.close()
        if self.current is not self.root:
            self.problems.append(f"unclosed <{self.current.tag}> at the end")

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.current.tag != tag:
            self.problems.append(f"</{tag}> closes <{self.current.tag}> at line {self.getpos()[0]}")
            for node in [self.current, *self.current.ancestors()]:
                if node.tag == tag:
                    self.current = node.parent
                    break
            return
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(data)

    # queries
    def all(self, tag: str | None = None) -> list[Node]:
        return [n for n in self.root.iter() if tag is None or n.tag == tag]

    def by_id(self) -> dict[str, Node]:
        return {n.attrs["id"]: n for n in self.root.iter() if n.attrs.get("id")}


def words(text: str) -> str:
    return " ".join(text.split())


def visible_text(node: Node) -> str:
    """The text a reader sees: no inlined style or script."""
    if node.tag in ("style", "script"):
        return ""
    return "".join(c if isinstance(c, str) else visible_text(c) for c in node.children)


# --- building -----------------------------------------------------------------------


def render(
    source: Path, out: Path, theme_dir: Path | None = None, changes_since: str | None = None
) -> str:
    result = build(Project(source, theme_dir, changes_since), ["html"], out, force=True)
    assert result.written, result.diagnostics
    return (out / "manual.html").read_text(encoding="utf-8")


def copy_with(
    tmp_path: Path, base: Path, *replacements: tuple[str, str], name="manual.yaml"
) -> Path:
    text = base.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["example", "fixture", "sample"])
def built(request, tmp_path_factory):
    source = {"example": EXAMPLE, "fixture": FIXTURE, "sample": SAMPLE}[request.param]
    if not source.is_file():
        pytest.skip(f"{source} is not there yet")
    out = tmp_path_factory.mktemp(request.param)
    return source, render(source, out)


def expected_items(source: Path):
    """(anchor, name) of every item of the source, list sections and nested lists alike."""
    manual = validate_file(source).manual
    assert manual is not None
    for section in LIST_SECTIONS:
        if section == "custom_sections":  # the manual's own sections: `#<id>`, `#<id>-<item>`
            for custom in manual.custom_sections or ():
                yield custom.id, custom.title
                for item in custom.items or ():
                    yield f"{custom.id}-{item.id}", item.title
            continue
        for item in getattr(manual, section) or ():
            yield f"{ANCHORS[section]}-{item.id}", display_name(item)
    for (section, field), prefix in NESTED.items():
        value = getattr(manual, section)
        for item in (getattr(value, field) if value else None) or ():
            yield f"{prefix}-{item.id}", display_name(item)


# --- content ------------------------------------------------------------------------


def test_every_item_has_its_anchor_and_its_name(built):
    source, html = built
    ids = Page(html).by_id()
    items = list(expected_items(source))
    assert len(items) > 15
    for anchor, name in items:
        assert anchor in ids, f"no element with id {anchor}"
        assert words(name) in words(ids[anchor].text()), f"{anchor} does not show {name!r}"


def test_every_section_of_the_source_is_there(built):
    source, html = built
    ids = Page(html).by_id()
    manual = validate_file(source).manual
    for section in (
        "revisions",
        "approvals",
        "purpose",
        "principles",
        "policies",
        "roles",
        "deadlines",
        "channels",
        "complaint_categories",
        "segments",
        "behaviour_types",
        "initial_response",
        "claim_steps",
        "follow_up",
        "privacy",
        "feedback",
        "maintenance",
        "faqs",
        "glossary",
    ):
        if getattr(manual, section):
            assert section.replace("_", "-") in ids, section
    header = Page(html).all("header")[0].text()
    for value in (
        manual.meta.document_id,
        manual.meta.version,
        manual.meta.effective_date.isoformat(),
        manual.meta.title,
    ):
        assert value in header


def test_claim_steps_are_drawn_as_a_numbered_flow_linking_to_each_step():
    page = Page(render(FIXTURE, Path(tempfile.mkdtemp())))
    flows = [
        n
        for n in page.all("ol")
        if "flow" in (n.attrs.get("class") or "").split()
        and n.parent
        and n.parent.attrs.get("class") == "search-context"
    ]
    [flow] = flows
    links = [a.attrs["href"] for a in flow.iter() if a.tag == "a"]
    assert len(links) == 7
    assert links[0] == "#step-apology"


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{{ 7*7 }}",
    ],
)
def test_source_text_shows_literally(tmp_path, payload):
    quoted = payload.replace("'", "''")
    source = copy_with(
        tmp_path,
        FIXTURE,
        ("name: 전문가형 고객", f"name: '{quoted}'"),
        (
            "  - id: deadline\n    question: 불만은 언제까지 답해야 하나요?",
            f"  - id: deadline\n    question: '질문 {quoted}'",
        ),
        ("title: 고객응대 매뉴얼", f"title: '매뉴얼 {quoted}'"),
        ("      - 잘 모르시는 것 같은데요", f"      - '{quoted}'"),
    )
    html = render(source, tmp_path / "out")
    page = Page(html)
    assert not page.problems
    # the only script is the theme's own, no image at all, no event handler attribute
    assert len(page.all("script")) == 1
    assert page.all("img") == []
    assert not any(k.startswith("on") for n in page.all() for k in n.attrs)
    ids = page.by_id()
    assert payload in ids["type-expert"].text()
    assert payload in ids["faq-deadline"].text()
    assert payload in page.all("title")[0].text()
    assert payload in page.all("h1")[0].text()
    assert "49" not in ids["type-expert"].text()


# --- HTML5 sanity -------------------------------------------------------------------


def test_document_structure_is_sound(built):
    _, html = built
    page = Page(html)
    assert page.doctype and page.doctype.lower() == "doctype html"
    assert page.problems == []
    [root] = page.all("html")
    assert root.attrs.get("lang") == "ko"
    assert page.all("meta")[0].attrs == {"charset": "utf-8"}
    assert any(m.attrs.get("name") == "viewport" for m in page.all("meta"))
    assert len(page.all("title")) == 1 and page.all("title")[0].text().strip()


def test_html5_parser_reports_no_parse_errors(built):
    """The HTML5 parsing algorithm (tinyhtml5, which WeasyPrint uses) finds nothing to fix."""
    tinyhtml5 = pytest.importorskip("tinyhtml5.parser")
    _, html = built
    parser = tinyhtml5.HTMLParser()
    parser.parse(html.encode("utf-8"))
    assert parser.errors == []


def test_headings_one_h1_and_levels_never_skip(built):
    _, html = built
    levels = [int(n.tag[1]) for n in Page(html).all() if re.fullmatch(r"h[1-6]", n.tag)]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} is followed by h{after}"


def test_landmarks_ids_and_internal_links(built):
    _, html = built
    page = Page(html)
    body = page.all("body")[0]
    top = [
        n.tag
        for n in body.iter()
        if n.tag in ("header", "nav", "main", "footer")
        and not any(a.tag in ("article", "section", "aside", "nav", "main") for a in n.ancestors())
    ]
    assert sorted(top) == ["footer", "header", "main", "nav"]
    assert [n.attrs.get("role") for n in page.all("form")] == ["search"]
    # ids are unique, and every #link, label and aria reference points at one of them
    all_ids = [n.attrs["id"] for n in page.all() if n.attrs.get("id")]
    assert len(all_ids) == len(set(all_ids)), "duplicate ids"
    ids = set(all_ids)
    for node in page.all():
        href = node.attrs.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, f"link to missing #{href[1:]}"
        for attr in ("aria-labelledby", "aria-describedby", "for"):
            for ref in (node.attrs.get(attr) or "").split():
                assert ref in ids, f"{attr}={ref} points nowhere"
    # the search box has a label; every section is named by its heading
    assert page.by_id()["search-input"].attrs.get("type") == "search"
    for section in page.all("section"):
        assert section.attrs.get("aria-labelledby"), section.attrs


def test_nothing_is_fetched_from_anywhere(built):
    _, html = built
    page = Page(html)
    for node in page.all():
        for attr in ("src", "href", "action", "srcset", "poster", "data"):
            value = (node.attrs.get(attr) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "ftp:")), (node.tag, attr, value)
        assert node.tag not in ("iframe", "object", "embed", "img")
        assert not (node.tag == "script" and "src" in node.attrs)
        assert not (node.tag == "link" and node.attrs.get("rel") == "stylesheet")
    styles = " ".join(n.text() for n in page.all("style"))
    assert "@import" not in styles and not re.search(r"url\(\s*['\"]?(https?:)?//", styles)
    scripts = " ".join(n.text() for n in page.all("script"))
    assert not re.search(r"fetch\(|XMLHttpRequest|https?://", scripts)


def test_styles_set_korean_line_breaking_fonts_and_print():
    css = (ROOT / "templates" / "html" / "manual.css").read_text(encoding="utf-8")
    assert "word-break: keep-all" in css and "overflow-wrap: anywhere" in css
    # the reader's Korean fonts: theme.yaml's fonts, written before manual.css
    stack = re.search(r"--font-body: ([^;]+);", render(FIXTURE, Path(tempfile.mkdtemp())))
    for font in ('"Noto Sans KR"', '"Nanum Gothic"', '"Malgun Gothic"', '"Apple SD Gothic Neo"'):
        assert font in stack.group(1)
    assert "font-family: var(--font)" in css and "--font: var(--font-body)" in css
    assert "@media print" in css and "break-inside: avoid" in css


# --- change marks -------------------------------------------------------------------


def changed_copy(tmp_path: Path) -> Path:
    return copy_with(
        tmp_path,
        FIXTURE,
        (
            "      - 잘 모르시는 것 같은데요",
            "      - 잘 모르시는 것 같은데요\n      - 그건 틀리셨어요",
        ),
        (
            "glossary:\n",
            "  - id: warranty\n    question: 보증 기간은 얼마인가요?\n"
            "    answer: 구입일로부터 1년입니다.\n\nglossary:\n",
        ),
        ("    - id: claim\n      name: 클레임 발생", "    - id: claim\n      name: 클레임 접수"),
        ('version: "1.1"\n  effective_date', 'version: "1.2"\n  effective_date'),
        (
            "      - 클레임 처리 7단계의 지침을 보완했습니다.\n",
            '      - 클레임 처리 7단계의 지침을 보완했습니다.\n  - id: v1-2\n    version: "1.2"\n'
            "    date: 2026-01-27\n    author: 홍길동\n    summary: 보증 질문 추가\n",
        ),
        name="changed.yaml",
    )


def test_changed_items_are_marked_and_listed(tmp_path):
    html = render(changed_copy(tmp_path), tmp_path / "out", changes_since=str(FIXTURE))
    page = Page(html)
    assert page.problems == []
    ids = page.by_id()
    assert ids["type-expert"].attrs.get("data-change") == "changed"
    assert "변경됨" in ids["type-expert"].text()
    assert ids["faq-warranty"].attrs.get("data-change") == "added"
    assert "새 항목" in ids["faq-warranty"].text()
    assert ids["flow-claim"].attrs.get("data-change") == "changed"
    # unchanged items carry no mark
    assert "data-change" not in ids["type-loud-complainer"].attrs
    assert "data-change" not in ids["point-fast"].attrs  # same section, other list
    changes = ids["changes"]
    assert "변경 사항" in changes.text() and str(FIXTURE) in changes.text()
    rows = [words(tr.text()) for tr in changes.iter() if tr.tag == "tr"][1:]
    assert any("전문가형 고객" in r and "고객 유형별 응대" in r for r in rows)
    assert any("보증 기간은 얼마인가요?" in r and "새 항목" in r for r in rows)
    assert any("문서 정보" in r for r in rows)  # meta.version, no item to link to
    header = words(page.all("header")[0].text())
    assert "1.2 변경됨" in header and "CS-MAN-001 변경됨" not in header
    links = {a.attrs["href"] for a in changes.iter() if a.tag == "a"}
    assert {"#type-expert", "#faq-warranty", "#flow-claim"} <= links
    assert any(a.attrs.get("href") == "#changes" for a in page.all("a"))
    test_headings_one_h1_and_levels_never_skip(("", html))


def test_without_changes_nothing_is_marked(tmp_path):
    html = normalise(render(changed_copy(tmp_path), tmp_path / "out"))  # markup, not CSS
    assert 'id="changes"' not in html
    assert "data-change" not in html and "change-mark" not in html
    assert "변경 사항" not in html


# --- designers' overrides ----------------------------------------------------------

THEME = Path(__file__).parent / "fixtures" / "html" / "theme"  # the README's worked example


def test_a_theme_overrides_one_block_and_one_partial(tmp_path):
    default = Page(render(FIXTURE, tmp_path / "default"))
    themed_html = render(FIXTURE, tmp_path / "themed", theme_dir=THEME)
    themed = Page(themed_html)
    assert themed.problems == []
    # the block: FAQs fold, keep their anchors and stay searchable
    faqs = themed.by_id()["faqs"]
    assert [n.attrs["id"] for n in faqs.iter() if n.tag == "details"] == [
        n.attrs["id"] for n in default.by_id()["faqs"].iter() if n.tag == "article"
    ]
    assert "data-searchable" in faqs.attrs
    assert "--palette-primary: #8a1538" in themed.all("style")[0].text()  # its theme.yaml
    # the partial: the glossary is a table now
    assert themed.by_id()["term-claim"].tag == "tr"
    # everything else is the default, unchanged
    for section in ("behaviour-types", "claim-steps", "roles", "revisions"):
        assert words(themed.by_id()[section].text()) == words(default.by_id()[section].text())
    test_headings_one_h1_and_levels_never_skip(("", themed_html))


# --- golden -------------------------------------------------------------------------


def normalise(html: str) -> str:
    """Markup only: inlined CSS and JS (checked elsewhere) and the tool version left out."""
    html = re.sub(r"(<style>).*?(</style>)", r"\1…\2", html, flags=re.S)
    html = re.sub(r"(<script>).*?(</script>)", r"\1…\2", html, flags=re.S)
    html = re.sub(r"csmanual \d+\.\d+[\w.+-]*", "csmanual VERSION", html)
    lines = (line.rstrip() for line in html.splitlines())
    return "\n".join(line for line in lines if line) + "\n"


@pytest.mark.golden
def test_example_manual_matches_its_golden_html(tmp_path):
    check_text("html/manual.ko.html", normalise(render(EXAMPLE, tmp_path)))


# --- the search box in a real browser ------------------------------------------------


class Chromium:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4,
    NUL-separated JSON): no websocket, no extra package."""

    def __init__(self, binary: str = CHROMIUM, timeout: float = 20):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="csmanual-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # keep our ends away from 3 and 4, which the child needs
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_browser_r, from_browser_w)]
        for fd in (to_browser_r, from_browser_w):
            os.close(fd)

        def child_fds():
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--mute-audio",
                f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=child_fds,
            close_fds=False,  # fds are non-inheritable unless dup2'ed
        )
        for fd in high:
            os.close(fd)
        self.writer = os.fdopen(to_browser_w, "wb", buffering=0)
        self.reader = os.fdopen(from_browser_r, "rb", buffering=0)
        self.messages: queue.Queue = queue.Queue()
        self.events: list[dict] = []
        self.next_id = 0
        self.session: str | None = None
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        while True:
            chunk = self.reader.read(65536)
            if not chunk:
                self.messages.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                self.messages.put(json.loads(raw))

    def _pump(self, until: float) -> dict | None:
        message = self.messages.get(timeout=max(0.01, until - time.monotonic()))
        if message is None:
            raise RuntimeError("Chromium closed the DevTools pipe")
        if "method" in message:
            self.events.append(message)
        return message

    def send(self, method: str, params: dict | None = None, session: bool = True) -> dict:
        self.next_id += 1
        request = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            request["sessionId"] = self.session
        self.writer.write(json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._pump(deadline)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for(self, method: str) -> dict:
        deadline = time.monotonic() + self.timeout
        seen = len(self.events)
        while True:
            for event in self.events[seen:]:
                if event["method"] == method:
                    return event
            seen = len(self.events)
            try:
                self._pump(deadline)
            except queue.Empty:
                raise TimeoutError(f"no {method} within {self.timeout}s") from None

    def open(self, url: str, width: int = 1280, height: int = 900) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
            session=False,
        )
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def key(self, key: str, code: str, key_code: int) -> None:
        """Press and release a key; Enter also types its "\\r" (that is what submits)."""
        text = {"Enter": "\r"}.get(key, key if len(key) == 1 else "")
        for kind in ("keyDown", "keyUp"):
            event = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code}
            if kind == "keyDown" and text:
                event["text"] = text
            self.send("Input.dispatchKeyEvent", event)

    def screenshot(self, path: str | Path, full: bool = True) -> None:
        params: dict = {"format": "png"}
        if full:
            size = self.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            params.update(
                captureBeyondViewport=True,
                clip={"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1},
            )
        data = self.send("Page.captureScreenshot", params)["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and failed loads seen so far."""
        out = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(json.dumps(params["exceptionDetails"], ensure_ascii=False)[:300])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "assert",
                "warning",
            ):
                out.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                out.append(f"log: {params['entry'].get('text')}")
        return out

    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.send("Browser.close", session=False)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.writer.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def search_source() -> Path:
    """The full sample manual once it exists and validates; the fixture until then."""
    if SAMPLE.is_file() and validate_file(SAMPLE).ok:
        return SAMPLE
    return FIXTURE


VISIBLE = """(() => {
  const shown = el => !!(el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length));
  const cards = [...document.querySelectorAll('#behaviour-types [data-search-item]')];
  return {
    form: shown(document.querySelector('form[role=search]')),
    expert: shown(document.getElementById('type-expert')),
    otherTypes: cards.filter(c => c.id !== 'type-expert' && shown(c)).map(c => c.id),
    types: cards.length,
    items: [...document.querySelectorAll('[data-search-item]')].filter(shown).length,
    allItems: document.querySelectorAll('[data-search-item]').length,
    status: document.getElementById('search-status').textContent,
    statusShown: shown(document.getElementById('search-status')),
    focused: document.activeElement && document.activeElement.id,
  };
})()"""


@pytest.fixture
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"Chromium not found ({CHROMIUM}): the search box is checked in a real browser")
    chromium = Chromium()
    yield chromium
    chromium.close()


@pytest.mark.slow
def test_search_box_filters_by_korean_text_in_chromium(tmp_path, browser):
    source = search_source()
    render(source, tmp_path)
    url = (tmp_path / "manual.html").as_uri()
    browser.open(url)
    state = browser.evaluate(VISIBLE)
    assert state["form"] and state["expert"] and state["types"] > 1
    assert not state["statusShown"]

    # "/" jumps to the search box; then Korean arrives through an IME, syllable by syllable
    browser.key("/", "Slash", 191)
    assert browser.evaluate(VISIBLE)["focused"] == "search-input"
    for composing in ("전", "전무", "전문", "전문가"):
        browser.send(
            "Input.imeSetComposition",
            {"text": composing, "selectionStart": len(composing), "selectionEnd": len(composing)},
        )
    state = browser.evaluate(VISIBLE)
    assert state["expert"], "the card is found while the last syllable is still being composed"
    browser.send("Input.insertText", {"text": "전문가"})
    state = browser.evaluate(VISIBLE)
    assert browser.evaluate("document.getElementById('search-input').value") == "전문가"
    assert state["expert"]
    assert state["otherTypes"] == []
    assert 0 < state["items"] < state["allItems"]
    assert state["statusShown"] and str(state["items"]) in state["status"]

    # no match: a message says so; Escape brings everything back
    browser.evaluate(
        "(i => { i.value = ''; i.dispatchEvent(new Event('input')); })"
        "(document.getElementById('search-input'))"
    )
    browser.send("Input.insertText", {"text": "없는말없는말"})
    state = browser.evaluate(VISIBLE)
    assert state["items"] == 0 and state["statusShown"]
    assert state["status"] == "검색 결과가 없습니다."
    browser.key("Escape", "Escape", 27)
    state = browser.evaluate(VISIBLE)
    assert state["items"] == state["allItems"] and not state["statusShown"]

    assert browser.problems() == []
    assert [u for u in browser.requests() if u != url] == []


# Korean text must wrap between words (어절), never inside one: a line that begins with a
# Hangul syllable right after another Hangul syllable (no space between) is a broken word.
BROKEN_WORDS = r"""(() => {
  const hangul = /[\uAC00-\uD7A3]/;
  const broken = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    const box = node.parentElement.closest("thead, .visually-hidden") ? null
      : node.parentElement.getClientRects()[0];
    if (!hangul.test(text) || !box) continue;  // hidden, or visually hidden for screen readers
    let previous = null;
    for (let i = 0; i < text.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || !rect.width) continue;
      if (previous !== null && rect.top > previous + 2 && i > 0
          && hangul.test(text[i]) && hangul.test(text[i - 1])) {
        broken.push(text.slice(Math.max(0, i - 10), i) + "|" + text.slice(i, i + 10));
      }
      previous = rect.top;
    }
  }
  return broken;
})()"""


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
def test_korean_never_breaks_inside_a_word(tmp_path, browser, width):
    render(search_source(), tmp_path)
    browser.open((tmp_path / "manual.html").as_uri(), width=width)
    assert browser.evaluate(BROKEN_WORDS) == []
    assert browser.problems() == []


@pytest.mark.slow
def test_keyboard_skip_link_and_enter_to_first_result(tmp_path, browser):
    render(search_source(), tmp_path)
    browser.open((tmp_path / "manual.html").as_uri())
    focused = "document.activeElement.id || document.activeElement.className"
    browser.key("Tab", "Tab", 9)
    assert browser.evaluate(focused) == "skip-link"
    browser.key("Enter", "Enter", 13)
    assert browser.evaluate(focused) == "main"
    browser.evaluate("document.getElementById('search-input').focus()")
    browser.send("Input.insertText", {"text": "전문가형"})
    browser.key("Enter", "Enter", 13)
    assert browser.evaluate(focused) == "type-expert"
    assert browser.problems() == []


@pytest.mark.slow
def test_a_shared_link_shows_its_item_below_the_search_bar(tmp_path, browser):
    render(search_source(), tmp_path)
    browser.open((tmp_path / "manual.html").as_uri() + "#type-expert", width=390, height=700)
    below_bar = """(id => {
      const bar = document.querySelector('.searchbar').getBoundingClientRect();
      const item = document.getElementById(id).getBoundingClientRect();
      return item.top >= bar.bottom - 1 && item.top < innerHeight;
    })"""
    assert browser.evaluate(f"{below_bar}('type-expert')")
    # following a link to an item the search has hidden brings the whole manual back
    browser.evaluate("document.getElementById('search-input').focus()")
    browser.send("Input.insertText", {"text": "전문가"})
    assert browser.evaluate("document.getElementById('step-apology').closest('[hidden]') !== null")
    browser.evaluate("location.hash = '#step-apology'")
    browser.evaluate("new Promise(r => setTimeout(r, 100))")
    assert browser.evaluate("document.getElementById('search-input').value") == ""
    assert browser.evaluate("document.getElementById('step-apology').closest('[hidden]') === null")
    assert browser.problems() == []


# WCAG 2 contrast of every visible text against what it is painted on: the first opaque
# background up the tree, with the semi-transparent ones above it laid over it.
CONTRAST = r"""(() => {
  const rgba = s => {
    const m = s.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) =>
    [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.backgroundImage !== "none") return null;  // a picture: judged by eye
      const c = rgba(style.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255, 1]);
  };
  const luminance = c => {
    const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const seen = new Set(), low = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || seen.has(el) || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest(".visually-hidden")) continue;
    seen.add(el);
    const back = background(el);
    if (!back) continue;
    const fore = over(rgba(style.color), back);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;  // large text: 3:1
    const r = ratio(fore, back);
    if (r < need) low.push(`${el.tagName.toLowerCase()}.${el.className} ` +
      `"${n.data.trim().slice(0, 20)}": ${r.toFixed(2)} < ${need}`);
  }
  return {checked: seen.size, low};
})()"""


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
def test_every_text_has_wcag_aa_contrast(tmp_path, browser, width):
    """4.5:1 (3:1 for large text) for every visible text: the manual with change marks
    (their highlights and badges), then with a search under way. The audit can fail: grey
    body text is caught."""
    render(changed_copy(tmp_path), tmp_path / "out", changes_since=str(FIXTURE))
    browser.open((tmp_path / "out" / "manual.html").as_uri(), width=width)
    found = browser.evaluate(CONTRAST)
    assert found["checked"] > 300 and found["low"] == []
    browser.evaluate("document.getElementById('search-input').focus()")
    browser.send("Input.insertText", {"text": "전문가"})
    found = browser.evaluate(CONTRAST)
    assert found["checked"] > 10 and found["low"] == []
    browser.evaluate("document.body.style.color = '#999'")
    assert browser.evaluate(CONTRAST)["low"]
    assert browser.problems() == []


# --- any organisation's manual: its own titles, order, deadlines and signatures ---------

ORGS = Path(__file__).parent / "fixtures" / "orgs"
HOSPITAL = ORGS / "hospital.ko.yaml"
SAAS = ORGS / "saas.en.yaml"
# words of the sample's structure that no other manual's output may show
SAMPLE_WORDS = ("7단계", "일곱", "13가지", "seven", "thirteen")


def org_names(source: Path) -> list[str]:
    return reader_names(Project(source).context)


@pytest.fixture(scope="module", params=["hospital", "saas"])
def org(request, tmp_path_factory):
    source = {"hospital": HOSPITAL, "saas": SAAS}[request.param]
    html = render(source, tmp_path_factory.mktemp(request.param))
    return source, html, Page(html)


def test_an_organisations_manual_shows_every_item_in_its_own_words(org):
    source, html, page = org
    text = words(visible_text(page.root))
    missing = [name for name in org_names(source) if words(str(name)) not in text]
    assert missing == []
    for word in SAMPLE_WORDS:
        assert word not in text.lower(), word
    if source == HOSPITAL:
        assert "클레임" not in html
        assert "민원 처리 5단계" in text
    else:
        assert "claim" not in text.lower() and "Escalation process" in text


def test_every_place_of_a_section_title_uses_the_manuals_title(org):
    source, _html, page = org
    title = {"hospital": "민원 처리 5단계", "saas": "Escalation process"}[source.stem.split(".")[0]]
    ids = page.by_id()
    assert words(ids["claim-steps-title"].text()) == title  # the heading
    toc = [words(a.text()) for a in ids["toc-title"].parent.iter() if a.tag == "a"]
    assert title in toc  # the contents
    [flow] = [n for n in ids["claim-steps"].iter() if "flow" in n.attrs.get("class", "").split()]
    assert flow.attrs["aria-label"] == title  # the step flow's name
    assert title in ids["search-hint"].text()  # what the search box searches


def test_sections_follow_the_manuals_order_and_custom_sections_have_their_place(org):
    source, _html, page = org
    context = Project(source).context
    body = [s["id"] for s in context["sections"] if s["id"] not in ("approvals", "revisions")]
    anchors = [b.replace("_", "-") for b in body]
    main = next(n for n in page.all("main"))
    shown = [n.attrs["id"] for n in main.iter() if n.tag == "section"]
    assert shown == [*anchors, "revisions"]
    toc = [a.attrs["href"][1:] for a in page.by_id()["toc-title"].parent.iter() if a.tag == "a"]
    assert toc == shown
    if source == HOSPITAL:  # settings.order: claim steps, then the compensation rules
        order = ["purpose", "roles", "channels", "deadlines", "claim-steps", "compensation"]
        assert shown[:6] == order
        table = page.by_id()["compensation"]
        columns = [words(th.text()) for th in table.iter() if th.tag == "th"][:3]
        assert columns == ["구분", "기준", "보상"]
        assert "휴식 보장" in page.by_id()["staff-protection-rest"].text()


def test_deadlines_are_grouped_by_kind_and_channels_list_all_of_theirs():
    page = Page(render(HOSPITAL, Path(tempfile.mkdtemp())))
    ids = page.by_id()
    groups = [words(n.text()) for n in ids["deadlines"].iter() if n.tag == "h3"]
    assert len(groups) == 3  # first replies, results, time limits: each under its heading
    limits = ids["deadlines-limit"].parent
    assert "진료비 이의 신청 기간" in words(limits.text())
    assert "즉시" in words(ids["deadline-in-person"].text())
    written = words(ids["channel-written"].text())
    assert "서면 민원 1차 회신 · 48시간" in written and "서면 민원 결과 회신 · 7일" in written
    saas = Page(render(SAAS, Path(tempfile.mkdtemp()))).by_id()
    assert "every 30 minutes" in words(saas["deadline-incident-updates"].text())
    assert "P1 (service down)" in words(saas["deadline-p1-first"].text())
    email = words(saas["channel-email"].text())
    assert "15 minutes" in email and "4 business hours" in email


def test_signature_rows_say_what_each_signer_does_and_leave_a_line_to_sign():
    page = Page(render(HOSPITAL, Path(tempfile.mkdtemp())))
    ids = page.by_id()
    rows = {a: ids[f"approval-{a}"] for a in ("written-by", "reviewed-by", "approved-by")}
    assert [words(r.children[1].text()) for r in rows.values()] == ["작성", "검토", "승인"]
    # name given, date not: the date is an empty line; neither given: two lines
    assert sum("blank" in n.attrs.get("class", "") for n in rows["written-by"].iter()) == 1
    assert sum("blank" in n.attrs.get("class", "") for n in rows["reviewed-by"].iter()) == 2
    assert "검토했습니다" in words(rows["reviewed-by"].text())
    assert "승인했습니다" not in words(rows["written-by"].text())
    author = [n for n in page.all("dd") if words(n.text()) == "원무팀장 서지원"]
    assert author and words(author[0].parent.text()) == "작성자원무팀장 서지원"


def test_english_manuals_set_latin_text_in_a_latin_font_first():
    page = render(SAAS, Path(tempfile.mkdtemp()))  # the stack comes from theme.yaml's fonts
    stack = re.search(r"--font-body: ([^;]+);", page).group(1)
    fonts = [f.strip() for f in stack.split(",")]
    assert fonts[0] == '"Noto Sans"'
    assert fonts.index('"Nanum Gothic"') > fonts.index('"Arial"')  # Hangul after the Latin ones
    assert '<html lang="en">' in page


OVERRIDE = {
    "html/manual.html.j2": """{% extends "!default/html/manual.html.j2" %}
{% block claim_steps %}<section class="section" id="claim-steps" data-theme="steps">
<h2 id="claim-steps-title">{{ labels.claim_steps }}</h2>
<ol>{% for s in manual.claim_steps %}<li id="step-{{ s.id }}">{{ s.name }}</li>
{% endfor %}</ol>
</section>{% endblock %}
{% block custom_section %}<div class="theme-custom" data-theme="custom">
<p>{{ s.title }} ({{ s.count }})</p>{{ super() }}</div>{% endblock %}
""",
}


def test_a_theme_overrides_section_blocks_inside_the_manuals_order(tmp_path):
    """The section blocks sit in a loop over `sections`: an override still replaces its
    block, in the manual's place for it, once; a scoped block sees its section."""
    theme = tmp_path / "theme"
    for name, text in OVERRIDE.items():
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text(text, encoding="utf-8")
    html = render(HOSPITAL, tmp_path / "out", theme_dir=theme)
    page = Page(html)
    assert page.problems == []
    main = page.all("main")[0]
    shown = [n.attrs["id"] for n in main.iter() if n.tag == "section"]
    assert shown[3:7] == ["deadlines", "claim-steps", "compensation", "complaint-categories"]
    assert html.count('data-theme="steps"') == 1 and html.count('data-theme="custom"') == 2
    steps = page.by_id()["claim-steps"]
    assert words(steps.text()).startswith("민원 처리 5단계 경청 기록")
    custom = page.by_id()["compensation"].parent
    assert custom.attrs["data-theme"] == "custom" and "보상 기준 (2)" in words(custom.text())
    # super() keeps the default partial inside the override
    assert "주차권 제공" in words(custom.text())
    # the sections not overridden are the default's
    default = Page(render(HOSPITAL, tmp_path / "default")).by_id()
    assert words(page.by_id()["roles"].text()) == words(default["roles"].text())


@pytest.mark.slow
def test_the_browser_sets_each_manual_in_its_languages_font_stack(tmp_path, browser):
    for source, first in ((SAAS, '"Noto Sans"'), (HOSPITAL, '"Noto Sans KR"')):
        render(source, tmp_path / source.stem)
        browser.open((tmp_path / source.stem / "manual.html").as_uri())
        family = browser.evaluate("getComputedStyle(document.body).fontFamily")
        assert family.split(",")[0].strip() == first, family
