"""A plan that a theme's template writes as YAML (the deck's slides, the office editions'
blocks), rendered through Jinja and read back with the source's own safe loader: no
aliases to blow up, no duplicate keys, no tags. Each plan module then checks its shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csmanual.loader import LoadError, loads
from csmanual.theme import Theme, ThemeError


def read_plan(
    theme: Theme, template: str, context: dict, filters: dict[str, Callable], what: str
) -> tuple[Any, str]:
    """The plan's data and the template's path (where its problems are placed)."""
    text = theme.render(template, context, filters=filters)
    where = str(theme.find(template))
    try:
        return loads(text, what).data, where
    except LoadError as error:
        first = error.diagnostics[0]
        lines = text.splitlines()
        line = first.line
        shown = lines[line - 1].strip() if line and line <= len(lines) else ""
        raise ThemeError(
            f"{what} is not valid YAML at line {line} of its output "
            f"({first.message('en')}): {shown[:120]}",
            where,
        ) from None
