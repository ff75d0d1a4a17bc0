"""How a change reads to an auditor: only the elements of a list that changed, the words
changed inside a text, and every field of an item that was added or removed.

Plain data out (dicts, lists, strings), so the text, Markdown and JSON reports, the HTML
redline and the manuals' change summaries all show the same thing. Words are what spaces
separate: in Korean these are eojeol (어절), the unit a reader sees change.

A segment is {"mark": "same" | "del" | "ins", "text": …}; a line is one changed value:
{"old_position", "new_position", "segments"} (positions count list elements from 1; None
for a value that is not in a list, or on the side where the element is not).
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from typing import Any

_SPACES = re.compile(r"(\s+)")


def words(old: str, new: str) -> list[dict[str, str]]:
    """`old` and `new` as one run of segments: unchanged words, deleted ones, inserted ones."""
    a, b = _tokens(old), _tokens(new)
    segments: list[dict[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            _add(segments, "same", "".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _add(segments, "del", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _add(segments, "ins", "".join(b[j1:j2]))
    return _tidy(segments)


def _tokens(text: str) -> list[str]:
    return [token for token in _SPACES.split(text) if token]


def _add(segments: list[dict[str, str]], mark: str, text: str) -> None:
    if text:
        segments.append({"mark": mark, "text": text})


def _tidy(segments: list[dict[str, str]]) -> list[dict[str, str]]:
    """A marked run never starts or ends with spaces: they become segments of their own
    with the same mark (so each side keeps exactly its spaces), which reports print
    without a mark (a struck-through space says nothing)."""
    out: list[dict[str, str]] = []
    for segment in segments:
        mark, text = segment["mark"], segment["text"]
        if mark == "same":
            if out and out[-1]["mark"] == "same":
                out[-1]["text"] += text
            else:
                out.append({"mark": mark, "text": text})
            continue
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.extend({"mark": mark, "text": piece} for piece in (lead, core, trail) if piece)
    return out


def lines(old: Any, new: Any) -> list[dict[str, Any]]:
    """A changed value as the lines a reader needs: a text as one line with its words
    marked; a list of texts as only the elements added, removed or changed."""
    if _texts(old) and _texts(new):
        return _elements(old or [], new or [])
    if isinstance(old, str) and isinstance(new, str):
        return [_line(None, None, words(old, new))]
    return [_line(None, None, [*_whole("del", old), *_whole("ins", new)])]


def _texts(value: Any) -> bool:
    """A list of texts, or nothing (a list that appears or disappears)."""
    return value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _elements(old: list[str], new: list[str]) -> list[dict[str, Any]]:
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(pairs):  # an element edited in place: its words
            out.append(_line(i1 + k + 1, j1 + k + 1, words(old[i1 + k], new[j1 + k])))
        for i in range(i1 + pairs, i2):
            out.append(_line(i + 1, None, _whole("del", old[i])))
        for j in range(j1 + pairs, j2):
            out.append(_line(None, j + 1, _whole("ins", new[j])))
    return out


def _line(old_position: int | None, new_position: int | None, segments: list) -> dict[str, Any]:
    return {"old_position": old_position, "new_position": new_position, "segments": segments}


def _whole(mark: str, value: Any) -> list[dict[str, str]]:
    if value is None or value == [] or value == "":
        return []
    return [{"mark": mark, "text": text(value)}]


def text(value: Any) -> str:
    """A value as one line of text."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " / ".join(value)
    return json.dumps(value, ensure_ascii=False)


def side(segments: list[dict[str, str]], which: str) -> list[dict[str, str]]:
    """The old ("del") or the new ("ins") side of a line's segments."""
    return [s for s in segments if s["mark"] in ("same", which)]


def fields(item: Any, mark: str, prefix: str = "") -> list[dict[str, Any]]:
    """Every field of an added (mark "ins") or removed ("del") item, in the item's order:
    [{"field": dotted key path, "segments": …}], a list of texts one element a line, a
    nested item's fields under its key. The id is left out: it names, it does not say."""
    out: list[dict[str, Any]] = []
    if not isinstance(item, dict):
        return [{"field": prefix or None, "segments": _whole(mark, item)}]
    for key, value in item.items():
        if key == "id" or value is None or value == [] or value == "":
            continue
        path = f"{prefix}.{key}".lstrip(".")
        if isinstance(value, dict):
            out.extend(fields(value, mark, path))
        elif isinstance(value, list) and not all(isinstance(v, str) for v in value):
            for element in value:
                out.extend(fields(element, mark, path))
        elif isinstance(value, list):
            out.extend({"field": path, "segments": _whole(mark, v)} for v in value)
        else:
            out.append({"field": path, "segments": _whole(mark, value)})
    return out
