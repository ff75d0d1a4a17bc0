"""Every field of the JSON Schema says what it is, in Korean and English, so that an
editor's hover explains it (`csmanual schema`, source/manual.schema.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual.catalogue.schema_words import FIELDS, MODELS
from csmanual.cli import main
from csmanual.editor_schema import json_schema, words_of
from csmanual.model import json_schema as models_schema

ROOT = Path(__file__).parents[1]
HANGUL = re.compile("[가-힣]")


def models(schema: dict) -> dict[str, dict]:
    return {"Manual": schema, **schema["$defs"]}


def test_every_field_of_every_model_has_words_in_both_languages():
    missing = [
        f"{name}.{field}"
        for name, model in models(models_schema()).items()
        for field in model.get("properties", {})
        if words_of(name, field) is None
    ]
    assert not missing, f"fields without a title and description in schema_words: {missing}"
    for name, model in models(models_schema()).items():
        assert name in MODELS, name
        for field in model.get("properties", {}):
            for said in words_of(name, field):
                assert said.ko.strip() and said.en.strip(), (name, field)


def test_no_words_for_fields_that_are_gone():
    known = {
        f"{n}.{f}" for n, m in models(models_schema()).items() for f in m.get("properties", {})
    }
    assert not set(FIELDS) - known
    assert not set(MODELS) - set(models(models_schema()))


@pytest.mark.parametrize("lang", ["ko", "en", "both"])
def test_every_property_has_a_description_in_its_language(lang):
    for name, model in models(json_schema(lang)).items():
        assert model.get("description"), name
        for field, said in model["properties"].items():
            description, title = said.get("description", ""), said.get("title", "")
            assert description and title, f"{name}.{field}"
            korean = bool(HANGUL.search(description))
            if lang == "en":
                assert not korean, f"{name}.{field}: {description}"
            else:
                assert korean, f"{name}.{field}: {description}"
            if lang == "both":
                assert re.search("[a-z]{3}", description.split("\n\n")[-1]), f"{name}.{field}"


def test_titles_are_words_not_field_names():
    schema = json_schema("en")
    said = schema["$defs"]["BehaviourType"]["properties"]["dont_say"]
    assert said["title"] == "Don't say"
    assert "never to say" in said["description"]
    within = schema["$defs"]["Deadline"]["properties"]["within"]["description"]
    assert "4bh (business hours)" in within and "{" not in within


def test_the_schema_follows_the_language_asked_for():
    result = CliRunner().invoke(main, ["schema", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json_schema("en")


def test_the_schema_follows_the_manuals_language(tmp_path, monkeypatch):
    (tmp_path / "source").mkdir()
    example = ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml"
    (tmp_path / "source" / "manual.yaml").write_text(example.read_text("utf-8"), "utf-8")
    monkeypatch.chdir(tmp_path)
    assert json.loads(CliRunner().invoke(main, ["schema"]).output) == json_schema("en")
    (tmp_path / "source" / "manual.yaml").unlink()  # no manual: both languages
    assert json.loads(CliRunner().invoke(main, ["schema"]).output) == json_schema("both")


def test_the_repositorys_schema_file_is_the_generated_one():
    """`make schema` was run after the words or the models changed."""
    written = json.loads((ROOT / "source" / "manual.schema.json").read_text("utf-8"))
    assert written == json_schema("ko")  # the sample is Korean
