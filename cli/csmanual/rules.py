"""Content rules: what the schema cannot say. Each check yields diagnostics; `check` runs all.

Checks read the typed model for meaning and the loaded source for positions: an item's
path in the model is its path in the YAML file.
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches

from pydantic import BaseModel

from csmanual import consistency, refs
from csmanual.diagnostics import Diagnostic, KeyPath, format_path
from csmanual.diff import content_changed
from csmanual.loader import Source
from csmanual.messages import L, wording
from csmanual.model import (
    DEFAULT_REQUIRED_SECTIONS,
    FIELD_LABELS,
    ITEM_NOUNS,
    OPTIONAL_SECTIONS,
    SECTIONS,
    Manual,
    Needed,
    display_name,
)
from csmanual.model_walk import ids, markers, ref_marker, strings, walk
from csmanual.prose.places import diagnostic_at

__all__ = ["check", "ref_marker", "unrecorded_change"]

Found = Iterator[Diagnostic]


def check(manual: Manual, source: Source) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in (
        unique_ids,
        field_references,
        text_references,
        escalation_cycles,
        section_names,
        custom_section_ids,
        channel_deadlines,
        table_rows,
        required_sections,
        complete_items,
        claim_step_order,
        section_order,
        revision_history,
        approvals_after_revision,
        approved_versions,
        unsigned_dates,
        consistency.deadline_kinds,
        consistency.durations,
        consistency.counts,
        consistency.speech_levels,
        consistency.repeated_text,
        consistency.placeholders,
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
            listed = value if isinstance(value, list) else [value]
            for index, one in enumerate(listed):
                if one in known:
                    continue
                close = get_close_matches(one, known, 1)
                if close:
                    suggestion = wording("suggest.id", name=close[0])
                elif known:
                    suggestion = wording("suggest.known_ids", ids=", ".join(known))
                else:
                    suggestion = wording("suggest.no_ids")
                where = (*path, name, index) if isinstance(value, list) else (*path, name)
                yield source.at(
                    "E202", where, value=one, section=ref.section, suggestion=suggestion
                )


def text_references(manual: Manual, source: Source) -> Found:
    for path, text in strings(source.data):
        for piece in refs.malformed(text):
            at = source.span_of(path, text, piece)
            yield Diagnostic(
                "E204", source.path, at.line, at.column, source.named(path), {"text": piece}
            )
        for match in refs.find(text):
            inner = match.group(1).strip()
            if not refs.well_formed(inner):
                continue
            try:
                refs.lookup(manual, inner)
            except refs.UnresolvedReference as problem:
                yield diagnostic_at(
                    source,
                    "E203",
                    path,
                    text,
                    match.start(),
                    ref=inner,
                    reason=problem.reason,
                    suggestion=problem.suggestion,
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


# --- the manual's own sections ---------------------------------------------------------


def _custom_ids(manual: Manual) -> list[str]:
    return [section.id for section in manual.custom_sections or ()]


def section_names(manual: Manual, source: Source) -> Found:
    """Every name in settings (titles, order, required_sections) is a built-in section or
    a custom section's id."""
    settings = manual.settings
    if settings is None:
        return
    known = [*OPTIONAL_SECTIONS, *_custom_ids(manual)]
    named: list[tuple[KeyPath, str]] = [
        (("settings", "titles", name), name) for name in settings.titles or {}
    ]
    for key in ("order", "required_sections"):
        named += [
            (("settings", key, i), name) for i, name in enumerate(getattr(settings, key) or [])
        ]
    for path, name in named:
        if name in known:
            continue
        close = get_close_matches(name, known, 1)
        if close:
            suggestion = wording("suggest.id", name=close[0])
        else:
            suggestion = wording("suggest.known_ids", ids=", ".join(known))
        on_key = path[1] == "titles"
        yield source.at("E206", path, on_key=on_key, name=name, suggestion=suggestion)


def custom_section_ids(manual: Manual, source: Source) -> Found:
    """A custom section's id is not a built-in section's name (each names a section in
    settings, in the contents, in the outputs' anchors)."""
    for index, section in enumerate(manual.custom_sections or ()):
        if section.id in SECTIONS:
            yield source.at(
                "E207",
                ("custom_sections", index, "id"),
                id=section.id,
                label=SECTIONS[section.id],
            )


def table_rows(manual: Manual, source: Source) -> Found:
    for index, section in enumerate(manual.custom_sections or ()):
        if section.table is None:
            continue
        columns = len(section.table.columns)
        for row, cells in enumerate(section.table.rows):
            if len(cells) != columns:
                yield source.at(
                    "E109",
                    ("custom_sections", index, "table", "rows", row),
                    found=len(cells),
                    columns=columns,
                )


def channel_deadlines(manual: Manual, source: Source) -> Found:
    for index, channel in enumerate(manual.channels or ()):
        if channel.deadline is not None and channel.deadlines is not None:
            yield source.at(
                "E108", ("channels", index, "deadlines"), on_key=True, deadline=channel.deadline
            )


# --- completeness --------------------------------------------------------------------


def required_sections(manual: Manual, source: Source) -> Found:
    wanted = (
        manual.settings.required_sections
        if manual.settings and manual.settings.required_sections is not None
        else DEFAULT_REQUIRED_SECTIONS
    )
    custom = _custom_ids(manual)
    for section in wanted:
        if section in custom:
            continue
        if section not in SECTIONS:
            continue  # not a section at all: E206
        if getattr(manual, section) in (None, []):
            yield source.at("E301", (section,), section=section, label=SECTIONS[section])


def complete_items(manual: Manual, source: Source) -> Found:
    for path, model in walk(manual):
        for name in type(model).model_fields:
            needed = [m for m in markers(type(model), name) if isinstance(m, Needed)]
            if not needed or getattr(model, name) is not None:
                continue
            if all(m.unless and getattr(model, m.unless) is not None for m in needed):
                continue
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


def section_order(manual: Manual, source: Source) -> Found:
    """settings.order names each section once."""
    order = (manual.settings.order if manual.settings else None) or []
    first: dict[str, int] = {}
    for index, name in enumerate(order):
        if name in first:
            line = source.span(("settings", "order", first[name])).line
            yield source.at("E406", ("settings", "order", index), name=name, first_line=line)
        else:
            first[name] = index


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
    """W405: a signature older than the last revision. A row that names the version it
    signs is checked against that version instead (W509, E510, E511)."""
    if not manual.revisions:
        return
    revised = manual.revisions[-1].date
    for index, approval in enumerate(manual.approvals or ()):
        if approval.version is not None:
            continue
        if approval.date is not None and approval.date < revised:
            yield source.at(
                "W405", ("approvals", index, "date"), date=approval.date, revised=revised
            )


def approved_versions(manual: Manual, source: Source) -> Found:
    """A signature row that names its version signs a version the history has (E511),
    this version unless its meaning says why another (W509), and is dated on or after
    that version's revision (E510)."""
    revisions = {revision.version: revision for revision in manual.revisions or ()}
    current = manual.meta.version
    for index, approval in enumerate(manual.approvals or ()):
        version = approval.version
        if version is None:
            continue
        where = ("approvals", index, "version")
        if revisions and version not in revisions:
            yield source.at(
                "E511", where, role=approval.role, version=version, versions=", ".join(revisions)
            )
            continue
        if version != current and version not in (approval.meaning or ""):
            yield source.at("W509", where, role=approval.role, version=version, current=current)
        revision = revisions.get(version)
        if revision is not None and approval.date is not None and approval.date < revision.date:
            yield source.at(
                "E510",
                ("approvals", index, "date"),
                role=approval.role,
                date=approval.date,
                version=version,
                revised=revision.date,
            )


def unsigned_dates(manual: Manual, source: Source) -> Found:
    """A signature row dated but not named: signed by nobody?"""
    for index, approval in enumerate(manual.approvals or ()):
        if approval.date is not None and approval.name is None:
            yield source.at(
                "W407", ("approvals", index, "date"), date=approval.date, role=approval.role
            )


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
