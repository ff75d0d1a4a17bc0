"""The pipeline object: each stage made once, a typed render result, the theme's omissions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual.cli import main
from csmanual.project import Project, Rendered
from csmanual.theme import ThemeError

EXAMPLE = Path(__file__).parents[1] / "cli" / "csmanual" / "examples" / "manual.ko.yaml"


def test_validation_and_context_are_made_once(monkeypatch):
    import csmanual.context
    import csmanual.validate

    calls = {"validate": 0, "context": 0}
    validate, build_context = csmanual.validate.validate_file, csmanual.context.build_context

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(csmanual.validate, "validate_file", counted("validate", validate))
    monkeypatch.setattr(csmanual.context, "build_context", counted("context", build_context))
    project = Project(EXAMPLE)
    for _ in range(3):
        assert project.validation.ok
        assert project.context["manual"]["meta"]["title"]
    assert calls == {"validate": 1, "context": 1}


def test_render_gives_a_typed_result_from_the_one_context():
    project = Project(EXAMPLE)
    rendered = project.render("html")
    assert isinstance(rendered, Rendered) and rendered.format == "html"
    assert project.context["manual"]["meta"]["title"].encode() in rendered.data
    assert rendered.diagnostics == [] and rendered.seconds > 0


def test_a_source_with_errors_has_no_context(tmp_path):
    broken = tmp_path / "manual.yaml"
    broken.write_text(EXAMPLE.read_text("utf-8").replace('version: "1.0"', "version: [1]", 1))
    project = Project(broken)
    assert not project.validation.ok
    with pytest.raises(Exception, match="the source has errors"):
        project.context  # noqa: B018


def write_theme(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_theme_declares_what_a_format_leaves_out(tmp_path):
    theme = write_theme(tmp_path / "theme", "omit:\n  pptx: [segments, faqs, glossary]\n")
    project = Project(EXAMPLE, theme)
    # a section the manual does not have (this one has no glossary) is not listed
    assert project.omitted == {"pptx": ["segments", "faqs"]}
    assert project.context["omitted"] == {"pptx": ["segments", "faqs"]}


def test_an_override_theme_can_put_a_section_back(tmp_path):
    base = write_theme(tmp_path / "base", "omit:\n  pptx: [faqs]\n")
    top = write_theme(tmp_path / "top", "omit:\n  pptx: []\n")
    from csmanual.theme import Theme

    theme = Theme([top, base, *Theme.locate().folders])
    assert Project(EXAMPLE, theme).omitted == {"pptx": []}
    assert Project(EXAMPLE, Theme([base, *Theme.locate().folders])).omitted == {"pptx": ["faqs"]}


@pytest.mark.parametrize(
    "text,where",
    [("omit:\n  ppt: [glossary]\n", (2, 3)), ("omit:\n  pptx: glossary\n", (2, 3))],
)
def test_a_malformed_omission_is_an_error_at_its_place(tmp_path, text, where):
    theme = write_theme(tmp_path / "theme", text)
    with pytest.raises(ThemeError) as raised:
        Project(EXAMPLE, theme).omitted  # noqa: B018
    [found] = raised.value.diagnostics
    assert (found.code, found.line, found.column) == ("E757", *where)


def test_the_build_says_what_a_format_leaves_out(tmp_path):
    theme = write_theme(tmp_path / "theme", "omit:\n  pptx: [faqs]\n")
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(EXAMPLE),
            "--format",
            "html",
            "--theme",
            str(theme),
            "--out",
            str(tmp_path / "a"),
        ],
    )
    assert result.exit_code == 0 and "테마가 뺀" not in result.output  # html leaves nothing out
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(EXAMPLE),
            "--format",
            "pptx",
            "--theme",
            str(theme),
            "--out",
            str(tmp_path / "b"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "pptx: 테마가 뺀 구역 — 자주 묻는 질문 (theme.yaml)" in result.output


def test_validate_imports_no_template_engine_and_no_renderer():
    """`validate` is what a writer runs after every edit: it must not pay for Jinja,
    WeasyPrint, python-pptx or the office writers (the settings' format names are read
    from the renderer registry, which must stay light)."""
    probe = (
        "import sys\n"
        "from csmanual.cli import main\n"
        "try:\n"
        "    main(['validate', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('jinja2', 'weasyprint', 'pptx', 'docx', 'csmanual.theme')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    sample = Path(__file__).parents[1] / "source" / "manual.yaml"
    done = subprocess.run(
        [sys.executable, "-c", probe, str(sample)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout


def test_a_no_op_build_reads_no_model(tmp_path):
    """A rebuild whose source and theme did not change is decided by the manifest's
    hashes: it must not import the source model (pydantic, ~0.1 s), also not to read
    the project's settings (csmanual.yaml)."""
    sample = Path(__file__).parents[1] / "source" / "manual.yaml"
    out = str(tmp_path / "out")
    assert CliRunner().invoke(main, ["build", str(sample), "--out", out]).exit_code == 0
    probe = (
        "import sys\n"
        "from csmanual.cli import main\n"
        "try:\n"
        "    main(['build', sys.argv[1], '--out', sys.argv[2]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m in ('pydantic', 'csmanual.model')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(sample), out], capture_output=True, text=True
    )
    assert "up to date" in done.stdout + done.stderr, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout
