"""Every output of the reference sources is byte-identical to the recorded hashes.

A restructuring of the code must not change one byte of any output; a change that means
to (a new label, a fixed layout) rewrites the record on purpose with `make golden`.
The hashes hold only for the engines they were made with, so a machine with other
versions of WeasyPrint, Pango, python-pptx or fontTools skips, saying which differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "tools"))
import output_hashes

from goldens import updating

pytestmark = [pytest.mark.slow, pytest.mark.golden]


def test_every_output_is_byte_identical_to_the_record():
    if updating():
        result = {"engines": output_hashes.engines(), "sha256": output_hashes.hashes()}
        output_hashes.GOLDEN.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
        return
    record = json.loads(output_hashes.GOLDEN.read_text(encoding="utf-8"))
    engines = output_hashes.engines()
    differ = {k: (v, engines.get(k)) for k, v in record["engines"].items() if engines.get(k) != v}
    if differ:
        pytest.skip(f"engines differ from the record (recorded, here): {differ}")
    actual = output_hashes.hashes()
    changed = sorted(k for k in record["sha256"] if actual.get(k) != record["sha256"][k])
    added = sorted(set(actual) - set(record["sha256"]))
    assert not changed and not added, f"outputs changed: {changed}; new: {added}"
