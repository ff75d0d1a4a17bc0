"""The PPTX training deck: built on the master, reopened with python-pptx, checked by content.

The slow tests convert the deck with LibreOffice and read the PDF with poppler: one page
per slide, and no word outside the page.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from csmanual.build import build
from csmanual.context import build_context
from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.errors import UserError
from csmanual.project import Project
from csmanual.render.pptx import PptxRenderer, check_master
from csmanual.theme import Theme, ThemeError
from csmanual.validate import validate_file

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
EXAMPLE_EN = ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml"
STRESS = Path(__file__).parent / "fixtures" / "pptx" / "stress.ko.yaml"
SAMPLE = ROOT / "source" / "manual.yaml"
MASTER = ROOT / "templates" / "pptx" / "master.pptx"
TEXT_LAYOUTS = ("section", "closing")  # slides without speaker notes


def context_of(source: Path, theme: Theme) -> dict:
    result = validate_file(source)
    assert result.manual is not None, [str(d) for d in result.diagnostics]
    return build_context(result.manual, theme.labels(result.manual.meta.language))


def render(
    source: Path = EXAMPLE, theme_dir: Path | None = None, context: dict | None = None
) -> tuple[bytes, list[Diagnostic]]:
    theme = Theme.locate(theme_dir)
    renderer = PptxRenderer()
    data = renderer.render(context or context_of(source, theme), theme)
    return data, renderer.diagnostics


def deck(data: bytes):
    return Presentation(io.BytesIO(data))


def titles(prs) -> list[str]:
    return [
        s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in prs.slides
    ]


@pytest.fixture(scope="module")
def example():
    data, warnings = render()
    return data, warnings, deck(data)


@pytest.fixture(scope="module")
def stress():
    data, warnings = render(STRESS)
    return data, warnings, deck(data)


# --- content ------------------------------------------------------------------------------


def test_deck_reopens_with_one_slide_per_step_and_type(example):
    _, warnings, prs = example
    assert warnings == []
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[0] == "title" and layouts[-1] == "closing"
    assert {"content", "two-content", "flow", "card", "section"} <= set(layouts)
    manual = context_of(EXAMPLE, Theme.locate())["manual"]
    all_titles = titles(prs)
    for step in manual["claim_steps"]:
        assert any(step["name"] in t and str(step["number"]) in t for t in all_titles)
    cards = [s for s in prs.slides if s.slide_layout.name == "card"]
    assert [c.shapes.title.text_frame.text for c in cards] == [
        t["name"] for t in manual["behaviour_types"]
    ]
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000  # 16:9


def test_every_run_has_korean_language_and_east_asian_typeface(example):
    _, _, prs = example
    runs = 0
    for slide in prs.slides:
        parts = [slide.element]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.element)
        for element in parts:
            for run in element.iter(qn("a:r"), qn("a:fld")):
                rpr = run.find(qn("a:rPr"))
                assert rpr is not None and rpr.get("lang") == "ko-KR", run.findtext(qn("a:t"))
                ea = rpr.find(qn("a:ea"))
                assert ea is not None and ea.get("typeface"), run.findtext(qn("a:t"))
                runs += 1
    assert runs > 100


def test_every_paragraph_breaks_korean_between_words_only(example):
    """eaLnBrk="0" on every paragraph of the slides (placeholders, diagram boxes, tables,
    footer) and the notes: the master's default text style says "1", with which PowerPoint
    breaks Korean between any two syllables."""
    _, _, prs = example
    presentation = prs.part._element
    assert presentation.find(f".//{qn('a:lvl1pPr')}").get("eaLnBrk") == "1"  # what we override
    paragraphs = 0
    for slide in prs.slides:
        notes = [slide.notes_slide.element] if slide.has_notes_slide else []
        for element in (slide.element, *notes):
            for p in element.iter(qn("a:p")):
                ppr = p.find(qn("a:pPr"))
                assert ppr is not None and ppr.get("eaLnBrk") == "0", etree.tostring(p)[:200]
                paragraphs += 1
    assert paragraphs > 100


def test_master_theme_pairs_the_korean_font_with_a_latin_one():
    prs = Presentation(str(MASTER))
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    ).blob
    assert b'<a:ea typeface="NanumGothic"/>' in theme
    assert b'<a:font script="Hang" typeface="NanumGothic"/>' in theme
    assert b'<a:latin typeface="Noto Sans"/>' in theme  # an English deck's Latin face
    assert {layout.name for layout in prs.slide_layouts} == {
        "title",
        "section",
        "content",
        "two-content",
        "flow",
        "card",
        "closing",
    }


def test_speaker_notes_on_every_content_slide(example):
    _, _, prs = example
    for number, slide in enumerate(prs.slides, 1):
        if slide.slide_layout.name in TEXT_LAYOUTS:
            continue
        assert slide.has_notes_slide, f"slide {number} has no notes"
        assert slide.notes_slide.notes_text_frame.text.strip(), f"slide {number} notes empty"


def test_footer_has_document_id_and_version_and_slide_number(example):
    _, _, prs = example
    for number, slide in enumerate(prs.slides, 1):
        names = {shape.name: shape for shape in slide.shapes}
        assert "CS-MAN-001" in names["footer"].text_frame.text
        assert "1.0" in names["footer"].text_frame.text
        assert names["slide number"].text_frame.text == str(number)


def test_claim_steps_drawn_as_editable_chevrons(example):
    _, _, prs = example
    manual = context_of(EXAMPLE, Theme.locate())["manual"]
    chevrons = [
        s
        for s in prs.slides
        if any(
            sh.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
            and sh.auto_shape_type in (MSO_SHAPE.CHEVRON, MSO_SHAPE.PENTAGON)
            for sh in s.shapes
        )
    ]
    assert len(chevrons) == 1
    shapes = [sh for sh in chevrons[0].shapes if sh.name.startswith("step ")]
    labels = [sh.text_frame.text for sh in shapes if not sh.name.endswith(" text")]
    assert labels == [f"{s['number']}. {s['name']}" for s in manual["claim_steps"]]
    texts = [sh.text_frame.text for sh in shapes if sh.name.endswith(" text")]
    assert texts == [s["summary"] for s in manual["claim_steps"]]  # each step's summary
    assert not any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for s in prs.slides for sh in s.shapes)


def test_follow_up_lifecycle_is_boxes_with_arrows(example):
    _, _, prs = example
    manual = context_of(EXAMPLE, Theme.locate())["manual"]
    statuses = [s["name"] for s in manual["follow_up"]["statuses"]]
    for slide in prs.slides:
        labels = [
            sh.text_frame.text
            for sh in slide.shapes
            if sh.name.startswith("step ") and not sh.name.endswith(" text")
        ]
        if labels == statuses:
            arrows = [sh for sh in slide.shapes if sh.name.startswith("arrow ")]
            assert len(arrows) == len(statuses) - 1
            assert all(a.auto_shape_type == MSO_SHAPE.RIGHT_ARROW for a in arrows)
            return
    pytest.fail("no follow-up diagram with the statuses")


def test_deadlines_table(example):
    _, _, prs = example
    tables = [sh.table for s in prs.slides for sh in s.shapes if sh.has_table]
    cells = [[c.text for c in row.cells] for t in tables for row in t.rows]
    assert ["응답 기한", "불만 첫 응답", "24시간", "전화"] in cells  # kind, name, time, channels


def test_english_manual_uses_english_language_tag():
    data, _ = render(EXAMPLE_EN)
    rpr = deck(data).slides[0].shapes.title.text_frame.paragraphs[0].runs[0]._r.find(qn("a:rPr"))
    assert rpr.get("lang") == "en-US"


# --- change badge (issue 6) -----------------------------------------------------------------


def test_changed_items_get_a_badge():
    theme = Theme.locate()
    context = context_of(EXAMPLE, theme)
    context["changes"] = {
        "since": "v0.9",
        "items": {"behaviour_types": {"loud-complainer": "changed"}},
        "sections": ["behaviour_types"],
        "list": [],
    }
    prs = deck(render(context=context)[0])
    badged = [s for s in prs.slides if any(sh.name == "badge" for sh in s.shapes)]
    assert [s.shapes.title.text_frame.text for s in badged] == ["큰 소리로 항의하는 고객"]
    badge = next(sh for sh in badged[0].shapes if sh.name == "badge")
    assert badge.text_frame.text == "변경"


def test_no_badge_without_changes(example):
    _, _, prs = example
    assert not any(sh.name == "badge" for s in prs.slides for sh in s.shapes)


# --- reproducible ---------------------------------------------------------------------------


def test_two_builds_are_byte_identical(example):
    again, _ = render()
    assert hashlib.sha256(again).digest() == hashlib.sha256(example[0]).digest()


def test_same_bytes_in_another_time_zone(example):
    script = (
        "import hashlib, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_pptx import render\n"
        "print(hashlib.sha256(render()[0]).hexdigest())\n"
    )
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == hashlib.sha256(example[0]).hexdigest()


def test_core_properties_come_from_the_source(example):
    _, _, prs = example
    core = prs.core_properties
    assert core.title == "고객응대 매뉴얼"
    assert core.identifier == "CS-MAN-001" and core.version == "1.0"
    assert core.modified.date().isoformat() == "2026-01-15"


def test_committed_master_is_what_the_generator_makes():
    sys.path.insert(0, str(Path(__file__).parent / "tools"))
    try:
        import make_master
    finally:
        sys.path.pop(0)
    assert make_master.make() == MASTER.read_bytes(), (
        "templates/pptx/master.pptx differs from tests/tools/make_master.py's output: "
        "run the script and commit the master"
    )


# --- a designer's master ----------------------------------------------------------------------


def override_master(tmp_path: Path, change) -> Path:
    prs = Presentation(str(MASTER))
    change(prs)
    folder = tmp_path / "theme" / "pptx"
    folder.mkdir(parents=True)
    prs.save(str(folder / "master.pptx"))
    return tmp_path / "theme"


def _layout(prs, name):
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def test_renamed_layout_stops_the_build_naming_it(tmp_path):
    def rename(prs):
        _layout(prs, "card").name = "Card (branded)"

    theme = override_master(tmp_path, rename)
    with pytest.raises(DiagnosticError, match=r"layout 'card' missing from the master") as error:
        render(theme_dir=theme)
    [stopped] = error.value.diagnostics
    assert stopped.code == "E709" and stopped.file == str(theme / "pptx" / "master.pptx")
    problems = check_master(Theme.locate(theme))
    assert [(d.code, d.args["layout"]) for d in problems] == [("E709", "card")]


def test_check_master_names_a_missing_placeholder(tmp_path):
    def rename(prs):
        shape = next(s for s in _layout(prs, "card").placeholders if s.name == "traits")
        shape.name = "Text Placeholder 2"

    theme = override_master(tmp_path, rename)
    [problem] = check_master(Theme.locate(theme))
    assert (problem.code, problem.file, problem.level) == (
        "E710",
        str(theme / "pptx" / "master.pptx"),
        "error",
    )
    assert problem.message("en") == (
        "placeholder 'traits' missing from layout 'card' of the master (needed by slides.yaml.j2)."
    )
    assert "Selection Pane" in problem.hint("en")


def test_default_master_has_everything_the_plan_uses():
    theme = Theme.locate()
    assert check_master(theme) == []
    assert check_master(theme, context_of(STRESS, theme)) == []


def test_master_with_sample_slides_builds_without_them(tmp_path):
    def add_slide(prs):
        prs.slides.add_slide(_layout(prs, "content")).shapes.title.text = "SAMPLE"

    data, _ = render(theme_dir=override_master(tmp_path, add_slide))
    assert "SAMPLE" not in titles(deck(data))


def test_broken_slide_plan_is_a_theme_error(tmp_path):
    folder = tmp_path / "theme" / "pptx"
    folder.mkdir(parents=True)
    (folder / "slides.yaml.j2").write_text(
        "slides:\n- layout: content\n  title: [unclosed\n", encoding="utf-8"
    )
    with pytest.raises(ThemeError, match="not valid YAML"):
        render(theme_dir=tmp_path / "theme")


def test_build_writes_the_deck(tmp_path):
    result = build(Project(EXAMPLE), ["pptx"], tmp_path / "out")
    [output] = result.outputs
    assert output.path.name == "manual.pptx"
    assert len(deck(output.path.read_bytes()).slides) > 10


# --- long texts ----------------------------------------------------------------------------------


def test_long_lists_continue_on_continued_slides(stress):
    _, _, prs = stress
    all_titles = titles(prs)
    assert sum("(계속)" in t for t in all_titles) >= 10
    assert "2단계: 경청 (계속)" in all_titles
    assert "큰 소리로 항의하는 고객 (계속)" in all_titles
    # every item of a long list is on some slide, in order
    text = "\n".join(sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame)
    positions = [text.index(f"(지침1-{j})") for j in range(1, 26)]
    assert positions == sorted(positions)


def test_an_item_too_long_for_any_slide_is_a_warning_naming_it(stress):
    _, warnings, prs = stress
    named = [w for w in warnings if w.args["what"].startswith("behaviour_types/very-long")]
    assert named and named[0].code == "W705" and named[0].args["placeholder"] == "traits"
    assert "too long for one slide" in named[0].message("en")
    slide = next(s for s in prs.slides if s.shapes.title.text_frame.text == "설명이 매우 긴 고객")
    assert "0) 고객의 이야기를" in slide.notes_slide.notes_text_frame.text  # given in full


def assert_on_the_slide(prs, slides) -> None:
    """Every placed shape lies wholly on its slide."""
    for number, slide in enumerate(slides, 1):
        for shape in slide.shapes:
            if shape.left is None:
                continue
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


def test_shapes_stay_on_the_slide(stress):
    _, _, prs = stress
    assert_on_the_slide(prs, prs.slides)


def _long_flow_context() -> dict:
    """The stress manual with a list under the initial-response flow diagram that runs on."""
    context = context_of(STRESS, Theme.locate())
    context["manual"]["initial_response"]["importance"] = [
        f"(중요{n}) 처음 몇 분의 응대가 고객의 기억에 남으므로 끝까지 듣고 상황을 기록합니다."
        for n in range(1, 31)
    ]
    return context


@pytest.fixture(scope="module")
def long_flow():
    data, warnings = render(context=_long_flow_context())
    return data, warnings, deck(data)


def test_a_flow_list_runs_on_on_content_slides_without_an_empty_diagram_box(long_flow):
    _, warnings, prs = long_flow
    assert not any("중요" in w.message("ko") for w in warnings)  # nothing of the list shortened
    assert len(warnings) == len(render(STRESS)[1])
    slides = list(prs.slides)
    first = next(i for i, s in enumerate(slides) if titles(prs)[i] == "초기 대응 흐름")
    assert slides[first].slide_layout.name == "flow"
    assert any(sh.name == "step 1" for sh in slides[first].shapes)  # the diagram
    more = []
    for slide in slides[first + 1 :]:
        if slide.shapes.title.text_frame.text != "초기 대응 흐름 (계속)":
            break
        more.append(slide)
    assert len(more) >= 1
    texts = []
    for slide in [slides[first], *more]:
        body = next(sh for sh in slide.shapes if sh.name == "body")
        lines = [p.text for p in body.text_frame.paragraphs]
        assert lines[0] == "초기 대응의 중요성"  # the heading on every slide
        texts.extend(lines[1:])
    for slide in more:
        assert slide.slide_layout.name == "content"  # no diagram box left empty
        assert not any(sh.name.startswith(("step ", "arrow ", "diagram")) for sh in slide.shapes)
        body = next(sh for sh in slide.shapes if sh.name == "body")
        content_body = next(sh for sh in _layout(prs, "content").placeholders if sh.name == "body")
        assert (body.top, body.height) == (content_body.top, content_body.height)
    # every item once, in order; the full-height body takes more than the one under the diagram
    assert [t[: t.index(")") + 1] for t in texts] == [f"(중요{n})" for n in range(1, 31)]
    counts = [
        len(next(sh for sh in s.shapes if sh.name == "body").text_frame.paragraphs)
        for s in [slides[first], *more]
    ]
    assert counts[1] > counts[0]
    assert_on_the_slide(prs, slides)


def fitter_with_room(room: dict[tuple[str, str], int]):
    """A Fitter whose boxes hold a number of items (more in smaller type) or of rows."""

    class Fitter:
        def fits_text(self, layout, name, text, scale=1.0):
            return len(text.items) <= int(room.get((layout, name), 99) / scale)

        def fits_rows(self, layout, name, table):
            return len(table.rows) <= room.get((layout, name), 99)

    return Fitter()


def test_run_on_pages_are_measured_in_the_box_they_land_in():
    """Under the diagram 2 items fit, in content's body 5: 2, then 5, 4, 4 — in order."""
    from csmanual.render.pptx.plan import layout_slides, parse_plan

    room = {("flow", "body"): 2, ("content", "body"): 5}

    items = [f"item {n}" for n in range(15)]
    flow = {
        "layout": "flow",
        "title": "흐름",
        "diagram": {"diagram": {"kind": "boxes", "steps": ["a", "b"]}},
        "body": {"heading": "h", "items": items},
    }
    two = {"layout": "two-content", "title": "둘", "left": items[:7], "right": items[:3]}
    plan = parse_plan({"slides": [flow, two]})
    out = layout_slides(plan, fitter_with_room(room), lambda t: f"{t} (계속)")
    flows = [slide for slide, _ in out if slide.fills["title"].text.startswith("흐름")]
    assert [s.layout for s in flows] == ["flow", "content", "content", "content"]
    assert [len(s.fills["body"].items) for s in flows] == [2, 5, 4, 4]
    assert [e.text for s in flows for e in s.fills["body"].items] == items
    assert {s.fills["body"].heading for s in flows} == {"h"}
    assert "diagram" in flows[0].fills and all(set(s.fills) == {"title", "body"} for s in flows[1:])
    # a slide without a diagram or table keeps its own layout when it runs on
    assert {slide.layout for slide, _ in out if slide.fills["title"].text.startswith("둘")} == {
        "two-content"
    }


def test_one_card_quadrant_running_on_continues_on_content_not_beside_empty_boxes():
    """A card's `do` runs on, its other quadrants fit: the "(계속)" slide is content's body
    with the rest of `do` (heading repeated), not a card with three empty quadrants. Two
    lists running on side by side stay on their own layout."""
    from csmanual.render.pptx.plan import layout_slides, parse_plan

    room = {("card", "do"): 2, ("two-content", "left"): 2, ("two-content", "right"): 2}
    card = {
        "layout": "card",
        "title": "전문가형",
        "traits": {"heading": "특징", "items": ["t"]},
        "do": {"heading": "응대", "items": ["d1", "d2", "d3", "d4"]},
        "dont": {"heading": "금지", "items": ["x"]},
    }
    two = {"layout": "two-content", "title": "둘", "left": ["a"] * 4, "right": ["b"] * 4}
    out = layout_slides(
        parse_plan({"slides": [card, two]}), fitter_with_room(room), "{} (계속)".format
    )
    cards = [s for s, _ in out if s.fills["title"].text.startswith("전문가형")]
    assert [s.layout for s in cards] == ["card", "content"]
    assert set(cards[0].fills) == {"title", "traits", "do", "dont"}
    assert set(cards[1].fills) == {"title", "body"}
    assert cards[1].fills["body"].heading == "응대"
    moved = [e.text for e in cards[0].fills["do"].items + cards[1].fills["body"].items]
    assert moved == ["d1", "d2", "d3", "d4"]
    twos = [s for s, _ in out if s.fills["title"].text.startswith("둘")]
    assert [s.layout for s in twos] == ["two-content", "two-content"]


@pytest.mark.parametrize(
    "items,room,sizes",
    [
        (7, 6, [4, 3]),  # not 6 + 1
        (13, 6, [5, 4, 4]),
        (11, 10, [11]),  # fits in type one step smaller: no "(계속)" slide
        (12, 10, [6, 6]),
    ],
)
def test_a_list_is_shared_evenly_over_its_slides(items, room, sizes):
    from csmanual.render.pptx.plan import layout_slides, parse_plan

    entries = [f"item {n}" for n in range(items)]
    plan = parse_plan({"slides": [{"layout": "content", "title": "목록", "body": entries}]})
    out = layout_slides(plan, fitter_with_room({("content", "body"): room}), "{} (계속)".format)
    assert [len(slide.fills["body"].items) for slide, _ in out] == sizes
    assert [e.text for slide, _ in out for e in slide.fills["body"].items] == entries
    assert [slide.continued for slide, _ in out] == [False] + [True] * (len(sizes) - 1)


def test_table_rows_are_shared_evenly_over_their_slides():
    from csmanual.render.pptx.plan import layout_slides, parse_plan

    rows = [[f"r{n}", "x"] for n in range(9)]
    table = {"table": {"columns": ["a", "b"], "rows": rows}}
    plan = parse_plan({"slides": [{"layout": "content", "title": "표", "body": table}]})
    out = layout_slides(plan, fitter_with_room({("content", "body"): 8}), "{} (계속)".format)
    assert [len(slide.fills["body"].rows) for slide, _ in out] == [5, 4]


def test_a_flow_slide_needs_contents_body_for_its_run_on_slides(tmp_path):
    from csmanual.render.pptx.deck import Deck
    from csmanual.render.pptx.master import missing
    from csmanual.render.pptx.plan import needs, parse_plan

    plan = parse_plan(
        {
            "slides": [
                {
                    "layout": "flow",
                    "title": "흐름",
                    "diagram": {"diagram": {"kind": "boxes", "steps": ["a", "b"]}},
                    "body": ["x", "y"],
                }
            ]
        }
    )
    assert needs(plan) == {"flow": {"title", "diagram", "body"}, "content": {"title", "body"}}

    def rename(prs):
        shape = next(s for s in _layout(prs, "content").placeholders if s.name == "body")
        shape.name = "Text Placeholder 2"

    theme = override_master(tmp_path, rename)
    problems = missing(plan, Deck((theme / "pptx" / "master.pptx").read_bytes()))
    assert len(problems) == 1 and "'body' missing from layout 'content'" in problems[0].message(
        "en"
    )


# --- through LibreOffice ------------------------------------------------------------------------


def _to_pdf(data: bytes, tmp_path: Path) -> Path:
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("needs LibreOffice (soffice) and poppler (pdftotext); .ci/run installs them")
    source = tmp_path / "deck.pptx"
    source.write_bytes(data)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return tmp_path / "deck.pdf"


def _pages(pdf: Path) -> list[tuple[float, float, list[tuple[str, float, float, float, float]]]]:
    """(width, height, [(word, xmin, ymin, xmax, ymax)]) of every page."""
    import xml.etree.ElementTree as ET

    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(html.replace("<!DOCTYPE", "<!--").replace('.dtd">', '.dtd"-->'))
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for page in root.iter(f"{ns}page"):
        words = [
            (w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(f"{ns}word")
        ]
        pages.append((float(page.get("width")), float(page.get("height")), words))
    return pages


@pytest.mark.slow
def test_libreoffice_one_page_per_slide_and_no_text_off_the_page(stress, tmp_path):
    data, _, prs = stress
    pages = _pages(_to_pdf(data, tmp_path))
    assert len(pages) == len(prs.slides)
    for number, (width, height, words) in enumerate(pages, 1):
        assert words, f"page {number} has no text"
        for word, x0, y0, x1, y1 in words:
            assert x0 >= 0 and y0 >= 0 and x1 <= width + 0.5 and y1 <= height + 0.5, (
                f"page {number}: {word!r} at ({x0:.0f}, {y0:.0f})–({x1:.0f}, {y1:.0f}) "
                f"outside {width:.0f}×{height:.0f}"
            )


@pytest.mark.slow
def test_libreoffice_text_stays_above_the_footer(stress, tmp_path):
    """Body text ends above the footer line: nothing ran out of its placeholder."""
    data = stress[0]
    pages = _pages(_to_pdf(data, tmp_path))
    for number, (_, height, words) in enumerate(pages, 1):
        footer_top = height * 6.9 / 7.5
        footer = {"CS-MAN-001", "·", "버전", "2.0", str(number)}
        late = [w for w in words if w[2] > footer_top - 1 and w[0] not in footer]
        assert not late, f"page {number}: text over the footer: {late[:3]}"


@pytest.mark.slow
def test_libreoffice_flow_run_on_stays_on_the_page_and_above_the_footer(long_flow, tmp_path):
    data, _, prs = long_flow
    pages = _pages(_to_pdf(data, tmp_path))
    assert len(pages) == len(prs.slides)
    found = []
    for number, (width, height, words) in enumerate(pages, 1):
        footer_top = height * 6.9 / 7.5
        footer = {"CS-MAN-001", "·", "버전", "2.0", str(number)}
        for word, x0, y0, x1, y1 in words:
            assert x0 >= 0 and y0 >= 0 and x1 <= width + 0.5 and y1 <= height + 0.5, (number, word)
            assert y0 <= footer_top - 1 or word in footer, (number, word)
        text = " ".join(w[0] for w in words)
        if "중요성" in text:  # the flow slide and its "(계속)" slides, under their heading
            found.extend(int(n) for n in re.findall(r"중요 ?(\d+) ?\)", text))
    assert found == list(range(1, 31))


@pytest.mark.slow
def test_sample_manual_deck(tmp_path):
    if not SAMPLE.is_file():
        pytest.skip("source/manual.yaml is not there yet")
    result = validate_file(SAMPLE)
    if not result.ok:
        pytest.skip("source/manual.yaml does not validate yet")
    data, _ = render(SAMPLE)
    prs = deck(data)
    manual = context_of(SAMPLE, Theme.locate())["manual"]
    cards = {s.shapes.title.text_frame.text for s in prs.slides if s.slide_layout.name == "card"}
    assert {t["name"] for t in manual["behaviour_types"]} <= cards
    assert len(manual["claim_steps"]) == 7
    pages = _pages(_to_pdf(data, tmp_path))
    assert len(pages) == len(prs.slides)


# --- more of a designer's and an auditor's view ------------------------------------------------


def test_changes_since_an_earlier_version_mark_the_changed_type(tmp_path):
    """The context `build --changes-since` makes: the changed type's slide gets the badge."""
    earlier_source = tmp_path / "earlier.yaml"
    earlier_source.write_text(
        EXAMPLE.read_text("utf-8").replace(
            "목소리가 커지고 감정이 앞섭니다.", "목소리가 커집니다."
        ),
        encoding="utf-8",
    )
    theme = Theme.locate()
    now, earlier = validate_file(EXAMPLE), validate_file(earlier_source)
    context = build_context(now.manual, theme.labels("ko"), earlier.manual, "v0.9")
    prs = deck(render(context=context)[0])
    badged = [
        s.shapes.title.text_frame.text
        for s in prs.slides
        if any(sh.name == "badge" for sh in s.shapes)
    ]
    assert badged == ["큰 소리로 항의하는 고객"]


def test_powerpoint_named_title_placeholder_answers_to_title(tmp_path):
    def rename(prs):
        shape = next(s for s in _layout(prs, "card").placeholders if s.name == "title")
        shape.name = "Title 1"

    theme = override_master(tmp_path, rename)
    assert check_master(Theme.locate(theme)) == []
    prs = deck(render(theme_dir=theme)[0])
    card = next(s for s in prs.slides if s.slide_layout.name == "card")
    assert card.shapes.title.text_frame.text == "큰 소리로 항의하는 고객"


def test_warnings_name_the_source_line_when_the_context_has_it():
    theme = Theme.locate()
    context = context_of(STRESS, theme)
    context["positions"] = {"behaviour_types/very-long": "tests/fixtures/pptx/stress.ko.yaml:420"}
    _, warnings = render(context=context)
    named = [w for w in warnings if w.args["what"].startswith("behaviour_types/very-long")]
    assert named and all(
        (w.file, w.line) == ("tests/fixtures/pptx/stress.ko.yaml", 420) for w in named
    )
    assert named[0].message("en").startswith("slide ")


def test_a_master_font_found_nowhere_is_a_warning(tmp_path):
    def other_font(prs):
        part = prs.slide_master.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
        )
        part._blob = part.blob.replace(b'typeface="NanumGothic"', b'typeface="NoSuchFont Pro"')

    _, warnings = render(theme_dir=override_master(tmp_path, other_font))
    [font] = [w for w in warnings if w.code == "W707"]
    assert font.args["family"] == "NoSuchFont Pro" and font.file.endswith("master.pptx")
    assert "fonts/" in font.message("en") and "fonts/" in font.hint("en")


# --- the parts ------------------------------------------------------------------------------------


def test_lines_break_between_words_and_long_words_between_letters():
    from csmanual.render.pptx.measure import FontBook, line_count

    font = FontBook(Theme.locate()).font("NanumGothic")
    word = "가나다라"  # 4 em at 10 pt = 40 pt = 508000 EMU
    assert line_count(f"{word} {word}", 900000, font, 10) == 2  # not "가나다라 가나" + "다라"
    assert line_count(f"{word} {word}", 2000000, font, 10) == 1
    assert line_count("가" * 40, 508000, font, 10) == 10  # 4 letters of 0.94 em a line
    assert line_count("첫 줄\n둘째 줄", 2000000, font, 10) == 2


def test_zip_entries_have_a_fixed_time():
    import zipfile

    from csmanual.render.pptx.archive import FIXED_TIME, normalize

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("b.xml", "<b/>")
    out = zipfile.ZipFile(io.BytesIO(normalize(buffer.getvalue())))
    assert [i.filename for i in out.infolist()] == ["[Content_Types].xml", "b.xml"]
    assert {i.date_time for i in out.infolist()} == {FIXED_TIME}


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ({"slides": [{"title": "x"}]}, "slide 1 of the plan needs a `layout:`"),
        ({"slides": [{"layout": "content", "body": {"bogus": 1}}]}, "unknown key(s): bogus"),
        (
            {
                "slides": [
                    {
                        "layout": "content",
                        "body": {"table": {"columns": ["a"], "rows": [["1", "2"]]}},
                    }
                ]
            },
            "one cell per column",
        ),
        (
            {"slides": [{"layout": "flow", "d": {"diagram": {"kind": "pie", "steps": ["a"]}}}]},
            "`boxes` or `chevrons`",
        ),
        ({"nothing": []}, "a `slides:` list"),
    ],
)
def test_plan_mistakes_are_named(plan, message):
    from csmanual.render.pptx.plan import parse_plan

    with pytest.raises(ThemeError) as error:
        parse_plan(plan)
    assert message in str(error.value)


def test_a_master_that_is_not_a_presentation_is_named(tmp_path):
    folder = tmp_path / "theme" / "pptx"
    folder.mkdir(parents=True)
    (folder / "master.pptx").write_bytes(b"not a zip")
    with pytest.raises(UserError, match="cannot be opened as a presentation"):
        render(theme_dir=tmp_path / "theme")
    [problem] = check_master(Theme.locate(tmp_path / "theme"))
    assert problem.code == "E711" and problem.file.endswith("master.pptx")


def test_slide_plan_aliases_are_refused(tmp_path):
    """A plan is read like a source: no anchors and aliases (no "billion laughs")."""
    folder = tmp_path / "theme" / "pptx"
    folder.mkdir(parents=True)
    (folder / "slides.yaml.j2").write_text(
        "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nslides:\n- layout: content\n  body: *b\n",
        encoding="utf-8",
    )
    with pytest.raises(ThemeError, match="not valid YAML"):
        render(theme_dir=tmp_path / "theme")


def test_master_theme_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")

    def entity(prs):
        part = prs.slide_master.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
        )
        blob = part.blob.replace(
            b"<a:theme ",
            f'<!DOCTYPE a:theme [<!ENTITY x SYSTEM "file://{secret}">]><a:theme '.encode(),
            1,
        )
        part._blob = blob.replace(b'typeface="NanumGothic"', b'typeface="&x;"', 1)

    theme = override_master(tmp_path, entity)
    with pytest.raises(DiagnosticError, match=r"theme \(colours, fonts\) is unreadable") as error:
        render(theme_dir=theme)
    assert "TOPSECRET" not in str(error.value)
    [found] = error.value.diagnostics
    assert (found.code, found.file) == ("E713", str(theme / "pptx" / "master.pptx"))
    assert "TOPSECRET" not in found.message("ko")


def test_a_master_that_inflates_beyond_the_limit_is_refused_unopened(tmp_path):
    """The sizes the zip declares decide, before anything is inflated (the real 768 MB bomb
    goes through the CLI in tests/adversarial); here the limit is lowered to 1 MB."""
    import zipfile

    from csmanual.render.pptx.master import _refuse_inflating_beyond

    path = tmp_path / "master.pptx"
    path.write_bytes(MASTER.read_bytes())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as master:
        master.writestr("ppt/media/blank.bin", bytes(3 * 2**20))  # 3 MB of zeros, ~3 kB
    _refuse_inflating_beyond(path, path.read_bytes())  # within the real limit
    with pytest.raises(DiagnosticError) as error:
        _refuse_inflating_beyond(path, path.read_bytes(), limit=2 * 2**20)
    [found] = error.value.diagnostics
    assert (found.code, found.file, found.line) == ("E712", str(path), None)
    assert (found.args["size"], found.args["limit"]) == (3, 2)
    assert found.message("en").startswith("the master's parts inflate to 3 MB, more than the 2 MB")
    assert "3 MB" in found.message("ko") and "2 MB" in found.message("ko")


# --- the fast paths give what python-pptx and fontTools give ---------------------------------


def _font_files_to_check() -> list[Path]:
    fonts = sorted((ROOT / "templates" / "fonts").glob("*.ttf"))
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # a format 12 cmap
    return fonts + ([dejavu] if dejavu.is_file() else [])


@pytest.mark.parametrize("path", _font_files_to_check(), ids=lambda p: p.name)
def test_glyph_advances_are_fonttools_own(path):
    """The widths read straight from hmtx/cmap equal fontTools' getBestCmap + hmtx."""
    import random

    from fontTools.ttLib import TTFont

    from csmanual.fonts import Font

    reference = TTFont(str(path), lazy=True, fontNumber=0)
    upm = reference["head"].unitsPerEm
    metrics = reference["hmtx"].metrics
    expected = {c: metrics[g][0] / upm for c, g in reference.getBestCmap().items() if g in metrics}
    font = Font(path)
    codes = set(expected) | set(range(0x3000)) | set(random.Random(7).sample(range(0x110000), 5000))
    assert [c for c in sorted(codes) if font.advance(c) != expected.get(c, 1.0)] == []
    assert font.width("고객 A") == sum(expected.get(ord(ch), 1.0) for ch in "고객 A")


def test_saved_deck_is_python_pptx_save_with_fixed_entries():
    from csmanual.render.pptx.archive import normalize
    from csmanual.render.pptx.deck import Deck

    deck_ = Deck(MASTER.read_bytes())
    deck_.add_slide(deck_.layouts["content"]).shapes.title.text = "제목"
    data = deck_.save()
    plain = io.BytesIO()
    deck_.prs.save(plain)
    assert data == normalize(plain.getvalue())


def test_slides_and_notes_pages_are_the_ones_python_pptx_makes():
    """Placeholders copied from a layout's first slide (and the first notes page) equal
    what python-pptx's add_slide and notes_slide clone each time."""
    from lxml import etree

    from csmanual.render.pptx.deck import Deck

    ours, theirs = Deck(MASTER.read_bytes()), Presentation(str(MASTER))
    for name in ("content", "card", "content", "card", "content"):
        mine = ours.add_slide(ours.layouts[name])
        ours.notes(mine)
        layout = next(lay for lay in theirs.slide_layouts if lay.name.strip().lower() == name)
        slide = theirs.slides.add_slide(layout)
        assert etree.tostring(mine._element) == etree.tostring(slide._element)
        assert etree.tostring(ours.notes_body(ours.add_slide(ours.layouts[name]))) == (
            etree.tostring(theirs.slides.add_slide(layout).notes_slide.notes_text_frame._txBody)
        )
        assert etree.tostring(mine.notes_slide._element) == etree.tostring(
            slide.notes_slide._element
        )


def test_placeholders_filled_in_idx_order_whatever_the_layout_order(tmp_path):
    """A master whose layouts list placeholders out of idx order builds the same slides."""

    def reorder(prs):
        for layout in prs.slide_layouts:
            tree = layout.shapes._spTree
            for sp in [e for e in tree.iter_shape_elms() if e.has_ph_elm][:2]:
                tree.remove(sp)
                tree.append(sp)

    data, warnings = render(theme_dir=override_master(tmp_path, reorder))
    plain, plain_warnings = render()
    assert warnings == plain_warnings
    assert titles(deck(data)) == titles(deck(plain))

    def notes(prs):
        return [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]

    assert notes(deck(data)) == notes(deck(plain))
