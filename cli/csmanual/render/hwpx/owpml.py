"""OWPML, the XML inside an .hwpx: the few elements the manual is made of, built with lxml.

An HWPX body is a list of paragraphs (`hp:p`), each a list of runs (`hp:run`) that hold
text (`hp:t`) or controls (`hp:ctrl`: bookmarks, headers and footers, page numbers) or a
table (`hp:tbl`, whose cells hold paragraphs again). Every paragraph and run names a
paragraph style and its shapes by id (`styleIDRef`, `paraPrIDRef`, `charPrIDRef`) from the
header part: the reference document's, so a designer's styles are the ones used.

The element order and attributes are those Hangul writes (checked against files Hangul
saved and python-hwpx's, which are tested against Hangul); values are HWPUNITs
(1/7200 inch: 100 per point).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HH = "http://www.hancom.co.kr/hwpml/2011/head"
HC = "http://www.hancom.co.kr/hwpml/2011/core"
HS = "http://www.hancom.co.kr/hwpml/2011/section"
NAMESPACES = {
    "ha": "http://www.hancom.co.kr/hwpml/2011/app",
    "hp": HP,
    "hp10": "http://www.hancom.co.kr/hwpml/2016/paragraph",
    "hs": HS,
    "hc": HC,
    "hh": HH,
    "hhs": "http://www.hancom.co.kr/hwpml/2011/history",
    "hm": "http://www.hancom.co.kr/hwpml/2011/master-page",
    "hpf": "http://www.hancom.co.kr/schema/2011/hpf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "opf": "http://www.idpf.org/2007/opf/",
    "ooxmlchart": "http://www.hancom.co.kr/hwpml/2016/ooxmlchart",
    "hwpunitchar": "http://www.hancom.co.kr/hwpml/2016/HwpUnitChar",
    "epub": "http://www.idpf.org/2007/ops",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
}
CELL_MARGIN = (510, 510, 141, 141)  # left, right, top, bottom: Hangul's default
ROW_HEIGHT = 282  # the least a row is; Hangul grows each row to its text


def hp(tag: str, **attrs: str) -> etree._Element:
    return etree.Element(f"{{{HP}}}{tag}", attrs)


def hh(tag: str, **attrs: str) -> etree._Element:
    return etree.Element(f"{{{HH}}}{tag}", attrs)


@dataclass(frozen=True)
class Style:
    """A named paragraph style of the reference's header part, with its shapes."""

    id: str
    para: str  # paraPrIDRef
    char: str  # charPrIDRef
    name: str
    english: str


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph's text; `change` is the id of the tracked change that
    inserted or deleted it (`kind` "inserted" or "deleted"), None for plain text."""

    text: str
    kind: str | None = None
    change: int | None = None
    ends_paragraph: bool = False  # the change takes the paragraph's end with it


class Ids:
    """Paragraph and control ids: counted from 1 (the section's first paragraph is 0), so
    the same plan gives the same ids."""

    def __init__(self) -> None:
        self._next = 0

    def __call__(self) -> str:
        self._next += 1
        return str(self._next)


def _text(parent: etree._Element, text: str) -> None:
    """`text` into `parent` (an hp:t): line breaks as `hp:lineBreak`, tabs as `hp:tab`."""
    for index, line in enumerate(text.split("\n")):
        if index:
            parent.append(hp("lineBreak"))
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                parent.append(hp("tab"))
            _append_text(parent, part)


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


_MARKS = {"inserted": "insert", "deleted": "delete"}


def run(spans: list[Span], char: str) -> etree._Element:
    """One run of `spans`; a tracked span sits between its change's begin and end marks,
    which Hangul shows as a revision (accept or reject in 검토 → 변경 내용 추적)."""
    element = hp("run", charPrIDRef=char)
    text = hp("t")
    element.append(text)
    for span in spans:
        mark = _MARKS.get(span.kind or "")
        if mark is None or span.change is None:
            _text(text, span.text)
            continue
        ids = {"Id": str(span.change), "TcId": str(span.change)}
        text.append(hp(f"{mark}Begin", **ids))
        _text(text, span.text)
        text.append(hp(f"{mark}End", **ids, paraend="1" if span.ends_paragraph else "0"))
    return element


def _p(ids: Ids, style: Style, page_break: bool = False) -> etree._Element:
    """An empty `<hp:p>` in `style` (its paragraph and style ids)."""
    return hp(
        "p",
        id=ids(),
        paraPrIDRef=style.para,
        styleIDRef=style.id,
        pageBreak="1" if page_break else "0",
        columnBreak="0",
        merged="0",
    )


def paragraph(
    ids: Ids,
    style: Style,
    runs: list[tuple[str, list[Span]]],
    *,
    page_break: bool = False,
    bookmark: str | None = None,
) -> etree._Element:
    """A paragraph in `style` of `runs` ((char shape id, spans) each); a bookmark named
    `bookmark` at its start (what the contents and Hangul's bookmark list point to)."""
    element = _p(ids, style, page_break)
    if bookmark:
        holder = hp("run", charPrIDRef=runs[0][0] if runs else style.char)
        control = hp("ctrl")
        control.append(hp("bookmark", name=bookmark))
        holder.append(control)
        element.append(holder)
    for char, spans in runs or [(style.char, [])]:
        element.append(run(spans, char))
    return element


def _sub_list(width: int, height: int, align: str = "TOP") -> etree._Element:
    return hp(
        "subList",
        id="",
        textDirection="HORIZONTAL",
        lineWrap="BREAK",
        vertAlign=align,
        linkListIDRef="0",
        linkListNextIDRef="0",
        textWidth=str(width),
        textHeight=str(height),
        hasTextRef="0",
        hasNumRef="0",
    )


def page_number(kind: str) -> etree._Element:
    """The page's number (`PAGE`) or the document's page count (`TOTAL_PAGE`), as a run
    Hangul fills in on every page."""
    holder = hp("run", charPrIDRef="0")
    control = hp("ctrl")
    number = hp("autoNum", num="1", numType=kind)
    number.append(
        hp(
            "autoNumFormat",
            type="DIGIT",
            userChar="",
            prefixChar="",
            suffixChar="",
            supscript="0",
        )
    )
    control.append(number)
    holder.append(control)
    return holder


def header_footer(
    ids: Ids, kind: str, style: Style, pieces: list, width: int, height: int
) -> etree._Element:
    """A run holding the section's header or footer (`kind`): one paragraph in `style`
    of text pieces, where `PAGE` stands for the page's number and `TOTAL` for the count."""
    paragraph_element = _p(ids, style)
    for piece in pieces:
        if piece in (PAGE, TOTAL):
            number = page_number("PAGE" if piece is PAGE else "TOTAL_PAGE")
            number.set("charPrIDRef", style.char)
            paragraph_element.append(number)
        elif piece:
            paragraph_element.append(run([Span(piece)], style.char))
    sub_list = _sub_list(width, height, "TOP" if kind == "header" else "BOTTOM")
    sub_list.append(paragraph_element)
    part = hp(kind, id=ids(), applyPageType="BOTH")
    part.append(sub_list)
    control = hp("ctrl")
    control.append(part)
    holder = hp("run", charPrIDRef=style.char)
    holder.append(control)
    return holder


HYPERLINK_FIELD = "627600491"  # the field id Hangul gives every hyperlink (control %hlk)


def _escape(text: str) -> str:
    """A link target as Hangul stores it: `:`, `?`, `;` and `#` after a backslash."""
    return "".join("\\" + c if c in ":?;#" else c for c in text)


def bookmark_link(ids: Ids, style: Style, text: str, bookmark: str) -> etree._Element:
    """A paragraph in `style` whose text is a link to `bookmark` (a contents entry): a
    HYPERLINK field around the text, its target in the `Command` parameter, where Hangul
    reads it (`?name;0;0;0;` is a bookmark of this document)."""
    element = _p(ids, style)
    field = ids()
    begin_run, begin_control = hp("run", charPrIDRef=style.char), hp("ctrl")
    begin = hp(
        "fieldBegin",
        id=field,
        type="HYPERLINK",
        name="",
        editable="0",
        dirty="0",
        zorder="-1",
        fieldid=HYPERLINK_FIELD,
    )
    parameters = (
        ("integerParam", "Prop", "0"),
        ("stringParam", "Command", f"?{_escape(bookmark)};0;0;0;"),
        ("stringParam", "Category", "HWPHYPERLINK_TYPE_HWP"),
        ("stringParam", "TargetType", "HWPHYPERLINK_TARGET_BOOKMARK"),
        ("stringParam", "DocOpenType", "HWPHYPERLINK_JUMP_CURRENTTAB"),
    )
    holder = hp("parameters", cnt=str(len(parameters)), name="")
    for kind, name, value in parameters:
        parameter = hp(kind, name=name)
        parameter.text = value
        holder.append(parameter)
    begin.append(holder)
    begin_control.append(begin)
    begin_run.append(begin_control)
    end_run, end_control = hp("run", charPrIDRef=style.char), hp("ctrl")
    end_control.append(hp("fieldEnd", beginIDRef=field, fieldid=HYPERLINK_FIELD))
    end_run.append(end_control)
    element.extend([begin_run, run([Span(text)], style.char), end_run])
    return element


PAGE = object()  # a page number's place in a header or footer
TOTAL = object()  # the page count's


@dataclass(frozen=True)
class Cell:
    paragraphs: list[etree._Element]
    header: bool = False


def table(
    ids: Ids,
    holder_style: Style,
    rows: list[list[Cell]],
    widths: list[int],
    border: str,
    header_border: str,
    header_rows: int,
    *,
    heights: list[int] | None = None,
    body_border: str | None = None,
) -> etree._Element:
    """A paragraph holding a table of `rows` (each a list of cells) in columns of `widths`
    (HWPUNIT); its first `header_rows` rows repeat on every page the table runs onto."""
    columns = len(widths)
    heights = heights or [ROW_HEIGHT] * len(rows)
    element = _p(ids, holder_style)
    holder = hp("run", charPrIDRef=holder_style.char)
    element.append(holder)
    grid = hp(
        "tbl",
        id=ids(),
        zOrder="0",
        numberingType="TABLE",
        textWrap="TOP_AND_BOTTOM",
        textFlow="BOTH_SIDES",
        lock="0",
        dropcapstyle="None",
        pageBreak="CELL",
        repeatHeader="1" if header_rows else "0",
        rowCnt=str(len(rows)),
        colCnt=str(columns),
        cellSpacing="0",
        borderFillIDRef=border,
        noAdjust="0",
    )
    holder.append(grid)
    left, right, top, bottom = (str(v) for v in CELL_MARGIN)
    grid.append(
        hp(
            "sz",
            width=str(sum(widths)),
            widthRelTo="ABSOLUTE",
            height=str(sum(heights)),
            heightRelTo="ABSOLUTE",
            protect="0",
        )
    )
    grid.append(
        hp(
            "pos",
            treatAsChar="1",
            affectLSpacing="0",
            flowWithText="1",
            allowOverlap="0",
            holdAnchorAndSO="0",
            vertRelTo="PARA",
            horzRelTo="COLUMN",
            vertAlign="TOP",
            horzAlign="LEFT",
            vertOffset="0",
            horzOffset="0",
        )
    )
    grid.append(hp("outMargin", left="0", right="0", top="0", bottom="0"))
    grid.append(hp("inMargin", left=left, right=right, top=top, bottom=bottom))
    for row_index, row in enumerate(rows):
        line = hp("tr")
        for column, cell in enumerate(row):
            fill = header_border if cell.header else (body_border or border)
            box = hp(
                "tc",
                name="",
                header="1" if cell.header else "0",
                hasMargin="0",
                protect="0",
                editable="0",
                dirty="0",
                borderFillIDRef=fill,
            )
            inner = _sub_list(widths[column] - CELL_MARGIN[0] - CELL_MARGIN[1], 0, "CENTER")
            for inner_paragraph in cell.paragraphs:
                inner.append(inner_paragraph)
            box.append(inner)
            box.append(hp("cellAddr", colAddr=str(column), rowAddr=str(row_index)))
            box.append(hp("cellSpan", colSpan="1", rowSpan="1"))
            box.append(hp("cellSz", width=str(widths[column]), height=str(heights[row_index])))
            box.append(hp("cellMargin", left=left, right=right, top=top, bottom=bottom))
            line.append(box)
        grid.append(line)
    return element
