"""Make the default theme's Hangul reference document: templates/hwpx/reference.hwpx.

    .venv/bin/python tests/tools/make_reference_hwpx.py [OUT]
    (OUT defaults to templates/hwpx/reference.hwpx)

The reference is data a designer replaces with a branded one (edited in Hangul); this
script only makes the default one reproducibly. It starts from python-hwpx's blank
document (Apache-2.0; only its package frame, settings and version parts are kept) and
writes its own header part: one font set (NanumGothic, the theme's bundled font, for
Hangul AND Latin AND every other script, so Korean never falls back to a Latin face),
the page (A4, margins), colours, and the named styles the HWPX writer looks up by their
English name (`engName`). The body shows one sample paragraph per style, so a designer
sees each one in Hangul; the renderer keeps only the page settings of the body.
tests/test_hwpx.py checks that the committed file is what this script makes.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "cli"))

from csmanual.render.hwpx.archive import write_package  # noqa: E402
from csmanual.render.hwpx.owpml import (  # noqa: E402
    HC,
    HH,
    HP,
    NAMESPACES,
    Cell,
    Ids,
    Span,
    Style,
    hh,
    paragraph,
    table,
)

FONT = "나눔고딕"  # NanumGothic's Korean family name, as Hangul lists it
LANGS = ("HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER")
NAVY, INK, GREY, AMBER = "#1F3A5F", "#222222", "#555555", "#8A4B00"
MM = 7200 / 25.4  # HWPUNIT per millimetre (1 HWPUNIT = 1/7200 inch)

# char shapes: (height in 1/100 pt, colour, bold)
CHARS = {
    "body": (1050, INK, False),
    "strong": (1050, INK, True),
    "title": (2600, NAVY, True),
    "subtitle": (1400, GREY, False),
    "h1": (1700, NAVY, True),
    "h2": (1350, NAVY, True),
    "h3": (1150, INK, True),
    "small": (850, GREY, False),
    "caution": (1050, AMBER, False),
    "toc-heading": (1400, NAVY, True),
}
# border fills: id → (border type, border colour, fill colour or None)
FILLS = {
    1: ("NONE", "#000000", None),
    2: ("NONE", "#000000", None),
    3: ("SOLID", "#8C8C8C", None),  # table cell
    4: ("SOLID", "#8C8C8C", "#E8EEF6"),  # table header cell
    5: ("SOLID", "#E0A040", "#FFF4E5"),  # caution box
}
# paragraph shapes: name → dict(align, left, indent, before, after, spacing, outline, keep, fill)
PARAS = {
    "body": {"after": 400},
    "title": {"align": "CENTER", "before": 6000, "after": 1200},
    "subtitle": {"align": "CENTER", "after": 2400},
    "h1": {"outline": 0, "before": 1600, "after": 600, "keep": True},
    "h2": {"outline": 1, "before": 1000, "after": 400, "keep": True},
    "h3": {"outline": 2, "before": 800, "after": 300, "keep": True},
    "list": {"left": 1600, "indent": -1000, "after": 200},
    "cell": {"spacing": 130},
    "caution": {"fill": 5, "left": 400, "before": 400, "after": 600},
    "header": {"align": "RIGHT", "spacing": 130},
    "footer": {"align": "CENTER", "spacing": 130},
    "toc-heading": {"before": 600, "after": 600, "keep": True},
    "toc1": {"after": 150},
    "toc2": {"left": 1600, "after": 100},
    "toc3": {"left": 3200, "after": 100},
}
# styles: (Korean name, English name the writer looks up, paragraph shape, char shape);
# the English names are the document plan's (render/office/plan.py, DEFAULT_STYLES)
STYLES = [
    ("바탕글", "Normal", "body", "body"),
    ("본문", "Body Text", "body", "body"),
    ("제목", "Title", "title", "title"),
    ("부제목", "Subtitle", "subtitle", "subtitle"),
    ("제목 1", "Heading 1", "h1", "h1"),
    ("제목 2", "Heading 2", "h2", "h2"),
    ("제목 3", "Heading 3", "h3", "h3"),
    ("글머리표 목록", "List Bullet", "list", "body"),
    ("번호 목록", "List Number", "list", "body"),
    ("표", "Manual Table", "cell", "body"),
    ("표 글", "Table Text", "cell", "body"),
    ("주의", "Caution", "caution", "caution"),
    ("서명 표", "Signature Table", "cell", "body"),
    ("머리말", "Header", "header", "small"),
    ("꼬리말", "Footer", "footer", "small"),
    ("차례 제목", "TOC Heading", "toc-heading", "toc-heading"),
    ("차례 1", "TOC 1", "toc1", "strong"),
    ("차례 2", "TOC 2", "toc2", "body"),
    ("차례 3", "TOC 3", "toc3", "body"),
]
TABLE_STYLES = ("Manual Table", "Signature Table")  # shown with a sample table each


def _fontfaces() -> etree._Element:
    faces = hh("fontfaces", itemCnt=str(len(LANGS)))
    for lang in LANGS:
        face = hh("fontface", lang=lang, fontCnt="1")
        font = hh("font", id="0", face=FONT, type="TTF", isEmbedded="0")
        font.append(
            hh(
                "typeInfo",
                familyType="FCAT_GOTHIC",
                weight="6",
                proportion="4",
                contrast="0",
                strokeVariation="1",
                armStyle="1",
                letterform="1",
                midline="1",
                xHeight="1",
            )
        )
        face.append(font)
        faces.append(face)
    return faces


def _border_fills() -> etree._Element:
    fills = hh("borderFills", itemCnt=str(len(FILLS)))
    for fill_id, (kind, colour, face) in FILLS.items():
        fill = hh(
            "borderFill",
            id=str(fill_id),
            threeD="0",
            shadow="0",
            centerLine="NONE",
            breakCellSeparateLine="0",
        )
        fill.append(hh("slash", type="NONE", Crooked="0", isCounter="0"))
        fill.append(hh("backSlash", type="NONE", Crooked="0", isCounter="0"))
        for side in ("left", "right", "top", "bottom"):
            fill.append(hh(f"{side}Border", type=kind, width="0.12 mm", color=colour))
        fill.append(hh("diagonal", type="SOLID", width="0.1 mm", color="#000000"))
        if face:
            brush = etree.SubElement(fill, f"{{{HC}}}fillBrush")
            etree.SubElement(
                brush, f"{{{HC}}}winBrush", faceColor=face, hatchColor="#999999", alpha="0"
            )
        fills.append(fill)
    return fills


def _langs(element: str, value: str) -> etree._Element:
    return hh(element, **{lang.lower(): value for lang in LANGS})


def _char_properties() -> etree._Element:
    chars = hh("charProperties", itemCnt=str(len(CHARS)))
    for char_id, (height, colour, bold) in enumerate(CHARS.values()):
        char = hh(
            "charPr",
            id=str(char_id),
            height=str(height),
            textColor=colour,
            shadeColor="none",
            useFontSpace="0",
            useKerning="0",
            symMark="NONE",
            borderFillIDRef="2",
        )
        char.append(_langs("fontRef", "0"))
        char.append(_langs("ratio", "100"))
        char.append(_langs("spacing", "0"))
        char.append(_langs("relSz", "100"))
        char.append(_langs("offset", "0"))
        if bold:
            char.append(hh("bold"))
        char.append(hh("underline", type="NONE", shape="SOLID", color="#000000"))
        char.append(hh("strikeout", shape="NONE", color="#000000"))
        char.append(hh("outline", type="NONE"))
        char.append(hh("shadow", type="NONE", color="#C0C0C0", offsetX="10", offsetY="10"))
        chars.append(char)
    return chars


def _margin(shape: dict, factor: int) -> etree._Element:
    margin = hh("margin")
    values = {
        "intent": shape.get("indent", 0),
        "left": shape.get("left", 0),
        "right": 0,
        "prev": shape.get("before", 0),
        "next": shape.get("after", 0),
    }
    for name, value in values.items():
        etree.SubElement(margin, f"{{{HC}}}{name}", value=str(value * factor), unit="HWPUNIT")
    return margin


def _para_properties() -> etree._Element:
    paras = hh("paraProperties", itemCnt=str(len(PARAS)))
    for para_id, shape in enumerate(PARAS.values()):
        para = hh(
            "paraPr",
            id=str(para_id),
            tabPrIDRef="0",
            condense="0",
            fontLineHeight="0",
            snapToGrid="1",
            suppressLineNumbers="0",
            checked="0",
            textDir="LTR",
        )
        para.append(hh("align", horizontal=shape.get("align", "LEFT"), vertical="BASELINE"))
        outline = shape.get("outline")
        para.append(
            hh(
                "heading",
                type="NONE" if outline is None else "OUTLINE",
                idRef="0" if outline is None else "2",
                level=str(outline or 0),
            )
        )
        # Korean breaks between words (어절), never inside one: KEEP_WORD for Hangul too
        para.append(
            hh(
                "breakSetting",
                breakLatinWord="KEEP_WORD",
                breakNonLatinWord="KEEP_WORD",
                widowOrphan="1",
                keepWithNext="1" if shape.get("keep") else "0",
                keepLines="1" if shape.get("keep") else "0",
                pageBreakBefore="0",
                lineWrap="BREAK",
            )
        )
        para.append(hh("autoSpacing", eAsianEng="0", eAsianNum="0"))
        switch = etree.SubElement(para, f"{{{HP}}}switch")
        case = etree.SubElement(switch, f"{{{HP}}}case")
        case.set(f"{{{HP}}}required-namespace", NAMESPACES["hwpunitchar"])
        default = etree.SubElement(switch, f"{{{HP}}}default")
        spacing = str(shape.get("spacing", 160))
        # the older readers' part (`default`) counts paragraph margins in half units
        for branch, factor in ((case, 1), (default, 2)):
            branch.append(_margin(shape, factor))
            branch.append(hh("lineSpacing", type="PERCENT", value=spacing, unit="HWPUNIT"))
        para.append(
            hh(
                "border",
                borderFillIDRef=str(shape.get("fill", 2)),
                offsetLeft="400" if shape.get("fill") else "0",
                offsetRight="400" if shape.get("fill") else "0",
                offsetTop="300" if shape.get("fill") else "0",
                offsetBottom="300" if shape.get("fill") else "0",
                connect="1" if shape.get("fill") else "0",
                ignoreMargin="0",
            )
        )
        paras.append(para)
    return paras


def _outline_numbering(head: etree._Element) -> None:
    """Numbering 2: the outline of headings without printed numbers (the plan's headings
    carry their own); Hangul's outline view and the navigation pane still list them."""
    numberings = head.find(f"{{{HH}}}refList/{{{HH}}}numberings")
    numbering = hh("numbering", id="2", start="0")
    for level in range(1, 11):
        item = hh(
            "paraHead",
            start="1",
            level=str(level),
            align="LEFT",
            useInstWidth="1",
            autoIndent="1",
            widthAdjust="0",
            textOffsetType="PERCENT",
            textOffset="50",
            numFormat="DIGIT",
            charPrIDRef="4294967295",
            checkable="0",
        )
        numbering.append(item)
    numberings.append(numbering)
    numberings.set("itemCnt", str(len(numberings)))


def _styles() -> etree._Element:
    styles = hh("styles", itemCnt=str(len(STYLES)))
    paras, chars = list(PARAS), list(CHARS)
    for style_id, (name, english, para, char) in enumerate(STYLES):
        styles.append(
            hh(
                "style",
                id=str(style_id),
                type="PARA",
                name=name,
                engName=english,
                paraPrIDRef=str(paras.index(para)),
                charPrIDRef=str(chars.index(char)),
                nextStyleIDRef=str(style_id if english.startswith(("List", "Table")) else 1),
                langID="1042",
                lockForm="0",
            )
        )
    return styles


def header_xml(skeleton: bytes) -> bytes:
    head = etree.fromstring(skeleton)
    ref_list = head.find(f"{{{HH}}}refList")
    for tag, make in (
        ("fontfaces", _fontfaces),
        ("borderFills", _border_fills),
        ("charProperties", _char_properties),
        ("paraProperties", _para_properties),
        ("styles", _styles),
    ):
        old = ref_list.find(f"{{{HH}}}{tag}")
        ref_list.replace(old, make())
    _outline_numbering(head)
    return etree.tostring(head, xml_declaration=True, encoding="UTF-8", standalone=True)


def _style(style_id: int) -> Style:
    name, english, para, char = STYLES[style_id]
    return Style(
        str(style_id), str(list(PARAS).index(para)), str(list(CHARS).index(char)), name, english
    )


def _by_english(english: str) -> Style:
    return _style(next(i for i, style in enumerate(STYLES) if style[1] == english))


def _sample_table(ids: Ids, english: str) -> etree._Element:
    """A table in the style `english`: the writer copies its borders and fills (the table's,
    the first row's cells, the second row's cells) and the first row's char shape to every
    table in that style, so a designer restyles the tables by restyling this one."""
    text = _by_english("Table Text")
    head_char = str(list(CHARS).index("strong"))
    rows = [
        [
            Cell([paragraph(ids, text, [(head_char, [Span(f"{english} 머리")])])], header=True),
            Cell([paragraph(ids, text, [(head_char, [Span("Header")])])], header=True),
        ],
        [
            Cell([paragraph(ids, text, [(text.char, [Span("가나다라 본문")])])]),
            Cell([paragraph(ids, text, [(text.char, [Span("Body ABC 123")])])]),
        ],
    ]
    width = 59528 - 2 * round(20 * MM)
    widths = [width // 2, width - width // 2]
    return table(ids, _by_english(english), rows, widths, "3", "4", 1, heights=[700, 700])


def section_xml(skeleton: bytes) -> bytes:
    """The skeleton's page settings on A4 with 20 mm margins, then one sample paragraph in
    each style, so a designer opening the reference in Hangul sees every style."""
    sec = etree.fromstring(skeleton)
    first = sec.find(f"{{{HP}}}p")
    sec_pr = first.find(f".//{{{HP}}}secPr")
    sec_pr.set("outlineShapeIDRef", "2")
    margin = sec_pr.find(f"{{{HP}}}pagePr/{{{HP}}}margin")
    for side, mm in (
        ("left", 20),
        ("right", 20),
        ("top", 20),
        ("bottom", 15),
        ("header", 10),
        ("footer", 10),
        ("gutter", 0),
    ):
        margin.set(side, str(round(mm * MM)))
    for element in first.findall(f"{{{HP}}}linesegarray"):
        first.remove(element)
    ids = Ids()
    for style_id, (name, english, _, _) in enumerate(STYLES):
        if english in TABLE_STYLES:
            sec.append(_sample_table(ids, english))
            continue
        sample = f"{name} ({english}) 가나다라 ABC abc 123"
        style = _style(style_id)
        sec.append(paragraph(ids, style, [(style.char, [Span(sample)])]))
    return etree.tostring(sec, xml_declaration=True, encoding="UTF-8", standalone=True)


# python-hwpx's blank document this script was written against (python-hwpx 6.9.0): the
# test that compares the committed reference with this script's output needs this one
SKELETON_SHA256 = "c91fb77a9933a3e5645a25778e2d2b99e98137ed99572a5d1dd29ef0c0fd4c98"


def skeleton_bytes() -> bytes:
    from hwpx.templates import blank_document_bytes  # the test extra: python-hwpx

    return blank_document_bytes()


def make(out: Path) -> None:
    skeleton = zipfile.ZipFile(io.BytesIO(skeleton_bytes()))
    parts = {name: skeleton.read(name) for name in skeleton.namelist()}
    parts["Contents/header.xml"] = header_xml(parts["Contents/header.xml"])
    parts["Contents/section0.xml"] = section_xml(parts["Contents/section0.xml"])
    parts["Preview/PrvText.txt"] = "\r\n".join(f"{n} ({e})" for n, e, _, _ in STYLES).encode()
    parts.pop("Preview/PrvImage.png", None)  # a stale picture of the skeleton's page
    out.write_bytes(write_package(parts))


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "hwpx" / "reference.hwpx")
