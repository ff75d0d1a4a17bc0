"""Text references: free text names a value defined once instead of repeating it.

    불만 접수 후 [[deadlines.complaint-response]] 이내에 응답합니다.   → "… 24시간 이내에 …"
    [[roles.team-lead]]에게 보고합니다.                               → "팀장에게 보고합니다."
    [[meta.organization]]                                            → the metadata field
    [[channels.phone.description]]                                   → one field of an item
    클레임 처리 [[count.claim_steps]]단계                              → "클레임 처리 7단계"

`[[` was chosen over `{{ }}` so that template syntax written in the source is always
shown literally and never evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from csmanual.messages import L, word, wording
from csmanual.model import ID_PATTERN, LIST_SECTIONS, SECTIONS, Deadline, Manual, display_name

REFERENCE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_ID = re.compile(ID_PATTERN)
_NAME = re.compile(r"^[a-z_]+$")  # a section or field name

IMMEDIATE = "immediate"
COUNT = "count"  # [[count.section]]: the number of a section's items
# units that convert into seconds; business hours and days, months and years do not
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(value: str) -> tuple[int, str]:
    """`24h` → (24, "h"); `immediate` → (0, "immediate")."""
    if value == IMMEDIATE:
        return 0, IMMEDIATE
    match = re.fullmatch(r"(\d+)([a-z]+)", value)
    if not match:
        raise ValueError(value)
    return int(match.group(1)), match.group(2)


def format_duration(value: str, lang: str) -> str:
    """`24h` → `24시간` (ko) or `24 hours` (en); `immediate` → `즉시` / `immediately`."""
    number, unit = parse_duration(value)
    if unit == IMMEDIATE:
        return word("duration.immediate", lang)
    return word(f"duration.{unit}", lang, n=number)


def format_interval(value: str, lang: str) -> str:
    """A recurring interval: `30m` → `30분마다` / `every 30 minutes`."""
    number, unit = parse_duration(value)
    if unit == IMMEDIATE:  # refused by rule E506; said as a duration meanwhile
        return word("duration.immediate", lang)
    return word(f"every.{unit}", lang, n=number)


def deadline_text(deadline: Deadline, lang: str) -> str:
    """How a deadline's time reads: an interval for kind update, else a duration."""
    if deadline.kind == "update":
        return format_interval(deadline.within, lang)
    return format_duration(deadline.within, lang)


def comparable(number: int, unit: str) -> tuple[int, str]:
    """A duration in a unit that compares across s/m/h/d/w (24h equals 1d, 60s 1m);
    a year is 12 months. Business hours and days stand for themselves."""
    if unit in _SECONDS:
        return number * _SECONDS[unit], "s"
    if unit == "y":
        return number * 12, "mo"
    return number, unit


@dataclass(frozen=True)
class Target:
    section: str
    id: str | None  # None for meta fields
    field: str | None


class UnresolvedReference(ValueError):
    """Why a reference does not resolve; `suggestion` names what probably was meant."""

    def __init__(self, reason: L, suggestion: L | str = ""):
        super().__init__(reason.en)
        self.reason = reason
        self.suggestion = suggestion


def find(text: str) -> Iterator[re.Match]:
    return REFERENCE.finditer(text)


def malformed(text: str) -> list[str]:
    """Pieces that look like references but are not written as [[section.id]]."""
    problems = [m.group() for m in find(text) if not well_formed(m.group(1).strip())]
    rest = REFERENCE.sub("", text)
    if "[[" in rest or "]]" in rest:
        start = rest.find("[[") if "[[" in rest else rest.find("]]")
        problems.append(rest[start : start + 30].strip())
    return problems


def well_formed(inner: str) -> bool:
    parts = inner.split(".")
    if not 2 <= len(parts) <= 3 or not _NAME.match(parts[0]):
        return False
    if parts[0] in ("meta", COUNT):
        return len(parts) == 2 and bool(_NAME.match(parts[1]))
    return bool(_ID.match(parts[1])) and (len(parts) == 2 or bool(_NAME.match(parts[2])))


def lookup(manual: Manual, inner: str) -> object:
    """The model value a reference names; raises UnresolvedReference saying why not."""
    from difflib import get_close_matches

    parts = inner.strip().split(".")
    section = parts[0]
    if section == COUNT:  # how many items a section has: "[[count.claim_steps]]단계"
        name = parts[1]
        if name not in LIST_SECTIONS:
            close = get_close_matches(name, LIST_SECTIONS, 1)
            raise UnresolvedReference(
                wording("ref.no_count", name=name, known=", ".join(LIST_SECTIONS)),
                _did_you_mean(close, f"{COUNT}."),
            )
        return len(getattr(manual, name) or ())
    if section == "meta":
        name = parts[1]
        fields = list(type(manual.meta).model_fields)
        if name not in fields:
            close = get_close_matches(name, fields, 1)
            raise UnresolvedReference(
                wording("ref.no_meta_field", name=name),
                _did_you_mean(close, "meta.") or _known("suggest.known_fields", fields),
            )
        return getattr(manual.meta, name)
    if section not in LIST_SECTIONS:
        close = get_close_matches(section, [*LIST_SECTIONS, "meta"], 1)
        known = ", ".join(name for name in LIST_SECTIONS if name != "custom_sections")
        # a section that exists but whose items cannot be named (privacy.rules …) is not
        # "missing": say which sections can be referenced
        key = "ref.not_referenceable" if section in SECTIONS else "ref.no_section"
        raise UnresolvedReference(
            wording(key, section=section, known=known),
            _did_you_mean(close, "", ".…") if key == "ref.no_section" else "",
        )
    by_id = {item.id: item for item in getattr(manual, section) or ()}
    item = by_id.get(parts[1])
    if item is None:
        close = get_close_matches(parts[1], by_id, 1)
        raise UnresolvedReference(
            wording("ref.no_id", section=section, id=parts[1]),
            _did_you_mean(close, f"{section}.")
            or (_known("suggest.known_ids", by_id) if by_id else wording("suggest.no_ids")),
        )
    if len(parts) == 2:
        return item
    field = parts[2]
    if field not in type(item).model_fields:
        fields = list(type(item).model_fields)
        close = get_close_matches(field, fields, 1)
        raise UnresolvedReference(
            wording("ref.no_field", section=section, field=field),
            _did_you_mean(close, f"{section}.{item.id}.") or _known("suggest.known_fields", fields),
        )
    return getattr(item, field)


def _did_you_mean(close: list[str], prefix: str, suffix: str = "") -> str:
    return f"[[{prefix}{close[0]}{suffix}]]?" if close else ""


def _known(key: str, names) -> L:
    """What exists, when nothing is close to what was written."""
    return wording(key, ids=", ".join(names))


def render_value(value: object, lang: str) -> str:
    """How a referenced value reads in running text."""
    if isinstance(value, Deadline):
        return deadline_text(value, lang)
    if isinstance(value, BaseModel):
        return display_name(value)
    if isinstance(value, list):
        return ", ".join(render_value(v, lang) for v in value)
    if value is None:
        return ""
    return str(value)


def expand(text: str, manual: Manual, lang: str) -> str:
    """Replace every reference in `text` by its value (the validator made sure they resolve)."""
    return REFERENCE.sub(lambda m: render_value(lookup(manual, m.group(1)), lang), text)
