"""`word-break: keep-all` in WeasyPrint (render/pdf/keep_all.py): Korean words stay whole.

Three kinds of test:

- the guard: the WeasyPrint and Pango internals the module reaches into are there and
  still behave as when it was written; when WeasyPrint changes them (or learns keep-all
  itself) these fail first, saying what moved;
- the lines: narrow columns, a table-heavy page and numbers with their units, laid out
  with and without keep-all, each line's text compared with the words of the source
  (the check is shown to fail on the same page without keep-all);
- the word ranges the Pango attribute covers, in UTF-8 bytes.
"""

from __future__ import annotations

import inspect
import re
import shutil
from pathlib import Path

import pytest

from csmanual.render.pdf.keep_all import (
    KEEP_ALL,
    PANGO_ALLOW_BREAKS,
    keep_all,
    kept_words,
    pango_version,
)

FONTS = Path(__file__).parents[1] / "templates" / "fonts"
STYLE = f"""
@font-face {{ font-family: K; src: url({(FONTS / "NanumGothic.ttf").as_uri()}); }}
@page {{ size: 120mm 400mm; margin: 5mm; }}
html {{ font-family: K; font-size: 10pt; word-break: {{mode}}; }}
"""
# everyday words of a service manual, short and long, with particles attached
WORDS = [
    "고객님께서",
    "말씀하신",
    "불편",
    "사항을",
    "끝까지",
    "경청하고",
    "책임자에게",
    "보고합니다",
    "환불",
    "요청은",
    "영업일",
    "기준으로",
    "처리되며",
    "상담",
    "내용을",
    "기록한",
    "뒤",
    "재발",
    "방지",
    "대책을",
    "수립합니다",
    "민원",
    "접수",
    "담당자는",
    "진행",
    "상황을",
    "안내하고",
    "만족도를",
    "확인합니다",
]


def laid_out_lines(body: str, mode: str = KEEP_ALL, *, ours: bool = True) -> list[str]:
    """The text of every line of the laid-out page, in order."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    html = f"<html lang=ko><style>{STYLE.replace('{mode}', mode)}</style><body>{body}</body>"
    if ours:
        with keep_all():
            document = HTML(string=html).render()
    else:
        document = HTML(string=html).render()
    lines = []

    def walk(box):
        if isinstance(box, boxes.LineBox):
            lines.append("".join(t.text for t in _texts(box)))
            return
        for child in getattr(box, "children", ()):
            walk(child)

    def _texts(box):
        if isinstance(box, boxes.TextBox):
            yield box
        for child in getattr(box, "children", ()):
            yield from _texts(child)

    for page in document.pages:
        walk(page._page_box)
    return lines


def broken_words(lines: list[str], words: set[str]) -> list[str]:
    """Every token of a line that is not a whole word of the source (split on spaces
    only: a number and its unit, joined by a no-break space, is one token)."""
    return [
        f"{token!r} in {line!r}"
        for line in lines
        for token in line.split(" ")
        if token and token not in words
    ]


def paragraphs(width: str, count: int = 6) -> str:
    text = " ".join(WORDS)
    return "".join(f'<p style="width: {width}">{text}</p>' for _ in range(count))


# -- the guard: the internals keep_all.py uses -------------------------------------------


def test_pango_has_the_allow_breaks_attribute():
    assert pango_version() >= PANGO_ALLOW_BREAKS, (
        f"Pango {pango_version()} has no allow-breaks attribute (from 1.44): Korean words "
        "would split in the PDF"
    )


def test_weasyprint_internals_keep_all_uses_are_there():
    from weasyprint.css.properties import INHERITED, INITIAL_VALUES
    from weasyprint.css.validation import properties
    from weasyprint.text import ffi, line_break

    assert list(inspect.signature(line_break.Layout.set_text).parameters) == [
        "self",
        "text",
        "justify",
    ], "WeasyPrint's Layout.set_text changed: keep_all.py wraps it"
    assert "word-break" in properties.PROPERTIES and callable(properties.get_single_keyword)
    assert "word_break" in INHERITED and INITIAL_VALUES["word_break"] == "normal"
    for name in ("pango_layout_get_attributes", "pango_layout_set_attributes"):
        assert hasattr(ffi.pango, name), name
    assert {"start_index", "end_index"} <= set(dict(ffi.ffi.typeof("PangoAttribute").fields))


def test_weasyprint_itself_still_refuses_keep_all():
    """When WeasyPrint accepts `word-break: keep-all` itself, keep_all.py has done its
    job: drop it (and this test) and let WeasyPrint's own do the work."""
    import tinycss2
    from weasyprint.css.validation import properties

    tokens = tinycss2.parse_component_value_list("keep-all")
    assert properties.PROPERTIES["word-break"](tokens) is None


def test_keep_all_is_on_only_inside_the_block():
    from weasyprint.css.validation import properties
    from weasyprint.text import line_break

    validate, set_text = properties.PROPERTIES["word-break"], line_break.Layout.set_text
    with keep_all():
        assert properties.PROPERTIES["word-break"] is not validate
        assert line_break.Layout.set_text is not set_text
    assert properties.PROPERTIES["word-break"] is validate
    assert line_break.Layout.set_text is set_text


# -- the lines ------------------------------------------------------------------------


def test_narrow_column_breaks_only_between_words():
    lines = laid_out_lines(paragraphs("24mm"))
    assert len(lines) > 60  # a narrow column: a line break every word or two
    assert broken_words(lines, set(WORDS)) == []


def test_the_check_fails_on_the_same_column_without_keep_all():
    for lines in (
        laid_out_lines(paragraphs("24mm"), "normal"),  # the box says normal
        laid_out_lines(paragraphs("24mm"), ours=False),  # WeasyPrint alone ignores keep-all
    ):
        assert broken_words(lines, set(WORDS)) != []


def test_keep_all_follows_each_boxs_style():
    """Keyed on the box's `word-break`, not on a switch: a paragraph that says normal
    inside a keep-all page breaks its words, its neighbour does not."""
    text = " ".join(WORDS)
    body = (
        f'<p style="width: 24mm">{text}</p>'
        f'<p style="width: 24mm; word-break: normal" class="n">{text} 끝</p>'
    )
    lines = laid_out_lines(body)
    end = next(n for n, line in enumerate(lines) if line.rstrip().endswith(WORDS[-1]))
    assert broken_words(lines[: end + 1], set(WORDS)) == []
    assert broken_words(lines[end + 1 :], set(WORDS) | {"끝"}) != []


def test_table_columns_are_never_narrower_than_a_word():
    """A table's column widths come from min-content widths, which WeasyPrint measures
    with a layout of its own: a column narrower than its longest word would let the word
    stick out of its cell (it may not break)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    cells = [WORDS[i : i + 3] for i in range(0, len(WORDS), 3)]
    rows = "".join(
        "<tr>" + "".join(f"<td>{' '.join(cells[(r + c) % len(cells)])}</td>" for c in range(7))
        for r in range(12)
    )
    body = f'<table style="width: 40mm; border-collapse: collapse; font-size: 8pt">{rows}</table>'
    lines = laid_out_lines(body)
    assert broken_words(lines, set(WORDS)) == []
    html = f"<style>{STYLE.replace('{mode}', KEEP_ALL)}</style>{body}"
    with keep_all():
        document = HTML(string=html).render()
    sticking_out = []

    def walk(box, cell=None):
        if isinstance(box, boxes.TableCellBox):
            cell = box
        if isinstance(box, boxes.TextBox) and cell is not None:
            right = cell.content_box_x() + cell.width
            if box.position_x + box.width > right + 0.5:  # half a point: rounding
                sticking_out.append(box.text)
        for child in getattr(box, "children", ()):
            walk(child, cell)

    walk(document.pages[0]._page_box)
    assert sticking_out == []
    # the columns are narrow indeed: most cells wrap their three words
    assert len(lines) > 12 * 7 * 2


def test_a_number_and_its_unit_stay_together():
    """The typography's no-break space (U+00A0) between a number and its unit holds."""
    units = ["24\u00a0시간", "3\u00a0영업일", "10\u00a0분", "2\u00a0회"]
    text = " ".join(f"{WORDS[i % len(WORDS)]} {units[i % len(units)]}" for i in range(40))
    for width in ("18mm", "21mm", "27mm"):
        lines = laid_out_lines(f'<p style="width: {width}">{text}</p>')
        assert broken_words(lines, set(WORDS) | set(units)) == [], width


# -- the word ranges --------------------------------------------------------------------


def test_kept_words_are_the_utf8_byte_ranges_of_korean_words():
    text = "OK 불만은 a 24\u00a0시간 및 é고객님, 안에"
    ranges = kept_words(text)
    data = text.encode()
    assert [data[a:b].decode() for a, b in ranges] == ["불만은", "24\u00a0시간", "é고객님,", "안에"]


def test_single_syllables_and_very_long_words_are_left_alone():
    long = "가" * 17  # longer than a line may hold: it must still be allowed to break
    assert kept_words(f"및 {long} 수 ABC") == []
    assert re.fullmatch(r"[가]{16}", "가" * 16) and kept_words("가" * 16) == [(0, 48)]


# -- the real renderer: a table-heavy manual on a narrow page ------------------------------

from test_pdf import (  # noqa: E402 - helpers of the PDF tests, no tests
    LONG,
    THEMES,
    korean_words,
    load_theme,
    needs_poppler,
    page_count,
    rendered,
    saved,
    split_words,
)


@needs_poppler
@pytest.mark.slow
def test_a_table_heavy_manual_on_a_narrow_page_keeps_its_words(tmp_path):
    """The long fixture (glossary, deadlines, channels, revisions: tables over pages) with
    every table squeezed (narrow-tables); the same theme saying `word-break: normal`
    splits words, so the check can fail."""
    theme = THEMES / "narrow-tables"
    path = saved(tmp_path, rendered(LONG, "pdf", theme))
    known = korean_words(LONG, load_theme(LONG, theme))
    assert page_count(path) > 30
    assert split_words(path, known) == []
    control = tmp_path / "control"
    shutil.copytree(theme, control)
    with (control / "pdf" / "tables.css").open("a", encoding="utf-8") as css:
        css.write("html { word-break: normal; }\n")
    split = saved(tmp_path, rendered(LONG, "pdf", control), "split.pdf")
    assert split_words(split, known) != []


@needs_poppler
@pytest.mark.slow
def test_a_themes_own_print_css_that_says_nothing_still_keeps_korean_words(tmp_path):
    """A designer's copy of print.css made before keep-all was in the default's does not
    say `word-break: keep-all`: Korean words still stay whole, since the product's base
    style says it before the theme's sheet; a theme may still say `normal`, which then
    splits them (so the check can fail)."""
    default = (Path(__file__).parents[1] / "templates" / "pdf" / "print.css").read_text("utf-8")
    assert "html { word-break: keep-all; }\n" in default
    older = default.replace("html { word-break: keep-all; }\n", "")
    narrow = Path(__file__).parent / "fixtures" / "pdf" / "themes" / "narrow" / "pdf"
    sheet = older + (narrow / "narrow.css").read_text("utf-8")  # many line ends
    theme = tmp_path / "own"
    (theme / "pdf").mkdir(parents=True)
    (theme / "pdf" / "print.css").write_text(sheet, encoding="utf-8")
    known = korean_words(LONG, load_theme(LONG, theme))
    path = saved(tmp_path, rendered(LONG, "pdf", theme))
    assert split_words(path, known) == []
    control = tmp_path / "control"  # another folder: `rendered` keeps what it made
    (control / "pdf").mkdir(parents=True)
    (control / "pdf" / "print.css").write_text(sheet + "html { word-break: normal }\n", "utf-8")
    split = saved(tmp_path, rendered(LONG, "pdf", control), "split.pdf")
    assert split_words(split, known) != []
