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
    "ref.no_count": L(
        "'{name}'의 항목 수는 셀 수 없습니다. 셀 수 있는 구역: {known}",
        "'{name}' has no items to count; these sections do: {known}",
    ),
    "suggest.known_fields": L("가능한 필드: {ids}", "known fields: {ids}"),
    "ref.no_field": L(
        "{section} 항목에는 '{field}' 필드가 없습니다", "{section} items have no field '{field}'"
    ),
    # --- whose deadline a sentence states (E507, W502): why it was assumed ----------------
    "assumed.named": L(
        "문장에 '{name}'의 이름이 있어 그 기한으로 보았습니다",
        "read as '{name}': the sentence names it",
    ),
    "assumed.deadline": L(
        "기한 '{name}'의 글이라 그 기한으로 보았습니다",
        "read as '{name}': the text describes it",
    ),
    "assumed.channel": L(
        "채널 '{name}'에 쓰인 글이라 그 채널의 기한으로 보았습니다",
        "read as a deadline of the channel '{name}': the text stands under it",
    ),
    "assumed.channel_named": L(
        "문장에 채널 '{name}'이(가) 있어 그 채널의 기한으로 보았습니다",
        "read as a deadline of the channel '{name}': the sentence names it",
    ),
    "assumed.note": L(" ({clue})", " ({clue})"),
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
    "diff.commit": L('커밋 {commit} "{subject}"', 'commit {commit} "{subject}"'),
    "diff.version": L("버전 {version} · 시행일 {date}", "version {version} · effective {date}"),
    "diff.position": L("{n}번째 항목", "item {n}"),
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
        "{name} 파일은 {manifest} 목록에 없습니다 (목록: {listed})",
        "{name} is not listed in {manifest} (it lists: {listed})",
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
    # --- a project: its settings file and what `csmanual init` writes (issue 17) ----------
    "settings.kind.formats": L("형식 목록", "a list of formats"),
    "settings.kind.folder": L("폴더 경로(텍스트)", "a folder path (text)"),
    "settings.known_formats": L("쓸 수 있는 형식: {names}", "the formats: {names}"),
    "init.next": L(
        "다음: cd {folder} 한 뒤 make validate(확인)와 make manual(빌드). 원본을 채우는 법은 "
        "{folder}/README.md에 있습니다.",
        "next: cd {folder}, then make validate (check) and make manual (build); "
        "{folder}/README.md says how to fill in the source.",
    ),
    "init.settings": L(
        "# csmanual.yaml: 이 프로젝트의 설정입니다. 모든 csmanual 명령이 읽습니다.\n"
        "# 명령줄 옵션이 이 설정보다 우선합니다 (예: csmanual build --format html).\n"
        "formats: [html, pdf, pptx]   # csmanual build가 만드는 형식: {formats}\n"
        "out: output                  # 결과물을 둘 폴더 (이 파일이 있는 폴더 기준)\n"
        "# theme: my-theme            # 모양을 바꾸는 테마 폴더 (templates/는 늘 쓰입니다)\n"
        "# lang: ko                   # 메시지의 언어 (없으면 매뉴얼의 meta.language)\n",
        "# csmanual.yaml: this project's settings, read by every csmanual command.\n"
        "# An option on the command line wins over them (e.g. csmanual build --format html).\n"
        "formats: [html, pdf, pptx]   # what csmanual build makes: {formats}\n"
        "out: output                  # the folder for the outputs, beside this file\n"
        "# theme: my-theme            # a theme folder that changes the look (templates/ always counts)\n"
        "# lang: en                   # the language of the messages (default: the manual's)\n",
    ),
    "init.readme": L(
        "# 고객 응대 매뉴얼\n\n"
        "csmanual로 관리하는 매뉴얼입니다. YAML 원본 하나에서 HTML, PDF, PPTX 교육 자료를 만듭니다.\n\n"
        "| 파일 | 내용 |\n| --- | --- |\n"
        "| `source/manual.yaml` | 매뉴얼 원본: 이 파일을 고칩니다 |\n"
        "| `csmanual.yaml` | 설정: 빌드할 형식, 결과물 폴더 |\n"
        "| `templates/` | 모양을 바꿀 때 쓰는 폴더 (비어 있으면 기본 모양) |\n"
        "| `output/` | 빌드 결과물 (git에 넣지 않음) |\n\n"
        "## 매뉴얼 채우기\n\n"
        "`source/manual.yaml`을 편집기로 열어 예제의 내용을 우리 회사의 내용으로 바꾸세요. "
        "`id:`는 다른 항목이 가리키는 이름이니 짧게 쓰세요 (영문 소문자, 숫자, 하이픈). "
        "YAML 확장이 있는 편집기(예: VS Code의 Red Hat YAML)는 `source/manual.schema.json`을 읽어 "
        "항목마다 설명을 보여 주고 자동 완성을 해 줍니다.\n\n"
        "## 확인하고 빌드하기\n\n"
        "```sh\n"
        "make validate    # 또는: csmanual validate\n"
        "make manual      # 또는: csmanual build\n"
        "```\n\n"
        "`validate`는 문제마다 줄 번호와 도움말을 보여 줍니다. 문제가 있으면 아무것도 만들지 "
        "않습니다. `make manual`은 `csmanual.yaml`의 형식을 `output/`에 만듭니다. 명령줄 옵션이 "
        "설정보다 우선합니다 (`csmanual build --format html`).\n\n"
        "`csmanual` 명령을 찾을 수 없다면 csmanual 저장소에서 한 번 설치하세요 (Python 3.10 이상): "
        "`pipx install 저장소-경로` (또는 `python3 -m pip install --user 저장소-경로`). "
        "설치하지 않고 쓰려면 `make manual CSMANUAL=경로/csmanual`처럼 경로를 알려 주세요.\n\n"
        "명령 목록은 `csmanual --help`, 문제 코드 목록은 `csmanual rules`에 있습니다.\n",
        "# Customer-service manual\n\n"
        "A manual kept with csmanual: one YAML source, built into HTML, PDF and a PPTX "
        "training deck.\n\n"
        "| file | what it is |\n| --- | --- |\n"
        "| `source/manual.yaml` | the manual: the file you edit |\n"
        "| `csmanual.yaml` | the settings: which formats a build makes, where outputs go |\n"
        "| `templates/` | your changes to the look (empty: the default look) |\n"
        "| `output/` | what a build makes (not kept in git) |\n\n"
        "## Fill in the manual\n\n"
        "Open `source/manual.yaml` in an editor and replace the example's words with your "
        "own. Keep each `id:` short (lower-case letters, digits, hyphens): other items refer "
        "to it. An editor with a YAML extension (e.g. Red Hat's YAML for VS Code) reads "
        "`source/manual.schema.json`: it explains each field on hover and completes it.\n\n"
        "## Check and build\n\n"
        "```sh\n"
        "make validate    # or: csmanual validate\n"
        "make manual      # or: csmanual build\n"
        "```\n\n"
        "`validate` lists every problem with its line and a hint; nothing is built while "
        "there is one. `make manual` builds the formats of `csmanual.yaml` into `output/`. "
        "An option on the command line wins over the settings "
        "(`csmanual build --format html`).\n\n"
        "`csmanual` not found? Install it once from the csmanual repository (Python 3.10 or "
        "later): `pipx install PATH-TO-THE-REPOSITORY` (or `python3 -m pip install --user "
        "PATH-TO-THE-REPOSITORY`). Or tell make where it is: "
        "`make manual CSMANUAL=path/to/csmanual`.\n\n"
        "`csmanual --help` lists the commands; `csmanual rules` every problem code.\n",
    ),
    "init.make.manual": L(
        "csmanual.yaml의 형식을 결과물 폴더에 빌드합니다",
        "build the formats of csmanual.yaml into its output folder",
    ),
    "init.make.validate": L(
        "원본을 확인하고 문제를 모두 보여 줍니다", "check the source and list every problem"
    ),
    "init.make.serve": L(
        "http://127.0.0.1:8000/ 에서 미리 봅니다", "live preview on http://127.0.0.1:8000/"
    ),
    "init.make.not_found": L(
        "csmanual을 찾을 수 없습니다. README.md를 보고 설치하거나 CSMANUAL=경로/csmanual을 주세요.",
        "csmanual not found: install it (README.md) or give CSMANUAL=path/to/csmanual.",
    ),
}
