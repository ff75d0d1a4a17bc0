"""E74x/W74x, E75x/W75x and E79x: problems of a theme (the fonts the PDF really draws
with, theme.yaml's palette and fonts, its folders, templates and labels.yaml) and of the
render limits, said like the source's problems: a code, a place, Korean and English.

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
        "E757",
        "error",
        "theme.yaml omit malformed",
        "theme.yaml의 omit에서 '{format}'을(를) 읽을 수 없습니다.",
        "theme.yaml: cannot read omit for '{format}'.",
        "형식 이름(html, pdf, pptx, card)마다 빼는 구역의 목록을 쓰세요. 예: omit: {{pptx: [glossary]}}",
        "give a list of the sections each format (html, pdf, pptx, card) leaves out, "
        "e.g. omit: {{pptx: [glossary]}}",
    ),
    Rule(
        "E758",
        "error",
        "output would replace the source",
        "{output}을(를) 쓰면 원본 {source}이(가) 지워집니다.",
        "writing {output} would replace the source {source}.",
        "--out으로 다른 폴더를 고르세요 (보통 output/).",
        "choose another folder with --out (usually output/).",
    ),
    Rule(
        "E759",
        "error",
        "output folder inside the theme",
        "출력 폴더 {out}이(가) 테마 폴더 {theme} 안에 있습니다. 만든 파일이 테마에 섞입니다.",
        "the output folder {out} is inside the theme folder {theme}: the outputs would mix with the theme.",
        "--out으로 테마 밖의 폴더를 고르세요 (보통 output/).",
        "choose a folder outside the theme with --out (usually output/).",
    ),
    Rule(
        "E740",
        "error",
        "theme.yaml colour not a colour",
        "theme.yaml의 색 '{value}'을(를) 읽을 수 없습니다.",
        "theme.yaml: '{value}' is not a colour.",
        '"#rrggbb"나 "#rgb"로, 따옴표 안에 쓰세요 (따옴표가 없으면 YAML은 # 뒤를 주석으로 읽습니다). '
        '예: primary: "#1d4f91"',
        'write "#rrggbb" or "#rgb", in quotes (without them YAML reads # as the start of a '
        'comment), e.g. primary: "#1d4f91"',
    ),
    Rule(
        "E741",
        "error",
        "theme.yaml font not in the theme's fonts",
        "theme.yaml의 글꼴 '{font}'이(가) 테마의 fonts/ 폴더에 없습니다. PDF는 그 폴더의 글꼴로만 "
        "그립니다 (있는 글꼴: {known}).",
        "theme.yaml font '{font}' is not in the theme's fonts/ folder, the only fonts the PDF "
        "draws with (it has: {known}).",
        "글꼴 파일(.ttf, .otf)을 테마의 fonts/에 넣고 그 글꼴의 이름(가족 이름)을 쓰세요. 비슷한 이름: "
        "{suggestion}. PDF만 다른 글꼴을 쓰려면 fonts: {{pdf: {{body: …}}}}에 쓰세요.",
        "put the font's files (.ttf, .otf) in the theme's fonts/ folder and write its family "
        "name; the closest name: {suggestion}. To give the PDF other fonts, write them under "
        "fonts: {{pdf: {{body: …}}}}.",
    ),
    Rule(
        "E742",
        "error",
        "theme.yaml key unknown",
        "theme.yaml: '{key}'은(는) 알 수 없는 항목입니다.",
        "theme.yaml: unknown key '{key}'.",
        "쓸 수 있는 이름: {known}. docs/themes.md에 각 항목의 뜻이 있습니다.",
        "the names it can be: {known}; docs/themes.md explains each.",
    ),
    Rule(
        "E743",
        "error",
        "theme.yaml font not a name",
        "theme.yaml의 {key}은(는) 글꼴 이름이나 이름의 목록이어야 합니다.",
        "theme.yaml: {key} must be a font name or a list of names.",
        "예: body: {{korean: NanumGothic, latin: Noto Sans}}, 또는 korean: [Noto Sans KR, Malgun Gothic]",
        "e.g. body: {{korean: NanumGothic, latin: Noto Sans}}, or korean: [Noto Sans KR, Malgun Gothic]",
    ),
    Rule(
        "W740",
        "warning",
        "theme.yaml font found nowhere",
        "theme.yaml의 글꼴 '{font}'이(가) 테마의 fonts/ 폴더에도 이 컴퓨터에도 없습니다 ({format}).",
        "theme.yaml font '{font}' is in neither the theme's fonts/ folder nor this machine ({format}).",
        "이름을 확인하세요 (비슷한 이름: {suggestion}). 읽는 사람의 컴퓨터에도 없으면 다른 글꼴로 보입니다.",
        "check the name (the closest: {suggestion}); where the reader's machine lacks it too, "
        "another font is shown.",
    ),
    Rule(
        "E745",
        "error",
        "PDF text drawn with a font of the machine",
        "PDF가 {chars}을(를) 테마의 글꼴이 아닌 이 컴퓨터의 글꼴 '{font}'(으)로 그립니다. "
        "PDF가 만드는 컴퓨터에 따라 달라집니다. 테마의 글꼴: {theme_fonts}",
        "the PDF draws {chars} with '{font}', a font of this machine, not one of the theme's "
        "({theme_fonts}): the PDF would depend on the machine that builds it.",
        "테마의 글꼴에 스타일시트가 만든 글자가 없거나({generated}), 그 글자에 테마의 글꼴을 "
        "부르는 font-family가 없습니다. 그 문자가 있는 글꼴을 테마의 fonts/에 넣어 theme.yaml의 fonts:나 "
        'font-family에 쓰거나, 그 문자를 쓰지 않게 바꾸세요(예: list-style-type: "- ").',
        "the theme's fonts lack what the stylesheet generates ({generated}), or no font-family "
        "names a theme font for it: add a font that has it to the theme's fonts/ and name it "
        "in theme.yaml's fonts: or a font-family, or use another character "
        '(e.g. list-style-type: "- ").',
    ),
    Rule(
        "E746",
        "error",
        "PDF text drawn as empty boxes",
        "PDF에 {chars}이(가) 빈 네모로 찍힙니다. '{font}'에도, 테마의 다른 글꼴({theme_fonts})에도 "
        "없는 문자입니다.",
        "the PDF prints {chars} as empty boxes: neither '{font}' nor the theme's other fonts "
        "({theme_fonts}) have it.",
        "스타일시트가 만드는 글자일 수 있습니다({generated}). 그 문자를 쓰지 않게 바꾸거나, 그 문자가 있는 "
        "글꼴을 테마의 fonts/에 넣으세요.",
        "the stylesheet may generate it ({generated}): use another character, or add a font "
        "that has it to the theme's fonts/.",
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
        "rendering took too long",
        "{format} 만들기가 {seconds:g}초 안에 끝나지 않았습니다 (끝없이 반복하는 템플릿이 있나요?).",
        "rendering {format} took longer than {seconds:g} s (a template that loops without end?)",
        "끝없이 반복하는 템플릿이 없는지 확인하세요. 매뉴얼이 정말 크다면 CSMANUAL_RENDER_TIMEOUT(초)을 늘리세요.",
        "look for a template that loops without end; for a really large manual raise "
        "CSMANUAL_RENDER_TIMEOUT (seconds).",
    ),
    Rule(
        "E791",
        "error",
        "rendering used too much memory",
        "{format} 만들기가 메모리를 {megabytes} MB 넘게 썼습니다.",
        "rendering {format} used more than {megabytes} MB of memory",
        "끝없이 커지는 템플릿(큰 range, 반복되는 문자열)이 없는지 확인하세요. 매뉴얼이 정말 크다면 "
        "CSMANUAL_RENDER_MEMORY_MB를 늘리세요.",
        "look for a template that grows without end (a huge range, a repeated string); for a "
        "really large manual raise CSMANUAL_RENDER_MEMORY_MB.",
    ),
    Rule(
        "E792",
        "error",
        "rendering stopped without an answer",
        "{format} 만들기가 답 없이 멈췄습니다 (종료 코드 {exit}; 메모리 부족?).",
        "rendering {format} stopped without an answer (exit {exit}; out of memory?)",
        "다시 만들어 보세요. 되풀이되면 메모리 한도(CSMANUAL_RENDER_MEMORY_MB)와 기계의 여유 메모리를 확인하세요.",
        "build again; if it happens again, check the memory limit (CSMANUAL_RENDER_MEMORY_MB) "
        "and the machine's free memory.",
    ),
    Rule(
        "E793",
        "error",
        "too many items to render",
        "항목이 {count}개입니다. 한 번에 만들 수 있는 것은 {limit}개까지입니다.",
        "the manual has {count} items; one build renders at most {limit}.",
        "매뉴얼을 여러 개로 나누세요. 이만큼 큰 매뉴얼은 PDF 한 권으로 읽기도 어렵습니다.",
        "split the manual into several; a manual this large is hard to read as one PDF anyway.",
    ),
    Rule(
        "E794",
        "error",
        "text too long to render",
        "글 하나가 {length}자입니다. 한 값에 {limit}자까지 쓸 수 있습니다.",
        "one text is {length} characters long; a value may hold at most {limit}.",
        "글을 여러 항목이나 문단으로 나누세요.",
        "split the text into several items or paragraphs.",
    ),
]
