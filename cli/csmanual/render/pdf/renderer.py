"""The PDF manual and the desk cards: the theme's HTML + print CSS, typeset by WeasyPrint.

Both renderers share one path: check that the bundled fonts can draw every character,
render the template, lay it out (with `word-break: keep-all` for Korean line breaks) with a
fetcher that may only read theme and source files, then write a tagged PDF (PDF/UA-1)
whose metadata and dates come from the source, so the same inputs give the same bytes.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.fonts import Coverage
from csmanual.render.pdf.engine import (
    drawn_fonts,
    fatal_fetch_error,
    harfbuzz_subset_missing,
    page_references_kept,
    text_beyond_the_page,
)
from csmanual.render.pdf.fetch import ConfinedFetcher
from csmanual.render.pdf.glyphs import (
    check_drawn_fonts,
    check_glyphs,
    font_coverage,
    texts,
    theme_fonts,
)
from csmanual.render.pdf.keep_all import keep_all
from csmanual.render.pdf.line_breaks import keepall
from csmanual.render.places import place
from csmanual.theme import Theme

# the file identifier is an MD5 of the content: the same inputs still give the same bytes
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True, "full_fonts": False}
ENGINE_MESSAGES = 30  # WeasyPrint's warnings kept for one document; the rest repeat them


class _WeasyRenderer:
    name = ""
    filename = ""
    template = ""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []  # warnings; errors are raised

    # -- the shared path ----------------------------------------------------------------

    def render(self, context: dict[str, Any], theme: Theme) -> bytes:
        if harfbuzz_subset_missing():
            self.diagnostics.append(Diagnostic("W703", self.filename))
        covered = font_coverage(theme_fonts(theme))
        # where the source is (the build says): a missing glyph is located in it
        check_glyphs(
            chain(texts(context["manual"]), texts(context["labels"], "labels")),
            covered,
            context.get("source_file"),
        )
        # only theme files can be fetched, unless a caller opens a folder on purpose
        fetcher = ConfinedFetcher(theme, context.get("source_dir"))
        fetcher.document = str(theme.find(self.template))
        return self.typeset(context, theme, fetcher, covered)

    def typeset(
        self, context: dict, theme: Theme, fetcher: ConfinedFetcher, covered: Coverage, **extra: Any
    ) -> bytes:
        document = self.layout(self.html(context, theme, covered, **extra), fetcher)
        return self.write(document, theme, fetcher)

    def write(self, document, theme: Theme, fetcher: ConfinedFetcher) -> bytes:
        """The PDF's bytes, once every character in it is drawn by a font of the theme:
        also what the stylesheet generates (bullets, quotes, counters, `content:`), which
        only the written document shows (E745, E746)."""
        try:
            with page_references_kept():
                data = document.write_pdf(**PDF_OPTIONS)
        except _ENGINE_FAILURES as error:  # a theme's extreme value the engine cannot draw
            raise _engine_failed(error, fetcher) from None
        fonts, sheets = theme_fonts(theme), fetcher.stylesheets
        check_drawn_fonts(drawn_fonts(document), fonts, sheets, fetcher.document)
        return data

    def html(self, context: dict, theme: Theme, covered: Coverage, **extra: Any) -> str:
        fields = {**document_fields(context), **extra}
        html = theme.render(self.template, {**context, "pdf": fields}, filters={"keepall": keepall})
        # what the templates themselves write (separators, quotes, arrows) must be drawable too
        check_glyphs(
            [(f"{self.template} (template text)", _text_of(html))],
            covered,
            fallback_file=str(theme.find(self.template)),
        )
        return html

    def layout(self, html: str, fetcher: ConfinedFetcher):
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration

        FatalURLFetchingError = fatal_fetch_error()
        try:
            with _engine_messages(self.diagnostics, fetcher), keep_all():
                document = HTML(string=html, base_url=fetcher.base_url, url_fetcher=fetcher).render(
                    font_config=FontConfiguration(), **PDF_OPTIONS
                )
        except _ENGINE_FAILURES as error:
            raise _engine_failed(error, fetcher) from None
        except FatalURLFetchingError as error:
            cause = error.__cause__
            if isinstance(cause, DiagnosticError):  # our fetcher's refusal, placed
                raise DiagnosticError(*cause.diagnostics) from None
            if isinstance(cause, RecursionError):
                where = fetcher.last_stylesheet or fetcher.document
                raise DiagnosticError(Diagnostic("E704", where)) from None
            args = {"name": str(error), "reason": str(cause)}
            raise DiagnosticError(Diagnostic("E703", fetcher.document, args=args)) from None
        if fetcher.failures:  # refused where the engine would have carried on without it
            unique = [d for i, d in enumerate(fetcher.failures) if d not in fetcher.failures[:i]]
            raise DiagnosticError(*unique)
        if document.metadata.attachments or any(
            link[0] == "attachment" for page in document.pages for link in page.links
        ):
            raise DiagnosticError(Diagnostic("E705", fetcher.document))
        beyond = list(dict.fromkeys(text_beyond_the_page(document)))
        for number, text in beyond[:5]:  # a few say enough; the reader looks at the page
            args = {"page": number, "text": text if len(text) <= 40 else f"{text[:40]}…"}
            self.diagnostics.append(Diagnostic("W711", self.filename, args=args))
        return document


# what WeasyPrint raises on values it cannot lay out or draw (a 1e9px font-size divides
# by a zero-sized glyph): the theme's problem, said as one, not an internal error
_ENGINE_FAILURES = (ArithmeticError, ValueError)


def _engine_failed(error: Exception, fetcher: ConfinedFetcher) -> DiagnosticError:
    where = fetcher.last_stylesheet or fetcher.document
    problem = f"{type(error).__name__}: {error}"
    return DiagnosticError(Diagnostic("E701", where, args={"problem": problem}))


class PdfRenderer(_WeasyRenderer):
    """manual.pdf: cover, approvals, revision history, contents, every section."""

    name = "pdf"
    filename = "manual.pdf"
    template = "pdf/manual.html.j2"


class CardRenderer(_WeasyRenderer):
    """cards.pdf: one A6 page per behaviour type, for the desk.

    When a card runs onto a second page, the whole set is typeset again in the denser
    style: the cards of one set share one size (the smallest any of them needed); if a
    card still does not fit, the build says which card is too long.
    """

    name = "card"
    filename = "cards.pdf"
    template = "pdf/cards.html.j2"

    def typeset(self, context, theme, fetcher, covered, **extra):
        ids = [t["id"] for t in context["manual"].get("behaviour_types") or ()]
        if not ids:
            file, line = place(context, "behaviour_types", "manual")
            raise DiagnosticError(Diagnostic("E707", file, line))
        dense: list[str] = []
        for _ in range(2):
            document = self.layout(self.html(context, theme, covered, dense=dense), fetcher)
            long = self._overflowing(document, ids)
            if not long or set(long) <= set(dense):
                break
            dense = sorted(ids)  # one size for the set, not a smaller card among larger
        for card in long:
            file, line = place(context, f"behaviour_types/{card}", self.filename)
            self.diagnostics.append(Diagnostic("W704", file, line, args={"card": card}))
        return self.write(document, theme, fetcher)

    @staticmethod
    def _overflowing(document, ids: list[str]) -> list[str]:
        starts = {}
        for number, page in enumerate(document.pages):
            for anchor in page.anchors:
                if anchor.startswith("card-"):
                    starts.setdefault(anchor[5:], number)
        ends = [starts.get(i, 0) for i in ids[1:]] + [len(document.pages)]
        return [i for i, end in zip(ids, ends, strict=True) if end - starts.get(i, 0) > 1]


# -- helpers --------------------------------------------------------------------------


def document_fields(context: dict) -> dict[str, Any]:
    """Metadata for the PDF: dates from the source (never the clock), subject, keywords."""
    manual = context["manual"]
    meta = manual["meta"]
    dates = [meta["effective_date"]]
    for section in ("revisions", "approvals"):
        dates += [item["date"] for item in manual.get(section) or () if item.get("date")]
    purpose = manual.get("purpose") or {}
    keywords = list(meta.get("keywords") or ()) or [meta["organization"], meta["document_id"]]
    return {
        "created": min(dates),
        "modified": max(dates),
        "subject": meta.get("subtitle") or purpose.get("summary") or meta["title"],
        "keywords": keywords,
        "dense": [],
    }


_TAG = re.compile(r"<[^>]*>")


def _text_of(html: str) -> str:
    return _TAG.sub(" ", html)


_POSITION = re.compile(r" at (\d+):(\d+)")
_DECLARED = re.compile(r"`\s*([^`:\s]+)")  # "Ignored `colr: red` at 2:8": the property


class _Collect(logging.Handler):
    """WeasyPrint's log warnings as diagnostics: W701 at the stylesheet's line:col when the
    message gives a position (CSS it ignored), else W702 at the template laid out."""

    def __init__(self, sink: list[Diagnostic], fetcher: ConfinedFetcher):
        super().__init__(logging.WARNING)
        self.sink = sink
        self.fetcher = fetcher
        self.kept = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        position = _POSITION.search(message)
        if self.fetcher.last_stylesheet and position:  # a CSS problem: file:line:col
            problem = _POSITION.sub("", message, count=1)
            line, column = int(position[1]), int(position[2])
            where = self._sheet_holding(_DECLARED.search(message), line, column)
            found = Diagnostic("W701", where, line, column, args={"problem": problem})
        else:
            found = Diagnostic("W702", self.fetcher.document, args={"problem": message})
        if found not in self.sink and self.kept < ENGINE_MESSAGES:
            self.sink.append(found)
            self.kept += 1

    def _sheet_holding(self, declared: re.Match | None, line: int, column: int) -> str:
        """The engine says line:col but not the file: the stylesheet whose text there is
        the ignored declaration. The last one fetched is only a guess: a sheet that
        @imports another is still being read after the import was fetched."""
        last = self.fetcher.last_stylesheet
        if declared is None:
            return last
        for path in reversed(self.fetcher.stylesheets):
            try:
                lines = Path(path).read_text("utf-8", errors="replace").splitlines()
            except OSError:
                continue
            if 0 < line <= len(lines) and lines[line - 1][column - 1 :].startswith(declared[1]):
                return path
        return last


@contextmanager
def _engine_messages(sink: list[Diagnostic], fetcher: ConfinedFetcher):
    """WeasyPrint's warnings (ignored CSS, unknown properties …) become diagnostics."""
    from weasyprint import LOGGER

    handler = _Collect(sink, fetcher)
    LOGGER.addHandler(handler)
    try:
        yield
    finally:
        LOGGER.removeHandler(handler)
