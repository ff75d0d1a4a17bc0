"""Looking words up: every text csmanual says to people comes from `csmanual.catalogue`.

One language choice for all of them (`language`: English when asked for, Korean
otherwise), and one way of filling a template (`fill`): `str.format` over named
arguments, an `L` argument in the language of the text, a count written
`{n:# place|# places}` read in the singular or the plural, and a Korean particle written
in its neutral form — 이(가), 은(는), 을(를), 과(와), (으)로, (이)라고 — in the form the
word before it takes.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from csmanual.catalogue import LANGS as LANGS  # re-exported: theme checks labels by it
from csmanual.catalogue import L, Rule
from csmanual.catalogue import language as language  # the one choice of language
from csmanual.catalogue.consistency_rules import CONSISTENCY_RULES
from csmanual.catalogue.office_rules import OFFICE_RULES
from csmanual.catalogue.render_rules import RENDER_RULES
from csmanual.catalogue.rules import SOURCE_RULES
from csmanual.catalogue.settings_rules import SETTINGS_RULES
from csmanual.catalogue.theme_rules import THEME_RULES
from csmanual.catalogue.words import WORDS
from csmanual.catalogue.yaml_problems import (
    GENERAL_ADVICE,
    SAME_PROBLEM,
    YAML_ADVICE,
    YAML_PROBLEMS,
)

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in [
        *SOURCE_RULES,
        *CONSISTENCY_RULES,
        *RENDER_RULES,
        *OFFICE_RULES,
        *THEME_RULES,
        *SETTINGS_RULES,
    ]
}


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
    out: list[str] = []
    try:
        for literal, name, spec, conversion in _FORMATTER.parse(template):
            if literal:
                out.append(_particles(literal, "".join(out)))
            if name is not None:
                value, _ = _FORMATTER.get_field(name, (), local)
                value = _FORMATTER.convert_field(value, conversion)
                out.append(_FORMATTER.format_field(value, spec or ""))
    except (KeyError, IndexError, ValueError, AttributeError):  # a message never crashes
        return template
    return "".join(out)


# --- Korean particles ---------------------------------------------------------------------

# the neutral form → (after a final consonant, after a vowel); 으로 takes 로 after ㄹ too
_PARTICLES = {
    "이(가)": ("이", "가"),
    "은(는)": ("은", "는"),
    "을(를)": ("을", "를"),
    "과(와)": ("과", "와"),
    "(으)로": ("으로", "로"),
    "(이)라고": ("이라고", "라고"),
}
_NEUTRAL = re.compile("|".join(re.escape(form) for form in _PARTICLES))
_CLOSING = "'\"’”」』]"
# how the last digit of a number is read: 영 일 이 삼 사 오 육 칠 팔 구 (10 십, 100 백 …)
_DIGIT_FINAL = dict(zip("0123456789", ["c", "l", "", "c", "", "", "c", "l", "l", ""], strict=True))


def _particles(literal: str, before: str) -> str:
    """`literal` with each neutral particle in the form the text before it takes."""
    if "(" not in literal:
        return literal
    out, last = [], 0
    for match in _NEUTRAL.finditer(literal):
        out.append(literal[last : match.start()])
        final = _final(before + "".join(out))
        if final is None:  # no telling how the word is read: the neutral form is right
            out.append(match.group())
        else:
            consonant, vowel = _PARTICLES[match.group()]
            plain = not final or (final == "l" and consonant == "으로")
            out.append(vowel if plain else consonant)
        last = match.end()
    return "".join(out) + literal[last:]


def _final(text: str) -> str | None:
    """The final consonant the text ends with when read aloud: "" (none), "l" (ㄹ), "c"
    (another), or None when that cannot be told. A particle after quotes follows the quoted
    word; after a parenthesis, the word the parenthesis explains (구역(section)이)."""
    while text:
        last = text[-1]
        if last in _CLOSING:
            text = text[:-1]
        elif last == ")":
            opening = text.rfind("(")
            if opening < 0:
                return None
            outside = text[:opening].rstrip()
            text = outside or text[opening + 1 : -1]
        else:
            break
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        final = (ord(last) - ord("가")) % 28
        return "" if final == 0 else ("l" if final == 8 else "c")
    if last in _DIGIT_FINAL:
        return _DIGIT_FINAL[last]
    word = re.search(r"[A-Za-z]+$", text)
    return _english_final(word.group()) if word else None


def _english_final(word: str) -> str:
    """A rule for a Latin word, read as Korean reads English: an abbreviation by its
    letters (…L 엘, …M 엠, …N 엔, …R 알); a word by its ending (email 이메일, form 폼,
    phone 폰, title 타이틀, chat 챗, web 웹; text 텍스트, lead 리드, hours 아워스)."""
    if word.isupper() and len(word) <= 3:
        return {"L": "l", "R": "l", "M": "c", "N": "c"}.get(word[-1], "")
    word = word.lower()
    if word.endswith(("l", "le")):
        return "l"
    if word.endswith(("m", "n", "ng", "me", "ne")):
        return "c"
    if re.search(r"(?:^|[^aeiou])[aeiou][bkpt]$|ck$", word):
        return "c"
    return ""


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


def summary(errors: int, warnings: int, lang: str, strict: bool = False) -> str:
    if not errors and not warnings:
        return word("report.clean", lang)
    key = "report.counts_strict" if strict and warnings else "report.counts"
    return word(key, lang, errors=errors, warnings=warnings)


def not_shown(hidden: int, lang: str) -> str:
    return word("report.not_shown", lang, hidden=hidden)


def yaml_problem(problem: str) -> tuple[L, L]:
    """libyaml's problem in the reader's language (unknown ones as libyaml says them), and
    what to do about it."""
    key = problem
    for pattern, same in SAME_PROBLEM:
        if re.fullmatch(pattern, problem, re.S):
            key = re.sub(pattern, same, problem, flags=re.S)
            break
    return YAML_PROBLEMS.get(key, L.same(problem)), YAML_ADVICE.get(key, GENERAL_ADVICE)
