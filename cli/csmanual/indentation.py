"""Is a YAML syntax error really a line indented wrongly? Then say so, with the columns
that line could start at, instead of libyaml's words ("mapping values are not allowed
here"), whose usual advice (quote the value) would send a CS manager the wrong way.

Only the text is read: the lines above the problem say which columns are open (the
previous line's key and the keys it belongs to).
"""

from __future__ import annotations

import re

from csmanual.catalogue import L
from csmanual.catalogue.yaml_problems import (
    WRONG_INDENTATION,
    WRONG_INDENTATION_ADVICE,
    WRONG_ITEM_INDENTATION,
    WRONG_ITEM_INDENTATION_ADVICE,
)
from csmanual.messages import fill

# a line's key: "title: …", "- id: …" (the key after the dashes), "key:" at the end
_KEY = re.compile(r"(?:- +)*([^\s#'\"\-\[{][^:#]*?|'[^']*'|\"[^\"]*\"):(?: |$)")


def wrong_indentation(text: str, line: int, column: int, problem: str) -> tuple[L, L, int] | None:
    """(problem, advice, the column of the line's key) when libyaml's `problem` at
    line:column (1-based) is a key line indented unlike the keys above it, else None."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    here = lines[line - 1]
    indent = len(here) - len(here.lstrip(" "))
    key = _KEY.match(here, indent)
    item = key is None and (here[indent:].startswith("- ") or here[indent:] == "-")
    if key is None and not item:
        return None
    if item:  # a '- ' item where libyaml expected a key or another item at its level
        if column - 1 != indent:
            return None
    elif problem.startswith("mapping values are not allowed"):
        # read as the previous value's next line; unless the colon is this line's key's,
        # the colon is inside a value (`title: Note: …`), which quoting fixes
        if column - 1 != key.end(1):
            return None
    elif column - 1 != indent:  # "did not find expected key / '-'": at the line's start
        return None
    columns = _open_columns(lines[: line - 1], items=item)
    if not columns or indent in columns:  # a column that is open: not the problem
        return None

    def said(template: L, lang: str) -> str:
        levels = (" 또는 " if lang == "ko" else " or ").join(map(str, columns))
        return fill(template.get(lang), lang, {"found": indent, "levels": levels})

    words = WRONG_ITEM_INDENTATION if item else WRONG_INDENTATION
    advice = WRONG_ITEM_INDENTATION_ADVICE if item else WRONG_INDENTATION_ADVICE
    return (
        L(said(words, "ko"), said(words, "en")),
        L(said(advice, "ko"), said(advice, "en")),
        indent + 1,
    )


def _open_columns(above: list[str], items: bool = False) -> list[int]:
    """The columns a next key may start at: the last key's, then each key it is under;
    for a next '- ' item, the dashes of the items above it and of those they are in."""
    columns: list[int] = []
    limit = None
    for text in reversed(above):
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(text) - len(stripped)
        if limit is not None and indent >= limit:
            continue  # a line of a block already closed, or of the same level
        key = _KEY.match(text, indent)
        dash = stripped.startswith("- ") or stripped == "-"
        if key is None and not (items and dash):
            if limit is None:
                return []  # a text block or a flow value above: not a question of keys
            continue
        at = indent if items else key.start(1)
        if at not in columns and (dash or not items):
            columns.append(at)
        limit = indent
        if indent == 0:
            break
    return columns
