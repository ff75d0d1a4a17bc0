"""One renderer per output format, behind one small interface.

A renderer turns the shared template context into the bytes of one file. Renderers are
imported only when their format is built, so that `validate`, a no-op rebuild and an
HTML build never pay for WeasyPrint or python-pptx.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Protocol

from csmanual.theme import Theme

# format → ("module:class", output file name)
FORMATS = {
    "html": ("csmanual.render.html:HtmlRenderer", "manual.html"),
    "pdf": ("csmanual.render.pdf:PdfRenderer", "manual.pdf"),
    "pptx": ("csmanual.render.pptx:PptxRenderer", "manual.pptx"),
    "card": ("csmanual.render.pdf:CardRenderer", "cards.pdf"),  # A6 desk cards, one per type
}


class Renderer(Protocol):
    name: str  # the format, e.g. "html"
    filename: str  # the output file's name, e.g. "manual.html"

    def render(self, context: dict[str, Any], theme: Theme) -> bytes: ...


def get(name: str) -> Renderer:
    module, _, cls = FORMATS[name][0].partition(":")
    return getattr(import_module(module), cls)()


def filename(name: str) -> str:
    return FORMATS[name][1]
