"""The HTML manual: one self-contained page (styles and script inlined) for the desk."""

from __future__ import annotations

from typing import Any

from csmanual.theme import Theme


class HtmlRenderer:
    name = "html"
    filename = "manual.html"
    template = "html/manual.html.j2"

    def render(self, context: dict[str, Any], theme: Theme) -> bytes:
        return theme.render(self.template, context).encode("utf-8")
