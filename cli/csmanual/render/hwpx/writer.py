"""The document plan written as the parts of an .hwpx, on the reference's styles.

`write(plan, reference)` gives the package's parts: the section (the body, with the header
and footer on every page), the header part (the reference's, plus the tracked changes and
their author, and a bold char shape where a run is bold), the package's metadata
(`content.hpf`: title, author, subject, keywords, language, dates of the source) and the
preview text. Blocks map to OWPML as follows:

    heading     a paragraph in "Heading N" (an outline level: Hangul's outline view and
                navigation list it) with a bookmark named by its anchor
    paragraph   a paragraph in its style        caution   a paragraph in "Caution" (boxed)
    list        a paragraph per item, "• " or "1. " before it, in "List Bullet" / "List Number"
    table       a table whose borders and header look are the reference's sample table in
                that style; its header row repeats on every page; cells in "Table Text"
    signature   the same, with rows tall enough to sign in; then its note
    toc         its title in "TOC Heading" and one paragraph per entry in "TOC N"
    page_break  the next paragraph starts a page
"""

from __future__ import annotations

import math
import re
from copy import deepcopy

from lxml import etree

from csmanual.render.hwpx import owpml
from csmanual.render.hwpx.owpml import HH, HP, Cell, Ids, Span, Style
from csmanual.render.hwpx.reference import CONTENT, HEADER, OPF, SECTION, Reference, TableLook
from csmanual.render.office.plan import (
    DEFAULT_STYLES,
    Caution,
    Document,
    Heading,
    Inline,
    ListBlock,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Table,
    Toc,
    heading_style,
    plain,
    toc_style,
    whole_change,
)

SIGN_ROW = 2400  # a signature row's least height: room to sign (24 pt)
_PLACEHOLDER = re.compile(r"\{(page|pages)\}")
_KINDS = {"inserted": "Insert", "deleted": "Delete"}


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class Writer:
    def __init__(self, plan: Document, reference: Reference):
        self.plan, self.ref = plan, reference
        self.ids = Ids()
        self.changes: list[str] = []  # "Insert" / "Delete", change id = index + 1
        self._bold: dict[str, str] = {}  # char shape id → its bold twin
        self._heights = self._char_heights()

    # --- text ---------------------------------------------------------------------------

    def style(self, name: str) -> Style:
        found = self.ref.style(name)
        assert found is not None, name  # missing styles are reported before writing
        return found

    def _runs(self, text: Inline, char: str, whole: bool) -> list[tuple[str, list[Span]]]:
        """(char shape, spans) of `text`, a run per change of boldness; each inserted or
        deleted run is one tracked change; a whole-paragraph change takes its paragraph
        end with it (`paraend`), so accepting or rejecting it leaves no empty line."""
        out: list[tuple[str, list[Span]]] = []
        for index, piece in enumerate(text):
            change = None
            if piece.change in _KINDS:
                self.changes.append(_KINDS[piece.change])
                change = len(self.changes)
            last = whole and index == len(text) - 1
            span = Span(piece.text, piece.change, change, last)
            shape = self.bold(char) if piece.bold else char
            if out and out[-1][0] == shape:
                out[-1][1].append(span)
            else:
                out.append((shape, [span]))
        return out

    def paragraph(
        self,
        style: Style,
        text: Inline,
        *,
        prefix: str = "",
        bookmark: str | None = None,
        page_break: bool = False,
        char: str | None = None,
    ) -> etree._Element:
        char = char or style.char
        whole = whole_change(text) is not None
        if prefix:  # a list's mark belongs to its item: tracked with it when it is
            text = (Run(prefix, False, whole_change(text)), *text)
        runs = self._runs(text, char, whole)
        return owpml.paragraph(self.ids, style, runs, page_break=page_break, bookmark=bookmark)

    def bold(self, char: str) -> str:
        """The id of a char shape like `char` but bold (made once, in the header part)."""
        if char not in self._bold:
            shapes = self.ref.header.find(f"{{{HH}}}refList/{{{HH}}}charProperties")
            source = shapes.find(f"{{{HH}}}charPr[@id='{char}']")
            if source is None or source.find(f"{{{HH}}}bold") is not None:
                self._bold[char] = char
            else:
                twin = deepcopy(source)
                twin.set("id", str(max(int(c.get("id", "0")) for c in shapes) + 1))
                before = twin.find(f"{{{HH}}}underline")
                mark = etree.Element(f"{{{HH}}}bold")
                if before is not None:
                    before.addprevious(mark)
                else:
                    twin.append(mark)
                shapes.append(twin)
                shapes.set("itemCnt", str(len(shapes)))
                self._bold[char] = twin.get("id")
        return self._bold[char]

    # --- blocks -------------------------------------------------------------------------

    def body(self) -> list[etree._Element]:
        out: list[etree._Element] = []
        page_break = False
        for block in self.plan.blocks:
            if isinstance(block, PageBreak):
                page_break = True
                continue
            made = self.block(block)
            if made and page_break:
                made[0].set("pageBreak", "1")
            page_break = page_break and not made
            out += made
        return out

    def block(self, block) -> list[etree._Element]:
        if isinstance(block, Heading):
            style = self.style(block.style or heading_style(block.level))
            return [self.paragraph(style, block.text, bookmark=block.anchor)]
        if isinstance(block, (Paragraph, Caution)):
            return [self.paragraph(self.style(block.style), block.text)]
        if isinstance(block, ListBlock):
            style = self.style(block.style)
            marks = [f"{n}. " if block.ordered else "• " for n in range(1, len(block.items) + 1)]
            return [
                self.paragraph(style, item, prefix=mark)
                for mark, item in zip(marks, block.items, strict=True)
            ]
        if isinstance(block, (Table, Signature)):
            made = [self.table(block)]
            if isinstance(block, Signature) and block.note:
                # in the body's style; in the cells' when the plan needs no body style
                note = self.ref.style(DEFAULT_STYLES["paragraph"])
                note = note or self.style(DEFAULT_STYLES["table_text"])
                made.append(self.paragraph(note, block.note))
            return made
        if isinstance(block, Toc):
            made = []
            if block.title:
                title = self.style(DEFAULT_STYLES["toc"])
                made.append(self.paragraph(title, (Run(block.title),)))
            for entry in block.entries:
                style = self.style(toc_style(entry.level))
                made.append(owpml.bookmark_link(self.ids, style, entry.text, entry.anchor))
            return made
        raise TypeError(f"no HWPX for {type(block).__name__}")  # the plan knows no other

    def table(self, block: Table | Signature) -> etree._Element:
        holder = self.style(block.style)
        look = self.ref.tables.get(holder.id, TableLook())
        text = self.style(DEFAULT_STYLES["table_text"])
        bullet = self.style(DEFAULT_STYLES["list"])
        width = self.ref.text_width
        widths = [int(width * share) for share in block.widths]
        widths[-1] = width - sum(widths[:-1])
        header = isinstance(block, Signature) or block.header
        rows: list[list[Cell]] = []
        heights: list[int] = []
        if header:
            char = look.header_char or text.char
            cells = [
                Cell([self.paragraph(text, (Run(name),), char=char)], header=True)
                for name in block.columns
            ]
            rows.append(cells)
            heights.append(self._row_height([[name] for name in block.columns], widths, char))
        least = SIGN_ROW if isinstance(block, Signature) else owpml.ROW_HEIGHT
        for row in block.rows:
            cells, texts = [], []
            for cell in row:
                paragraphs = [self.paragraph(text, cell.text)] if cell.text else []
                paragraphs += [self.paragraph(bullet, item, prefix="• ") for item in cell.items]
                if not paragraphs:  # an empty cell: a line to sign, or nothing to say
                    paragraphs = [self.paragraph(text, ())]
                cells.append(Cell(paragraphs))
                texts.append([plain(cell.text), *("• " + plain(i) for i in cell.items)])
            rows.append(cells)
            heights.append(max(least, self._row_height(texts, widths, text.char)))
        return owpml.table(
            self.ids,
            holder,
            rows,
            widths,
            look.border,
            look.header_border,
            1 if header else 0,
            heights=heights,
            body_border=look.body_border,
        )

    def _char_heights(self) -> dict[str, int]:
        shapes = self.ref.header.find(f"{{{HH}}}refList/{{{HH}}}charProperties")
        if shapes is None:
            return {}
        return {c.get("id", ""): int(c.get("height", "1000")) for c in shapes}

    def _row_height(self, cells: list[list[str]], widths: list[int], char: str) -> int:
        """A row's height for the reader to lay out from: the tallest cell's lines at
        160 % of the type size (Hangul grows a row to its text anyway; a reader that does
        not, such as a previewer, then still shows every line). A Hangul syllable is as
        wide as the type size, a Latin letter about half."""
        size = self._heights.get(char, 1000)
        tallest = 1
        for paragraphs, width in zip(cells, widths, strict=True):
            room = max(1, width - owpml.CELL_MARGIN[0] - owpml.CELL_MARGIN[1])
            lines = 0
            for text in paragraphs:
                wide = sum(1.0 if ord(c) > 0x2E80 else 0.55 for c in text) * size
                lines += max(1, math.ceil(wide * 1.05 / room))
            tallest = max(tallest, lines)
        return int(tallest * size * 1.6) + owpml.CELL_MARGIN[2] + owpml.CELL_MARGIN[3]

    # --- the page: header and footer ---------------------------------------------------

    def page_parts(self) -> list[etree._Element]:
        out = []
        for kind, text in (("header", self.plan.header), ("footer", self.plan.footer)):
            if not text:
                continue
            pieces: list = []
            for index, part in enumerate(_PLACEHOLDER.split(text)):
                if index % 2:
                    pieces.append(owpml.PAGE if part == "page" else owpml.TOTAL)
                elif part:
                    pieces.append(part)
            style = self.style(DEFAULT_STYLES[kind])
            height = self.ref.header_height(kind)
            out.append(
                owpml.header_footer(self.ids, kind, style, pieces, self.ref.text_width, height)
            )
        return out

    # --- the parts ----------------------------------------------------------------------

    def section(self) -> bytes:
        section = deepcopy(self.ref.section)
        first = section.find(f"{{{HP}}}p")
        for part in self.page_parts():
            first.append(part)
        # the first paragraph ends in a text run, as Hangul writes it
        settings = first.find(f"{{{HP}}}run")
        first.append(owpml.run([], settings.get("charPrIDRef", "0")))
        for element in self.body():
            section.append(element)
        return _xml(section)

    def header(self, date: str, author: str) -> bytes:
        head = self.ref.header
        if self.changes:
            _add_changes(head, self.changes, author, date)
        return _xml(head)


def _add_changes(head: etree._Element, changes: list[str], author: str, date: str) -> None:
    """The tracked changes (type, date, author) the body's marks point to, and Hangul's
    track-changes switch on (flag 1), as Hangul writes them."""
    ref_list = head.find(f"{{{HH}}}refList")
    for tag in ("trackChanges", "trackChangeAuthors"):
        old = ref_list.find(f"{{{HH}}}{tag}")
        if old is not None:  # a reference saved with revisions: they are not the manual's
            ref_list.remove(old)
    listed = etree.SubElement(ref_list, f"{{{HH}}}trackChanges", itemCnt=str(len(changes)))
    stamp = f"{date}T00:00:00Z" if date else "1980-01-01T00:00:00Z"
    for number, kind in enumerate(changes, 1):
        etree.SubElement(
            listed,
            f"{{{HH}}}trackChange",
            type=kind,
            date=stamp,
            authorID="1",
            hide="0",
            id=str(number),
        )
    authors = etree.SubElement(ref_list, f"{{{HH}}}trackChangeAuthors", itemCnt="1")
    etree.SubElement(authors, f"{{{HH}}}trackChangeAuthor", name=author, mark="1", id="1")
    config = head.find(f"{{{HH}}}trackchageConfig")  # sic: Hangul's spelling
    if config is None:
        config = etree.SubElement(head, f"{{{HH}}}trackchageConfig", flags="56")
    config.set("flags", str(int(config.get("flags", "0") or 0) | 1))


def content(reference: Reference, plan: Document) -> bytes:
    """content.hpf with the plan's document properties (Hangul's 문서 정보); every date
    is the source's, never the clock's."""
    root = etree.fromstring(reference.parts[CONTENT])
    meta = root.find(f"{{{OPF}}}metadata")
    if meta is None:
        meta = etree.SubElement(root, f"{{{OPF}}}metadata")
    for child in list(meta):
        meta.remove(child)
    props = plan.properties
    created = props.created or props.modified
    modified = props.modified or created
    etree.SubElement(meta, f"{{{OPF}}}title").text = props.title
    etree.SubElement(meta, f"{{{OPF}}}language").text = props.language.split("-")[0]
    values = {
        "creator": props.author,
        "subject": props.subject,
        "description": props.subject,
        "lastsaveby": props.author,
        "CreatedDate": f"{created}T00:00:00Z" if created else "",
        "ModifiedDate": f"{modified}T00:00:00Z" if modified else "",
        "date": modified,
        "keyword": ", ".join(props.keywords),
    }
    for name, value in values.items():
        item = etree.SubElement(meta, f"{{{OPF}}}meta", name=name, content="text")
        item.text = value
    return _xml(root)


def write(plan: Document, reference: Reference) -> dict[str, bytes]:
    writer = Writer(plan, reference)
    section = writer.section()
    author = plan.revision.author or plan.properties.author
    date = plan.revision.date or plan.properties.modified
    parts = dict(reference.parts)
    parts[SECTION] = section
    parts[HEADER] = writer.header(date, author)
    parts[CONTENT] = content(reference, plan)
    preview = "\r\n".join(
        plain(block.text) for block in plan.blocks if isinstance(block, (Heading, Paragraph))
    )
    parts["Preview/PrvText.txt"] = preview[:1024].encode("utf-8")
    parts.pop("Preview/PrvImage.png", None)  # the reference's page, not the manual's
    return parts
