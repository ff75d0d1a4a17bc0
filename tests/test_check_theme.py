"""`csmanual check-theme`: a designer's dry run lists every format's problems, writes nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from csmanual.cli import main

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
MASTER = ROOT / "templates" / "pptx" / "master.pptx"


def check(*args: str):
    return CliRunner().invoke(main, ["check-theme", str(EXAMPLE), *args])


def broken_theme(tmp_path: Path) -> Path:
    """A master with two layouts renamed and an HTML block that uses an unknown variable."""
    theme = tmp_path / "theme"
    (theme / "pptx").mkdir(parents=True)
    prs = Presentation(str(MASTER))
    for layout in prs.slide_layouts:
        if layout.name in ("card", "flow"):
            layout.name = f"{layout.name} (branded)"
    prs.save(str(theme / "pptx" / "master.pptx"))
    (theme / "html").mkdir()
    (theme / "html" / "manual.html.j2").write_text(
        '{% extends "!default/html/manual.html.j2" %}\n'
        "{% block faqs %}\n{{ manual.no_such_section }}\n{% endblock %}\n",
        encoding="utf-8",
    )
    return theme


def test_the_default_theme_passes():
    result = check("--format", "html,pptx")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["html: ok", "pptx: ok"]


def test_every_problem_of_every_format_is_listed(tmp_path):
    theme = broken_theme(tmp_path)
    result = check("--theme", str(theme), "--format", "html,pptx")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "html: FAILED"
    template = theme / "html" / "manual.html.j2"
    assert lines[1].startswith(f"  {template}:3: error[E750] "), lines[1]
    assert "no_such_section" in lines[1]
    master = theme / "pptx" / "master.pptx"
    pptx = lines[lines.index("pptx: FAILED") + 1 :]
    missing = [line for line in pptx if line.startswith(f"  {master}: error[E709] ")]
    assert len(missing) == 2, pptx
    assert "'card'" in missing[0] and "'flow'" in missing[1], missing
    assert "Traceback" not in result.output
    written = sorted(p.name for p in tmp_path.rglob("*"))
    assert written == sorted(["theme", "pptx", "master.pptx", "html", "manual.html.j2"])


def test_a_source_with_errors_is_reported_first(tmp_path):
    source = tmp_path / "manual.yaml"
    source.write_text("meta: {}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check-theme", str(source)])
    assert result.exit_code == 1
    assert "fix the source first" in result.output
    assert f"{source}:1:" in result.output


def test_a_missing_theme_folder_is_a_clear_error(tmp_path):
    nowhere = tmp_path / "nowhere"
    result = check("--theme", str(nowhere))
    assert result.exit_code == 1
    assert f"{nowhere}: error[E751] " in result.output and "Traceback" not in result.output
    english = check("--theme", str(nowhere), "--lang", "en")
    assert f"{nowhere}: error[E751] theme folder not found: {nowhere}" in english.output


def test_a_misspelt_label_is_named_with_the_word_it_probably_meant(tmp_path):
    """A labels.yaml key the default theme lacks and no template of the theme names is
    never used by a build: check-theme warns at its line, with the nearest known word. A
    theme's own new word, used by its template, is fine."""
    theme = tmp_path / "theme"
    (theme / "html").mkdir(parents=True)
    (theme / "labels.yaml").write_text(
        "contents: {ko: 차례}\ntrait: {ko: 특성}\nmy_note: {ko: 참고}\n", encoding="utf-8"
    )
    (theme / "html" / "manual.html.j2").write_text(
        '{% extends "!default/html/manual.html.j2" %}\n'
        "{% block faqs %}{{ labels.my_note }}{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    result = check("--theme", str(theme), "--format", "html", "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "labels: check"
    assert lines[1] == (
        f"  {theme / 'labels.yaml'}:2:1: warning[W750] 'trait' is not a word of the default "
        "theme and no template of this theme uses it."
    )
    assert lines[2:4] == ["    2 | trait: {ko: 특성}", "      | ^"]  # the line, a caret
    assert lines[4] == "      hint: did you mean 'traits'?"
    assert "my_note" not in result.output and "contents" not in result.output
    assert "html: ok" in lines
    korean = check("--theme", str(theme), "--format", "html")  # the manual's language
    assert korean.exit_code == 0, korean.output
    assert f"{theme / 'labels.yaml'}:2:1: warning[W750] 'trait'" in korean.output
    assert "'traits'" in korean.output and "did you mean" not in korean.output
