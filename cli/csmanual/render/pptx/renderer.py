"""The PPTX renderer: the slide plan laid out on the master's layouts, slide by slide.

`PptxRenderer.render` runs the steps the package's modules hold (see the package
docstring); `_Fitter` answers the plan's "does this fit?" from the master's boxes and the
measured fonts, `_Builder` fills each slide's placeholders, draws its diagrams and tables,
copies its footer and slide number and writes its notes.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.palette import unknown_fonts
from csmanual.render.places import place
from csmanual.render.pptx.deck import Deck
from csmanual.render.pptx.engine import next_shape_id, shapes_of, text_frame
from csmanual.render.pptx.master import MasterStyles, master_styles, missing, open_master
from csmanual.render.pptx.measure import FALLBACK_FONT, Box, FontBook, Measure, Para
from csmanual.render.pptx.plan import (
    PLAN,
    Diagram,
    Plan,
    Slide,
    Table,
    Text,
    layout_slides,
    render_plan,
)
from csmanual.render.pptx.prompts import relabel_prompts
from csmanual.render.pptx.shapes import (
    Fonts,
    add_run,
    draw_badge,
    draw_diagram,
    draw_table,
    keep_words_whole,
    paras_of,
    shrink_to_fit,
    table_fits,
    write_text,
)
from csmanual.theme import Theme

# a run's language needs a region: the manual's tag when it has one (en-GB), else these
REGIONS = {"ko": "ko-KR", "en": "en-US"}
LATIN_FIRST = ("en",)  # decks whose Latin text is set in the master's Latin face
LATENT = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
_C_NV_PR = f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"
_TX_BODY, _A_P = qn("p:txBody"), qn("a:p")


class PptxRenderer:
    name = "pptx"
    filename = "manual.pptx"

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []  # warnings; errors are raised

    def render(self, context: dict[str, Any], theme: Theme) -> bytes:
        plan = render_plan(context, theme)
        deck = open_master(theme)
        problems = missing(plan, deck)
        if problems:
            raise DiagnosticError(*problems)
        styles = master_styles(deck)
        book = FontBook(theme)
        some = next(iter(styles.values()))
        lang = deck_language(context)
        if (
            lang.split("-")[0] in LATIN_FIRST
        ):  # Latin text in the master's Latin face, measured with it
            fonts = Fonts(some.major, some.minor, lang, some.latin_major, some.latin_minor)
            latin = {some.major: some.latin_major, some.minor: some.latin_minor}
        else:
            fonts, latin = Fonts(some.major, some.minor, lang), {}
        measure = Measure(book, {ea: face for ea, face in latin.items() if face != ea})
        label = context.get("labels", {}).get("pptx_continued") or "{title} (계속)"
        fitter = _Fitter(styles, measure)
        builder = _Builder(deck, styles, measure, fonts, plan, self.diagnostics, context)
        slides = layout_slides(plan, fitter, lambda t: label.replace("{title}", t))
        for (slide, full), size in zip(slides, shared_sizes(slides, styles, measure), strict=True):
            builder.build(slide, full, size)
        named = unknown_fonts(theme, self.name, list(book.missing))  # theme.yaml's, at its line
        self.diagnostics += named
        for family in book.missing:
            if family not in {d.args["font"] for d in named}:
                args = {"family": family, "fallback": FALLBACK_FONT}
                self.diagnostics.append(Diagnostic("W707", deck.file, args=args))
        manual = context["manual"]
        deck.properties(manual["meta"], manual.get("revisions") or [], fonts.lang)
        labels = context.get("labels", {})
        relabel_prompts(deck.prs, labels, fonts.lang, deck.notes_master.notes_master)
        return deck.save()


# --- fitting and building ----------------------------------------------------------------------


class _Fitter:
    def __init__(self, styles: dict[str, MasterStyles], measure: Measure):
        self.styles, self.measure = styles, measure

    def box(self, layout: str, name: str) -> Box:
        box = self.styles[layout.lower()].box(layout.lower(), name)
        assert box is not None, (layout, name)
        return box

    def fits_text(self, layout: str, name: str, text: Text, scale: float = 1.0) -> bool:
        return self.measure.fits(
            [p for p, _ in paras_of(text)], self.box(layout, name).shrunk(scale)
        )

    def fits_rows(self, layout: str, name: str, table: Table) -> bool:
        return table_fits(table, self.box(layout, name), self.measure)


class _Builder:
    def __init__(
        self,
        deck: Deck,
        styles: dict[str, MasterStyles],
        measure: Measure,
        fonts: Fonts,
        plan: Plan,
        diagnostics: list[Diagnostic],
        context: dict[str, Any],
    ):
        self.deck, self.styles, self.measure, self.fonts = deck, styles, measure, fonts
        self.plan, self.diagnostics, self.context = plan, diagnostics, context
        self.layouts = deck.layouts
        self.slide_width = deck.prs.slide_width
        self._warned_footer = False
        self._order: dict[str, list[tuple[int, str]]] = {}  # per layout: its placeholders
        self._latent: dict[str, list] = {}  # per layout: its footer and slide number, to copy

    def warn(self, slide: Slide, code: str, **args: object) -> None:
        """A warning about a slide, at the source line of its item when the context says
        where it stands (`positions["section/id"]`), else at the source file."""
        file, line = place(self.context, slide.item, PLAN)
        title = slide.fills.get("title")
        name = title.text if isinstance(title, Text) and title.text else ""
        what = f"{slide.item or slide.layout}{': ' + name if name else ''}"
        args = {"slide": slide.number, "what": what, **args}
        self.diagnostics.append(Diagnostic(code, file, line, args=args))

    def build(self, plan_slide: Slide, full: list[str], size: float | None = None) -> None:
        """One slide; `size` (pt, the first list level's) caps the size of its texts, so that
        a list and its "(계속)" slides are set alike."""
        layout_name = plan_slide.layout.lower()
        layout = self.layouts[layout_name]
        styles = self.styles[layout_name]
        slide = self.deck.add_slide(layout)
        plan_slide.number = self.deck.slide_count  # messages name the slide of the deck
        shapes = slide.shapes
        elements = list(shapes.element.iter_shape_elms())
        order = self._order.get(layout_name)
        if order is None:  # every slide of a layout gets the same placeholders
            order = self._order[layout_name] = self._placeholder_order(elements, layout_name)
        extra_notes: list[str] = []
        for position, name in order:
            element = elements[position]
            c_nv_pr = element.find(_C_NV_PR)
            fill = plan_slide.fills.get(name)
            c_nv_pr.set("name", name or c_nv_pr.get("name", ""))
            box = styles.box(layout_name, name) if name else None
            if fill is None or box is None:
                element.getparent().remove(element)
            elif isinstance(fill, Text):
                frame = text_frame(element)
                cap = size if box.kind != "title" else None
                self._text(plan_slide, frame, name, fill, box, name in full, extra_notes, cap)
            else:
                element.getparent().remove(element)
                draw = draw_table if isinstance(fill, Table) else draw_diagram
                problems = draw(slide, fill, box, self.fonts, self.measure)
                for code, args in problems:
                    self.warn(plan_slide, code, placeholder=name, **args)
                if problems:  # what was shortened on the slide, in full for the trainer
                    extra_notes.extend(_full_text(fill))
        self._footer(slide, layout)
        if plan_slide.badge:
            draw_badge(
                slide,
                plan_slide.badge,
                self.slide_width,
                self.fonts,
                self.measure,
                styles.box(layout_name, "badge"),
            )
        keep_words_whole(slide.shapes.element)
        notes = "\n".join(filter(None, [plan_slide.notes, *extra_notes]))
        if notes:
            body = self.deck.notes_body(slide)
            lines = notes.split("\n")
            add_run(body.find(_A_P), lines[0], self.fonts)
            for line in lines[1:]:  # as python-pptx's add_paragraph: a new a:p at the end
                add_run(etree.SubElement(body, _A_P), line, self.fonts)
            keep_words_whole(body)

    def _placeholder_order(self, elements: list, layout_name: str) -> list[tuple[int, str]]:
        """[(position among the slide's shapes, placeholder name)] of a new slide of a layout,
        in idx order as python-pptx's `slide.placeholders` gives them."""
        by_idx = self.styles[layout_name].indexes(layout_name)
        placeholders = [(i, e.ph_idx) for i, e in enumerate(elements) if e.has_ph_elm]
        return [(i, by_idx.get(idx, "")) for i, idx in sorted(placeholders, key=lambda p: p[1])]

    def _text(
        self,
        plan_slide: Slide,
        frame,
        name: str,
        fill: Text,
        box: Box,
        full: bool,
        extra_notes: list[str],
        cap: float | None = None,
    ) -> None:
        paras, scale, shortened = fitted(fill, box, self.measure, full)
        if cap is not None and cap < box.levels[0].size * scale:
            scale = cap / box.levels[0].size
        if shortened:
            texts = [p.text for p, _ in paras_of(fill)]
            extra_notes.append(" / ".join(texts))
            longest = max(texts, key=len)
            self.warn(plan_slide, "W705", placeholder=name, text=longest[:50], length=len(longest))
        write_text(frame, paras, self.fonts, box, title=box.kind == "title", scale=scale)

    def _footer(self, slide, layout) -> None:
        key = str(layout.part.partname)
        if key not in self._latent:
            self._latent[key] = self._latent_placeholders(slide, layout)
        latent = self._latent[key]
        if not latent:
            return
        tree = slide.shapes.element
        next_id = next_shape_id(slide.shapes)
        for kind, prototype in latent:
            sp = deepcopy(prototype)  # as python-pptx's clone_placeholder makes it
            c_nv_pr = sp.find(_C_NV_PR)
            c_nv_pr.set("id", str(next_id))
            next_id += 1
            c_nv_pr.set("name", "footer" if kind == PP_PLACEHOLDER.FOOTER else "slide number")
            tree.insert_element_before(sp, "p:extLst")
            paragraph = sp.find(_TX_BODY).find(_A_P)
            if kind == PP_PLACEHOLDER.FOOTER:
                add_run(paragraph, self.plan.footer, self.fonts)
            else:
                _slide_number(paragraph, self.deck.slide_count, self.fonts)

    def _latent_placeholders(self, slide, layout) -> list:
        """[(type, p:sp)] of the footer and slide number a slide of `layout` gets, each with
        its empty text frame, looked up once a layout: python-pptx's clone_placeholder and
        text_frame, run on a scratch copy of the slide."""
        found = {
            p.placeholder_format.type: p
            for p in layout.placeholders
            if p.placeholder_format.type in LATENT
        }
        if PP_PLACEHOLDER.FOOTER not in found and not self._warned_footer:
            self._warned_footer = True
            footless = Diagnostic("W708", self.deck.file, args={"layout": layout.name})
            self.diagnostics.append(footless)
        scratch = shapes_of(deepcopy(slide.shapes.element), slide)
        out = []
        for kind, placeholder in found.items():
            scratch.clone_placeholder(placeholder)
            shape = scratch[-1]  # the clone: the last shape of the tree
            shape.text_frame  # noqa: B018 - adds the p:txBody
            out.append((kind, deepcopy(shape.element)))
        return out


def deck_language(context: dict[str, Any]) -> str:
    """The language every run and the document properties are tagged with: the manual's
    tag (`en-GB`), or its language with the usual region (`en` → `en-US`)."""
    tag = context.get("lang_tag") or context.get("lang") or "ko"
    return tag if "-" in tag else REGIONS.get(tag, "ko-KR")


def fitted(fill: Text, box: Box, measure: Measure, full: bool) -> tuple[list[Para], float, bool]:
    """(paragraphs, scale, shortened) of a text in its box: as it is when it fits, else in
    smaller type, else shortened (shapes.shrink_to_fit)."""
    paras = [p for p, _ in paras_of(fill)]
    if not full and measure.fits(paras, box):
        return paras, 1.0, False
    return shrink_to_fit(paras, box, measure)


def shared_sizes(
    slides: list[tuple[Slide, list[str]]], styles: dict[str, MasterStyles], measure: Measure
) -> list[float | None]:
    """For each slide, the size (pt, first list level) its texts are capped at: a slide and
    its "(계속)" slides share the smallest size any of their texts needed, so a list does
    not change size from one slide to the next; None for a slide that does not run on."""
    groups: list[list[int]] = []
    for index, (slide, _) in enumerate(slides):
        if slide.continued and groups:
            groups[-1].append(index)
        else:
            groups.append([index])
    sizes: list[float | None] = [None] * len(slides)
    for group in groups:
        if len(group) < 2:
            continue
        needed = []
        for index in group:
            slide, full = slides[index]
            layout = slide.layout.lower()
            for name, fill in slide.fills.items():
                box = styles[layout].box(layout, name)
                if isinstance(fill, Text) and box is not None and box.kind != "title":
                    scale = fitted(fill, box, measure, name in full)[1]
                    needed.append(box.levels[0].size * scale)
        for index in group:
            sizes[index] = min(needed, default=None)
    return sizes


def _full_text(fill: Table | Diagram) -> list[str]:
    if isinstance(fill, Table):
        return [" | ".join(row) for row in fill.rows]
    return [f"{step.label}: {step.text}" if step.text else step.label for step in fill.steps]


def _slide_number(p, number: int, fonts: Fonts) -> None:
    field = p.makeelement(
        qn("a:fld"), {"id": "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", "type": "slidenum"}
    )
    rpr = field.makeelement(qn("a:rPr"), {"lang": fonts.lang})
    for tag, face in fonts.faces().items():
        rpr.append(rpr.makeelement(qn(tag), {"typeface": face}))
    field.append(rpr)
    text = field.makeelement(qn("a:t"), {})
    text.text = str(number)
    field.append(text)
    end = p.find(qn("a:endParaRPr"))
    if end is not None:
        end.addprevious(field)
    else:
        p.append(field)
