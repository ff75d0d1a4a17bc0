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

import re
from collections import Counter
from typing import Any

from csmanual.diagnostics import Diagnostic
from csmanual.render.places import place
from csmanual.theme import Theme

_ID = re.compile(r"<[^>]*?\sid=\"([^\"]+)\"")


class HtmlRenderer:
    name = "html"
    filename = "manual.html"
    template = "html/manual.html.j2"

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []  # warnings; errors are raised

    def render(self, context: dict[str, Any], theme: Theme) -> bytes:
        from csmanual.palette import unknown_fonts  # a misspelt font in theme.yaml

        self.diagnostics = unknown_fonts(theme, self.name)
        html = theme.render(self.template, context)
        self.diagnostics += self.shared_ids(html, context, str(theme.find(self.template)))
        return html.encode("utf-8")

    def shared_ids(self, html: str, context: dict[str, Any], template: str) -> list[Diagnostic]:
        """W730 for every id two elements of the page share: a link, the contents and a
        screen reader's label then find only the first. The manual's own sections are the
        usual cause (a section `main`, or `type` beside the behaviour types' `type-…`
        anchors): the warning stands at that section's id when its anchors hold the id,
        else at the page's template."""
        counts = Counter(_ID.findall(html))
        custom = [s["id"] for s in context["manual"].get("custom_sections") or ()]
        found = []
        for shared in (name for name, count in counts.items() if count > 1):
            owner = next((c for c in custom if _anchored(shared, c)), None)
            if owner:
                file, line = place(context, f"custom_sections/{owner}", self.filename)
            else:
                file, line = template, None
            args = {"id": shared, "count": counts[shared]}
            found.append(Diagnostic("W730", file, line, args=args))
        return found


def _anchored(anchor: str, section: str) -> bool:
    """`anchor` is the element id of the custom section `section` or of one of its items."""
    name = section.replace("_", "-")  # as the templates' section_id writes it
    return anchor in (name, f"{name}-title") or anchor.startswith(f"{name}-")
