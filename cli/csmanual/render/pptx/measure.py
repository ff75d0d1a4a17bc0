"""Will this text fit? Text measured with the font's own metrics, as the deck is built.

PowerPoint and LibreOffice draw text where the file says and let it run over the edge of
its box: nothing shrinks it unless the file asks and the program re-renders. So the deck
is laid out here: every placeholder's box, insets and paragraph styles are read from the
master (slide master → layout, as PowerPoint inherits them), every line is broken between
words the way both programs do, and its width is the sum of the glyph advances of the
font the master names (found in the theme's `fonts/` folder first, then on the system).

The estimate errs on the safe side: lines are 1.2 em apart (PowerPoint's single spacing;
LibreOffice uses the font's ascent + descent, 1.15 em for NanumGothic), a line may use
only 96 % of its width, and a word that is too long for a line breaks between letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.fonts import Font, family_names, font_files, system_font_files
from csmanual.theme import Theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NSMAP = {"a": A, "p": P}
EMU_PER_PT = 12700
LINE = 1.2  # single line spacing, in em
WIDTH_SAFETY = 0.96
FALLBACK_FONT = "NanumGothic"


# --- fonts -----------------------------------------------------------------------------


@dataclass
class FontBook:
    """Finds the file of a typeface the master names: the theme's fonts/ first, then the
    system's; a typeface found nowhere is measured with NanumGothic and listed in `missing`."""

    theme: Theme
    fonts: dict[tuple[str, bool], Font] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    _files: list[Path] | None = None
    _system: bool = False

    def font(self, family: str, bold: bool = False) -> Font:
        key = (family.lower(), bold)
        if key not in self.fonts:
            path = self._find(family, bold)
            if path is None and not self._system:
                self._system = True
                self._files = (self._files or []) + system_font_files()
                path = self._find(family, bold)
            if path is None:
                if family not in self.missing:
                    self.missing.append(family)
                path = self._find(FALLBACK_FONT, bold)
            if path is None:
                where = str(self.theme.folders[0] / "fonts")
                args = {"family": family, "fallback": FALLBACK_FONT}
                raise DiagnosticError(Diagnostic("E714", where, args=args))
            self.fonts[key] = Font(path)
        return self.fonts[key]

    def _find(self, family: str, bold: bool) -> Path | None:
        if self._files is None:
            self._files = [
                p
                for folder in self.theme.folders
                for p in font_files(folder / "fonts", confined=True)
            ]
        family = family.lower()
        matches = [p for p in self._files if family in family_names(p)]
        if not matches:
            return None
        # the bold file for bold text (NanumGothicBold.ttf), else the plainest name
        return min(matches, key=lambda p: (("bold" in p.stem.lower()) != bold, len(p.stem)))


# --- styles read from the master ------------------------------------------------------


@dataclass(frozen=True)
class Level:
    size: float = 18.0  # pt
    mar: int = 0  # EMU
    indent: int = 0
    before: float = 0.0  # pt
    after: float = 0.0
    before_lines: float = 0.0  # space given as a share of a line (spcPct)
    after_lines: float = 0.0
    spacing: float = 1.0  # line spacing as a fraction of single
    exact: float = 0.0  # line spacing in pt (spcPts), when the style fixes it
    bold: bool = False


@dataclass(frozen=True)
class Box:
    """A placeholder's frame and paragraph styles, as a slide built on its layout sees them."""

    x: int
    y: int
    w: int
    h: int
    insets: tuple[int, int, int, int] = (91440, 45720, 91440, 45720)  # l, t, r, b
    levels: tuple[Level, ...] = (Level(),) * 3
    font: str = FALLBACK_FONT
    kind: str = "body"  # title or body

    @property
    def inner_w(self) -> int:
        return self.w - self.insets[0] - self.insets[2]

    @property
    def inner_h(self) -> int:
        return self.h - self.insets[1] - self.insets[3]

    def shrunk(self, scale: float) -> Box:
        if scale == 1.0:
            return self
        return replace(self, levels=tuple(replace(lv, size=lv.size * scale) for lv in self.levels))


# --- measuring -------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """One paragraph as it will be written: its text, list level (0-based), look."""

    text: str
    level: int = 0
    bold: bool = False
    bullet: bool = True


# words and the spaces between them; a no-break space (U+00A0, U+202F, U+2007) is part of
# its word, as PowerPoint and LibreOffice never break a line there ("15 minutes")
_NO_BREAK = "\u00a0\u202f\u2007"
_WORDS = re.compile(rf"(?:[^\s]|[{_NO_BREAK}])+|[^\S{_NO_BREAK}]+")

# Characters PowerPoint and LibreOffice set in a run's East Asian face (`a:ea`): Hangul,
# CJK ideographs and punctuation, kana, full-width forms; the rest takes the Latin face.
_EAST_ASIAN = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3130-\u318f"
    "\u3200-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)


class PairedFont:
    """A run's two faces measured as the programs draw it: East Asian characters with the
    East Asian font's advances, the rest with the Latin font's (an English deck's pairing)."""

    def __init__(self, latin: Font, east_asian: Font):
        self.latin, self.east_asian = latin, east_asian
        self._em: dict[str, float] = {}

    def width(self, text: str) -> float:
        em = self._em
        for ch in text:
            if ch not in em:
                face = self.east_asian if _EAST_ASIAN.match(ch) else self.latin
                em[ch] = face.width(ch)
        return sum([em[ch] for ch in text])


def line_count(text: str, width: float, font: Font | PairedFont, size: float) -> int:
    """Lines needed for `text` at `size` pt in `width` EMU, breaking between words."""
    if width <= 0:
        return 10**6
    em = size * EMU_PER_PT
    limit = width * WIDTH_SAFETY / em  # in em
    lines = 0
    for hard in text.split("\n"):
        lines += 1
        if font.width(hard) <= limit:  # most paragraphs on a slide take one line
            continue
        used = 0.0
        for token in _WORDS.findall(hard):
            w = font.width(token)
            if token.isspace():
                used += w
                continue
            if used + w <= limit:
                used += w
                continue
            if used > 0:
                lines += 1
                used = 0.0
            if w <= limit:
                used = w
                continue
            for ch in token:  # a word longer than the line breaks between letters
                cw = font.width(ch)
                if used + cw > limit and used > 0:
                    lines += 1
                    used = 0.0
                used += cw
    return lines


class Measure:
    """Heights of paragraphs in placeholder boxes, with the fonts of a FontBook."""

    def __init__(self, book: FontBook, latin: dict[str, str] | None = None):
        self.book = book
        # {East Asian face: Latin face} of a deck whose Latin text is set in its own face
        self.latin = latin or {}
        self._paired: dict[tuple[str, bool], PairedFont] = {}
        # line counts of this build: a list split over slides is measured again and again
        self._lines: dict[tuple[str, int, Font | PairedFont, float], int] = {}

    def font(self, family: str, bold: bool) -> Font | PairedFont:
        face = self.latin.get(family)
        if face is None:
            return self.book.font(family, bold)
        key = (family, bold)
        if key not in self._paired:
            self._paired[key] = PairedFont(self.book.font(face, bold), self.book.font(family, bold))
        return self._paired[key]

    def lines(self, text: str, width: int, font: Font, size: float) -> int:
        key = (text, width, font, size)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = line_count(text, width, font, size)
        return found

    def height(self, paras: list[Para], box: Box) -> int:
        total = 0.0
        for para in paras:
            level = box.levels[min(para.level, len(box.levels) - 1)]
            mar = level.mar if para.bullet else 0
            font = self.font(box.font, para.bold or level.bold)
            lines = self.lines(para.text, box.inner_w - mar, font, level.size)
            line = level.exact or level.size * LINE * level.spacing
            total += lines * line
            # space before the first paragraph counted too: PowerPoint and LibreOffice differ
            total += level.before + level.after
            total += (level.before_lines + level.after_lines) * level.size * LINE
        return int(total * EMU_PER_PT)

    def fits(self, paras: list[Para], box: Box) -> bool:
        return self.height(paras, box) <= box.inner_h

    def text_height(
        self,
        text: str,
        width: int,
        family: str,
        size: float,
        bold: bool = False,
        spacing: float = 1.0,
    ) -> int:
        lines = self.lines(text, width, self.font(family, bold), size)
        return int(lines * size * LINE * spacing * EMU_PER_PT)
