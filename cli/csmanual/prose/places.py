"""Where a piece of a text value stands in the file, so that a diagnostic names the
piece's own line and column: also inside a folded (`>-`) or literal (`|`) block, where
the text YAML gives us has its line breaks folded into spaces and its indentation gone.

A piece is found by its first word, which never spans a line break: the k-th time that
word occurs in the value is the k-th time it occurs in the file from the value's start.
"""

from __future__ import annotations

from csmanual.characters import line_col
from csmanual.diagnostics import Diagnostic, KeyPath
from csmanual.loader import Source, Span


def span_in(source: Source, path: KeyPath, value: str, start: int) -> Span:
    """The line and column of `value[start:]` at `path`; the value's start when the file
    does not hold it as written (an escape, a reference cut out)."""
    at = source.span(path)
    word = value[start:].split(maxsplit=1)
    if not word or not source.text:
        return at
    word = word[0]
    nth = value.count(word, 0, start)  # occurrences before this one
    lines = source.text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[: at.line - 1]) + at.column - 1
    end = offset + 2 * len(value) + 8 * value.count(" ") + 200  # indentation of folds
    found = source.text.find(word, offset, end)
    for _ in range(nth):
        if found < 0:
            break
        found = source.text.find(word, found + len(word), end)
    return Span(*line_col(source.text, found)) if found >= 0 else at


def diagnostic_at(
    source: Source, code: str, path: KeyPath, value: str, start: int, **args: object
) -> Diagnostic:
    """A diagnostic at the piece of `value` that starts at `start`."""
    span = span_in(source, path, value, start)
    return Diagnostic(code, source.path, span.line, span.column, source.named(path), args)
