"""A diagnostic names the list items on its path by their ids: behaviour_types[loud-complainer]."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from csmanual.diagnostics import Diagnostic, DiagnosticError, Index, format_json, format_path
from csmanual.loader import LoadError, loads
from csmanual.validate import validate_file, validate_source

EXAMPLE = Path(__file__).parents[1] / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
TEXT = EXAMPLE.read_text("utf-8")


def with_change(old: str, new: str) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


def test_format_path_names_an_item_by_its_id():
    path = ("behaviour_types", Index(13, "loud-complainer"), "do", 2)
    assert format_path(path) == "behaviour_types[loud-complainer].do[2]"
    assert format_path(("roles", 0, "name")) == "roles[0].name"


def test_an_index_is_still_the_index():
    index = Index(3, "phone")
    assert index == 3 and hash(index) == hash(3) and {3: "x"}[index] == "x"
    assert ["a", "b", "c", "d"][index] == "d"
    assert pickle.loads(pickle.dumps(index)).id == "phone"


def test_a_content_finding_names_the_item(tmp_path):
    source = tmp_path / "manual.yaml"
    source.write_text(with_change("    escalate_to: team-lead", "    escalate_to: team-leed"))
    [found] = validate_file(source).diagnostics
    assert found.code == "E202"
    shown = format_path(found.path)
    assert shown == "behaviour_types[loud-complainer].escalate_to"
    assert json.loads(format_json("x", [found], "en"))["diagnostics"][0]["path"] == shown


def test_a_shape_error_names_the_item_and_keeps_the_index_of_a_text_in_a_list():
    text = with_change("    name: 전화\n", "    name: \n")
    [found] = validate_source(loads(text, "m.yaml")).diagnostics
    assert (found.code, format_path(found.path)) == ("E104", "channels[phone].name")
    assert found.path == ("channels", 0, "name")  # the same path, for positions and filters


def test_an_item_with_a_repeated_or_malformed_id_keeps_its_index():
    repeated = with_change("  - id: team-lead\n", "  - id: agent\n")
    paths = [format_path(d.path) for d in validate_source(loads(repeated, "m.yaml")).diagnostics]
    assert "roles[1].id" in paths, paths
    malformed = with_change("  - id: team-lead\n", "  - id: Team-Lead\n")
    paths = [format_path(d.path) for d in validate_source(loads(malformed, "m.yaml")).diagnostics]
    assert "roles[1].id" in paths, paths


def test_a_repeated_key_in_an_item_names_the_item():
    text = with_change("    name: 전화\n", "    name: 전화\n    name: 유선\n")
    try:
        loads(text, "m.yaml")
    except LoadError as error:
        [found] = error.diagnostics
    assert (found.code, format_path(found.path)) == ("E008", "channels[phone].name")


def test_the_id_survives_a_render_child():
    found = Diagnostic("E104", "m.yaml", 1, 1, ("channels", Index(0, "phone"), "name"))
    again = pickle.loads(pickle.dumps(DiagnosticError(found)))
    assert format_path(again.diagnostics[0].path) == "channels[phone].name"
