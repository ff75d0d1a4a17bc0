"""No missing glyphs: every character of the PDF is drawn by one of the theme's fonts.

A character none of the theme's fonts has would be drawn from a system font, or as an
empty box (tofu), so the PDF would depend on the build machine. `check_glyphs` finds such
a character before rendering and names it and the item it came from.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Container, Iterable, Iterator
from pathlib import Path
from typing import Any

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.fonts import FONT_SUFFIXES, Coverage
from csmanual.theme import Theme


def theme_fonts(theme: Theme) -> list[Path]:
    """The font files of the theme (`fonts/*.ttf|otf`, most specific folder wins per name):
    the fonts the print stylesheet loads with @font-face, so the ones the PDF draws with."""
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


def font_coverage(fonts: Iterable[Path]) -> Coverage:
    return Coverage(fonts)


class MissingGlyph(DiagnosticError):
    """The source (or a theme word) uses characters the bundled fonts cannot draw (E706)."""


def texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) for every string of the context; list items are named by their id."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, f"{path}/{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value, 1):
            name = item.get("id") if isinstance(item, dict) else None
            yield from texts(item, f"{path}/{name}" if name else f"{path}[{index}]")


def _ignorable(char: str) -> bool:
    # spaces and controls are not drawn; format characters (ZWJ, variation selectors) neither
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Mn")


def check_glyphs(
    items: Iterable[tuple[str, str]],
    covered: Container[int],
    source_file: str | None = None,
    fallback_file: str | None = None,
) -> None:
    """Raise MissingGlyph with an E706 for every character of `items` that no font covers
    (up to 20), each located in `source_file` (file:line:col) where it can be found there,
    else at `fallback_file` (or the source file) with the item path in its message."""
    seen: set[str] = set()
    problems: list[tuple[str, str, str]] = []
    for where, text in items:
        for char in text:  # in reading order, each character once
            if char in seen:
                continue
            seen.add(char)
            if ord(char) not in covered and not _ignorable(char):
                problems.append((char, where, text))
    if problems:
        located = _locator(source_file)
        fallback = fallback_file or source_file or "manual"
        raise MissingGlyph(*(_diagnostic(*p, located, fallback) for p in problems[:20]))


def _diagnostic(char: str, where: str, text: str, located, fallback: str) -> Diagnostic:
    name = unicodedata.name(char, "")
    around = text[max(0, text.index(char) - 8) : text.index(char) + 9].replace("\n", " ")
    label = f"U+{ord(char):04X} '{char}'" + (f" ({name})" if name else "")
    file, line, column = located(where, char, len(text)) or (fallback, None, None)
    args = {"char": label, "where": where, "around": around}
    return Diagnostic("E706", file, line, column, args=args)


def _locator(source_file: str | None):
    """`where` (an item path of the context) → (file, line, column) in the source, or None."""
    source, lines = None, []
    if source_file:
        from csmanual.loader import LoadError, load

        try:
            source = load(source_file)
            lines = Path(source_file).read_text("utf-8-sig").splitlines(keepends=True)
        except (LoadError, OSError, UnicodeError):
            source = None

    def located(where: str, char: str, length: int) -> tuple[str, int, int] | None:
        if source is None or source_file is None or where.startswith("labels/"):
            return None
        span = source.span(_key_path(source.data, where))
        line, column = _find_in_value(lines, span.line, span.column, char, length)
        return source_file, line, column

    return located


def _find_in_value(lines: list[str], line: int, column: int, char: str, length: int):
    """Where `char` is written in the value starting at (line, column): the value's start
    when it is written as an escape (a backslash-U sequence) and so cannot be found near it."""
    budget = 2 * length + 200  # the value's text, its indentation and line breaks
    row, start = line - 1, column - 1
    while 0 <= row < len(lines) and budget > 0:
        found = lines[row].find(char, start)
        if found >= 0 and found - start < budget:
            return row + 1, found + 1
        budget -= len(lines[row]) - start
        row, start = row + 1, 0
    return line, column


def _key_path(data: Any, where: str) -> tuple:
    """`behaviour_types/loud/do[2]` → ("behaviour_types", 0, "do", 1) in the raw source."""
    key: list = []
    node = data
    for part in where.split("/"):
        name, indexes = re.fullmatch(r"(.*?)((?:\[\d+\])*)", part).groups()
        if isinstance(node, list):  # list items are named by their id
            found = [
                i
                for i, item in enumerate(node)
                if isinstance(item, dict) and item.get("id") == name
            ]
            if not found:
                break
            key.append(found[0])
            node = node[found[0]]
        elif isinstance(node, dict) and name in node:
            key.append(name)
            node = node[name]
        else:  # a value the context adds (owner_name …): its item is the nearest place
            break
        for index in re.findall(r"\d+", indexes):
            if not (isinstance(node, list) and 0 < int(index) <= len(node)):
                return tuple(key)
            key.append(int(index) - 1)
            node = node[int(index) - 1]
    return tuple(key)


# --- after layout: which fonts the PDF really uses ----------------------------------------

# what the engine itself generates, which no stylesheet spells out: said in the hint
_GENERATED = {
    "•": "list-style: disc",
    "◦": "list-style: circle",
    "▪": "list-style: square",
    "“": "quotes",
    "”": "quotes",
    "‘": "quotes",
    "’": "quotes",
}


class ForeignFont(DiagnosticError):
    """The laid-out PDF draws characters with a font that is not the theme's (E745), or
    as empty boxes (E746)."""


def check_drawn_fonts(
    drawn: Iterable[tuple[str, bytes, dict[int, str]]],
    theme_files: Iterable[Path],
    stylesheets: list[str],
    document: str,
) -> None:
    """Raise ForeignFont when the written PDF draws a character with a font that is none of
    `theme_files` (the machine's fonts filled in for characters the theme's fonts lack: a
    list's bullet, a quote, a `content:` string; or a stylesheet named a font the theme
    does not bundle), or as an empty box (glyph 0) because no font has it.

    `drawn` is (family, font file bytes, {glyph id: text}) per font (`engine.drawn_fonts`).
    The check before layout sees the text only; this one sees what the engine generated
    too, after the fact, so it catches every source of a fallback. One E745 per font, at
    the stylesheet line that writes a character where one does, else at the stylesheet
    that sets the fonts."""
    files = list(theme_files)
    sizes = {path.stat().st_size for path in files}
    digests: dict[str, Path] | None = None
    own, foreign, boxes = [], [], []
    for family, data, glyphs in drawn:
        chars = "".join(glyphs.values())
        path = None
        if len(data) in sizes:  # a cheap first test: the same size as a theme font
            digests = digests if digests is not None else _theme_digests(files)
            path = digests.get(_digest(data))
        if path is None:
            foreign.append((family, chars))
            continue
        own.append((family, chars))
        # a character the font lacks is drawn as its empty box (.notdef): no font had it
        covered = Coverage([path])
        missing = "".join(c for c in chars if ord(c) not in covered)
        if missing:
            boxes.append((family, missing))
    theirs = ", ".join(sorted({family for family, _ in own})) or "-"
    problems = []
    for family, chars in [*foreign, *boxes]:
        shown = [c for c in dict.fromkeys(chars) if not _ignorable(c)]
        if not shown:  # spaces only: nothing a reader sees was drawn with it
            continue
        labels = ", ".join(_label(c) for c in shown[:10]) + (" …" if len(shown) > 10 else "")
        file, line, column = _where_written(shown, stylesheets, document)
        made_by = sorted({_GENERATED[c] for c in shown if c in _GENERATED})
        args = {
            "chars": labels,
            "font": family,
            "theme_fonts": theirs,
            "generated": ", ".join(made_by) or "content, counter()",
        }
        code = "E745" if (family, chars) in foreign else "E746"
        problems.append(Diagnostic(code, file, line, column, args=args))
    if problems:
        raise ForeignFont(*problems)


def _label(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} '{char}'" + (f" ({name})" if name else "")


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _theme_digests(files: list[Path]) -> dict[str, Path]:
    return {_file_digest(path, path.stat().st_mtime_ns): path for path in files}


@functools.cache
def _file_digest(path: Path, mtime_ns: int) -> str:  # mtime: a font replaced while serving
    return _digest(path.read_bytes())


def _where_written(
    chars: list[str], stylesheets: list[str], document: str
) -> tuple[str, int | None, int | None]:
    """The stylesheet line that writes one of `chars` (a `content:` string), else the first
    stylesheet that sets a font-family, else the first loaded, else the template."""
    texts = []
    for sheet in stylesheets:
        try:
            texts.append((sheet, Path(sheet).read_text("utf-8", errors="replace")))
        except OSError:
            continue
    for sheet, text in texts:
        for number, line in enumerate(text.splitlines(), 1):
            for char in chars:
                if char in line:
                    return sheet, number, line.index(char) + 1
    for sheet, text in texts:
        if "font-family" in text:
            return sheet, None, None
    return (texts[0][0] if texts else document), None, None
