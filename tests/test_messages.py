"""Filling the catalogue's templates: Korean particles, English plurals, key paths."""

from __future__ import annotations

import re

import pytest

from csmanual.catalogue.words import WORDS
from csmanual.messages import RULES, fill


@pytest.mark.parametrize(
    "template,args,expected",
    [
        # after Hangul, by its final consonant (ㄹ takes 로, not 으로)
        ("{w}이(가) 없습니다", {"w": "응답 기한"}, "응답 기한이 없습니다"),
        ("{w}이(가) 없습니다", {"w": "담당 업무"}, "담당 업무가 없습니다"),
        ("{w}(으)로 읽었습니다", {"w": "숫자"}, "숫자로 읽었습니다"),
        ("{w}(으)로 읽었습니다", {"w": "목록이나 항목"}, "목록이나 항목으로 읽었습니다"),
        ("{w}(으)로 읽었습니다", {"w": "채널"}, "채널로 읽었습니다"),
        ("'{w}'(이)라고", {"w": "24시간 이내"}, "'24시간 이내'라고"),
        ("'{w}'(이)라고", {"w": "사흘 안"}, "'사흘 안'이라고"),
        # a parenthesis explains the word before it, which the particle follows
        ("{w}(으)로", {"w": "참/거짓(true/false)"}, "참/거짓(true/false)으로"),
        ("{w}('{f}')이(가)", {"w": "개인정보 보호", "f": "privacy"}, "개인정보 보호('privacy')가"),
        ("문자 {c}이(가)", {"c": "U+0007 (제어 문자)"}, "문자 U+0007 (제어 문자)이"),
        ("문자 {c}이(가)", {"c": "U+200B (ZERO WIDTH SPACE)"}, "문자 U+200B (ZERO WIDTH SPACE)가"),
        # digits as they are read: 일 이 삼 … 십
        ("키 '{k}'이(가)", {"k": 1}, "키 '1'이"),
        ("키 '{k}'이(가)", {"k": 2}, "키 '2'가"),
        ("값 {k}을(를)", {"k": "1.0"}, "값 1.0을"),
        ("값 {k}을(를)", {"k": "2026-01-05"}, "값 2026-01-05를"),
        # a Latin word as Korean reads it
        ("'{w}'이(가)", {"w": "compensation"}, "'compensation'이"),
        ("'{w}'이(가)", {"w": "loud-complainer"}, "'loud-complainer'가"),
        ("'{w}'이(가)", {"w": "phone"}, "'phone'이"),
        ("'{w}'이(가)", {"w": "agent"}, "'agent'가"),
        ("'{w}'(으)로", {"w": "email"}, "'email'로"),
        ("'{w}'(으)로", {"w": "chat"}, "'chat'으로"),
        ("'{w}'은(는)", {"w": "title"}, "'title'은"),
        ("{w}을(를)", {"w": "No"}, "No를"),
        ("'{w}'이(가)", {"w": "TODO"}, "'TODO'가"),
        ("'{w}'이(가)", {"w": "URL"}, "'URL'이"),
        # no telling: the neutral form stays, which is always right
        ("키 '{k}'이(가)", {"k": "<<"}, "키 '<<'이(가)"),
        # only the template's words change, never the user's
        ("{w}", {"w": "을(를)"}, "을(를)"),
    ],
)
def test_a_particle_takes_the_form_of_the_word_before_it(template, args, expected):
    assert fill(template, "ko", args) == expected


_FIXED_AFTER_VALUE = re.compile(
    r"\}['\")\]]*(?:이|가|은|는|을|를|과|와|으로|로|이라고|라고)(?=[\s.,:;)]|$)"
)


def test_no_template_fixes_a_particle_after_a_value():
    """After a placeholder a particle is written in its neutral form (and then resolved),
    or the sentence is built so that none follows: "'{id}' id가", not "'{id}'가"."""
    templates = [(code, text) for code, rule in RULES.items() for text in (rule.ko, rule.hint_ko)]
    templates += [(key, words.ko) for key, words in WORDS.items()]
    fixed = [(where, text) for where, text in templates if _FIXED_AFTER_VALUE.search(text)]
    assert not fixed


@pytest.mark.parametrize(
    "code,args,expected",
    [
        ("E202", {"value": "compensation", "section": "roles"}, "'compensation' id가 roles에"),
        ("E201", {"id": "phone", "section": "channels", "first_line": 3}, "'phone' id가"),
        ("E101", {"field": "version"}, "필수 항목이 없습니다: 'version'"),
        ("E007", {"tag": "!include"}, "!include 태그는"),
        ("E402", {"version": "1.2", "latest": "1.1"}, "버전(1.2)이 개정 이력의 마지막 버전(1.1)과"),
        ("W504", {"marker": "미정"}, "자리표시자 '미정'이"),
    ],
)
def test_rule_messages_read_right_after_an_id(code, args, expected):
    from csmanual.messages import render

    assert expected in render(code, "ko", args)


@pytest.mark.parametrize(
    "code,args,one,many",
    [
        ("E601", {"rev": "v1", "version": "1.0"}, "changed in 1 place since", "in 2 places since"),
        ("E005", {}, "more than 1 level)", "more than 2 levels)"),
    ],
)
def test_english_counts_agree_with_their_noun(code, args, one, many):
    from csmanual.messages import render

    name = "count" if code == "E601" else "limit"
    assert one in render(code, "en", {**args, name: 1})
    assert many in render(code, "en", {**args, name: 2})


def test_the_report_counts_in_the_singular_and_the_plural():
    from csmanual.messages import summary

    assert summary(1, 1, "en") == "1 error, 1 warning"
    assert summary(2, 0, "en") == "2 errors, 0 warnings"
    assert summary(1, 2, "ko") == "오류 1개, 경고 2개"


@pytest.mark.parametrize(
    "value,en,ko",
    [
        ("1h", "1 hour", "1시간"),
        ("24h", "24 hours", "24시간"),
        ("1bd", "1 business day", "영업일 1일"),
    ],
)
def test_durations_count_in_the_singular_and_the_plural(value, en, ko):
    from csmanual.refs import format_duration

    assert format_duration(value, "en") == en
    assert format_duration(value, "ko") == ko


def test_a_count_needs_a_number_and_leaves_other_specs_alone():
    assert fill("{n:# day|# days}", "en", {"n": 1}) == "1 day"
    assert fill("{n:03d}", "en", {"n": 7}) == "007"
