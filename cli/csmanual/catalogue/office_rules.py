"""E715–E739/W712–W729: problems of the editable office editions (DOCX and HWPX) and of
their reference documents in a theme, said like every other diagnostic.

DOCX owns E715–E726 and W712–W719; HWPX owns E727–E739 and W720–W729.
"""

from __future__ import annotations

from csmanual.catalogue import L, Rule

# words the DOCX checks give as args: a style's kind (E719, E720), a font's script (W713)
STYLE_KINDS = {
    "paragraph": L("문단", "paragraph"),
    "character": L("글자", "character"),
    "table": L("표", "table"),
    "numbering": L("번호 매기기", "numbering"),
}
FONT_SCRIPTS = {"East Asian": L("한글(동아시아)", "East Asian"), "Latin": L("라틴", "Latin")}

DOCX_RULES: list[Rule] = [
    Rule(
        "E715",
        "error",
        "Word reference cannot be opened",
        "Word 참조 문서(reference.docx)를 열 수 없습니다: {reason}",
        "the Word reference document (reference.docx) cannot be opened: {reason}",
        "Word나 LibreOffice Writer에서 'Word 문서(.docx)' 형식으로 다시 저장하세요.",
        "save it again from Word or LibreOffice Writer as a Word document (.docx).",
    ),
    Rule(
        "E716",
        "error",
        "Word reference too large",
        "Word 참조 문서의 압축을 풀면 {size:,} MB로, 참조 문서 한도 {limit} MB보다 큽니다.",
        "the Word reference document's parts inflate to {size:,} MB, more than the {limit} MB "
        "a reference may hold.",
        "Word에서 다시 저장하거나 그림을 빼고 더 작은 파일을 쓰세요.",
        "save it again from Word, or use a smaller file (take out its pictures).",
    ),
    Rule(
        "E717",
        "error",
        "Word reference links outside",
        "Word 참조 문서가 바깥의 파일이나 주소를 가리킵니다({part}: {target}).",
        "the Word reference document links to a file or address outside it ({part}: {target}).",
        "연결된 서식 파일, 그림, 프레임을 문서에 넣거나, 연결이나 INCLUDEPICTURE 같은 필드를 지우고 다시 저장하세요.",
        "embed the linked template, picture or frame, or remove the link or the field "
        "(INCLUDEPICTURE, LINK …), and save it again.",
    ),
    Rule(
        "E718",
        "error",
        "Word reference holds macros",
        "Word 참조 문서에 매크로나 포함된 프로그램이 있어 쓰지 않습니다 ({part}).",
        "the Word reference document holds macros or embedded programs ({part}); it is not used.",
        "매크로와 포함된 개체를 지우고 매크로 없는 'Word 문서(.docx)'로 다시 저장하세요.",
        "delete its macros and embedded objects and save it as a macro-free Word document (.docx).",
    ),
    Rule(
        "E719",
        "error",
        "style missing from the Word reference",
        "Word 참조 문서에 {kind} 스타일 '{style}'이(가) 없습니다 (문서 계획 office/document.yaml.j2가 씁니다).",
        "the Word reference document has no {kind} style '{style}' (the document plan "
        "office/document.yaml.j2 uses it).",
        "Word의 '스타일' 창에서 이름이 '{style}'인 {kind} 스타일을 만들거나, 문서 계획에서 다른 스타일을 고르세요.",
        "create a {kind} style named '{style}' in Word's Styles pane, or name another style "
        "in the document plan.",
    ),
    Rule(
        "E720",
        "error",
        "Word reference style of the wrong kind",
        "Word 참조 문서의 스타일 '{style}'은(는) {found} 스타일입니다. 문서 계획에는 {kind} 스타일이 필요합니다.",
        "the Word reference document's style '{style}' is a {found} style; the document plan "
        "needs a {kind} style.",
        "같은 이름의 {kind} 스타일을 새로 만들고 기존 스타일은 이름을 바꾸세요.",
        "create a {kind} style of that name and rename the existing one.",
    ),
    Rule(
        "W712",
        "warning",
        "Word reference names no East Asian font",
        "Word 참조 문서의 기본 글꼴에 동아시아 글꼴(w:eastAsia)이 없어 한글이 라틴 글꼴로 대체될 수 있습니다.",
        "the Word reference document's default font names no East Asian face (w:eastAsia): "
        "Korean may fall back to a Latin font.",
        "Word의 '글꼴' 대화 상자에서 '한글 글꼴'(Asian text font)을 나눔고딕 같은 한글 글꼴로 정하고 기본값으로 설정하세요.",
        "in Word's Font dialog choose an Asian text font such as NanumGothic and set it as "
        "the default.",
    ),
    Rule(
        "W713",
        "warning",
        "Word reference font not in the theme",
        "Word 참조 문서의 {script} 글꼴 '{face}'이(가) 테마의 fonts/ 폴더에 없습니다. 이 글꼴이 없는 컴퓨터에서는 다른 글꼴로 보입니다.",
        "the Word reference document's {script} font '{face}' is not in the theme's fonts/ "
        "folder: a computer without it shows another font.",
        "그 글꼴의 .ttf 파일을 테마의 fonts/ 폴더에 넣거나, 참조 문서에서 fonts/ 폴더에 있는 글꼴(예: 나눔고딕)을 고르세요.",
        "add the font's .ttf file to the theme's fonts/ folder, or choose a font of that "
        "folder (e.g. NanumGothic) in the reference.",
    ),
]

HWPX_RULES: list[Rule] = [
    Rule(
        "E727",
        "error",
        "Hangul reference cannot be opened",
        "한글 참조 문서(reference.hwpx)를 열 수 없습니다: {reason}",
        "the Hangul reference document (reference.hwpx) cannot be opened: {reason}",
        "한글에서 '다른 이름으로 저장'으로 .hwpx 형식을 골라 다시 저장하세요.",
        "save it again from Hangul with 'Save As' and the .hwpx format.",
    ),
    Rule(
        "E728",
        "error",
        "Hangul reference too large",
        "참조 문서의 압축을 풀면 {size:,} MB로, 참조 문서 한도 {limit} MB보다 큽니다.",
        "the reference document's parts inflate to {size:,} MB, more than the {limit} MB "
        "a reference may hold.",
        "한글에서 다시 저장하거나 그림을 빼고 더 작은 파일을 쓰세요.",
        "save it again from Hangul, or use a smaller file (take out its pictures).",
    ),
    Rule(
        "E729",
        "error",
        "Hangul reference holds scripts",
        "참조 문서에 매크로나 스크립트가 있어 쓰지 않습니다: {part}",
        "the reference document holds macros or scripts ({part}); it is not used.",
        "한글의 '도구 → 매크로'에서 스크립트를 지우고 다시 저장하세요.",
        "delete its scripts in Hangul (Tools → Macro) and save it again.",
    ),
    Rule(
        "E730",
        "error",
        "Hangul reference links outside",
        "참조 문서가 바깥의 파일이나 주소를 가리킵니다({part}: {target}).",
        "the reference document links to a file or address outside it ({part}: {target}).",
        "연결된 그림이나 문서를 문서에 넣거나 연결을 지우고 다시 저장하세요.",
        "embed the linked picture or document, or remove the link, and save it again.",
    ),
    Rule(
        "E731",
        "error",
        "style missing from the Hangul reference",
        "참조 문서에 '{style}' 스타일이 없습니다 (문서 계획의 {use} 블록에 씁니다).",
        "the reference document has no style '{style}' (the document plan's {use} blocks use it).",
        "한글의 '서식 → 스타일'에서 영문 이름이 '{style}'인 문단 스타일을 추가하세요.",
        "add a paragraph style whose English name is '{style}' in Hangul (Format → Style).",
    ),
    Rule(
        "W720",
        "warning",
        "Hangul reference font not in the theme",
        "참조 문서의 {script} 글꼴 '{face}'이(가) 테마의 fonts/ 폴더에 없습니다. "
        "이 글꼴이 없는 컴퓨터에서는 한글이 다른 글꼴로 보여 줍니다.",
        "the reference document's {script} font '{face}' is not in the theme's fonts/ "
        "folder; on a computer without it Hangul shows another font.",
        "테마의 fonts/ 폴더에 있는 글꼴(예: 나눔고딕)을 참조 문서의 글꼴로 고르세요.",
        "choose a font of the theme's fonts/ folder (e.g. NanumGothic) in the reference.",
    ),
]

OFFICE_RULES: list[Rule] = [*DOCX_RULES, *HWPX_RULES]
