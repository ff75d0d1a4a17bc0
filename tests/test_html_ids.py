"""Every id of the HTML page names one element (W730 when two share one).

A link (`#main`, the contents' `#type-loud-complainer`), `aria-labelledby` and the search
find only the first element with an id, so a shared id breaks the page without any
error. The manual's own sections make most of them: their ids are the writer's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from csmanual.build import build
from csmanual.project import Project

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml"
CUSTOM = "  - id: compensation\n"


def html_problems(source: Path, out: Path, theme: Path | None = None) -> list:
    project = Project(source, theme=theme)
    result = build(project, ["html"], out, force=True)
    assert result.ok, [d.code for d in result.diagnostics]
    return [d for d in result.diagnostics if d.code == "W730"]


def with_custom_section(tmp_path: Path, section: str) -> tuple[Path, int]:
    """The English example with its own section's id and items replaced; the source and
    the line of that section's id."""
    text = EXAMPLE.read_text("utf-8")
    assert CUSTOM in text
    source = tmp_path / "manual.yaml"
    source.write_text(text.replace(CUSTOM, section, 1), "utf-8")
    line = text[: text.index(CUSTOM)].count("\n") + 1
    return source, line


@pytest.mark.parametrize(
    ("section", "shared"),
    [
        # the page's own <main id="main">
        ("  - id: main\n", "main"),
        # an item anchor of the section `type` beside the behaviour type's `type-…`
        (
            "  - id: type\n    items:\n      - id: loud-complainer\n"
            "        title: Loud\n        text: A note.\n",
            "type-loud-complainer",
        ),
    ],
)
def test_a_custom_section_whose_id_the_page_already_uses_is_named(tmp_path, section, shared):
    source, line = with_custom_section(tmp_path, section)
    found = html_problems(source, tmp_path / "out")
    assert [(d.args["id"], d.args["count"]) for d in found] == [(shared, 2)]
    assert (Path(found[0].file).resolve(), found[0].line) == (source.resolve(), line)
    page = (tmp_path / "out" / "manual.html").read_text("utf-8")
    assert page.count(f'id="{shared}"') == 2  # the warning describes the page as written


def test_a_template_that_writes_an_id_twice_is_named_at_the_template(tmp_path):
    theme = tmp_path / "theme" / "html"
    theme.mkdir(parents=True)
    template = theme / "manual.html.j2"
    template.write_text(
        '{% extends "!default/html/manual.html.j2" %}\n'
        '{% block search %}<p id="note">one</p><p id="note">two</p>{{ super() }}{% endblock %}\n',
        "utf-8",
    )
    found = html_problems(EXAMPLE, tmp_path / "out", tmp_path / "theme")
    assert [(d.args["id"], d.file, d.line) for d in found] == [("note", str(template), None)]


@pytest.mark.parametrize(
    "source",
    [
        ROOT / "source" / "manual.yaml",
        EXAMPLE,
        ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml",
        ROOT / "tests" / "fixtures" / "orgs" / "hospital.ko.yaml",
        ROOT / "tests" / "fixtures" / "orgs" / "saas.en.yaml",
    ],
    ids=lambda path: path.stem,
)
def test_no_id_is_shared_in_the_manuals_we_ship_and_test(source, tmp_path):
    assert html_problems(source, tmp_path / "out") == []
