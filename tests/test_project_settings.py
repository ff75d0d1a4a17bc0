"""A project's settings file (`csmanual.yaml`): read by every command, checked like the
source (E770–E779 with their line and column), and an option on the command line wins."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual import settings
from csmanual.cli import main
from csmanual.diagnostics import DiagnosticError

EXAMPLES = Path(__file__).parents[1] / "cli" / "csmanual" / "examples"


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def project(tmp_path: Path, text: str | None, lang: str = "en") -> Path:
    """A project folder with the example source and, unless None, this settings file."""
    root = tmp_path / "proj"
    (root / "source").mkdir(parents=True)
    shutil.copy(EXAMPLES / f"manual.{lang}.yaml", root / "source" / "manual.yaml")
    if text is not None:
        (root / settings.NAME).write_text(text, "utf-8")
    return root


def problems(root: Path) -> list[tuple[str, int, int]]:
    with pytest.raises(DiagnosticError) as caught:
        settings.read(root)
    return [(d.code, d.line, d.column) for d in caught.value.diagnostics]


# --- reading -------------------------------------------------------------------------------


def test_no_settings_file_means_every_default(tmp_path):
    read = settings.read(project(tmp_path, None))
    assert (read.file, read.formats, read.out, read.theme, read.lang) == (None,) * 5
    assert read.chosen_formats() == "html"
    assert read.chosen_formats("pdf") == "pdf"


def test_an_empty_settings_file_means_every_default(tmp_path):
    read = settings.read(project(tmp_path, "# nothing set yet\n"))
    assert read.formats is None and read.file is not None


def test_every_setting_is_read(tmp_path):
    root = project(tmp_path, "formats: [html, pptx]\nout: built\ntheme: look\nlang: ko\n")
    (root / "look").mkdir()
    read = settings.read(root)
    assert read.formats == ("html", "pptx") and read.lang == "ko"
    assert Path(read.output_folder()) == (root / "built").resolve()
    assert Path(read.theme_folder()) == (root / "look").resolve()
    assert read.output_folder("elsewhere") == "elsewhere"  # the option wins


def test_formats_may_be_written_as_comma_separated_text(tmp_path):
    assert settings.read(project(tmp_path, "formats: html, pdf\n")).formats == ("html", "pdf")


# --- problems: a code, a line and a column ---------------------------------------------------


def test_e770_settings_that_are_not_key_value_lines(tmp_path):
    assert problems(project(tmp_path, "- html\n- pdf\n")) == [("E770", 1, 1)]


def test_e771_an_unknown_setting_says_the_one_meant(tmp_path):
    root = project(tmp_path, "formats: [html]\nformat: [pdf]\n")
    with pytest.raises(DiagnosticError) as caught:
        settings.read(root)
    (found,) = caught.value.diagnostics
    assert (found.code, found.line, found.column) == ("E771", 2, 1)
    assert "'formats'" in found.hint("en")


def test_e772_a_setting_of_the_wrong_kind(tmp_path):
    assert problems(project(tmp_path, "out: 3\nformats: {html: yes}\n")) == [
        ("E772", 1, 6),
        ("E772", 2, 10),
    ]


def test_e773_an_unknown_format_is_named_at_its_place(tmp_path):
    root = project(tmp_path, "formats: [html, pfd]\n")
    with pytest.raises(DiagnosticError) as caught:
        settings.read(root)
    (found,) = caught.value.diagnostics
    assert (found.code, found.line, found.column) == ("E773", 1, 17)
    assert "'pdf'" in found.hint("en")


def test_e774_a_theme_folder_that_is_not_there(tmp_path):
    assert problems(project(tmp_path, "theme: no-such-theme\n")) == [("E774", 1, 8)]


def test_e775_an_unknown_language(tmp_path):
    assert problems(project(tmp_path, "lang: fr\n")) == [("E775", 1, 7)]


def test_a_yaml_mistake_in_the_settings_is_the_loaders_own_e004(tmp_path, monkeypatch):
    assert problems(project(tmp_path, "formats: [html\n"))[0][0] == "E004"
    monkeypatch.chdir(tmp_path / "proj")  # named as the summary names it: from here
    result = run("validate")
    assert result.output.startswith("csmanual.yaml:1:10: error[E004]"), result.output


def test_a_broken_settings_file_stops_every_command_with_its_place(tmp_path, monkeypatch):
    root = project(tmp_path, "formats: [html]\nouput: built\n")
    monkeypatch.chdir(root)
    for command in ("validate", "build", "check-theme", "context"):
        result = run(command)
        assert result.exit_code == 1, (command, result.output)
        assert "csmanual.yaml:2:1: error[E771]" in result.output, command
        assert "did you mean 'out'?" in result.output, command  # the manual is English
    assert not (root / "output").exists() and not (root / "built").exists()


# --- every command reads it; an option wins ----------------------------------------------------


def test_build_makes_the_formats_of_the_settings_into_their_folder(tmp_path, monkeypatch):
    root = project(tmp_path, "formats: [html, pptx]\nout: built\n")
    monkeypatch.chdir(tmp_path)
    result = run("build", str(root / "source" / "manual.yaml"))
    assert result.exit_code == 0, result.output
    built = json.loads((root / "built" / "manifest.json").read_text("utf-8"))
    assert sorted(built["outputs"]) == ["manual.html", "manual.pptx"]
    assert not (tmp_path / "output").exists() and not (tmp_path / "built").exists()


def test_an_option_on_the_command_line_wins_over_the_settings(tmp_path, monkeypatch):
    root = project(tmp_path, "formats: [html, pptx]\nout: built\n")
    monkeypatch.chdir(root)
    result = run("build", "--format", "html", "--out", "mine")
    assert result.exit_code == 0, result.output
    built = json.loads((root / "mine" / "manifest.json").read_text("utf-8"))
    assert sorted(built["outputs"]) == ["manual.html"]
    assert not (root / "built").exists()


def test_the_language_of_the_settings_is_the_messages(tmp_path, monkeypatch):
    root = project(tmp_path, "lang: ko\n", lang="en")
    monkeypatch.chdir(root)
    assert run("validate").output.strip() == "source/manual.yaml: 문제가 없습니다"
    assert "no problems" in run("validate", "--lang", "en").output


def test_the_theme_of_the_settings_is_used(tmp_path, monkeypatch):
    root = project(tmp_path, "theme: look\n")
    (root / "look" / "html").mkdir(parents=True)
    (root / "look" / "html" / "manual.html.j2").write_text("{{ nosuchfilter | x }}", "utf-8")
    monkeypatch.chdir(root)
    result = run("check-theme", "--format", "html")
    assert result.exit_code == 1, result.output
    assert "look/html/manual.html.j2:1" in result.output
    (root / "plain").mkdir()
    chosen = run("check-theme", "--format", "html", "--theme", "plain")
    assert chosen.exit_code == 0, chosen.output


def test_verify_without_a_file_checks_the_projects_output_folder(tmp_path, monkeypatch):
    root = project(tmp_path, "out: built\nlang: en\n")
    monkeypatch.chdir(root)
    assert run("build").exit_code == 0
    result = run("verify")
    assert result.exit_code == 0, result.output
    assert "built/manual.html: OK" in result.output
    (root / "built" / "manual.html").write_text("changed", "utf-8")
    changed = run("verify")
    assert changed.exit_code == 1 and "was changed after the build" in changed.output


def test_diff_reads_the_language_of_the_settings(tmp_path, monkeypatch):
    root = project(tmp_path, "lang: ko\n", lang="en")
    monkeypatch.chdir(root)
    old = root / "old.yaml"
    text = (root / "source" / "manual.yaml").read_text("utf-8")
    old.write_text(text.replace("title: Customer Service Manual", "title: CS Manual"), "utf-8")
    said = run("diff", str(old))
    assert said.exit_code == 0, said.output
    assert "버전 1.0" in said.output, said.output  # the manual is English
    assert "version 1.0" in run("diff", str(old), "--lang", "en").output
    broken = project(tmp_path / "b", "lang: fr\n")
    monkeypatch.chdir(broken)
    assert run("diff", str(old)).exit_code == 2  # diff's errors are 2, its answers 0 and 1
