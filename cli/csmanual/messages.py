"""Every rule csmanual checks: its code, severity and messages in Korean and English.

This table is the single source of the rule codes: the README's rule table is checked
against it by a test, and every code has an invalid fixture under tests/fixtures/rules/.
Messages are `str.format` templates over the diagnostic's args.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from csmanual.catalogue import LANGS as LANGS  # re-exported: theme checks labels by it
from csmanual.catalogue import L, Rule
from csmanual.catalogue.render_rules import RENDER_RULES
from csmanual.catalogue.theme_rules import THEME_RULES

_RULES = [
    # --- E0xx: reading the file -------------------------------------------------------
    Rule(
        "E001",
        "error",
        "file cannot be read",
        "파일을 읽을 수 없습니다: {reason}",
        "cannot read the file: {reason}",
        "경로가 맞는지, 읽기 권한이 있는지 확인하세요.",
        "check the path and that you may read the file.",
    ),
    Rule(
        "E002",
        "error",
        "file too large",
        "파일이 너무 큽니다 ({size}). 최대 {limit}까지 읽습니다.",
        "the file is too large ({size}); the limit is {limit}.",
        "매뉴얼 원본이 맞는지 확인하세요. 정상적인 매뉴얼은 이보다 훨씬 작습니다.",
        "check that this is the manual source; a real manual is far smaller.",
    ),
    Rule(
        "E003",
        "error",
        "not UTF-8",
        "UTF-8 텍스트가 아닙니다{guess}.",
        "the file is not UTF-8 text{guess}.",
        "편집기에서 'UTF-8'로 다시 저장하세요 (메모장: 다른 이름으로 저장 → 인코딩: UTF-8).",
        "re-save the file as UTF-8 (Notepad: Save As → Encoding: UTF-8).",
    ),
    Rule(
        "E004",
        "error",
        "YAML syntax error",
        "YAML 문법 오류: {problem}",
        "YAML syntax error: {problem}",
        "들여쓰기(공백), 콜론 뒤의 공백, 따옴표 짝을 확인하세요.",
        "check the indentation (spaces), the space after each colon and matching quotes.",
    ),
    Rule(
        "E005",
        "error",
        "nesting too deep",
        "중첩이 너무 깊습니다 ({limit}단계 초과).",
        "the nesting is too deep (more than {limit} levels).",
        "매뉴얼 구조는 몇 단계면 충분합니다. 괄호나 들여쓰기가 잘못되지 않았는지 확인하세요.",
        "a manual needs only a few levels; check for runaway brackets or indentation.",
    ),
    Rule(
        "E006",
        "error",
        "anchors and aliases are not allowed",
        "앵커와 별칭({token})은 사용할 수 없습니다.",
        "anchors and aliases ({token}) are not allowed.",
        "내용을 직접 쓰거나, 값을 한 번 정의하고 본문에서 [[구역.id]]로 참조하세요.",
        "write the content out, or define the value once and refer to it as [[section.id]].",
    ),
    Rule(
        "E007",
        "error",
        "tag not allowed",
        "태그 {tag}는 허용되지 않습니다.",
        "the tag {tag} is not allowed.",
        "'!'로 시작하는 태그를 지우세요. 매뉴얼에는 텍스트, 숫자, 목록, 항목만 씁니다.",
        "remove the tag starting with '!'; a manual holds only text, numbers, lists and maps.",
    ),
    Rule(
        "E008",
        "error",
        "duplicate key",
        "'{key}' 키가 중복되었습니다 ({first_line}번째 줄에 이미 있습니다).",
        "the key '{key}' is repeated (it is already on line {first_line}).",
        "두 줄 중 하나를 지우거나 합치세요.",
        "delete or merge one of the two lines.",
    ),
    Rule(
        "E009",
        "error",
        "forbidden character",
        "허용되지 않는 문자 {char}가 있습니다.",
        "forbidden character {char}.",
        "제어 문자와 줄 구분 문자(U+2028 등)는 보이지 않게 복사되어 들어오는 경우가 많습니다. 해당 위치의 문자를 지우고 다시 입력하세요.",
        "control characters and line separators (U+2028 …) often arrive invisibly with pasted text; delete and retype it.",
    ),
    Rule(
        "E010",
        "error",
        "empty document",
        "파일이 비어 있습니다.",
        "the file is empty.",
        "'csmanual init 폴더'로 예제 매뉴얼을 만들어 시작하세요.",
        "start from an example: 'csmanual init DIR'.",
    ),
    Rule(
        "E011",
        "error",
        "top level is not a mapping",
        "최상위는 'meta:' 같은 '키: 값' 항목이어야 하는데 {found}입니다.",
        "the top level must be 'key: value' entries such as 'meta:', not {found}.",
        "파일이 'meta:'로 시작하는지 확인하세요.",
        "check that the file starts with 'meta:'.",
    ),
    Rule(
        "E012",
        "error",
        "more than one document",
        "문서가 두 개 이상입니다 ('---' 구분선).",
        "the file holds more than one document ('---' separator).",
        "'---' 줄을 지우고 하나의 문서로 합치세요.",
        "remove the '---' line and merge into one document.",
    ),
    Rule(
        "E013",
        "error",
        "key is not text",
        "키 {key}가 텍스트가 아닙니다 (YAML이 {kind}(으)로 읽었습니다).",
        "the key {key} is not text (YAML read it as {kind}).",
        '키를 따옴표로 감싸세요. 예: "{raw}":',
        'quote the key, e.g. "{raw}":',
    ),
    Rule(
        "W014",
        "warning",
        "invisible character",
        "보이지 않는 문자 {char}가 있습니다.",
        "invisible character {char}.",
        "웹 페이지나 메신저에서 복사한 글에 섞여 들어옵니다. 글자 사이에 숨어 있으면 HTML 검색이 그 낱말을 "
        "찾지 못합니다. 해당 위치의 문자를 지우세요.",
        "it comes with text copied from web pages or chat; hidden inside a word it stops the "
        "HTML search from finding the word. Delete it.",
    ),
    # --- E1xx: the shape of the source --------------------------------------------------
    Rule(
        "E101",
        "error",
        "missing required field",
        "필수 항목 '{field}'가 없습니다.",
        "the required field '{field}' is missing.",
        "'{field}:' 줄을 추가하세요.",
        "add a '{field}:' line.",
    ),
    Rule(
        "E102",
        "error",
        "wrong type",
        "{expected}이어야 하는데 {found}입니다.",
        "expected {expected}, found {found}.",
        "",
        "",
    ),
    Rule(
        "E103",
        "error",
        "unknown key",
        "알 수 없는 키 '{key}'입니다.",
        "unknown key '{key}'.",
        "{suggestion}",
        "{suggestion}",
    ),
    Rule(
        "E104",
        "error",
        "empty value",
        "값이 비어 있습니다.",
        "the value is empty.",
        "내용을 채우거나 항목을 지우세요.",
        "fill it in or delete the entry.",
    ),
    Rule(
        "E105",
        "error",
        "YAML 1.1 coercion in a text field",
        "YAML이 {raw}을(를) {kind}(으)로 읽었습니다. 이 항목은 텍스트여야 합니다.",
        "YAML read {raw} as {kind}; this field is text.",
        '따옴표로 감싸세요: "{raw}"',
        'put it in quotes: "{raw}"',
    ),
    Rule(
        "E106",
        "error",
        "bad id",
        "id '{value}'의 형식이 틀렸습니다.",
        "the id '{value}' is not well formed.",
        "id는 영문 소문자, 숫자, 하이픈만 씁니다 (예: loud-customer).",
        "ids use lower-case letters, digits and hyphens only (e.g. loud-customer).",
    ),
    Rule(
        "E107",
        "error",
        "bad value format",
        "'{value}'은(는) 올바른 {what} 형식이 아닙니다.",
        "'{value}' is not a valid {what}.",
        "{example}",
        "{example}",
    ),
    # --- E2xx: ids and references ---------------------------------------------------------
    Rule(
        "E201",
        "error",
        "duplicate id",
        "id '{id}'가 {section}에서 중복되었습니다 ({first_line}번째 줄에 이미 있습니다).",
        "the id '{id}' is used twice in {section} (first on line {first_line}).",
        "id는 구역 안에서 유일해야 합니다. 하나를 바꾸세요.",
        "ids must be unique within a section; rename one.",
    ),
    Rule(
        "E202",
        "error",
        "unknown reference",
        "'{value}'은(는) {section}에 없는 id입니다.",
        "'{value}' is not an id in {section}.",
        "{suggestion}",
        "{suggestion}",
    ),
    Rule(
        "E203",
        "error",
        "unknown text reference",
        "본문 참조 [[{ref}]]를 찾을 수 없습니다: {reason}",
        "the text reference [[{ref}]] does not resolve: {reason}",
        "{suggestion}",
        "{suggestion}",
    ),
    Rule(
        "E204",
        "error",
        "malformed text reference",
        "본문 참조 형식이 틀렸습니다: {text}",
        "malformed text reference: {text}",
        "[[구역.id]] 또는 [[구역.id.항목]] 형태로 쓰세요. 예: [[deadlines.complaint-response]]",
        "write [[section.id]] or [[section.id.field]], e.g. [[deadlines.complaint-response]]",
    ),
    Rule(
        "E205",
        "error",
        "escalation cycle",
        "보고 체계가 순환합니다: {cycle}",
        "the escalation chain loops: {cycle}",
        "가장 높은 역할의 escalates_to를 지우세요.",
        "remove escalates_to from the top role.",
    ),
    # --- E3xx: what a CS manual must contain --------------------------------------------
    Rule(
        "E301",
        "error",
        "required section missing",
        "필수 구역 '{section}'({label})이 없습니다.",
        "the required section '{section}' ({label}) is missing.",
        "구역을 추가하거나, 이 매뉴얼에 필요 없다면 settings.required_sections에서 빼세요.",
        "add the section, or remove it from settings.required_sections if this manual "
        "does not need it.",
    ),
    Rule(
        "E302",
        "error",
        "item incomplete",
        "{item}에 '{field}'({label})이 없습니다.",
        "{item} has no '{field}' ({label}).",
        "'{field}:'를 채우세요.",
        "fill in '{field}:'.",
    ),
    # --- E4xx: order and history -----------------------------------------------------------
    Rule(
        "E401",
        "error",
        "claim steps out of order",
        "클레임 처리 단계 번호가 {expected}이어야 하는데 {found}입니다.",
        "claim step number should be {expected}, found {found}.",
        "단계는 1부터 빠짐없이 차례대로 번호를 매기세요.",
        "number the steps 1, 2, 3 … in order, with no gaps.",
    ),
    Rule(
        "E402",
        "error",
        "version not in revision history",
        "문서 버전 {version}이 개정 이력의 마지막 버전({latest})과 다릅니다.",
        "the document version {version} differs from the last revision ({latest}).",
        "개정 이력에 이번 버전을 추가하거나 meta.version을 고치세요.",
        "add this version to the revision history or correct meta.version.",
    ),
    Rule(
        "E403",
        "error",
        "revision history out of order",
        "개정 이력 순서가 틀렸습니다: {detail}",
        "the revision history is out of order: {detail}",
        "개정 이력은 오래된 것부터 버전과 날짜가 커지도록 쓰세요.",
        "list revisions oldest first, with rising versions and dates.",
    ),
    Rule(
        "E404",
        "error",
        "revision after effective date",
        "마지막 개정일({date})이 시행일({effective})보다 늦습니다.",
        "the last revision ({date}) is later than the effective date ({effective}).",
        "meta.effective_date를 개정일 이후로 고치세요.",
        "set meta.effective_date on or after the revision date.",
    ),
    Rule(
        "W405",
        "warning",
        "approval predates the last revision",
        "승인일({date})이 마지막 개정일({revised})보다 빠릅니다.",
        "the approval ({date}) predates the last revision ({revised}).",
        "이번 개정본에 대한 승인을 다시 받고 날짜를 고치세요.",
        "have the revised manual approved again and update the date.",
    ),
    # --- E5xx / W5xx: consistency --------------------------------------------------------
    Rule(
        "E501",
        "error",
        "duration contradicts the defined deadlines",
        "본문에 '{literal}'(이)라고 적혀 있지만, 정의된 기한은 {defined}입니다.",
        "the text says '{literal}', but the defined deadlines are {defined}.",
        "기한은 deadlines에 한 번만 정의하고 본문에서는 [[deadlines.id]]로 참조하세요.",
        "define each deadline once under deadlines and refer to it as [[deadlines.id]].",
    ),
    Rule(
        "W502",
        "warning",
        "duration repeated instead of referenced",
        "'{literal}'은(는) 기한 '{deadline}'의 값을 되풀이합니다.",
        "'{literal}' repeats the value of the deadline '{deadline}'.",
        "[[deadlines.{deadline}]]로 바꾸면 기한이 바뀔 때 함께 바뀝니다.",
        "write [[deadlines.{deadline}]] so the text follows when the deadline changes.",
    ),
    Rule(
        "W503",
        "warning",
        "text repeated",
        "같은 문장이 {other}에도 있습니다.",
        "the same text also stands at {other}.",
        "중복을 없애세요. 한 곳에만 두고 다른 곳에서는 참조하세요.",
        "keep it in one place and refer to it from the other.",
    ),
    Rule(
        "W504",
        "warning",
        "placeholder left in the text",
        "자리표시자 '{marker}'가 남아 있습니다.",
        "the placeholder '{marker}' is still in the text.",
        "내용을 완성하세요. 배포 전에는 --strict로 검사하세요.",
        "finish the text; check with --strict before release.",
    ),
    # --- E6xx: against an earlier version -----------------------------------------------
    Rule(
        "E601",
        "error",
        "change not recorded in version and revision history",
        "{rev} 이후 내용이 {count}군데 바뀌었지만 버전({version})과 개정 이력이 그대로입니다.",
        "the content changed in {count} places since {rev}, but the version ({version}) "
        "and the revision history did not.",
        "meta.version을 올리고 revisions에 이번 개정(버전, 날짜, 작성자, 요약)을 추가하세요. "
        "변경 내용: csmanual diff {rev}",
        "raise meta.version and add this revision (version, date, author, summary) to "
        "revisions. See what changed: csmanual diff {rev}",
    ),
]

# what YAML read an unquoted value as (tags without their prefix), for E013 and E105
VALUE_KINDS = {
    "int": L("숫자", "a number"),
    "float": L("숫자", "a number"),
    "bool": L("참/거짓(true/false)", "true/false"),
    "null": L("빈 값(null)", "nothing (null)"),
    "timestamp": L("날짜", "a date"),
}

# libyaml's words for the mistakes people make by hand, said so a CS manager can act on them
_YAML_PROBLEMS = {
    "mapping values are not allowed in this context": L(
        "이 자리에는 '키: 값'이 올 수 없습니다. 값 안에 ': '(콜론과 공백)이 있으면 값을 따옴표로 감싸세요",
        "a 'key: value' cannot stand here; if the value contains ': ' (colon, space), quote it",
    ),
    "found character that cannot start any token": L(
        "값이나 줄이 쓸 수 없는 문자(탭, @, ` 등)로 시작합니다. 들여쓰기는 공백으로 하고, "
        "@나 `로 시작하는 값은 따옴표로 감싸세요",
        "a value or line starts with a character YAML does not allow there (a tab, @, `); "
        "indent with spaces and quote values that start with @ or `",
    ),
    "could not find expected ':'": L(
        "'키: 값'의 콜론(:)이 없습니다. 이 줄에 ': '을 넣거나, 앞 줄에서 이어지는 글이면 들여쓰세요",
        "the colon of 'key: value' is missing; add ': ' to this line, or indent it if it "
        "continues the line above",
    ),
    "did not find expected key": L(
        "들여쓰기가 맞지 않거나 따옴표로 감싼 값 뒤에 글자가 더 있습니다",
        "the indentation does not match, or text follows a quoted value",
    ),
    "found unexpected end of stream": L(
        "여기서 연 따옴표가 닫히지 않았습니다", "the quote opened here is never closed"
    ),
    "did not find expected '-' indicator": L(
        "'- '로 시작하는 목록 안에 다른 형식의 줄이 섞였습니다. 들여쓰기를 확인하세요",
        "a line that is not a '- ' item is inside a list; check the indentation",
    ),
    "did not find expected ',' or ']'": L(
        "여기서 '['로 연 목록이 ']'로 닫히지 않았습니다", "the '[' opened here is never closed"
    ),
    "did not find expected node content": L(
        "값이 와야 할 자리에서 끝났습니다. '['나 '{'는 닫고, 글자 그대로 쓰려면 값을 따옴표로 감싸세요",
        "a value was expected here; close '[' or '{', or quote the value to keep it as text",
    ),
    "did not find expected alphabetic or numeric character": L(
        "'&'나 '*'로 시작하는 값은 YAML 기호로 읽힙니다. 값을 따옴표로 감싸세요",
        "a value starting with '&' or '*' reads as YAML syntax; put the value in quotes",
    ),
    "did not find expected ',' or '}'": L(
        "여기서 '{'로 연 항목이 '}'로 닫히지 않았습니다", "the '{' opened here is never closed"
    ),
    "found a tab character that violates indentation": L(
        "들여쓰기에 탭 문자가 있습니다. 들여쓰기는 공백으로 하세요",
        "a tab is used for indentation; indent with spaces",
    ),
    "found unknown escape character": L(
        "큰따옴표 안의 역슬래시(\\)는 특수 문자의 시작으로 읽힙니다. 값을 작은따옴표로 감싸거나 "
        "역슬래시를 두 번(\\\\) 쓰세요",
        "inside double quotes a backslash (\\) starts an escape; put the value in single "
        "quotes or write the backslash twice (\\\\)",
    ),
    "block sequence entries are not allowed in this context": L(
        "'- ' 목록은 키와 같은 줄에서 시작할 수 없습니다. 다음 줄부터 들여써서 쓰거나, 값을 따옴표로 "
        "감싸세요",
        "a '- ' list cannot start on its key's line; write it on the next lines, indented, "
        "or quote the value",
    ),
    "did not find expected comment or line break": L(
        "이 자리 뒤에는 글을 쓸 수 없습니다. '|'나 '>' 뒤의 글은 다음 줄부터 들여써서 쓰세요",
        "nothing may follow here on this line; after '|' or '>', start the text on the next "
        "line, indented",
    ),
    "found undefined tag handle": L(
        "'!'로 시작하는 값은 YAML 태그로 읽힙니다. 값을 따옴표로 감싸세요",
        "a value starting with '!' reads as a YAML tag; put the value in quotes",
    ),
    "did not find expected <document start>": L(
        "문서 끝 표시('...') 뒤에 내용이 있습니다. '...' 줄을 지우세요",
        "there is content after the end-of-document mark ('...'); delete the '...' line",
    ),
    "found incompatible YAML document": L(
        "지원하지 않는 YAML 버전입니다. 첫 줄의 '%YAML' 줄을 지우세요",
        "an unsupported YAML version; delete the '%YAML' line at the top",
    ),
}
# Other words for the same problems: PyYAML's pure-Python reader's (with the character
# it found), and libyaml's for a bad \x escape; the first pattern that matches applies.
_SAME_PROBLEM = [
    (
        r"found character '.+?' that cannot start any token",
        "found character that cannot start any token",
    ),
    (r"mapping values are not allowed here", "mapping values are not allowed in this context"),
    (
        r"sequence entries are not allowed here",
        "block sequence entries are not allowed in this context",
    ),
    (r"expected <block end>, but found .*", "did not find expected key"),
    (r"expected the node content, but found .*", "did not find expected node content"),
    (
        r"expected a comment or a line break, but found .*",
        "did not find expected comment or line break",
    ),
    (r"expected '<document start>', but found .*", "did not find expected <document start>"),
    (
        r"expected escape sequence of \d hexadecimal numbers, but found .*",
        "found unknown escape character",
    ),
    (r"did not find expected hexdecimal number", "found unknown escape character"),
    (r"expected (.+?), but (?:got|found) .*", r"did not find expected \1"),
    (r"(found undefined tag handle|found unknown escape character) .*", r"\1"),
    (r"(found incompatible YAML document) .*", r"\1"),
]


def yaml_problem(problem: str) -> L:
    """libyaml's problem in the reader's language (unknown ones as libyaml says them)."""
    key = problem
    for pattern, same in _SAME_PROBLEM:
        if re.fullmatch(pattern, problem, re.S):
            key = re.sub(pattern, same, problem, flags=re.S)
            break
    return _YAML_PROBLEMS.get(key, L(problem, problem))


RULES: dict[str, Rule] = {rule.code: rule for rule in [*_RULES, *RENDER_RULES, *THEME_RULES]}

_WORDS = {
    "hint": ("도움말", "hint"),
    "error": ("오류", "error"),
    "warning": ("경고", "warning"),
}


def _pick(lang: str, ko: str, en: str) -> str:
    return en if lang == "en" else ko


def _format(template: str, lang: str, args: Mapping[str, object]) -> str:
    local = {k: v.get(lang) if isinstance(v, L) else v for k, v in args.items()}
    try:
        return template.format(**local)
    except (KeyError, IndexError):  # a message must never crash the report
        return template


def render(code: str, lang: str, args: Mapping[str, object]) -> str:
    rule = RULES[code]
    return _format(_pick(lang, rule.ko, rule.en), lang, args)


def render_hint(code: str, lang: str, args: Mapping[str, object]) -> str:
    rule = RULES[code]
    return _format(_pick(lang, rule.hint_ko, rule.hint_en), lang, args)


def word(key: str, lang: str) -> str:
    return _pick(lang, *_WORDS[key])


def summary(errors: int, warnings: int, lang: str) -> str:
    if lang == "en":
        if not errors and not warnings:
            return "no problems found"
        return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if not errors and not warnings:
        return "문제가 없습니다"
    return f"오류 {errors}개, 경고 {warnings}개"


def not_shown(hidden: int, lang: str) -> str:
    if lang == "en":
        return f"… and {hidden} more not shown (csmanual validate --format json lists every one)"
    return f"… 그 밖에 {hidden}개는 표시하지 않았습니다 (csmanual validate --format json 은 모두 보여 줍니다)"
