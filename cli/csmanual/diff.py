"""Semantic diff of two manuals for auditors: items matched by `id`, never by position.

Reports, section by section, the items added, removed, renamed (a new id, nothing else
changed), moved (a pure reordering) and changed down to the field, with the old and the
new value.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

from csmanual import redline
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
    lang = new.meta.language  # a section without items is named in the manual's language
    changes: list[Change] = []
    for section in SECTIONS:
        if section == "settings":
            continue
        changes.extend(_section(section, a.get(section), b.get(section), lang))
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


def _section(section: str, old: Any, new: Any, lang: str) -> list[Change]:
    label = SECTIONS[section].get(lang)
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
    if isinstance(value, dict):
        return _name(value)
    return redline.text(value)


def version(
    name: str, manual: Manual | None = None, commit: dict[str, str] | None = None
) -> dict[str, str | None]:
    """One side of a comparison as the reports name it: what the user typed, the commit
    (short hash, subject) when it is a git revision, the manual's version and date."""
    meta = manual.meta if manual is not None else None
    return {
        "name": name,
        "commit": (commit or {}).get("commit"),
        "subject": (commit or {}).get("subject"),
        "version": meta.version if meta else None,
        "date": str(meta.effective_date) if meta else None,
    }


def _side(value: str | dict) -> dict:
    return version(value) if isinstance(value, str) else value


def version_line(side: str | dict, lang: str) -> str:
    """`HEAD~1 · 3f2a1bc "subject" · 버전 1.0 · 시행일 2026-01-15`"""
    side = _side(side)
    parts = [side["name"]]
    if side.get("commit"):
        parts.append(word("diff.commit", lang, commit=side["commit"], subject=side["subject"]))
    if side.get("version"):
        parts.append(word("diff.version", lang, version=side["version"], date=side["date"]))
    return " · ".join(parts)


def lines(change: Change, labels: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """What a reader sees of a change below its name, one entry a line: {"label", "segments",
    "old_position", "new_position"}. A changed value: the elements and words that changed
    (label: the element's position); an added or removed item: every field (label: the
    field's name)."""
    if change.kind == "changed":
        out = redline.lines(change.old, change.new)
        # an element's position says which one, where the list has more than one
        many = any(isinstance(v, list) and len(v) > 1 for v in (change.old, change.new))
        for line in out:
            position = line["new_position"] or line["old_position"]
            line["label"] = word("diff.position", lang, n=position) if position and many else ""
        return out
    if change.kind in ("added", "removed"):
        mark, item = ("ins", change.new) if change.kind == "added" else ("del", change.old)
        return [
            {
                "label": field_label(entry["field"], labels),
                "segments": entry["segments"],
                "old_position": None,
                "new_position": None,
            }
            for entry in redline.fields(item, mark)
        ]
    return []


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


# how a marked word reads in plain text (git's --word-diff marks) and in Markdown
_TEXT_MARKS = {"same": "{}", "del": "[-{}-]", "ins": "{{+{}+}}"}
_MD_MARKS = {"same": "{}", "del": "~~{}~~", "ins": "**{}**"}
_PLAIN = {"same": "{}", "del": "{}", "ins": "{}"}


def _marked(segments: list[dict[str, str]], marks: dict[str, str]) -> str:
    return "".join(
        marks[s["mark"]].format(s["text"]) if s["text"].strip() else s["text"] for s in segments
    )


def format_text(
    changes: list[Change],
    lang: str,
    old: str | dict,
    new: str | dict,
    markdown: bool = False,
    labels: dict[str, str] | None = None,
) -> str:
    """The report for a terminal (`markdown`: for a pull request). `old` and `new` are the
    versions' names or `version()`s."""
    words = kind_words(lang)
    labels = labels or {}
    if not changes:
        return word("diff.none", lang)
    before, after = version_line(old, lang), version_line(new, lang)
    if markdown:  # the names as a title, each side in full below it
        names = f"{_side(old)['name']} → {_side(new)['name']}"
        lines_ = [f"# {names}\n\n- {before}\n- {after}"]
    else:
        lines_ = [f"--- {before}\n+++ {after}"]
    for section, items in grouped(changes):
        label = labels.get(section) or SECTIONS[section].get(lang)  # the manual's own title
        lines_.append(f"\n## {label}" if markdown else f"\n[{label}]")
        for c in items:
            what = c.name + (f" · {field_label(c.field, labels)}" if c.field else "")
            if c.kind in ("moved", "renamed"):
                bullet = "- " if markdown else "  "
                lines_.append(f"{bullet}{words[c.kind]}: {what} ({c.old} → {c.new})")
                continue
            shown = lines(c, labels, lang)
            if markdown:
                lines_.append(f"- **{words[c.kind]}** {what}")
                lines_.extend(_markdown_line(line) for line in shown)
            else:
                lines_.append(f"  {words[c.kind]}: {what}")
                for line in shown:
                    lines_.extend(_text_line(line, c.kind))
    return "\n".join(lines_)


def _shared(segments: list[dict[str, str]]) -> bool:
    """Words both sides have: only then do marks inside the line help (else all changed)."""
    return any(s["mark"] == "same" and s["text"].strip() for s in segments)


def _markdown_line(line: dict[str, Any]) -> str:
    label = f"{line['label']}: " if line["label"] else ""
    segments = line["segments"]
    if _shared(segments):
        return f"  - {label}{_marked(segments, _MD_MARKS)}"
    sides = [_marked(redline.side(segments, mark), _MD_MARKS) for mark in ("del", "ins")]
    return f"  - {label}{' → '.join(side for side in sides if side)}"


def _text_line(line: dict[str, Any], kind: str) -> list[str]:
    """A changed value: its position, then `- old` and `+ new` with the words marked; a
    field of a whole added or removed item: `+ label: text` (all of it is new or gone)."""
    segments = line["segments"]
    if kind in ("added", "removed"):
        sign = "+" if kind == "added" else "-"
        label = f"{line['label']}: " if line["label"] else ""
        return [f"      {sign} {label}{redline.text(''.join(s['text'] for s in segments))}"]
    out = [f"    {line['label']}:"] if line["label"] else []
    marks = _TEXT_MARKS if _shared(segments) else _PLAIN
    if any(s["mark"] != "ins" for s in segments):
        out.append(f"      - {_marked(redline.side(segments, 'del'), marks)}")
    if any(s["mark"] != "del" for s in segments):
        out.append(f"      + {_marked(redline.side(segments, 'ins'), marks)}")
    return out


def format_json(
    changes: list[Change],
    old: str | dict,
    new: str | dict,
    labels: dict[str, str] | None = None,
    lang: str = "ko",
) -> str:
    before, after = _side(old), _side(new)
    return json.dumps(
        {
            "old": before["name"],
            "new": after["name"],
            "old_version": before,
            "new_version": after,
            "changes": [{**asdict(c), "lines": lines(c, labels or {}, lang)} for c in changes],
        },
        ensure_ascii=False,
        indent=2,
    )
