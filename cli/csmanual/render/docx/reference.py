"""The reference document (docx/reference.docx): opened safely, its styles read, and
checked against what the document plan uses.

A reference comes from a designer, so it is refused before python-docx opens it when its
zip would inflate past any real reference's size (a zip bomb), when a relationship points
outside the package (a linked template, image or frame that Word would fetch), or when it
carries macros or other code (vbaProject, ActiveX, embedded objects). Its XML is parsed
without entities or network access.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from csmanual.catalogue import L
from csmanual.catalogue.office_rules import FONT_SCRIPTS, STYLE_KINDS
from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.theme import Theme

REFERENCE = "docx/reference.docx"
MAX_INFLATED = 64 * 2**20  # a reference holds styles and perhaps a logo: a few MB at most
MAX_MEMBERS = 2000
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
# parts that hold code or other programs' objects, never needed for styles
_CODE = re.compile(
    r"(vbaProject|vbaData|activeX|embeddings/|\.bin$|attachedToolbars|customizations|afchunk)",
    re.I,
)
_MACRO_TYPES = ("macroEnabled", "vbaProject", "activeX", "oleObject")
# fields that fetch a file or address, or run another program, when Word updates them:
# the edition asks Word to update its fields on opening (the contents' page numbers)
_INSTRUCTION = re.compile(r'<w:instrText[^>]*>([^<]*)|w:instr="([^"]*)"')
_FETCHING = re.compile(
    r"\s*(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT|DATABASE)\b", re.I
)


def _fetching_field(xml: str) -> str | None:
    """The first field instruction of a part that would fetch or run something."""
    for match in _INSTRUCTION.finditer(xml):
        instruction = match.group(1) or match.group(2) or ""
        if _FETCHING.match(instruction):
            return instruction.strip()
    return None


def _fail(code: str, path: Path, **args: object) -> DiagnosticError:
    return DiagnosticError(Diagnostic(code, str(path), args=args))


def read_reference(theme: Theme) -> tuple[bytes, Path]:
    """The reference's bytes, refused (E715–E718) when it is not a plain .docx."""
    path = theme.find(REFERENCE)
    data = path.read_bytes()
    refuse_hostile(data, path)
    return data, path


def refuse_hostile(data: bytes, path: Path, limit: int = MAX_INFLATED) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _fail("E715", path, reason=str(error)) from None
    inflated = sum(member.file_size for member in members)
    if inflated > limit or len(members) > MAX_MEMBERS:
        raise _fail("E716", path, size=inflated // 2**20, limit=limit // 2**20)
    names = [member.filename for member in members]
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _fail("E715", path, reason="no word/document.xml: not a Word document")
    code = next((n for n in names if _CODE.search(n)), None)
    types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    if code is None and any(kind in types for kind in _MACRO_TYPES):
        code = "[Content_Types].xml"
    if code is not None:
        raise _fail("E718", path, part=code)
    for name in names:
        if name.endswith(".xml") and name.startswith("word/"):
            field = _fetching_field(archive.read(name).decode("utf-8", "replace"))
            if field is not None:  # Word runs it when it updates fields (on opening)
                raise _fail("E717", path, part=name, target=field[:120])
        if name.endswith(".rels"):
            try:
                rels = etree.fromstring(archive.read(name), _SAFE_XML)
            except etree.XMLSyntaxError as error:
                raise _fail("E715", path, reason=f"{name}: {error}") from None
            for rel in rels:
                if rel.get("TargetMode", "").lower() == "external":
                    raise _fail("E717", path, part=name, target=rel.get("Target", "")[:120])


# --- styles --------------------------------------------------------------------------


def _key(name: str) -> str:
    """Word shows built-in styles capitalised ("TOC 1") but stores them in lower case
    ("toc 1"), with ids without spaces ("TOC1"): all of them name the same style."""
    return re.sub(r"\s+", "", name).lower()


@dataclass(frozen=True)
class Style:
    style_id: str
    kind: str  # paragraph, character, table, numbering
    name: str


def styles_of(styles_element) -> dict[str, Style]:
    """{key: style} by name and by id, of a styles.xml root element."""
    out: dict[str, Style] = {}
    for element in styles_element.iterfind(f"{{{W}}}style"):
        style_id = element.get(f"{{{W}}}styleId", "")
        name_element = element.find(f"{{{W}}}name")
        name = name_element.get(f"{{{W}}}val", "") if name_element is not None else style_id
        style = Style(style_id, element.get(f"{{{W}}}type", "paragraph"), name)
        out.setdefault(_key(name), style)
        out.setdefault(_key(style_id), style)
    return out


def find_style(styles: dict[str, Style], name: str) -> Style | None:
    return styles.get(_key(name))


def missing_styles(styles: dict[str, Style], needed: dict[str, str], path: str) -> list[Diagnostic]:
    """One E719 per style the plan uses that the reference lacks, one E720 per style of
    the wrong kind (a paragraph style where a table style is needed)."""
    problems = []
    for name, kind in sorted(needed.items()):
        style = find_style(styles, name)
        if style is None:
            args = {"style": name, "kind": _kind(kind)}
            problems.append(Diagnostic("E719", path, args=args))
        elif style.kind != kind:
            args = {"style": name, "kind": _kind(kind), "found": _kind(style.kind)}
            problems.append(Diagnostic("E720", path, args=args))
    return problems


def _kind(kind: str) -> L:
    return STYLE_KINDS.get(kind) or L.same(kind)


def east_asian_font(styles_element) -> str | None:
    """The East Asian face of the document defaults (w:docDefaults' w:eastAsia), or the
    theme font it names (w:eastAsiaTheme: a reference saved by Word names one)."""
    fonts = styles_element.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr/{{{W}}}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{{{W}}}eastAsia") or fonts.get(f"{{{W}}}eastAsiaTheme") or None


SCRIPTS = {"eastAsia": "East Asian", "ascii": "Latin", "hAnsi": "Latin"}


def font_warnings(
    styles_element, families: set[str], path: str, used: set[str]
) -> list[Diagnostic]:
    """W713 for each face the defaults and the styles the plan uses (with the styles they
    are based on) name, East Asian or Latin, that the theme's fonts/ folder lacks: another
    computer may show another font. Styles nobody uses are left alone (LibreOffice adds
    its own, in its own fonts, to every file it saves)."""
    by_id = {e.get(f"{{{W}}}styleId"): e for e in styles_element.iterfind(f"{{{W}}}style")}
    wanted, todo = set(), list(used)
    while todo:  # the styles used and those they are based on
        style = by_id.get(todo.pop())
        if style is None or style.get(f"{{{W}}}styleId") in wanted:
            continue
        wanted.add(style.get(f"{{{W}}}styleId"))
        based = style.find(f"{{{W}}}basedOn")
        if based is not None:
            todo.append(based.get(f"{{{W}}}val"))
    places = [styles_element.find(f"{{{W}}}docDefaults")] + [by_id[i] for i in sorted(wanted)]
    found: dict[str, str] = {}
    for place in places:
        if place is None:
            continue
        for fonts in place.iter(f"{{{W}}}rFonts"):
            for attribute, script in SCRIPTS.items():
                face = (fonts.get(f"{{{W}}}{attribute}") or "").strip()
                if face and face.lower() not in families:
                    found.setdefault(face, script)
    return [
        Diagnostic("W713", path, args={"face": face, "script": FONT_SCRIPTS[script]})
        for face, script in found.items()
    ]


# --- theme.yaml's palette and fonts ---------------------------------------------------

# w:rPr's children in the order the schema fixes (Word refuses a file out of order)
_RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath",
)  # fmt: skip
# w:style's children that come after its w:rPr
_AFTER_STYLE_RPR = {"tblPr", "trPr", "tcPr", "tblStylePr"}


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _child(parent, name: str, later_siblings: Collection[str] = (), first: bool = False):
    """`parent`'s `name` child, made when it has none and put before the first child that
    the schema orders after it, or `first` of all (WordprocessingML's sequences are strict)."""
    found = parent.find(_q(name))
    if found is not None:
        return found
    made = parent.makeelement(_q(name), {})
    later = next((c for c in parent if first or etree.QName(c).localname in later_siblings), None)
    if later is None:
        parent.append(made)
    else:
        later.addprevious(made)
    return made


def _rpr_child(rpr, name: str):
    return _child(rpr, name, _RPR_ORDER[_RPR_ORDER.index(name) + 1 :])


def _style_rpr(style):
    return _child(style, "rPr", _AFTER_STYLE_RPR)


def _default_rpr(styles_element):
    defaults = _child(styles_element, "docDefaults", first=True)
    return _child(_child(defaults, "rPrDefault", first=True), "rPr")


def _paint(rpr, colour: str) -> None:
    element = _rpr_child(rpr, "color")
    for attribute in ("themeColor", "themeTint", "themeShade"):  # these win over w:val
        element.attrib.pop(_q(attribute), None)
    element.set(_q("val"), colour)


def _set_faces(rpr, korean: str | None, latin: str | None) -> None:
    if not (korean or latin):
        return
    fonts = _rpr_child(rpr, "rFonts")
    for attribute, face in (("eastAsia", korean), ("ascii", latin), ("hAnsi", latin)):
        if face:
            fonts.attrib.pop(_q(attribute + "Theme"), None)  # a theme font wins over a name
            fonts.set(_q(attribute), face)


def apply_look(styles_element, look) -> None:
    """theme.yaml's colours and faces (`render/office/look.OfficeLook`) set on the
    reference's named styles: body text and faces in the document defaults, the heading
    styles' colour, rule and faces, the running heads' colour. Nothing when the look is
    empty, so the reference's bytes stay as they are."""
    if not look:
        return
    from csmanual.render.office.look import HEADINGS, PAINT

    styles = styles_of(styles_element)
    rpr = _default_rpr(styles_element)
    if look.colour_of("Body Text"):
        _paint(rpr, look.colour_of("Body Text"))
    _set_faces(rpr, look.face("body", "korean"), look.face("body", "latin"))
    by_id = {e.get(_q("styleId")): e for e in styles_element.iterfind(_q("style"))}
    for name in dict.fromkeys([*PAINT, *HEADINGS]):
        style = find_style(styles, name)
        element = by_id.get(style.style_id) if style is not None else None
        if element is None:
            continue
        colour = look.colour_of(name)
        if colour:
            _paint(_style_rpr(element), colour)
            if name == "Heading 1":  # the rule under it is drawn in its colour
                for rule in element.iterfind(f"{_q('pPr')}/{_q('pBdr')}/*"):
                    rule.set(_q("color"), colour)
        if name in HEADINGS:
            korean, latin = look.face("heading", "korean"), look.face("heading", "latin")
            if korean or latin:
                _set_faces(_style_rpr(element), korean, latin)
