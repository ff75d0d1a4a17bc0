"""What each field of the source means, for an editor's hover: the JSON Schema's titles and
descriptions in Korean and English (`csmanual schema`, source/manual.schema.json).

`FIELDS["Model.field"]` is (title, description); `COMMON["field"]` serves every model whose
own entry is missing (an `id` is an id everywhere); `MODELS["Model"]` says what the whole
thing is. `csmanual.editor_schema` applies them when the schema is made; a field without
words fails tests/test_schema_words.py.
"""

from __future__ import annotations

from csmanual.catalogue import L

SCHEMA_TITLE = L("csmanual 매뉴얼 원본", "csmanual manual source")

DURATION = L(
    "30m(분), 24h(시간), 4bh(영업시간), 3d(일), 2bd(영업일), 1w(주), 6mo(개월), 1y(년)",
    "30m (minutes), 24h (hours), 4bh (business hours), 3d (days), 2bd (business days), "
    "1w (weeks), 6mo (months), 1y (years)",
)


def _(title_ko: str, title_en: str, ko: str, en: str) -> tuple[L, L]:
    return L(title_ko, title_en), L(ko, en)


COMMON: dict[str, tuple[L, L]] = {
    "id": _(
        "ID",
        "ID",
        "이 항목의 고유한 이름. 영문 소문자, 숫자, 하이픈(예: team-lead). 다른 항목이 이 id로 "
        "가리키고, 버전을 비교할 때도 이 id로 맞춥니다. 한 번 정하면 바꾸지 마세요.",
        "this item's own name: lower-case letters, digits and hyphens (e.g. team-lead). Other "
        "items refer to it and versions are compared by it: keep it once chosen.",
    ),
    "name": _("이름", "Name", "사람이 읽는 이름.", "the name people read."),
    "description": _("설명", "Description", "한두 문장의 설명.", "a sentence or two about it."),
    "summary": _("요약", "Summary", "한두 문장의 요약.", "a summary in a sentence or two."),
    "points": _("요점", "Points", "글머리표 목록의 요점.", "the points, as a bulleted list."),
    "guidance": _(
        "지침", "Guidance", "상담원이 할 일, 한 줄에 하나씩.", "what the agent does, one per line."
    ),
    "owner": _(
        "담당 역할",
        "Owner",
        "책임지는 역할의 id (roles의 id).",
        "the id of the role responsible (an id of roles).",
    ),
    "escalate_when": _(
        "상급 보고 조건",
        "Escalate when",
        "이럴 때는 상급자에게 넘깁니다 (한 문장).",
        "when to hand the case up (one sentence).",
    ),
    "escalate_to": _(
        "보고 대상",
        "Escalate to",
        "넘겨받는 역할의 id (roles의 id).",
        "the id of the role it goes to (an id of roles).",
    ),
    "title": _("제목", "Title", "제목.", "the title."),
    "text": _("본문", "Text", "본문 문단.", "the paragraph."),
}

MODELS: dict[str, L] = {
    "Manual": L(
        "고객 응대 매뉴얼 한 권. meta만 꼭 있어야 하고, 나머지 구역은 순서와 상관없이 씁니다.",
        "one customer-service manual: only meta is required; the sections may come in any order.",
    ),
    "Meta": L("문서 정보: 표지와 머리글에 쓰입니다.", "the document's details: cover and headers."),
    "Revision": L(
        "개정 이력의 한 줄: 판마다 무엇이 바뀌었는지.", "one row of the revision history."
    ),
    "Approval": L(
        "서명란 한 줄. 서명 전에는 이름과 날짜를 비워 두면 종이에 서명할 칸이 됩니다.",
        "a signature row; leave name and date empty until signed for a line to sign on paper.",
    ),
    "Purpose": L("매뉴얼의 목적과 적용 범위.", "what the manual is for and what it covers."),
    "Item": L(
        "제목이 있는 문단: 원칙, 정책, 개인정보 규칙, 평가 방법 등.",
        "a titled paragraph: a principle, a policy, a privacy rule, a feedback method …",
    ),
    "Role": L("역할 하나와 그 업무, 보고 체계.", "a role, its duties and whom it reports to."),
    "Deadline": L(
        "지켜야 할 처리 기한 하나. 채널과 본문이 id로 가리킵니다.",
        "a time the desk keeps; channels and texts refer to it by id.",
    ),
    "Channel": L("응대 채널 하나 (전화, 이메일 …).", "a channel customers use (phone, email …)."),
    "ComplaintCategory": L(
        "불만 유형 하나와 그 처리 방법.", "a kind of complaint and how it is handled."
    ),
    "Segment": L("고객 구분 하나와 응대 방법.", "a group of customers and how to serve them."),
    "BehaviourType": L(
        "고객의 행동 유형 하나와 응대 요령.", "a kind of customer behaviour and how to respond."
    ),
    "Stage": L("단계나 요점 하나.", "one stage or point."),
    "InitialResponse": L("첫 응대: 중요성, 흐름, 요점.", "the first response: why, flow, points."),
    "ClaimStep": L("불만 처리 단계 하나.", "one step of handling a complaint."),
    "FollowUp": L("처리 뒤의 관리.", "what happens after a case is handled."),
    "Privacy": L("개인정보 보호 규칙.", "how customers' personal data is protected."),
    "Feedback": L("고객 의견을 모으고 평가하는 방법.", "how feedback is gathered and evaluated."),
    "Maintenance": L("매뉴얼을 최신으로 유지하는 방법.", "how the manual is kept up to date."),
    "Faq": L("자주 묻는 질문 하나와 답.", "a frequently asked question and its answer."),
    "Term": L("용어 하나와 그 뜻.", "a term and its definition."),
    "Table": L(
        "표: 열 제목과 행들 (행마다 열 수만큼).",
        "a table: column headings and rows (as many cells as columns).",
    ),
    "CustomSection": L(
        "정해진 구역에 없는 우리만의 구역 (예: 보상 기준).",
        "a section of your own that the fixed list lacks (e.g. compensation rules).",
    ),
    "Settings": L(
        "이 매뉴얼이 꼭 갖출 구역, 구역 제목과 순서.",
        "which sections this manual requires, their titles and their order.",
    ),
}

FIELDS: dict[str, tuple[L, L]] = {
    # --- the manual's sections --------------------------------------------------------
    "Manual.meta": _(
        "문서 정보",
        "Document",
        "제목, 조직, 문서 번호, 판, 시행일, 담당, 언어.",
        "title, organisation, document number, version, effective date, owner, language.",
    ),
    "Manual.revisions": _(
        "개정 이력",
        "Revision history",
        "판마다 한 항목. 최신 판이 meta.version과 같아야 합니다.",
        "one entry per version; the latest matches meta.version.",
    ),
    "Manual.approvals": _(
        "검토와 승인", "Sign-off", "작성, 검토, 승인 서명란.", "the signature rows."
    ),
    "Manual.purpose": _(
        "목적과 범위", "Purpose and scope", "매뉴얼의 목적과 범위.", "purpose and scope."
    ),
    "Manual.principles": _(
        "서비스 원칙", "Service principles", "응대의 원칙, 하나씩.", "the service principles."
    ),
    "Manual.policies": _("운영 정책", "Policies", "운영 정책, 하나씩.", "the policies."),
    "Manual.roles": _(
        "역할과 보고 체계",
        "Roles and escalation",
        "역할마다 한 항목. 다른 구역의 owner, escalate_to가 이 id를 가리킵니다.",
        "one entry per role; owner and escalate_to elsewhere name these ids.",
    ),
    "Manual.deadlines": _(
        "처리 기한",
        "Deadlines",
        "기한마다 한 항목. 채널이 이 id를 가리키고, 본문에서 [[deadlines.id]]로 씁니다.",
        "one entry per deadline; channels name these ids, texts write [[deadlines.id]].",
    ),
    "Manual.channels": _("응대 채널", "Channels", "채널마다 한 항목.", "one entry per channel."),
    "Manual.complaint_categories": _(
        "불만 유형", "Complaint categories", "유형마다 한 항목.", "one entry per category."
    ),
    "Manual.segments": _(
        "고객 구분", "Customer segments", "구분마다 한 항목.", "one entry per segment."
    ),
    "Manual.behaviour_types": _(
        "고객 유형별 응대",
        "Customer behaviour types",
        "유형마다 한 항목. 포켓 카드(--format card)도 이 구역으로 만듭니다.",
        "one entry per type; the pocket cards (--format card) are made from them.",
    ),
    "Manual.initial_response": _(
        "초기 대응",
        "Initial response",
        "첫 응대의 중요성, 흐름, 요점.",
        "why the first response matters, its flow and points.",
    ),
    "Manual.claim_steps": _(
        "처리 단계",
        "Handling steps",
        "불만 처리 단계, 순서대로 (number는 1부터).",
        "the steps of handling a complaint, in order (number from 1).",
    ),
    "Manual.follow_up": _(
        "사후 관리", "Follow-up", "처리 뒤의 관리.", "what happens after a case is handled."
    ),
    "Manual.privacy": _(
        "개인정보 보호", "Privacy and data protection", "개인정보 보호.", "data protection."
    ),
    "Manual.feedback": _(
        "피드백과 평가", "Feedback and evaluation", "피드백과 평가.", "feedback and evaluation."
    ),
    "Manual.maintenance": _(
        "매뉴얼 유지보수",
        "Manual maintenance",
        "검토 주기, 담당, 개정 계기.",
        "review cycle, owner and what triggers a revision.",
    ),
    "Manual.custom_sections": _(
        "추가 구역",
        "Custom sections",
        "정해진 구역에 없는 우리만의 구역들.",
        "sections of your own that the fixed list lacks.",
    ),
    "Manual.faqs": _("자주 묻는 질문", "FAQ", "질문마다 한 항목.", "one entry per question."),
    "Manual.glossary": _("용어집", "Glossary", "용어마다 한 항목.", "one entry per term."),
    "Manual.settings": _(
        "설정",
        "Settings",
        "필수 구역, 구역 제목, 구역 순서 (없으면 기본값).",
        "required sections, section titles and order (defaults when absent).",
    ),
    # --- meta --------------------------------------------------------------------------
    "Meta.title": _("제목", "Title", "매뉴얼의 제목.", "the manual's title."),
    "Meta.organization": _("조직", "Organisation", "회사나 부서 이름.", "the company or team."),
    "Meta.document_id": _(
        "문서 번호",
        "Document number",
        "문서 관리 번호 (예: CS-MAN-001).",
        "the document number (e.g. CS-MAN-001).",
    ),
    "Meta.version": _(
        "판",
        "Version",
        '이 판의 번호. 따옴표로 감싸세요: "1.10" (감싸지 않으면 숫자 1.1로 읽힙니다).',
        'this version\'s number; quote it: "1.10" (unquoted it reads as the number 1.1).',
    ),
    "Meta.effective_date": _(
        "시행일", "Effective date", "YYYY-MM-DD 형식의 날짜.", "a date, YYYY-MM-DD."
    ),
    "Meta.owner": _("담당", "Owner", "매뉴얼을 책임지는 부서나 사람.", "who owns the manual."),
    "Meta.language": _(
        "언어",
        "Language",
        "결과물과 메시지의 언어: ko(한국어) 또는 en(영어).",
        "the language of the outputs and messages: ko (Korean) or en (English).",
    ),
    "Meta.author": _("작성자", "Author", "작성자 (선택).", "the author (optional)."),
    "Meta.subtitle": _("부제", "Subtitle", "표지의 부제 (선택).", "the cover's subtitle."),
    "Meta.keywords": _(
        "키워드", "Keywords", "PDF 문서 속성의 키워드.", "keywords of the PDF's properties."
    ),
    # --- revisions and approvals ----------------------------------------------------------
    "Revision.version": _(
        "판", "Version", '이 개정의 판 번호 (따옴표: "1.1").', 'the version (quoted: "1.1").'
    ),
    "Revision.date": _("날짜", "Date", "개정일, YYYY-MM-DD.", "the date, YYYY-MM-DD."),
    "Revision.author": _("작성자", "Author", "개정한 사람.", "who made the revision."),
    "Revision.summary": _(
        "요약", "Summary", "무엇이 바뀌었는지 한 문장.", "what changed, in a sentence."
    ),
    "Revision.changes": _(
        "변경 내용", "Changes", "바뀐 내용, 한 줄에 하나씩.", "the changes, one per line."
    ),
    "Approval.role": _("역할", "Role", "서명하는 사람의 직책.", "the signer's position."),
    "Approval.action": _(
        "서명 종류",
        "Action",
        "다음 중 하나: written(작성), reviewed(검토), approved(승인). 서명란의 문구가 이것을 "
        "따릅니다.",
        "one of written, reviewed, approved; the row's wording follows it.",
    ),
    "Approval.name": _(
        "이름", "Name", "서명한 사람. 서명 전에는 비워 둡니다.", "the signer; empty until signed."
    ),
    "Approval.date": _(
        "서명일", "Date", "YYYY-MM-DD. 서명 전에는 비워 둡니다.", "YYYY-MM-DD; empty until signed."
    ),
    "Approval.meaning": _(
        "서명의 의미",
        "Meaning",
        "서명이 뜻하는 바 (없으면 서명 종류의 기본 문구).",
        "what the signature means (default: the action's wording).",
    ),
    "Approval.version": _(
        "서명한 판",
        "Version",
        '서명한 판 (따옴표: "1.2"). 쓰면 서명 옆에 판이 나옵니다.',
        'the version signed (quoted: "1.2"), shown beside the signature.',
    ),
    # --- purpose, roles, deadlines, channels --------------------------------------------------
    "Purpose.summary": _("목적", "Purpose", "이 매뉴얼의 목적.", "what the manual is for."),
    "Purpose.scope": _("범위", "Scope", "어떤 문의와 불만에 적용되는지.", "what it applies to."),
    "Purpose.benefits": _(
        "기대 효과", "Benefits", "기대 효과, 한 줄에 하나씩.", "the benefits, one per line."
    ),
    "Role.responsibilities": _(
        "담당 업무",
        "Responsibilities",
        "이 역할의 업무, 한 줄에 하나씩.",
        "its duties, one per line.",
    ),
    "Role.escalates_to": _(
        "보고 대상",
        "Escalates to",
        "이 역할이 넘기는 상위 역할의 id.",
        "the id of the role this one hands cases up to.",
    ),
    "Role.mediator": _(
        "중재자",
        "Mediator",
        "true면 매뉴얼의 기준으로 풀리지 않는 예외 건을 조정하는 중재 역할입니다.",
        "true for a role that settles the exceptions the manual's rules do not resolve.",
    ),
    "Deadline.within": _(
        "기한",
        "Within",
        "이 안에 합니다. immediate(즉시) 또는 숫자와 단위: {duration}",
        "the time allowed: immediate, or a number and a unit: {duration}",
    ),
    "Deadline.kind": _(
        "종류",
        "Kind",
        "다음 중 하나: reply(첫 응답), result(결과 회신), update(진행 안내 주기: within이 "
        "간격), limit(환불 기간 같은 기간 제한).",
        "one of reply (a first response), result (the outcome), update (recurring: within is "
        "the interval), limit (a time limit such as a refund window).",
    ),
    "Deadline.applies_to": _(
        "적용 대상",
        "Applies to",
        "이 기한이 적용되는 경우 (예: 긴급 건).",
        "when it applies (e.g. urgent cases).",
    ),
    "Channel.deadline": _(
        "응답 기한",
        "Deadline",
        "이 채널의 응답 기한 id (deadlines의 id). 여러 개면 deadlines에.",
        "the id of this channel's deadline (an id of deadlines); several: use deadlines.",
    ),
    "Channel.deadlines": _(
        "응답 기한들",
        "Deadlines",
        "이 채널의 기한 id 목록 (deadline 하나 대신).",
        "the ids of this channel's deadlines (instead of one deadline).",
    ),
    # --- complaints, segments, behaviour types --------------------------------------------
    "ComplaintCategory.examples": _(
        "예시", "Examples", "이런 불만의 예, 한 줄에 하나씩.", "examples, one per line."
    ),
    "ComplaintCategory.handling": _(
        "처리 방법", "Handling", "처리 방법, 순서대로.", "how it is handled, in order."
    ),
    "ComplaintCategory.compensation": _(
        "보상", "Compensation", "보상 기준 (있으면).", "the compensation, if any."
    ),
    "Segment.approach": _(
        "응대 방법", "Approach", "이 고객을 응대하는 방법.", "how to serve these customers."
    ),
    "BehaviourType.traits": _(
        "특징", "Traits", "이 유형을 알아보는 특징.", "how to recognise this behaviour."
    ),
    "BehaviourType.do": _("응대 요령", "Do", "이렇게 응대합니다.", "what to do."),
    "BehaviourType.dont_say": _(
        "하지 말아야 할 말",
        "Don't say",
        "이 고객에게 하면 안 되는 말.",
        "what never to say to this customer.",
    ),
    "BehaviourType.phrases": _(
        "권장 표현", "Phrases", "그대로 쓸 수 있는 말.", "words the agent can use as they are."
    ),
    # --- handling claims ------------------------------------------------------------------
    "InitialResponse.importance": _(
        "중요성", "Why it matters", "첫 응대가 중요한 까닭.", "why the first response matters."
    ),
    "InitialResponse.flow": _(
        "흐름", "Flow", "첫 응대의 단계, 순서대로.", "the stages of the first response, in order."
    ),
    "InitialResponse.points": _(
        "요점", "Points", "첫 응대에서 지킬 점.", "what to keep in mind in the first response."
    ),
    "ClaimStep.number": _(
        "번호", "Number", "단계 번호, 1부터 차례로.", "the step's number, from 1."
    ),
    "ClaimStep.owner": _("담당 역할", "Owner", "이 단계를 맡는 역할의 id.", "the id of the role."),
    "FollowUp.statuses": _(
        "처리 상태", "Statuses", "고객에게 알리는 처리 상태들.", "the statuses customers are told."
    ),
    "FollowUp.interim_contact": _(
        "중간 연락",
        "Interim contact",
        "처리 중에 고객에게 연락하는 방법.",
        "keeping in touch meanwhile.",
    ),
    "FollowUp.thanks": _("감사 인사", "Thanks", "마무리 감사 인사.", "the closing thanks."),
    "FollowUp.after_service": _(
        "사후 서비스", "After service", "처리 뒤의 확인.", "the check after the case is closed."
    ),
    # --- safeguards and upkeep ----------------------------------------------------------------
    "Privacy.rules": _("규칙", "Rules", "개인정보 규칙, 하나씩.", "the data-protection rules."),
    "Feedback.methods": _("방법", "Methods", "의견을 모으는 방법들.", "how feedback is gathered."),
    "Feedback.evaluation": _(
        "평가", "Evaluation", "응대를 평가하는 방법.", "how service is evaluated."
    ),
    "Maintenance.review_cycle": _(
        "검토 주기",
        "Review cycle",
        "매뉴얼을 검토하는 주기, 숫자와 단위: {duration}",
        "how often the manual is reviewed, a number and a unit: {duration}",
    ),
    "Maintenance.owner": _(
        "담당 역할", "Owner", "유지보수를 맡는 역할의 id.", "the id of the role that keeps it."
    ),
    "Maintenance.triggers": _(
        "개정 계기", "Triggers", "매뉴얼을 고치게 되는 일들.", "what makes a revision necessary."
    ),
    "Faq.question": _("질문", "Question", "고객이 묻는 말.", "the customer's question."),
    "Faq.answer": _("답", "Answer", "답.", "the answer."),
    "Term.term": _("용어", "Term", "용어.", "the term."),
    "Term.definition": _("뜻", "Definition", "용어의 뜻.", "what it means."),
    # --- the manual's own sections ------------------------------------------------------------
    "Table.columns": _("열 제목", "Columns", "열 제목들.", "the column headings."),
    "Table.rows": _(
        "행", "Rows", "행들. 행마다 열 수만큼 칸을 씁니다.", "the rows, one cell per column."
    ),
    "CustomSection.title": _("제목", "Title", "구역 제목.", "the section's title."),
    "CustomSection.items": _("문단", "Items", "제목이 있는 문단들.", "titled paragraphs."),
    "CustomSection.table": _("표", "Table", "표 하나.", "a table."),
    "Settings.required_sections": _(
        "필수 구역",
        "Required sections",
        "이 매뉴얼에 꼭 있어야 할 구역 이름들 (없으면 기본 목록).",
        "the sections this manual must have (default: the usual list).",
    ),
    "Settings.titles": _(
        "구역 제목",
        "Titles",
        "구역 이름: 제목. 제목의 {{n}}은 그 구역의 항목 수가 됩니다.",
        "section name: title; {{n}} in a title becomes the section's count.",
    ),
    "Settings.order": _(
        "구역 순서",
        "Order",
        "결과물에 나올 구역의 순서 (빠진 구역은 기본 순서로 뒤에).",
        "the order of the sections in the outputs (the rest follow in the usual order).",
    ),
}
