"""The HWPX renderer: the shared document plan written on the theme's reference document.

plan      = render office/document.yaml.j2 from the shared context (`render/office`)
reference = open hwpx/reference.hwpx safely; every style the plan needs that it lacks
            is reported at once (E731), its fonts the theme lacks are warned about (W720);
            theme.yaml's palette and fonts set on its styles where more specific (`office/look`)
write     = the body, header and footer, tracked changes and properties as OWPML (`writer`)
save      = the same bytes for the same inputs (`archive`)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.palette import unknown_fonts
from csmanual.render.hwpx.archive import write_package
from csmanual.render.hwpx.reference import (
    apply_look,
    font_warnings,
    missing_styles,
    open_reference,
)
from csmanual.render.hwpx.writer import write
from csmanual.render.office.fonts import theme_families
from csmanual.render.office.look import office_look
from csmanual.render.office.plan import render_plan, styles_needed
from csmanual.theme import Theme


class HwpxRenderer:
    name = "hwpx"
    filename = "manual.hwpx"

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []  # warnings; errors are raised

    def render(self, context: dict[str, Any], theme: Theme) -> bytes:
        # the plan leaves out what theme.yaml omits for this format (`office_format`)
        plan = render_plan({**context, "office_format": self.name}, theme)
        reference = open_reference(theme)
        problems = missing_styles(reference, styles_needed(plan))
        if problems:
            raise DiagnosticError(*problems)
        self.diagnostics += font_warnings(reference, theme_families(theme))
        # theme.yaml's palette and fonts where set more specifically than the reference;
        # a face theme.yaml names that no computer here has is named at its line (W740)
        self.diagnostics += unknown_fonts(theme, self.name)
        apply_look(reference, office_look(theme, self.name, Path(reference.file)))
        return write_package(write(plan, reference))
