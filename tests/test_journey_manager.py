"""The CS manager's journey (issue 17): start a project, fill it in, check it, build it,
from wherever the command runs, without output in an unexpected place, a wrong hint or a
make target that cannot find csmanual."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual import diagnostics, settings
from csmanual.cli import main
from csmanual.validate import validate_file

ROOT = Path(__file__).parents[1]
EXAMPLE_EN = ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml"


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


# --- outputs beside the project -----------------------------------------------------------


def test_a_build_run_from_elsewhere_writes_beside_the_project(tmp_path, monkeypatch):
    """Templates are looked up beside the source; the outputs go there too."""
    project = tmp_path / "elsewhere"
    (project / "source").mkdir(parents=True)
    shutil.copy(EXAMPLE_EN, project / "source" / "manual.yaml")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run("build", str(project / "source" / "manual.yaml"))
    assert result.exit_code == 0, result.output
    assert (project / "output" / "manual.html").is_file()
    assert not list(here.iterdir()), "nothing is written where the command runs"
    assert str(project / "output" / "manual.html") in result.output


def test_a_source_outside_a_source_folder_builds_beside_itself(tmp_path, monkeypatch):
    shutil.copy(EXAMPLE_EN, tmp_path / "acme.yaml")
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    assert run("build", str(tmp_path / "acme.yaml")).exit_code == 0
    assert (tmp_path / "output" / "manual.html").is_file()
    assert not list((tmp_path / "cwd").iterdir())


def test_out_given_on_the_command_line_is_where_the_command_runs(tmp_path, monkeypatch):
    project = tmp_path / "p"
    (project / "source").mkdir(parents=True)
    shutil.copy(EXAMPLE_EN, project / "source" / "manual.yaml")
    monkeypatch.chdir(tmp_path)
    assert run("build", str(project / "source" / "manual.yaml"), "--out", "mine").exit_code == 0
    assert (tmp_path / "mine" / "manual.html").is_file()
    assert not (project / "output").exists()


# --- init: settings, README, Makefile --------------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_init_writes_settings_a_readme_and_a_makefile(tmp_path, lang):
    project = tmp_path / "m"
    result = run("init", str(project), "--lang", lang)
    assert result.exit_code == 0, result.output
    read = settings.read(project)
    assert read.formats == ("html", "pdf", "pptx") and read.out == "output"
    readme = (project / "README.md").read_text("utf-8")
    for said in ("source/manual.yaml", "make validate", "make manual", "csmanual.yaml"):
        assert said in readme, said
    assert "pipx install" in readme  # what to do when csmanual is not on PATH
    makefile = (project / "Makefile").read_text("utf-8")
    assert "\n\t$(CSMANUAL) build\n" in makefile and "\n\t$(CSMANUAL) validate\n" in makefile
    assert "make validate" in result.output  # the next step, from the folder it names


def test_init_keeps_a_readme_and_makefile_the_folder_has(tmp_path):
    project = tmp_path / "repo"
    project.mkdir()
    (project / "README.md").write_text("# mine\n", "utf-8")
    (project / "Makefile").write_text("all:\n", "utf-8")
    assert run("init", str(project)).exit_code == 0
    assert (project / "README.md").read_text("utf-8") == "# mine\n"
    assert (project / "Makefile").read_text("utf-8") == "all:\n"
    assert (project / settings.NAME).is_file()


def make(project: Path, *args: str, path: str = "/usr/bin:/bin"):
    """`make` in the project, with a PATH that has no csmanual on it."""
    return subprocess.run(
        ["make", "-C", str(project), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        timeout=240,
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_the_projects_makefile_validates_and_builds_without_csmanual_on_path(tmp_path):
    project = tmp_path / "m"
    assert run("init", str(project), "--lang", "en").exit_code == 0
    (project / settings.NAME).write_text("formats: [html]\n", "utf-8")  # quick
    checked = make(project, "validate")
    assert checked.returncode == 0, checked.stderr
    assert "no problems found" in checked.stdout
    built = make(project, "manual")
    assert built.returncode == 0, built.stderr
    manifest = json.loads((project / "output" / "manifest.json").read_text("utf-8"))
    assert list(manifest["outputs"]) == ["manual.html"]
    # nowhere to be found: said, with what to do
    missing = make(project, "manual", "CSMANUAL=")
    assert missing.returncode != 0
    assert "csmanual not found" in missing.stderr and "README.md" in missing.stderr


def test_the_repositorys_make_manual_reads_the_repositorys_settings():
    """`make manual` builds html, pdf and pptx for the sample, as csmanual.yaml says."""
    assert settings.read(ROOT).formats == ("html", "pdf", "pptx")
    recipe = (ROOT / "Makefile").read_text("utf-8").split("\nmanual:", 1)[1].split("\n\n")[0]
    assert "$(CSMANUAL) build $(SOURCE)" in recipe and "--format" not in recipe


# --- E004: wrong indentation, shown at its line ------------------------------------------


def indented_wrongly(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE_EN.read_text("utf-8")
    assert old in text
    path = tmp_path / "manual.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


@pytest.mark.parametrize(
    "old,new,column,levels",
    [
        ("  organization:", "   organization:", 4, "2 or 0"),  # deeper than its siblings
        ("  scope:", " scope:", 2, "2 or 0"),  # shallower than its siblings
        ("    name: Agent", "     name: Agent", 6, "4 or 0"),  # under a list item
    ],
)
def test_wrong_indentation_says_so_at_the_start_of_the_line(tmp_path, old, new, column, levels):
    path = indented_wrongly(tmp_path, old, new)
    [found] = validate_file(path).diagnostics
    assert found.code == "E004" and found.column == column
    assert "wrong indentation" in found.message("en")
    assert f"the keys above it by {levels}" in found.message("en")
    assert "quote" not in found.message("en") + found.hint("en")
    assert "들여쓰기가 맞지 않습니다" in found.message("ko")


@pytest.mark.parametrize("spaces,column", [(5, 6), (4, 5)])
def test_a_list_item_indented_wrongly_names_the_column_of_its_list(tmp_path, spaces, column):
    old = "      - Receives enquiries and complaints and gives the first response.\n"
    new = old + " " * spaces + "- Answers the phone.\n"
    [found] = validate_file(indented_wrongly(tmp_path, old, new)).diagnostics
    assert (found.code, found.column) == ("E004", column)
    assert f"this '- ' item is indented by {spaces} spaces" in found.message("en")
    assert "the items above it by 6 or 2" in found.message("en")
    assert "items of its list (6 or 2 spaces)" in found.hint("en")


def test_a_colon_inside_a_value_still_says_quote_it(tmp_path):
    path = indented_wrongly(tmp_path, "  title: Customer", "  title: Note: Customer")
    [found] = validate_file(path).diagnostics
    assert found.code == "E004" and "quote it" in found.message("en")


# --- the line and a caret under the column -------------------------------------------------


def test_every_located_problem_shows_its_line_with_a_caret(tmp_path):
    path = indented_wrongly(tmp_path, "  organization:", "   organization:")
    result = run("validate", str(path), "--lang", "en")
    lines = result.output.splitlines()
    number = lines[0].split(":")[1]
    assert lines[1] == f"  {number} |    organization: Our Company Customer Support"
    assert lines[2] == f"  {' ' * len(number)} |    ^"
    assert lines[3].startswith("    hint: fix the indentation")


def test_the_caret_stands_under_wide_characters_and_tabs():
    text = "  - 불만은\t48시간 이내에 답합니다."
    shown, caret = diagnostics.excerpt(text, 9, text.index("48") + 1, "error", False)
    assert shown == f"  9 | {text}"
    # 불만은 takes six columns of a terminal; the tab is kept so that it lines up
    assert caret == "    | " + " " * 4 + " " * 6 + "\t" + "^"


def test_a_long_line_is_cut_around_the_column():
    text = "가" * 150 + "X" + "나" * 150
    shown, caret = diagnostics.excerpt(text, 1, 151, "error", False)
    assert shown.startswith("  1 | …") and shown.endswith("…") and "X" in shown
    before = shown[len("  1 | ") : shown.index("X")]
    assert caret == "    | " + " " * diagnostics._cells(before) + "^"
    assert diagnostics._cells(shown) <= diagnostics.EXCERPT_WIDTH + 10


def test_no_excerpt_for_a_file_that_is_not_there():
    found = diagnostics.Diagnostic("E104", "HEAD:source/manual.yaml", 3, 5, ("meta",))
    assert len(diagnostics.format_text([found], "en").splitlines()) == 2  # message, hint


def test_an_english_manual_yaml_cannot_read_is_still_told_in_english(tmp_path):
    path = indented_wrongly(tmp_path, "  organization:", "   organization:")
    result = run("validate", str(path))
    assert "error[E004] YAML syntax error: wrong indentation" in result.output
    assert result.output.splitlines()[-1] == f"{path}: 1 error, 0 warnings"


def test_every_folder_of_the_tool_is_installed_by_pip():
    """A manual kept outside this repository uses csmanual installed from it (pipx or pip,
    not editable): every package and every folder of the default theme must be listed."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    package = ROOT / "cli" / "csmanual"
    folders = {
        ".".join(("csmanual", *p.relative_to(package).parts))
        for p in [package, *package.rglob("*")]
        if p.is_dir() and p.name != "__pycache__" and any(p.glob("*.py"))
    }
    theme = ROOT / "templates"
    folders |= {
        ".".join(("csmanual.default_theme", *p.relative_to(theme).parts))
        for p in [theme, *theme.rglob("*")]
        if p.is_dir() and p.name != "__pycache__"
    }
    assert not folders - listed, f"not installed by pip install: {sorted(folders - listed)}"
