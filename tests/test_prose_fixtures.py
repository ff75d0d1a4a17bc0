"""The prose rules on sources written as CS desks write: one fixture per form, each naming
every finding it must produce, with its line, its column and the words found there:

    # expect: E507 line 106 column 34 at 10일

The test checks that exactly these findings are reported (warnings too), and that the
file holds those words at that line and column: a finding points at the words
themselves, also inside folded (>-) and literal (|) blocks. A negative fixture says
`# expect: nothing`: sentences that must not be flagged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csmanual.validate import validate_file

FIXTURES = Path(__file__).parent / "fixtures" / "prose"
_EXPECT = re.compile(r"^# expect: ([EW]\d{3}) line (\d+) column (\d+) at (\S+)$")


def expectations(path: Path) -> list[tuple[str, int, int, str]] | None:
    found = []
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line == "# expect: nothing":
            return []
        match = _EXPECT.match(line)
        if match:
            code, row, column, words = match.groups()
            found.append((code, int(row), int(column), words))
    return found or None


def fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("*.yaml"))


def test_there_is_a_fixture_per_form():
    names = {path.name.split(".")[0] for path in fixtures()}
    assert {
        "durations_markers",
        "durations_native",
        "durations_subject",
        "durations_counts",
        "positions",
        "counts",
        "speech",
        "signatures",
        "negative",
    } <= names


@pytest.mark.parametrize("fixture", fixtures(), ids=lambda p: p.stem)
def test_fixture_reports_exactly_its_findings_at_their_words(fixture: Path):
    expected = expectations(fixture)
    assert expected is not None, f"{fixture.name} names no '# expect:'"
    lines = fixture.read_text("utf-8").splitlines()
    for code, row, column, words in expected:
        # the header says what stands there: the expectation cannot drift from the text
        assert lines[row - 1][column - 1 :].startswith(words), (code, row, column, words)

    found = validate_file(fixture).diagnostics
    got = sorted((d.code, d.line, d.column) for d in found)
    assert got == sorted((code, row, column) for code, row, column, _ in expected)
    for diagnostic in found:
        for lang in ("ko", "en"):
            said = diagnostic.message(lang)
            assert said and "{" not in said, said


def test_negative_fixtures_are_clean_even_with_strict():
    from click.testing import CliRunner

    from csmanual.cli import main

    for fixture in FIXTURES.glob("negative.*.yaml"):
        result = CliRunner().invoke(main, ["validate", "--strict", str(fixture)])
        assert result.exit_code == 0, result.output


def test_a_long_real_world_source_is_clean_with_strict():
    """A telecom desk's (ko) and a shop's (en) manual written as desks write them:
    durations that are no limits, counts of other things, references, polite phrases.
    No false alarm."""
    from click.testing import CliRunner

    from csmanual.cli import main

    for source in sorted((FIXTURES / "realworld").glob("*.yaml")):
        result = CliRunner().invoke(main, ["validate", "--strict", str(source)])
        assert result.exit_code == 0, result.output
