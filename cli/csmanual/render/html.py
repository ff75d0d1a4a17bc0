"""The HTML manual: one self-contained page (styles and script inlined) for the desk.

The default theme's templates (templates/html/):

    manual.html.j2    the page: one block per part and per section, each section's block
                      includes html/sections/<section>.html.j2
    base.html.j2      the skeleton: <head>, layout, inlined manual.css and search.js
    parts/            header (document control, approvals), search, toc, changes, footer
    sections/         one partial per section of the source
    macros.html.j2    anchors (`#type-<id>` …), change marks, lists, flows, cards
    manual.css        the look, print stylesheet included
    search.js         the search box (vanilla, no network)

A theme overrides a block (extend "!default/html/manual.html.j2") or a whole file.
"""

from __future__ import annotations

from typing import Any

from csmanual.diagnostics import Diagnostic
from csmanual.theme import Theme


class HtmlRenderer:
    name = "html"
    filename = "manual.html"
    template = "html/manual.html.j2"

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []  # the page has no checks of its own (yet)

    def render(self, context: dict[str, Any], theme: Theme) -> bytes:
        from csmanual.palette import unknown_fonts  # a misspelt font in theme.yaml

        self.diagnostics = unknown_fonts(theme, self.name)
        return theme.render(self.template, context).encode("utf-8")
