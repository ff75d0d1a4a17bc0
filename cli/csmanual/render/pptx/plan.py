"""The slide plan: the theme's `pptx/slides.yaml.j2`, rendered from the shared context,
read back as YAML and checked, then laid out into slides that fit.

The template says what is on each slide (layout, the text of each placeholder, notes);
this module turns that into `Slide` records and splits a list too long for its
placeholder over "(계속)" slides, asking a `Fitter` how much fits (in the master's fonts).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any

from csmanual.render.plan_yaml import read_plan
from csmanual.theme import Theme, ThemeError

PLAN = "pptx/slides.yaml.j2"
RESERVED = {"layout", "item", "badge", "notes"}


# --- what a slide holds ----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One list item: a paragraph and its sub-points, kept together on one slide."""

    text: str
    sub: tuple[str, ...] = ()
    bold: bool = False
    bullet: bool = True


@dataclass(frozen=True)
class Text:
    heading: str | None = None  # repeated on every "(계속)" slide
    text: str | None = None  # first slide only
    items: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    group: int | None = None  # a column naming groups of rows, said once per group


@dataclass(frozen=True)
class Step:
    label: str
    text: str = ""


@dataclass(frozen=True)
class Diagram:
    kind: str  # chevrons or boxes
    steps: tuple[Step, ...]


Fill = Text | Table | Diagram


@dataclass
class Slide:
    layout: str
    fills: dict[str, Fill]
    notes: str = ""
    item: str | None = None
    badge: str | None = None
    number: int = 0  # position in the plan, then in the deck, 1-based (for messages)
    continued: bool = False


@dataclass
class Plan:
    slides: list[Slide]
    footer: str = ""
    title: str = ""


# --- render and read ------------------------------------------------------------------


def _q(value: Any) -> str:
    """A value as YAML (JSON is YAML): safe for any text, on one line."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _quoted(value: Any) -> str:
    return f"“{value}”"


FILTERS: dict[str, Callable] = {"q": _q, "quoted": _quoted}


def render_plan(context: dict, theme: Theme) -> Plan:
    """Render the plan, read it back safely (`read_plan`), then check it."""
    data, where = read_plan(theme, PLAN, context, FILTERS, "the slide plan")
    return parse_plan(data, where)


def parse_plan(data: Any, where: str = PLAN) -> Plan:
    def fail(message: str) -> ThemeError:
        return ThemeError(message, where)

    if not isinstance(data, dict) or not isinstance(data.get("slides"), list):
        raise fail("the slide plan must be a mapping with a `slides:` list")
    slides = []
    for number, raw in enumerate(data["slides"], 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("layout"), str):
            raise fail(f"slide {number} of the plan needs a `layout:` (the name of a layout)")
        fills: dict[str, Fill] = {}
        for key, value in raw.items():
            if key in RESERVED or value in (None, "", [], {}):
                continue
            try:
                fill = _fill(value)
            except ValueError as error:
                raise fail(f"slide {number} ({raw['layout']}), `{key}`: {error}") from None
            if fill is not None:
                fills[str(key).strip().lower()] = fill
        slides.append(
            Slide(
                layout=raw["layout"].strip(),
                fills=fills,
                number=number,
                notes=_str(raw.get("notes")),
                item=_str(raw.get("item")) or None,
                badge=_str(raw.get("badge")) or None,
            )
        )
    return Plan(slides, _str(data.get("footer")), _str(data.get("title")))


def _str(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _entry(value: Any) -> Entry | None:
    if isinstance(value, dict):
        unknown = set(value) - {"text", "sub", "bold", "bullet"}
        if unknown:
            raise ValueError(f"unknown key(s) in a list item: {', '.join(map(str, unknown))}")
        sub = value.get("sub") or ()
        if isinstance(sub, str):
            sub = (sub,)
        return Entry(
            _str(value.get("text")),
            tuple(_str(s) for s in sub if _str(s)),
            bool(value.get("bold", False)),
            bool(value.get("bullet", True)),
        )
    if isinstance(value, (list, tuple)):
        raise ValueError("a list item cannot be a list (use {text: …, sub: […]})")
    text = _str(value)
    return Entry(text) if text else None


def _fill(value: Any) -> Fill | None:
    if isinstance(value, dict) and "table" in value:
        table = value["table"]
        columns = tuple(_str(c) for c in table.get("columns") or ())
        rows = tuple(tuple(_str(c) for c in row) for row in table.get("rows") or ())
        if not columns or any(len(row) != len(columns) for row in rows):
            raise ValueError("a table needs `columns:` and rows with one cell per column")
        widths = tuple(float(w) for w in table.get("widths") or (1,) * len(columns))
        if len(widths) != len(columns) or min(widths) <= 0:
            raise ValueError("`widths:` needs one positive number per column")
        group = table.get("group")
        if group is not None and (not isinstance(group, int) or not 0 <= group < len(columns)):
            raise ValueError("`group:` is the number of a column, counted from 0")
        return Table(columns, rows, widths, group) if rows else None
    if isinstance(value, dict) and "diagram" in value:
        spec = value["diagram"]
        kind = _str(spec.get("kind") or "boxes")
        if kind not in ("boxes", "chevrons"):
            raise ValueError(f"a diagram's kind is `boxes` or `chevrons`, not {kind!r}")
        steps = tuple(
            Step(_str(s.get("label")), _str(s.get("text")))
            if isinstance(s, dict)
            else Step(_str(s))
            for s in spec.get("steps") or ()
        )
        return Diagram(kind, steps) if steps else None
    if isinstance(value, dict):
        unknown = set(value) - {"heading", "text", "items"}
        if unknown:
            raise ValueError(
                f"unknown key(s): {', '.join(map(str, unknown))} "
                "(text takes heading, text, items; or table; or diagram)"
            )
        items = tuple(e for e in map(_entry, value.get("items") or ()) if e is not None)
        text = Text(_str(value.get("heading")) or None, _str(value.get("text")) or None, items)
        return text if (text.heading or text.text or text.items) else None
    if isinstance(value, list):
        items = tuple(e for e in map(_entry, value) if e is not None)
        return Text(items=items) if items else None
    return Text(text=_str(value)) if _str(value) else None


# --- what the master must have ----------------------------------------------------------

# Where the "(계속)" slides of a list go when the slide's own layout would show them beside
# empty boxes (a diagram, a card's other quadrants): the `content` layout, in its `body`.
ONWARD_LAYOUT, ONWARD_BOX = "content", "body"


def needs(plan: Plan) -> dict[str, set[str]]:
    """{layout: placeholder names} that the plan fills, with `content`'s title and body for
    a slide whose list may continue there (see `_onward`)."""
    out: dict[str, set[str]] = {}
    for slide in plan.slides:
        out.setdefault(slide.layout, set()).update(slide.fills)
    for slide in plan.slides:
        if _may_go_onward(slide):
            key = next((k for k in out if k.lower() == ONWARD_LAYOUT), ONWARD_LAYOUT)
            out.setdefault(key, set()).update({ONWARD_BOX} | ({"title"} & set(slide.fills)))
    return out


def _may_go_onward(slide: Slide) -> bool:
    """A slide with another placeholder beside a list or table that may run on."""
    fills = [f for n, f in slide.fills.items() if n != "title"]
    return len(fills) > 1 and any(
        isinstance(f, Table) or (isinstance(f, Text) and f.items) for f in fills
    )


# --- splitting long lists over "(계속)" slides --------------------------------------------


# A slide whose texts all fit in type this much smaller stays one slide (the builder
# shrinks what does not fit): better than a "(계속)" slide holding one item, or one box of
# four. When one of them would still run on, none shrinks and all run on side by side.
SHRINK_BEFORE_SPLITTING = 0.9


class Fitter:
    """What the layout step needs to know: does this text or these rows fit its box?"""

    def fits_text(self, layout: str, name: str, text: Text, scale: float = 1.0) -> bool: ...
    def fits_rows(self, layout: str, name: str, table: Table) -> bool: ...


def _even(count: int, pages: int) -> list[int]:
    share, rest = divmod(count, pages)
    return [share + 1] * rest + [share] * (pages - rest)


def _evened(sizes: list[int], page_fits: Callable[[int, int, int], bool]) -> list[tuple[int, int]]:
    """(start, size) of each page, as even as the boxes allow, on as many pages as `sizes`
    (filled greedily): 7 items go 4 + 3, not 6 + 1. All pages evened if they fit so, else
    the pages after the first (which may sit in a smaller box), else `sizes`.
    `page_fits(page, start, size)` says whether a page fits its box."""
    total, pages = sum(sizes), len(sizes)
    options = []
    if sizes[0]:
        options.append(_even(total, pages))
    if pages > 2:
        options.append([sizes[0], *_even(total - sizes[0], pages - 1)])
    for option in options:
        spans = _spans(option)
        if all(page_fits(page, *span) for page, span in enumerate(spans)):
            return spans
    return _spans(sizes)


def _spans(sizes: list[int]) -> list[tuple[int, int]]:
    return [(start - size, size) for start, size in zip(accumulate(sizes), sizes, strict=True)]


def _pages_text(
    text: Text, fits: Callable[[Text], bool], more: Callable[[Text], bool] | None = None
) -> list[tuple[Text, bool]]:
    """Split a Text into pages; each page is (text, too_long). The first page is measured
    with `fits`, the "(계속)" pages with `more` (their box, when they go on another layout).
    The heading repeats on every page, the text stays on the first."""

    def page_of(page: int, start: int, size: int) -> Text:
        return Text(
            text.heading, text.text if page == 0 else None, text.items[start : start + size]
        )

    spans = _split(len(text.items), page_of, fits, more or fits, text_alone=bool(text.text))
    return [(page_of(page, start, size), long) for page, (start, size, long) in enumerate(spans)]


def _pages_table(
    table: Table, fits: Callable[[Table], bool], more: Callable[[Table], bool] | None = None
) -> list[tuple[Table, bool]]:
    def page_of(page: int, start: int, size: int) -> Table:
        rows = table.rows[start : start + size]
        g = table.group
        if g is not None and rows and start and not rows[0][g]:  # a group runs on: name it
            name = next((r[g] for r in reversed(table.rows[:start]) if r[g]), "")
            rows = ((*rows[0][:g], name, *rows[0][g + 1 :]), *rows[1:])
        return replace(table, rows=rows)

    spans = _split(len(table.rows), page_of, fits, more or fits, text_alone=False)
    return [(page_of(page, start, size), long) for page, (start, size, long) in enumerate(spans)]


def _split(
    count: int,
    page_of: Callable[[int, int, int], Any],
    fits: Callable[[Any], bool],
    more: Callable[[Any], bool],
    text_alone: bool,
) -> list[tuple[int, int, bool]]:
    """(start, size, too_long) of each page of `count` items or rows: filled in turn, then
    shared evenly (`_evened`). `page_of(page, start, size)` makes a page; the first is
    measured with `fits`, the rest with `more`. With `text_alone`, a first page may hold
    the text without items when no item fits beside it."""
    if fits(page_of(0, 0, count)):
        return [(0, count, False)]
    spans: list[tuple[int, int, bool]] = []
    start = 0
    while start < count or not spans:
        page = len(spans)
        test = more if page else fits
        size = 0
        while start + size < count and test(page_of(page, start, size + 1)):
            size += 1
        if size:
            spans.append((start, size, False))
        elif start == count:  # nothing but the heading and the text, and they do not fit
            spans.append((start, 0, True))
            break
        elif not page and text_alone and test(page_of(0, start, 0)):
            spans.append((start, 0, False))  # the text alone; the list starts on the next page
        else:  # one item too long for a page on its own
            spans.append((start, 1, True))
            size = 1
        start += size
    if len(spans) > 1 and not any(long for _, _, long in spans):
        sizes = _evened(
            [size for _, size, _ in spans],
            lambda page, start, size: (more if page else fits)(page_of(page, start, size)),
        )
        spans = [(start, size, False) for start, size in sizes]
    return spans


def _paged(
    fill: Fill, fitter: Fitter, layout: str, name: str, onward: tuple[str, str] | None = None
) -> list[tuple[Fill, bool]]:
    """The pages of one placeholder's fill: the first measured in (layout, name), the rest
    in `onward` (layout, name) when they go there."""
    if name == "title" or isinstance(fill, Diagram):
        return [(fill, False)]
    later = onward or (layout, name)
    if isinstance(fill, Table):
        return _pages_table(
            fill,
            lambda t: fitter.fits_rows(layout, name, t),
            lambda t: fitter.fits_rows(*later, t),
        )
    return _pages_text(
        fill,
        lambda t: fitter.fits_text(layout, name, t),
        lambda t: fitter.fits_text(*later, t),
    )


def _onward(paged: dict[str, list[tuple[Fill, bool]]]) -> str | None:
    """The one placeholder whose "(계속)" slides go on the `content` layout, in its body:
    on the slide's own layout they would show it beside empty boxes (a diagram is drawn on
    the first slide only; a card's other quadrants, a second column or a table that ended
    hold nothing more). None when the slide fits or when more than one list runs on (they
    stay side by side on the slide's own layout)."""
    running = [n for n, pages in paged.items() if n != "title" and len(pages) > 1]
    emptied = [n for n, pages in paged.items() if n != "title" and len(pages) == 1]
    if len(running) == 1 and emptied:
        return running[0]
    return None


def _fits_smaller(slide: Slide, fitter: Fitter) -> bool:
    """Every text of the slide fits its box in type one step smaller; every table as it is.
    A text that fits at full size fits smaller too, and most do: measuring full size first
    also leaves the line counts the builder asks for in the cache."""
    for name, fill in slide.fills.items():
        if name == "title" or isinstance(fill, Diagram):
            continue
        if isinstance(fill, Table):
            if not fitter.fits_rows(slide.layout, name, fill):
                return False
        elif not (
            fitter.fits_text(slide.layout, name, fill)
            or fitter.fits_text(slide.layout, name, fill, SHRINK_BEFORE_SPLITTING)
        ):
            return False
    return True


def layout_slides(
    plan: Plan, fitter: Fitter, continued: Callable[[str], str]
) -> list[tuple[Slide, list[str]]]:
    """Every slide of the plan, long ones split; with each, the placeholders still too full."""
    out: list[tuple[Slide, list[str]]] = []
    for slide in plan.slides:
        if _fits_smaller(slide, fitter):
            out.append((slide, []))
            continue
        paged = {
            name: _paged(fill, fitter, slide.layout, name) for name, fill in slide.fills.items()
        }
        moving = _onward(paged)
        if moving is not None:  # measured again: the rest lands in content's body
            paged[moving] = _paged(
                slide.fills[moving], fitter, slide.layout, moving, (ONWARD_LAYOUT, ONWARD_BOX)
            )
        count = max((len(p) for p in paged.values()), default=1)
        for page in range(count):
            fills: dict[str, Fill] = {}
            full: list[str] = []
            onward = page > 0 and moving is not None
            for name, pages in paged.items():
                if name == "title":
                    title = pages[0][0]
                    assert isinstance(title, Text)
                    fills[name] = (
                        title if page == 0 else replace(title, text=continued(title.text or ""))
                    )
                elif page < len(pages) and (not onward or name == moving):
                    into = ONWARD_BOX if onward else name
                    fills[into], too_long = pages[page]
                    if too_long:
                        full.append(into)
            layout = ONWARD_LAYOUT if onward else slide.layout
            out.append((replace(slide, layout=layout, fills=fills, continued=page > 0), full))
    return out
