"""Hostile and accidental inputs to the loader: each is a diagnostic, never a traceback.

Every case runs `csmanual validate` through click's CliRunner on a file written here and
checks the exit code (1), the rule code, and that the message names the file and, where
the file has lines, the line and column. Speed is measured elsewhere (tests/bench/): these
tests only show that each input finishes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from csmanual.cli import main
from csmanual.loader import MAX_BYTES, MAX_DEPTH, MAX_PROBLEMS, LoadError, Span, loads
from csmanual.validate import validate_file

EXAMPLE = Path(__file__).parents[1] / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
EXAMPLE_TEXT = EXAMPLE.read_text("utf-8")


def write(tmp_path: Path, content: bytes | str, name: str = "manual.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def validate(path: Path, *options: str):
    """Run the CLI; a traceback or an exit code other than 1 fails the test here."""
    result = CliRunner().invoke(main, ["validate", str(path), *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    return result


def located(output: str, path: Path, code: str) -> list[tuple[int, int]]:
    """The (line, column) of every `path:line:col: error[code]` in the text output."""
    pattern = re.compile(rf"^{re.escape(str(path))}:(\d+):(\d+): error\[{code}\]", re.M)
    return [(int(line), int(column)) for line, column in pattern.findall(output)]


def reported(tmp_path: Path, content: bytes | str, code: str, *options: str):
    """Validate `content`; assert `code` is reported with file, line and column."""
    path = write(tmp_path, content)
    result = validate(path, *options)
    where = located(result.output, path, code)
    assert where, f"no '{path}:LINE:COL: error[{code}]' in:\n{result.output}"
    return where, result.output


def example_with(old: str, new: str) -> str:
    assert old in EXAMPLE_TEXT, old
    return EXAMPLE_TEXT.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# --- code is never run ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
        "!!python/module:os",
    ],
)
def test_python_tags_are_an_error_and_never_run(tmp_path, value):
    marker = tmp_path / "PWNED"
    text = example_with("    author: 홍길동", f"    author: {value.format(marker=marker)}")
    where, output = reported(tmp_path, text, "E007")
    assert where == [(line_of(text, "author: !!python"), 13)]
    assert "python/" in output
    assert not marker.exists()


def test_python_tag_on_the_whole_document(tmp_path):
    where, _ = reported(tmp_path, "!!python/object/apply:os.system\nargs: [ls]\n", "E007")
    assert where == [(1, 1)]


@pytest.mark.parametrize("value", ["!!bool maybe", "!!timestamp hello", "!!int x", "!!binary aGk="])
def test_core_tags_with_the_wrong_value_are_an_error(tmp_path, value):
    text = example_with("    author: 홍길동", f"    author: {value}")
    where, _ = reported(tmp_path, text, "E007")
    assert where == [(line_of(text, "author: !!"), 13)]


# --- nothing can blow up --------------------------------------------------------------


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{before}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    where, output = reported(tmp_path, billion_laughs(), "E006")
    assert (1, 4) in where  # &a
    assert (9, 4) in where  # &i
    assert len(where) == 9 + 8 * 9  # every anchor and alias once, nothing expanded
    assert "&a" in output and "*h" in output


def test_merge_key_with_an_alias_is_refused(tmp_path):
    text = "base: &base {title: x}\nmeta:\n  <<: *base\n"
    where, _ = reported(tmp_path, text, "E006")
    assert where[0] == (1, 7)


@pytest.mark.parametrize(
    "content,code,first",
    [
        (b"a: &a x\nb: [" + b",".join([b"*a"] * 200_000) + b"]\n", "E006", (1, 4)),
        (b"a: " + b"\x07" * 200_000 + b"\n", "E009", (1, 4)),
        (b"k: 1\n" * 100_000, "E008", (2, 1)),
    ],
    ids=["200k-aliases", "200k-control-characters", "100k-duplicate-keys"],
)
def test_a_flood_of_problems_is_reported_up_to_a_limit(tmp_path, content, code, first):
    """Reading stops at MAX_PROBLEMS: the report stays readable and the run short."""
    where, output = reported(tmp_path, content, code)
    assert len(where) == MAX_PROBLEMS
    assert where[0] == first
    assert output.splitlines()[-1].endswith(f"오류 {MAX_PROBLEMS}개, 경고 0개")


def test_control_character_positions_on_many_lines():
    with pytest.raises(LoadError) as raised:
        loads("a: \x01\nbb: x\x02y\x03\n\n  \x04", "s.yaml")
    assert [(d.line, d.column) for d in raised.value.diagnostics] == [
        (1, 4),
        (2, 6),
        (2, 8),
        (4, 3),
    ]


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{a: ", "}")])
def test_50000_deep_flow_nesting(tmp_path, opener, closer):
    text = "meta: " + opener * 50_000 + closer * 50_000 + "\n"
    where, output = reported(tmp_path, text, "E005")
    assert len(where) == 1 and where[0][0] == 1
    assert str(MAX_DEPTH) in output


def test_50000_deep_nesting_without_libyaml(tmp_path, monkeypatch):
    """The pure-Python parser (used when libyaml is missing) is stopped by our own limit."""
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    path = write(tmp_path, "meta: " + "[" * 50_000 + "]" * 50_000 + "\n")
    [found] = validate_file(path).diagnostics
    assert (found.code, found.line) == ("E005", 1)
    assert found.column == len("meta: ") + MAX_DEPTH  # the top map and 63 lists fit


def test_deep_block_nesting(tmp_path):
    text = "".join(" " * depth + f"k{depth}:\n" for depth in range(200))
    where, _ = reported(tmp_path, text, "E005")
    assert where == [(MAX_DEPTH + 1, MAX_DEPTH + 1)]


def test_nesting_just_under_the_limit_is_fine():
    depth = MAX_DEPTH - 2  # the top-level map and `meta:`'s map count too
    source = loads("meta:\n  keywords: " + "[" * depth + "x" + "]" * depth + "\n")
    assert source.data["meta"]["keywords"]


def test_file_too_large_is_refused_before_reading(tmp_path):
    path = tmp_path / "manual.yaml"
    with path.open("wb") as stream:
        stream.write(b"a: 1\n")
        stream.write(b" " * MAX_BYTES)
    result = validate(path)
    assert f"{path}: error[E002]" in result.output
    assert "16.0 MB" in result.output


# --- duplicate keys -------------------------------------------------------------------


def test_duplicate_key_names_both_lines(tmp_path):
    text = example_with("    name: 전화\n", "    name: 전화\n    description: x\n    name: 유선\n")
    first, second = line_of(text, "name: 전화"), line_of(text, "name: 유선")
    where, output = reported(tmp_path, text, "E008", "--lang", "en")
    assert where == [(second, 5)]
    assert f"it is already on line {first}" in output
    assert "'name'" in output


def test_duplicate_top_level_key(tmp_path):
    text = EXAMPLE_TEXT + "meta:\n  title: again\n"
    where, output = reported(tmp_path, text, "E008")
    assert where == [(len(EXAMPLE_TEXT.splitlines()) + 1, 1)]
    assert f"{line_of(text, 'meta:')}번째 줄에 이미 있습니다" in output


# --- encodings ------------------------------------------------------------------------


def test_cp949_file_says_so_and_how_to_resave(tmp_path):
    text = "meta:\n  title: 고객응대 매뉴얼\n"
    where, output = reported(tmp_path, text.encode("cp949"), "E003", "--lang", "en")
    assert where == [(2, 10)]
    assert "cp949" in output
    assert "not UTF-8" in output
    assert "Save As" in output and "UTF-8" in output.split("hint:")[1]


def test_cp949_file_korean_message(tmp_path):
    _, output = reported(tmp_path, "meta:\n  title: 매뉴얼\n".encode("cp949"), "E003")
    assert "UTF-8 텍스트가 아닙니다" in output
    assert "다른 이름으로 저장" in output


def test_other_non_utf8_has_no_cp949_guess(tmp_path):
    where, output = reported(tmp_path, "meta:\n  title: café\n".encode("latin-1"), "E003")
    assert where == [(2, 13)]
    assert "cp949" not in output


def test_utf16_file_is_not_utf8(tmp_path):
    path = write(tmp_path, "meta:\n  title: 매뉴얼\n".encode("utf-16"))
    [found] = validate_file(path).diagnostics
    assert (found.code, found.line, found.column) == ("E003", 1, 1)
    assert "UTF-16" in found.message("en") and "UTF-16" in found.message("ko")
    assert "cp949" not in found.message("en")


def test_utf8_bom_is_accepted(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + EXAMPLE_TEXT.encode("utf-8"))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_bom_does_not_shift_positions(tmp_path):
    body = "meta:\n  title: 고객\n".encode("cp949")
    where, _ = reported(tmp_path, b"\xef\xbb\xbf" + body, "E003")
    assert where == [(2, 10)]
    text = example_with("  title: 고객응대 매뉴얼", "  title: 고객응대 매뉴얼\n  title: 또")
    where, _ = reported(tmp_path, "\ufeff" + text, "E008")
    assert where == [(line_of(text, "title: 또"), 3)]


# --- YAML 1.1 surprises in text fields ----------------------------------------------


@pytest.mark.parametrize(
    "written,kind",
    [
        ("NO", "true/false"),
        ("yes", "true/false"),
        ("off", "true/false"),
        ("1.10", "a number"),
        ("010", "a number"),
        ("1:20", "a number"),
        ("2026-01-01", "a date"),
        ("2026-01-01 10:00:00", "a date"),
    ],
)
def test_yaml11_coercion_in_a_text_field_says_to_quote(tmp_path, written, kind):
    text = example_with("      - 어쩔 수 없습니다", f"      - {written}")
    where, output = reported(tmp_path, text, "E105", "--lang", "en")
    assert where == [(line_of(text, f"- {written}"), 9)]
    assert f"YAML read {written} as {kind}" in output
    assert f'put it in quotes: "{written}"' in output


def test_unquoted_version_is_a_coercion(tmp_path):
    text = example_with('  version: "1.0"', "  version: 1.10")
    where, output = reported(tmp_path, text, "E105", "--lang", "en")
    assert where == [(line_of(text, "version: 1.10"), 12)]
    assert "YAML read 1.10 as a number" in output  # 1.10 would otherwise become 1.1


def test_norway_problem_in_a_choice_shows_what_was_written(tmp_path):
    text = example_with("  language: ko", "  language: NO")
    where, output = reported(tmp_path, text, "E107", "--lang", "en")
    assert where == [(line_of(text, "language: NO"), 13)]
    assert "'NO'" in output and "False" not in output
    assert "allowed: 'ko', 'en', 'ko-KR', 'en-GB' or 'en-US'" in output
    _, output = reported(tmp_path, text, "E107")
    assert "가능한 값: 'ko', 'en', 'ko-KR', 'en-GB', 'en-US'" in output


def test_quoted_values_are_text(tmp_path):
    text = example_with(
        "      - 어쩔 수 없습니다", '      - "NO"\n      - "010"\n      - "2026-01-01"'
    )
    result = CliRunner().invoke(main, ["validate", str(write(tmp_path, text))])
    assert result.exit_code == 0, result.output


# --- control characters ---------------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    [
        "\x00",
        "\x07",
        "\x1b",
        "\x7f",
        "\x85",
        "\x9b",
        "\u2028",
        "\u2029",
        "\ufffe",
        "\uffff",
        "\U0010ffff",
    ],
)
def test_raw_control_character_is_rejected(tmp_path, char):
    text = example_with("    summary: 최초 작성", f"    summary: 최초{char} 작성")
    where, output = reported(tmp_path, text, "E009")
    assert where == [(line_of(text, "summary: 최초"), 16)]
    assert f"U+{ord(char):04X}" in output


@pytest.mark.parametrize(
    "escape,code_point",
    [
        ("\\u0007", 0x07),
        ("\\u0000", 0x00),
        ("\\uFFFE", 0xFFFE),
        ("\\x1b", 0x1B),
        ("\\a", 0x07),
        ("\\0", 0x00),
        ("\\e", 0x1B),
        ("\\U0001FFFF", 0x1FFFF),
        ("\\N", 0x85),
        ("\\L", 0x2028),
        ("\\u2029", 0x2029),
    ],
)
def test_escaped_control_character_is_rejected_where_the_escape_stands(
    tmp_path, escape, code_point
):
    text = example_with("    summary: 최초 작성", f'    summary: "최초 작성{escape}"')
    where, output = reported(tmp_path, text, "E009")
    assert where == [(line_of(text, "summary: "), 20)]
    assert f"U+{code_point:04X}" in output


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_an_escape_is_found_on_a_later_line_of_its_scalar_past_other_escapes(monkeypatch, libyaml):
    monkeypatch.setattr(yaml, "__with_libyaml__", libyaml and yaml.__with_libyaml__)
    text = 'meta:\n  title: "가 \\\\u0007 \\t\n    나다 \\e"\n'  # \\u0007 is text
    with pytest.raises(LoadError) as raised:
        loads(text, "s.yaml")
    [found] = raised.value.diagnostics
    assert (found.code, found.line, found.column) == ("E009", 3, 8)
    assert "U+001B" in found.message("en")


def test_tab_newline_and_korean_are_fine_in_escapes(tmp_path):
    text = example_with("    summary: 최초 작성", '    summary: "최초\\t작성\\n\\uD55C"')
    result = CliRunner().invoke(main, ["validate", str(write(tmp_path, text))])
    assert result.exit_code == 0, result.output


def test_lone_surrogate_escape_is_rejected(tmp_path):
    text = example_with("    summary: 최초 작성", '    summary: "최초 \\ud800 작성"')
    path = write(tmp_path, text)
    result = validate(path)
    # libyaml refuses the escape itself (E004); the pure-Python reader reads it (E009)
    where = located(result.output, path, "E004") + located(result.output, path, "E009")
    assert where and where[0][0] == line_of(text, "summary: ")


def test_lone_surrogate_bytes_are_not_utf8(tmp_path):
    raw = example_with("    summary: 최초 작성", "    summary: 최초 X 작성").encode("utf-8")
    raw = raw.replace(b" X ", b" \xed\xa0\x80 ")
    where, _ = reported(tmp_path, raw, "E003")
    assert where == [(line_of(EXAMPLE_TEXT, "summary: 최초"), 17)]


def test_lone_surrogate_in_a_string_source():
    with pytest.raises(LoadError) as raised:
        loads("meta:\n  title: a\ud800b\n", "s.yaml")
    [found] = raised.value.diagnostics
    assert (found.code, found.line, found.column) == ("E009", 2, 11)
    assert "lone surrogate" in found.message("en")


def test_every_control_character_is_reported():
    with pytest.raises(LoadError) as raised:
        loads("a: \x01\nb: \x02\nc: \x03\n", "s.yaml")
    assert [(d.code, d.line) for d in raised.value.diagnostics] == [
        ("E009", 1),
        ("E009", 2),
        ("E009", 3),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_positions_before_parsing_count_every_kind_of_line_end(newline):
    """E003 and E009 are found before YAML reads the file; they count lines as it does."""
    text = newline.join(["meta:", "  title: a", "  version: '1\x07'", ""])
    with pytest.raises(LoadError) as raised:
        loads(text, "s.yaml")
    [found] = raised.value.diagnostics
    assert (found.code, found.line, found.column) == ("E009", 3, 14)
    assert "U+0007 (제어 문자)" in found.message("ko")
    assert "U+0007 (control character)" in found.message("en")
    with pytest.raises(LoadError) as raised:
        loads(text.replace("\x07", "é").encode("latin-1"), "s.yaml")
    [found] = raised.value.diagnostics
    assert (found.code, found.line, found.column) == ("E003", 3, 14)


# --- what is not a manual at all ----------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n\n   \n", b"# only a comment\n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, content):
    where, output = reported(tmp_path, content, "E010", "--lang", "en")
    assert where == [(1, 1)]
    assert "the file is empty" in output
    assert "csmanual init" in output


@pytest.mark.parametrize(
    "content,line,found",
    [
        ("- meta\n- roles\n", 1, "a list"),
        ("# comment\n\n- meta\n", 3, "a list"),
        ("고객응대 매뉴얼\n", 1, "a single value"),
        ("42\n", 1, "a single value"),
    ],
)
def test_top_level_not_a_mapping(tmp_path, content, line, found):
    where, output = reported(tmp_path, content, "E011", "--lang", "en")
    assert where == [(line, 1)]
    assert found in output and "meta:" in output


def test_two_documents(tmp_path):
    where, _ = reported(tmp_path, EXAMPLE_TEXT + "---\nmeta: {}\n", "E012")
    assert where == [(EXAMPLE_TEXT.count("\n") + 1, 1)]


@pytest.mark.parametrize(
    "key,kind,korean",
    [
        ("1", "a number", "숫자"),
        ("yes", "true/false", "참/거짓"),
        ("~", "nothing (null)", "빈 값"),
        ("2026-01-01", "a date", "날짜"),
    ],
)
def test_key_that_is_not_text(tmp_path, key, kind, korean):
    text = example_with("  language: ko\n", f"  language: ko\n  {key}: x\n")
    where, output = reported(tmp_path, text, "E013", "--lang", "en")
    assert where == [(line_of(text, f"  {key}: x"), 3)]
    assert f"(YAML read it as {kind})" in output
    _, output = reported(tmp_path, text, "E013")
    assert f"(YAML이 {korean}" in output


def test_tab_indentation_is_a_syntax_error(tmp_path):
    text = example_with("  title: 고객응대 매뉴얼", "\ttitle: 고객응대 매뉴얼")
    where, output = reported(tmp_path, text, "E004", "--lang", "en")
    assert where[0][0] == line_of(text, "\ttitle")
    assert "indentation" in output


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(
    "text,where,said",
    [
        ('meta:\n  title: "abc\n  version: 1\n', (2, 10), "여기서 연 따옴표가 닫히지 않았습니다"),
        ("meta:\n  title: [1, 2", (2, 10), "여기서 '['로 연 목록이 ']'로 닫히지 않았습니다"),
        ("meta:\n  title: [1, 2\n", (2, 10), "여기서 '['로 연 목록이 ']'로 닫히지 않았습니다"),
        ("meta:\n  title: {a: 1\n", (2, 10), "여기서 '{'로 연 항목이 '}'로 닫히지 않았습니다"),
        ("meta:\n  title: x\n  version\n  owner: y\n", (3, 3), "콜론(:)이 없습니다"),
        ("meta:\n  title: 안내: 전화\n", (2, 12), "값을 따옴표로 감싸세요"),
        ("meta:\n\ttitle: x\n", (2, 1), "들여쓰기는 공백으로 하고"),
        ("meta:\n  title: &\n", (2, 10), "값을 따옴표로 감싸세요"),
        ("meta:\n  title: [\n", (3, 1), "'['나 '{'는 닫고"),
        ('meta:\n  title: "x" y\n', (2, 14), "따옴표로 감싼 값 뒤에 글자가 더 있습니다"),
        ('meta:\n  title: "C:\\xy\\temp"\n', (2, 15), "역슬래시를 두 번"),
        ("meta:\n  title: x\n\t owner: y\n", (3, 1), "들여쓰기는 공백으로 하"),
        ("meta:\n  title: - x\n", (2, 10), "키와 같은 줄에서 시작할 수 없습니다"),
        ("meta:\n  title: | 내용\n    more\n", (2, 12), "'|'나 '>' 뒤의 글은 다음 줄부터"),
        ("meta:\n  title: !x!y 1\n", (2, 10), "YAML 태그로 읽힙니다"),
        ("meta:\n  title: x\n...\nowner: y\n", (4, 1), "'...' 줄을 지우세요"),
        ("%YAML 2.0\n---\nmeta:\n  title: x\n", (1, 1), "'%YAML' 줄을 지우세요"),
    ],
)
def test_a_syntax_error_points_where_the_mistake_was_made_and_says_it_in_korean(
    tmp_path, monkeypatch, libyaml, text, where, said
):
    """An unclosed quote or bracket is noticed at the end of the file: the report points
    at where it was opened; libyaml's English is said in the reader's language."""
    monkeypatch.setattr(yaml, "__with_libyaml__", libyaml and yaml.__with_libyaml__)
    [found] = validate_file(write(tmp_path, text)).diagnostics
    assert (found.code, found.line, found.column) == ("E004", *where)
    assert said in found.message("ko")


def test_missing_file_and_folder(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = validate(missing)
    assert f"{missing}: error[E001]" in result.output
    result = validate(tmp_path)
    assert f"{tmp_path}: error[E001]" in result.output


def test_hostile_input_in_json_format(tmp_path):
    path = write(tmp_path, billion_laughs())
    result = validate(path, "--format", "json")
    report = json.loads(result.output)
    assert report["ok"] is False
    first = report["diagnostics"][0]
    assert (first["code"], first["file"], first["line"], first["column"]) == (
        "E006",
        str(path),
        1,
        4,
    )


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(
    "text,where",
    [
        ("meta:\n  title: [", (2, 11)),  # no final line break: the end of the last line
        ("meta:\n  title: [\n", (3, 1)),  # after the final line break: the empty last line
        ("a: b\r\r\rc", (4, 1)),  # old Mac line ends
    ],
)
def test_syntax_error_at_the_end_points_inside_the_file(
    tmp_path, monkeypatch, libyaml, text, where
):
    """libyaml places the end of a file without a final line break on a line after it."""
    monkeypatch.setattr(yaml, "__with_libyaml__", libyaml and yaml.__with_libyaml__)
    [found] = validate_file(write(tmp_path, text)).diagnostics
    assert (found.code, found.line, found.column) == ("E004", *where)


def test_an_invisible_character_is_a_warning_at_its_place_unless_written_as_an_escape():
    """A zero-width space pasted into a text is a warning (W014) at its own column; written
    as an escape it is deliberate and not reported."""
    raw = loads("meta:\n  title: 고객\u200b응대 매뉴얼\n", "s.yaml")
    assert [(d.code, d.line, d.column) for d in raw.warnings] == [("W014", 2, 12)]
    assert "U+200B (ZERO WIDTH SPACE)" in raw.warnings[0].message("ko")
    escaped = loads('meta:\n  title: "고객\\u200b응대 매뉴얼"\n', "s.yaml")
    assert escaped.warnings == [] and "\u200b" in escaped.data["meta"]["title"]


def test_decomposed_hangul_is_read_composed():
    """Hangul in jamo (NFD, as text copied on a Mac can be) reads as the composed syllables
    every search, diff and rule compares with; positions stay those of the file."""
    import unicodedata

    name = "큰 소리로 항의하는 고객"
    source = loads(f"meta:\n  title: {unicodedata.normalize('NFD', name)}\n  owner: 팀\n", "s")
    assert source.data["meta"]["title"] == name
    assert source.values[("meta", "owner")] == Span(3, 10)


def test_a_merge_key_is_one_problem_not_a_tag_a_key_and_an_alias():
    text = "base: &b\n  x: 1\nmeta:\n  <<: *b\n"
    with pytest.raises(LoadError) as raised:
        loads(text, "m.yaml")
    found = [(d.code, d.line, d.column) for d in raised.value.diagnostics]
    # the anchor is its own problem; the merge key and its alias are one
    assert found == [("E006", 1, 7), ("E014", 4, 3)]


def test_a_surrogate_pair_escape_says_how_to_write_the_character():
    with pytest.raises(LoadError) as raised:
        loads('title: "웃음 \\ud83d\\ude00"\n', "m.yaml")
    [found] = raised.value.diagnostics
    assert found.code == "E004"
    assert "surrogate" in found.message("en")
    assert "\\U0001F600" in found.hint("en") and "indentation" not in found.hint("en")
    # an unknown libyaml problem keeps the general advice
    with pytest.raises(LoadError) as raised:
        loads("a: b\n c: d\n", "m.yaml")
    assert "indentation" in raised.value.diagnostics[0].hint("en")
