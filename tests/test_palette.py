"""One theme setting for every format: theme.yaml's `palette:` and `fonts:` reach the HTML
page, the PDF, the cards and the deck's master; a format's own file may still override
them; a value csmanual cannot use is named at its theme.yaml line (E740–E743)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual.cli import main
from csmanual.diagnostics import DiagnosticError
from csmanual.palette import css
from csmanual.project import Project
from csmanual.render.pptx.master import apply_to_master
from csmanual.theme import Theme, default_theme_dir

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
ROUND = [Path(f"/usr/share/fonts/truetype/nanum/NanumSquareRound{w}.ttf") for w in "RB"]
BRAND = "#8a1538"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def pdf_streams(data: bytes) -> list[bytes]:
    """The PDF's streams inflated: the pages' content and the object streams."""
    found = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            found.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return found


def pdf_colours(data: bytes) -> set[tuple[int, int, int]]:
    """Every fill and stroke colour the PDF's content streams set, as 0–255 RGB."""
    found = set()
    for text in pdf_streams(data):
        for rgb in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (?:rg|RG)\b", text):
            found.add(tuple(round(float(v) * 255) for v in rgb))
    return found


def pdf_font_names(data: bytes) -> set[str]:
    """The embedded fonts' names, subset prefix left out (`CS-NanumGothic-Bold`)."""
    pattern = rb"/BaseFont\s*/[A-Z]{6}\+([\w-]+)"
    return {m.decode() for text in pdf_streams(data) for m in re.findall(pattern, text)}


def deck_theme(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        [name] = [n for n in deck.namelist() if re.fullmatch(r"ppt/theme/theme\d+\.xml", n)][:1]
        return deck.read(name).decode()


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.slow
@pytest.mark.skipif(not all(p.is_file() for p in ROUND), reason="fonts-nanum not installed")
def test_one_primary_colour_and_heading_font_reach_every_format(tmp_path: Path):
    theme = tmp_path / "brand"
    for path in ROUND:
        (theme / "fonts").mkdir(parents=True, exist_ok=True)
        shutil.copy(path, theme / "fonts" / path.name)
    write(
        theme / "theme.yaml",
        f'palette:\n  primary: "{BRAND}"\nfonts:\n  heading: {{korean: NanumSquareRound}}\n',
    )
    project = Project(EXAMPLE, theme)

    page = project.render("html").data.decode()
    assert f"--palette-primary: {BRAND};" in page
    assert "--accent: var(--palette-primary)" in page  # what the headings and links use
    assert re.search(r'--font-heading: "NanumSquareRound", "Noto Sans KR"', page)

    for name in ("pdf", "card"):
        data = project.render(name).data
        assert rgb(BRAND) in pdf_colours(data), name  # the headings, in the brand colour
        assert rgb("#1f5f99") not in pdf_colours(data), name  # the default print blue is gone
        assert "CS-NanumSquareRound-Bold" in pdf_font_names(data), name  # bold headings

    xml = deck_theme(project.render("pptx").data)
    assert '<a:accent1><a:srgbClr val="8A1538"/></a:accent1>' in xml
    assert '<a:hlink><a:srgbClr val="8A1538"/></a:hlink>' in xml
    major = re.search(r"<a:majorFont>.*?</a:majorFont>", xml).group(0)
    minor = re.search(r"<a:minorFont>.*?</a:minorFont>", xml).group(0)
    assert '<a:ea typeface="NanumSquareRound"/>' in major  # headings: the major font
    assert '<a:font script="Hang" typeface="NanumSquareRound"/>' in major
    assert '<a:ea typeface="NanumGothic"/>' in minor  # the body keeps the default


def test_the_default_palette_is_each_formats_look_as_it_was():
    """Without a theme of one's own, every format keeps its tuned colours and fonts: the
    default theme.yaml says what the stylesheets and the master said before."""
    theme = Theme.locate()
    look = theme.look()
    html, pdf = css(look, "html", "ko", theme), css(look, "pdf", "en", theme)
    assert "--palette-primary: #1d4f91;" in html and "--palette-muted: #4a5561;" in html
    assert "--palette-primary: #1f5f99;" in pdf and "--palette-border: #c9d1da;" in pdf
    assert '--font-body: "CS Noto Sans", "CS NanumGothic", sans-serif;' in pdf  # English
    assert '--font-body: "CS NanumGothic", "CS Noto Sans", sans-serif;' in css(
        look, "card", "ko", theme
    )
    master = (default_theme_dir() / "pptx" / "master.pptx").read_bytes()
    # the default master and the default theme.yaml are one folder: the master is kept
    assert apply_to_master(master, look, len(theme.folders) - 1) == master
    xml = deck_theme(apply_to_master(master, look, len(theme.folders)))  # as if rewritten
    for slot, value in (("accent1", "2A6F97"), ("dk2", "1F3A5F"), ("lt2", "EEF2F6")):
        assert f'<a:{slot}><a:srgbClr val="{value}"/></a:{slot}>' in xml


def test_a_formats_own_file_still_wins(tmp_path: Path):
    """A stylesheet rule comes after the palette; a master in the same theme folder as the
    palette keeps its own colours."""
    theme = tmp_path / "brand"
    write(theme / "theme.yaml", f'palette:\n  primary: "{BRAND}"\n')
    write(
        theme / "html" / "manual.html.j2",
        '{% extends "!default/html/manual.html.j2" %}\n'
        "{% block styles %}{{ super() }}\n:root { --accent: #123456; }\n{% endblock %}\n",
    )
    page = Project(EXAMPLE, theme).render("html").data.decode()
    assert page.index(f"--palette-primary: {BRAND};") < page.index("--accent: #123456;")

    (theme / "pptx").mkdir()
    shutil.copy(default_theme_dir() / "pptx" / "master.pptx", theme / "pptx" / "master.pptx")
    xml = deck_theme(Project(EXAMPLE, theme).render("pptx").data)
    assert '<a:accent1><a:srgbClr val="2A6F97"/></a:accent1>' in xml  # the master's own


@pytest.mark.parametrize(
    "yaml, code, at, said",
    [
        ("palette:\n  primary: #8a1538\n", "E740", (2, 11), "'#8a1538'"),  # a YAML comment
        ('palette:\n  pdf:\n    muted: "grey"\n', "E740", (3, 12), "grey"),
        ("fonts:\n  body: {korean: Nanum Gothik}\n", "E741", (2, 18), "NanumGothic"),
        ('palette:\n  primery: "#8a1538"\n', "E742", (2, 3), "'primary'"),
        ("palete:\n  primary: '#8a1538'\n", "E742", (1, 1), "'palette'"),
        ("fonts:\n  heading: {korean: 12}\n", "E743", (2, 21), "fonts.heading.korean"),
    ],
)
def test_a_value_csmanual_cannot_use_is_named_at_its_line(tmp_path, yaml, code, at, said):
    theme = tmp_path / "brand"
    path = write(theme / "theme.yaml", yaml)
    with pytest.raises(DiagnosticError) as caught:
        Project(EXAMPLE, theme).render("pdf")
    [found] = caught.value.diagnostics
    assert (found.code, found.file, found.line, found.column) == (code, str(path), *at)
    assert said in found.message("en") + found.hint("en")
    assert found.message("ko") != found.message("en") and found.hint("ko")

    result = CliRunner().invoke(
        main,
        [
            "build",
            str(EXAMPLE),
            "--theme",
            str(theme),
            "--format",
            "html,pdf",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 1 and f"error[{code}]" in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "manual.html").exists()


def test_check_theme_and_serve_name_a_wrong_colour_at_its_line(tmp_path: Path):
    from csmanual.serve import Preview, terminal_news

    theme = tmp_path / "brand"
    path = write(theme / "theme.yaml", "palette:\n  primary: #8a1538\n")
    result = CliRunner().invoke(
        main, ["check-theme", str(EXAMPLE), "--theme", str(theme), "--format", "html,pptx"]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "html: FAILED" in result.output and "pptx: FAILED" in result.output
    assert f"{path}:2:11: error[E740]" in result.output, result.output

    preview = Preview(str(EXAMPLE), str(theme))
    assert preview.refresh_if_changed() == "error"
    assert "E740" in preview.page.decode()
    assert f"{path}:2:11: error[E740]" in terminal_news("built", "error", preview)


def test_a_font_found_nowhere_is_a_warning_at_its_line(tmp_path: Path):
    """The page and the deck name fonts of the reader's machine: a name neither the theme
    nor this machine has is most likely misspelt (W740), said once, at theme.yaml."""
    theme = tmp_path / "brand"
    path = write(theme / "theme.yaml", "fonts:\n  heading: {korean: NanumGothik Round}\n")
    project = Project(EXAMPLE, theme)
    for name in ("html", "pptx"):
        found = project.render(name).diagnostics
        [warning] = [d for d in found if d.code == "W740"]
        assert (warning.file, warning.line, warning.column) == (str(path), 2, 21), name
        assert "NanumGothik Round" in warning.message("en")
        assert "the closest: 'NanumGothic'" in warning.hint("en")  # as the font spells it
        assert not [d for d in found if d.code == "W707"]  # not again, at the master
    assert not Project(EXAMPLE).render("html").diagnostics  # the default theme's names


def test_the_default_themes_names_are_not_checked_behind_a_folder_without_theme_yaml(
    tmp_path: Path,
):
    """A project's templates/ without a theme.yaml (what `init` makes) sits in front of
    the default theme: the default's HTML font stack (Segoe UI, Arial …, the readers'
    fonts) is still the default's, never a designer's misspelling (W740 on every build
    of a new project, and `--strict` refused them all)."""
    (tmp_path / "templates").mkdir()
    source = tmp_path / "source" / "manual.yaml"
    source.parent.mkdir()
    shutil.copy(EXAMPLE, source)
    project = Project(source, tmp_path / "templates")
    assert len(project.theme.folders) == 2
    assert not [d for d in project.render("html").diagnostics if d.code == "W740"]


# --- the office editions: DOCX and HWPX --------------------------------------------------

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HH_NS = "{http://www.hancom.co.kr/hwpml/2011/head}"


def office_part(data: bytes, name: str):
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def docx_style(data: bytes, style_id: str) -> tuple[str | None, str | None, str | None]:
    """(colour, East Asian face, Latin face) a style of the DOCX's styles.xml says itself."""
    styles = office_part(data, "word/styles.xml")
    style = styles.find(f"{W_NS}style[@{W_NS}styleId='{style_id}']")
    colour, fonts = style.find(f"{W_NS}rPr/{W_NS}color"), style.find(f"{W_NS}rPr/{W_NS}rFonts")
    return (
        colour.get(f"{W_NS}val") if colour is not None else None,
        fonts.get(f"{W_NS}eastAsia") if fonts is not None else None,
        fonts.get(f"{W_NS}ascii") if fonts is not None else None,
    )


def hwpx_style(data: bytes, english: str) -> tuple[str, str, str]:
    """(text colour, Hangul face, Latin face) of the char shape a style of the HWPX's
    header.xml uses."""
    header = office_part(data, "Contents/header.xml")
    style = header.find(f".//{HH_NS}style[@engName='{english}']")
    char = header.find(f".//{HH_NS}charPr[@id='{style.get('charPrIDRef')}']")
    ref = char.find(f"{HH_NS}fontRef")

    def face(lang: str, key: str) -> str:
        fonts = header.find(f".//{HH_NS}fontface[@lang='{lang}']")
        return fonts.find(f"{HH_NS}font[@id='{ref.get(key)}']").get("face")

    return char.get("textColor"), face("HANGUL", "hangul"), face("LATIN", "latin")


def test_the_palette_and_heading_font_reach_the_office_editions(tmp_path: Path):
    """A designer's primary colour and heading face are set in the default reference
    documents' heading styles; the body keeps the default's."""
    theme = tmp_path / "brand"
    write(
        theme / "theme.yaml",
        f'palette:\n  primary: "{BRAND}"\n'
        "fonts:\n  heading: {korean: NanumSquareRound, latin: Noto Serif}\n",
    )
    project = Project(EXAMPLE, theme)

    docx = project.render("docx").data
    assert docx_style(docx, "Heading1") == ("8A1538", "NanumSquareRound", "Noto Serif")
    assert docx_style(docx, "Heading2")[:2] == ("8A1538", "NanumSquareRound")
    assert docx_style(docx, "BodyText") == (None, None, None)  # the defaults' body face
    defaults = office_part(docx, "word/styles.xml").find(f".//{W_NS}rPrDefault//{W_NS}rFonts")
    assert defaults.get(f"{W_NS}eastAsia") == "NanumGothic"

    hwpx = project.render("hwpx").data
    assert hwpx_style(hwpx, "Heading 1") == ("#8A1538", "NanumSquareRound", "Noto Serif")
    assert hwpx_style(hwpx, "Body Text") == ("#222222", "나눔고딕", "나눔고딕")
    from hwpx.tools.validator import validate_document

    (tmp_path / "manual.hwpx").write_bytes(hwpx)  # the added faces are valid OWPML
    assert not validate_document(tmp_path / "manual.hwpx").issues


def test_a_designers_own_reference_keeps_its_look(tmp_path: Path):
    """A reference document in the same theme folder as the palette keeps its own heading
    colour and faces, as a master there keeps its own."""
    theme = tmp_path / "brand"
    write(
        theme / "theme.yaml",
        f'palette:\n  primary: "{BRAND}"\nfonts:\n  heading: {{korean: NanumSquareRound}}\n',
    )
    for name in ("docx/reference.docx", "hwpx/reference.hwpx"):
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(default_theme_dir() / name, theme / name)
    project = Project(EXAMPLE, theme)
    assert docx_style(project.render("docx").data, "Heading1") == ("1F3864", None, None)
    colour, hangul, _ = hwpx_style(project.render("hwpx").data, "Heading 1")
    assert (colour, hangul) != ("#8A1538", "NanumSquareRound")
    default = hwpx_style(Project(EXAMPLE).render("hwpx").data, "Heading 1")
    assert (colour, hangul) == default[:2]


def test_each_office_edition_has_its_own_palette_entry(tmp_path: Path):
    """`palette: {docx: …}` beats the shared value for Word only, as `pdf:` does for print."""
    theme = tmp_path / "brand"
    write(theme / "theme.yaml", f'palette:\n  primary: "{BRAND}"\n  docx: {{primary: "#123456"}}\n')
    project = Project(EXAMPLE, theme)
    assert docx_style(project.render("docx").data, "Heading1")[0] == "123456"
    assert hwpx_style(project.render("hwpx").data, "Heading 1")[0] == "#8A1538"
