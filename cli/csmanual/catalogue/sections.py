"""The manual's sections in the order the outputs present them, with their titles, and the
words messages use for a field or an item of a section."""

from __future__ import annotations

from csmanual.catalogue import L

# Section names and labels, in the order the outputs present them.
SECTIONS: dict[str, L] = {
    "meta": L("문서 정보", "Document"),
    "revisions": L("개정 이력", "Revision history"),
    "approvals": L("승인", "Approvals"),
    "purpose": L("목적과 범위", "Purpose and scope"),
    "principles": L("서비스 원칙", "Service principles"),
    "policies": L("운영 정책", "Policies"),
    "roles": L("역할과 보고 체계", "Roles and escalation"),
    "deadlines": L("응답 기한", "Response deadlines"),
    "channels": L("응대 채널", "Channels"),
    "complaint_categories": L("불만 유형", "Complaint categories"),
    "segments": L("고객 구분", "Customer segments"),
    "behaviour_types": L("고객 유형별 응대", "Customer behaviour types"),
    "initial_response": L("초기 대응", "Initial response"),
    "claim_steps": L("클레임 처리 7단계", "Claim-handling steps"),
    "follow_up": L("사후 관리", "Follow-up"),
    "privacy": L("개인정보 보호", "Privacy and data protection"),
    "feedback": L("피드백과 평가", "Feedback and evaluation"),
    "maintenance": L("매뉴얼 유지보수", "Manual maintenance"),
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
    "approvals": L("승인", "approval"),
    "roles": L("역할", "role"),
    "deadlines": L("기한", "deadline"),
    "channels": L("채널", "channel"),
    "complaint_categories": L("불만 유형", "complaint category"),
    "segments": L("고객 구분", "segment"),
    "behaviour_types": L("고객 유형", "behaviour type"),
    "claim_steps": L("처리 단계", "claim step"),
    "faqs": L("질문", "FAQ"),
    "glossary": L("용어", "term"),
}
