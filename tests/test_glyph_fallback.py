"""What the stylesheet generates (list bullets, counters, quotes, `content:` strings) must be
drawn by the theme's fonts too: a font of the build machine in the PDF (WeasyPrint falls
back to DejaVu for a bullet NanumSquareRound lacks) stops the build, with the characters,
the fonts that lack them and the font that would have drawn them (E745).

The bundled fonts (NanumGothic, Noto Sans) are loaded for every PDF since theme.yaml names
them, and the engine falls back on them first: a disc '•' NanumSquareRound lacks is drawn
by NanumGothic. The tests use a square '▪' (U+25AA), which none of the three has."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual.cli import main
from csmanual.diagnostics import DiagnosticError
from csmanual.project import Project

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
ROUND = [Path(f"/usr/share/fonts/truetype/nanum/NanumSquareRound{w}.ttf") for w in "RB"]

needs_round = pytest.mark.skipif(
    not all(p.is_file() for p in ROUND), reason="fonts-nanum (NanumSquareRound) not installed"
)


def round_theme(folder: Path, extra_css: str = "") -> Path:
    """A theme set in NanumSquareRound only: its print.css replaces the default one and
    marks lists with a square, which no font of the theme has."""
    (folder / "fonts").mkdir(parents=True)
    (folder / "pdf").mkdir()
    for path in ROUND:
        shutil.copy(path, folder / "fonts" / path.name)
    (folder / "pdf" / "print.css").write_text(
        '@font-face { font-family: "Round"; src: url(../fonts/NanumSquareRoundR.ttf); }\n'
        '@font-face { font-family: "Round"; src: url(../fonts/NanumSquareRoundB.ttf);'
        " font-weight: 700; }\n"
        'html { font-family: "Round"; }\n'
        "ul { list-style-type: square; }\n" + extra_css,
        encoding="utf-8",
    )
    return folder


@needs_round
@pytest.mark.slow
def test_a_list_bullet_the_theme_fonts_lack_stops_the_pdf(tmp_path: Path):
    theme = round_theme(tmp_path / "theme")
    project = Project(EXAMPLE, theme)
    with pytest.raises(DiagnosticError) as caught:
        project.render("pdf")
    [found] = [d for d in caught.value.diagnostics if d.code == "E745"]
    english = found.message("en")
    assert "U+25AA '▪'" in english, english
    assert "Round" in english  # the theme's font that lacks it
    assert found.file.endswith("print.css")  # the stylesheet that set the font
    assert "list-style: square" in found.hint("en")  # what generates it, and what to do


@needs_round
@pytest.mark.slow
def test_a_content_string_is_located_in_the_stylesheet(tmp_path: Path):
    css = 'li { list-style: none; }\nh3::before { content: "✔ "; }\n'
    theme = round_theme(tmp_path / "theme", css)
    with pytest.raises(DiagnosticError) as caught:
        Project(EXAMPLE, theme).render("card")
    [found] = [d for d in caught.value.diagnostics if d.code == "E745"]
    assert "U+2714 '✔'" in found.message("en")
    css = (theme / "pdf" / "print.css").read_text("utf-8").splitlines()
    [line] = [n for n, text in enumerate(css, 1) if "✔" in text]
    assert (found.file, found.line) == (str(theme / "pdf" / "print.css"), line)


@needs_round
@pytest.mark.slow
def test_check_theme_no_longer_says_ok_for_it(tmp_path: Path):
    theme = round_theme(tmp_path / "theme")
    result = CliRunner().invoke(
        main, ["check-theme", str(EXAMPLE), "--theme", str(theme), "--format", "pdf"]
    )
    assert result.exit_code == 1, result.output
    assert "pdf: ok" not in result.output and "E745" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_the_default_theme_draws_everything_with_its_own_fonts(tmp_path: Path):
    for example in ("manual.ko.yaml", "manual.en.yaml"):
        project = Project(EXAMPLE.with_name(example))
        for name in ("pdf", "card"):
            assert not [d for d in project.render(name).diagnostics if d.code == "E745"]


@pytest.mark.slow
def test_a_generated_character_no_font_has_is_an_empty_box_e746(tmp_path: Path):
    """No font anywhere draws a private-use character: the engine prints an empty box
    (glyph 0) in the theme's own font, which no comparison of font files would notice."""
    theme = tmp_path / "theme"
    (theme / "pdf").mkdir(parents=True)
    (theme / "pdf" / "print.css").write_text(
        '@import "../!default/pdf/print.css";\nh1::after { content: " \U0010fffd"; }\n',
        encoding="utf-8",
    )
    with pytest.raises(DiagnosticError) as caught:
        Project(EXAMPLE, theme).render("pdf")
    [found] = [d for d in caught.value.diagnostics if d.code == "E746"]
    assert "U+10FFFD" in found.message("en")
    assert (found.file, found.line) == (str(theme / "pdf" / "print.css"), 2)
