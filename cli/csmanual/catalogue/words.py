"""Every word csmanual says outside a rule's message, by a dotted key: the report's frame,
the words a diagnostic carries as an argument, the diff report, durations, the CLI.

Look them up with `messages.word(key, lang, **args)`, or `messages.wording(key, **args)` for
an `L` that a diagnostic carries and picks when printed.
"""

from __future__ import annotations

from csmanual.catalogue import L

WORDS: dict[str, L] = {
    # --- the report around the diagnostics -----------------------------------------------
    "report.hint": L("도움말", "hint"),
    "report.clean": L("문제가 없습니다", "no problems found"),
    "report.counts": L(
        "오류 {errors}개, 경고 {warnings}개",
        "{errors:# error|# errors}, {warnings:# warning|# warnings}",
    ),
    "report.counts_strict": L(
        "오류 {errors}개, 경고 {warnings}개 (--strict: 경고도 오류로 봅니다)",
        "{errors:# error|# errors}, {warnings:# warning|# warnings} treated as errors (--strict)",
    ),
    "report.not_shown": L(
        "… 그 밖에 {hidden}개는 표시하지 않았습니다 (csmanual validate --format json 은 모두 보여 줍니다)",
        "… and {hidden} more not shown (csmanual validate --format json lists every one)",
    ),
    # --- reading the file (E001, E003, E009, E011, E013, W014) ---------------------------
    "read.folder": L("파일이 아니라 폴더입니다", "a folder, not a file"),
    "read.missing": L(
        "파일이 없습니다. 매뉴얼 폴더 안에서 실행하거나(cd), 원본 경로를 주거나, "
        "'csmanual init 폴더'로 새 매뉴얼을 시작하세요",
        "no such file: run this inside a manual project (cd), give the source's path, "
        "or start a manual with 'csmanual init DIR'",
    ),
    "read.not_a_file": L(
        "보통 파일이 아닙니다 (파이프나 장치 파일은 읽지 않습니다)",
        "not a regular file (pipes and devices are not read)",
    ),
    "read.utf16": L(
        " (UTF-16으로 저장된 것 같습니다. 메모장의 '유니코드')",
        " (it looks like UTF-16, Notepad's 'Unicode')",
    ),
    "read.cp949": L(
        " (Windows 한글 cp949/EUC-KR로 저장된 것 같습니다)",
        " (it looks like Korean Windows cp949/EUC-KR)",
    ),
    "char.surrogate": L("{code} (짝 없는 서로게이트)", "{code} (lone surrogate)"),
    "char.control": L("{code} (제어 문자)", "{code} (control character)"),
    "char.noncharacter": L("{code} (비문자)", "{code} (noncharacter)"),
    "key.list_or_map": L("(목록/항목)", "(list/map)"),
    # what YAML read an unquoted value as (its tag without the prefix): E013, E105, E102
    "read_as.int": L("숫자", "a number"),
    "read_as.float": L("숫자", "a number"),
    "read_as.bool": L("참/거짓(true/false)", "true/false"),
    "read_as.null": L("빈 값(null)", "nothing (null)"),
    "read_as.timestamp": L("날짜", "a date"),
    "read_as.list_or_map": L("목록이나 항목", "a list or map"),
    # --- the shape of the source (E011, E102, E103, E107) -----------------------------------
    "expected.text": L("텍스트", "text"),
    "expected.whole_number": L("정수", "a whole number"),
    "expected.true_false": L("true 또는 false", "true or false"),
    "expected.list": L("목록('- '로 시작하는 줄)", "a list (lines starting with '- ')"),
    "expected.map": L("'키: 값' 항목", "a map of 'key: value' lines"),
    "found.text": L("텍스트", "text"),
    "found.list": L("목록", "a list"),
    "found.map": L("'키: 값' 항목", "a map"),
    "found.single_value": L("하나의 값({value})", "a single value ({value})"),
    "format.version": L("버전", "version"),
    "format.version.example": L('예: "1.2" (따옴표 포함)', 'e.g. "1.2" (with quotes)'),
    "format.duration": L("기한", "duration"),
    "format.duration.example": L(
        "예: immediate(즉시), 30s(초), 30m(분), 24h(시간), 4bh(영업시간), 3d(일), "
        "2bd(영업일), 1w(주), 6mo(개월), 1y(년)",
        "e.g. immediate, 30s, 30m, 24h, 4bh (business hours), 3d, 2bd (business days), 1w, 6mo, 1y",
    ),
    "format.date": L("날짜", "date"),
    "format.date.example": L("예: 2026-03-01", "e.g. 2026-03-01"),
    "format.value": L("값", "value"),
    "format.allowed": L("가능한 값: {listed}", "allowed: {expected}"),
    "suggest.key": L("'{name}' 키를 쓰려고 했나요?", "did you mean '{name}'?"),
    "suggest.allowed_keys": L("허용되는 키: {names}", "allowed keys: {names}"),
    "suggest.label_spelling": L(
        "키 이름의 철자를 확인하세요. 기본 테마의 단어는 templates/labels.yaml에 있습니다.",
        "check the key's spelling; the default theme's words are in templates/labels.yaml.",
    ),
    # --- ids and references (E202, E203, E302) ------------------------------------------
    "suggest.id": L("'{name}' id를 쓰려고 했나요?", "did you mean '{name}'?"),
    "suggest.known_ids": L("가능한 id: {ids}", "known ids: {ids}"),
    "suggest.no_ids": L("가능한 id: (없음)", "known ids: (none)"),
    "item.named": L("{noun} '{name}'", "{noun} '{name}'"),
    "ref.no_meta_field": L("meta에 '{name}' 필드가 없습니다", "meta has no field '{name}'"),
    "ref.no_section": L("'{section}' 섹션이 없습니다", "no section '{section}'"),
    "ref.not_referenceable": L(
        "'{section}'의 항목은 참조할 수 없습니다. 참조할 수 있는 섹션: {known}, meta",
        "items of '{section}' cannot be referenced; these sections can: {known}, meta",
    ),
    "ref.no_id": L("{section}에 '{id}' id가 없습니다", "{section} has no id '{id}'"),
    "ref.no_field": L(
        "{section} 항목에는 '{field}' 필드가 없습니다", "{section} items have no field '{field}'"
    ),
    # --- durations as they read in the text (24h → 24시간 / 24 hours) ----------------------
    "duration.immediate": L("즉시", "immediately"),
    "duration.s": L("{n}초", "{n:# second|# seconds}"),
    "duration.m": L("{n}분", "{n:# minute|# minutes}"),
    "duration.h": L("{n}시간", "{n:# hour|# hours}"),
    "duration.bh": L("{n}영업시간", "{n:# business hour|# business hours}"),
    "duration.d": L("{n}일", "{n:# day|# days}"),
    "duration.bd": L("영업일 {n}일", "{n:# business day|# business days}"),
    "duration.w": L("{n}주", "{n:# week|# weeks}"),
    "duration.mo": L("{n}개월", "{n:# month|# months}"),
    "duration.y": L("{n}년", "{n:# year|# years}"),
    # a recurring interval (a deadline of kind update): 30m → 30분마다 / every 30 minutes
    "every.s": L("{n}초마다", "{n:every second|every # seconds}"),
    "every.m": L("{n}분마다", "{n:every minute|every # minutes}"),
    "every.h": L("{n}시간마다", "{n:every hour|every # hours}"),
    "every.bh": L("{n}영업시간마다", "{n:every business hour|every # business hours}"),
    "every.d": L("{n}일마다", "{n:every day|every # days}"),
    "every.bd": L("영업일 {n}일마다", "{n:every business day|every # business days}"),
    "every.w": L("{n}주마다", "{n:every week|every # weeks}"),
    "every.mo": L("{n}개월마다", "{n:every month|every # months}"),
    "every.y": L("{n}년마다", "{n:every year|every # years}"),
    # --- the diff report -------------------------------------------------------------------
    "diff.none": L("변경 사항이 없습니다.", "No differences."),
    "diff.kind.added": L("추가", "added"),
    "diff.kind.removed": L("삭제", "removed"),
    "diff.kind.renamed": L("ID 변경", "renamed"),
    "diff.kind.changed": L("변경", "changed"),
    "diff.kind.moved": L("이동", "moved"),
    # --- verify: why a file is not what its build wrote ------------------------------------
    "verify.damaged": L(
        "{manifest} 파일이 손상되었습니다 (빌드가 쓰는 형식이 아님). 다시 빌드하세요.",
        "{manifest} is damaged (not what a build writes); build again",
    ),
    "verify.no_manifest": L(
        "{path} 옆에 읽을 수 있는 {manifest} 파일이 없습니다",
        "no readable {manifest} next to {path}",
    ),
    "verify.no_manifest_in": L(
        "{folder} 폴더에 읽을 수 있는 manifest.json 파일이 없습니다 (빌드한 폴더인가요?)",
        "no readable manifest.json in {folder} (is it a build's output folder?)",
    ),
    "verify.interrupted": L(
        "{folder} 폴더에 하던 마지막 빌드가 중단되었습니다. 다시 빌드하세요.",
        "the last build into {folder} was interrupted; build again",
    ),
    "verify.not_listed": L(
        "{name} 파일은 {manifest} 목록에 없습니다", "{name} is not listed in {manifest}"
    ),
    "verify.missing": L(
        "{path} 파일이 없거나 일반 파일이 아닙니다",
        "{path} does not exist or is not a regular file",
    ),
    "verify.changed": L(
        "{name} 파일이 빌드 뒤에 바뀌었습니다 (크기나 sha256이 manifest와 다름)",
        "{name} was changed after the build (size or sha256 differs from the manifest)",
    ),
    "verify.other_source": L(
        "{name} 파일은 원본 {source}에서 빌드한 것이 아닙니다 (원본 sha256이 다름)",
        "{name} was not built from {source} (source sha256 differs)",
    ),
    "verify.built_from": L("원본 {source}에서 빌드함", "built from {source}"),
    "verify.summary_ok": L("파일 {n}개 모두 확인", "{n:# file|all # files} verified"),
    "verify.summary_failed": L(
        "파일 {total}개 중 {n}개가 맞지 않습니다", "{n} of {total} files do not match"
    ),
    # --- the command line, the preview, the PDF's glyph check -------------------------------
    # --- template errors (E750): our words around Jinja's own ---------------------------
    "template.undefined": L("정의되지 않은 값: {detail}", "undefined: {detail}"),
    "template.not_allowed": L(
        "테마에서는 쓸 수 없습니다: {detail}", "not allowed in a theme: {detail}"
    ),
    "template.recursion": L(
        "템플릿이 끝없이 자기 자신을 부릅니다 (재귀가 너무 깊음)",
        "templates call themselves without end (recursion too deep)",
    ),
    "build.manifest_damaged": L(
        "{path}이(가) 손상되어 (빌드가 쓰는 형식이 아님) 무시하고 모두 새로 만듭니다.",
        "{path} is damaged (not what a build writes): ignored, everything is rebuilt.",
    ),
    "build.omitted": L(
        "{format}: 테마가 뺀 구역 — {sections} (theme.yaml)",
        "{format}: leaves out {sections} (theme.yaml)",
    ),
    "init.created": L(
        "새 매뉴얼을 만들었습니다. 'csmanual validate'로 확인하세요.",
        "new manual created; check it with 'csmanual validate'.",
    ),
    "init.theme_readme": L(
        "# 테마 덮어쓰기\n\n기본 테마의 템플릿 중 바꾸고 싶은 파일만 같은 경로로 이 폴더에 두세요.\n",
        "# Theme overrides\n\nPut here only the default-theme templates you change, at the same path.\n",
    ),
    # the preview's error pages say their title in both languages: messages.both(key)
    "serve.source_errors": L("원본에 오류가 있습니다", "the source has errors"),
    "serve.template_error": L("템플릿 오류", "template error"),
    "serve.internal_error": L("내부 오류", "internal error (please report it)"),
    "pdf.missing_glyphs": L(
        "글꼴에 없는 문자가 있어 PDF를 만들 수 없습니다 (다른 글자로 바꾸거나 지우세요):",
        "the fonts cannot draw these characters; replace or remove them:",
    ),
    "pdf.missing_glyph": L("{label} — 위치 {where}: …{around}…", "{label} — {where}: …{around}…"),
}
