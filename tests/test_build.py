"""The build pipeline: outputs written together and atomically, never half or stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual.build import build
from csmanual.cli import main
from csmanual.project import Project
from csmanual.theme import ThemeError

EXAMPLE = Path(__file__).parents[1] / "cli" / "csmanual" / "examples" / "manual.ko.yaml"


def example_with(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    source = tmp_path / "manual.yaml"
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    return source


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_build_writes_html_and_reports_it(tmp_path):
    result = build(Project(EXAMPLE), ["html"], tmp_path / "out")
    assert result.ok
    [output] = result.outputs
    assert output.path == tmp_path / "out" / "manual.html"
    assert output.size == output.path.stat().st_size > 0
    assert leftovers(tmp_path / "out") == []


def test_validation_error_leaves_previous_output_untouched(tmp_path):
    out = tmp_path / "out"
    build(Project(EXAMPLE), ["html"], out)
    before = (out / "manual.html").read_bytes()
    broken = example_with(tmp_path, "name: 상담 담당자", "name: ''")
    result = build(Project(broken), ["html"], out)
    assert not result.ok and result.outputs == []
    assert any(d.code == "E104" for d in result.diagnostics)
    assert (out / "manual.html").read_bytes() == before
    assert leftovers(out) == []


def test_template_error_leaves_previous_output_untouched(tmp_path):
    out = tmp_path / "out"
    build(Project(EXAMPLE), ["html"], out)
    before = (out / "manual.html").read_bytes()
    theme = tmp_path / "theme" / "html"
    theme.mkdir(parents=True)
    (theme / "manual.html.j2").write_text("{{ manual.nothing_here }}", encoding="utf-8")
    with pytest.raises(ThemeError):
        build(Project(EXAMPLE, tmp_path / "theme"), ["html"], out)
    assert (out / "manual.html").read_bytes() == before
    assert leftovers(out) == []


@pytest.mark.parametrize(
    "payload, escaped",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("{{ 7*7 }}", "{{ 7*7 }}"),
    ],
)
def test_source_text_is_shown_literally(tmp_path, payload, escaped):
    source = example_with(tmp_path, "name: 큰 소리로 항의하는 고객", f"name: '{payload}'")
    result = build(Project(source), ["html"], tmp_path / "out")
    assert result.ok, result.diagnostics
    page = (tmp_path / "out" / "manual.html").read_text(encoding="utf-8")
    assert escaped in page
    assert payload not in page or payload == escaped
    assert "49" not in page.split(escaped)[0][-20:]


def test_cli_build_exit_codes_and_messages(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "a")])
    assert ok.exit_code == 0, ok.output
    assert "manual.html" in ok.output
    broken = example_with(tmp_path, 'version: "1.0"              #', "version: 1.0  #")
    bad = runner.invoke(main, ["build", str(broken), "--out", str(tmp_path / "b")])
    assert bad.exit_code == 1
    assert "E105" in bad.output
    assert not (tmp_path / "b" / "manual.html").exists()
    usage = runner.invoke(main, ["build", str(EXAMPLE), "--format", "odt"])  # no such format
    assert usage.exit_code == 2
    theme = runner.invoke(main, ["build", str(EXAMPLE), "--theme", str(tmp_path / "none")])
    assert theme.exit_code == 1 and "error[E751]" in theme.output


def test_cli_context_prints_the_template_variables(tmp_path):
    import json

    result = CliRunner().invoke(main, ["context", str(EXAMPLE)])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["lang"] == "ko"
    assert data["manual"]["meta"]["document_id"] == "CS-MAN-001"
    # text references are expanded, ids joined, durations spelt out
    assert "24시간 이내" in data["manual"]["faqs"][0]["answer"]
    assert data["manual"]["channels"][0]["deadline_within"] == "24시간"
    assert data["manual"]["claim_steps"][0]["owner_name"] == "상담 담당자"
    assert [r["id"] for r in data["escalation"]] == ["agent", "team-lead"]


def test_unchanged_inputs_render_nothing_and_force_rebuilds(tmp_path):
    out = tmp_path / "out"
    first = build(Project(EXAMPLE), ["html"], out)
    assert first.outputs and not first.up_to_date
    again = build(Project(EXAMPLE), ["html"], out)
    assert again.up_to_date and again.outputs == []
    forced = build(Project(EXAMPLE), ["html"], out, force=True)
    assert not forced.up_to_date and [o.format for o in forced.outputs] == ["html"]


def test_a_changed_theme_or_a_touched_output_triggers_a_rebuild(tmp_path):
    out = tmp_path / "out"
    build(Project(EXAMPLE), ["html"], out)
    theme = tmp_path / "theme"
    (theme / "html").mkdir(parents=True)
    (theme / "html" / "manual.html.j2").write_text("<p>{{ manual.meta.title }}</p>", "utf-8")
    rebuilt = build(Project(EXAMPLE, theme), ["html"], out)
    assert not rebuilt.up_to_date
    assert (out / "manual.html").read_text("utf-8") == "<p>고객응대 매뉴얼</p>"
    (out / "manual.html").write_text("edited by hand", "utf-8")
    assert not build(Project(EXAMPLE, theme), ["html"], out).up_to_date
    assert (out / "manual.html").read_text("utf-8") == "<p>고객응대 매뉴얼</p>"


def test_strict_build_writes_nothing_while_there_are_warnings(tmp_path):
    source = example_with(tmp_path, "summary: 최초 작성", "summary: 최초 작성 TODO")
    out = tmp_path / "out"
    result = build(Project(source), ["html"], out, strict=True)
    assert [d.code for d in result.diagnostics] == ["W504"]
    assert result.outputs == [] and not (out / "manual.html").exists()
    relaxed = build(Project(source), ["html"], out)
    assert relaxed.ok and (out / "manual.html").exists()


@pytest.mark.parametrize(
    "template, limit",
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "took longer",
        ),
        ("{% set s = 'x' * 100000 %}{% for i in range(100000) %}{{ s }}{% endfor %}", "memory"),
    ],
)
def test_runaway_template_is_stopped_and_outputs_survive(tmp_path, monkeypatch, template, limit):
    from csmanual.errors import UserError

    out = tmp_path / "out"
    build(Project(EXAMPLE), ["html"], out)
    before = (out / "manual.html").read_bytes()
    theme = tmp_path / "theme" / "html"
    theme.mkdir(parents=True)
    (theme / "manual.html.j2").write_text(template, encoding="utf-8")
    monkeypatch.setenv("CSMANUAL_RENDER_TIMEOUT", "3")
    monkeypatch.setenv("CSMANUAL_RENDER_MEMORY_MB", "400")
    with pytest.raises((UserError, ThemeError), match=limit):
        build(Project(EXAMPLE, tmp_path / "theme"), ["html"], out)
    assert (out / "manual.html").read_bytes() == before
    assert leftovers(out) == []


def test_renderer_warnings_name_the_source_line_of_the_item(tmp_path):
    stress = Path(__file__).parent / "fixtures" / "pptx" / "stress.ko.yaml"
    line = stress.read_text(encoding="utf-8").splitlines().index("- id: very-long") + 1
    result = build(Project(stress), ["pptx"], tmp_path / "out")
    assert result.ok and result.written, result.diagnostics
    said = [d for d in result.diagnostics if d.code.startswith("W7")]
    named = [d for d in said if str(d.args.get("what", "")).startswith("behaviour_types/very-long")]
    assert named and {(d.file, d.line) for d in named} == {(str(stress), line)}, named
    # a slide showing a whole section (a flow diagram) names the section's line
    flow = stress.read_text(encoding="utf-8").splitlines().index("initial_response:") + 1
    diagram = [d for d in said if str(d.args.get("what", "")).startswith("initial_response")]
    assert diagram and {(d.file, d.line) for d in diagram} == {(str(stress), flow)}, diagram


def test_render_children_started_early_are_stopped_when_the_source_has_errors(tmp_path):
    import multiprocessing

    source = example_with(tmp_path, 'version: "1.0"', "version: [1, 0]")
    result = build(Project(source), ["html", "pdf", "pptx"], tmp_path / "out")
    assert not result.ok and result.outputs == []
    assert multiprocessing.active_children() == []  # none left waiting for a context
    assert not (tmp_path / "out").exists()


def test_an_engine_that_fails_to_load_is_reported_from_its_child(tmp_path, monkeypatch):
    import multiprocessing

    from csmanual import render
    from csmanual.errors import UserError

    def broken(name):
        if name == "pdf":  # as when WeasyPrint cannot load Pango
            raise UserError("the pdf renderer cannot start (no libpango)")
        return real(name)

    real = render.get
    monkeypatch.setattr(render, "get", broken)
    with pytest.raises(UserError, match="pdf renderer cannot start"):
        build(Project(EXAMPLE), ["html", "pdf"], tmp_path / "out")
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(tmp_path, monkeypatch):
    """A folder that cannot be made, a disk that fills while writing, a manifest that
    cannot be written: exit 1 and a message naming the folder and what was left as it
    was; no traceback, no temporary file, the earlier outputs unchanged."""
    import errno

    from csmanual import fileio, manifest

    def run(out: Path):
        result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(out), "--force"])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        return result

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = run(blocker / "out")
    assert result.exit_code == 1
    assert f"{blocker / 'out'}: cannot create or open the output folder" in result.output

    out = tmp_path / "out"
    assert run(out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def disk_full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(fileio.os, "fsync", disk_full)
        result = run(out)
    assert result.exit_code == 1
    assert "the files already there are unchanged (No space left on device)" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    def denied(path, data):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    # a manifest that cannot be written at all: found before any output is replaced
    with monkeypatch.context() as patch:
        patch.setattr(manifest, "write_atomic", denied)
        result = run(out)
    assert result.exit_code == 1
    assert "the files already there are unchanged (Permission denied: " in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    # denied only at the end: the outputs are new, and the manifest says the build broke off
    def denied_at_the_end(folder, *args):
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))

    monkeypatch.setattr(manifest, "write", denied_at_the_end)
    result = run(out)
    assert result.exit_code == 1
    assert "the outputs were written but manifest.json was not" in result.output
    assert "Permission denied: " in result.output
    assert leftovers(out) == []
    assert manifest.read(out)["building"] is True
    assert "was interrupted" in manifest.verify(out / "manual.html", None)[0]


def test_a_source_in_decomposed_hangul_builds_the_same_manual(tmp_path):
    import unicodedata

    text = EXAMPLE.read_text(encoding="utf-8")
    decomposed = tmp_path / "nfd.yaml"
    decomposed.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert decomposed.read_text(encoding="utf-8") != text
    build(Project(EXAMPLE), ["html"], tmp_path / "nfc-out")
    build(Project(decomposed), ["html"], tmp_path / "nfd-out")
    assert (tmp_path / "nfd-out" / "manual.html").read_bytes() == (
        tmp_path / "nfc-out" / "manual.html"
    ).read_bytes()


def test_a_renderer_bug_is_an_internal_error_with_the_childs_traceback(tmp_path, monkeypatch):
    """Not the user's mistake: `internal error, please report it` with where it happened in
    the render child, exit 1, the previous outputs kept — not an exception of the parent."""
    from csmanual import build as build_module

    out = tmp_path / "out"
    build(Project(EXAMPLE), ["html"], out)
    before = (out / "manual.html").read_bytes()

    def buggy(name, context, folders):
        return {}["no such key"]  # a KeyError deep in a renderer

    monkeypatch.setattr(build_module, "render_format", buggy)
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(out), "--force"])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "internal error, please report it: rendering html failed" in result.output
    assert "KeyError: 'no such key'" in result.output and "in buggy" in result.output
    assert (out / "manual.html").read_bytes() == before
