"""One record type for every problem csmanual reports, and its printers.

A diagnostic carries a rule code and the arguments of its message, not the message
itself: the text is looked up in `messages` in the reader's language when printed.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from csmanual import messages
from csmanual.errors import UserError

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


class Index(int):
    """A list index in a key path that knows the id of the item it points at: printed
    `roles[team-lead]`, and otherwise the index itself (it compares, hashes and looks up
    positions as the int)."""

    id: str

    def __new__(cls, index: int, id: str) -> Index:
        self = super().__new__(cls, index)
        self.id = id
        return self

    def __getnewargs__(self) -> tuple[int, str]:  # pickled with its id (render children)
        return int(self), self.id

    def __repr__(self) -> str:
        return f"Index({int(self)}, {self.id!r})"


def format_path(path: KeyPath) -> str:
    """`("types", Index(3, "loud"), "do", 0)` → `types[loud].do[0]`, the form the messages
    use: an item by its id where it has one, else by its index."""
    out = ""
    for part in path:
        if isinstance(part, Index):
            out += f"[{part.id}]"
        elif isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True)
class Diagnostic:
    code: str
    file: str
    line: int | None = None
    column: int | None = None
    path: KeyPath = ()
    args: Mapping[str, object] = field(default_factory=dict)
    severity: Severity | None = None  # None: the rule's own severity

    @property
    def level(self) -> Severity:
        return self.severity or messages.RULES[self.code].severity

    def message(self, lang: str) -> str:
        return messages.render(self.code, lang, self.args)

    def hint(self, lang: str) -> str:
        return messages.render_hint(self.code, lang, self.args)

    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.code)

    def as_json(self, lang: str) -> dict:
        return {
            "code": self.code,
            "severity": self.level,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": format_path(self.path),
            "message": self.message(lang),
            "hint": self.hint(lang) or None,
        }


class DiagnosticError(UserError):
    """A mistake that stops the work and has a rule code and a place (a template error, a
    glyph the fonts lack, a layout the master lacks): printed like the source's problems."""

    def __init__(self, *found: Diagnostic):
        super().__init__(*found)  # all args, so it survives pickling from a render child
        self.diagnostics = list(found)

    def __str__(self) -> str:
        return format_text(self.diagnostics, "en", excerpts=False)


def count(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    errors = sum(1 for d in diagnostics if d.level == "error")
    return errors, len(diagnostics) - errors


_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "dim": "\x1b[2m", "ok": "\x1b[1;32m"}
_RESET = "\x1b[0m"


def _paint(text: str, style: str, colour: bool) -> str:
    return f"{_COLOURS[style]}{text}{_RESET}" if colour else text


SHOWN = 200  # a report longer than this helps nobody in a terminal; JSON lists them all


def format_text(
    diagnostics: Sequence[Diagnostic],
    lang: str,
    colour: bool = False,
    shown: int = SHOWN,
    excerpts: bool = True,
) -> str:
    """`file:line:col: error[E104] path: message`, the line of the file with a caret under
    the column (as compilers show it), and an indented hint, one per problem, the first
    `shown` of them in file order (errors before warnings past the cut)."""
    ranked = sorted(diagnostics, key=lambda d: (d.level != "error", Diagnostic.sort_key(d)))
    kept = sorted(ranked[:shown], key=Diagnostic.sort_key)
    files = _Files()
    lines = []
    for d in kept:
        where = f"{format_path(d.path)}: " if d.path else ""
        head = _paint(f"{d.level}[{d.code}]", d.level, colour)
        place = f"{d.location()}: " if d.file else ""  # a limit of the build has no place
        lines.append(f"{place}{head} {where}{d.message(lang)}")
        if excerpts:
            lines += excerpt(files.line(d.file, d.line), d.line, d.column, d.level, colour)
        hint = d.hint(lang)
        if hint:
            lines.append(_paint(f"    {messages.word('report.hint', lang)}: {hint}", "dim", colour))
    if len(diagnostics) > len(kept):
        lines.append(_paint(messages.not_shown(len(diagnostics) - len(kept), lang), "dim", colour))
    return "\n".join(lines)


EXCERPT_WIDTH = 100  # terminal cells of a quoted line: a wrapped line loses its caret
_EXCERPT_BYTES = 16 * 1024 * 1024  # the loader's limit: a file that big was not read


class _Files:
    """The lines of the files a report names, each read once, and only a regular file (a
    git revision `HEAD:source/manual.yaml`, a pipe or a vanished file: no excerpt)."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str] | None] = {}

    def line(self, file: str, number: int | None) -> str | None:
        if not file or number is None or number < 1:
            return None
        if file not in self._lines:
            self._lines[file] = _read_lines(file)
        lines = self._lines[file]
        return lines[number - 1] if lines and number <= len(lines) else None


def _read_lines(file: str) -> list[str] | None:
    try:
        if not os.path.isfile(file) or os.path.getsize(file) > _EXCERPT_BYTES:
            return None
        with open(file, encoding="utf-8", errors="replace", newline="") as handle:
            return handle.read().removeprefix("\ufeff").splitlines()
    except OSError:
        return None


def _cells(text: str) -> int:
    """How many terminal columns `text` takes: a Hangul syllable two, a combining mark none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def excerpt(
    text: str | None, line: int | None, column: int | None, level: str, colour: bool
) -> list[str]:
    """`  7 |    organization: Acme` and `    |    ^` under the column: the line as written
    (tabs kept, so the caret stays under it), cut around the column when it is long."""
    if text is None or line is None:
        return []
    text = text.rstrip()
    at = min(max((column or 1) - 1, 0), len(text))
    # a character takes at most two cells: this much either side fills the width (a line of
    # 600,000 characters costs no more than a short one)
    start, end = max(0, at - EXCERPT_WIDTH), min(len(text), at + EXCERPT_WIDTH)
    room = EXCERPT_WIDTH * 2 // 3  # keep the column in view, with some of what follows
    while start < at and _cells(text[start:at]) > room:
        start += 1
    width = _cells(text[start:at])
    stop = at
    while stop < end and width + _cells(text[stop]) <= EXCERPT_WIDTH:
        width += _cells(text[stop])
        stop += 1
    cut_before, cut_after = start > 0, stop < len(text)
    clean = "".join(c if c == "\t" or c.isprintable() else "\ufffd" for c in text[start:stop])
    shown = ("…" if cut_before else "") + clean + ("…" if cut_after else "")
    before = ("…" if cut_before else "") + clean[: at - start]
    pad = "".join(c if c == "\t" else " " * _cells(c) for c in before)
    number = str(line)
    gutter = _paint(f"{number} |", "dim", colour)
    caret = _paint("^", level, colour) if column is not None else ""
    return [
        f"  {gutter} {shown}",
        f"  {_paint(' ' * len(number) + ' |', 'dim', colour)} {pad}{caret}".rstrip(),
    ]


def summary(
    diagnostics: Sequence[Diagnostic], lang: str, colour: bool = False, strict: bool = False
) -> str:
    """`2 errors, 1 warning`; under --strict, warnings are said to count as errors."""
    errors, warnings = count(diagnostics)
    text = messages.summary(errors, warnings, lang, strict)
    failed = errors or (strict and warnings)
    return _paint(text, "error" if failed else ("warning" if warnings else "ok"), colour)


def format_json(
    source: str, diagnostics: Sequence[Diagnostic], lang: str, strict: bool = False
) -> str:
    errors, warnings = count(diagnostics)
    report = {
        "source": source,
        "ok": errors == 0 and not (strict and warnings),
        "strict": strict,
        "errors": errors,
        "warnings": warnings,
        "diagnostics": [d.as_json(lang) for d in sorted(diagnostics, key=Diagnostic.sort_key)],
    }
    return json.dumps(report, ensure_ascii=False, indent=2)
