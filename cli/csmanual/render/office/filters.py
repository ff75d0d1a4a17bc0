"""The filters the document plan's template uses (office/document.yaml.j2): quoting for
YAML, and the change marks of --changes-since made from the context's `changes`, so that
a template never compares texts itself.

`tracked` redlines word by word against the earlier value the context keeps for each
changed field (`changes.list[].old`); an item new since then is all inserted.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from typing import Any

import jinja2


def _q(value: Any) -> str:
    """A value as YAML (JSON is YAML): safe for any text, on one line."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", text)


def redline(new: str, old: str) -> list[dict] | str:
    """Runs that turn `old` into `new` word by word: equal words plain, the rest deleted
    then inserted (a word processor's tracked change)."""
    if new == old:
        return new
    a, b = _words(old), _words(new)
    runs: list[dict] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append({"text": "".join(b[j1:j2])})
            continue
        if i2 > i1:
            runs.append({"text": "".join(a[i1:i2]), "change": "deleted"})
        if j2 > j1:
            runs.append({"text": "".join(b[j1:j2]), "change": "inserted"})
    return runs


def _change_of(context, section: str, item: str | None, name: str | None) -> dict | None:
    for change in context["changes"]["list"]:
        if change["section"] == section and change["item"] == item and change["field"] == name:
            return change
    return None


@jinja2.pass_context
def tracked(context, value: Any, section: str, item: str | None = None, name: str | None = None):
    """`value` (a text or a list of texts) as it should show with --changes-since: all
    inserted when its item is new; redlined against the earlier text when the field
    `name` of the item changed; unchanged otherwise (or without --changes-since).

    `{{ t.text | tracked("behaviour_types", t.id, "text") | q }}`"""
    changes = context.get("changes") or {}
    if not changes.get("since") or value is None:
        return value
    kind = (changes.get("items") or {}).get(section, {}).get(item) if item else None
    if kind == "added":
        return _inserted(value)
    found = _change_of(context, section, item, name) if name else None
    if found is None or found.get("kind") != "changed":
        return value
    old = found.get("old")
    if isinstance(value, str):
        return redline(value, old if isinstance(old, str) else "")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return _redline_list(value, old if isinstance(old, list) else [])
    return value


def _inserted(value: Any):
    if isinstance(value, str):
        return [{"text": value, "change": "inserted"}] if value else value
    if isinstance(value, list):
        return [_inserted(v) for v in value]
    return value


def deleted(value: Any):
    """A text (or texts) that is no longer in the manual, shown as a tracked deletion."""
    if isinstance(value, str):
        return [{"text": value, "change": "deleted"}] if value else value
    if isinstance(value, list):
        return [deleted(v) for v in value]
    return value


def _redline_list(new: list[str], old: list[str]) -> list:
    """Items of a list: kept ones plain, new ones inserted, dropped ones deleted in place,
    an edited item redlined word by word."""
    out: list = []
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            out.extend(new[j1:j2])
        elif op == "replace" and i2 - i1 == j2 - j1:
            out.extend(redline(n, o) for n, o in zip(new[j1:j2], old[i1:i2], strict=True))
        else:
            out.extend(deleted(o) for o in old[i1:i2])
            out.extend(_inserted(n) for n in new[j1:j2])
    return out


def quoted(value: Any):
    """“text” around a text or its runs (a phrase to say, a phrase not to say)."""
    if isinstance(value, list):
        return ["“", *value, "”"]
    return f"“{value}”" if value else value


def runs(value: Any) -> list:
    """A text as a list of runs, to put runs before or after it: `["1. "] + (x | runs)`."""
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list) else [str(value)]


def bold(value: Any) -> list:
    """A text (or its runs) in bold."""
    return [
        {**run, "bold": True} if isinstance(run, dict) else {"text": run, "bold": True}
        for run in runs(value)
    ]


FILTERS: dict[str, Callable] = {
    "q": _q,
    "tracked": tracked,
    "deleted": deleted,
    "quoted": quoted,
    "runs": runs,
    "bold": bold,
}
