"""One renderer per output format, behind one small interface.

A renderer turns the shared template context into the bytes of one file. Renderers are
imported only when their format is built, so that `validate`, a no-op rebuild and an
HTML build never pay for WeasyPrint or python-pptx.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol

from csmanual.errors import UserError

if TYPE_CHECKING:  # the registry is read by `validate` (settings' formats): no Jinja there
    from csmanual.diagnostics import Diagnostic
    from csmanual.theme import Theme

# format → ("module:class", output file name)
FORMATS = {
    "html": ("csmanual.render.html:HtmlRenderer", "manual.html"),
    "pdf": ("csmanual.render.pdf:PdfRenderer", "manual.pdf"),
    "pptx": ("csmanual.render.pptx:PptxRenderer", "manual.pptx"),
    "card": ("csmanual.render.pdf:CardRenderer", "cards.pdf"),  # A6 desk cards, one per type
    "hwpx": ("csmanual.render.hwpx:HwpxRenderer", "manual.hwpx"),  # Hangul, editable
    "docx": ("csmanual.render.docx:DocxRenderer", "manual.docx"),  # Word, editable
}


class Renderer(Protocol):
    name: str  # the format, e.g. "html"
    filename: str  # the output file's name, e.g. "manual.html"
    diagnostics: list[Diagnostic]  # warnings found while rendering; errors are raised

    def render(self, context: dict[str, Any], theme: Theme) -> bytes: ...


# what to install when an engine cannot start (WeasyPrint loads Pango with dlopen)
ENGINE_HINTS = {
    "pdf": "install the libraries WeasyPrint needs: apt-get install libpango-1.0-0 "
    "libpangoft2-1.0-0 libharfbuzz-subset0 (Debian/Ubuntu); other systems: "
    "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html",
}
ENGINE_HINTS["card"] = ENGINE_HINTS["pdf"]


def get(name: str) -> Renderer:
    module, _, cls = FORMATS[name][0].partition(":")
    try:
        return getattr(import_module(module), cls)()
    except (OSError, ImportError) as error:  # a missing system library is an OSError
        hint = ENGINE_HINTS.get(name, "reinstall csmanual (pip install --force-reinstall)")
        raise UserError(f"the {name} renderer cannot start ({error}); {hint}") from None


def filename(name: str) -> str:
    return FORMATS[name][1]
