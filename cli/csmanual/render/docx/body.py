"""The Word edition's body, header and footer as WordprocessingML, block by block.

Every kind of block of the document plan (`render/office/plan.py`) becomes paragraphs or
a table in the reference's named styles; nothing here sets a font, a size or a colour.
Inserted and deleted runs become tracked changes (w:ins, w:del) by the plan's revision
author and date; a paragraph or table row that is wholly inserted or deleted carries the
mark on its paragraph mark or row too, so accepting or rejecting it leaves no empty line.
Headings get bookmarks (the contents link to them, with PAGEREF fields for their page
numbers), the footer PAGE and NUMPAGES fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree

from csmanual.render.office.plan import (
    DEFAULT_STYLES,
    Block,
    Caution,
    Cell,
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
    toc_style,
    whole_change,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PLACEHOLDER = re.compile(r"\{(page|pages)\}")
FIELD_OF = {"page": "PAGE", "pages": "NUMPAGES"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def el(tag: str, attrs: dict[str, str] | None = None, *children) -> etree._Element:
    element = etree.Element(w(tag), {w(k): v for k, v in (attrs or {}).items()})
    for child in children:
        if child is not None:
            element.append(child)
    return element


class Writer:
    """Turns plan blocks into body elements. `style_id(name)` gives a style's id in the
    reference; `restart(style_id)` a numbering that starts again at 1 (an ordered list)."""

    def __init__(
        self,
        document: Document,
        style_id: Callable[[str], str],
        restart: Callable[[str], str | None],
        text_width: int,
    ):
        self.style_id, self.restart, self.text_width = style_id, restart, text_width
        self.author = document.revision.author or document.properties.author or "csmanual"
        date = document.revision.date or document.properties.modified or "2000-01-01"
        self.date = f"{date}T00:00:00Z"
        self._ids = 0
        self.bookmarks = _bookmark_names(document.blocks)

    def next_id(self) -> str:
        self._ids += 1
        return str(self._ids)

    # --- runs and paragraphs ---------------------------------------------------------

    def runs(self, text: Inline) -> Iterator[etree._Element]:
        for run in text:
            element = self._run(run)
            if run.change is None:
                yield element
            else:
                tag = "ins" if run.change == "inserted" else "del"
                yield el(tag, self._mark(), element)

    def _mark(self) -> dict[str, str]:
        return {"id": self.next_id(), "author": self.author, "date": self.date}

    def _run(self, run: Run) -> etree._Element:
        r = el("r")
        if run.bold:
            r.append(el("rPr", None, el("b"), el("bCs")))
        tag = "delText" if run.change == "deleted" else "t"
        for index, line in enumerate(run.text.split("\n")):
            if index:
                r.append(el("br"))
            t = el(tag)
            t.text = line
            t.set(XML_SPACE, "preserve")
            r.append(t)
        return r

    def paragraph(
        self, style: str, text: Inline, *, ppr: list | None = None, change: str | None = None
    ) -> etree._Element:
        properties = el("pPr", None, el("pStyle", {"val": self.style_id(style)}), *(ppr or []))
        change = change or whole_change(text)
        if change:  # the paragraph mark itself is inserted or deleted
            tag = "ins" if change == "inserted" else "del"
            properties.append(el("rPr", None, el(tag, self._mark())))
        p = el("p", None, properties)
        for run in self.runs(text):
            p.append(run)
        return p

    # --- blocks ------------------------------------------------------------------------

    def block(self, block: Block) -> Iterator[etree._Element]:
        if isinstance(block, Heading):
            yield self.heading(block)
        elif isinstance(block, (Paragraph, Caution)):
            yield self.paragraph(block.style, block.text)
        elif isinstance(block, ListBlock):
            yield from self.list(block.style, block.items, block.ordered)
        elif isinstance(block, Table):
            yield self.table(block.style, block.columns, block.rows, block.widths, block.header)
        elif isinstance(block, Signature):
            yield self.table(block.style, block.columns, block.rows, block.widths, True, sign=True)
            if block.note:
                yield self.paragraph(DEFAULT_STYLES["paragraph"], block.note)
        elif isinstance(block, Toc):
            yield from self.toc(block)
        elif isinstance(block, PageBreak):
            yield el("p", None, el("r", None, el("br", {"type": "page"})))

    def heading(self, block: Heading) -> etree._Element:
        p = self.paragraph(block.style or heading_style(block.level), block.text)
        name = self.bookmarks.get(block.anchor or "")
        if name:
            mark = self.next_id()
            p.find(w("pPr")).addnext(el("bookmarkStart", {"id": mark, "name": name}))
            p.append(el("bookmarkEnd", {"id": mark}))
        return p

    def list(self, style: str, items, ordered: bool) -> Iterator[etree._Element]:
        style_id = self.style_id(style)
        num = self.restart(style_id) if ordered else None
        for item in items:
            numbering = None
            if num:  # each ordered list counts from 1 again
                numbering = [el("numPr", None, el("ilvl", {"val": "0"}), el("numId", {"val": num}))]
            yield self.paragraph(style, item, ppr=numbering)

    def table(self, style, columns, rows, widths, header: bool, sign: bool = False):
        grid = [max(1, round(self.text_width * share)) for share in widths]
        look = {"val": "04A0" if header else "0480", "firstRow": "1" if header else "0"}
        look.update({"lastRow": "0", "firstColumn": "0", "lastColumn": "0", "noVBand": "1"})
        table = el(
            "tbl",
            None,
            el(
                "tblPr",
                None,
                el("tblStyle", {"val": self.style_id(style)}),
                el("tblW", {"w": str(sum(grid)), "type": "dxa"}),
                el("tblLayout", {"type": "fixed"}),
                el("tblLook", look),
            ),
            el("tblGrid", None, *(el("gridCol", {"w": str(g)}) for g in grid)),
        )
        if header:
            cells = [Cell((Run(c),)) for c in columns]
            head = [el("cantSplit"), el("tblHeader")]  # in the order the schema fixes
            table.append(self._row(cells, grid, head))
        for row in rows:
            trpr = [el("cantSplit")]
            if sign:  # room to sign by hand
                trpr.append(el("trHeight", {"val": "680", "hRule": "atLeast"}))
            change = whole_change(tuple(r for cell in row for t in _texts(cell) for r in t))
            if change:
                trpr.append(el("ins" if change == "inserted" else "del", self._mark()))
            table.append(self._row(row, grid, trpr))
        return table

    def _row(self, cells, grid, trpr) -> etree._Element:
        tr = el("tr", None, el("trPr", None, *trpr))
        for cell, width in zip(cells, grid, strict=True):
            tc = el("tc", None, el("tcPr", None, el("tcW", {"w": str(width), "type": "dxa"})))
            paragraphs = [self.paragraph(DEFAULT_STYLES["table_text"], cell.text)]
            if cell.items:
                if not cell.text:
                    paragraphs = []
                paragraphs += list(self.list(DEFAULT_STYLES["list"], cell.items, False))
            for p in paragraphs:
                tc.append(p)
            tr.append(tc)
        return tr

    def toc(self, block: Toc) -> Iterator[etree._Element]:
        """The contents as they stand: each entry a link to its heading's bookmark and a
        PAGEREF field for its page, which LibreOffice fills as it lays out and Word when
        the fields are updated (the document asks on opening: `settings`). Not a TOC field:
        LibreOffice drops the page references inside one."""
        if block.title:
            yield self.paragraph(DEFAULT_STYLES["toc"], (Run(block.title),))
        for entry in block.entries:
            name = self.bookmarks[entry.anchor]
            p = self.paragraph(toc_style(entry.level), ())
            link = el("hyperlink", {"anchor": name, "history": "1"})
            link.extend(self.runs((Run(entry.text),)))
            link.append(el("r", None, el("tab")))
            link.extend(_field(f" PAGEREF {name} \\h ", ""))
            p.append(link)
            yield p

    # --- header and footer -------------------------------------------------------------

    def running(self, style: str, text: str) -> etree._Element:
        """A header or footer paragraph; {page} and {pages} become PAGE and NUMPAGES."""
        p = self.paragraph(style, ())
        at = 0
        for match in PLACEHOLDER.finditer(text):
            p.extend(self.runs((Run(text[at : match.start()]),)))
            p.extend(_field(f" {FIELD_OF[match.group(1)]} ", "1"))
            at = match.end()
        p.extend(self.runs((Run(text[at:]),)))
        return p


def _texts(cell: Cell):
    yield cell.text
    yield from cell.items


def _fld(kind: str) -> etree._Element:
    return el("r", None, el("fldChar", {"fldCharType": kind}))


def _instr(text: str) -> etree._Element:
    instr = el("instrText")
    instr.text = text
    instr.set(XML_SPACE, "preserve")
    return el("r", None, instr)


def _field(instruction: str, shown: str) -> list[etree._Element]:
    t = el("t")
    t.text = shown
    return [_fld("begin"), _instr(instruction), _fld("separate"), el("r", None, t), _fld("end")]


def _bookmark_names(blocks: tuple[Block, ...]) -> dict[str, str]:
    """{anchor: bookmark name}: Word's names are ≤ 40 letters, digits and _, starting
    with a letter; an anchor is shortened and made unique when it has to be."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for block in blocks:
        if isinstance(block, Heading) and block.anchor and block.anchor not in names:
            base = re.sub(r"[^A-Za-z0-9_]", "_", block.anchor)[:40]
            name, n = base, 1
            while name.lower() in taken:
                n += 1
                name = f"{base[: 40 - len(str(n)) - 1]}_{n}"
            taken.add(name.lower())
            names[block.anchor] = name
    return names
