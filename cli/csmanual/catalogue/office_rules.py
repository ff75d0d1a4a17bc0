"""E715–E739/W712–W729: problems of the editable office editions (DOCX and HWPX) and of
their reference documents in a theme, said like every other diagnostic.

DOCX owns E715–E726 and W712–W719; HWPX owns E727–E739 and W720–W729.
"""

from __future__ import annotations

from csmanual.catalogue import Rule

DOCX_RULES: list[Rule] = []

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
        "참조 문서에 매크로나 스크립트({part})가 있어 쓰지 않습니다.",
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
