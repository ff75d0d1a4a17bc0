"""One invalid fixture per rule code: each breaks one thing in the example manual.

A fixture names what it must produce in its leading comments:

    # expect: E104 line 52 column 10

The test checks that each expected code is reported at that line (and column), and that
no other *error* code appears, so a fixture cannot pass by accident while testing
something else. Codes that a single file cannot show are listed in NOT_A_FIXTURE with
the test that covers them instead; a new rule with neither fails `test_every_rule_is_tested`.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual.cli import main
from csmanual.loader import MAX_BYTES
from csmanual.messages import RULES
from csmanual.validate import validate_file

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
EXAMPLE = Path(__file__).parents[1] / "cli" / "csmanual" / "examples" / "manual.ko.yaml"

# Rules a single source file cannot show, and where each is tested instead.
NOT_A_FIXTURE = {
    "E001": "the source is missing or is a folder: test_e001_* below",
    "E002": "needs more than 16 MB of content: generated in test_e002_file_too_large",
    "E601": "needs two versions of the manual: test_e601_change_not_recorded",
}

_EXPECT = re.compile(r"^#\s*expect:\s*([EW]\d{3})\s+line\s+(\d+)(?:\s+column\s+(\d+))?\s*$")


def expectations(path: Path) -> list[tuple[str, int, int | None]]:
    """The `# expect:` lines at the top of a fixture (read as bytes: E003 is not UTF-8)."""
    found = []
    for raw in path.read_bytes().splitlines():
        if not raw.startswith(b"#"):
            break
        match = _EXPECT.match(raw.decode("ascii", "replace"))
        if match:
            code, line, column = match.groups()
            found.append((code, int(line), int(column) if column else None))
    return found


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.yaml"))


def test_the_example_manual_is_clean():
    """The fixtures are the example with one thing broken: the example itself must pass."""
    result = validate_file(EXAMPLE)
    assert result.diagnostics == []


@pytest.mark.parametrize("fixture", fixture_files(), ids=lambda p: p.stem)
def test_fixture_reports_its_code_at_its_line(fixture: Path):
    expected = expectations(fixture)
    assert expected, f"{fixture.name} has no '# expect: CODE line N' comment"
    assert {code for code, _, _ in expected} == {fixture.stem}, "named after the code it tests"

    result = validate_file(fixture)
    got = [(d.code, d.line, d.column) for d in result.diagnostics]
    for code, line, column in expected:
        at_line = [c for c, ln, _ in got if c == code and ln == line]
        assert at_line, f"{code} expected on line {line}, got {got}"
        if column is not None:
            assert (code, line, column) in got, f"{code} expected at {line}:{column}, got {got}"

    wanted = {code for code, _, _ in expected}
    unexpected = {d.code for d in result.diagnostics if d.level == "error"} - wanted
    assert not unexpected, f"unexpected error codes {unexpected}: {got}"
    for d in result.diagnostics:
        assert d.file == str(fixture)
        assert d.message("ko") and d.message("en")
        assert "{" not in d.message("en"), f"unfilled placeholder in {d.message('en')!r}"


def test_every_rule_is_tested():
    """A new code in messages.RULES needs a fixture (or a reason it cannot have one)."""
    with_fixture = {path.stem for path in fixture_files()}
    missing = set(RULES) - with_fixture - set(NOT_A_FIXTURE)
    assert not missing, f"rules without a fixture in {FIXTURES}: {sorted(missing)}"
    stale = (with_fixture | set(NOT_A_FIXTURE)) - set(RULES)
    assert not stale, f"fixtures or exceptions for codes that no longer exist: {sorted(stale)}"
    assert not with_fixture & set(NOT_A_FIXTURE), "a code is both a fixture and an exception"


def test_warning_fixtures_fail_only_with_strict(tmp_path):
    """Each W-code fixture passes plain validation and fails with --strict."""
    runner = CliRunner()
    for fixture in fixture_files():
        if not fixture.stem.startswith("W"):
            continue
        plain = runner.invoke(main, ["validate", str(fixture)])
        strict = runner.invoke(main, ["validate", "--strict", str(fixture)])
        assert plain.exit_code == 0, (fixture.name, plain.output)
        assert strict.exit_code == 1, (fixture.name, strict.output)
        assert f"error[{fixture.stem}]" in strict.output


# --- the codes that are not fixtures ------------------------------------------------


def test_e001_missing_file(tmp_path):
    missing = tmp_path / "nope.yaml"
    result = validate_file(missing)
    assert [d.code for d in result.diagnostics] == ["E001"]
    assert result.diagnostics[0].file == str(missing)


def test_e001_folder_instead_of_a_file(tmp_path):
    result = validate_file(tmp_path)
    assert [d.code for d in result.diagnostics] == ["E001"]
    assert "folder" in result.diagnostics[0].message("en")


def test_e002_file_too_large(tmp_path):
    big = tmp_path / "manual.yaml"
    with big.open("wb") as stream:  # a comment is valid YAML: only the size is wrong
        stream.write(b"# ")
        stream.write(b"x" * MAX_BYTES)
    result = validate_file(big)
    assert [d.code for d in result.diagnostics] == ["E002"]
    assert "16.0 MB" in result.diagnostics[0].message("en")


def test_e601_change_not_recorded(tmp_path):
    """Content changed since the earlier version but version and revisions did not."""
    earlier = tmp_path / "old.yaml"
    shutil.copy(EXAMPLE, earlier)
    changed = tmp_path / "manual.yaml"
    text = EXAMPLE.read_text("utf-8")
    changed.write_text(
        text.replace("통화 내용을 바로 기록합니다.", "통화 내용을 즉시 기록합니다."), "utf-8"
    )
    version_line = (
        text.splitlines().index('  version: "1.0"              # 버전은 따옴표로 감쌉니다') + 1
    )

    result = CliRunner().invoke(
        main, ["validate", str(changed), "--against", str(earlier), "--format", "json"]
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    [found] = [d for d in report["diagnostics"] if d["code"] == "E601"]
    assert found["line"] == version_line
    assert found["path"] == "meta.version"

    same = CliRunner().invoke(main, ["validate", str(earlier), "--against", str(earlier)])
    assert same.exit_code == 0, same.output


def test_e601_is_a_rule_among_the_rules(tmp_path):
    """E601 lives with the other rules; `diff` keeps only the comparison."""
    from csmanual.rules import unrecorded_change

    earlier = validate_file(EXAMPLE)
    changed = tmp_path / "manual.yaml"
    changed.write_text(
        EXAMPLE.read_text("utf-8").replace("통화 내용을 바로 기록합니다.", "바뀐 문장입니다."),
        "utf-8",
    )
    later = validate_file(changed)
    found = unrecorded_change(earlier.manual, later.manual, later.source, "v1.0")
    assert found is not None and found.code == "E601" and found.path == ("meta", "version")
    assert unrecorded_change(earlier.manual, earlier.manual, earlier.source, "v1.0") is None


# --- content rules despite shape errors ---------------------------------------------------------


def example_with(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) >= 1, old
        text = text.replace(old, new, 1)
    path = tmp_path / "manual.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def codes_at(path: Path) -> list[tuple[str, int]]:
    return sorted((d.code, d.line) for d in validate_file(path).diagnostics)


def test_a_shape_error_does_not_hide_content_problems_elsewhere(tmp_path):
    """A misspelt key in one section, and elsewhere a broken reference, a gap in the
    steps and a version the revisions lack: all four at once."""
    path = example_with(
        tmp_path,
        ("    owner: agent\n\nsegments", "    ownr: agent\n\nsegments"),  # complaint_categories
        ("    escalate_to: team-lead", "    escalate_to: team-leed"),
        ("    number: 1", "    number: 2"),
        ('  version: "1.0"              #', '  version: "1.1"              #'),
    )
    assert codes_at(path) == [("E103", 60), ("E202", 77), ("E401", 94), ("E402", 9)]


@pytest.mark.parametrize(
    "broken,would_say",
    [
        # the step with a shape error is left out: the gap it leaves is not a finding
        (("    number: 1", "    number: one"), "E401"),
        # the role with a shape error is left out: references to it are not findings
        (("  - id: team-lead\n    name:", "  - id: team-lead\n    nme:"), "E202"),
        # the only revision is left out: the version no longer matches the history
        (('    version: "1.0"\n', "    version: [1.0]\n"), "E402"),
        # the deadline is left out: texts that point at it are not findings
        (("    within: 24h", "    within: a day"), "E203"),
        # a whole section of the wrong shape is left out: nothing that points into it is
        (("roles:\n", "roles: {agent: 상담 담당자}\nold_roles:\n"), "E202"),
        # an item whose id is what broke: references to the id it was meant to have wait
        (("  - id: team-lead\n", "  - id: Team-Lead\n"), "E202"),
    ],
)
def test_what_leaving_a_broken_part_out_would_cause_is_not_reported(tmp_path, broken, would_say):
    found = codes_at(example_with(tmp_path, broken))
    assert found and all(code.startswith("E1") for code, _ in found), found
    assert would_say not in {code for code, _ in found}


def test_a_broken_required_part_outside_lists_leaves_the_content_rules_waiting(tmp_path):
    """Without meta.version there is no model to check: only the shape error, even though
    a reference elsewhere is broken too."""
    path = example_with(
        tmp_path,
        ('  version: "1.0"              #', "  # version: gone             #"),
        ("    escalate_to: team-lead", "    escalate_to: team-leed"),
    )
    assert [code for code, _ in codes_at(path)] == ["E101"]


def _every_part(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _every_part(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _every_part(value, (*path, index))
    if path:
        yield path


def test_one_broken_part_never_brings_content_findings_with_it():
    """Every value of the clean example in turn made a list, deleted, or (an id) made
    malformed: the shape error alone is reported, never a content finding that leaving
    the broken part out would cause (the example is otherwise clean)."""
    import copy

    import yaml

    from csmanual.loader import loads
    from csmanual.validate import validate_source

    clean = loads(EXAMPLE.read_text(encoding="utf-8"), "x").data
    cases = 0
    for path in list(_every_part(clean)):
        breaks = [[["x"]], None] + (["Bad Id"] if path[-1] == "id" else [])
        for broken in breaks:
            data = copy.deepcopy(clean)
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            if broken is None:
                del parent[path[-1]]
            else:
                parent[path[-1]] = broken
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            found = validate_source(loads(text, "x")).diagnostics
            if any(d.code.startswith("E1") for d in found):
                cases += 1
                assert [d.code for d in found if not d.code.startswith("E1")] == [], path
    assert cases > 150
