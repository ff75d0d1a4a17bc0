"""The PDF manual and the desk cards (WeasyPrint), checked the way a reader would.

Most checks read the PDF back with poppler (pdftotext, pdffonts, pdfinfo, pdftoppm) and
are skipped with a reason where poppler is absent. Renders are cached per module: the
same source and theme always give the same bytes (one of the things tested here).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zlib
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import pytest
from click.testing import CliRunner
from markupsafe import Markup

import goldens
from csmanual import fonts as fonts_module
from csmanual import render
from csmanual.build import build
from csmanual.cli import main
from csmanual.diagnostics import DiagnosticError
from csmanual.errors import UserError
from csmanual.project import Project
from csmanual.render.pdf import CardRenderer, PdfRenderer
from csmanual.render.pdf import renderer as pdf_module
from csmanual.render.pdf.fetch import ConfinedFetcher
from csmanual.render.pdf.glyphs import font_coverage, texts, theme_fonts
from csmanual.render.pdf.line_breaks import keepall
from csmanual.theme import Theme
from csmanual.validate import validate_file

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
FIXTURES = Path(__file__).parent / "fixtures" / "pdf"
LONG = FIXTURES / "long.ko.yaml"  # 13 behaviour types, 7 claim steps, a glossary over pages
THEMES = FIXTURES / "themes"
SAMPLE = ROOT / "source" / "manual.yaml"

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm"))


def needs_poppler(test):
    """Reads the PDF back with poppler: a slow test, skipped where poppler is absent."""
    skip = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext …) not installed")
    return pytest.mark.slow(skip(test))


HANGUL = re.compile("[\uac00-\ud7af]")


# -- rendering and reading back -------------------------------------------------------


def load_theme(source: Path, theme_dir: Path | None = None) -> Theme:
    return Project(source, theme_dir).theme


def context_of(source: Path, theme: Theme, earlier: Path | None = None) -> dict:
    project = Project(source, theme, str(earlier) if earlier else None)
    assert project.validation.ok, [str(d) for d in project.validation.diagnostics]
    return project.context


@cache
def rendered(source: Path, fmt: str = "pdf", theme_dir: Path | None = None) -> bytes:
    theme = load_theme(source, theme_dir)
    return render.get(fmt).render(context_of(source, theme), theme)


def saved(tmp_path: Path, data: bytes, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def page_texts(path: Path, layout: bool = False, raw: bool = False) -> list[str]:
    """The text of every page (pdftotext separates pages with form feeds).

    `layout` keeps the lines as printed; `raw` keeps the order the PDF draws in (a table
    cell's lines stay together instead of interleaving with the next cell's).
    """
    mode = ["-layout"] if layout else ["-raw"] if raw else []
    text = run("pdftotext", *mode, path, "-")
    return text.split("\f")[:-1]


def page_count(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", path), re.M).group(1))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- the renderer's small parts ---------------------------------------------------------


def test_keepall_only_escapes_the_stylesheet_keeps_words_whole():
    """No span per word any more (2.6 × the layout time): `word-break: keep-all` in
    print.css keeps Korean words whole (tests/test_keep_all.py)."""
    assert keepall("불만은 <24시간> 안에 & OK a") == "불만은 &lt;24시간&gt; 안에 &amp; OK a"
    assert keepall(None) == ""
    assert keepall(Markup('<a href="#x">고객 응대</a> &amp; 팀')) == (
        '<a href="#x">고객 응대</a> &amp; 팀'
    )


def test_texts_names_items_by_section_id_and_field():
    found = dict(texts({"behaviour_types": [{"id": "loud", "do": ["a", "b"]}]}))
    assert found["behaviour_types/loud/do[1]"] == "a"
    assert found["behaviour_types/loud/do[2]"] == "b"


def test_bundled_fonts_have_a_licence_and_cover_korean():
    theme = load_theme(EXAMPLE)
    fonts = theme_fonts(theme)
    assert {f.name for f in fonts} >= {"NanumGothic.ttf", "NanumGothicBold.ttf"}
    assert "SIL Open Font License" in theme.read_text("fonts/OFL.txt")
    covered = font_coverage(fonts)
    assert all(ord(c) in covered for c in "가힣고객응대·…—→“”")


def test_coverage_is_the_same_with_harfbuzz_and_with_fonttools(monkeypatch):
    fonts = theme_fonts(load_theme(EXAMPLE))
    fast = font_coverage(fonts)
    monkeypatch.setattr(fonts_module, "_harfbuzz", lambda: None)
    slow = font_coverage(fonts)
    sample = [*range(0x20, 0x2200), *range(0xAC00, 0xAD00), 0x4E00, 0x1F600, 0x20000]
    assert [c in fast for c in sample] == [c in slow for c in sample]
    assert 0xAC00 in slow and 0x1F600 not in slow


def test_harfbuzz_hint_when_the_subsetter_is_missing(monkeypatch):
    monkeypatch.setattr(pdf_module, "harfbuzz_subset_missing", lambda: True)
    renderer = CardRenderer()
    renderer.render(context_of(EXAMPLE, load_theme(EXAMPLE)), load_theme(EXAMPLE))
    [hint] = [d for d in renderer.diagnostics if d.code == "W703"]
    assert hint.file == "cards.pdf" and hint.level == "warning"
    assert "libharfbuzz-subset0" in hint.hint("en") and "HarfBuzz" in hint.message("en")


# -- safe fetching ---------------------------------------------------------------------


def test_fetcher_serves_theme_files_and_refuses_the_rest(tmp_path):
    theme = load_theme(EXAMPLE)
    fetcher = ConfinedFetcher(theme, tmp_path)
    css = fetcher.fetch(fetcher.base_url + "print.css")
    assert css.content_type == "text/css" and b"@font-face" in css.read()
    (tmp_path / "logo.svg").write_text("<svg/>")
    assert fetcher.fetch((tmp_path / "logo.svg").as_uri()).read() == b"<svg/>"
    for url in (
        "file:///etc/passwd",
        "http://example.com/x.css",
        "https://example.com/",
        fetcher.base_url + "../../../../../../etc/passwd",
        "ftp://example.com/x",
        fetcher.base_url + "no-such-image.png",
    ):
        with pytest.raises(UserError):
            fetcher.fetch(url)


def test_a_refused_url_is_located_where_the_theme_writes_it(tmp_path):
    """Resolved as the engine resolves it: a relative URL is found too; a URL the file
    does not spell out (made by a template expression) is named without a place."""
    theme_dir = tmp_path / "theme"
    (theme_dir / "pdf").mkdir(parents=True)
    css = '@import "../!default/pdf/print.css";\n\nh1 {\n  background: url( "../../x/a.png" );\n}'
    (theme_dir / "pdf" / "print.css").write_text(css)
    (theme_dir / "pdf" / "manual.html.j2").write_text(
        '{% extends "!default/pdf/manual.html.j2" %}\n'
        "{% block cover %}<img src=\"{{ 'file:///etc/' ~ 'hosts' }}\">{% endblock %}\n"
    )
    fetcher = ConfinedFetcher(load_theme(EXAMPLE, theme_dir))
    with pytest.raises(DiagnosticError) as refused:
        fetcher.fetch(urljoin(fetcher.base_url, "../../x/a.png"))
    [found] = refused.value.diagnostics
    assert (found.code, found.file, found.line, found.column) == (
        "E702",
        str(theme_dir / "pdf" / "print.css"),
        4,
        21,
    )
    assert found.message("en").startswith("not allowed in a PDF: file://")
    with pytest.raises(DiagnosticError) as refused:
        fetcher.fetch("file:///etc/hosts")
    [found] = refused.value.diagnostics
    assert (found.code, found.line) == ("E702", None)
    assert found.message("en").startswith("not allowed in a PDF: file:///etc/hosts")


@pytest.mark.parametrize(
    "theme, code, at, named",
    [
        ("import-http", "E702", (1, 13), "http://example.com/evil.css"),
        ("file-url", "E702", (1, 24), "file:///etc/passwd"),
        ("import-loop", "E704", (None, None), "@import each other without end"),
    ],
)
def test_a_theme_that_fetches_outside_fails_the_build(tmp_path, theme, code, at, named):
    with pytest.raises(DiagnosticError, match=re.escape(named)) as raised:
        build(Project(EXAMPLE, THEMES / theme), ["pdf"], tmp_path / "out")
    [found] = raised.value.diagnostics
    where = str(THEMES / theme / "pdf" / "print.css")
    assert (found.code, found.file, found.line, found.column) == (code, where, *at)
    assert not (tmp_path / "out" / "manual.pdf").exists()


def test_attachments_are_refused(tmp_path):
    with pytest.raises(DiagnosticError, match="attachment") as raised:
        build(Project(EXAMPLE, THEMES / "attachment"), ["pdf"], tmp_path / "out")
    [found] = raised.value.diagnostics
    where = str(THEMES / "attachment" / "pdf" / "manual.html.j2")
    assert (found.code, found.file, found.line) == ("E705", where, None)
    assert not (tmp_path / "out" / "manual.pdf").exists()


def test_a_theme_file_the_stylesheet_names_but_the_theme_lacks(tmp_path):
    """A relative url() inside the theme that no folder of the search path holds: E703 at
    the url, with the theme's own words for why (the folders searched)."""
    theme_dir = tmp_path / "theme"
    (theme_dir / "pdf").mkdir(parents=True)
    (theme_dir / "pdf" / "print.css").write_text(
        '@import "../!default/pdf/print.css";\nh1 {\n  background: url(nothing.png);\n}\n'
    )
    with pytest.raises(DiagnosticError) as raised:
        build(Project(EXAMPLE, theme_dir), ["pdf"], tmp_path / "out")
    [found] = raised.value.diagnostics
    where = str(theme_dir / "pdf" / "print.css")
    assert (found.code, found.file, found.line, found.column) == ("E703", where, 3, 19)
    assert found.args["name"] == "pdf/nothing.png"
    assert "not found in the theme" in found.message("en")
    assert "테마에 pdf/nothing.png 파일이 없습니다" in found.message("ko")
    assert not (tmp_path / "out").exists()


def test_an_override_stylesheet_can_extend_the_default_one(tmp_path):
    theme = load_theme(EXAMPLE, THEMES / "extend-css")
    fetcher = ConfinedFetcher(theme)
    html = PdfRenderer().html(context_of(EXAMPLE, theme), theme, font_coverage(theme_fonts(theme)))
    document = PdfRenderer().layout(html, fetcher)
    assert any(url.endswith("/!default/pdf/print.css") for url in fetcher.fetched)
    assert any(url.endswith("/fonts/NanumGothic.ttf") for url in fetcher.fetched)
    boxes = [b for b in document.pages[1]._page_box.descendants() if b.element_tag == "h1"]
    assert boxes and all(b.style["color"][:3] == (200 / 255, 0, 0) for b in boxes)


@needs_poppler
def test_a_theme_that_replaces_the_cover_keeps_the_running_header_and_footer(tmp_path):
    pages = page_texts(saved(tmp_path, rendered(EXAMPLE, theme_dir=THEMES / "plain-cover")))
    assert "고객응대 매뉴얼" not in pages[0]  # the cover is the theme's
    for number, text in enumerate(pages[1:], start=2):
        assert "고객응대 매뉴얼" in text, number
        assert f"CS-MAN-001 · v1.0 · {number} / {len(pages)}" in text, number


def test_css_the_engine_ignores_is_reported_with_file_line_and_column():
    theme = load_theme(EXAMPLE, THEMES / "bad-css")
    renderer = PdfRenderer()
    renderer.render(context_of(EXAMPLE, theme), theme)
    where = str(THEMES / "bad-css" / "pdf" / "extra.css")
    ignored = [(d.code, d.file, d.line, d.column) for d in renderer.diagnostics]
    assert ignored == [("W701", where, 1, 8), ("W701", where, 2, 6)]
    assert "Ignored `colr: red`, unknown property." in renderer.diagnostics[0].message("en")


# -- missing glyphs (tofu) -------------------------------------------------------------


@pytest.mark.parametrize("char, code", [("😀", "U+1F600"), ("𠀀", "U+20000")])
def test_a_character_the_fonts_lack_fails_naming_it_and_the_item(tmp_path, char, code):
    text = EXAMPLE.read_text(encoding="utf-8")
    old = "- 목소리를 낮추고 말을 천천히 이어 갑니다."
    assert old in text
    source = tmp_path / "manual.yaml"
    source.write_text(
        text.replace(old, f"- 목소리를 낮추고 {char} 천천히 이어 갑니다."), encoding="utf-8"
    )
    with pytest.raises(UserError) as caught:
        build(Project(source), ["pdf"], tmp_path / "out")
    message = str(caught.value)
    assert code in message and char in message
    assert "behaviour_types/loud-complainer/do[1]" in message
    result = CliRunner().invoke(
        main, ["build", str(source), "--format", "pdf", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1 and code in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "written, at",
    [
        ("summary: 최초 작성 😀", "😀"),  # the character's own column
        ("summary: |-\n      최초 작성\n      그리고 😀", "😀"),  # in a block, lines below
        ('summary: "최초 작성 \\U0001F600"', '"최초'),  # an escape: the value's start
    ],
)
def test_a_missing_glyph_is_located_in_the_source_when_the_build_says_where_it_is(
    tmp_path, written, at
):
    text = EXAMPLE.read_text(encoding="utf-8")
    source = tmp_path / "manual.yaml"
    source.write_text(text.replace("summary: 최초 작성", written), "utf-8")
    lines = source.read_text("utf-8").splitlines()
    [line] = [n for n, t in enumerate(lines, 1) if at in t]
    column = lines[line - 1].index(at) + 1
    theme = load_theme(source)
    context = {**context_of(source, theme), "source_file": str(source)}
    with pytest.raises(DiagnosticError) as caught:
        PdfRenderer().render(context, theme)
    [missing] = caught.value.diagnostics
    assert (missing.code, missing.file, missing.line, missing.column) == (
        "E706",
        str(source),
        line,
        column,
    )
    assert "U+1F600 '😀'" in missing.message("en")
    assert "revisions/v1-0/summary" in missing.message("en")


def test_item_paths_map_to_the_raw_source():
    from csmanual.render.pdf.glyphs import _key_path

    data = {
        "behaviour_types": [{"id": "a"}, {"id": "loud", "do": ["x", "y"]}],
        "initial_response": {"flow": [{"id": "claim", "name": "n"}]},
    }
    assert _key_path(data, "behaviour_types/loud/do[2]") == ("behaviour_types", 1, "do", 1)
    assert _key_path(data, "initial_response/flow/claim/name") == (
        "initial_response",
        "flow",
        0,
        "name",
    )
    assert _key_path(data, "behaviour_types/loud/escalate_to_name") == ("behaviour_types", 1)


# -- what a reader sees -----------------------------------------------------------------


@needs_poppler
def test_every_font_is_embedded(tmp_path):
    for source, fmt in ((EXAMPLE, "pdf"), (EXAMPLE, "card"), (LONG, "pdf")):
        listing = run("pdffonts", saved(tmp_path, rendered(source, fmt))).splitlines()[2:]
        assert listing, "no fonts at all"
        for line in listing:
            assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line), line
            emb = line.split()[-5]
            assert emb == "yes", f"not embedded: {line}"
            assert "Nanum" in line, f"a font that is not the bundled one: {line}"


def sources_with_types() -> list:
    params = [pytest.param(EXAMPLE, id="example"), pytest.param(LONG, id="long")]
    reason = None
    if not SAMPLE.is_file():
        reason = "source/manual.yaml is not there yet"
    elif not validate_file(SAMPLE).ok:
        reason = "source/manual.yaml does not validate yet"
    params.append(
        pytest.param(
            SAMPLE, id="sample", marks=pytest.mark.skipif(reason is not None, reason=reason or "")
        )
    )
    return params


@needs_poppler
@pytest.mark.parametrize("source", sources_with_types())
def test_text_has_every_behaviour_type_and_claim_step(tmp_path, source):
    text = squeeze("".join(page_texts(saved(tmp_path, rendered(source)))))
    manual = validate_file(source).manual
    names = [t.name for t in manual.behaviour_types or ()]
    names += [s.name for s in manual.claim_steps or ()]
    assert names
    missing = [n for n in names if squeeze(n) not in text]
    assert not missing, f"not in the PDF text: {missing}"
    if source == SAMPLE:
        assert len(manual.behaviour_types) == 13 and len(manual.claim_steps) == 7


@needs_poppler
@pytest.mark.parametrize("source", sources_with_types())
def test_every_korean_text_of_the_source_can_be_found_in_the_pdf(tmp_path, source):
    """Searchable as written: each sentence comes back from pdftotext with its spaces."""
    text = " ".join("".join(page_texts(saved(tmp_path, rendered(source)), raw=True)).split())
    context = context_of(source, load_theme(source))
    wanted = [(where, " ".join(t.split())) for where, t in texts(context["manual"])]
    # settings hold templates of words (a title with {n}), printed only once filled in
    wanted = [(where, t) for where, t in wanted if not where.startswith("settings")]
    missing = [(where, t) for where, t in wanted if HANGUL.search(t) and t not in text]
    assert missing == []
    for section in context["sections"]:  # the titles as the manual sets them, {n} filled
        assert section["title"] in text


@needs_poppler
def test_metadata_tagging_and_language(tmp_path):
    path = saved(tmp_path, rendered(EXAMPLE))
    info = run("pdfinfo", path)
    assert re.search(r"^Title:\s+고객응대 매뉴얼$", info, re.M)
    assert re.search(r"^Author:\s+우리 회사 고객지원팀$", info, re.M)
    assert re.search(r"^Subject:\s+\S", info, re.M)
    assert re.search(r"^Keywords:\s+.*CS-MAN-001", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert "Jan 10" in info and "Jan 15" in info  # first revision, effective date: no clock
    xmp = run("pdfinfo", "-meta", path)
    assert "pdfuaid:part" in xmp and 'pdfuaid:part="1"' in xmp
    objects = pdf_objects(path.read_bytes())
    assert b"/Lang (ko)" in objects
    # what PDF/UA-1 asks of the document beyond tags: the title shown, content marked, and
    # every page's tab order following the structure
    assert b"/ViewerPreferences <</DisplayDocTitle true>>" in objects
    assert b"/MarkInfo <</Marked true>>" in objects
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))
    assert objects.count(b"/Tabs /S") == pages
    structure = run("pdfinfo", "-struct", path)
    for element in ("Document", "H1 (block)", "H2 (block)", "Table (block)", "L (block)"):
        assert element in structure, f"no {element} in the structure tree"


def pdf_objects(data: bytes) -> bytes:
    """The PDF with every Flate stream inflated (objects may sit in object streams)."""
    parts = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream[1]))
    return b"\n".join(parts)


@needs_poppler
def test_toc_page_numbers_are_the_pages_where_the_headings_land(tmp_path):
    pages = page_texts(saved(tmp_path, rendered(LONG)), layout=True)
    entries: list[tuple[str, int, int]] = []  # (title, page in the TOC, TOC page)
    for number, page in enumerate(pages, 1):
        for line in page.splitlines():
            found = re.match(r"^\s*(\S.*?)\s*(?:\.\s?){3,}\s*(\d+)\s*$", line)
            if found:
                entries.append((squeeze(found[1]), int(found[2]), number))
    manual = validate_file(LONG).manual
    sections = context_of(LONG, load_theme(LONG))["sections"]
    assert len(entries) == (
        len(sections)
        - 2  # approvals and revisions come before
        + len(manual.behaviour_types)
        + len(manual.claim_steps)
    )
    last_toc_page = max(p for _, _, p in entries)
    for title, claimed, _ in entries:
        landed = [
            n
            for n, page in enumerate(pages, 1)
            if n > last_toc_page and any(squeeze(line) == title for line in page.splitlines())
        ]
        assert landed, f"heading {title!r} not found on any page"
        assert landed[0] == claimed, f"{title}: contents say page {claimed}, it is on {landed[0]}"


def korean_words(source: Path, theme: Theme) -> set[str]:
    """Every word the PDF may show: source texts, labels, numbered step labels."""
    context = context_of(source, theme)
    words: set[str] = set()
    for _, text in texts({"manual": context["manual"], "labels": context["labels"]}):
        words.update(strip(w) for w in text.split())
    words.update(f"{n}{context['labels']['step']}" for n in range(1, 30))
    return words


def strip(word: str) -> str:
    return re.sub(r"^[^\w]+|[^\w]+$", "", word)


def split_words(path: Path, known: set[str]) -> list[str]:
    problems = []
    for number, page in enumerate(page_texts(path, layout=True), 1):
        for line in page.splitlines():
            for token in line.split():
                word = strip(token)
                if HANGUL.search(word) and word not in known:
                    problems.append(f"page {number}: {word!r} in {line.strip()!r}")
    return problems


@needs_poppler
@pytest.mark.parametrize("source", [p for p in sources_with_types() if p.id != "example"])
def test_no_line_ends_inside_a_korean_word_on_a_narrow_column(tmp_path, source):
    theme = THEMES / "narrow"
    path = saved(tmp_path, rendered(source, "pdf", theme))
    known = korean_words(source, load_theme(source, theme))
    assert page_count(path) > 40  # narrow: hundreds of line breaks
    assert split_words(path, known) == []


@needs_poppler
def test_the_word_check_catches_split_words_without_keep_all(tmp_path):
    """The same narrow page with `word-break: normal` splits Hangul words."""
    path = saved(tmp_path, rendered(EXAMPLE, "pdf", THEMES / "split"))
    assert split_words(path, korean_words(EXAMPLE, load_theme(EXAMPLE))) != []


# -- layout: rows, headings, cards kept whole ------------------------------------------


def boxes_by_page(source: Path, renderer=None, theme_dir: Path | None = None):
    """[(page number, element tag, element id, box)] of the laid-out document."""
    renderer = renderer or PdfRenderer()
    theme = load_theme(source, theme_dir)
    context = context_of(source, theme)
    covered = font_coverage(theme_fonts(theme))
    document = renderer.layout(renderer.html(context, theme, covered), ConfinedFetcher(theme))
    found = []

    def walk(box, number):
        element = getattr(box, "element", None)
        if element is not None and type(box).__name__ in ("BlockBox", "TableRowBox"):
            found.append((number, box.element_tag, element.get("id"), box))
        for child in getattr(box, "children", ()):
            walk(child, number)

    for number, page in enumerate(document.pages, 1):
        walk(page._page_box, number)
    return found, document


@pytest.fixture(scope="module")
def narrow_layout():
    return boxes_by_page(LONG, theme_dir=THEMES / "narrow")


@pytest.fixture(scope="module")
def a4_layout():
    return boxes_by_page(LONG)


def pages_of(boxes, wanted) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for number, tag, id_, _ in boxes:
        if id_ and wanted(tag, id_):
            found.setdefault(id_, set()).add(number)
    return found


def test_table_rows_are_never_split(narrow_layout):
    boxes, _ = narrow_layout
    rows = pages_of(boxes, lambda tag, _: tag == "tr")
    glossary = [i for i in rows if i.startswith("glossary-")]
    assert len(glossary) == 30
    assert {i: sorted(p) for i, p in rows.items() if len(p) > 1} == {}
    assert len(set().union(*(rows[i] for i in glossary))) > 3  # the table runs over pages


def test_behaviour_type_cards_are_kept_whole(a4_layout):
    boxes, _ = a4_layout
    cards = pages_of(boxes, lambda tag, id_: tag == "article")
    assert len(cards) == 13
    assert {i: sorted(p) for i, p in cards.items() if len(p) > 1} == {}
    assert len(set().union(*cards.values())) > 2  # they do fill several pages


def test_bookmarks_mirror_the_headings(a4_layout):
    _, document = a4_layout
    tree = document.make_bookmark_tree()  # [(label, (page, x, y), children, state)]
    labels = context_of(LONG, load_theme(LONG))["labels"]
    sections = [s["title"] for s in context_of(LONG, load_theme(LONG))["sections"]]
    top = [entry[0] for entry in tree]
    assert top == [labels["approvals"], labels["revisions"], labels["contents"]] + [
        t for t in sections if t not in (labels["approvals"], labels["revisions"])
    ]
    children = {entry[0]: [child[0] for child in entry[2]] for entry in tree}
    manual = validate_file(LONG).manual
    assert children[labels["behaviour_types"]] == [t.name for t in manual.behaviour_types]
    assert children[labels["claim_steps"]] == [
        f"{s.number}{labels['step']} {s.name}" for s in manual.claim_steps
    ]
    pages = [entry[1][0] for entry in tree]
    assert pages == sorted(pages)


@pytest.mark.parametrize("layout", ["a4_layout", "narrow_layout"])
def test_no_heading_is_the_last_thing_on_a_page(request, layout):
    boxes, document = request.getfixturevalue(layout)
    last: dict[int, str] = {}
    for number, tag, _, _ in boxes:
        if tag in ("h1", "h2", "h3", "p", "li", "tr", "dd", "dt"):
            last[number] = tag
    stranded = {
        n: tag for n, tag in last.items() if tag in ("h1", "h2", "h3") and n < len(document.pages)
    }
    assert stranded == {}


# -- reproducibility --------------------------------------------------------------------


NO_SYSTEM_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


@pytest.mark.slow
def test_the_same_inputs_give_the_same_bytes(tmp_path):
    """Twice in one process, then in other time zones and with no system font at all."""
    first = rendered(EXAMPLE)
    theme = load_theme(EXAMPLE)
    again = PdfRenderer().render(context_of(EXAMPLE, theme), theme)
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(again).hexdigest()
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text(NO_SYSTEM_FONTS.format(cache=tmp_path / "fc-cache"))
    digests = set()
    for name, env in [
        ("seoul", {"TZ": "Asia/Seoul"}),
        ("no-fonts", {"TZ": "America/Los_Angeles", "FONTCONFIG_FILE": str(fonts_conf)}),
    ]:
        out = tmp_path / name
        command = ["build", str(EXAMPLE), "--format", "pdf,card", "--out", str(out), "--force"]
        subprocess.run(
            [sys.executable, "-m", "csmanual", *command],
            check=True,
            env={**os.environ, **env},
            capture_output=True,
        )
        digests.add(
            (
                hashlib.sha256((out / "manual.pdf").read_bytes()).hexdigest(),
                hashlib.sha256((out / "cards.pdf").read_bytes()).hexdigest(),
            )
        )
    assert len(digests) == 1
    assert digests.pop()[0] == hashlib.sha256(first).hexdigest()


# -- desk cards -------------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize("source", sources_with_types())
def test_cards_have_one_a6_page_per_behaviour_type(tmp_path, source):
    path = saved(tmp_path, rendered(source, "card"))
    types = validate_file(source).manual.behaviour_types
    assert page_count(path) == len(types)
    assert "297.638 x 419.528 pts" in run("pdfinfo", path)  # A6
    for page, t in zip(page_texts(path), types, strict=True):
        assert squeeze(t.name) in squeeze(page)


def long_card_source(tmp_path: Path, items: int) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    old = "    do:\n      - 목소리를 낮추고 말을 천천히 이어 갑니다.\n"
    assert old in text
    many = "".join(
        f"      - {n}번째 응대 방법으로 고객의 이야기를 끝까지 듣고 정리합니다.\n"
        for n in range(1, items + 1)
    )
    source = tmp_path / "manual.yaml"
    source.write_text(text.replace(old, "    do:\n" + many), encoding="utf-8")
    return source


def _line_of(source: Path, item: str) -> int:
    lines = source.read_text("utf-8").splitlines()
    return next(n for n, t in enumerate(lines, 1) if f"id: {item}" in t)


@pytest.mark.parametrize("items, pages, dense, warned", [(21, 1, True, False), (40, 2, True, True)])
def test_a_long_card_is_set_denser_or_named(tmp_path, monkeypatch, items, pages, dense, warned):
    source = long_card_source(tmp_path, items)
    theme = load_theme(source)
    renderer = CardRenderer()
    passes = []
    html = renderer.html
    monkeypatch.setattr(
        renderer, "html", lambda *a, **k: passes.append(k["dense"]) or html(*a, **k)
    )
    data = renderer.render(context_of(source, theme), theme)
    assert (["loud-complainer"] in passes) == dense
    long = [d for d in renderer.diagnostics if d.code == "W704"]
    assert [d.args["card"] for d in long] == (["loud-complainer"] if warned else [])
    assert all((d.file, d.line) == (str(source), _line_of(source, "loud-complainer")) for d in long)
    if POPPLER:
        assert page_count(saved(tmp_path, data)) == pages


# -- change bars ------------------------------------------------------------------------


def test_changed_items_get_a_change_bar(tmp_path):
    earlier = tmp_path / "earlier.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    earlier.write_text(
        text.replace("목소리가 커지고 감정이 앞섭니다.", "목소리가 커집니다."), encoding="utf-8"
    )
    theme = load_theme(EXAMPLE)
    context = context_of(EXAMPLE, theme, earlier)
    assert context["changes"]["items"]["behaviour_types"] == {"loud-complainer": "changed"}
    renderer = PdfRenderer()
    html = renderer.html(context, theme, font_coverage(theme_fonts(theme)))
    assert re.search(r'class="type-card changed" id="behaviour_types-loud-complainer"', html)
    assert html.count(' changed"') == 1  # that one item only
    if not POPPLER:
        return
    path = saved(tmp_path, renderer.render(context, theme))

    def card_page(pdf: Path) -> int:  # the card's page, not the change summary's
        [page] = [
            n
            for n, t in enumerate(page_texts(pdf), 1)
            if "큰 소리로 항의하는 고객" in t and "특징" in t and "변경 요약" not in t
        ]
        return page

    width, height, pixels = ppm(path, card_page(path), gray=False)
    bar = [(x, y) for y in range(height) for x in range(width // 8) if _orange(pixels, width, x, y)]
    assert len(bar) > 20, "no change bar in the left margin"
    plain = saved(tmp_path, rendered(EXAMPLE), "plain.pdf")
    width, height, pixels = ppm(plain, card_page(plain), gray=False)
    assert not any(_orange(pixels, width, x, y) for y in range(height) for x in range(width // 8))


def test_changed_fields_of_single_sections_and_stages_get_a_bar_too(tmp_path):
    earlier = tmp_path / "earlier.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in [
        ("고객 응대의 기준을 하나로", "고객 응대 기준을 하나로"),  # purpose.summary
        ("name: 신속", "name: 빠른 응답"),  # a point of the initial response
    ]:
        assert old in text
        text = text.replace(old, new)
    earlier.write_text(text, encoding="utf-8")
    theme = load_theme(EXAMPLE)
    context = context_of(EXAMPLE, theme, earlier)
    html = PdfRenderer().html(context, theme, font_coverage(theme_fonts(theme)))
    assert re.search(r'<p class="changed">고객 응대의', html)
    assert re.search(r'<li class="changed"><strong>신속', html)
    assert html.count('class="changed"') == 2  # the summary page's rows are change-changed


def _orange(pixels: bytes, width: int, x: int, y: int) -> bool:
    r, g, b = pixels[3 * (y * width + x) : 3 * (y * width + x) + 3]
    return r > 170 and g < 130 and b < 90


# -- golden images: the cover and one content page --------------------------------------


def ppm(path: Path, page: int, gray: bool = True, dpi: int = 40) -> tuple[int, int, bytes]:
    """One page as raw pixels from pdftoppm (PGM or PPM: a tiny header, then bytes)."""
    args = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page)]
    data = subprocess.run(
        [*args, *(["-gray"] if gray else []), str(path)], check=True, capture_output=True
    ).stdout
    return parse_pnm(data)


def parse_pnm(data: bytes) -> tuple[int, int, bytes]:
    fields, position = [], 0
    while len(fields) < 4:
        while data[position : position + 1].isspace():
            position += 1
        if data[position : position + 1] == b"#":
            position = data.index(b"\n", position)
            continue
        end = position
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    assert fields[0] in (b"P5", b"P6") and int(fields[3]) == 255
    return int(fields[1]), int(fields[2]), data[position + 1 :]


def mean_difference(a: bytes, b: bytes) -> float:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / max(len(a), 1)


@needs_poppler
@pytest.mark.slow
@pytest.mark.golden
@pytest.mark.parametrize("name, page", [("cover", 1), ("content", 4)])
def test_pages_look_like_their_golden_images(tmp_path, name, page):
    path = saved(tmp_path, rendered(EXAMPLE))
    width, height, pixels = ppm(path, page)
    golden = goldens.path(f"pdf/{name}.pgm")
    if goldens.updating():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(b"P5\n%d %d\n255\n" % (width, height) + pixels)
        return
    assert golden.is_file(), f"no golden image {golden}: run `make golden` and look at it"
    g_width, g_height, expected = parse_pnm(golden.read_bytes())
    assert (width, height) == (g_width, g_height)
    # Anti-aliasing may differ a little between poppler builds; a moved word or a changed
    # column width is ~0.5/255 on average over a mostly white page, so the bar is lower.
    difference = mean_difference(pixels, expected)
    assert difference < 0.3, f"{name} page differs from its golden image by {difference:.2f}/255"


def test_a_pdf_engine_that_cannot_start_names_the_packages_to_install(monkeypatch):
    import sys

    from csmanual import render

    # as when Pango cannot be loaded: importing WeasyPrint fails, and with it our renderer
    for module in [m for m in sys.modules if m.split(".")[0] == "weasyprint"] + ["weasyprint"]:
        monkeypatch.setitem(sys.modules, module, None)
    for module in [m for m in sys.modules if m.startswith("csmanual.render.pdf")]:
        monkeypatch.delitem(sys.modules, module)
    for name in ("pdf", "card"):
        with pytest.raises(UserError, match=r"cannot start .*apt-get install libpango-1\.0-0"):
            render.get(name)
