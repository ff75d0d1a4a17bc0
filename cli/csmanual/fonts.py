"""Reading font files: family names, which characters a font draws, and how wide they are.

Both renderers need to know about the theme's fonts without laying text out: the PDF
checks before typesetting that every character of the manual has a glyph (else
WeasyPrint would draw it from a system font or as an empty box), and the PPTX renderer
measures text with the glyph advances of the font the master names (PowerPoint does not
shrink text that overflows). This module reads the files; which fonts a theme or a
master uses is the renderers' business.

Reading is fast on purpose, a build reads a Korean font of 20 000 glyphs more than once:
`Font` reads the tables it needs straight from the file and looks a character up only
when a text uses it; `Coverage` asks HarfBuzz (already loaded by WeasyPrint) for a font's
characters, in a few milliseconds where fontTools takes ~50 ms. fontTools answers where
those fast paths do not apply.
"""

from __future__ import annotations

import os
import struct
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from csmanual.diagnostics import Diagnostic, DiagnosticError

FONT_SUFFIXES = (".ttf", ".otf")


class UnreadableFont(DiagnosticError):
    """A font file that cannot be read (E708, at the file): broken, truncated or no font."""

    @classmethod
    def at(cls, path: Path, reason: str) -> UnreadableFont:
        return cls(Diagnostic("E708", str(path), args={"reason": reason}))


SYSTEM_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
)


# --- finding font files and their family names ---------------------------------------------


def font_files(folder: Path, recursive: bool = False, confined: bool = False) -> list[Path]:
    """Font files of a folder; `confined`: only those that resolve inside it (a theme's)."""
    if not folder.is_dir():
        return []
    root = folder.resolve()
    found = folder.rglob("*") if recursive else folder.iterdir()
    return sorted(
        p
        for p in found
        if p.suffix.lower() in FONT_SUFFIXES and (not confined or root in p.resolve().parents)
    )


def system_font_files() -> list[Path]:
    """Every font file in the usual system font folders (of Linux, macOS and Windows)."""
    return [
        p for d in SYSTEM_FONT_DIRS for p in font_files(Path(os.path.expanduser(d)), recursive=True)
    ]


@cache
def family_names(path: Path) -> frozenset[str]:
    """The lower-cased family, full and typographic family names of a font (name IDs 1, 4
    and 16), as a master or a stylesheet may name it; empty for a file that is no font."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
    except Exception:  # an unreadable file is simply not a candidate
        return frozenset()
    names = {str(r).strip().lower() for r in font["name"].names if r.nameID in (1, 4, 16)}
    font.close()
    return frozenset(names)


# --- glyph advances ----------------------------------------------------------------------------


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
            try:
                self._read_with_fonttools(path)
            except Exception as error:  # whatever fontTools meets in a broken file
                raise UnreadableFont.at(path, f"{type(error).__name__}: {error}") from None
        except OSError as error:
            raise UnreadableFont.at(path, error.strerror or str(error)) from None

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


# --- which characters a font draws ------------------------------------------------------

_HB_DECLARATIONS = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef int hb_bool_t;
hb_blob_t *hb_blob_create_from_file (const char *file_name);
unsigned int hb_blob_get_length (hb_blob_t *blob);
void hb_blob_destroy (hb_blob_t *blob);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
hb_set_t *hb_set_create (void);
void hb_set_destroy (hb_set_t *set);
void hb_face_collect_unicodes (hb_face_t *face, hb_set_t *out);
unsigned int hb_set_get_population (const hb_set_t *set);
hb_bool_t hb_set_has (const hb_set_t *set, uint32_t codepoint);
"""
_HB_NAMES = ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll", "harfbuzz")


@cache
def _harfbuzz():
    """(ffi, lib) for the few HarfBuzz calls needed, or None where it cannot be opened."""
    try:
        from cffi import FFI
    except ImportError:  # pragma: no cover - cffi comes with WeasyPrint
        return None
    ffi = FFI()
    ffi.cdef(_HB_DECLARATIONS)
    for name in _HB_NAMES:
        try:
            return ffi, ffi.dlopen(name)
        except OSError:
            continue
    return None


class Coverage:
    """`codepoint in coverage`: at least one of the fonts maps it to a glyph."""

    def __init__(self, fonts: Iterable[Path]):
        self._sets: list = []  # HarfBuzz sets
        self._tables: list[set[int]] = []  # fontTools cmaps, where HarfBuzz is missing
        hb = _harfbuzz()
        self._lib = hb[1] if hb else None
        for path in fonts:
            if hb is not None:
                self._sets.append(_hb_unicodes(*hb, path))
            else:
                self._tables.append(_fonttools_unicodes(path))

    def __contains__(self, codepoint: int) -> bool:
        return any(self._lib.hb_set_has(s, codepoint) for s in self._sets) or any(
            codepoint in table for table in self._tables
        )


def _hb_unicodes(ffi, lib, path: Path):
    blob = lib.hb_blob_create_from_file(os.fsencode(path))
    try:
        if lib.hb_blob_get_length(blob) == 0:
            raise UnreadableFont.at(path, "the file is empty or cannot be opened")
        face = lib.hb_face_create(blob, 0)
        unicodes = ffi.gc(lib.hb_set_create(), lib.hb_set_destroy)
        lib.hb_face_collect_unicodes(face, unicodes)
        lib.hb_face_destroy(face)
    finally:
        lib.hb_blob_destroy(blob)
    if lib.hb_set_get_population(unicodes) == 0:
        raise UnreadableFont.at(path, "it maps no characters (not a font?)")
    return unicodes


def _fonttools_unicodes(path: Path) -> set[int]:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            return set(font.getBestCmap() or {})
    except (TTLibError, OSError, KeyError) as error:
        raise UnreadableFont.at(path, str(error)) from None
