"""The DOCX renderer: the document plan written into the theme's reference document.

plan      = render office/document.yaml.j2 from the shared context (render/office)
reference = docx/reference.docx, refused when hostile, its styles checked against
            every style the plan uses (E719/E720, all at once); theme.yaml's palette and
            fonts set on its styles where more specific than it (`office/look`)
body      = the reference's body replaced by the plan's blocks (`body`); header and
            footer with PAGE/NUMPAGES; document properties and language from the plan
save      = the same bytes for the same inputs (fixed zip times, dates from the source)
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from typing import Any

from lxml import etree

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.palette import unknown_fonts
from csmanual.render.docx.body import Writer, el, w
from csmanual.render.docx.reference import (
    apply_look,
    east_asian_font,
    find_style,
    font_warnings,
    missing_styles,
    read_reference,
    styles_of,
)
from csmanual.render.office.fonts import theme_families
from csmanual.render.office.look import office_look
from csmanual.render.office.plan import DEFAULT_STYLES, Document, render_plan, styles_needed
from csmanual.render.pptx.archive import normalize
from csmanual.theme import Theme


class DocxRenderer:
    name = "docx"
    filename = "manual.docx"

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []  # warnings; errors are raised

    def render(self, context: dict[str, Any], theme: Theme) -> bytes:
        # the plan leaves out what theme.yaml omits for this format (`office_format`)
        plan = render_plan({**context, "office_format": self.name}, theme)
        data, path = read_reference(theme)
        word = _open(data, str(path))
        styles_element = word.styles.element
        styles = styles_of(styles_element)
        problems = missing_styles(styles, styles_needed(plan), str(path))
        if problems:
            raise DiagnosticError(*problems)
        if plan.properties.language.startswith("ko") and not east_asian_font(styles_element):
            self.diagnostics.append(Diagnostic("W712", str(path)))
        used = {find_style(styles, name).style_id for name in styles_needed(plan)}
        families = theme_families(theme)
        self.diagnostics += font_warnings(styles_element, families, str(path), used)
        # theme.yaml's palette and fonts where set more specifically than the reference;
        # a face theme.yaml names that no computer here has is named at its line (W740)
        self.diagnostics += unknown_fonts(theme, self.name)
        apply_look(styles_element, office_look(theme, self.name, path))
        _set_language(styles_element, plan.properties.language)
        section = word.sections[0]
        text_width = int(section.page_width - section.left_margin - section.right_margin) // 635
        writer = Writer(
            plan,
            lambda name: find_style(styles, name).style_id,
            _Numbering(word, styles_element).restart,
            text_width,
        )
        body = word.element.body
        sect_pr = body.find(w("sectPr"))
        for child in list(body):
            if child is not sect_pr:
                body.remove(child)
        for block in plan.blocks:
            for element in writer.block(block):
                body.insert(len(body) - 1 if sect_pr is not None else len(body), element)
        _running(section, writer, plan)
        _properties(word, plan)
        _update_fields_on_open(word.settings.element)
        out = io.BytesIO()
        word.save(out)
        return normalize(out.getvalue())


def _open(data: bytes, where: str):
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # a file Word could not open either
        raise DiagnosticError(Diagnostic("E715", where, args={"reason": str(error)})) from None


def _set_language(styles_element, language: str) -> None:
    """The document's language (spelling, hyphenation) in the defaults; Korean stays the
    East Asian language so that Hangul is set in the East Asian face."""
    rpr = styles_element.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    if rpr is None:
        return
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = el("lang")
        rpr.append(lang)
    lang.set(w("val"), language)
    lang.set(w("eastAsia"), "ko-KR")


class _Numbering:
    """Ordered lists count from 1 each: a new w:num per list, over the abstract numbering
    of the list style's own w:num, with its start overridden."""

    def __init__(self, word, styles_element):
        self.word, self.styles = word, styles_element
        self._root = None

    def restart(self, style_id: str) -> str | None:
        num_id = self._style_num(style_id)
        if num_id is None:
            return None
        root = self._numbering()
        found = root.find(f"{w('num')}[@{w('numId')}='{num_id}']")
        if found is None:
            return None
        abstract = found.find(w("abstractNumId")).get(w("val"))
        new_id = str(max(int(n.get(w("numId"))) for n in root.iterfind(w("num"))) + 1)
        override = el("lvlOverride", {"ilvl": "0"}, el("startOverride", {"val": "1"}))
        root.append(el("num", {"numId": new_id}, el("abstractNumId", {"val": abstract}), override))
        return new_id

    def _style_num(self, style_id: str) -> str | None:
        style = self.styles.find(f"{w('style')}[@{w('styleId')}='{style_id}']")
        num = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}") if style is not None else None
        return num.get(w("val")) if num is not None else None

    def _numbering(self):
        if self._root is None:
            self._root = self.word.part.numbering_part.element
        return self._root


def _running(section, writer: Writer, plan: Document) -> None:
    for part, text, style in (
        (section.header, plan.header, DEFAULT_STYLES["header"]),
        (section.footer, plan.footer, DEFAULT_STYLES["footer"]),
    ):
        if not text:
            continue
        part.is_linked_to_previous = False
        element = part._element  # the w:hdr / w:ftr: its paragraphs are replaced
        for child in list(element):
            element.remove(child)
        element.append(writer.running(style, text))


# what follows w:updateFields in w:settings (the schema fixes the order; Word checks it)
_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
}  # fmt: skip


def _update_fields_on_open(settings) -> None:
    """Word fills the contents' page numbers (PAGEREF) when it opens the file, after asking;
    LibreOffice fills them anyway."""
    if settings.find(w("updateFields")) is not None:
        return
    field = el("updateFields", {"val": "true"})
    later = next((c for c in settings if etree.QName(c).localname in _AFTER_UPDATE_FIELDS), None)
    if later is None:
        settings.append(field)
    else:
        later.addprevious(field)


def _date(text: str) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def _properties(word, plan: Document) -> None:
    """Document properties from the plan only (the source): never the clock."""
    core, p = word.core_properties, plan.properties
    core.title = p.title[:255]
    core.author = p.author[:255]
    core.subject = p.subject[:255]
    core.keywords = ", ".join(p.keywords)[:255]
    core.language = p.language
    core.last_modified_by = (plan.revision.author or p.author)[:255]
    core.revision = 1
    core.comments = ""
    created = _date(p.created) or _date(p.modified) or datetime(2000, 1, 1, tzinfo=timezone.utc)
    core.created = created
    core.modified = _date(p.modified) or created
