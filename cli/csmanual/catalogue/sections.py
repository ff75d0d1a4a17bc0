"""The manual's sections in the order the outputs present them, with their titles, and the
words messages use for a field or an item of a section."""

from __future__ import annotations

from csmanual.catalogue import L

# Section names and their default titles, in the order the outputs present them. A title
# never states a count: a manual sets its own (`settings.titles`, "{n}" filled with the
# count), a theme's labels.yaml may too. `custom_sections` holds the manual's own
# sections, which stand where it stands (after maintenance, before faqs and glossary).
SECTIONS: dict[str, L] = {
    "meta": L("문서 정보", "Document"),
    "revisions": L("개정 이력", "Revision history"),
    "approvals": L("검토와 승인", "Sign-off"),
    "purpose": L("목적과 범위", "Purpose and scope"),
    "principles": L("서비스 원칙", "Service principles"),
    "policies": L("운영 정책", "Policies"),
    "roles": L("역할과 보고 체계", "Roles and escalation"),
    "deadlines": L("처리 기한", "Deadlines"),
    "channels": L("응대 채널", "Channels"),
    "complaint_categories": L("불만 유형", "Complaint categories"),
    "segments": L("고객 구분", "Customer segments"),
    "behaviour_types": L("고객 유형별 응대", "Customer behaviour types"),
    "initial_response": L("초기 대응", "Initial response"),
    "claim_steps": L("처리 단계", "Handling steps"),
    "follow_up": L("사후 관리", "Follow-up"),
    "privacy": L("개인정보 보호", "Privacy and data protection"),
    "feedback": L("피드백과 평가", "Feedback and evaluation"),
    "maintenance": L("매뉴얼 유지보수", "Manual maintenance"),
    "custom_sections": L("추가 구역", "Custom sections"),
    "faqs": L("자주 묻는 질문", "FAQ"),
    "glossary": L("용어집", "Glossary"),
    "settings": L("설정", "Settings"),
}

# Field labels used in completeness messages (E302) and by the templates.
FIELD_LABELS: dict[str, L] = {
    "responsibilities": L("담당 업무", "responsibilities"),
    "deadline": L("응답 기한", "response deadline"),
    "handling": L("처리 방법", "how to handle"),
    "owner": L("담당 역할", "owner"),
    "approach": L("응대 방법", "approach"),
    "traits": L("특징", "traits"),
    "do": L("응대 요령", "what to do"),
    "dont_say": L("하지 말아야 할 말", "what not to say"),
    "guidance": L("지침", "guidance"),
}

# What one item of a section is called, in messages about that item.
ITEM_NOUNS: dict[str, L] = {
    "revisions": L("개정", "revision"),
    "approvals": L("서명란", "signature row"),
    "roles": L("역할", "role"),
    "deadlines": L("기한", "deadline"),
    "channels": L("채널", "channel"),
    "complaint_categories": L("불만 유형", "complaint category"),
    "segments": L("고객 구분", "segment"),
    "behaviour_types": L("고객 유형", "behaviour type"),
    "claim_steps": L("처리 단계", "step"),
    "faqs": L("질문", "FAQ"),
    "glossary": L("용어", "term"),
    "custom_sections": L("추가 구역", "custom section"),
}

# Fields of the manual that are not sections of their own.
NOT_SECTIONS = ("meta", "settings", "custom_sections")

# Words of the template context that labels.yaml may not have yet: the context takes
# them from here unless the theme's labels set them.
CONTEXT_LABELS: dict[str, L] = {
    # deadlines grouped by kind (`deadline_groups`), and each deadline's kind
    "deadlines_reply": L("응답 기한", "Response times"),
    "deadlines_result": L("결과 회신 기한", "Resolution times"),
    "deadlines_update": L("진행 상황 안내 주기", "Update intervals"),
    "deadlines_limit": L("기간 제한", "Time limits"),
    "deadline_kind_reply": L("응답", "reply"),
    "deadline_kind_result": L("결과 회신", "resolution"),
    "deadline_kind_update": L("안내 주기", "update interval"),
    "deadline_kind_limit": L("기간 제한", "time limit"),
    "applies_to": L("적용 대상", "Applies to"),
    # signature rows: what the signer did, and what the signature means by default
    "signature_written": L("작성", "Written by"),
    "signature_reviewed": L("검토", "Reviewed by"),
    "signature_approved": L("승인", "Approved by"),
    "signature_meaning_written": L(
        "이 판의 내용을 작성했습니다.", "Wrote the content of this version."
    ),
    "signature_meaning_reviewed": L(
        "이 판의 내용을 검토했습니다.", "Reviewed the content of this version."
    ),
    "signature_meaning_approved": L(
        "이 판의 시행을 승인했습니다.", "Approved this version for use."
    ),
}
