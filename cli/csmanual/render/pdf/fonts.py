"""The theme's fonts and which characters they can draw.

The missing-glyph check asks, for each distinct character of the manual, whether one of
the bundled fonts maps it. Reading a Korean font's cmap with fontTools costs ~50 ms per
font, a tenth of a small manual's whole PDF step; HarfBuzz (already loaded by WeasyPrint)
does it in a few milliseconds, so it is used when its library can be opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from csmanual.errors import UserError
from csmanual.theme import Theme

FONT_SUFFIXES = (".ttf", ".otf")

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


def theme_fonts(theme: Theme) -> list[Path]:
    """The font files of the theme (`fonts/*.ttf|otf`, most specific folder wins per name)."""
    names = sorted(
        {
            p.name
            for folder in theme.folders
            if (folder / "fonts").is_dir()
            for p in (folder / "fonts").iterdir()
            if p.suffix.lower() in FONT_SUFFIXES
        }
    )
    return [theme.find(f"fonts/{name}") for name in names]


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
            raise UserError(f"cannot read the font {path}")
        face = lib.hb_face_create(blob, 0)
        unicodes = ffi.gc(lib.hb_set_create(), lib.hb_set_destroy)
        lib.hb_face_collect_unicodes(face, unicodes)
        lib.hb_face_destroy(face)
    finally:
        lib.hb_blob_destroy(blob)
    if lib.hb_set_get_population(unicodes) == 0:
        raise UserError(f"the font {path} maps no characters (not a font?)")
    return unicodes


def _fonttools_unicodes(path: Path) -> set[int]:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            return set(font.getBestCmap() or {})
    except (TTLibError, OSError, KeyError) as error:
        raise UserError(f"cannot read the font {path}: {error}") from None


def font_coverage(fonts: Iterable[Path]) -> Coverage:
    return Coverage(fonts)
