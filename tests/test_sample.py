"""The Korean sample manual (source/manual.yaml) is clean and carries the seeds' facts.

The seeds are shared/seeds: 「고객응대 매뉴얼」 and 「고객 클레임 만족 활동」.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual import refs
from csmanual.cli import main
from csmanual.validate import validate_file

SAMPLE = Path(__file__).resolve().parents[1] / "source" / "manual.yaml"

# The 13 behaviour types of the seed 「고객 클레임 만족 활동」, in the seed's order and spelling.
SEED_BEHAVIOUR_TYPES = [
    "큰 소리로 항의하는 고객",
    "무조건 따지거나 불평하는 고객",
    "무리한 요구를 하는 고객",
    "불평이 많은 고객",
    "쉽게 흥분하고 저돌적인 고객",
    "과장하거나 가정해서 말하는 고객",
    "말이 많은 고객",
    "같은 말을 장시간 되풀이 하는 고객",
    "빈정거리거나 무엇이든 반대하는 고객",
    "의심많은 고객",
    "뽐내는 고객",
    "깐깐한 고객",
    "전문가형 고객",
]

# The 7 claim-handling steps of the same seed, in order.
SEED_CLAIM_STEPS = [
    "사과",
    "경청",
    "원인 파악",
    "대책 강구",
    "방법 제시",
    "실행",
    "현품 회수 및 감사 표현",
]

# The 7 customer segments of the seed 「고객응대 매뉴얼」, in order.
SEED_SEGMENTS = [
    "피해자",
    "요구사항 미 충족 고객",
    "장기적인 업무 파트너",
    "협력업체 및 제휴사",
    "새로운 고객",
    "정기구독 계약 고객",
    "최고급 고객",
]

# The seven points of the initial-response flow (신속 … 중간점검).
SEED_INITIAL_POINTS = ["신속", "공손", "방문", "결과", "A/S", "안부/인사", "중간점검"]


def squeeze(text: str) -> str:
    """Spacing differs between the seeds and the manual (띄어쓰기 corrected): compare without it."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def result():
    return validate_file(SAMPLE)


@pytest.fixture(scope="module")
def manual(result):
    assert result.manual is not None, [d.message("en") for d in result.diagnostics]
    return result.manual


def test_first_line_points_at_the_schema():
    first = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=manual.schema.json"
    assert (SAMPLE.parent / "manual.schema.json").is_file()


def test_sample_has_no_diagnostics_at_all(result):
    # --strict semantics: not a single error or warning.
    problems = [f"{d.line}:{d.column} {d.code} {d.message('en')}" for d in result.diagnostics]
    assert problems == []
    assert result.ok


def test_validate_strict_exits_zero():
    outcome = CliRunner().invoke(main, ["validate", "--strict", str(SAMPLE)])
    assert outcome.exit_code == 0, outcome.output


def test_metadata_and_history_agree(manual):
    assert manual.meta.language == "ko"
    assert manual.meta.version == "1.2"
    assert "고객응대 매뉴얼" in manual.meta.title
    assert [r.version for r in manual.revisions] == ["1.0", "1.1", "1.2"]
    dates = [r.date for r in manual.revisions]
    assert dates == sorted(dates)
    assert dates[-1] <= manual.meta.effective_date
    assert manual.approvals
    assert all(a.date >= dates[-1] for a in manual.approvals)


def test_thirteen_behaviour_types_of_the_seed(manual):
    types = manual.behaviour_types
    assert len(types) == 13
    assert len({t.id for t in types}) == 13
    assert [squeeze(t.name) for t in types] == [squeeze(n) for n in SEED_BEHAVIOUR_TYPES]
    expert = next(t for t in types if t.id == "expert")
    assert expert.name == "전문가형 고객"
    for t in types:
        assert t.traits and t.do and t.dont_say and t.phrases, t.id


def test_seed_phrases_not_to_say_are_kept(manual):
    by_id = {t.id: t for t in manual.behaviour_types}
    dont = [squeeze(s) for t in by_id.values() for s in t.dont_say]
    assert squeeze("어쩔 수 없습니다") in dont
    assert "아니죠" in dont


def test_seven_claim_steps_in_order(manual):
    steps = manual.claim_steps
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.name for s in steps] == SEED_CLAIM_STEPS
    role_ids = {r.id for r in manual.roles}
    for step in steps:
        assert step.guidance, step.id
        assert step.owner in role_ids
    # 대책 강구: what cannot be handled on the spot goes to the team lead at once.
    assert steps[3].escalate_to == "team-lead"


def test_seven_segments_of_the_seed(manual):
    assert [squeeze(s.name) for s in manual.segments] == [squeeze(n) for n in SEED_SEGMENTS]
    assert all(s.approach for s in manual.segments)


def test_initial_response_flow_and_points(manual):
    flow = [squeeze(s.name) for s in manual.initial_response.flow]
    assert flow == ["클레임발생", "초기대응", "A/S과정관리"]
    assert [p.name for p in manual.initial_response.points] == SEED_INITIAL_POINTS


def test_follow_up_statuses(manual):
    assert [s.name for s in manual.follow_up.statuses] == ["접수", "진행중", "처리완료"]


def test_roles_escalate_agent_team_lead_manager_with_a_mediator(manual):
    roles = {r.id: r for r in manual.roles}
    assert roles["agent"].escalates_to == "team-lead"
    assert roles["team-lead"].escalates_to == "manager"
    assert roles["manager"].escalates_to is None
    assert any(r.mediator for r in manual.roles)


def test_complaint_categories_and_channels(manual):
    assert {"product", "response-time", "staff-attitude"} <= {
        c.id for c in manual.complaint_categories
    }
    assert {c.name for c in manual.channels} >= {"전화", "이메일", "직접 방문"}
    deadline_ids = {d.id for d in manual.deadlines}
    assert all(c.deadline in deadline_ids for c in manual.channels)


def test_complaint_deadline_is_24h_and_defined_once(manual):
    complaint = [d for d in manual.deadlines if d.id == "complaint-response"]
    assert len(complaint) == 1
    assert complaint[0].within == "24h"
    assert [d.within for d in manual.deadlines].count("24h") == 1
    text = SAMPLE.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    # Sentences take the value from the deadline; it is never written out.
    assert not re.search(r"24\s*시간|하루\s*(이내|안에)", body)
    assert body.count("[[deadlines.complaint-response]]") >= 2
    # And it reads as 24시간 once expanded.
    faq = next(f for f in manual.faqs if "[[deadlines.complaint-response]]" in f.answer)
    assert "24시간 이내" in refs.expand(faq.answer, manual, "ko")


def test_faqs_glossary_and_upkeep(manual):
    assert len(manual.faqs) >= 8
    assert len({f.id for f in manual.faqs}) == len(manual.faqs)
    assert manual.glossary
    assert manual.privacy.rules
    assert manual.feedback.methods and manual.feedback.evaluation
    assert manual.maintenance.review_cycle
    assert len(manual.maintenance.triggers) >= 4
