"""Synthetic sources for the benchmark: the sample manual with its lists cloned ×N.

Every list of items (behaviour types, claim steps, FAQs, segments, channels, roles …,
and the item lists inside privacy, feedback and maintenance) gets N-1 copies of each
item appended, in order. A copy keeps the original's shape and size:

- its id gets a suffix (`loud-complainer` → `loud-complainer-x2`), so ids stay unique;
- its name/title/question and every text of 20 characters or more get " (2)" appended,
  so the repeated-text rule (W503, texts of 20+ characters) does not fire on copies and
  every format shows distinct items;
- fields that point at other items (owner, escalate_to, deadline …) keep pointing at the
  originals; claim steps are renumbered 1…N in order (rule E401).

Revisions and approvals stay as they are (their versions and dates must increase), and so
do the short fixed lists of stages (initial-response flow, follow-up statuses): a real
manual grows in items, not in versions or in the number of stages of one flow.

    python tests/bench/scale.py 10 /tmp/x10      # writes /tmp/x10/source/manual.yaml
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "manual.yaml"
EXAMPLE = ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml"

FIXED = {"revisions", "approvals"}  # ordered by version and date: never cloned
NESTED = {  # item lists inside single sections
    ("privacy", "rules"),
    ("feedback", "methods"),
    ("maintenance", "triggers"),
}
NAMES = ("name", "title", "term", "question")
MIN_UNIQUE = 20  # texts this long must not repeat (rule W503)


def sample_source() -> Path:
    """The full Korean sample when it exists, else the package's short example."""
    return SAMPLE if SAMPLE.is_file() else EXAMPLE


def _no_suffix_fields() -> dict[str, set[str]]:
    """{section: fields whose values are ids/durations/numbers}, from the model itself."""
    from csmanual.model import LIST_SECTIONS, Item, item_model
    from csmanual.rules import ref_marker

    out: dict[str, set[str]] = {}
    for section in LIST_SECTIONS:
        model = item_model(section)
        out[section] = {
            name for name in model.model_fields if ref_marker(model, name) is not None
        } | {"id", "within", "version", "number", "date", "review_cycle"}
    item_refs = {n for n in Item.model_fields if ref_marker(Item, n) is not None}
    for _, inner in NESTED:
        out[inner] = item_refs | {"id"}
    return out


def _suffixed(value: Any, suffix: str, name_field: bool) -> Any:
    if isinstance(value, str):
        if name_field or len(value.strip()) >= MIN_UNIQUE:
            return f"{value} {suffix}"
        return value
    if isinstance(value, list):
        return [_suffixed(v, suffix, False) for v in value]
    if isinstance(value, dict):
        return {k: _suffixed(v, suffix, False) for k, v in value.items()}
    return value


def _clone(item: dict, copy_number: int, keep: set[str]) -> dict:
    out = {}
    for key, value in item.items():
        if key == "id":
            out[key] = f"{value}-x{copy_number}"
        elif key in keep:
            out[key] = copy.deepcopy(value)
        else:
            out[key] = _suffixed(value, f"({copy_number})", key in NAMES)
    return out


def _grow(items: list, factor: int, keep: set[str]) -> list:
    grown = list(items)
    for number in range(2, factor + 1):
        grown += [_clone(item, number, keep) for item in items if isinstance(item, dict)]
    return grown


def scale_data(data: dict, factor: int) -> dict:
    """The source tree with every item list ×factor (factor 1: an unchanged copy)."""
    from csmanual.model import LIST_SECTIONS

    data = copy.deepcopy(data)
    if factor <= 1:
        return data
    keep = _no_suffix_fields()
    for section in LIST_SECTIONS:
        items = data.get(section)
        if section in FIXED or not isinstance(items, list):
            continue
        data[section] = _grow(items, factor, keep.get(section, {"id"}))
        if section == "claim_steps":
            for number, step in enumerate(data[section], 1):
                step["number"] = number
    for section, inner in NESTED:
        block = data.get(section)
        if isinstance(block, dict) and isinstance(block.get(inner), list):
            block[inner] = _grow(block[inner], factor, keep[inner])
    return data


def count_items(data: dict) -> dict[str, int]:
    """{list name: number of items} of every list the scaler grows."""
    from csmanual.model import LIST_SECTIONS

    counts = {
        s: len(data[s]) for s in LIST_SECTIONS if s not in FIXED and isinstance(data.get(s), list)
    }
    for section, inner in NESTED:
        block = data.get(section)
        if isinstance(block, dict) and isinstance(block.get(inner), list):
            counts[f"{section}.{inner}"] = len(block[inner])
    return counts


def read(path: str | Path) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def write_scaled(factor: int, folder: str | Path, source: str | Path | None = None) -> Path:
    """Write `folder/source/manual.yaml`, the sample ×factor; return its path.

    In a `source/` folder, so the build's project root is `folder` (no templates/ there:
    the default theme is used, as for the sample in this repository).
    """
    data = scale_data(read(source or sample_source()), factor)
    path = Path(folder) / "source" / "manual.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(data, path)
    if factor > 1:
        _follow_counts(data, path)
    return path


def _write(data: dict, path: Path) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def _follow_counts(data: dict, path: Path) -> None:
    """A text that writes a list's count as a number ("처리 7단계") is wrong once the list
    has ×N items (rule E508): it gets the reference the rule suggests instead, as a
    writer would fix it (`[[count.claim_steps]]단계`)."""
    from csmanual.validate import validate_file

    for _ in range(3):
        fixes = [d for d in validate_file(path).diagnostics if d.code == "E508"]
        if not fixes:
            return
        for found in fixes:
            *parents, last = found.path
            holder = data
            for key in parents:
                holder = holder[key]
            holder[last] = holder[last].replace(found.args["literal"], found.args["example"])
        _write(data, path)


if __name__ == "__main__":
    factor, folder = int(sys.argv[1]), sys.argv[2]
    print(write_scaled(factor, folder))
