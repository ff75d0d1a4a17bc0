"""The JSON Schema an editor reads (`csmanual schema`): the models' schema with a title and
a description for every field, in Korean, English or both, from the catalogue
(`catalogue/schema_words.py`), so that a hover explains the field in the writer's words.
"""

from __future__ import annotations

from csmanual.catalogue import L
from csmanual.catalogue.schema_words import COMMON, DURATION, FIELDS, MODELS, SCHEMA_TITLE
from csmanual.messages import fill

LANGS = ("ko", "en", "both")


def json_schema(lang: str = "both") -> dict:
    """The source's JSON Schema with the catalogue's words in `lang` (ko, en or both)."""
    from csmanual.model import json_schema as models_schema

    schema = models_schema()
    schema["title"] = _said(SCHEMA_TITLE, lang, " / ")
    _describe("Manual", schema, lang)
    for name, model in schema.get("$defs", {}).items():
        _describe(name, model, lang)
    return schema


def words_of(model: str, field: str) -> tuple[L, L] | None:
    """(title, description) of a field: its own, else the words every model shares."""
    return FIELDS.get(f"{model}.{field}") or COMMON.get(field)


def _describe(name: str, model: dict, lang: str) -> None:
    if name in MODELS:
        model["description"] = _said(MODELS[name], lang)
    for field, property_ in model.get("properties", {}).items():
        said = words_of(name, field)
        if said is None:  # tests/test_schema_words.py names the field; no hover text here
            property_.pop("title", None)
            continue
        title, description = said
        property_["title"] = _said(title, lang, " / ")
        property_["description"] = _said(description, lang)


def _said(text: L, lang: str, between: str = "\n\n") -> str:
    """The words in one language, or Korean then English (titles: `이름 / Name`)."""
    if lang == "both":
        ko, en = (_said(text, one) for one in ("ko", "en"))
        return ko if ko == en else f"{ko}{between}{en}"
    said = fill(text.get(lang), lang, {"duration": DURATION})
    return said[:1].upper() + said[1:] if lang == "en" else said  # a hover shows a sentence
