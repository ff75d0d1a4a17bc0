"""Looking words up: every text csmanual says to people comes from `csmanual.catalogue`.

One language choice for all of them (`language`: English when asked for, Korean
otherwise), and one way of filling a template (`fill`): `str.format` over named
arguments, an `L` argument in the language of the text, and a count written
`{n:# place|# places}` read in the singular or the plural.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from csmanual.catalogue import LANGS as LANGS  # re-exported: theme checks labels by it
from csmanual.catalogue import L, Rule
from csmanual.catalogue import language as language  # the one choice of language
from csmanual.catalogue.render_rules import RENDER_RULES
from csmanual.catalogue.rules import SOURCE_RULES
from csmanual.catalogue.theme_rules import THEME_RULES
from csmanual.catalogue.words import WORDS
from csmanual.catalogue.yaml_problems import SAME_PROBLEM, YAML_PROBLEMS

RULES: dict[str, Rule] = {rule.code: rule for rule in [*SOURCE_RULES, *RENDER_RULES, *THEME_RULES]}


class _Formatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec and isinstance(value, int) and not isinstance(value, bool):
            one, many = format_spec.split("|", 1)
            return (one if value == 1 else many).replace("#", str(value))
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def fill(template: str, lang: str, args: Mapping[str, object]) -> str:
    """`template` with `args` filled in; an `L` argument in `lang`."""
    local = {k: v.get(lang) if isinstance(v, L) else v for k, v in args.items()}
    try:
        return _FORMATTER.vformat(template, (), local)
    except (KeyError, IndexError, ValueError):  # a message must never crash the report
        return template


def render(code: str, lang: str, args: Mapping[str, object]) -> str:
    return fill(RULES[code].message.get(lang), lang, args)


def render_hint(code: str, lang: str, args: Mapping[str, object]) -> str:
    return fill(RULES[code].hint.get(lang), lang, args)


def wording(key: str, **args: object) -> L:
    """The catalogue's words for `key` in both languages, filled in: what a diagnostic
    carries as an argument, picked when it is printed."""
    words = WORDS[key]
    if not args:
        return words
    return L(fill(words.ko, "ko", args), fill(words.en, "en", args))


def word(key: str, lang: str, **args: object) -> str:
    """The catalogue's words for `key` in `lang`, filled in."""
    return fill(WORDS[key].get(lang), lang, args)


def both(key: str) -> str:
    """`key` in Korean and English at once, for a page whose language is not known."""
    return f"{word(key, 'ko')} · {word(key, 'en')}"


def value_kind(tag: str) -> L:
    """What YAML read an unquoted value as, by its tag (`int`, `bool` …)."""
    return WORDS.get(f"read_as.{tag}") or L.same(tag)


def summary(errors: int, warnings: int, lang: str) -> str:
    if not errors and not warnings:
        return word("report.clean", lang)
    return word("report.counts", lang, errors=errors, warnings=warnings)


def not_shown(hidden: int, lang: str) -> str:
    return word("report.not_shown", lang, hidden=hidden)


def yaml_problem(problem: str) -> L:
    """libyaml's problem in the reader's language (unknown ones as libyaml says them)."""
    key = problem
    for pattern, same in SAME_PROBLEM:
        if re.fullmatch(pattern, problem, re.S):
            key = re.sub(pattern, same, problem, flags=re.S)
            break
    return YAML_PROBLEMS.get(key, L.same(problem))
