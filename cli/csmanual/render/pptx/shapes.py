"""What goes on a slide: text in placeholders, diagrams of native shapes, tables, badges.

Every run gets the language (`lang`, e.g. ko-KR) and both the Latin and the East Asian
typeface (`a:latin`, `a:ea`): python-pptx's `font.name` sets only the Latin one, and
PowerPoint then draws Korean in a substitute font. A Korean deck is set in the East Asian
face throughout; an English one in the master's Latin face, Korean in it in the East Asian
one (`Fonts`). Diagrams are editable shapes
(chevrons, rounded boxes, arrows) with the step names as their text, never pictures.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu

from csmanual.render.pptx.engine import paragraph_element, text_body
from csmanual.render.pptx.measure import Box, Measure, Para
from csmanual.render.pptx.plan import Diagram, Entry, Table, Text

IN = 914400
ELLIPSIS = "…"
# what a drawing had to shorten: a rule code and its args; the renderer places it on the
# slide's item in the source
Problem = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class Fonts:
    """The typefaces and language every run is written with: `major` and `minor` are the
    East Asian faces (`a:ea`), `latin_major` and `latin_minor` the Latin ones (`a:latin`,
    `a:cs`); without Latin faces a run is set in the East Asian face throughout."""

    major: str
    minor: str
    lang: str  # ko-KR or en-US
    latin_major: str | None = None
    latin_minor: str | None = None

    def faces(self, title: bool = False) -> dict[str, str]:
        """{tag: typeface} of a run: a:latin, a:ea, a:cs."""
        ea = self.major if title else self.minor
        latin = (self.latin_major if title else self.latin_minor) or ea
        return {"a:latin": latin, "a:ea": ea, "a:cs": latin}


# --- runs and paragraphs ---------------------------------------------------------------


_R, _RPR, _T = qn("a:r"), qn("a:rPr"), qn("a:t")
_P, _PPR, _BU_NONE = qn("a:p"), qn("a:pPr"), qn("a:buNone")
_FACES = (qn("a:latin"), qn("a:ea"), qn("a:cs"))
_END_PARA_RPR = qn("a:endParaRPr")
_CONTROL = re.compile(r"([\x00-\x08\x0B-\x1F])")


def add_run(
    p,
    text: str,
    fonts: Fonts,
    title: bool = False,
    bold: bool | None = None,
    size: float | None = None,
) -> None:
    """A new run at the end of an `a:p` element (before its `a:endParaRPr`), as python-pptx's
    `paragraph.add_run()` would place it, with our text, typefaces and size."""
    r = p.makeelement(_R, {})
    end = p.find(_END_PARA_RPR)
    if end is not None:
        end.addprevious(r)
    else:
        p.append(r)
    _fill_run(r, text, fonts, title, bold, size)


def _fill_run(
    r, text: str, fonts: Fonts, title: bool, bold: bool | None, size: float | None
) -> None:
    """The text and look of an `a:r`, written as python-pptx's `run.text` and `rPr` would
    write them (control characters escaped as `_x001B_`), with the lxml calls alone."""
    t = r.find(_T)
    if t is None:
        t = etree.SubElement(r, _T)
    t.text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", text)
    rpr = r.find(_RPR)
    if rpr is None:
        rpr = r.makeelement(_RPR, {})
        t.addprevious(rpr)
    rpr.set("lang", fonts.lang)
    rpr.set("altLang", "ko-KR" if fonts.lang.startswith("en") else "en-US")
    if size is not None:
        rpr.set("sz", str(round(size * 100)))
    if bold is not None:
        rpr.set("b", "1" if bold else "0")
    for tag in _FACES:
        old = rpr.find(tag)
        if old is not None:
            rpr.remove(old)
    for tag, face in fonts.faces(title).items():
        etree.SubElement(rpr, qn(tag), {"typeface": face})


def keep_words_whole(element) -> None:
    """Every paragraph under `element` breaks East Asian text between words only. PowerPoint
    breaks Korean between any two syllables where `eaLnBrk` is "1", which is what a
    master's default text style (shapes, tables) usually says; the deck is measured with
    breaks between words."""
    for p in element.iter(_P):
        ppr = p.find(_PPR)
        if ppr is None:
            ppr = p.makeelement(_PPR, {})
            p.insert(0, ppr)
        ppr.set("eaLnBrk", "0")


def paras_of(text: Text) -> list[tuple[Para, bool]]:
    """The paragraphs of a Text, each with whether it is a heading (bold, no bullet)."""
    out: list[tuple[Para, bool]] = []
    if text.heading:
        out.append((Para(text.heading, 0, True, False), True))
    if text.text:
        out.append((Para(text.text, 0, False, False), False))
    for entry in text.items:
        out.extend(entry_paras(entry))
    return out


def entry_paras(entry: Entry) -> list[tuple[Para, bool]]:
    out = [(Para(entry.text, 0, entry.bold, entry.bullet), False)] if entry.text else []
    out += [(Para(s, 1 if entry.text else 0, False, True), False) for s in entry.sub]
    return out


def write_text(
    text_frame, paras: list[Para], fonts: Fonts, box: Box, title: bool = False, scale: float = 1.0
) -> None:
    """Replace the text of a placeholder with `paras` (sizes scaled when it had to shrink):
    the `a:p`, `a:pPr` and `a:r` python-pptx's add_paragraph and add_run would make."""
    body = text_body(text_frame)
    for p in body.findall(_P):
        body.remove(p)
    for para in paras:
        p = etree.SubElement(body, _P)
        ppr = etree.SubElement(p, _PPR)
        if para.level:
            ppr.set("lvl", str(para.level))
        if not para.bullet:
            ppr.set("marL", "0")
            ppr.set("indent", "0")
            etree.SubElement(ppr, _BU_NONE)
        level = box.levels[min(para.level, len(box.levels) - 1)]
        size = level.size * scale if scale != 1.0 else None
        r = etree.SubElement(p, _R)
        _fill_run(r, para.text, fonts, title, True if para.bold else None, size)


# --- fitting what does not fit ------------------------------------------------------------


SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)


def shrink_to_fit(paras: list[Para], box: Box, measure: Measure) -> tuple[list[Para], float, bool]:
    """(paragraphs, font scale, shortened): smaller type first, then a shortened text."""
    for scale in SCALES:
        if measure.fits(paras, box.shrunk(scale)):
            return paras, scale, False
    small = box.shrunk(SCALES[-1])
    paras = list(paras)
    while paras and not measure.fits(paras, small):
        longest = max(range(len(paras)), key=lambda i: len(paras[i].text))
        text = paras[longest].text
        if len(text) <= 1:
            paras.pop(longest)
            continue
        lo, hi = 0, len(text)
        while lo < hi:  # the longest prefix that still fits
            mid = (lo + hi + 1) // 2
            trial = [*paras[:longest], _cut(paras[longest], text[:mid]), *paras[longest + 1 :]]
            if measure.fits(trial, small):
                lo = mid
            else:
                hi = mid - 1
        if lo == 0:
            paras.pop(longest)
        else:
            paras[longest] = _cut(paras[longest], text[:lo])
            break
    return paras, SCALES[-1], True


def _cut(para: Para, text: str) -> Para:
    return Para(text.rstrip() + ELLIPSIS, para.level, para.bold, para.bullet)


# --- diagrams ----------------------------------------------------------------------------


def draw_diagram(
    slide, diagram: Diagram, box: Box, fonts: Fonts, measure: Measure
) -> list[Problem]:
    """Draw the steps as chevrons or as boxes joined by arrows; returns problems, if any."""
    problems: list[Problem] = []
    steps = diagram.steps
    chevrons = diagram.kind == "chevrons"
    per_row = min(len(steps), 7 if chevrons else 5)
    rows = math.ceil(len(steps) / per_row)
    has_text = any(s.text for s in steps)
    row_h = box.h // rows
    gap = int(0.08 * IN) if chevrons else int(0.5 * IN)
    shape_h = min(int(1.25 * IN), int(row_h * (0.45 if has_text else 0.85)))
    width = min((box.w - (per_row - 1) * gap) // per_row, int(3.2 * IN))
    inset = int(0.05 * IN)
    depth = int(min(width, shape_h) * 0.25) if chevrons else int(min(width, shape_h) * 0.05)
    label_w = width - 2 * depth - 2 * inset - (int(0.1 * IN) if chevrons else 0)
    label_h = shape_h - 2 * inset
    size = _common_size(
        [s.label for s in steps],
        label_w,
        label_h,
        fonts.minor,
        measure,
        (20, 18, 16, 14, 13, 12, 11, 10),
        bold=True,
    )
    if size is None:
        size = 10
        problems += [
            ("W709", {"step": s.label})
            for s in steps
            if measure.text_height(s.label, label_w, fonts.minor, size, True) > label_h
        ]
    text_h = row_h - shape_h - int(0.15 * IN)
    text_size = None
    if has_text:
        text_size = _common_size(
            [s.text for s in steps],
            width - 2 * inset,
            text_h - 2 * inset,
            fonts.minor,
            measure,
            (16, 14, 13, 12, 11, 10, 9),
        )
        if text_size is None:
            text_size = 9
            problems += [
                ("W710", {"step": s.label})
                for s in steps
                if measure.text_height(s.text, width - 2 * inset, fonts.minor, 9)
                > text_h - 2 * inset
            ]
    # shapes with texts under them sit in the middle of their row, as shapes alone do:
    # a short process on a tall box is not a row at the top of an empty slide
    pad = 0
    if has_text and text_size:
        needed = max(
            measure.text_height(s.text, width - 2 * inset, fonts.minor, text_size)
            for s in steps
            if s.text
        )
        used = shape_h + int(0.15 * IN) + min(needed + 2 * inset, text_h)
        pad = max(0, (row_h - used) // 2)
        text_h -= pad
    for i, step in enumerate(steps):
        row, col = divmod(i, per_row)
        in_row = min(per_row, len(steps) - row * per_row)
        left = box.x + (box.w - (in_row * width + (in_row - 1) * gap)) // 2
        x = left + col * (width + gap)
        y = box.y + row * row_h + (pad if has_text else (row_h - shape_h) // 2)
        if chevrons:
            kind = MSO_SHAPE.PENTAGON if i == 0 else MSO_SHAPE.CHEVRON
        else:
            kind = MSO_SHAPE.ROUNDED_RECTANGLE
        shape = slide.shapes.add_shape(kind, Emu(x), Emu(y), Emu(width), Emu(shape_h))
        shape.name = f"step {i + 1}"
        _flat(shape, "ACCENT_1" if chevrons or i % 2 == 0 else "ACCENT_2")
        if chevrons:
            shape.adjustments[0] = 0.25  # point depth: a quarter of the height
        label = step.label
        if not measure.text_height(label, label_w, fonts.minor, size, True) <= label_h:
            label = _shorten(label, label_w, label_h, fonts.minor, size, measure, True)
        _shape_text(shape, label, fonts, size, bold=True, inset=inset)
        if not chevrons and col < in_row - 1:
            arrow_w, arrow_h = int(gap * 0.6), int(min(0.35 * IN, shape_h * 0.4))
            arrow = slide.shapes.add_shape(
                MSO_SHAPE.RIGHT_ARROW,
                Emu(x + width + (gap - arrow_w) // 2),
                Emu(y + (shape_h - arrow_h) // 2),
                Emu(arrow_w),
                Emu(arrow_h),
            )
            arrow.name = f"arrow {i + 1}"
            _flat(arrow, "ACCENT_6")
        if step.text and text_size:
            top = y + shape_h + int(0.15 * IN)
            text = step.text
            room = text_h - 2 * inset
            if measure.text_height(text, width - 2 * inset, fonts.minor, text_size) > room:
                text = _shorten(
                    text, width - 2 * inset, text_h - 2 * inset, fonts.minor, text_size, measure
                )
            tb = slide.shapes.add_textbox(Emu(x), Emu(top), Emu(width), Emu(max(text_h, 1)))
            tb.name = f"step {i + 1} text"
            frame = tb.text_frame
            frame.word_wrap = True
            _insets(frame, inset)
            for n, line in enumerate(text.split("\n")):  # a line of its own: "Owner: …"
                p = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
                p.alignment = PP_ALIGN.CENTER
                add_run(paragraph_element(p), line, fonts, size=text_size)
    return problems


def _theme_colour(name: str):
    from pptx.enum.dml import MSO_THEME_COLOR

    return getattr(MSO_THEME_COLOR, name)


def _flat(shape, colour: str) -> None:
    """A plain fill in a theme colour, no outline, no shadow: the master's palette decides."""
    shape.fill.solid()
    shape.fill.fore_color.theme_color = _theme_colour(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False


def _insets(frame, inset: int) -> None:
    frame.margin_left = frame.margin_right = Emu(inset)
    frame.margin_top = frame.margin_bottom = Emu(inset)


def _shape_text(shape, text: str, fonts: Fonts, size: float, bold: bool, inset: int) -> None:
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _insets(frame, inset)
    p = frame.paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    add_run(paragraph_element(p), text, fonts, bold=bold, size=size)


def _common_size(
    texts: list[str],
    width: int,
    height: int,
    family: str,
    measure: Measure,
    sizes: tuple,
    bold: bool = False,
) -> float | None:
    for size in sizes:
        if all(measure.text_height(t, width, family, size, bold) <= height for t in texts if t):
            return size
    return None


def _shorten(
    text: str,
    width: int,
    height: int,
    family: str,
    size: float,
    measure: Measure,
    bold: bool = False,
) -> str:
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure.text_height(text[:mid] + ELLIPSIS, width, family, size, bold) <= height:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


# --- tables --------------------------------------------------------------------------------

TABLE_SIZES = (14, 12, 11, 10)
CELL_LR, CELL_TB = int(0.1 * IN), int(0.05 * IN)


def row_heights(table: Table, box: Box, measure: Measure, size: float) -> list[int]:
    widths = column_widths(table, box.w)
    heights = []
    for bold, row in ((True, table.columns), *((False, r) for r in table.rows)):
        tallest = max(
            measure.text_height(cell or " ", w - 2 * CELL_LR, box.font, size, bold)
            for cell, w in zip(row, widths, strict=True)
        )
        heights.append(tallest + 2 * CELL_TB + int(size * 0.2 * 12700))
    return heights


def column_widths(table: Table, total: int) -> list[int]:
    whole = sum(table.widths)
    widths = [int(total * w / whole) for w in table.widths]
    widths[-1] += total - sum(widths)
    return widths


def table_fits(table: Table, box: Box, measure: Measure, size: float = TABLE_SIZES[0]) -> bool:
    return sum(row_heights(table, box, measure, size)) <= box.h


def draw_table(slide, table: Table, box: Box, fonts: Fonts, measure: Measure) -> list[Problem]:
    """Draw a table in the box, in the largest type its rows fit; returns problems, if any."""
    problems: list[Problem] = []
    size = next((s for s in TABLE_SIZES if table_fits(table, box, measure, s)), None)
    if size is None:
        size = TABLE_SIZES[-1]
        long = [
            f"“{row[0]}”"
            for row in table.rows
            if not table_fits(Table(table.columns, (row,), table.widths), box, measure, size)
        ]
        problems.append(("W706", {"rows": ", ".join(long)}))
        table = _shorten_rows(table, box, measure, size)
    heights = row_heights(table, box, measure, size)
    shape = slide.shapes.add_table(
        len(table.rows) + 1,
        len(table.columns),
        Emu(box.x),
        Emu(box.y),
        Emu(box.w),
        Emu(sum(heights)),
    )
    shape.name = "table"
    grid = shape.table
    for i, w in enumerate(column_widths(table, box.w)):
        grid.columns[i].width = Emu(w)
    for r, (height, row) in enumerate(zip(heights, (table.columns, *table.rows), strict=True)):
        grid.rows[r].height = Emu(height)
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = Emu(CELL_LR)
            cell.margin_top = cell.margin_bottom = Emu(CELL_TB)
            frame = cell.text_frame
            frame.word_wrap = True
            add_run(paragraph_element(frame.paragraphs[0]), value, fonts, bold=r == 0, size=size)
    return problems


def _shorten_rows(table: Table, box: Box, measure: Measure, size: float) -> Table:
    widths = column_widths(table, box.w)
    budget = box.h - row_heights(Table(table.columns, (), table.widths), box, measure, size)[0]
    rows = []
    for row in table.rows:
        cells = []
        for cell, w in zip(row, widths, strict=True):
            limit = budget - 2 * CELL_TB - int(size * 0.2 * 12700)
            if measure.text_height(cell, w - 2 * CELL_LR, box.font, size) > limit:
                cell = _shorten(cell, w - 2 * CELL_LR, limit, box.font, size, measure)
            cells.append(cell)
        rows.append(tuple(cells))
    return Table(table.columns, tuple(rows), table.widths)


# --- badge --------------------------------------------------------------------------------


def draw_badge(
    slide, text: str, slide_width: int, fonts: Fonts, measure: Measure, box: Box | None = None
) -> None:
    """A small "변경" mark in the top right corner, above the title's first line (or where
    the layout's `badge` placeholder is); as wide as its word needs."""
    size = 11
    if box is None:
        w = max(
            int(0.8 * IN),
            int(measure.font(fonts.minor, True).width(text) * size * 12700) + int(0.3 * IN),
        )
        box = Box(slide_width - int(0.6 * IN) - w, int(0.06 * IN), w, int(0.3 * IN))
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h)
    )
    shape.name = "badge"
    _flat(shape, "ACCENT_5")
    _shape_text(shape, text, fonts, size, bold=True, inset=int(0.03 * IN))
