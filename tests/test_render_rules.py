"""The renderers' rule codes (E702–E749, W701–W749): each one a real sentence in both
languages, whatever the args a renderer gives it."""

from __future__ import annotations

import re
import string

import pytest

from csmanual.catalogue.render_rules import RENDER_RULES
from csmanual.diagnostics import Diagnostic
from csmanual.messages import RULES

SAMPLE = {"size": 300, "limit": 256, "slide": 12, "length": 180}


def fields(rule) -> set[str]:
    texts = (rule.ko, rule.en, rule.hint_ko, rule.hint_en)
    return {f for t in texts for _, f, _, _ in string.Formatter().parse(t) if f}


@pytest.mark.parametrize("rule", RENDER_RULES, ids=lambda r: r.code)
def test_a_render_rule_is_a_sentence_in_both_languages(rule):
    assert re.fullmatch(r"[EW]7[0-4]\d", rule.code), "E75x/W75x on are the theme's"
    assert rule.severity == ("error" if rule.code[0] == "E" else "warning")
    assert RULES[rule.code] is rule
    args = {name: SAMPLE.get(name, f"<{name}>") for name in fields(rule)}
    found = Diagnostic(rule.code, "theme/pptx/master.pptx", args=args)
    for lang in ("ko", "en"):
        message, hint = found.message(lang), found.hint(lang)
        assert message and hint and "{" not in message + hint, (lang, message, hint)
        if not rule.en.endswith("}"):  # else it ends in an engine's own words
            assert message.rstrip(")").endswith((".", "…", "다")), message
    assert re.search("[가-힣]", found.message("ko")), "the Korean message is Korean"
    assert rule.title and not rule.title.endswith(".")


def test_codes_are_unique():
    codes = [rule.code for rule in RENDER_RULES]
    assert len(codes) == len(set(codes))
