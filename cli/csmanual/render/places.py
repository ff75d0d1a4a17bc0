"""Where in the source an item of the context stands, for a renderer's diagnostics.

The build puts `positions` in the context: `{"behaviour_types/loud": "source/manual.yaml:120",
"initial_response": …}` for every list item and every section, and `source_file`. A
renderer's warning about an item (a slide, a desk card) is then placed at its line, as
the source's own problems are.
"""

from __future__ import annotations

from typing import Any


def place(context: dict[str, Any], key: str | None, fallback: str) -> tuple[str, int | None]:
    """(file, line) of `key` ("section/id" or "section"); else (the source file, None);
    else (`fallback`, None) when the context does not say where the source is."""
    where = (context.get("positions") or {}).get(key or "")
    if isinstance(where, dict):  # {"file": …, "line": …}, as an older build gave it
        where = ":".join(str(where[k]) for k in ("file", "line") if where.get(k))
    if isinstance(where, str) and where:
        file, _, line = where.rpartition(":")
        if file and line.isdigit():
            return file, int(line)
        return where, None
    return str(context.get("source_file") or fallback), None
