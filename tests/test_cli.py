"""The `csmanual` command through click's CliRunner: exit codes, output shapes, languages,
`schema` and `init`."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual import diagnostics
from csmanual.cli import main
from csmanual.messages import RULES

EXAMPLES = Path(__file__).parents[1] / "cli" / "csmanual" / "examples"
EXAMPLE_KO = EXAMPLES / "manual.ko.yaml"
EXAMPLE_EN = EXAMPLES / "manual.en.yaml"
FIXTURES = Path(__file__).parent / "fixtures" / "rules"

# file:line:col: error[E104] path: message
LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning)\[(?P<code>[EW]\d{3})\] "
)


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def broken(tmp_path: Path, old: str, new: str, source: Path = EXAMPLE_KO) -> Path:
    text = source.read_text("utf-8")
    assert old in text, old
    path = tmp_path / "manual.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


# --- validate: exit codes and text output ---------------------------------------------


@pytest.mark.parametrize("example", [EXAMPLE_KO, EXAMPLE_EN], ids=["ko", "en"])
def test_clean_example_exits_0(example):
    result = run("validate", str(example))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{example}: " + (
        "no problems found" if example == EXAMPLE_EN else "문제가 없습니다"
    )


def test_problems_exit_1_with_file_line_col_code_and_summary(tmp_path):
    path = broken(tmp_path, "    name: 전화\n", "    name:\n")
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    found = [LINE.match(line) for line in lines]
    problems = [m for m in found if m]
    assert len(problems) == 1
    problem = problems[0]
    assert problem["file"] == str(path)
    assert (problem["level"], problem["code"]) == ("error", "E104")
    assert int(problem["line"]) == 50 and int(problem["col"]) == 10
    assert lines[0].endswith("channels[phone].name: 값이 비어 있습니다.")
    assert lines[1:3] == ["  50 |     name:", "     |          ^"]  # the line, a caret
    assert lines[3].startswith("    도움말: ")  # the hint, indented under its problem
    assert lines[-1] == f"{path}: 오류 1개, 경고 0개"


def test_every_problem_is_listed_in_line_order(tmp_path):
    text = EXAMPLE_KO.read_text("utf-8")
    text = text.replace("    name: 전화\n", "    name:\n").replace(
        "    owner: agent\n", "    owner: agnet\n"
    )
    text = text.replace("  - id: phone\n", "  - id: Phone\n")
    path = tmp_path / "manual.yaml"
    path.write_text(text, "utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    rows = [LINE.match(line) for line in result.output.splitlines()]
    located = [(int(m["line"]), int(m["col"])) for m in rows if m]
    assert len(located) >= 2
    assert located == sorted(located)
    assert "오류 " in result.output.splitlines()[-1]


def test_a_long_report_shows_the_first_errors_and_counts_the_rest(tmp_path):
    faqs = "".join(
        f"  - id: q{i}\n    question: 질문 {i}\n    answer: '{i}번 답은 [[deadlines.nowhere]]'\n"
        for i in range(250)
    )
    path = broken(tmp_path, "faqs:\n", "faqs:\n" + faqs)
    text = path.read_text("utf-8").replace("    summary: 최초 작성", "    summary: 최초 작성 TODO")
    path.write_text(text, "utf-8")  # a warning above all the errors
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    shown = [m for m in map(LINE.match, lines) if m]
    assert len(shown) == diagnostics.SHOWN
    assert {m["level"] for m in shown} == {"error"}  # errors first when there is a cut
    assert [int(m["line"]) for m in shown] == sorted(int(m["line"]) for m in shown)
    assert lines[-2] == (
        "… 그 밖에 51개는 표시하지 않았습니다 (csmanual validate --format json 은 모두 보여 줍니다)"
    )
    assert lines[-1] == f"{path}: 오류 250개, 경고 1개"
    listed = json.loads(run("validate", str(path), "--format", "json").output)["diagnostics"]
    assert len(listed) == 251


def test_no_colour_when_not_a_terminal(tmp_path):
    result = run("validate", str(broken(tmp_path, "    name: 전화\n", "    name:\n")))
    assert "\x1b[" not in result.output


def test_default_source_is_source_manual_yaml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = run("validate")
    assert missing.exit_code == 1
    assert f"{os.path.join('source', 'manual.yaml')}: error[E001]" in missing.output
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "manual.yaml").write_bytes(EXAMPLE_KO.read_bytes())
    found = run("validate")
    assert found.exit_code == 0, found.output


# --- languages -------------------------------------------------------------------------


def test_lang_en_gives_english_messages(tmp_path):
    path = broken(tmp_path, "    name: 전화\n", "    name:\n")
    result = run("validate", "--lang", "en", str(path))
    assert result.exit_code == 1
    assert "error[E104] channels[phone].name: the value is empty." in result.output
    assert "    hint: fill it in or delete the entry." in result.output
    assert result.output.splitlines()[-1] == f"{path}: 1 error, 0 warnings"
    assert not re.search("[가-힣]", result.output.replace(str(path), ""))


def test_language_defaults_to_the_manuals_own(tmp_path):
    path = broken(tmp_path, "    name: Phone\n", "    name:\n", source=EXAMPLE_EN)
    result = run("validate", str(path))
    assert "the value is empty" in result.output
    korean = run("validate", "--lang", "ko", str(path))
    assert "값이 비어 있습니다" in korean.output


def test_language_of_an_unreadable_file_is_korean_by_default(tmp_path):
    path = tmp_path / "manual.yaml"
    path.write_bytes("meta:\n  title: 매뉴얼\n".encode("cp949"))
    assert "UTF-8 텍스트가 아닙니다" in run("validate", str(path)).output


# --- JSON ------------------------------------------------------------------------------


def test_json_format_has_every_field(tmp_path):
    path = broken(tmp_path, "    name: 전화\n", "    name:\n")
    result = run("validate", "--format", "json", "--lang", "en", str(path))
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["source"] == str(path)
    assert (report["ok"], report["errors"], report["warnings"]) == (False, 1, 0)
    [problem] = report["diagnostics"]
    assert problem == {
        "code": "E104",
        "severity": "error",
        "file": str(path),
        "line": 50,
        "column": 10,
        "path": "channels[phone].name",
        "message": "the value is empty.",
        "hint": "fill it in or delete the entry.",
    }


def test_json_format_of_a_clean_manual():
    result = run("validate", "--format", "json", str(EXAMPLE_KO))
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["ok"] is True
    assert report["diagnostics"] == []


def test_json_keeps_korean_readable(tmp_path):
    path = broken(tmp_path, "    name: 전화\n", "    name:\n")
    result = run("validate", "--format", "json", str(path))
    assert "값이 비어 있습니다" in result.output  # not \uac12 escapes
    assert json.loads(result.output)["diagnostics"][0]["message"] == "값이 비어 있습니다."


# --- strict ----------------------------------------------------------------------------


def test_strict_turns_a_todo_warning_into_exit_1(tmp_path):
    path = broken(tmp_path, "    summary: 최초 작성", "    summary: 최초 작성 TODO")
    plain = run("validate", str(path))
    assert plain.exit_code == 0, plain.output
    assert "warning[W504]" in plain.output
    assert plain.output.splitlines()[-1] == f"{path}: 오류 0개, 경고 1개"

    # a warning stays a warning; the summary says it counts as an error here
    strict = run("validate", "--strict", str(path))
    assert strict.exit_code == 1
    assert "warning[W504]" in strict.output
    last = strict.output.splitlines()[-1]
    assert last == f"{path}: 오류 0개, 경고 1개 (--strict: 경고도 오류로 봅니다)"
    english = run("validate", "--strict", "--lang", "en", str(path)).output.splitlines()[-1]
    assert english == f"{path}: 0 errors, 1 warning treated as errors (--strict)"

    as_json = json.loads(run("validate", "--strict", "--format", "json", str(path)).output)
    assert as_json["ok"] is False and as_json["strict"] is True
    assert as_json["diagnostics"][0]["severity"] == "warning"


# --- usage errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "xml"],
        ["validate", "--lang", "fr"],
        ["validate", "--bogus"],
        ["validate", "a.yaml", "b.yaml"],
        ["no-such-command"],
        ["init"],
        ["schema", "--indent", "two"],
    ],
)
def test_usage_error_exits_2(args):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.output


def test_help_shows_examples():
    for args in (["--help"], ["validate", "--help"], ["init", "--help"]):
        result = run(*args)
        assert result.exit_code == 0
        assert "Example" in result.output


def test_rules_lists_every_code():
    result = run("rules")
    assert result.exit_code == 0
    codes = re.findall(r"^\| ([EW]\d{3}) \|", result.output, re.M)
    assert codes == list(RULES)


# --- schema ----------------------------------------------------------------------------


def test_schema_is_json_schema_with_the_sections():
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert schema["required"] == ["meta"]
    for section in ("meta", "revisions", "roles", "deadlines", "claim_steps", "faqs", "settings"):
        assert section in schema["properties"], section
    assert schema["additionalProperties"] is False


def test_schema_describes_the_meta_fields():
    schema = json.loads(run("schema").output)
    meta = schema["$defs"]["Meta"]
    assert {"title", "version", "effective_date", "language"} <= set(meta["properties"])
    assert "title" in meta["required"]


def test_schema_indent_option():
    compact = run("schema", "--indent", "0").output
    assert json.loads(compact) == json.loads(run("schema").output)
    assert "\n  " not in compact


# --- init ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_init_creates_a_project_that_validates_clean(tmp_path, lang):
    project = tmp_path / "my-manual"
    result = run("init", str(project), "--lang", lang)
    assert result.exit_code == 0, result.output
    for name in (
        "source/manual.yaml",
        "source/manual.schema.json",
        "templates/README.md",
        "output/.gitkeep",
        ".gitignore",
    ):
        assert (project / name).is_file(), name
    schema = json.loads((project / "source" / "manual.schema.json").read_text("utf-8"))
    assert schema == json.loads(run("schema", "--lang", lang).output)
    assert (project / "source" / "manual.yaml").read_text("utf-8") == (
        EXAMPLES / f"manual.{lang}.yaml"
    ).read_text("utf-8")

    checked = run("validate", str(project / "source" / "manual.yaml"))
    assert checked.exit_code == 0, checked.output
    assert not list(project.rglob(".csmanual-*"))  # no temporary files left


def test_init_then_validate_from_inside_the_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "proj").exit_code == 0
    monkeypatch.chdir(tmp_path / "proj")
    result = run("validate")
    assert result.exit_code == 0, result.output


def test_init_never_overwrites_the_users_manual(tmp_path):
    project = tmp_path / "existing"
    (project / "source").mkdir(parents=True)
    mine = project / "source" / "manual.yaml"
    mine.write_text("meta:\n  title: 우리 매뉴얼 (손으로 쓴 것)\n", "utf-8")

    result = run("init", str(project))
    assert result.exit_code == 1
    assert str(mine) in result.output
    assert "left as they are" in result.output
    assert mine.read_text("utf-8") == "meta:\n  title: 우리 매뉴얼 (손으로 쓴 것)\n"
    # nothing else was written either: the project is not left half-made
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == [
        "source",
        "source/manual.yaml",
    ]


def test_init_twice_keeps_the_edited_files(tmp_path):
    project = tmp_path / "p"
    assert run("init", str(project)).exit_code == 0
    manual = project / "source" / "manual.yaml"
    manual.write_text(manual.read_text("utf-8") + "# 편집함\n", "utf-8")
    again = run("init", str(project))
    assert again.exit_code == 1
    assert manual.read_text("utf-8").endswith("# 편집함\n")


def test_init_into_a_folder_with_other_files_keeps_them(tmp_path):
    project = tmp_path / "notes"
    project.mkdir()
    (project / "memo.txt").write_text("keep me", "utf-8")
    result = run("init", str(project))
    assert result.exit_code == 0, result.output
    assert (project / "memo.txt").read_text("utf-8") == "keep me"
    assert (project / "source" / "manual.yaml").is_file()


def test_init_on_a_file_is_a_usage_error(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x", "utf-8")
    result = run("init", str(target))
    assert result.exit_code == 2
    assert target.read_text("utf-8") == "x"


def test_init_below_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "file.txt").write_text("x", "utf-8")
    result = run("init", str(tmp_path / "file.txt" / "project"))
    assert result.exit_code == 1
    assert "cannot create" in result.output
    assert "Not a directory" in result.output or "not a directory" in result.output.lower()


# Ctrl-C while the command is still being imported: a hook raises SIGINT the moment
# `csmanual.cli` starts importing, deterministically inside the window.
_CTRL_C_WHILE_IMPORTING = """
import importlib.abc, os, signal, sys

class CtrlC(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "csmanual.cli":
            os.kill(os.getpid(), signal.SIGINT)
        return None

entry = sys.argv[1]
sys.meta_path.insert(0, CtrlC())
sys.argv = ["csmanual", "--version"]
if entry != "bare click group":
    from csmanual.__main__ import run
    run()
else:
    from csmanual.cli import main
    main()
"""


@pytest.mark.parametrize("entry", ["console script", "bare click group", "ignoring SIGINT"])
def test_ctrl_c_while_the_command_imports_is_quiet(entry):
    """The console script answers Ctrl-C during its imports as click does later
    ("Aborted!", exit 1, no traceback); importing click's group directly (the control)
    shows the traceback the entry point prevents; a command started with SIGINT ignored
    (a background job) keeps ignoring it."""
    import signal
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_IMPORTING, entry],
        capture_output=True,
        text=True,
        timeout=60,
        # as in a terminal: a test run started in the background inherits SIGINT ignored
        preexec_fn=lambda: signal.signal(
            signal.SIGINT, signal.SIG_IGN if entry == "ignoring SIGINT" else signal.SIG_DFL
        ),
    )
    if entry == "ignoring SIGINT":
        assert done.returncode == 0 and "csmanual, version" in done.stdout, done.stderr
    elif entry == "console script":
        assert done.returncode == 1, done.stderr
        assert done.stderr.strip() == "Aborted!"
        assert "csmanual, version" not in done.stdout
    else:
        assert "KeyboardInterrupt" in done.stderr and "Traceback" in done.stderr


def test_version_short_flag_and_a_help_that_cuts_nothing():
    assert run("-V").output.startswith("csmanual, version ")
    helped = run("--help").output
    commands = helped.split("Commands:", 1)[1]
    assert "..." not in commands and "…" not in commands
    assert "csmanual build" in helped and "NO_COLOR" in helped and ".venv/bin" in helped


def test_a_missing_source_says_how_to_start(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside any project
    said = run("validate", "--lang", "en").output
    assert "error[E001]" in said and "csmanual init" in said and "No such file" not in said
    assert "csmanual init" in run("validate").output  # in Korean too


# Ctrl-C inside a library that turns it into an error of its own, as pydantic-core does
# when the model's validators are being built (the model is imported on first validation)
_CTRL_C_TURNED_INTO_AN_ERROR = """
import os, signal, sys, time
import csmanual.cli

def validating():
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
    except KeyboardInterrupt as interrupted:
        raise RuntimeError(f"SchemaError: KeyboardInterrupt: {interrupted}") from None
    print("not interrupted")

def failing():
    raise RuntimeError("a bug, not a Ctrl-C")

csmanual.cli.main = validating if sys.argv[1] == "ctrl-c" else failing
from csmanual.__main__ import run
run()
"""


@pytest.mark.parametrize("case", ["ctrl-c", "a bug"])
def test_ctrl_c_that_a_library_turned_into_its_own_error_is_still_ctrl_c(case):
    """After click started, a Ctrl-C that a library turned into an error is answered
    "Aborted!" (exit 1, no traceback); an error with no Ctrl-C before it is a bug and
    still shows its traceback."""
    import signal
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_TURNED_INTO_AN_ERROR, case],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert done.returncode == 1, done.stderr
    if case == "ctrl-c":
        assert done.stderr.strip() == "Aborted!"
    else:
        assert "Traceback" in done.stderr and "a bug, not a Ctrl-C" in done.stderr
