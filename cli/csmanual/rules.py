"""Content rules: what the schema cannot say. Each check yields diagnostics; `check` runs all.

Checks read the typed model for meaning and the loaded source for positions: an item's
path in the model is its path in the YAML file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import get_close_matches

from pydantic import BaseModel

from csmanual import refs
from csmanual.diagnostics import Diagnostic, KeyPath, format_path
from csmanual.diff import content_changed
from csmanual.loader import Source
from csmanual.messages import L, wording
from csmanual.model import (
    DEFAULT_REQUIRED_SECTIONS,
    FIELD_LABELS,
    ITEM_NOUNS,
    SECTIONS,
    Manual,
    Needed,
    display_name,
)
from csmanual.model_walk import ids, markers, ref_marker, strings, walk

__all__ = ["check", "ref_marker", "unrecorded_change"]

Found = Iterator[Diagnostic]


def check(manual: Manual, source: Source) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in (
        unique_ids,
        field_references,
        text_references,
        escalation_cycles,
        required_sections,
        complete_items,
        claim_step_order,
        revision_history,
        approvals_after_revision,
        durations,
        repeated_text,
        placeholders,
    ):
        found.extend(rule(manual, source))
    return found


def _describe(section: str, item: BaseModel) -> L:
    noun = ITEM_NOUNS.get(section) or SECTIONS.get(section) or L.same(section)
    return wording("item.named", noun=noun, name=display_name(item))


# --- ids and references -------------------------------------------------------------


def unique_ids(manual: Manual, source: Source) -> Found:
    for path, model in walk(manual):
        for name in type(model).model_fields:
            items = getattr(model, name)
            if not isinstance(items, list) or not items or not hasattr(items[0], "id"):
                continue
            first: dict[str, int] = {}
            for index, item in enumerate(items):
                where = (*path, name, index, "id")
                if item.id in first:
                    line = source.span((*path, name, first[item.id], "id")).line
                    yield source.at(
                        "E201",
                        where,
                        id=item.id,
                        section=format_path(source.named((*path, name))),
                        first_line=line,
                    )
                else:
                    first[item.id] = index


def field_references(manual: Manual, source: Source) -> Found:
    for path, model in walk(manual):
        for name in type(model).model_fields:
            ref = ref_marker(type(model), name)
            value = getattr(model, name)
            if ref is None or value is None:
                continue
            known = ids(manual, ref.section)
            if value not in known:
                close = get_close_matches(value, known, 1)
                if close:
                    suggestion = wording("suggest.id", name=close[0])
                elif known:
                    suggestion = wording("suggest.known_ids", ids=", ".join(known))
                else:
                    suggestion = wording("suggest.no_ids")
                yield source.at(
                    "E202", (*path, name), value=value, section=ref.section, suggestion=suggestion
                )


def text_references(manual: Manual, source: Source) -> Found:
    for path, text in strings(source.data):
        for piece in refs.malformed(text):
            yield source.at("E204", path, text=piece)
        for match in refs.find(text):
            inner = match.group(1).strip()
            if not refs.well_formed(inner):
                continue
            try:
                refs.lookup(manual, inner)
            except refs.UnresolvedReference as problem:
                yield source.at(
                    "E203", path, ref=inner, reason=problem.reason, suggestion=problem.suggestion
                )


def escalation_cycles(manual: Manual, source: Source) -> Found:
    roles = {role.id: (index, role) for index, role in enumerate(manual.roles or ())}
    reported: set[str] = set()
    for start in roles:
        chain, current = [], start
        while current in roles and current not in chain:
            chain.append(current)
            current = roles[current][1].escalates_to
        if current in chain and current not in reported:
            loop = chain[chain.index(current) :]
            reported.update(loop)
            index = roles[loop[-1]][0]
            yield source.at(
                "E205", ("roles", index, "escalates_to"), cycle=" → ".join([*loop, current])
            )


# --- completeness --------------------------------------------------------------------


def required_sections(manual: Manual, source: Source) -> Found:
    wanted = (
        manual.settings.required_sections
        if manual.settings and manual.settings.required_sections is not None
        else DEFAULT_REQUIRED_SECTIONS
    )
    for section in wanted:
        if getattr(manual, section) in (None, []):
            yield source.at("E301", (section,), section=section, label=SECTIONS[section])


def complete_items(manual: Manual, source: Source) -> Found:
    for path, model in walk(manual):
        for name in type(model).model_fields:
            needed = any(isinstance(m, Needed) for m in markers(type(model), name))
            if needed and getattr(model, name) is None:
                section = next((p for p in reversed(path) if isinstance(p, str)), "")
                yield source.at(
                    "E302",
                    path,
                    item=_describe(section, model),
                    field=name,
                    label=FIELD_LABELS.get(name, L.same(name)),
                )


# --- order and history ---------------------------------------------------------------


def claim_step_order(manual: Manual, source: Source) -> Found:
    for index, step in enumerate(manual.claim_steps or ()):
        if step.number != index + 1:
            yield source.at(
                "E401", ("claim_steps", index, "number"), expected=index + 1, found=step.number
            )


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def revision_history(manual: Manual, source: Source) -> Found:
    revisions = manual.revisions or []
    for index in range(1, len(revisions)):
        before, after = revisions[index - 1], revisions[index]
        if _version_key(after.version) <= _version_key(before.version):
            yield source.at(
                "E403",
                ("revisions", index, "version"),
                detail=f"{before.version} → {after.version}",
            )
        if after.date < before.date:
            yield source.at(
                "E403", ("revisions", index, "date"), detail=f"{before.date} → {after.date}"
            )
    if not revisions:
        return
    latest = revisions[-1]
    if latest.version != manual.meta.version:
        yield source.at(
            "E402", ("meta", "version"), version=manual.meta.version, latest=latest.version
        )
    if latest.date > manual.meta.effective_date:
        yield source.at(
            "E404",
            ("revisions", len(revisions) - 1, "date"),
            date=latest.date,
            effective=manual.meta.effective_date,
        )


def approvals_after_revision(manual: Manual, source: Source) -> Found:
    if not manual.revisions:
        return
    revised = manual.revisions[-1].date
    for index, approval in enumerate(manual.approvals or ()):
        if approval.date < revised:
            yield source.at(
                "W405", ("approvals", index, "date"), date=approval.date, revised=revised
            )


# --- consistency of the text ---------------------------------------------------------

# A duration stated as a limit: "24시간 이내", "3일 안에", "within 48 hours".
# At most 9 digits: int() refuses numbers over 4300 digits, and no deadline is that long.
_KO_LIMIT = re.compile(r"(?<!\d)(\d{1,9})\s*(분|시간|일|주|개월)\s*(?:이내|안에|내에|내로|까지)")
_EN_LIMIT = re.compile(r"within\s+(\d{1,9})\s*(minutes?|hours?|days?|weeks?|months?)", re.I)
_UNIT_OF = {
    "분": "m",
    "시간": "h",
    "일": "d",
    "주": "w",
    "개월": "mo",
    "minute": "m",
    "hour": "h",
    "day": "d",
    "week": "w",
    "month": "mo",
}


def _limits(text: str) -> Iterator[tuple[str, tuple[int, str]]]:
    bare = refs.REFERENCE.sub(" ", text)
    for pattern in (_KO_LIMIT, _EN_LIMIT):
        for match in pattern.finditer(bare):
            unit = _UNIT_OF[match.group(2).lower().rstrip("s")]
            yield match.group(0), refs.comparable(int(match.group(1)), unit)


def durations(manual: Manual, source: Source) -> Found:
    defined = {}
    for deadline in manual.deadlines or ():
        defined.setdefault(refs.comparable(*refs.parse_duration(deadline.within)), deadline)
    if not defined:
        return
    lang = manual.meta.language
    listing = ", ".join(
        f"{d.name} {refs.format_duration(d.within, lang)}" for d in manual.deadlines or ()
    )
    for path, text in strings(source.data):
        for literal, value in _limits(text):
            match = defined.get(value)
            if match is None:
                yield source.at("E501", path, literal=literal, defined=listing)
            else:
                yield source.at("W502", path, literal=literal, deadline=match.id)


_MIN_REPEATED = 20  # shorter texts ("사과", "전화") repeat legitimately


def repeated_text(manual: Manual, source: Source) -> Found:
    first: dict[str, KeyPath] = {}
    for path, text in strings(source.data):
        key = " ".join(text.split())
        if len(key) < _MIN_REPEATED:
            continue
        if key in first:
            other = first[key]
            shown = format_path(source.named(other))
            yield source.at("W503", path, other=f"{shown} ({source.span(other).line})")
        else:
            first[key] = path


_PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|\?\?\?|미정|작성 예정")


def placeholders(manual: Manual, source: Source) -> Found:
    for path, text in strings(source.data):
        for match in _PLACEHOLDER.finditer(text):
            yield source.at("W504", path, marker=match.group())


# --- against an earlier version ------------------------------------------------------


def unrecorded_change(old: Manual, new: Manual, source: Source, revision: str) -> Diagnostic | None:
    """E601 when the content changed since `revision` but the version history did not.

    Not one of `check`'s rules: it needs the earlier version (`validate --against`)."""
    changes = content_changed(old, new)
    recorded = (
        new.meta.version != old.meta.version
        and (new.revisions or [None])[-1] != (old.revisions or [None])[-1]
    )
    if not changes or recorded:
        return None
    return source.at(
        "E601", ("meta", "version"), rev=revision, count=len(changes), version=new.meta.version
    )
