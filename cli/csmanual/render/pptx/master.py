"""The master (pptx/master.pptx): opened safely, its layouts' placeholder boxes and text
styles read as PowerPoint inherits them, and checked against what the slide plan fills.

A master comes from a designer: it is refused before it is opened when its zip would
inflate past any real master's size, and its XML is read without entities or network
access. Boxes are read here, once per layout and placeholder, so the measuring
(`measure`) and the building (`renderer`) see the same frame and paragraph styles.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.palette import Look, hex6
from csmanual.render.pptx.deck import Deck
from csmanual.render.pptx.measure import FALLBACK_FONT, NSMAP, A, Box, Level
from csmanual.render.pptx.plan import PLAN, Plan, needs, render_plan
from csmanual.theme import Theme

MASTER = "pptx/master.pptx"
MAX_INFLATED = 256 * 2**20  # real masters, pictures included, inflate to a few MB
# a master comes from a designer: its XML may not pull in files or the network (XXE)
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


# --- styles read from the master ------------------------------------------------------


def _pt(element, path: str) -> float | None:
    found = element.find(path, NSMAP) if element is not None else None
    if found is None:
        return None
    return int(found.get("val")) / 100


def _merge_level(level: Level, ppr) -> Level:
    if ppr is None:
        return level
    changes: dict = {}
    for attr, key in (("marL", "mar"), ("indent", "indent")):
        if ppr.get(attr) is not None:
            changes[key] = int(ppr.get(attr))
    rpr = ppr.find("a:defRPr", NSMAP)
    if rpr is not None and rpr.get("sz"):
        changes["size"] = int(rpr.get("sz")) / 100
    if rpr is not None and rpr.get("b") is not None:
        changes["bold"] = rpr.get("b") in ("1", "true")
    for side in ("before", "after"):
        tag = "a:spcBef" if side == "before" else "a:spcAft"
        points, share = _pt(ppr, f"{tag}/a:spcPts"), ppr.find(f"{tag}/a:spcPct", NSMAP)
        if points is not None:
            changes[side], changes[f"{side}_lines"] = points, 0.0
        elif share is not None:
            changes[side], changes[f"{side}_lines"] = 0.0, int(share.get("val")) / 100000
    pct = ppr.find("a:lnSpc/a:spcPct", NSMAP)
    if pct is not None:
        changes["spacing"], changes["exact"] = int(pct.get("val")) / 100000, 0.0
    exact = _pt(ppr, "a:lnSpc/a:spcPts")
    if exact is not None:
        changes["exact"] = exact
    return replace(level, **changes)


def _levels(levels: list[Level], lst) -> list[Level]:
    if lst is None:
        return levels
    return [
        _merge_level(level, lst.find(f"a:lvl{i + 1}pPr", NSMAP)) for i, level in enumerate(levels)
    ]


def ph_of(sp) -> etree._Element | None:
    return sp.find("p:nvSpPr/p:nvPr/p:ph", NSMAP)


def ph_kind(ph) -> str:
    return ph.get("type", "obj")


def _family(kind: str) -> str:
    return "title" if kind in ("title", "ctrTitle") else "body"


class MasterStyles:
    """Placeholder boxes of every layout of a master, with the fonts the theme names."""

    def __init__(self, master_element, theme_element, layouts: dict[str, etree._Element]):
        self.master = master_element
        self.major, self.minor = _theme_fonts(theme_element)
        self.latin_major, self.latin_minor = _latin_fonts(theme_element, self.major, self.minor)
        self.layouts = layouts
        self._boxes: dict[tuple[str, str], Box | None] = {}

    def placeholders(self, layout: str) -> dict[str, etree._Element]:
        """{name: sp} of a layout's placeholders, names lower-cased.

        A master made in PowerPoint calls its placeholders "Title 1", "Subtitle 2": when no
        placeholder is named `title` (or `subtitle`), the one of that type answers to it.
        """
        tree = self.layouts[layout]
        out: dict[str, etree._Element] = {}
        by_type: dict[str, etree._Element] = {}
        for sp in tree.iterfind(".//p:cSld/p:spTree/p:sp", NSMAP):
            ph = ph_of(sp)
            if ph is not None:
                name = sp.find("p:nvSpPr/p:cNvPr", NSMAP).get("name", "")
                out.setdefault(name.strip().lower(), sp)
                by_type.setdefault(ph_kind(ph), sp)
        for alias, kinds in (("title", ("title", "ctrTitle")), ("subtitle", ("subTitle",))):
            found = next((by_type[k] for k in kinds if k in by_type), None)
            if alias not in out and found is not None:
                out[alias] = found
        return out

    def indexes(self, layout: str) -> dict[int, str]:
        """{placeholder idx: name} of a layout (a slide's placeholder has its layout's idx)."""
        return {
            int(ph_of(sp).get("idx", "0")): name for name, sp in self.placeholders(layout).items()
        }

    def box(self, layout: str, name: str) -> Box | None:
        key = (layout, name)
        if key not in self._boxes:
            sp = self.placeholders(layout).get(name)
            self._boxes[key] = None if sp is None else self._box(sp)
        return self._boxes[key]

    def _master_sp(self, kind: str):
        wanted = "title" if _family(kind) == "title" else "body"
        for sp in self.master.iterfind(".//p:cSld/p:spTree/p:sp", NSMAP):
            ph = ph_of(sp)
            if ph is not None and ph.get("type", "obj") in (
                (wanted,) if wanted == "title" else ("body", "obj")
            ):
                return sp
        return None

    def _box(self, sp) -> Box:
        kind = ph_kind(ph_of(sp))
        family = _family(kind)
        master_sp = self._master_sp(kind)
        style = self.master.find(
            f"p:txStyles/p:{'titleStyle' if family == 'title' else 'bodyStyle'}", NSMAP
        )
        levels = _levels([Level()] * 3, style)
        for source in (master_sp, sp):
            if source is not None:
                levels = _levels(levels, source.find("p:txBody/a:lstStyle", NSMAP))
        frame = sp.find("p:spPr/a:xfrm", NSMAP)
        if frame is None and master_sp is not None:
            frame = master_sp.find("p:spPr/a:xfrm", NSMAP)
        if frame is None:  # nowhere to inherit a frame from: PowerPoint would not draw it either
            frame = etree.fromstring(
                f'<a:xfrm xmlns:a="{A}"><a:off x="457200" y="457200"/>'
                '<a:ext cx="8229600" cy="4525963"/></a:xfrm>'
            )
        off, ext = frame.find("a:off", NSMAP), frame.find("a:ext", NSMAP)
        insets = [91440, 45720, 91440, 45720]
        for source in (master_sp, sp):
            body = source.find("p:txBody/a:bodyPr", NSMAP) if source is not None else None
            if body is not None:
                for i, attr in enumerate(("lIns", "tIns", "rIns", "bIns")):
                    if body.get(attr) is not None:
                        insets[i] = int(body.get(attr))
        return Box(
            int(off.get("x")),
            int(off.get("y")),
            int(ext.get("cx")),
            int(ext.get("cy")),
            tuple(insets),
            tuple(levels),
            self.major if family == "title" else self.minor,
            family,
        )


def _theme_fonts(theme) -> tuple[str, str]:
    def pick(kind: str) -> str:
        group = theme.find(f".//a:fontScheme/a:{kind}", NSMAP)
        if group is None:
            return FALLBACK_FONT
        for path in ("a:font[@script='Hang']", "a:ea", "a:latin"):
            found = group.find(path, NSMAP)
            if found is not None and found.get("typeface"):
                return found.get("typeface")
        return FALLBACK_FONT

    return pick("majorFont"), pick("minorFont")


def _latin_fonts(theme, major: str, minor: str) -> tuple[str, str]:
    """The theme's Latin faces (`a:latin` of the major and minor fonts): what an English
    deck's Latin text is set in; the East Asian faces where the theme names none."""

    def pick(kind: str, default: str) -> str:
        found = theme.find(f".//a:fontScheme/a:{kind}/a:latin", NSMAP)
        face = found.get("typeface", "") if found is not None else ""
        return face if face and not face.startswith("+") else default

    return pick("majorFont", major), pick("minorFont", minor)


DECK_SLOTS = {  # the master's clrScheme slot → the palette's colour
    "dk1": "text",
    "lt1": "background",
    "dk2": "heading",
    "lt2": "surface",
    "accent1": "primary",
    "accent2": "accent",
    "accent6": "muted",
    "hlink": "primary",
    "folHlink": "muted",
}

# --- theme.yaml's palette and fonts in the master's theme ------------------------------

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def apply_to_master(data: bytes, look: Look, master_level: int) -> bytes:
    """The master's bytes with its theme's colour slots and major (heading) and minor
    (body) fonts set from the look: only values of a theme folder more specific than the
    master's own (`master_level`), so a designer's master keeps what it says."""
    colours = {
        slot: look.colours["pptx"][key]
        for slot, key in DECK_SLOTS.items()
        if key in look.colours["pptx"] and look.colours["pptx"][key].level < master_level
    }
    fonts = {
        (role, script): settings[0].value[0]
        for (role, script), settings in look.fonts["pptx"].items()
        if settings and settings[0].level < master_level
    }
    if not colours and not fonts:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    themes = _master_themes(source)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename in themes:
                root = etree.fromstring(body, _SAFE_XML)
                _recolour(root, {slot: str(s.value) for slot, s in colours.items()})
                _refont(root, fonts)
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, body)
    return out.getvalue()


def _master_themes(archive: zipfile.ZipFile) -> set[str]:
    """The theme parts the slide masters use (not the notes master's)."""
    found = set()
    for name in archive.namelist():
        if re.fullmatch(r"ppt/slideMasters/_rels/[^/]+\.rels", name):
            for target in re.findall(rb'Target="([^"]*theme[^"]*)"', archive.read(name)):
                found.add(posixpath.normpath(posixpath.join("ppt/slideMasters", target.decode())))
    return found


def _recolour(root, colours: dict[str, str]) -> None:
    scheme = root.find(f".//{{{_A}}}clrScheme")
    if scheme is None:
        return
    for slot, value in colours.items():
        element = scheme.find(f"{{{_A}}}{slot}")
        if element is None:
            continue
        for child in list(element):
            element.remove(child)
        element.append(element.makeelement(f"{{{_A}}}srgbClr", {"val": hex6(value)}))


def _refont(root, fonts: dict[tuple[str, str], str]) -> None:
    for role, kind in (("heading", "majorFont"), ("body", "minorFont")):
        group = root.find(f".//{{{_A}}}fontScheme/{{{_A}}}{kind}")
        if group is None:
            continue
        korean, latin = fonts.get((role, "korean")), fonts.get((role, "latin"))
        for path, face in (("latin", latin), ("ea", korean)):
            if face:
                element = group.find(f"{{{_A}}}{path}")
                if element is None:
                    element = group.makeelement(f"{{{_A}}}{path}", {})
                    group.append(element)
                element.set("typeface", face)
        if korean:
            hang = group.find(f"{{{_A}}}font[@script='Hang']")
            if hang is not None:
                hang.set("typeface", korean)


# --- the master's file and what it lacks ----------------------------------------------


def open_master(theme: Theme) -> Deck:
    """The theme's master, with theme.yaml's palette and fonts set in its theme (colour
    slots, major and minor fonts) where a theme folder more specific than the master's
    own sets them: a designer's master keeps what it says."""
    path = theme.find(MASTER)
    data = path.read_bytes()
    _refuse_inflating_beyond(path, data)
    level = next(
        (i for i, folder in enumerate(theme.folders) if folder in path.parents),
        len(theme.folders),
    )
    look = theme.look()  # before opening: a wrong colour is named at its theme.yaml line
    try:
        data = apply_to_master(data, look, level)
        return Deck(data, str(path))
    except Exception as error:  # a file PowerPoint could not open either
        raise DiagnosticError(Diagnostic("E711", str(path), args={"reason": str(error)})) from None


def _refuse_inflating_beyond(path: Path, data: bytes, limit: int = MAX_INFLATED) -> None:
    """A zip says how large each member inflates to, and reading never goes past that: a
    master claiming more than any real one (a zip bomb) is refused before it is opened."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DiagnosticError(Diagnostic("E711", str(path), args={"reason": str(error)})) from None
    if inflated > limit:
        args = {"size": inflated // 2**20, "limit": limit // 2**20}
        raise DiagnosticError(Diagnostic("E712", str(path), args=args))


def master_styles(deck: Deck) -> dict[str, MasterStyles]:
    """{layout name: the styles of its master}."""
    out: dict[str, MasterStyles] = {}
    for master in deck.prs.slide_masters:
        try:
            theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob, _SAFE_XML)
        except (etree.XMLSyntaxError, KeyError) as error:
            found = Diagnostic("E713", deck.file, args={"reason": str(error)})
            raise DiagnosticError(found) from None
        layouts = {layout.name.strip().lower(): layout.element for layout in master.slide_layouts}
        styles = MasterStyles(master.element, theme, layouts)
        for name in layouts:
            out.setdefault(name, styles)
    return out


def missing(plan: Plan, deck: Deck) -> list[Diagnostic]:
    """What the plan fills that the master lacks, one E709/E710 per gap, at the master."""
    layouts = deck.layouts
    styles = master_styles(deck)
    problems = []
    needed_by = PLAN.split("/")[-1]
    for layout, names in sorted(needs(plan).items()):
        if layout.lower() not in layouts:
            args = {"layout": layout, "plan": needed_by, "available": ", ".join(layouts)}
            problems.append(Diagnostic("E709", deck.file, args=args))
            continue
        present = set(styles[layout.lower()].placeholders(layout.lower()))
        for name in sorted(names - present):
            args = {"placeholder": name, "layout": layout, "plan": needed_by}
            problems.append(Diagnostic("E710", deck.file, args=args))
    return problems


def check_master(theme: Theme, context: dict | None = None) -> list[Diagnostic]:
    """Problems of the theme's master for the theme's slide plan ([] when it is fine): every
    missing layout and placeholder (E709, E710), or why the master cannot be opened.

    Without a context the plan is rendered from the bundled example manual.
    """
    if context is None:
        context = _example_context(theme)
    try:
        deck = open_master(theme)
    except DiagnosticError as error:
        return list(error.diagnostics)
    return missing(render_plan(context, theme), deck)


def _example_context(theme: Theme) -> dict:
    from pathlib import Path

    from csmanual.project import Project

    example = Path(__file__).resolve().parents[2] / "examples" / "manual.ko.yaml"
    return Project(example, theme).context
