"""The words csmanual says come from the catalogues, by key, in one language choice."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from csmanual import messages
from csmanual.catalogue import L, language
from csmanual.catalogue.words import WORDS
from csmanual.model import SECTIONS, Manual

PACKAGE = Path(messages.__file__).parent


def _inline_words(path: Path) -> list[str]:
    """`L("…", "…")` calls with literal or f-string texts: words outside a catalogue."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "L"
            and any(isinstance(a, (ast.Constant, ast.JoinedStr)) for a in node.args)
        ):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_logic_modules_say_no_words_of_their_own():
    """Every pair of words lives in a catalogue module, looked up by key."""
    modules = [p for p in PACKAGE.rglob("*.py") if "catalogue" not in p.parts]
    found = [where for path in modules for where in _inline_words(path)]
    assert not found, f"inline L(…) outside the catalogues: {found}"


@pytest.mark.parametrize("lang,expected", [("en", "en"), ("ko", "ko"), ("fr", "ko"), (None, "ko")])
def test_one_language_choice(lang, expected):
    """English when asked for, Korean otherwise — for L, rules and words alike."""
    assert language(lang) == expected
    assert L("가", "a").get(lang) == ("a" if expected == "en" else "가")
    assert messages.word("diff.none", lang) == WORDS["diff.none"].get(expected)
    rule = messages.RULES["E104"]
    assert messages.render("E104", lang, {}) == (rule.en if expected == "en" else rule.ko)


def test_every_word_has_both_languages():
    for key, words in WORDS.items():
        assert words.ko.strip() and words.en.strip(), key


def test_the_sections_are_the_manuals_fields_in_order():
    assert list(SECTIONS) == list(Manual.model_fields)


def test_a_word_carried_by_a_diagnostic_is_picked_when_printed():
    carried = messages.wording("suggest.known_ids", ids="agent, team-lead")
    assert carried.en == "known ids: agent, team-lead"
    assert carried.ko == "가능한 id: agent, team-lead"
