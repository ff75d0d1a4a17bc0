"""Golden files: compare an output with tests/golden/<name>, or rewrite it on purpose.

`make golden` sets UPDATE_GOLDEN=1, which writes the current output instead of comparing;
review the change with `git diff tests/golden` before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def updating() -> bool:
    return os.environ.get("UPDATE_GOLDEN") == "1"


def path(name: str) -> Path:
    return GOLDEN / name


def check_text(name: str, actual: str) -> None:
    """Assert that `actual` equals the golden text (or rewrite the golden file)."""
    golden = path(name)
    if updating():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"no golden file {golden}: run `make golden` and review it"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file; if intended, `make golden`"
