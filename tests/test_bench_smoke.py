"""The benchmark's synthetic sources (tests/bench/scale.py) are valid and really ×N.

No timings here: `make bench` measures, this only keeps its inputs honest.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from csmanual.validate import validate_file

BENCH = Path(__file__).resolve().parent / "bench"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


scale = _load("scale")


@pytest.mark.parametrize(
    "source", [scale.sample_source(), scale.EXAMPLE], ids=["sample", "example"]
)
def test_x10_source_validates_with_ten_times_the_items(tmp_path, source):
    original = scale.read(source)
    path = scale.write_scaled(10, tmp_path, source)
    result = validate_file(path)
    errors = [d for d in result.diagnostics if d.level == "error"]
    assert result.manual is not None and not errors, errors[:5]
    before, after = scale.count_items(original), scale.count_items(scale.read(path))
    assert before and after.keys() == before.keys()
    assert after == {name: 10 * count for name, count in before.items()}
    # revisions and approvals (ordered by version and date) are left as they were
    for fixed in scale.FIXED:
        assert scale.read(path).get(fixed) == original.get(fixed)


def test_copies_have_unique_ids_and_claim_steps_in_order(tmp_path):
    data = scale.scale_data(scale.read(scale.sample_source()), 3)
    for section, count in scale.count_items(data).items():
        outer, _, inner = section.partition(".")
        items = data[outer][inner] if inner else data[outer]
        ids = [item["id"] for item in items]
        assert len(set(ids)) == len(ids) == count, section
    numbers = [step["number"] for step in data.get("claim_steps") or ()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_x1_is_an_unchanged_copy():
    data = scale.read(scale.sample_source())
    assert scale.scale_data(data, 1) == data


def test_copies_add_no_repeated_text_warnings(tmp_path):
    """Copies differ in every long text, so rule W503 does not fire on them."""
    source = scale.sample_source()
    before = validate_file(source).diagnostics
    after = validate_file(scale.write_scaled(3, tmp_path, source)).diagnostics
    repeated = lambda found: sum(d.code == "W503" for d in found)  # noqa: E731
    assert repeated(after) == repeated(before)


run = _load("run")


@pytest.mark.parametrize("factor", [1, 10])
def test_the_benchmarks_edit_changes_one_behaviour_types_text(tmp_path, factor):
    """The 'build after an edit' run edits one text of one behaviour type, and nothing
    else, in the sample and in its ×10 copy (written by PyYAML, folded differently)."""
    source = scale.write_scaled(factor, tmp_path / "scaled")
    original = scale.read(source)
    path = tmp_path / "edited.yaml"
    path.write_text(run.edited(source.read_text(encoding="utf-8"), 7), encoding="utf-8")
    result = validate_file(path)
    assert not [d for d in result.diagnostics if d.level == "error"]
    changed = scale.read(path)
    first = original["behaviour_types"][0]["traits"][0]
    assert changed["behaviour_types"][0]["traits"][0] == f"{first} 수정7"
    changed["behaviour_types"][0]["traits"][0] = first
    assert changed == original
