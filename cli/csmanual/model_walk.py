"""Walking a manual: the typed model's tree and the loaded source's tree, with key paths.

A key path is a tuple of keys and list indexes, `("roles", 0, "escalates_to")`: an item's
path in the model is its path in the YAML file, so a path found walking the model locates
a problem in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Annotated, get_args, get_origin

from pydantic import BaseModel

from csmanual.diagnostics import Index, KeyPath
from csmanual.model import ID_PATTERN, Manual, Model, Needed, Ref


def walk(model: BaseModel, path: KeyPath = ()) -> Iterator[tuple[KeyPath, BaseModel]]:
    """Every model in the tree with its path, parents first."""
    yield path, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from walk(value, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, (*path, name, index))


def strings(data: object, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every text value in the loaded source with its path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))


@cache
def markers(model: type[BaseModel], name: str) -> tuple[object, ...]:
    """The Ref/Needed markers on a field, wherever they sit in its annotation."""
    info = model.model_fields[name]
    found = list(info.metadata)
    pending = [info.annotation]
    while pending:
        annotation = pending.pop()
        if get_origin(annotation) is Annotated:
            found.extend(annotation.__metadata__)
        pending.extend(get_args(annotation))
    return tuple(m for m in found if isinstance(m, (Ref, Needed)))


def ref_marker(model: type[BaseModel], name: str) -> Ref | None:
    return next((m for m in markers(model, name) if isinstance(m, Ref)), None)


def ids(manual: Manual, section: str) -> list[str]:
    return [item.id for item in getattr(manual, section) or ()]


def named(data: object, path: KeyPath) -> KeyPath:
    """`path` with each list index that points at an item with an id carrying that id
    (`Index`), so that it prints `behaviour_types[loud-complainer].do` rather than
    `behaviour_types[13].do`. An id that is malformed, or not unique in its list, names
    nothing: that item keeps its index."""
    out: list[str | int] = []
    for part in path:
        if isinstance(data, list) and type(part) is int and 0 <= part < len(data):
            item_id = _id_of(data, part)
            out.append(Index(part, item_id) if item_id else part)
        else:
            out.append(part)
        data = at(data, (part,))
    return tuple(out)


def _id_of(items: list, index: int) -> str | None:
    item = items[index]
    item_id = item.get("id") if isinstance(item, dict) else None
    if not isinstance(item_id, str) or not _ID.fullmatch(item_id):
        return None
    same = sum(1 for other in items if isinstance(other, dict) and other.get("id") == item_id)
    return item_id if same == 1 else None


_ID = re.compile(ID_PATTERN)


def at(data: object, path: KeyPath) -> object:
    """The value at `path` in the loaded source, or None where there is none."""
    for part in path:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def submodel(model: type[Model], path: tuple) -> type[Model] | None:
    """The model class found at `path` below `model` (list indexes are skipped)."""
    for part in path:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        found = _model_in(info.annotation) if info else None
        if found is None:
            return None
        model = found
    return model


def _model_in(annotation) -> type[Model] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
