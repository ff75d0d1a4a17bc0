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
    # the prose rules: one fixture per form under fixtures/prose, each naming line and column
    "E507": "test_prose_fixtures.py (durations_subject, durations_native, positions)",
    "E508": "test_prose_fixtures.py (counts.ko, durations_counts.en, positions)",
    "W509": "test_prose_fixtures.py (signatures.ko)",
    "E510": "test_prose_fixtures.py (signatures.ko)",
    "E511": "test_prose_fixtures.py (signatures.ko)",
    "W512": "test_prose_fixtures.py (speech.ko)",
    "W513": "test_prose_fixtures.py (speech.ko)",
    "E514": "test_prose_fixtures.py (speech.ko)",
    # the renderers' and the theme's problems need a theme, a master or a render child:
    # each names the test that triggers it and asserts its code and place ("file::test")
    "W701": "test_pdf.py::test_css_the_engine_ignores_is_reported_with_file_line_and_column; "
    "test_theme_diagnostics.py::test_a_renderer_warning_is_printed_and_strict_makes_it_stop_the_build",
    "W702": "test_theme_diagnostics.py::test_an_engine_warning_without_a_position_is_w702",
    "W703": "test_pdf.py::test_harfbuzz_hint_when_the_subsetter_is_missing",
    "W704": "test_pdf.py::test_a_long_card_is_set_denser_or_named",
    "W705": "test_pptx.py::test_an_item_too_long_for_any_slide_is_a_warning_naming_it",
    "W706": "test_theme_diagnostics.py::test_slide_text_too_long_for_its_shape_is_named",
    "W707": "test_pptx.py::test_a_master_font_found_nowhere_is_a_warning",
    "W708": "test_render_diagnostics.py::test_a_layout_without_a_footer_is_a_warning_at_the_master",
    "W709": "test_theme_diagnostics.py::test_slide_text_too_long_for_its_shape_is_named",
    "W710": "test_theme_diagnostics.py::test_a_step_description_too_long_for_the_diagram_is_w710",
    "W711": "test_theme_diagnostics.py::test_text_beyond_the_paper_is_w711",
    "W730": "test_html_ids.py::test_a_custom_section_whose_id_the_page_already_uses_is_named",
    "E702": "test_pdf.py::test_a_refused_url_is_located_where_the_theme_writes_it; "
    "adversarial/test_adversarial.py::test_hostile_pdf_theme_is_refused",
    "E703": "test_pdf.py::test_a_theme_file_the_stylesheet_names_but_the_theme_lacks",
    "E704": "test_pdf.py::test_a_theme_that_fetches_outside_fails_the_build",
    "E705": "test_pdf.py::test_attachments_are_refused; "
    "adversarial/test_adversarial.py::test_hostile_pdf_theme_is_refused",
    "E706": "test_pdf.py::test_a_missing_glyph_is_located_in_the_source_when_the_build_says_where_it_is",  # noqa: E501
    "E707": "test_theme_diagnostics.py::test_cards_without_behaviour_types_are_e707",
    "E708": "test_theme_diagnostics.py::test_a_broken_font_in_the_theme_is_e708_at_the_font",
    "E709": "test_pptx.py::test_renamed_layout_stops_the_build_naming_it; "
    "test_check_theme.py::test_every_problem_of_every_format_is_listed",
    "E710": "test_pptx.py::test_check_master_names_a_missing_placeholder",
    "E711": "test_pptx.py::test_a_master_that_is_not_a_presentation_is_named",
    "E712": "test_pptx.py::test_a_master_that_inflates_beyond_the_limit_is_refused_unopened; "
    "adversarial/test_adversarial.py::test_pptx_master_zip_bomb_is_refused",
    "E713": "test_pptx.py::test_master_theme_entities_are_not_resolved",
    "E714": "test_theme_diagnostics.py::test_no_font_to_measure_slide_text_is_e714",
    "E715": "test_docx.py::test_a_reference_that_is_not_a_word_document_is_e715",
    "E716": "test_docx.py::test_a_hostile_reference_is_refused",
    "E717": "test_docx.py::test_a_hostile_reference_is_refused",
    "E718": "test_docx.py::test_a_hostile_reference_is_refused",
    "E719": "test_docx.py::test_check_theme_names_every_missing_style",
    "E720": "test_docx.py::test_a_style_of_the_wrong_kind_is_e720",
    "W712": "test_docx.py::test_a_reference_without_an_east_asian_font_warns_w712",
    "W713": "test_docx.py::test_a_designers_heading_colour_and_font_reach_the_output",
    "E740": "test_palette.py::test_a_value_csmanual_cannot_use_is_named_at_its_line",
    "E741": "test_palette.py::test_a_value_csmanual_cannot_use_is_named_at_its_line",
    "E742": "test_palette.py::test_a_value_csmanual_cannot_use_is_named_at_its_line",
    "E743": "test_palette.py::test_a_value_csmanual_cannot_use_is_named_at_its_line",
    "W740": "test_palette.py::test_a_font_found_nowhere_is_a_warning_at_its_line",
    "E745": "test_glyph_fallback.py::test_a_list_bullet_the_theme_fonts_lack_stops_the_pdf",
    "E746": "test_glyph_fallback.py::test_a_generated_character_no_font_has_is_an_empty_box_e746",
    "E750": "test_theme.py::test_undefined_variable_names_template_file_and_line; "
    "adversarial/test_adversarial.py::test_hostile_html_theme_is_refused",
    "E751": "test_theme.py::test_missing_theme_folder_is_a_clear_error; "
    "test_check_theme.py::test_a_missing_theme_folder_is_a_clear_error",
    "E752": "test_theme.py::test_a_file_no_theme_folder_has_is_named_with_the_folders_searched",
    "E753": "test_theme.py::test_asset_paths_cannot_climb_out; "
    "adversarial/test_adversarial.py::test_theme_file_pointing_out_of_the_theme",
    "E754": "test_theme.py::test_a_label_the_build_could_not_use_is_an_error_at_its_place",
    "E755": "test_theme.py::test_a_label_the_build_could_not_use_is_an_error_at_its_place",
    "E756": "test_theme.py::test_a_label_the_build_could_not_use_is_an_error_at_its_place",
    "W750": "test_check_theme.py::test_a_misspelt_label_is_named_with_the_word_it_probably_meant",
    "E757": "test_project.py::test_a_malformed_omission_is_an_error_at_its_place",
    "E758": "adversarial/test_probe.py::test_an_output_that_would_replace_the_source_is_refused",
    "E759": "adversarial/test_probe.py::test_an_output_folder_inside_the_theme_is_refused",
    "E701": "test_theme_diagnostics.py::"
    "test_a_value_the_engine_cannot_draw_is_e701_at_the_stylesheet",
    "E790": "test_theme_diagnostics.py::test_a_render_limit_is_a_diagnostic_without_a_place; "
    "adversarial/test_adversarial.py::test_hostile_html_theme_is_refused",
    "E791": "test_theme_diagnostics.py::test_a_render_limit_is_a_diagnostic_without_a_place; "
    "adversarial/test_adversarial.py::test_hostile_html_theme_is_refused",
    "E792": "test_theme_diagnostics.py::test_a_render_limit_is_a_diagnostic_without_a_place",
    "E793": "adversarial/test_probe.py::test_too_many_items_are_refused_before_rendering",
    "E794": "adversarial/test_probe.py::test_a_text_too_long_is_refused_at_its_line",
    # a project's settings file (csmanual.yaml), not the source: one test each
    "E770": "test_project_settings.py::test_e770_settings_that_are_not_key_value_lines",
    "E771": "test_project_settings.py::test_e771_an_unknown_setting_says_the_one_meant",
    "E772": "test_project_settings.py::test_e772_a_setting_of_the_wrong_kind",
    "E773": "test_project_settings.py::test_e773_an_unknown_format_is_named_at_its_place",
    "E774": "test_project_settings.py::test_e774_a_theme_folder_that_is_not_there",
    "E775": "test_project_settings.py::test_e775_an_unknown_language",
    # the Hangul edition's reference document (hwpx/reference.hwpx)
    "E727": "test_hwpx.py::test_a_reference_that_is_no_zip_is_e727",
    "E728": "test_hwpx.py::test_a_zip_bomb_reference_is_refused_before_it_is_read",
    "E729": "test_hwpx.py::test_a_reference_with_scripts_is_refused",
    "E730": "test_hwpx.py::test_a_reference_linking_outside_is_refused",
    "E731": "test_hwpx.py::test_every_style_the_plan_needs_that_the_reference_lacks_is_named; "
    "test_hwpx.py::test_check_theme_names_the_missing_style",
    "W720": "test_hwpx.py::test_a_reference_font_the_theme_lacks_is_w720",
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
        assert f"warning[{fixture.stem}]" in strict.output
        assert "(--strict: 경고도 오류로 봅니다)" in strict.output.splitlines()[-1]


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
    # reading warnings (W0xx) say what is written, e.g. W016 for "a day  # comment"; they
    # are no finding of the content rules
    found = [f for f in codes_at(example_with(tmp_path, broken)) if not f[0].startswith("W0")]
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


def test_e204_points_at_the_stray_brackets_not_the_start_of_the_text(tmp_path):
    text = EXAMPLE.read_text("utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("  summary:"))
    original = text.splitlines()[line - 1]
    broken = original.replace("summary: ", "summary: 앞말 뒷말]] ", 1)
    source = tmp_path / "manual.yaml"
    source.write_text(text.replace(original, broken, 1), encoding="utf-8")
    [found] = [d for d in validate_file(source).diagnostics if d.code == "E204"]
    assert (found.line, found.column) == (line, broken.index("]]") + 1)
    assert found.args["text"].startswith("]]")


def test_e501_lists_each_deadline_with_its_time_apart_from_the_next(tmp_path):
    saas = Path(__file__).parent / "fixtures" / "orgs" / "saas.en.yaml"
    text = saas.read_text("utf-8").replace(
        "answer: Within [[deadlines.p1-first]], day or night.",
        "answer: Within 3 hours, day or night.",
    )
    source = tmp_path / "manual.yaml"
    source.write_text(text, encoding="utf-8")
    [found] = [d for d in validate_file(source).diagnostics if d.code == "E501"]
    said = found.message("en")
    assert "Answer a phone call (60 seconds); First reply to a P1 ticket (15 minutes);" in said


def test_e203_says_a_present_section_cannot_be_referenced_rather_than_missing(tmp_path):
    text = EXAMPLE.read_text("utf-8")
    source = tmp_path / "manual.yaml"
    source.write_text(
        text.replace("summary: 최초 작성", "summary: 최초 작성 [[privacy.minimum]]", 1), "utf-8"
    )
    [found] = [d for d in validate_file(source).diagnostics if d.code == "E203"]
    said = found.message("en")
    assert "items of 'privacy' cannot be referenced" in said and "no section" not in said
    assert "roles" in said and "deadlines" in said  # the sections that can
