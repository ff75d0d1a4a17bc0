"""The consistency rules (E5xx/W5xx): the text against the source's own values —
durations against the deadlines, counts against the sections, phrases against their
type's don't-say list and the speech level a customer is owed — and signatures against
the version they sign. Messages are templates over the diagnostic's args (see the
package's docstring).
"""

from __future__ import annotations

from csmanual.catalogue import L, Rule

CONSISTENCY_RULES: list[Rule] = [
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
        "'{literal}'은(는) 기한 '{deadline}'의 값을 되풀이합니다{assumed}.",
        "'{literal}' repeats the value of the deadline '{deadline}'{assumed}.",
        "[[deadlines.{deadline}]] 참조로 바꾸면 기한이 바뀔 때 함께 바뀝니다.",
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
        "자리표시자 '{marker}'이(가) 남아 있습니다.",
        "the placeholder '{marker}' is still in the text.",
        "내용을 완성하세요. 배포 전에는 --strict로 검사하세요.",
        "finish the text; check with --strict before release.",
    ),
    Rule(
        "W505",
        "warning",
        "time limit used as a channel's deadline",
        "채널 '{channel}'의 기한 '{name}'은(는) 응답 기한이 아니라 기간 제한(kind: limit)입니다.",
        "the channel '{channel}' lists '{name}', a time limit (kind: limit), not a response time.",
        "채널에는 응답·결과 기한을 쓰세요. 환불 기간 같은 기간 제한은 deadlines에만 두면 "
        "'기간 제한'으로 따로 나옵니다.",
        "list response and resolution times under a channel; a time limit such as a refund "
        "window stays under deadlines, where it is shown apart as a time limit.",
    ),
    Rule(
        "E506",
        "error",
        "an interval cannot be immediate",
        "주기(kind: update)인 기한의 within이 immediate입니다: '{id}'",
        "the deadline '{id}' recurs (kind: update), but its within is immediate.",
        "주기를 쓰세요 (예: within: 30m은 '30분마다'). 즉시 하는 일이면 kind: update를 지우세요.",
        "give the interval (within: 30m reads 'every 30 minutes'), or remove kind: update for "
        "something done at once.",
    ),
    Rule(
        "E507",
        "error",
        "duration contradicts the deadline the sentence is about",
        "본문에 '{literal}'(이)라고 적혀 있지만, 이 문장이 말하는 기한은 {defined}입니다 ({clue}).",
        "the text says '{literal}', but the deadline this sentence speaks of is {defined} "
        "({clue}).",
        "맞는 값으로 고치고 [[deadlines.{first}]](으)로 참조하세요. 다른 기한을 말하는 문장이면 그 "
        "기한의 이름을 문장에 쓰세요.",
        "correct it and write [[deadlines.{first}]]; if the sentence means another deadline, "
        "name that deadline in the sentence.",
    ),
    Rule(
        "E508",
        "error",
        "count contradicts the source",
        "본문에 '{literal}'(이)라고 적혀 있지만, {section}은(는) {count}개입니다.",
        "the text says '{literal}', but '{section}' has {count:# item|# items}.",
        "수를 직접 쓰지 말고 [[count.{name}]](으)로 쓰면 항목이 바뀔 때 함께 바뀝니다. 예: {example}",
        "write [[count.{name}]] instead of the number, so the text follows the source, "
        "e.g. {example}",
    ),
    Rule(
        "W509",
        "warning",
        "approval of another version",
        "서명란 '{role}'은(는) {version}판에 대한 것인데, 문서는 {current}판입니다.",
        "the signature row '{role}' is for version {version}, but the document is {current}.",
        "이번 판({current})에 대한 서명을 받아 version과 date를 고치세요. 이전 판의 서명을 "
        "그대로 두는 까닭이 있다면 meaning에 그 판의 번호와 까닭을 적으세요. 예: {version}판 "
        "승인을 유지함. 바뀐 곳은 표기뿐임.",
        "have version {current} signed and update version and date; to keep the signature of "
        "an earlier version on purpose, say why in meaning, naming that version ({version}).",
    ),
    Rule(
        "E510",
        "error",
        "approval dated before the revision it approves",
        "서명란 '{role}'의 날짜({date})이(가) 서명한 판 {version}의 개정일({revised})보다 빠릅니다.",
        "the signature row '{role}' is dated {date}, before version {version} it signs was "
        "revised ({revised}).",
        "개정한 뒤에 받은 서명의 날짜를 쓰세요.",
        "give the date the revised version was signed.",
    ),
    Rule(
        "E511",
        "error",
        "approval of a version the history lacks",
        "서명란 '{role}'이(가) 서명한 판 {version}이(가) 개정 이력에 없습니다.",
        "the signature row '{role}' signs version {version}, which the revision history lacks.",
        "개정 이력의 판: {versions}",
        "versions in the revision history: {versions}",
    ),
    Rule(
        "W512",
        "warning",
        "phrase in plain speech",
        "고객에게 하는 말이 반말로 끝납니다: '{ending}'",
        "a phrase for the customer ends in plain speech (반말): '{ending}'",
        "고객에게 하는 말은 합쇼체(…습니다, …십시오)나 해요체(…요)로 쓰세요. 고객이 한 말을 "
        "옮긴 것이면 따옴표(“ ”)로 감싸세요.",
        "write what the customer hears in 합쇼체 (…습니다, …십시오) or 해요체 (…요); if it "
        "quotes the customer, put it in quotes (“ ”).",
    ),
    Rule(
        "W513",
        "warning",
        "plain speech mixed with polite phrases in one type",
        "고객 유형 '{type}'의 예시 문구에 반말('{ending}')과(와) 높임말('{polite}')이(가) 섞여 있습니다.",
        "the phrases of the behaviour type '{type}' mix plain speech ('{ending}') with polite "
        "speech ('{polite}').",
        "한 유형의 문구는 모두 높임말로 쓰세요: 합쇼체(…습니다)나 해요체(…요).",
        "write all phrases of a type politely: 합쇼체 (…습니다) or 해요체 (…요).",
    ),
    Rule(
        "E514",
        "error",
        "phrase contains a don't-say phrase",
        "권하는 문구에 같은 유형의 하지 말아야 할 말 '{dont}'이(가) 들어 있습니다 ({line}번째 줄).",
        "a recommended phrase contains '{dont}', which the same type says not to say (line "
        "{line}).",
        "문구를 고치거나, 그 말이 괜찮다면 dont_say에서 빼세요.",
        "reword the phrase, or remove the words from dont_say if they are fine after all.",
    ),
]

# The nouns that count a section's items in prose ("13가지 고객 유형", "seven steps"): the
# tool's own words for them, the same in every manual; a manual's titles add context.
COUNT_NOUNS: dict[str, L] = {
    "claim_steps": L("처리 단계|단계", "handling steps|steps|stages"),
    "behaviour_types": L("고객 유형|유형", "behaviour types|behavior types|customer types|types"),
    "complaint_categories": L("불만 유형|유형", "complaint categories|categories"),
    "segments": L("고객 구분|구분", "customer segments|segments"),
    "channels": L("응대 채널|채널", "channels"),
    "roles": L("역할", "roles"),
    "principles": L("서비스 원칙|원칙", "service principles|principles"),
    "deadlines": L("처리 기한|기한", "deadlines"),
}
