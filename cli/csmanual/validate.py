"""Check a source: load it, check its shape against the schema, then run every rule.

Returns all problems at once. Shape errors come from pydantic and are translated to
our rule codes with positions. The content rules (`rules.py`) need the typed model:
when the shape is wrong they run on the source without its broken parts (the list
items, or the keys outside lists, that hold a shape error), and report what stands in
the rest, so that a misspelt key does not hide a broken reference elsewhere.
"""

from __future__ import annotations

import os
from copy import deepcopy
from dataclasses import dataclass, field, replace
from difflib import get_close_matches

from pydantic import ValidationError

from csmanual import rules
from csmanual.diagnostics import Diagnostic, KeyPath
from csmanual.loader import LoadError, Source, load
from csmanual.messages import L, language, value_kind, wording
from csmanual.model import DURATION_PATTERN, ID_PATTERN, PERIOD_PATTERN, VERSION_PATTERN, Manual
from csmanual.model_walk import at, submodel


@dataclass
class Result:
    """What validation found: the model (None if the shape is wrong) and the problems."""

    path: str
    manual: Manual | None
    source: Source | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.level == "error" for d in self.diagnostics)

    @property
    def lang(self) -> str:
        if self.manual is not None:
            return self.manual.meta.language
        meta = self.source.data.get("meta") if self.source else None
        return language(meta.get("language")) if isinstance(meta, dict) else "ko"


def validate_file(path: str | os.PathLike) -> Result:
    try:
        source = load(path)
    except LoadError as error:
        return Result(str(path), None, None, error.diagnostics)
    return validate_source(source)


def validate_source(source: Source) -> Result:
    try:
        manual = Manual.model_validate(source.data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        problems = [_translate(e, source) for e in errors]
        broken = [tuple(e["loc"]) for e in errors]
        found = source.warnings + problems + _content_without(source, broken)
        return Result(source.path, None, source, found)
    return Result(source.path, manual, source, source.warnings + rules.check(manual, source))


# --- the content rules despite shape errors ----------------------------------------------

# rules found elsewhere that weigh a whole section, which a left-out part could set off
_WEIGHS = {
    "E402": "revisions",
    "E404": "revisions",
    "W405": "revisions",
    "E501": "deadlines",
    "W502": "deadlines",
    "E206": "custom_sections",  # a name in settings may be a left-out custom section's id
}


def _content_without(source: Source, broken: list[KeyPath]) -> list[Diagnostic]:
    """The content rules' findings outside the sections whose shape is broken, found on
    the source without its broken parts; [] when a required part is broken (the rules
    wait for the fix). What leaving parts out could cause itself is not reported: a
    reference into a section that lost a part, a rule weighing such a section."""
    left_out = {_part_of(path) for path in broken}
    try:
        manual = Manual.model_validate(_without(source.data, left_out))
    except ValidationError:
        return []
    touched = {path[0] for path in left_out}
    return [d for d in rules.check(manual, source) if _stands(d, touched)]


def _part_of(path: KeyPath) -> KeyPath:
    """The list item holding a shape error (the innermost), or the key itself."""
    items = [i for i, part in enumerate(path) if isinstance(part, int)]
    return path[: items[-1] + 1] if items else path


def _without(data: dict, parts: set[KeyPath]) -> dict:
    copy = deepcopy(data)
    # later list items (and deeper parts) first, so that the indexes still to come hold
    for path in sorted(parts, key=lambda p: [(isinstance(x, str), x) for x in p], reverse=True):
        parent = at(copy, path[:-1])
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif isinstance(parent, list) and isinstance(path[-1], int) and path[-1] < len(parent):
            del parent[path[-1]]
    return copy


def _stands(found: Diagnostic, touched: set) -> bool:
    """Whether a finding holds whatever the left-out parts of the `touched` sections say:
    it lies outside them, and neither weighs one of them nor points into one (the id a
    reference names may be that of a left-out item, or of one whose id is what broke)."""
    if found.path and found.path[0] in touched:
        return False
    if _WEIGHS.get(found.code) in touched:
        return False
    if found.code == "E202":
        return found.args.get("section") not in touched
    if found.code == "E203":
        return str(found.args.get("ref", "")).partition(".")[0] not in touched
    if found.code == "W503":
        return not str(found.args.get("other", "")).startswith(tuple(touched))
    return True


# pydantic's error type → what the field takes (a key of catalogue.words)
_EXPECTED = {
    "string_type": "expected.text",
    "int_type": "expected.whole_number",
    "int_parsing": "expected.whole_number",
    "int_from_float": "expected.whole_number",
    "bool_type": "expected.true_false",
    "bool_parsing": "expected.true_false",
    "list_type": "expected.list",
    "model_type": "expected.map",
    "dict_type": "expected.map",
    "model_attributes_type": "expected.map",
}
# a pattern → the name of its format (E107), or None for an id (E106)
_FORMATS = {
    ID_PATTERN: None,
    VERSION_PATTERN: "format.version",
    DURATION_PATTERN: "format.duration",
    PERIOD_PATTERN: "format.duration",
}


def _found(value: object) -> L:
    if isinstance(value, str):
        return wording("found.text")
    if isinstance(value, bool):
        return value_kind("bool")
    if isinstance(value, (int, float)):
        return value_kind("int")
    if isinstance(value, list):
        return wording("found.list")
    if isinstance(value, dict):
        return wording("found.map")
    return L.same(type(value).__name__)


def _translate(error: dict, source: Source) -> Diagnostic:
    path: KeyPath = tuple(error["loc"])
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        # located where the field should be added: the map that lacks it
        return replace(source.at("E101", path[:-1], field=path[-1]), path=source.named(path))
    if kind == "extra_forbidden":
        model = submodel(Manual, path[:-1])
        allowed = list(model.model_fields) if model else []
        close = get_close_matches(str(path[-1]), allowed, 1)
        if close:
            suggestion = wording("suggest.key", name=close[0])
        else:
            suggestion = wording("suggest.allowed_keys", names=", ".join(allowed))
        return source.at("E103", path, on_key=True, key=path[-1], suggestion=suggestion)
    if value is None or kind in ("string_too_short", "too_short"):
        return source.at("E104", path)
    coerced = source.coerced.get(path)
    if coerced and kind in ("string_type", "string_pattern_mismatch"):
        return source.at("E105", path, raw=coerced.raw, kind=value_kind(coerced.kind))
    if kind in ("string_pattern_mismatch", "string_too_long"):
        pattern = ctx.get("pattern", ID_PATTERN)
        described = _FORMATS.get(pattern)
        if described is None:
            return source.at("E106", path, value=value)
        what, example = wording(described), wording(f"{described}.example")
        return source.at("E107", path, value=value, what=what, example=example)
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        shown = coerced.raw if coerced else value  # language: NO reads as False: show NO
        return source.at(
            "E107",
            path,
            value=shown,
            what=wording("format.value"),
            example=wording(
                "format.allowed", listed=expected.replace(" or ", ", "), expected=expected
            ),
        )
    if kind.startswith("date"):
        return source.at(
            "E107",
            path,
            value=value,
            what=wording("format.date"),
            example=wording("format.date.example"),
        )
    expected = wording(_EXPECTED[kind]) if kind in _EXPECTED else L.same(error.get("msg", kind))
    return source.at("E102", path, expected=expected, found=_found(value))
