"""E75x/W75x and E790: problems of a theme (its folders, templates and labels.yaml) and of
the render limits, said like the source's problems: a code, a place, Korean and English.

A `{problem}` is the template engine's own English words (Jinja's), framed by ours.
"""

from __future__ import annotations

from csmanual.catalogue import Rule

THEME_RULES: list[Rule] = [
    Rule(
        "E750",
        "error",
        "template error",
        "템플릿 오류: {problem}",
        "template error: {problem}",
        "이 줄의 템플릿을 고치세요. 'csmanual check-theme'은 모든 형식의 문제를 한 번에 보여 줍니다.",
        "fix the template at this line; 'csmanual check-theme' lists the problems of every format.",
    ),
    Rule(
        "E751",
        "error",
        "theme folder not found",
        "테마 폴더가 없습니다: {folder}",
        "theme folder not found: {folder}",
        "--theme 경로를 확인하세요. 새 테마는 빈 폴더에서 시작해 바꿀 파일만 넣으면 됩니다.",
        "check the --theme path; a new theme starts as an empty folder holding only the files it changes.",
    ),
    Rule(
        "E752",
        "error",
        "file not found in the theme",
        "테마에 {name} 파일이 없습니다 (찾아본 곳: {searched}).",
        "not found in the theme: {name} (searched {searched}).",
        "파일 이름을 확인하세요. 기본 테마의 파일 목록은 templates/ 폴더에 있습니다.",
        "check the file name; the default theme's files are in templates/.",
    ),
    Rule(
        "E753",
        "error",
        "path outside the theme",
        "{name}: 테마 폴더({folder}) 밖을 가리킵니다.",
        "{name} points outside the theme folder {folder}.",
        "테마가 쓰는 파일은 테마 폴더 안에 두세요 (바로 가기나 '..' 경로는 쓸 수 없습니다).",
        "keep the files a theme uses inside its folder (no symbolic links or '..' paths).",
    ),
    Rule(
        "E754",
        "error",
        "labels.yaml word not given per language",
        "labels.yaml의 '{key}'은(는) 언어별로 써야 합니다.",
        "labels.yaml word '{key}' must be given per language.",
        "예: {key}: {{ko: …, en: …}}",
        "e.g. {key}: {{ko: …, en: …}}",
    ),
    Rule(
        "E755",
        "error",
        "labels.yaml word in an unknown language",
        "labels.yaml의 '{key}': '{lang}'은(는) 알 수 없는 언어입니다.",
        "labels.yaml word '{key}': unknown language '{lang}'.",
        "ko나 en을 쓰세요.",
        "use ko or en.",
    ),
    Rule(
        "E756",
        "error",
        "labels.yaml word not text",
        "labels.yaml의 '{key}.{lang}'은(는) 단어나 구절이어야 합니다.",
        "labels.yaml word '{key}.{lang}' must be a word or a phrase.",
        "값을 따옴표로 감싸세요.",
        "write it in quotes.",
    ),
    Rule(
        "W750",
        "warning",
        "labels.yaml word no build uses",
        "'{key}'은(는) 기본 테마의 단어가 아니고 이 테마의 어떤 템플릿도 쓰지 않습니다.",
        "'{key}' is not a word of the default theme and no template of this theme uses it.",
        "{suggestion}",
        "{suggestion}",
    ),
    Rule(
        "E790",
        "error",
        "rendering stopped by a limit",
        "{format} 만들기를 멈췄습니다: {problem}",
        "rendering {format} was stopped: {problem}",
        "끝없이 반복하거나 커지는 템플릿이 없는지 확인하세요. 한도는 CSMANUAL_RENDER_TIMEOUT(초)과 "
        "CSMANUAL_RENDER_MEMORY_MB로 바꿀 수 있습니다.",
        "look for a template that loops or grows without end; the limits are set by "
        "CSMANUAL_RENDER_TIMEOUT (seconds) and CSMANUAL_RENDER_MEMORY_MB.",
    ),
]
