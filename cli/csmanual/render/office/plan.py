"""The document plan of the editable office editions (DOCX and HWPX): the theme's
`office/document.yaml.j2`, rendered from the shared context, read back as YAML and
checked here, once, for both writers.

The contract (docs/office.md says it for designers). The template renders a mapping:

    properties:            the file's document properties
      title, author, subject: text
      keywords: [text, ...]
      language: ko-KR | en-US …   (a BCP 47 tag)
      created, modified: "YYYY-MM-DD"   (dates of the source, never the clock)
    revision: {author: text, date: "YYYY-MM-DD"}
                           who made the tracked changes, and when [optional]
    header: text           each page's header; `{page}` and `{pages}` become the page
    footer: text           number and the page count (fields the word processor fills)
    blocks: [block, ...]   the body, in reading order

A block is a mapping with `kind:` and, except `toc` and `page_break`, an optional `style:`
naming a style of the reference document (each kind has a default, `DEFAULT_STYLES`):

    heading    level (1–3), text, anchor (a bookmark: starts with a letter; letters,
               digits, _ - .), contents: false (left out of the toc; default true)
    paragraph  text                               (style: Body Text, or Title, Subtitle …)
    list       items: [text, ...], ordered: bool  (style: List Bullet / List Number)
    table      columns: [text, ...], rows: [[cell, ...] ...], widths: [fraction, ...],
               header: bool (the first row is `columns`, repeated on every page)
    caution    text                               a boxed note
    signature  columns: [...], rows: [[cell, ...] ...], note: text
               one row per signature, by what it means; an empty cell is a line to sign
    toc        title: text, levels: 1–3          the contents, from the plan's headings
    page_break

Text ("inline text") is a string, or a list of runs: each run a string or
`{text: ..., bold: true, change: inserted | deleted}`. A table cell is inline text, or
`{text: inline, items: [inline, ...]}`: a paragraph and bulleted items under it. A
paragraph, list item or table row whose runs are all inserted (or all deleted) is itself an
insertion (a deletion), so that accepting or rejecting it in Word or Hangul leaves no empty
line. The filters `tracked` and `deleted` (`filters.py`) make these runs from the context's
`changes`, so a template never compares texts itself.

The parsed plan is a `Document` of frozen records; both writers map every kind of block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from csmanual.render.office.filters import FILTERS
from csmanual.render.plan_yaml import read_plan
from csmanual.theme import Theme, ThemeError

PLAN = "office/document.yaml.j2"
CHANGES = ("inserted", "deleted")
ANCHOR = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,199}$")  # a writer shortens it as its format needs

# the style each kind of block uses when the plan names none
DEFAULT_STYLES = {
    "paragraph": "Body Text",
    "list": "List Bullet",
    "ordered_list": "List Number",
    "table": "Manual Table",
    "table_text": "Table Text",
    "caution": "Caution",
    "signature": "Signature Table",
    "toc": "TOC Heading",
    "header": "Header",
    "footer": "Footer",
}


def heading_style(level: int) -> str:
    return f"Heading {level}"


def toc_style(level: int) -> str:
    return f"TOC {level}"


# --- what the plan holds ---------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    change: str | None = None  # "inserted" or "deleted"


Inline = tuple[Run, ...]


def plain(text: Inline) -> str:
    """What a reader sees once every change is accepted: the text without its deletions."""
    return "".join(run.text for run in text if run.change != "deleted")


def whole_change(text: Inline) -> str | None:
    """ "inserted" or "deleted" when every run of `text` is; None otherwise."""
    kinds = {run.change for run in text if run.text}
    return kinds.pop() if len(kinds) == 1 and None not in kinds else None


@dataclass(frozen=True)
class Heading:
    level: int
    text: Inline
    anchor: str | None = None
    style: str = ""
    contents: bool = True  # listed in a toc (when its level is within the toc's levels)


@dataclass(frozen=True)
class Paragraph:
    text: Inline
    style: str = DEFAULT_STYLES["paragraph"]


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Inline, ...]
    ordered: bool = False
    style: str = DEFAULT_STYLES["list"]


@dataclass(frozen=True)
class Cell:
    text: Inline = ()
    items: tuple[Inline, ...] = ()  # bulleted, under the text


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # fractions of the text width, summing to 1
    header: bool = True
    style: str = DEFAULT_STYLES["table"]


@dataclass(frozen=True)
class Caution:
    text: Inline
    style: str = DEFAULT_STYLES["caution"]


@dataclass(frozen=True)
class Signature:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]  # an empty cell is a line to sign
    widths: tuple[float, ...]
    note: Inline = ()
    style: str = DEFAULT_STYLES["signature"]


@dataclass(frozen=True)
class TocEntry:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Toc:
    title: str
    levels: int
    entries: tuple[TocEntry, ...]  # the plan's headings down to `levels`, with anchors


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | ListBlock | Table | Caution | Signature | Toc | PageBreak


@dataclass(frozen=True)
class Properties:
    title: str = ""
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "ko-KR"
    created: str = ""  # YYYY-MM-DD
    modified: str = ""  # YYYY-MM-DD


@dataclass(frozen=True)
class Revision:
    author: str = ""
    date: str = ""  # YYYY-MM-DD


@dataclass(frozen=True)
class Document:
    properties: Properties
    blocks: tuple[Block, ...]
    header: str = ""
    footer: str = ""
    revision: Revision = field(default_factory=Revision)

    def has_changes(self) -> bool:
        return any(run.change for text in texts(self) for run in text)


def texts(document: Document):
    """Every inline text of the document, in reading order (headers and footers aside)."""
    for block in document.blocks:
        if isinstance(block, (Heading, Paragraph, Caution)):
            yield block.text
        elif isinstance(block, ListBlock):
            yield from block.items
        elif isinstance(block, (Table, Signature)):
            for row in block.rows:
                for cell in row:
                    yield cell.text
                    yield from cell.items
            if isinstance(block, Signature):
                yield block.note


def styles_needed(document: Document) -> dict[str, str]:
    """{style name: "paragraph" | "table"} that the plan uses: what the reference
    document must define (the writers' check-theme names each one it lacks)."""
    out: dict[str, str] = {}
    if document.header:
        out[DEFAULT_STYLES["header"]] = "paragraph"
    if document.footer:
        out[DEFAULT_STYLES["footer"]] = "paragraph"
    for block in document.blocks:
        if isinstance(block, Heading):
            out[block.style or heading_style(block.level)] = "paragraph"
        elif isinstance(block, (Paragraph, ListBlock, Caution)):
            out[block.style] = "paragraph"
        elif isinstance(block, (Table, Signature)):
            out[block.style] = "table"
            out[DEFAULT_STYLES["table_text"]] = "paragraph"
            if any(cell.items for row in block.rows for cell in row):
                out[DEFAULT_STYLES["list"]] = "paragraph"
        elif isinstance(block, Toc):
            out[DEFAULT_STYLES["toc"]] = "paragraph"
            for entry in block.entries:
                out[toc_style(entry.level)] = "paragraph"
    return out


# --- render and read --------------------------------------------------------------------


def render_plan(context: dict, theme: Theme) -> Document:
    """Render the plan, read it back safely (`read_plan`), then check it."""
    data, where = read_plan(theme, PLAN, context, FILTERS, "the document plan")
    return parse_plan(data, where)


class _Bad(ValueError):
    pass


def parse_plan(data: Any, where: str = PLAN) -> Document:
    if not isinstance(data, dict) or not isinstance(data.get("blocks"), list):
        raise ThemeError("the document plan must be a mapping with a `blocks:` list", where)
    blocks: list[Block] = []
    for number, raw in enumerate(data["blocks"], 1):
        try:
            block = _block(raw)
        except _Bad as error:
            kind = raw.get("kind") if isinstance(raw, dict) else None
            raise ThemeError(
                f"block {number} ({kind or '?'}) of the plan: {error}", where
            ) from None
        if block is not None:
            blocks.append(block)
    try:
        properties = _properties(data.get("properties") or {})
        revision = _revision(data.get("revision") or {})
    except _Bad as error:
        raise ThemeError(f"the document plan: {error}", where) from None
    blocks = _with_contents(blocks)
    return Document(
        properties,
        tuple(blocks),
        _str(data.get("header")),
        _str(data.get("footer")),
        revision,
    )


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _mapping(value: Any, what: str, keys: set[str]) -> dict:
    if not isinstance(value, dict):
        raise _Bad(f"`{what}` must be a mapping")
    unknown = set(value) - keys
    if unknown:
        raise _Bad(f"unknown key(s) in `{what}`: {', '.join(sorted(map(str, unknown)))}")
    return value


def _properties(raw: Any) -> Properties:
    keys = {"title", "author", "subject", "keywords", "language", "created", "modified"}
    raw = _mapping(raw, "properties", keys)
    keywords = raw.get("keywords") or ()
    if isinstance(keywords, str):
        keywords = (keywords,)
    dates = {key: _str(raw.get(key)) for key in ("created", "modified")}
    for key, date in dates.items():
        if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise _Bad(f"`properties.{key}` is a date YYYY-MM-DD, not {date!r}")
    return Properties(
        _str(raw.get("title")),
        _str(raw.get("author")),
        _str(raw.get("subject")),
        tuple(_str(k) for k in keywords if _str(k)),
        _str(raw.get("language")) or "ko-KR",
        dates["created"],
        dates["modified"] or dates["created"],
    )


def _revision(raw: Any) -> Revision:
    raw = _mapping(raw, "revision", {"author", "date"})
    date = _str(raw.get("date"))
    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise _Bad(f"`revision.date` is a date YYYY-MM-DD, not {date!r}")
    return Revision(_str(raw.get("author")), date)


def inline(value: Any) -> Inline:
    """Inline text: a string, or a list of runs (strings or {text, bold, change})."""
    if value is None:
        return ()
    if isinstance(value, (str, int, float)):
        text = str(value)
        return (Run(text),) if text else ()
    if not isinstance(value, list):
        raise _Bad("a text is a string or a list of runs")
    runs = []
    for run in value:
        if isinstance(run, (str, int, float)):
            runs.append(Run(str(run)))
            continue
        run = _mapping(run, "run", {"text", "bold", "change"})
        change = run.get("change")
        if change is not None and change not in CHANGES:
            raise _Bad(f"a run's change is `inserted` or `deleted`, not {change!r}")
        runs.append(Run(str(run.get("text") or ""), bool(run.get("bold", False)), change))
    return tuple(r for r in runs if r.text)


def _cell(value: Any) -> Cell:
    if isinstance(value, dict):
        value = _mapping(value, "cell", {"text", "items"})
        return Cell(inline(value.get("text")), tuple(_items(value.get("items"))))
    return Cell(inline(value))


def _items(value: Any) -> list[Inline]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad("`items:` is a list")
    return [text for text in map(inline, value) if text]


def _rows(raw: dict, columns: tuple[str, ...]) -> tuple[tuple[Cell, ...], ...]:
    rows = raw.get("rows") or []
    if not isinstance(rows, list) or any(not isinstance(r, list) for r in rows):
        raise _Bad("`rows:` is a list of rows, each a list of cells")
    if any(len(row) != len(columns) for row in rows):
        raise _Bad(f"every row needs one cell per column ({len(columns)})")
    return tuple(tuple(_cell(c) for c in row) for row in rows)


def _widths(raw: dict, count: int) -> tuple[float, ...]:
    widths = raw.get("widths") or [1] * count
    try:
        widths = [float(w) for w in widths]
    except (TypeError, ValueError):
        raise _Bad("`widths:` are numbers") from None
    if len(widths) != count or min(widths) <= 0:
        raise _Bad("`widths:` needs one positive number per column")
    total = sum(widths)
    return tuple(w / total for w in widths)


def _style(raw: dict, default: str) -> str:
    return _str(raw.get("style")) or default


COMMON = {"kind", "style"}


def _block(raw: Any) -> Block | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("kind"), str):
        raise _Bad("a block is a mapping with a `kind:`")
    kind = raw["kind"]
    if kind == "heading":
        raw = _mapping(raw, "heading", COMMON | {"level", "text", "anchor", "contents"})
        level = raw.get("level", 1)
        if not isinstance(level, int) or not 1 <= level <= 3:
            raise _Bad("a heading's `level:` is 1, 2 or 3")
        anchor = _str(raw.get("anchor")) or None
        if anchor is not None and not ANCHOR.match(anchor):
            raise _Bad(
                f"an anchor starts with a letter, then letters, digits, _ - . (not {anchor!r})"
            )
        text = inline(raw.get("text"))
        style = _style(raw, heading_style(level))
        listed = bool(raw.get("contents", True))
        return Heading(level, text, anchor, style, listed) if text else None
    if kind == "paragraph":
        raw = _mapping(raw, "paragraph", COMMON | {"text"})
        text = inline(raw.get("text"))
        return Paragraph(text, _style(raw, DEFAULT_STYLES["paragraph"])) if text else None
    if kind == "list":
        raw = _mapping(raw, "list", COMMON | {"items", "ordered"})
        ordered = bool(raw.get("ordered", False))
        items = _items(raw.get("items"))
        default = DEFAULT_STYLES["ordered_list" if ordered else "list"]
        return ListBlock(tuple(items), ordered, _style(raw, default)) if items else None
    if kind in ("table", "signature"):
        keys = COMMON | {"columns", "rows", "widths"}
        raw = _mapping(raw, kind, keys | ({"header"} if kind == "table" else {"note"}))
        columns = tuple(_str(c) for c in raw.get("columns") or ())
        if not columns:
            raise _Bad("a table needs `columns:`")
        rows, widths = _rows(raw, columns), _widths(raw, len(columns))
        if kind == "signature":
            note = inline(raw.get("note"))
            style = _style(raw, DEFAULT_STYLES["signature"])
            return Signature(columns, rows, widths, note, style) if rows else None
        header = bool(raw.get("header", True))
        return (
            Table(columns, rows, widths, header, _style(raw, DEFAULT_STYLES["table"]))
            if rows
            else None
        )
    if kind == "caution":
        raw = _mapping(raw, "caution", COMMON | {"text"})
        text = inline(raw.get("text"))
        return Caution(text, _style(raw, DEFAULT_STYLES["caution"])) if text else None
    if kind == "toc":
        raw = _mapping(raw, "toc", {"kind", "title", "levels"})
        levels = raw.get("levels", 2)
        if not isinstance(levels, int) or not 1 <= levels <= 3:
            raise _Bad("a toc's `levels:` is 1, 2 or 3")
        return Toc(_str(raw.get("title")), levels, ())
    if kind == "page_break":
        _mapping(raw, "page_break", {"kind"})
        return PageBreak()
    known = "heading, paragraph, list, table, caution, signature, toc, page_break"
    raise _Bad(f"unknown kind {kind!r} (a block is one of: {known})")


def _with_contents(blocks: list[Block]) -> list[Block]:
    """Fill each toc with the headings that follow it, down to its levels, and check that
    anchors are unique (a bookmark names one place)."""
    seen: set[str] = set()
    for block in blocks:
        if isinstance(block, Heading) and block.anchor:
            if block.anchor in seen:
                raise ThemeError(
                    f"two headings of the document plan have the anchor {block.anchor!r}", PLAN
                )
            seen.add(block.anchor)
    out = []
    for index, block in enumerate(blocks):
        if isinstance(block, Toc):
            entries = tuple(
                TocEntry(h.level, plain(h.text), h.anchor)
                for h in blocks[index + 1 :]
                if isinstance(h, Heading)
                and h.anchor
                and h.contents
                and h.level <= block.levels
                and plain(h.text)
            )
            block = Toc(block.title, block.levels, entries)
        out.append(block)
    return out
