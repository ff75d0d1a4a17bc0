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
from csmanual.catalogue.sections import CONTEXT_LABELS, NOT_SECTIONS
from csmanual.model import DEADLINE_KINDS, LIST_SECTIONS, SECTIONS, Manual, display_name
from csmanual.rules import ref_marker
from csmanual.typography import keep_together_all


def build_context(
    manual: Manual,
    labels: dict[str, str] | None = None,
    earlier: Manual | None = None,
    since: str | None = None,
) -> dict[str, Any]:
    """The context; with `earlier`, `changes` says what changed since that version."""
    lang = manual.meta.language
    words = {
        **{name: label.get(lang) for name, label in SECTIONS.items()},
        **{key: label.get(lang) for key, label in CONTEXT_LABELS.items()},
        **(labels or {}),
    }
    titles = keep_together_all(section_titles(manual, words))
    words.update(titles)
    data = _plain(manual, manual, lang)
    _add_domain(data, manual, words)
    # a number and its word never split across lines, in every format (typography.py)
    data = keep_together_all(data)
    present = [
        {
            "id": name,
            "title": titles[name],
            "count": section_count(manual, name),
            "custom": name in _custom(manual),
        }
        for name in section_order(manual)
    ]
    return {
        "manual": data,
        "lang": lang,
        # the tag every output is marked with: `en-GB` when the source says so, else `en`
        "lang_tag": manual.meta.language_tag,
        "labels": words,
        "sections": present,
        "custom": {section["id"]: section for section in data.get("custom_sections") or ()},
        "deadline_groups": _deadline_groups(data, words),
        "index": {
            section: {item["id"]: item for item in data.get(section) or ()}
            for section in LIST_SECTIONS
        },
        "escalation": keep_together_all(_escalation_chain(manual)),
        "counts": {section: len(getattr(manual, section) or ()) for section in LIST_SECTIONS},
        "tool": {"name": "csmanual", "version": __version__},
        "changes": keep_together_all(_changes(manual, earlier, since, lang, titles, words)),
    }


MARKED = ("added", "changed", "moved")  # kinds of change shown where the item stands


def _changes(
    manual: Manual,
    earlier: Manual | None,
    since: str | None,
    lang: str,
    titles: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
) -> dict:
    """What changed since an earlier version, for change marks in every format.

    `items[section][id]` is the kind of change of a marked item (`MARKED`: a removed item is
    not there to mark, a renamed one reads the same); `sections` lists the sections with
    changes; `list` has one entry per change, `marked` saying whether it is marked in place,
    `old` the earlier value of a changed field, `lines` what a reader sees of it (the
    changed elements and words, or every field of an added or removed item: `diff.lines`).
    """
    if earlier is None:
        return {"since": None, "items": {}, "sections": [], "list": []}
    from csmanual.diff import diff, lines

    if titles is None:
        titles = section_titles(manual, {name: label.get(lang) for name, label in SECTIONS.items()})
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
                "section_title": titles.get(change.item or "", titles["custom_sections"])
                if change.section == "custom_sections"
                else titles[change.section],
                "item": change.item,
                "name": change.name,
                "field": change.field,
                # the earlier text of a changed field: the office editions' tracked changes
                "old": change.old if change.kind == "changed" else None,
                # a moved item's positions in its list (1-based), a renamed item's ids
                "was": change.old if change.kind in ("moved", "renamed") else None,
                "now": change.new if change.kind in ("moved", "renamed") else None,
                "lines": lines(change, labels or titles, lang),
            }
        )
    sections = list(dict.fromkeys(entry["section"] for entry in listed))
    return {"since": since, "items": items, "sections": sections, "list": listed}


# --- the manual's own structure: its sections, their titles, order and counts -------------


def _custom(manual: Manual) -> dict[str, Any]:
    return {section.id: section for section in manual.custom_sections or ()}


def section_count(manual: Manual, name: str) -> int | None:
    """How many items a section holds (steps, types …; a custom section's items, rows or
    points), or None for a section that is not a list."""
    custom = _custom(manual).get(name)
    if custom is not None:
        for part in (custom.items, custom.table.rows if custom.table else None, custom.points):
            if part:
                return len(part)
        return None
    value = getattr(manual, name, None)
    return len(value) if isinstance(value, list) else None


def _present(manual: Manual) -> list[str]:
    """The present sections in the default order: the custom ones where `custom_sections`
    stands (after maintenance, before faqs and glossary)."""
    names: list[str] = []
    for name in SECTIONS:
        if name == "custom_sections":
            names.extend(_custom(manual))
        elif name not in NOT_SECTIONS and getattr(manual, name) not in (None, []):
            names.append(name)
    return names


def section_order(manual: Manual) -> list[str]:
    """The present sections in the manual's order: those `settings.order` lists, then the
    rest in the default order."""
    present = _present(manual)
    listed = (manual.settings.order if manual.settings else None) or []
    first = [name for name in dict.fromkeys(listed) if name in present]
    return first + [name for name in present if name not in first]


def section_titles(manual: Manual, labels: dict[str, str]) -> dict[str, str]:
    """Every section's title, built-in and custom, present or not: the manual's
    `settings.titles` > the theme's label > the default (a custom section's own title);
    `{n}` is the section's count."""
    own = (manual.settings.titles if manual.settings else None) or {}
    custom = _custom(manual)
    titles = {}
    for name in [*SECTIONS, *custom]:
        default = custom[name].title if name in custom else labels.get(name, "")
        title = own.get(name) or default
        count = section_count(manual, name)
        titles[name] = title.replace("{n}", str(count if count is not None else ""))
    return titles


# --- deadlines, channels, signature rows ----------------------------------------------------


def _add_domain(data: dict[str, Any], manual: Manual, labels: dict[str, str]) -> None:
    """Computed fields: a deadline's `within_text` (an interval for kind update) and
    `kind_label`, a channel's `deadline_list`, a signature row's `action_label` and
    `meaning_text`."""
    lang = manual.meta.language
    deadlines = {}
    for deadline, plain in zip(manual.deadlines or (), data.get("deadlines") or (), strict=True):
        plain["within_text"] = refs.deadline_text(deadline, lang)
        plain["kind_label"] = labels[f"deadline_kind_{deadline.kind}"]
        deadlines[deadline.id] = plain
    for channel, plain in zip(manual.channels or (), data.get("channels") or (), strict=True):
        wanted = channel.deadlines or ([channel.deadline] if channel.deadline else [])
        plain["deadline_list"] = [deadlines[i] for i in wanted if i in deadlines]
        if channel.deadline is None and plain["deadline_list"]:
            first = plain["deadline_list"][0]  # the single-deadline fields, as before
            plain["deadline_name"], plain["deadline_within"] = first["name"], first["within_text"]
    for approval, plain in zip(manual.approvals or (), data.get("approvals") or (), strict=True):
        plain["action_label"] = labels[f"signature_{approval.action}"]
        plain["meaning_text"] = plain["meaning"] or labels[f"signature_meaning_{approval.action}"]
    for section, plain in zip(
        manual.custom_sections or (), data.get("custom_sections") or (), strict=True
    ):
        plain["count"] = section_count(manual, section.id)


def _deadline_groups(data: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The deadlines by kind, in the order reply, result, update, limit; kinds present only."""
    groups = []
    for kind in DEADLINE_KINDS:
        found = [d for d in data.get("deadlines") or () if d["kind"] == kind]
        if found:
            groups.append({"kind": kind, "title": labels[f"deadlines_{kind}"], "deadlines": found})
    return groups


def _plain(model: BaseModel, manual: Manual, lang: str) -> dict[str, Any]:
    """A model as a dict: texts expanded, references joined, durations spelt out."""
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        out[name] = _value(value, manual, lang)
        ref = ref_marker(type(model), name)
        if ref is not None and not isinstance(value, list):
            target = {i.id: i for i in getattr(manual, ref.section) or ()}.get(value)
            out[f"{name}_name"] = display_name(target) if target is not None else None
            if ref.section == "deadlines":
                out[f"{name}_within"] = refs.deadline_text(target, lang) if target else None
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
