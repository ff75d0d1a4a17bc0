"""The template context: built once from the model, shared by every format.

Plain data only (dicts, lists, strings), so templates need no Python and the sandbox
has nothing to reach into. Text references are already expanded; ids that point at
other items are joined (`owner` stays an id, `owner_name` is added); durations are
spelt out in the manual's language. `csmanual context` prints exactly this.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from csmanual import __version__, refs
from csmanual.model import LIST_SECTIONS, SECTIONS, Manual, display_name
from csmanual.rules import ref_marker


def build_context(
    manual: Manual,
    labels: dict[str, str] | None = None,
    earlier: Manual | None = None,
    since: str | None = None,
) -> dict[str, Any]:
    """The context; with `earlier`, `changes` says what changed since that version."""
    lang = manual.meta.language
    data = _plain(manual, manual, lang)
    present = [
        {"id": name, "title": SECTIONS[name].get(lang)}
        for name in SECTIONS
        if name not in ("meta", "settings") and getattr(manual, name) not in (None, [])
    ]
    return {
        "manual": data,
        "lang": lang,
        "labels": {**{name: label.get(lang) for name, label in SECTIONS.items()}, **(labels or {})},
        "sections": present,
        "index": {
            section: {item["id"]: item for item in data.get(section) or ()}
            for section in LIST_SECTIONS
        },
        "escalation": _escalation_chain(manual),
        "counts": {section: len(getattr(manual, section) or ()) for section in LIST_SECTIONS},
        "tool": {"name": "csmanual", "version": __version__},
        "changes": _changes(manual, earlier, since, lang),
    }


MARKED = ("added", "changed", "moved")  # kinds of change shown where the item stands


def _changes(manual: Manual, earlier: Manual | None, since: str | None, lang: str) -> dict:
    """What changed since an earlier version, for change marks in every format.

    `items[section][id]` is the kind of change of a marked item (`MARKED`: a removed item is
    not there to mark, a renamed one reads the same); `sections` lists the sections with
    changes; `list` has one entry per change, `marked` saying whether it is marked in place.
    """
    if earlier is None:
        return {"since": None, "items": {}, "sections": [], "list": []}
    from csmanual.diff import diff

    items: dict[str, dict[str, str]] = {}
    listed = []
    for change in diff(earlier, manual):
        marked = change.item is not None and change.kind in MARKED
        if marked:
            items.setdefault(change.section, {}).setdefault(change.item, change.kind)
        listed.append(
            {
                "kind": change.kind,
                "marked": marked,
                "section": change.section,
                "section_title": SECTIONS[change.section].get(lang),
                "item": change.item,
                "name": change.name,
                "field": change.field,
            }
        )
    sections = list(dict.fromkeys(entry["section"] for entry in listed))
    return {"since": since, "items": items, "sections": sections, "list": listed}


def _plain(model: BaseModel, manual: Manual, lang: str) -> dict[str, Any]:
    """A model as a dict: texts expanded, references joined, durations spelt out."""
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        out[name] = _value(value, manual, lang)
        ref = ref_marker(type(model), name)
        if ref is not None:
            target = {i.id: i for i in getattr(manual, ref.section) or ()}.get(value)
            out[f"{name}_name"] = display_name(target) if target is not None else None
            if ref.section == "deadlines":
                out[f"{name}_within"] = (
                    refs.format_duration(target.within, lang) if target else None
                )
        if name in ("within", "review_cycle") and isinstance(value, str):
            out[f"{name}_text"] = refs.format_duration(value, lang)
    return out


def _value(value: Any, manual: Manual, lang: str) -> Any:
    if isinstance(value, BaseModel):
        return _plain(value, manual, lang)
    if isinstance(value, list):
        return [_value(v, manual, lang) for v in value]
    if isinstance(value, str):
        return refs.expand(value, manual, lang)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _escalation_chain(manual: Manual) -> list[dict[str, str]]:
    """Roles from the first responder up: the longest escalates_to chain."""
    roles = {role.id: role for role in manual.roles or ()}
    best: list[str] = []
    for start in roles:
        chain, current = [], start
        while current in roles and current not in chain:
            chain.append(current)
            current = roles[current].escalates_to
        if len(chain) > len(best):
            best = chain
    return [{"id": rid, "name": roles[rid].name} for rid in best]
