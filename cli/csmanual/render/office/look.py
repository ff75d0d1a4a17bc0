"""theme.yaml's `palette:` and `fonts:` as the office editions take them: only the values
of a theme folder more specific than the reference document's own, as the deck takes
them for its master (`render/pptx/master.apply_to_master`), so a designer's reference
keeps what it says and the default reference is left byte for byte as it is.

Which colour paints which named style is the same for DOCX and HWPX (`PAINT`): headings
and the contents' title in `primary` (as the page and the PDF draw them), the cover's
title in `heading` (as the deck's title slide), the subtitle and running heads in
`muted`, body text in `text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from csmanual.palette import GENERIC, hex6
from csmanual.theme import Theme

# style (English name, as the plan and the references say it) → palette key
PAINT = {
    "Title": "heading",
    "Heading 1": "primary",
    "Heading 2": "primary",
    "Heading 3": "primary",
    "TOC Heading": "primary",
    "Subtitle": "muted",
    "Header": "muted",
    "Footer": "muted",
}
HEADINGS = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "TOC Heading")
# the styles body text is set in (their colour is `text`); others keep their own colour
BODY = (
    "Normal",
    "Body Text",
    "List Bullet",
    "List Number",
    "Table Text",
    "TOC 1",
    "TOC 2",
    "TOC 3",
)


@dataclass
class OfficeLook:
    """What to set on a reference: colours as `RRGGBB`, faces by (role, script)."""

    colours: dict[str, str] = field(default_factory=dict)
    fonts: dict[tuple[str, str], str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.colours or self.fonts)

    def colour_of(self, style: str) -> str | None:
        key = "text" if style in BODY else PAINT.get(style)
        return self.colours.get(key) if key else None

    def face(self, role: str, script: str) -> str | None:
        return self.fonts.get((role, script))


def folder_level(theme: Theme, path: Path) -> int:
    """The level of the theme folder a file comes from (0: the most specific)."""
    return next(
        (i for i, folder in enumerate(theme.folders) if folder in path.parents),
        len(theme.folders),
    )


def office_look(theme: Theme, fmt: str, reference: Path) -> OfficeLook:
    """The colours and faces of `fmt` set more specifically than `reference`'s folder."""
    look, level = theme.look(), folder_level(theme, reference)
    colours = {
        key: hex6(str(setting.value))
        for key, setting in look.colours[fmt].items()
        if setting.level < level
    }
    fonts = {}
    for (role, script), settings in look.fonts[fmt].items():
        if settings and settings[0].level < level:
            named = [n for n in settings[0].value if n not in GENERIC]
            if named:  # a reference names one face per script: the first one
                fonts[(role, script)] = named[0]
    return OfficeLook(colours, fonts)
