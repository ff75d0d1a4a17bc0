"""Make templates/docx/reference.docx: the Word edition's reference document.

    .venv/bin/python tests/tools/make_reference_docx.py [out.docx]

The reference is a small, hand-written WordprocessingML package: A4 with 20 mm margins,
NanumGothic for Latin *and* East Asian text (w:eastAsia, so Korean never falls back to a
Latin face), and the named styles the document plan uses (docs/office.md): Title,
Subtitle, Heading 1–3, Body Text, List Bullet, List Number, Table Text, Caution, Header,
Footer, TOC Heading, TOC 1–3 and the table styles Manual Table and Signature Table. The
same script makes the same bytes (fixed zip times and order).

A designer does not need this script: open reference.docx in Word or LibreOffice Writer,
change a style (Home › Styles › Modify in Word; Styles › Edit Style in Writer), keep the
style names, and save it as .docx in the theme's docx/ folder. The renderer takes page
size, margins, styles, fonts and colours from it and writes its own body, header and
footer text.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "templates" / "docx" / "reference.docx"
FONT = "NanumGothic"
TEXT_WIDTH = 11906 - 2 * 1134  # A4 less the margins, in twentieths of a point
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

OFFICE = "application/vnd.openxmlformats-officedocument"
WORDML = f"{OFFICE}.wordprocessingml"
OVERRIDES = {
    "/word/document.xml": f"{WORDML}.document.main+xml",
    "/word/styles.xml": f"{WORDML}.styles+xml",
    "/word/numbering.xml": f"{WORDML}.numbering+xml",
    "/word/settings.xml": f"{WORDML}.settings+xml",
    "/word/fontTable.xml": f"{WORDML}.fontTable+xml",
    "/word/header1.xml": f"{WORDML}.header+xml",
    "/word/footer1.xml": f"{WORDML}.footer+xml",
    "/word/header2.xml": f"{WORDML}.header+xml",
    "/word/footer2.xml": f"{WORDML}.footer+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/docProps/app.xml": f"{OFFICE}.extended-properties+xml",
}
CONTENT_TYPES = (
    f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in OVERRIDES.items())
    + "</Types>"
)
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

ROOT_RELS = f"""{HEAD}<Relationships xmlns="{PR}">
<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="{CORE_REL}" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="{R}/extended-properties" Target="docProps/app.xml"/>
</Relationships>"""

DOCUMENT_RELS = f"""{HEAD}<Relationships xmlns="{PR}">
<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{R}/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="{R}/settings" Target="settings.xml"/>
<Relationship Id="rId4" Type="{R}/fontTable" Target="fontTable.xml"/>
<Relationship Id="rId5" Type="{R}/header" Target="header1.xml"/>
<Relationship Id="rId6" Type="{R}/footer" Target="footer1.xml"/>
<Relationship Id="rId7" Type="{R}/header" Target="header2.xml"/>
<Relationship Id="rId8" Type="{R}/footer" Target="footer2.xml"/>
</Relationships>"""

# A4 (210 × 297 mm) in twentieths of a point, 20 mm margins, header and footer 10 mm in;
# the first page (the cover) has its own, empty, header and footer
DOCUMENT = f"""{HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>
<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr></w:p>
<w:sectPr>
<w:headerReference w:type="default" r:id="rId5"/>
<w:headerReference w:type="first" r:id="rId7"/>
<w:footerReference w:type="default" r:id="rId6"/>
<w:footerReference w:type="first" r:id="rId8"/>
<w:pgSz w:w="11906" w:h="16838"/>
<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"
 w:header="567" w:footer="567" w:gutter="0"/>
<w:cols w:space="425"/>
<w:titlePg/>
</w:sectPr>
</w:body></w:document>"""


def _part_paragraph(tag: str, style: str) -> str:
    return (
        f'{HEAD}<w:{tag} xmlns:w="{W}" xmlns:r="{R}">'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr></w:p></w:{tag}>'
    )


def _style(
    kind: str, style_id: str, name: str, ppr: str = "", rpr: str = "", extra: str = ""
) -> str:
    based = '<w:basedOn w:val="Normal"/>' if kind == "paragraph" and style_id != "Normal" else ""
    return (
        f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}'
        f"<w:qFormat/>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}"
        f"{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{extra}</w:style>"
    )


def _colour(hex_: str) -> str:
    return f'<w:color w:val="{hex_}"/>'


def _size(points: float) -> str:
    return f'<w:sz w:val="{round(points * 2)}"/><w:szCs w:val="{round(points * 2)}"/>'


# no extra space between Hangul and digits or Latin: "7단계" stays as it is written
# (in the defaults for Word, in Normal too: LibreOffice reads it from styles only)
NO_AUTO_SPACE = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
TABLE_BORDERS = "<w:tblBorders>{}</w:tblBorders>".format(
    "".join(BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
)
TABLE_PPR = (
    "<w:tblPr>"
    + TABLE_BORDERS
    + '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
    '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>'
    "</w:tblPr>"
)
FIRST_ROW = (
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
    + _colour("1F3864")
    + '</w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE6F2"/></w:tcPr>'
    "</w:tblStylePr>"
)

STYLES = "".join(
    [
        _style("paragraph", "Normal", "Normal", NO_AUTO_SPACE).replace(
            'w:styleId="Normal"', 'w:default="1" w:styleId="Normal"'
        ),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        "<w:semiHidden/></w:style>",
        _style(
            "paragraph",
            "Title",
            "Title",
            '<w:spacing w:before="2400" w:after="240"/>',
            "<w:b/><w:bCs/>" + _colour("1F3864") + _size(28),
        ),
        _style(
            "paragraph",
            "Subtitle",
            "Subtitle",
            '<w:spacing w:after="200"/>',
            _colour("44546A") + _size(14),
        ),
        _style(
            "paragraph",
            "Heading1",
            "heading 1",
            '<w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" '
            'w:color="1F3864"/></w:pBdr><w:spacing w:before="360" w:after="160"/>'
            '<w:outlineLvl w:val="0"/>',
            "<w:b/><w:bCs/>" + _colour("1F3864") + _size(16),
        ),
        _style(
            "paragraph",
            "Heading2",
            "heading 2",
            '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>'
            '<w:outlineLvl w:val="1"/>',
            "<w:b/><w:bCs/>" + _colour("2E5597") + _size(13),
        ),
        _style(
            "paragraph",
            "Heading3",
            "heading 3",
            '<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="40"/>'
            '<w:outlineLvl w:val="2"/>',
            "<w:b/><w:bCs/>" + _colour("404040") + _size(11),
        ),
        _style("paragraph", "BodyText", "Body Text", '<w:spacing w:after="120"/>'),
        _style(
            "paragraph",
            "ListBullet",
            "List Bullet",
            '<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="40"/>'
            '<w:ind w:left="400" w:hanging="280"/>',
        ),
        _style(
            "paragraph",
            "ListNumber",
            "List Number",
            '<w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:after="40"/>'
            '<w:ind w:left="400" w:hanging="320"/>',
        ),
        _style(
            "paragraph",
            "TableText",
            "Table Text",
            '<w:spacing w:after="0" w:line="264" w:lineRule="auto"/>',
            _size(9.5),
        ),
        _style(
            "paragraph",
            "Caution",
            "Caution",
            '<w:keepLines/><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="C55A11"/>'
            '<w:left w:val="single" w:sz="24" w:space="6" w:color="C55A11"/>'
            '<w:bottom w:val="single" w:sz="4" w:space="4" w:color="C55A11"/>'
            '<w:right w:val="single" w:sz="4" w:space="4" w:color="C55A11"/></w:pBdr>'
            '<w:shd w:val="clear" w:color="auto" w:fill="FBEEE4"/>'
            '<w:spacing w:before="120" w:after="200"/><w:ind w:left="160" w:right="120"/>',
        ),
        _style(
            "paragraph",
            "Header",
            "header",
            '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="2" w:color="A6A6A6"/></w:pBdr>'
            '<w:spacing w:after="0"/>',
            _colour("7F7F7F") + _size(8),
        ),
        _style(
            "paragraph",
            "Footer",
            "footer",
            '<w:spacing w:after="0"/><w:jc w:val="center"/>',
            _colour("7F7F7F") + _size(8),
        ),
        _style(
            "paragraph",
            "TOCHeading",
            "TOC Heading",
            '<w:spacing w:before="240" w:after="240"/>',
            "<w:b/><w:bCs/>" + _colour("1F3864") + _size(16),
        ),
        *(
            _style(
                "paragraph",
                f"TOC{level}",
                f"toc {level}",
                f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
                f'<w:spacing w:before="{80 if level == 1 else 0}" w:after="30"/>'
                f'<w:ind w:left="{(level - 1) * 400}"/>',
                "<w:b/><w:bCs/>" if level == 1 else "",
            )
            for level in (1, 2, 3)
        ),
        _style("table", "ManualTable", "Manual Table", extra=TABLE_PPR + FIRST_ROW),
        _style("table", "SignatureTable", "Signature Table", extra=TABLE_PPR + FIRST_ROW),
    ]
)

STYLES_XML = (
    f'{HEAD}<w:styles xmlns:w="{W}" xmlns:r="{R}"><w:docDefaults><w:rPrDefault><w:rPr>'
    f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    f'{_size(10.5)}<w:lang w:val="ko-KR" w:eastAsia="ko-KR" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    + NO_AUTO_SPACE
    + '<w:spacing w:after="80" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    f"</w:docDefaults>{STYLES}</w:styles>"
)


def _level(ilvl: int, fmt: str, text: str, left: int, hanging: int) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
    )


NUMBERING = (
    f'{HEAD}<w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    + _level(0, "bullet", "•", 400, 280)
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>'
    + _level(0, "decimal", "%1.", 400, 320)
    + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    "</w:numbering>"
)

SETTINGS = (
    f'{HEAD}<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="800"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="ko-KR" w:eastAsia="ko-KR"/></w:settings>'
)

FONT_TABLE = (
    f'{HEAD}<w:fonts xmlns:w="{W}"><w:font w:name="{FONT}"><w:altName w:val="나눔고딕"/>'
    '<w:charset w:val="81"/><w:family w:val="modern"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)

CORE = (
    f"{HEAD}<cp:coreProperties "
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>csmanual reference</dc:title>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)

APP = (
    f"{HEAD}<Properties "
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>csmanual</Application></Properties>"
)

PARTS = [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", ROOT_RELS),
    ("docProps/core.xml", CORE),
    ("docProps/app.xml", APP),
    ("word/document.xml", DOCUMENT),
    ("word/_rels/document.xml.rels", DOCUMENT_RELS),
    ("word/styles.xml", STYLES_XML),
    ("word/numbering.xml", NUMBERING),
    ("word/settings.xml", SETTINGS),
    ("word/fontTable.xml", FONT_TABLE),
    ("word/header1.xml", _part_paragraph("hdr", "Header")),
    ("word/footer1.xml", _part_paragraph("ftr", "Footer")),
    # the cover has no running header and footer (Word: Layout › Different First Page)
    # (Normal, not Header: the Header style's rule would still be drawn above the title)
    ("word/header2.xml", _part_paragraph("hdr", "Normal")),
    ("word/footer2.xml", _part_paragraph("ftr", "Normal")),
]


def make(out: Path = OUT) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS:
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, text.encode("utf-8"), compresslevel=6)
    return out


if __name__ == "__main__":
    print(make(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
