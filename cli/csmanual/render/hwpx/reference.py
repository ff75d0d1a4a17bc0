"""The theme's reference document (hwpx/reference.hwpx): opened safely, its named styles,
page settings and sample tables read, and checked against what the plan needs.

A reference comes from a designer, maybe from outside: it is refused before its parts are
read when its zip would inflate past any real reference's size (E728), when it holds
scripts or macros (E729) or links to files or addresses outside it (E730); its XML is read
without a DTD, entities or network access. Styles are found by their English name
(`engName`, what the plan says: "Heading 1", "Body Text"), else by their Korean name.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.render.hwpx.owpml import HH, HP, Style
from csmanual.theme import Theme

REFERENCE = "hwpx/reference.hwpx"
MAX_INFLATED = 64 * 2**20  # a reference with pictures inflates to a few MB
HEADER, SECTION, CONTENT = "Contents/header.xml", "Contents/section0.xml", "Contents/content.hpf"
RDF = "META-INF/container.rdf"
OPF = "http://www.idpf.org/2007/opf/"
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
# Hangul keeps a document's macros (JScript) under Scripts/; any script is refused
_SCRIPT = re.compile(r"(^|/)scripts?/|\.(js|jse|vbs|vba|wsf)$", re.I)  # a part's name
_SCRIPT_TYPE = re.compile(r"script", re.I)  # a manifest item's media type
_OUTSIDE = re.compile(r"^([a-z][a-z0-9+.-]*:|/|\\\\)|(^|/)\.\.(/|$)", re.I)


@dataclass(frozen=True)
class TableLook:
    """What a table in one style looks like, copied from the reference's sample table in
    that style: border fills of the table, its header cells and body cells, and the char
    shape of the header cells' text."""

    border: str = "3"
    header_border: str = "4"
    body_border: str = "3"
    header_char: str | None = None


@dataclass
class Reference:
    file: str
    parts: dict[str, bytes]  # every part but the section, kept as the designer saved it
    header: etree._Element
    section: etree._Element  # the section's root, emptied of everything but its settings
    first: etree._Element  # the section's first paragraph (page settings, columns)
    styles: dict[str, Style]  # by lower-cased English and Korean name
    tables: dict[str, TableLook] = field(default_factory=dict)  # by style id

    def style(self, name: str) -> Style | None:
        return self.styles.get(name.strip().lower())

    @property
    def text_width(self) -> int:
        page = self.first.find(f".//{{{HP}}}pagePr")
        margin = page.find(f"{{{HP}}}margin")
        width = int(page.get("width", "59528"))
        if page.get("landscape") == "NARROWLY":  # Hangul's word for a landscape page
            width = int(page.get("height", "84186"))
        left, right = int(margin.get("left", "0")), int(margin.get("right", "0"))
        return width - left - right - int(margin.get("gutter", "0"))

    def header_height(self, kind: str) -> int:
        margin = self.first.find(f".//{{{HP}}}pagePr/{{{HP}}}margin")
        return int(margin.get(kind, "4252"))

    def fonts(self) -> dict[str, list[str]]:
        """{script: [font face, ...]} of the header's font sets (HANGUL, LATIN …)."""
        out: dict[str, list[str]] = {}
        for face in self.header.iterfind(f"{{{HH}}}refList/{{{HH}}}fontfaces/{{{HH}}}fontface"):
            out[face.get("lang", "")] = [f.get("face", "") for f in face.iterfind(f"{{{HH}}}font")]
        return out


def _fail(code: str, file: str, **args) -> DiagnosticError:
    return DiagnosticError(Diagnostic(code, file, args=args))


def open_reference(theme: Theme) -> Reference:
    path = theme.find(REFERENCE)
    return read_reference(path.read_bytes(), str(path))


def read_reference(data: bytes, file: str) -> Reference:
    parts = _safe_parts(data, file)
    for name in (HEADER, SECTION):
        if name not in parts:
            raise _fail("E727", file, reason=f"it has no {name}")
    try:
        header = etree.fromstring(parts[HEADER], _SAFE_XML)
        section = etree.fromstring(parts.pop(SECTION), _SAFE_XML)
    except etree.XMLSyntaxError as error:
        raise _fail("E727", file, reason=str(error)) from None
    for root in (header, section):
        if root.getroottree().docinfo.internalDTD is not None:
            raise _fail("E727", file, reason="its XML declares a DTD")
    _refuse_links(parts, header, section, file)
    first = section.find(f"{{{HP}}}p")
    if first is None or first.find(f".//{{{HP}}}secPr") is None:
        raise _fail("E727", file, reason="its first paragraph has no page settings (secPr)")
    styles = _styles(header)
    tables = _table_looks(section)
    _keep_settings_only(section, first)
    _one_section(parts, header)
    return Reference(file, parts, header, section, first, styles, tables)


def _safe_parts(data: bytes, file: str) -> dict[str, bytes]:
    """The package's parts, read only once the zip is known not to inflate past the limit
    and to hold no scripts (a zip says how large each member inflates to, and reading never
    goes past that)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            inflated = sum(member.file_size for member in members)
            if inflated > MAX_INFLATED:
                size, limit = inflated // 2**20, MAX_INFLATED // 2**20
                raise _fail("E728", file, size=size, limit=limit)
            for member in members:
                if _SCRIPT.search(member.filename):
                    raise _fail("E729", file, part=member.filename)
                if _OUTSIDE.search(member.filename):
                    raise _fail("E730", file, part=member.filename, target=member.filename)
            return {member.filename: archive.read(member) for member in members}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _fail("E727", file, reason=str(error) or type(error).__name__) from None


def _refuse_links(parts: dict[str, bytes], header, section, file: str) -> None:
    """A reference may not make Hangul fetch anything: no manifest item outside the
    package or not embedded, no linked document (`linkinfo`), no script item."""
    if CONTENT in parts:
        try:
            content = etree.fromstring(parts[CONTENT], _SAFE_XML)
        except etree.XMLSyntaxError as error:
            raise _fail("E727", file, reason=str(error)) from None
        for item in content.iterfind(f".//{{{OPF}}}item"):
            href, kind = item.get("href", ""), item.get("media-type", "")
            if _SCRIPT_TYPE.search(kind) or _SCRIPT.search(href):
                raise _fail("E729", file, part=href or kind)
            if _OUTSIDE.search(href) or item.get("isEmbeded") == "0":
                raise _fail("E730", file, part=CONTENT, target=href)
    for link in header.iterfind(f".//{{{HH}}}linkinfo"):
        if link.get("path"):
            raise _fail("E730", file, part=HEADER, target=link.get("path"))
    for root, name in ((header, HEADER), (section, SECTION)):
        for element in root.iter():
            for attribute in ("href", "path", "command", "Command"):
                value = element.get(attribute) or ""
                if value and _OUTSIDE.search(value) and not value.startswith("#"):
                    raise _fail("E730", file, part=name, target=value)


def _styles(header) -> dict[str, Style]:
    out: dict[str, Style] = {}
    for style in header.iterfind(f"{{{HH}}}refList/{{{HH}}}styles/{{{HH}}}style"):
        if style.get("type", "PARA") != "PARA":
            continue
        found = Style(
            style.get("id", "0"),
            style.get("paraPrIDRef", "0"),
            style.get("charPrIDRef", "0"),
            style.get("name", ""),
            style.get("engName", ""),
        )
        for key in (found.english, found.name):
            if key.strip():
                out.setdefault(key.strip().lower(), found)
    return out


def _table_looks(section) -> dict[str, TableLook]:
    """{style id: look} of the first table the body holds in each paragraph style."""
    looks: dict[str, TableLook] = {}
    for holder in section.iterfind(f"{{{HP}}}p"):
        grid = holder.find(f"{{{HP}}}run/{{{HP}}}tbl")
        style = holder.get("styleIDRef", "0")
        if grid is None or style in looks:
            continue
        rows = grid.findall(f"{{{HP}}}tr")
        first = rows[0].find(f"{{{HP}}}tc") if rows else None
        body = rows[1].find(f"{{{HP}}}tc") if len(rows) > 1 else first
        if first is None:
            continue
        run = first.find(f".//{{{HP}}}run")
        looks[style] = TableLook(
            grid.get("borderFillIDRef", "3"),
            first.get("borderFillIDRef", "4"),
            body.get("borderFillIDRef", "3"),
            run.get("charPrIDRef") if run is not None else None,
        )
    return looks


def _keep_settings_only(section, first) -> None:
    """The body keeps its first paragraph's page settings (secPr) and columns (colPr);
    the designer's sample text goes."""
    for paragraph in section.findall(f"{{{HP}}}p"):
        if paragraph is not first:
            section.remove(paragraph)
    for child in list(first):
        if child.tag != f"{{{HP}}}run":
            first.remove(child)
    for run in first.findall(f"{{{HP}}}run"):
        keep = run.find(f"{{{HP}}}secPr") is not None
        if not keep:
            first.remove(run)
            continue
        for control in run.findall(f"{{{HP}}}ctrl"):
            if control.find(f"{{{HP}}}colPr") is None:
                run.remove(control)
        for child in run:
            if child.tag == f"{{{HP}}}t":
                run.remove(child)


_OTHER_SECTION = re.compile(r"^Contents/section[1-9][0-9]*\.xml$")


def _one_section(parts: dict[str, bytes], header) -> None:
    """The manual is one section (구역): a designer's further sections, and what names
    them (the package manifest and spine, the RDF), are dropped with their sample text."""
    dropped = [name for name in parts if _OTHER_SECTION.match(name)]
    for name in dropped:
        del parts[name]
    header.set("secCnt", "1")
    if not dropped:
        return
    if CONTENT in parts:
        content = etree.fromstring(parts[CONTENT], _SAFE_XML)
        gone = set()
        for item in list(content.iterfind(f".//{{{OPF}}}item")):
            if item.get("href") in dropped:
                gone.add(item.get("id"))
                item.getparent().remove(item)
        for ref in list(content.iterfind(f".//{{{OPF}}}itemref")):
            if ref.get("idref") in gone:
                ref.getparent().remove(ref)
        parts[CONTENT] = etree.tostring(content, xml_declaration=True, encoding="UTF-8")
    if RDF in parts:
        rdf = etree.fromstring(parts[RDF], _SAFE_XML)
        for element in list(rdf):
            named = {value for value in element.attrib.values()} | {
                value for child in element for value in child.attrib.values()
            }
            if named & set(dropped):
                rdf.remove(element)
        parts[RDF] = etree.tostring(rdf, xml_declaration=True, encoding="UTF-8")


def missing_styles(reference: Reference, needed: dict[str, str]) -> list[Diagnostic]:
    """E731 for every style the plan uses that the reference lacks, by its name."""
    return [
        Diagnostic("E731", reference.file, args={"style": name, "use": use})
        for name, use in needed.items()
        if reference.style(name) is None
    ]


def font_warnings(reference: Reference, theme_families: set[str]) -> list[Diagnostic]:
    """W720 for a Hangul or Latin font of the reference the theme does not ship: Hangul
    draws Korean with the HANGUL set and Latin letters with the LATIN set."""
    found = []
    for script, faces in reference.fonts().items():
        if script not in ("HANGUL", "LATIN"):
            continue
        for face in dict.fromkeys(faces):
            if face and face.strip().lower() not in theme_families:
                found.append(
                    Diagnostic("W720", reference.file, args={"script": script, "face": face})
                )
    return found


# --- theme.yaml's palette and fonts ---------------------------------------------------


def apply_look(reference: Reference, look) -> None:
    """theme.yaml's colours and faces (`render/office/look.OfficeLook`) set on the char
    shapes (charPr) of the reference's named styles: a style's colour on its own shape,
    the body faces on every shape, the heading faces on the headings' shapes. A shape a
    recoloured style shares with another style is copied first, so the other keeps its
    look. Nothing when the look is empty, so the reference's bytes stay as they are."""
    if not look:
        return
    from csmanual.render.office.look import BODY, HEADINGS, PAINT

    shapes = reference.header.find(f"{{{HH}}}refList/{{{HH}}}charProperties")
    if shapes is None:
        return
    elements = {
        s.get("engName", "").strip(): s
        for s in reference.header.iterfind(f"{{{HH}}}refList/{{{HH}}}styles/{{{HH}}}style")
        if s.get("type", "PARA") == "PARA"
    }
    own = [n for n in dict.fromkeys([*PAINT, *HEADINGS]) if n in elements]
    for name in own:  # a heading's shape of its own before it changes
        _own_shape(shapes, elements, name, reference)
    korean = _font_id(reference.header, "HANGUL", look.face("body", "korean"))
    latin = _font_id(reference.header, "LATIN", look.face("body", "latin"))
    for shape in shapes.iterfind(f"{{{HH}}}charPr"):
        _refont(shape, korean, latin)
    korean = _font_id(reference.header, "HANGUL", look.face("heading", "korean"))
    latin = _font_id(reference.header, "LATIN", look.face("heading", "latin"))
    for name in [*BODY, *own]:
        element = elements.get(name)
        if element is None:
            continue
        shape = shapes.find(f"{{{HH}}}charPr[@id='{element.get('charPrIDRef', '0')}']")
        if shape is None:
            continue
        colour = look.colour_of(name)
        if colour:
            shape.set("textColor", "#" + colour)
        if name in HEADINGS:
            _refont(shape, korean, latin)
    # the styles were read before: their char shapes may have changed
    reference.styles.clear()
    reference.styles.update(_styles(reference.header))


def _own_shape(shapes, elements: dict, name: str, reference: Reference) -> None:
    """Give style `name` a char shape no other style or sample table uses."""
    style = elements[name]
    char = style.get("charPrIDRef", "0")
    others = {s.get("charPrIDRef", "0") for n, s in elements.items() if n != name}
    others |= {t.header_char for t in reference.tables.values() if t.header_char}
    if char not in others and char != "0":  # "0": the writer's own runs use it too
        return
    source = shapes.find(f"{{{HH}}}charPr[@id='{char}']")
    if source is None:
        return
    ids = [int(s.get("id", "0")) for s in shapes.iterfind(f"{{{HH}}}charPr")]
    copy = etree.fromstring(etree.tostring(source))
    copy.set("id", str(max(ids) + 1))
    shapes.append(copy)
    shapes.set("itemCnt", str(len(ids) + 1))
    style.set("charPrIDRef", copy.get("id"))


def _font_id(header, script: str, face: str | None) -> str | None:
    """The id of `face` in the header's font set for `script`, added when it has none."""
    if not face:
        return None
    fonts = header.find(f"{{{HH}}}refList/{{{HH}}}fontfaces/{{{HH}}}fontface[@lang='{script}']")
    if fonts is None:
        return None
    for font in fonts.iterfind(f"{{{HH}}}font"):
        if font.get("face", "").strip().lower() == face.lower():
            return font.get("id")
    ids = [int(f.get("id", "0")) for f in fonts.iterfind(f"{{{HH}}}font")]
    new_id = str(max(ids, default=-1) + 1)
    fonts.append(
        fonts.makeelement(
            f"{{{HH}}}font", {"id": new_id, "face": face, "type": "TTF", "isEmbedded": "0"}
        )
    )
    fonts.set("fontCnt", str(len(ids) + 1))
    return new_id


def _refont(shape, korean: str | None, latin: str | None) -> None:
    ref = shape.find(f"{{{HH}}}fontRef")
    if ref is None:
        return
    if korean is not None:
        ref.set("hangul", korean)
    if latin is not None:
        ref.set("latin", latin)
