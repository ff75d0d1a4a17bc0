"""libyaml's problems in words a CS manager can act on, keyed by libyaml's own words.

`SAME_PROBLEM` maps other wordings of the same problems (PyYAML's pure-Python reader's,
which name the character they found) to libyaml's; the first pattern that matches applies.
"""

from __future__ import annotations

from csmanual.catalogue import L

# what to check when libyaml stops, unless the problem has its own advice below
GENERAL_ADVICE = L(
    "들여쓰기(공백), 콜론 뒤의 공백, 따옴표 짝을 확인하세요.",
    "check the indentation (spaces), the space after each colon and matching quotes.",
)

# problems whose fix is not about indentation, colons or quotes
YAML_ADVICE: dict[str, L] = {
    "found invalid Unicode character escape code": L(
        "문자를 그대로 쓰세요 (예: 😀). 이스케이프로 쓰려면 \\U0001F600처럼 여덟 자리로 쓰세요 "
        "(\\ud83d\\ude00 같은 서로게이트 쌍은 쓸 수 없습니다).",
        "write the character itself (e.g. 😀), or escape it with eight digits, \\U0001F600 "
        "(a surrogate pair such as \\ud83d\\ude00 is not allowed).",
    ),
}

# a key line indented unlike the keys above it (csmanual.indentation decides): libyaml
# calls it "mapping values are not allowed" or "did not find expected key"
WRONG_INDENTATION = L(
    "들여쓰기가 맞지 않습니다. 이 줄은 공백 {found}칸을 들여썼는데, 위의 키들은 {levels}칸입니다",
    "wrong indentation: this line is indented by {found:# space|# spaces}, the keys above it "
    "by {levels}",
)
WRONG_ITEM_INDENTATION = L(
    "들여쓰기가 맞지 않습니다. 이 '- ' 항목은 공백 {found}칸을 들여썼는데, 위의 항목들은 "
    "{levels}칸입니다",
    "wrong indentation: this '- ' item is indented by {found:# space|# spaces}, the items "
    "above it by {levels}",
)
WRONG_ITEM_INDENTATION_ADVICE = L(
    "들여쓰기를 고치세요: '- '를 같은 목록의 항목들과 같은 칸({levels}칸)에서 시작합니다.",
    "fix the indentation: start the '- ' in the column of the items of its list ({levels} spaces).",
)
WRONG_INDENTATION_ADVICE = L(
    "들여쓰기를 고치세요: 이 줄이 속한 단계의 키와 같은 만큼({levels}칸) 들여씁니다. 같은 단계의 "
    "키는 모두 같은 칸에서 시작하고, 들여쓰기는 공백으로 합니다.",
    "fix the indentation: indent it as far as the keys of its level ({levels} spaces); the "
    "keys of one level all start in the same column, indented with spaces.",
)

# libyaml's words for the mistakes people make by hand, said so a CS manager can act on them
YAML_PROBLEMS: dict[str, L] = {
    "found invalid Unicode character escape code": L(
        "큰따옴표 안의 \\u 이스케이프가 쓸 수 없는 문자(서로게이트)를 가리킵니다",
        "a \\u escape inside double quotes names a character that cannot be written (a surrogate)",
    ),
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
SAME_PROBLEM: list[tuple[str, str]] = [
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
