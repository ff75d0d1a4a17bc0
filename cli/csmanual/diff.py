"""Semantic diff of two manuals for auditors: items matched by `id`, never by position.

Reports, section by section, the items added, removed, renamed (a new id, nothing else
changed), moved (a pure reordering) and changed down to the field, with the old and the
new value.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

from csmanual.messages import word
from csmanual.model import NAME_FIELDS, SECTIONS, Manual

Kind = Literal["added", "removed", "renamed", "changed", "moved"]


@dataclass(frozen=True)
class Change:
    kind: Kind
    section: str
    item: str | None  # the item's id; None for a field of a single section such as meta
    name: str  # what a reader calls the item (its name/title), or the section label
    field: str | None  # the changed field, dotted below the item (e.g. "flow.claim.name")
    old: Any = None
    new: Any = None


def diff(old: Manual, new: Manual) -> list[Change]:
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    changes: list[Change] = []
    for section in SECTIONS:
        if section == "settings":
            continue
        changes.extend(_section(section, a.get(section), b.get(section)))
    return changes


def _is_items(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(v, dict) and "id" in v for v in value)
    )


def _name(item: dict) -> str:
    for key in NAME_FIELDS:
        if isinstance(item.get(key), str):
            return item[key]
    return str(item.get("id", ""))


def _section(section: str, old: Any, new: Any) -> list[Change]:
    label = SECTIONS[section].ko
    if old == new:
        return []
    if _is_items(old) or _is_items(new):
        return _items(section, old or [], new or [], prefix="")
    if isinstance(old, dict) and isinstance(new, dict):
        return _fields(section, None, label, old, new, prefix="")
    return [Change("changed", section, None, label, None, old, new)]


def _items(section: str, old: list, new: list, prefix: str) -> list[Change]:
    """Lists of items with ids: added, removed, moved and changed items.

    `prefix` names the list when it sits inside a section (`flow` of initial_response).
    """
    changes: list[Change] = []
    before = {item["id"]: item for item in old}
    after = {item["id"]: item for item in new}
    gone = [item for item in old if item["id"] not in after]
    for item in new:
        if item["id"] in before:
            continue
        twin = next((g for g in gone if _without_id(g) == _without_id(item)), None)
        if twin is not None:  # the same item under a new id
            gone.remove(twin)
            changes.append(
                Change(
                    "renamed",
                    section,
                    item["id"],
                    _name(item),
                    prefix or None,
                    twin["id"],
                    item["id"],
                )
            )
        else:
            changes.append(
                Change("added", section, item["id"], _name(item), prefix or None, None, item)
            )
    for item in gone:
        changes.append(
            Change("removed", section, item["id"], _name(item), prefix or None, item, None)
        )
    common_old = [i["id"] for i in old if i["id"] in after]
    common_new = [i["id"] for i in new if i["id"] in before]
    stay = set(_longest_common_subsequence(common_old, common_new))
    for position, item_id in enumerate(common_new):
        if item_id not in stay:
            changes.append(
                Change(
                    "moved",
                    section,
                    item_id,
                    _name(after[item_id]),
                    prefix or None,
                    common_old.index(item_id) + 1,
                    position + 1,
                )
            )
    for item_id in common_new:
        changes.extend(
            _fields(
                section,
                item_id,
                _name(after[item_id]),
                before[item_id],
                after[item_id],
                prefix=prefix,
            )
        )
    return changes


def _without_id(item: dict) -> dict:
    return {key: value for key, value in item.items() if key != "id"}


def _fields(
    section: str, item: str | None, name: str, old: dict, new: dict, prefix: str
) -> list[Change]:
    changes: list[Change] = []
    for key in dict.fromkeys([*old, *new]):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        field = f"{prefix}.{key}".lstrip(".")
        if _is_items(a) or _is_items(b):
            changes.extend(_items(section, a or [], b or [], prefix=field))
        elif isinstance(a, dict) and isinstance(b, dict):
            changes.extend(_fields(section, item, name, a, b, prefix=field))
        else:
            changes.append(Change("changed", section, item, name, field, a, b))
    return changes


def _longest_common_subsequence(a: list[str], b: list[str]) -> list[str]:
    """The longest run of ids in the same relative order: everything else has moved."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = (
                table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
            )
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            out.append(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def content_changed(old: Manual, new: Manual) -> list[Change]:
    """Changes other than the document-control sections (what needs a new revision)."""
    control = {"revisions", "approvals"}
    return [
        c
        for c in diff(old, new)
        if c.section not in control
        and not (c.section == "meta" and c.field in ("version", "effective_date"))
    ]


# --- reports ------------------------------------------------------------------------

_KINDS = ("added", "removed", "renamed", "changed", "moved")


def kind_words(lang: str) -> dict[str, str]:
    return {kind: word(f"diff.kind.{kind}", lang) for kind in _KINDS}


def show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " / ".join(value)
    if isinstance(value, dict):
        return _name(value)
    return json.dumps(value, ensure_ascii=False)


def grouped(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped by section, in the order the manual presents its sections."""
    order = {name: index for index, name in enumerate(SECTIONS)}
    sections: dict[str, list[Change]] = {}
    for change in sorted(changes, key=lambda c: order[c.section]):
        sections.setdefault(change.section, []).append(change)
    return list(sections.items())


def field_label(field: str | None, labels: dict[str, str]) -> str:
    """`flow.name` → `초기 대응 흐름 · 이름` with the theme's UI words where it has them."""
    if not field:
        return ""
    return " · ".join(labels.get(part, part) for part in field.split("."))


def format_text(
    changes: list[Change],
    lang: str,
    old_name: str,
    new_name: str,
    markdown: bool = False,
    labels: dict[str, str] | None = None,
) -> str:
    words = kind_words(lang)
    labels = labels or {}
    if not changes:
        return word("diff.none", lang)
    lines = [f"# {old_name} → {new_name}" if markdown else f"--- {old_name}\n+++ {new_name}"]
    for section, items in grouped(changes):
        label = labels.get(section) or SECTIONS[section].get(lang)  # the manual's own title
        lines.append(f"\n## {label}" if markdown else f"\n[{label}]")
        for c in items:
            what = c.name + (f" · {field_label(c.field, labels)}" if c.field else "")
            bullet = "- " if markdown else "  "
            if c.kind == "changed":
                old, new = show(c.old), show(c.new)
                if markdown:
                    lines.append(f"{bullet}**{words[c.kind]}** {what}: ~~{old}~~ → {new}")
                else:
                    lines.append(f"{bullet}{words[c.kind]}: {what}\n      - {old}\n      + {new}")
            elif c.kind in ("moved", "renamed"):
                lines.append(f"{bullet}{words[c.kind]}: {what} ({c.old} → {c.new})")
            else:
                lines.append(f"{bullet}{words[c.kind]}: {what}")
    return "\n".join(lines)


def format_json(changes: list[Change], old_name: str, new_name: str) -> str:
    return json.dumps(
        {"old": old_name, "new": new_name, "changes": [asdict(c) for c in changes]},
        ensure_ascii=False,
        indent=2,
    )
