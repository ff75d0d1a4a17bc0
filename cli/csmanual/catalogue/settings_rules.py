"""E770–E779: problems of a project's settings file (`csmanual.yaml`), said like the
source's: a code, a line and column, Korean and English, and what to do.
"""

from __future__ import annotations

from csmanual.catalogue import Rule

SETTINGS_RULES: list[Rule] = [
    Rule(
        "E770",
        "error",
        "settings file is not a list of settings",
        "설정 파일은 'formats: …' 같은 '키: 값' 줄이어야 하는데 {found}입니다.",
        "the settings file must hold 'key: value' lines such as 'formats: …', not {found}.",
        "쓸 수 있는 설정: {names}",
        "the settings are: {names}",
    ),
    Rule(
        "E771",
        "error",
        "unknown setting",
        "알 수 없는 설정 '{key}'입니다.",
        "unknown setting '{key}'.",
        "{suggestion}",
        "{suggestion}",
    ),
    Rule(
        "E772",
        "error",
        "setting of the wrong kind",
        "'{key}' 설정은 {expected}이어야 하는데 {found}입니다.",
        "the setting '{key}' must be {expected}, not {found}.",
        "예: {example}",
        "e.g. {example}",
    ),
    Rule(
        "E773",
        "error",
        "unknown output format",
        "알 수 없는 형식 '{name}'입니다.",
        "unknown format '{name}'.",
        "{suggestion}",
        "{suggestion}",
    ),
    Rule(
        "E774",
        "error",
        "theme folder of the settings not found",
        "'theme' 설정의 테마 폴더가 없습니다: {folder}",
        "the theme folder of the 'theme' setting is not there: {folder}",
        "경로는 설정 파일이 있는 폴더를 기준으로 씁니다. 테마를 쓰지 않으려면 이 줄을 지우세요.",
        "the path is relative to the folder of the settings file; delete the line to use "
        "no theme of your own.",
    ),
    Rule(
        "E775",
        "error",
        "unknown language of the messages",
        "알 수 없는 언어 '{value}'입니다.",
        "unknown language '{value}'.",
        "ko(한국어)나 en(영어)을 쓰세요. 지우면 매뉴얼의 meta.language를 따릅니다.",
        "write ko (Korean) or en (English); without the line, the manual's meta.language decides.",
    ),
]
