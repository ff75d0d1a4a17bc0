"""Make the default theme's slide master: templates/pptx/master.pptx.

    .venv/bin/python tests/tools/make_master.py [OUT]   (default: templates/pptx/master.pptx)

The master is data a designer replaces with a branded one (made in PowerPoint); this
script only makes the default one reproducibly, from python-pptx's own template. It lives
outside the theme folder because the theme ships as data, and outside the package because
nothing at build time needs it. tests/test_pptx.py checks that the committed file is what
this script makes.

What it makes: a 16:9 master whose theme fonts pair the bundled fonts: NanumGothic as the
East Asian (and Hangul) face, Noto Sans as the Latin one (an English manual's deck is set
in it; a Korean one in NanumGothic throughout), a calm navy/teal colour scheme,
and seven named layouts with named placeholders — the names the slide plan
(templates/pptx/slides.yaml.j2) fills:

    title        title, subtitle, meta
    section      title, subtitle
    content      title, body
    two-content  title, left, right
    flow         title, diagram (the area the diagram's shapes are drawn in), body
    card         title, traits, do, dont, example
    closing      title, subtitle

Every layout has a footer (document id and version) and a slide number.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "cli"))

from csmanual.render.pptx.archive import normalize  # noqa: E402

FONT = "NanumGothic"  # East Asian and Hangul
LATIN_FONT = "Noto Sans"  # Latin: the face of an English manual
W, H = 12192000, 6858000  # 16:9, 13.333 × 7.5 in
IN = 914400
PT = 12700
MARGIN = int(0.6 * IN)
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)

COLOURS = {  # theme colour scheme
    "dk1": "1E2A36",
    "lt1": "FFFFFF",
    "dk2": "1F3A5F",
    "lt2": "EEF2F6",
    "accent1": "2A6F97",
    "accent2": "2A9D8F",
    "accent3": "E9C46A",
    "accent4": "F4A261",
    "accent5": "E76F51",
    "accent6": "6C7A89",
    "hlink": "2A6F97",
    "folHlink": "6C7A89",
}


# --- XML pieces ------------------------------------------------------------------------


def xfrm(x: float, y: float, w: float, h: float) -> str:
    return (
        f'<a:xfrm><a:off x="{int(x)}" y="{int(y)}"/><a:ext cx="{int(w)}" cy="{int(h)}"/></a:xfrm>'
    )


def fill(colour: str | None) -> str:
    if colour is None:
        return ""
    if colour.startswith("scheme:"):
        return f'<a:solidFill><a:schemeClr val="{colour[7:]}"/></a:solidFill>'
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def run_props(
    size: int | None = None, colour: str | None = None, bold: bool = False, major: bool = False
) -> str:
    kind = "mj" if major else "mn"
    attrs = f' sz="{size * 100}"' if size else ""
    attrs += ' b="1"' if bold else ""
    return (
        f'<a:defRPr{attrs}>{fill(colour)}<a:latin typeface="+{kind}-lt"/>'
        f'<a:ea typeface="+{kind}-ea"/><a:cs typeface="+{kind}-cs"/></a:defRPr>'
    )


def level(
    n: int,
    size: int,
    colour: str | None = None,
    bold: bool = False,
    bullet: str | None = None,
    mar: int = 0,
    indent: int = 0,
    before: int = 0,
    after: int = 0,
    algn: str = "l",
    major: bool = False,
    line: int = 100,
) -> str:
    bu = f'<a:buFont typeface="Arial"/><a:buChar char="{bullet}"/>' if bullet else "<a:buNone/>"
    return (
        f'<a:lvl{n}pPr marL="{mar}" indent="{indent}" algn="{algn}" eaLnBrk="0" '
        f'latinLnBrk="0" hangingPunct="1">'
        f'<a:lnSpc><a:spcPct val="{line * 1000}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{before * 100}"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="{after * 100}"/></a:spcAft>{bu}'
        f"{run_props(size, colour, bold, major)}</a:lvl{n}pPr>"
    )


def placeholder(
    sid: int,
    name: str,
    ph: str,
    box: tuple,
    prompt: str = "",
    styles: str = "",
    anchor: str = "t",
    shape_fill: str | None = None,
    inset: int = 91440,
) -> str:
    body = (
        f'<p:txBody><a:bodyPr wrap="square" lIns="{inset}" tIns="{inset // 2}" '
        f'rIns="{inset}" bIns="{inset // 2}" anchor="{anchor}"><a:noAutofit/></a:bodyPr>'
        f'<a:lstStyle>{styles}</a:lstStyle><a:p><a:r><a:rPr lang="ko-KR" altLang="en-US"/>'
        f"<a:t>{prompt}</a:t></a:r></a:p></p:txBody>"
    )
    if ph in ("sldNum", "ftr", "dt"):
        field = (
            '<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
            '<a:rPr lang="ko-KR" altLang="en-US"/><a:t>‹#›</a:t></a:fld>'
        )
        inner = field if ph == "sldNum" else ""
        body = (
            f'<p:txBody><a:bodyPr wrap="square" anchor="ctr"><a:noAutofit/></a:bodyPr>'
            f"<a:lstStyle>{styles}</a:lstStyle><a:p>{inner}"
            f'<a:endParaRPr lang="ko-KR" altLang="en-US"/></a:p></p:txBody>'
        )
    geometry = f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill(shape_fill)}'
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr>'
        f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph_element(ph)}</p:nvPr></p:nvSpPr>'
        f"<p:spPr>{xfrm(*box)}{geometry}</p:spPr>{body}</p:sp>"
    )


PH_IDX = {}


def ph_element(ph: str) -> str:
    kind, _, idx = ph.partition(":")
    attrs = f' type="{kind}"' if kind != "obj" else ""
    if kind == "sldNum":
        attrs += ' sz="quarter" idx="12"'
    elif kind == "ftr":
        attrs += ' sz="quarter" idx="11"'
    elif idx:
        attrs += f' idx="{idx}"'
    return f"<p:ph{attrs}/>"


def rect(sid: int, name: str, box: tuple, colour: str) -> str:
    """A decorative rectangle (not a placeholder: it stays on the master or layout)."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr>{xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f"{fill(colour)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def sp_tree(shapes: list[str]) -> str:
    return (
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
        '</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
        '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        + "".join(shapes)
        + "</p:spTree>"
    )


def background(colour: str) -> str:
    return f"<p:bg><p:bgPr>{fill(colour)}<a:effectLst/></p:bgPr></p:bg>"


# --- geometry --------------------------------------------------------------------------

CONTENT_W = W - 2 * MARGIN
TITLE_BOX = (MARGIN, int(0.35 * IN), CONTENT_W, int(0.95 * IN))
BODY_TOP = int(1.6 * IN)
BODY_BOTTOM = int(6.65 * IN)
BODY_BOX = (MARGIN, BODY_TOP, CONTENT_W, BODY_BOTTOM - BODY_TOP)
FOOT_Y, FOOT_H = int(6.9 * IN), int(0.4 * IN)
FOOTER_BOX = (MARGIN, FOOT_Y, int(8 * IN), FOOT_H)
NUMBER_BOX = (W - MARGIN - int(1.5 * IN), FOOT_Y, int(1.5 * IN), FOOT_H)
GAP = int(0.3 * IN)
HALF_W = (CONTENT_W - GAP) // 2


def footer_shapes(first_id: int, light: bool = False) -> list[str]:
    colour = "scheme:bg1" if light else "scheme:accent6"
    foot_style = level(1, 11, colour)
    number_style = level(1, 11, colour, algn="r")
    return [
        placeholder(first_id, "footer", "ftr", FOOTER_BOX, styles=foot_style),
        placeholder(first_id + 1, "slide number", "sldNum", NUMBER_BOX, styles=number_style),
    ]


def card_styles(colour: str) -> str:
    return level(1, 16, "scheme:tx1", bullet="•", mar=228600, indent=-228600, after=4) + level(
        2, 14, "scheme:tx1", bullet="–", mar=457200, indent=-228600, after=2
    )


LAYOUTS: dict[str, dict] = {
    "title": {
        "bg": "scheme:tx2",
        "shapes": lambda: [
            rect(
                2,
                "accent bar",
                (MARGIN, int(2.05 * IN), int(1.2 * IN), int(0.08 * IN)),
                "scheme:accent2",
            ),
            placeholder(
                3,
                "title",
                "ctrTitle",
                (MARGIN, int(2.25 * IN), CONTENT_W, int(1.5 * IN)),
                "제목",
                styles=level(1, 40, "scheme:bg1", bold=True, major=True, line=95),
                anchor="b",
            ),
            placeholder(
                4,
                "subtitle",
                "subTitle:1",
                (MARGIN, int(3.9 * IN), CONTENT_W, int(1.0 * IN)),
                "부제",
                styles=level(1, 22, "scheme:bg2"),
            ),
            placeholder(
                5,
                "meta",
                "body:2",
                (MARGIN, int(5.3 * IN), CONTENT_W, int(1.2 * IN)),
                "문서 정보",
                styles=level(1, 14, "scheme:bg2", after=2),
            ),
            *footer_shapes(6, light=True),
        ],
    },
    "section": {
        "bg": "scheme:accent1",
        "shapes": lambda: [
            placeholder(
                2,
                "title",
                "title",
                (MARGIN, int(2.4 * IN), CONTENT_W, int(1.3 * IN)),
                "섹션 제목",
                styles=level(1, 36, "scheme:bg1", bold=True, major=True),
                anchor="b",
            ),
            rect(
                3,
                "accent bar",
                (MARGIN, int(3.85 * IN), int(1.2 * IN), int(0.08 * IN)),
                "scheme:accent3",
            ),
            placeholder(
                4,
                "subtitle",
                "body:1",
                (MARGIN, int(4.1 * IN), CONTENT_W, int(1.6 * IN)),
                "섹션 설명",
                styles=level(1, 20, "scheme:bg1"),
            ),
            *footer_shapes(5, light=True),
        ],
    },
    "content": {
        "shapes": lambda: [
            placeholder(2, "title", "title", TITLE_BOX, "제목"),
            placeholder(3, "body", "body:1", BODY_BOX, "내용"),
            *footer_shapes(4),
        ],
    },
    "two-content": {
        "shapes": lambda: [
            placeholder(2, "title", "title", TITLE_BOX, "제목"),
            placeholder(
                3,
                "left",
                "body:1",
                (MARGIN, BODY_TOP, HALF_W, BODY_BOTTOM - BODY_TOP),
                "왼쪽 내용",
                styles=card_styles(""),
            ),
            placeholder(
                4,
                "right",
                "body:2",
                (MARGIN + HALF_W + GAP, BODY_TOP, HALF_W, BODY_BOTTOM - BODY_TOP),
                "오른쪽 내용",
                styles=card_styles(""),
            ),
            *footer_shapes(5),
        ],
    },
    "flow": {
        "shapes": lambda: [
            placeholder(2, "title", "title", TITLE_BOX, "제목"),
            placeholder(
                3, "diagram", "body:1", (MARGIN, BODY_TOP, CONTENT_W, int(2.9 * IN)), "도식 영역"
            ),
            placeholder(
                4,
                "body",
                "body:2",
                (
                    MARGIN,
                    BODY_TOP + int(3.1 * IN),
                    CONTENT_W,
                    BODY_BOTTOM - BODY_TOP - int(3.1 * IN),
                ),
                "설명",
                styles=card_styles(""),
            ),
            *footer_shapes(5),
        ],
    },
    "card": {
        "shapes": lambda: [
            placeholder(2, "title", "title", TITLE_BOX, "고객 유형"),
            *[
                placeholder(
                    3 + i,
                    name,
                    f"body:{i + 1}",
                    (
                        MARGIN + (i % 2) * (HALF_W + GAP),
                        BODY_TOP + (i // 2) * int(2.6 * IN),
                        HALF_W,
                        int(2.45 * IN),
                    ),
                    prompt,
                    styles=card_styles(""),
                    shape_fill=tint,
                    inset=137160,
                )
                for i, (name, prompt, tint) in enumerate(
                    [
                        ("traits", "특징", "EEF2F6"),
                        ("do", "이렇게 응대하세요", "E6F4F1"),
                        ("dont", "이런 말은 하지 마세요", "FBEAE5"),
                        ("example", "응대 예시", "FCF5E3"),
                    ]
                )
            ],
            *footer_shapes(7),
        ],
    },
    "closing": {
        "bg": "scheme:tx2",
        "shapes": lambda: [
            placeholder(
                2,
                "title",
                "title",
                (MARGIN, int(2.3 * IN), CONTENT_W, int(1.4 * IN)),
                "감사합니다",
                styles=level(1, 40, "scheme:bg1", bold=True, major=True, algn="ctr"),
                anchor="b",
            ),
            placeholder(
                3,
                "subtitle",
                "body:1",
                (MARGIN, int(3.9 * IN), CONTENT_W, int(1.6 * IN)),
                "문의처",
                styles=level(1, 20, "scheme:bg2", algn="ctr"),
            ),
            *footer_shapes(4, light=True),
        ],
    },
}


def master_xml() -> str:
    title_style = level(1, 30, "scheme:tx2", bold=True, major=True, line=95)
    body_style = "".join(
        [
            level(1, 20, "scheme:tx1", bullet="•", mar=285750, indent=-285750, before=6),
            level(2, 18, "scheme:tx1", bullet="–", mar=628650, indent=-285750, before=3),
            level(3, 16, "scheme:tx1", bullet="•", mar=971550, indent=-285750, before=3),
        ]
    )
    other_style = level(1, 18, "scheme:tx1")
    shapes = [
        placeholder(2, "title", "title", TITLE_BOX, "제목"),
        rect(
            3,
            "accent bar",
            (MARGIN, int(1.32 * IN), int(1.2 * IN), int(0.06 * IN)),
            "scheme:accent2",
        ),
        placeholder(4, "body", "body:1", BODY_BOX, "내용"),
        *footer_shapes(5),
    ]
    return (
        f"<p:sldMaster {NS}><p:cSld>{background('scheme:bg1')}{sp_tree(shapes)}</p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" '
        'accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" '
        'accent6="accent6" hlink="hlink" folHlink="folHlink"/>'
        "<p:sldLayoutIdLst/>"
        '<p:hf hdr="0" dt="0"/>'
        f"<p:txStyles><p:titleStyle>{title_style}</p:titleStyle>"
        f"<p:bodyStyle>{body_style}</p:bodyStyle>"
        f"<p:otherStyle>{other_style}</p:otherStyle></p:txStyles></p:sldMaster>"
    )


def layout_xml(name: str, spec: dict) -> str:
    bg = background(spec["bg"]) if "bg" in spec else ""
    own = ' showMasterSp="0"' if "bg" in spec else ""  # dark layouts draw their own accents
    return (
        f'<p:sldLayout {NS}{own} preserve="1" userDrawn="1"><p:cSld name="{name}">{bg}'
        f"{sp_tree(spec['shapes']())}</p:cSld><p:clrMapOvr><a:masterClrMapping/>"
        '</p:clrMapOvr><p:hf hdr="0" dt="0"/></p:sldLayout>'
    )


def theme_xml(original: bytes) -> bytes:
    root = etree.fromstring(original)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root.set("name", "csmanual")
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    scheme.set("name", "csmanual")
    for child in scheme:
        name = etree.QName(child).localname
        for old in list(child):
            child.remove(old)
        etree.SubElement(child, f"{a}srgbClr", val=COLOURS[name])
    fonts = root.find(f"{a}themeElements/{a}fontScheme")
    fonts.set("name", "csmanual")
    for kind in ("majorFont", "minorFont"):
        group = fonts.find(f"{a}{kind}")
        group.find(f"{a}latin").set("typeface", LATIN_FONT)
        group.find(f"{a}ea").set("typeface", FONT)
        for script in group.findall(f"{a}font"):
            if script.get("script") == "Hang":
                script.set("typeface", FONT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def make() -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = W, H
    prs._element.sldSz.attrib.pop("type", None)  # not 4:3 any more: a custom 16:9 size
    master = prs.slide_master
    layouts = list(prs.slide_layouts)
    for extra in layouts[len(LAYOUTS) :]:
        prs.slide_layouts.remove(extra)
    new_master = parse_xml(master_xml().encode())
    old = master._element
    for tag in ("cSld", "txStyles"):
        q = f"{{http://schemas.openxmlformats.org/presentationml/2006/main}}{tag}"
        old.replace(old.find(q), new_master.find(q))
    hf = new_master.find("{http://schemas.openxmlformats.org/presentationml/2006/main}hf")
    old.insert(
        old.index(old.find("{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles")),
        hf,
    )
    for layout, (name, spec) in zip(prs.slide_layouts, LAYOUTS.items(), strict=True):
        element = parse_xml(layout_xml(name, spec).encode())
        layout.part._element = element
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = theme_xml(theme.blob)
    package = prs.part.package
    for rId, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rId)
    core = prs.core_properties
    core.title, core.author, core.last_modified_by = "csmanual master", "csmanual", "csmanual"
    core.revision = 1
    core.comments = "The default slide master of csmanual (tests/tools/make_master.py)"
    import datetime as dt

    core.created = core.modified = dt.datetime(2026, 1, 1)
    from io import BytesIO

    out = BytesIO()
    prs.save(out)
    return normalize(out.getvalue())


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "pptx" / "master.pptx"
    out.write_bytes(make())
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
