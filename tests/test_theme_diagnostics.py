"""Theme and renderer problems that no other test shows: each one triggered for real and
asserted by its code and its place (file:line:col where it has one).

The rest are asserted beside their subject: E702–E705 in test_pdf.py, E709–E713 in
test_pptx.py, E750–E756 in test_theme.py, W750 in test_check_theme.py, and the hostile
themes through the CLI in tests/adversarial (NOT_A_FIXTURE in test_rules.py lists them).
"""

from __future__ import annotations

import os
import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual import isolation
from csmanual.build import build
from csmanual.cli import main
from csmanual.diagnostics import DiagnosticError
from csmanual.project import Project
from csmanual.render.pdf import CardRenderer, PdfRenderer
from csmanual.render.pptx import PptxRenderer
from csmanual.render.pptx import measure as measure_module
from csmanual.theme import Theme

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def patched(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = EXAMPLE.read_text("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return write(tmp_path / "manual.yaml", text)


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


# --- W701: --strict on a renderer warning, through the CLI -----------------------------------


def _ignored_css_theme(tmp_path: Path, first_line: str) -> Path:
    """A print.css with a property WeasyPrint does not know, on its line 2."""
    theme = tmp_path / "theme"
    write(theme / "pdf" / "print.css", f"{first_line}\nbody {{ colr: red; }}\n")
    return theme


@pytest.mark.parametrize(
    "first_line",
    [
        "/* a designer's own print sheet */",
        '@import "../!default/pdf/print.css";',  # the import is fetched before line 2
    ],
    ids=["own-sheet", "extends-the-default"],
)
def test_a_renderer_warning_is_printed_and_strict_makes_it_stop_the_build(tmp_path, first_line):
    theme = _ignored_css_theme(tmp_path, first_line)
    where = f"{theme / 'pdf' / 'print.css'}:2:8"
    runner = CliRunner()

    def run(out: Path, *extra: str):
        args = ["build", str(EXAMPLE), "--format", "pdf", "--theme", str(theme)]
        return runner.invoke(main, [*args, "--out", str(out), *extra])

    strict = run(tmp_path / "strict", "--strict")
    assert strict.exit_code == 1, strict.output
    # said as the warning it is (or promoted to an error), at its place
    assert re.search(rf"^{re.escape(where)}: (warning|error)\[W701\] ", strict.output, re.M), (
        strict.output
    )
    assert "colr" in strict.output and "Traceback" not in strict.output
    assert not (tmp_path / "strict" / "manual.pdf").exists()
    assert not (tmp_path / "strict" / "manifest.json").exists()

    plain = run(tmp_path / "plain")
    assert plain.exit_code == 0, plain.output
    assert f"{where}: warning[W701] " in plain.output
    assert (tmp_path / "plain" / "manual.pdf").is_file()


# --- the PDF ---------------------------------------------------------------------------------


def test_an_engine_warning_without_a_position_is_w702(tmp_path):
    theme_dir = tmp_path / "theme"
    template = write(
        theme_dir / "pdf" / "manual.html.j2",
        '{% extends "!default/pdf/manual.html.j2" %}{% block styles %}{{ super() }}'
        '<link rel="stylesheet" href="grid.css">{% endblock %}',
    )
    write(theme_dir / "pdf" / "grid.css", ".cover { display: inline-grid; }\n")
    project = Project(EXAMPLE, theme_dir)
    renderer = PdfRenderer()
    assert renderer.render(project.context, project.theme).startswith(b"%PDF")
    [found] = [d for d in renderer.diagnostics if d.code == "W702"]
    assert (found.file, found.line, found.level) == (str(template), None, "warning")
    assert found.args["problem"] == "Inline grids are not supported"
    assert found.message("ko").startswith("PDF 엔진이 경고했습니다: ")


def test_text_beyond_the_paper_is_w711(tmp_path):
    theme_dir = tmp_path / "theme"
    write(
        theme_dir / "pdf" / "print.css",
        '@import "../!default/pdf/print.css";\nh1 { white-space: nowrap; font-size: 90pt; }\n',
    )
    project = Project(EXAMPLE, theme_dir)
    renderer = PdfRenderer()
    renderer.render(project.context, project.theme)
    beyond = [d for d in renderer.diagnostics if d.code == "W711"]
    assert beyond and all(
        (d.file, d.line, d.level) == ("manual.pdf", None, "warning") for d in beyond
    )
    assert all(isinstance(d.args["page"], int) and d.args["text"] for d in beyond)
    assert "{" not in beyond[0].message("ko") + beyond[0].message("en")


def test_cards_without_behaviour_types_are_e707(tmp_path):
    text = EXAMPLE.read_text("utf-8").splitlines(keepends=True)
    start = next(n for n, line in enumerate(text) if line.startswith("behaviour_types:"))
    end = next(n for n in range(start + 1, len(text)) if text[n][:1] not in (" ", "\n", "#", "-"))
    source = write(
        tmp_path / "manual.yaml",
        "".join(text[:start] + text[end:]) + "settings:\n  required_sections: []\n",
    )
    project = Project(source)
    assert project.validation.ok, project.validation.diagnostics
    with pytest.raises(DiagnosticError) as raised:
        build(project, ["card"], tmp_path / "out")
    [found] = raised.value.diagnostics
    assert (found.code, found.file, found.line) == ("E707", str(source), None)
    assert not (tmp_path / "out").exists()
    with pytest.raises(DiagnosticError) as raised:  # the renderer itself, in this process
        CardRenderer().render({**project.context, "source_file": str(source)}, project.theme)
    assert [d.code for d in raised.value.diagnostics] == ["E707"]


def test_a_broken_font_in_the_theme_is_e708_at_the_font(tmp_path):
    theme_dir = tmp_path / "theme"
    broken = theme_dir / "fonts" / "Broken.ttf"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"\x00\x01\x00\x00" + b"not a font" * 10)
    project = Project(EXAMPLE, theme_dir)
    with pytest.raises(DiagnosticError) as raised:
        PdfRenderer().render(project.context, project.theme)
    [found] = raised.value.diagnostics
    assert (found.code, found.file, found.line) == ("E708", str(broken), None)
    assert found.message("ko").startswith("글꼴 파일을 읽을 수 없습니다: ")


def test_a_value_the_engine_cannot_draw_is_e701_at_the_stylesheet(tmp_path):
    """WeasyPrint lays out a 1e9px body and then divides by zero drawing a glyph: the
    theme's problem, placed at its stylesheet, never "internal error"."""
    sheet = tmp_path / "theme" / "pdf" / "print.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text("body { font-size: 1e9px }\n", encoding="utf-8")
    project = Project(EXAMPLE, tmp_path / "theme")
    with pytest.raises(DiagnosticError) as raised:
        PdfRenderer().render(project.context, project.theme)
    [found] = raised.value.diagnostics
    assert (found.code, found.file) == ("E701", str(sheet))
    assert "ZeroDivisionError" in found.message("en")


# --- the PPTX deck -----------------------------------------------------------------------------


def test_no_font_to_measure_slide_text_is_e714(tmp_path, monkeypatch):
    """Only when the default theme's NanumGothic is gone too (a damaged install): a theme
    made of one empty folder, and no system fonts."""
    monkeypatch.setattr(measure_module, "system_font_files", lambda: [])
    book = measure_module.FontBook(Theme([tmp_path]))
    with pytest.raises(DiagnosticError) as raised:
        book.font("NoSuchFont Pro")
    [found] = raised.value.diagnostics
    assert (found.code, found.file) == ("E714", str(tmp_path / "fonts"))
    assert found.args == {"family": "NoSuchFont Pro", "fallback": "NanumGothic"}


def test_slide_text_too_long_for_its_shape_is_named(tmp_path):
    """W706 a table row (the revisions table), W709 a step name in the chevrons (claim
    steps), W710 a step description under the boxes (the initial response)."""
    source = patched(
        tmp_path,
        ("summary: 최초 작성", "summary: " + "아주 긴 개정 요약 " * 300),
        ("    name: 사과\n", "    name: " + "정중하고 진심 어린 " * 12 + "\n"),
    )
    project = Project(source)
    assert project.validation.ok, project.validation.diagnostics
    renderer = PptxRenderer()
    renderer.render(project.context, project.theme)
    found = {d.code: d for d in renderer.diagnostics}
    assert found["W706"].file == str(source)
    assert found["W706"].line == line_of(source, "revisions:")
    assert found["W706"].args["rows"] == "“1.0”"
    assert found["W709"].file == str(source)
    assert found["W709"].line == line_of(source, "claim_steps:")
    assert found["W709"].args["step"].startswith("1. 정중하고 진심 어린")
    for d in renderer.diagnostics:
        assert d.level == "warning" and "{" not in d.message("ko") + d.message("en")


def test_a_step_description_too_long_for_the_diagram_is_w710():
    stress = ROOT / "tests" / "fixtures" / "pptx" / "stress.ko.yaml"
    project = Project(stress)
    renderer = PptxRenderer()
    renderer.render(project.context, project.theme)
    counted = Counter(d.code for d in renderer.diagnostics)
    assert counted["W710"] >= 1, counted
    first = next(d for d in renderer.diagnostics if d.code == "W710")
    assert first.file == str(stress)
    assert first.line == line_of(stress, "initial_response:")
    assert first.args["step"] == "아주 긴 이름을 가진 초기 대응 단계 1"


# --- the render limits (E790–E792): a job in a render child ------------------------------


def _sleep() -> None:
    time.sleep(30)


def _grow() -> bytes:
    return b"x" * (800 * 2**20)


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize(
    "job, limits, code, args",
    [
        (_sleep, {"timeout": 0.5}, "E790", {"format": "html", "seconds": 0.5}),
        (_grow, {"memory": 300 * 2**20}, "E791", {"format": "html", "megabytes": 300}),
        (_killed, {}, "E792", {"format": "html", "exit": -signal.SIGKILL}),
    ],
    ids=["time", "memory", "lost"],
)
def test_a_render_limit_is_a_diagnostic_without_a_place(job, limits, code, args):
    started = time.monotonic()
    with pytest.raises(isolation.LimitExceeded) as raised:
        isolation.run([isolation.Job("html", job, ())], **limits)
    assert time.monotonic() - started < 20
    [found] = raised.value.diagnostics
    assert (found.code, found.file, found.line, dict(found.args)) == (code, "", None, args)
    assert "{" not in found.message("ko") + found.message("en")
    assert found.message("ko").startswith("html 만들기가 ")


# --- every E7xx/W7xx code names a real test that asserts it -------------------------------


def test_each_theme_and_renderer_code_names_an_existing_test_that_asserts_it():
    """NOT_A_FIXTURE in test_rules.py names, for every E7xx/W7xx code, `file::test` entries:
    the file exists, defines the test, and spells the code out."""
    import ast
    import re

    from csmanual.messages import RULES
    from test_rules import NOT_A_FIXTURE

    tests = Path(__file__).parent
    for code in sorted(c for c in RULES if re.fullmatch(r"[EW]7\d\d", c)):
        entry = NOT_A_FIXTURE.get(code)
        assert entry, f"{code} has no entry in NOT_A_FIXTURE"
        for named in entry.split("; "):
            file, _, test = named.partition("::")
            source = (tests / file).read_text("utf-8")
            defined = {
                node.name
                for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.FunctionDef)
            }
            assert test in defined, f"{code}: {named} does not exist"
            assert code in source, f"{code}: {file} never names it"
