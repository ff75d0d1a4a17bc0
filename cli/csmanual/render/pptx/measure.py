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

import os
import re
import struct
import sys
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from csmanual.errors import UserError
from csmanual.theme import Theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NSMAP = {"a": A, "p": P}
EMU_PER_PT = 12700
LINE = 1.2  # single line spacing, in em
WIDTH_SAFETY = 0.96
FALLBACK_FONT = "NanumGothic"
SYSTEM_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
)


# --- fonts -----------------------------------------------------------------------------


class Font:
    """Glyph advances of one font file, in em.

    Read straight from the file's `head`, `hhea`, `maxp`, `hmtx` and `cmap` tables, a
    character looked up only when a text uses it: fontTools' `getBestCmap` would name all
    20 000 glyphs of a Korean font first (some 0.08 s a font). The subtable and the mapping are
    the ones `getBestCmap` picks and decodes (formats 4 and 12; any other asks fontTools).
    """

    def __init__(self, path: Path):
        self.path = path
        self.default = 1.0
        self._advance: dict[int, float] = {}
        self._em: dict[str, float] = {}  # the same by character: the measuring loop's lookup
        try:
            self._read(path.read_bytes())
        except (struct.error, IndexError, ValueError, _Unusual):
            self._read_with_fonttools(path)

    def advance(self, code: int) -> float:
        """The advance of a character in em; `default` when the font has no glyph for it."""
        found = self._advance.get(code)
        if found is None:
            gid = self._gid(code)
            found = self._advance[code] = (
                self._advances[min(gid, len(self._advances) - 1)] / self._upm
                if 0 < gid < self._glyphs
                else self.default
            )
        return found

    def width(self, text: str) -> float:
        """The advance of a text in em (a sum over its characters, in order)."""
        em = self._em
        try:
            return sum([em[ch] for ch in text])
        except KeyError:
            for ch in text:
                if ch not in em:
                    em[ch] = self.advance(ord(ch))
            return sum([em[ch] for ch in text])

    # --- the tables ---------------------------------------------------------------------

    def _read(self, data: bytes) -> None:
        start = 0
        if data[:4] == b"ttcf":  # a collection: its first font, as fontNumber=0
            start = struct.unpack_from(">L", data, 12)[0]
        (count,) = struct.unpack_from(">H", data, start + 4)
        tables = {}
        for i in range(count):
            tag, _, offset, length = struct.unpack_from(">4sLLL", data, start + 12 + 16 * i)
            tables[tag] = (offset, length)

        def table(tag: bytes) -> tuple[int, int]:
            if tag not in tables:
                raise _Unusual(tag)
            return tables[tag]

        self._upm = struct.unpack_from(">H", data, table(b"head")[0] + 18)[0]
        (metrics,) = struct.unpack_from(">H", data, table(b"hhea")[0] + 34)
        (self._glyphs,) = struct.unpack_from(">H", data, table(b"maxp")[0] + 4)
        metrics = min(metrics, self._glyphs)
        offset = table(b"hmtx")[0]
        pairs = _uint16(data, offset, 2 * metrics)
        self._advances = pairs[0::2]  # glyphs past the last one take its advance
        if not self._advances or not self._upm:
            raise _Unusual(b"hmtx")
        cmap = table(b"cmap")[0]
        _, subtables = struct.unpack_from(">HH", data, cmap)
        records = [struct.unpack_from(">HHL", data, cmap + 4 + 8 * i) for i in range(subtables)]
        for wanted in _CMAP_PREFERENCES:  # the first subtable of the first pair present
            found = next((o for p, e, o in records if (p, e) == wanted), None)
            if found is not None:
                break
        else:
            raise _Unusual(b"cmap")
        at = cmap + found
        (fmt,) = struct.unpack_from(">H", data, at)
        if fmt == 4:
            self._gid = _Format4(data, at).gid
        elif fmt == 12:
            self._gid = _Format12(data, at).gid
        else:
            raise _Unusual(b"cmap format %d" % fmt)

    def _read_with_fonttools(self, path: Path) -> None:
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), lazy=True, fontNumber=0)
        upm = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
        gids = {
            code: order[glyph] for code, glyph in font.getBestCmap().items() if glyph in metrics
        }
        self._upm, self._glyphs = upm, len(order)
        self._advances = [metrics[name][0] for name in font.getGlyphOrder()] or [upm]
        self._gid = lambda code: gids.get(code, 0)
        font.close()


class _Unusual(Exception):
    """A font this reader leaves to fontTools."""


# the (platform, encoding) pairs fontTools' getBestCmap tries, in its order
_CMAP_PREFERENCES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def _uint16(data: bytes, offset: int, count: int) -> array:
    if offset + 2 * count > len(data):
        raise _Unusual(b"truncated")
    values = array("H", data[offset : offset + 2 * count])
    if sys.byteorder != "big":
        values.byteswap()
    return values


class _Format4:
    """A format 4 cmap subtable as fontTools decodes it: every segment but the last, a later
    segment over an earlier one unless it maps to glyph 0."""

    def __init__(self, data: bytes, at: int):
        (count,) = struct.unpack_from(">H", data, at + 6)
        count //= 2
        ends = _uint16(data, at + 14, count)
        rest = at + 14 + 2 * count + 2
        self.starts = _uint16(data, rest, count)
        self.deltas = _uint16(data, rest + 2 * count, count)
        self.offsets = _uint16(data, rest + 4 * count, count)
        length = struct.unpack_from(">H", data, at + 2)[0]
        glyph_array = rest + 6 * count
        self.glyph_ids = _uint16(data, glyph_array, max(0, (at + length - glyph_array) // 2))
        self.count = count
        self.ends = ends[:-1]  # fontTools skips the last segment (0xFFFF)
        self.simple = all(self.starts[i] <= end for i, end in enumerate(self.ends)) and all(
            self.ends[i] < self.starts[i + 1] for i in range(len(self.ends) - 1)
        )

    def _segment_gid(self, i: int, code: int) -> int:
        offset = self.offsets[i]
        if offset == 0:
            return (code + self.deltas[i]) & 0xFFFF
        index = offset // 2 - self.starts[i] + i - self.count + code
        if not 0 <= index < len(self.glyph_ids):  # a broken font: no glyph
            return 0
        glyph = self.glyph_ids[index]
        return (glyph + self.deltas[i]) & 0xFFFF if glyph else 0

    def gid(self, code: int) -> int:
        if self.simple:
            i = bisect_left(self.ends, code)
            if i < len(self.ends) and self.starts[i] <= code:
                return self._segment_gid(i, code)
            return 0
        for i in reversed(range(len(self.ends))):  # overlapping segments: the last one wins
            if self.starts[i] <= code <= self.ends[i]:
                gid = self._segment_gid(i, code)
                if gid:
                    return gid
        return 0


class _Format12:
    """A format 12 cmap subtable: groups of consecutive characters; a later group over an
    earlier one unless it maps to glyph 0."""

    def __init__(self, data: bytes, at: int):
        (groups,) = struct.unpack_from(">L", data, at + 12)
        if at + 16 + 12 * groups > len(data):
            raise _Unusual(b"truncated")
        self.groups = [struct.unpack_from(">LLL", data, at + 16 + 12 * i) for i in range(groups)]
        self.ends = [end for _, end, _ in self.groups]
        self.simple = all(s <= e for s, e, _ in self.groups) and all(
            self.groups[i][1] < self.groups[i + 1][0] for i in range(len(self.groups) - 1)
        )

    def gid(self, code: int) -> int:
        if self.simple:
            i = bisect_left(self.ends, code)
            if i < len(self.groups) and self.groups[i][0] <= code:
                return self.groups[i][2] + code - self.groups[i][0]
            return 0
        for start, end, first in reversed(self.groups):
            if start <= code <= end and first + code - start:
                return first + code - start
        return 0


def _family_names(path: Path) -> frozenset[str]:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
    except Exception:  # an unreadable file is simply not a candidate
        return frozenset()
    names = {str(r).strip().lower() for r in font["name"].names if r.nameID in (1, 4, 16)}
    font.close()
    return frozenset(names)


_names = lru_cache(maxsize=None)(_family_names)


def _font_files(folder: Path, recursive: bool = False, confined: bool = False) -> list[Path]:
    """Font files of a folder; `confined`: only those that resolve inside it (a theme's)."""
    if not folder.is_dir():
        return []
    root = folder.resolve()
    found = folder.rglob("*") if recursive else folder.iterdir()
    return sorted(
        p
        for p in found
        if p.suffix.lower() in (".ttf", ".otf") and (not confined or root in p.resolve().parents)
    )


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
                self._files = (self._files or []) + [
                    p
                    for d in SYSTEM_FONT_DIRS
                    for p in _font_files(Path(os.path.expanduser(d)), recursive=True)
                ]
                path = self._find(family, bold)
            if path is None:
                if family not in self.missing:
                    self.missing.append(family)
                path = self._find(FALLBACK_FONT, bold)
            if path is None:
                raise UserError(
                    f"no font file for {family!r} nor for {FALLBACK_FONT}: put the master's "
                    "fonts in the theme's fonts/ folder"
                )
            self.fonts[key] = Font(path)
        return self.fonts[key]

    def _find(self, family: str, bold: bool) -> Path | None:
        if self._files is None:
            self._files = [
                p
                for folder in self.theme.folders
                for p in _font_files(folder / "fonts", confined=True)
            ]
        family = family.lower()
        matches = [p for p in self._files if family in _names(p)]
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


_WORDS = re.compile(r"\S+|\s+")


def line_count(text: str, width: float, font: Font, size: float) -> int:
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

    def __init__(self, book: FontBook):
        self.book = book
        # line counts of this build: a list split over slides is measured again and again
        self._lines: dict[tuple[str, int, Font, float], int] = {}

    def font(self, family: str, bold: bool) -> Font:
        return self.book.font(family, bold)

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
