"""The domain model fits other desks than the sample's (issue 12): a hospital front desk and a
SaaS support desk (tests/fixtures/orgs) validate clean, and their template context carries
their own titles, counts, order and facts, with no word of the sample's structure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual import refs
from csmanual.catalogue.sections import CONTEXT_LABELS, SECTIONS
from csmanual.cli import main
from csmanual.context import build_context
from csmanual.loader import loads
from csmanual.model import Deadline
from csmanual.project import Project
from csmanual.validate import validate_file, validate_source

ROOT = Path(__file__).parents[1]
ORGS = Path(__file__).parent / "fixtures" / "orgs"
HOSPITAL = ORGS / "hospital.ko.yaml"
SAAS = ORGS / "saas.en.yaml"
EXAMPLES = ROOT / "cli" / "csmanual" / "examples"
SAMPLE = ROOT / "source" / "manual.yaml"

# words of the sample's structure that no other manual's context may hold
SAMPLE_WORDS = ["7단계", "일곱", "13가지", "seven", "thirteen"]


@pytest.fixture(scope="module")
def hospital() -> dict:
    return Project(HOSPITAL).context


@pytest.fixture(scope="module")
def saas() -> dict:
    return Project(SAAS).context


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


# --- both manuals validate clean ---------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [HOSPITAL, SAAS, SAMPLE, EXAMPLES / "manual.ko.yaml", EXAMPLES / "manual.en.yaml"],
    ids=lambda p: p.name,
)
def test_validates_clean_with_strict(source: Path):
    result = CliRunner().invoke(main, ["validate", "--strict", str(source)])
    assert result.exit_code == 0, result.output


# --- their own titles and counts, no word of the sample -----------------------------------


def test_the_hospital_has_its_own_titles_and_counts(hospital):
    sections = by_id(hospital["sections"])
    assert sections["claim_steps"] == {
        "id": "claim_steps",
        "title": "민원 처리 5단계",
        "count": 5,
        "custom": False,
    }
    assert sections["behaviour_types"]["title"] == "환자·보호자 유형별 응대"
    assert sections["behaviour_types"]["count"] == 6
    assert sections["complaint_categories"]["title"] == "민원 분류"
    assert sections["compensation"] == {
        "id": "compensation",
        "title": "보상 기준",
        "count": 2,
        "custom": True,
    }
    assert sections["staff-protection"]["count"] == 2
    assert sections["purpose"]["count"] is None
    for section in hospital["sections"]:  # every place that writes labels[section] agrees
        assert hospital["labels"][section["id"]] == section["title"]


def test_the_saas_desk_has_its_own_titles_and_counts(saas):
    sections = by_id(saas["sections"])
    assert sections["claim_steps"]["title"] == "Escalation process"
    assert sections["claim_steps"]["count"] == 4
    assert sections["behaviour_types"]["count"] == 3
    assert saas["labels"]["claim_steps"] == "Escalation process"
    assert sections["incident-communication"]["custom"] is True
    assert sections["incident-communication"]["count"] == 2  # its points


@pytest.mark.parametrize("which", ["hospital", "saas"])
def test_no_word_of_the_samples_structure_in_the_context(which, request):
    context = request.getfixturevalue(which)
    text = json.dumps(context, ensure_ascii=False)
    for word in SAMPLE_WORDS:
        assert word.lower() not in text.lower(), word
    if which == "hospital":
        assert "클레임" not in text
    else:
        assert "claim-handling" not in text.lower()
        assert "received to done" not in text


def test_default_titles_state_no_count():
    for name, title in SECTIONS.items():
        for text in title:
            assert not any(ch.isdigit() for ch in text), (name, text)
            assert "{n}" not in text, (name, text)
    assert "클레임" not in SECTIONS["claim_steps"].ko
    assert "claim" not in SECTIONS["claim_steps"].en.lower()


def test_the_sample_keeps_its_title_by_setting_it():
    context = Project(SAMPLE).context
    assert by_id(context["sections"])["claim_steps"]["title"] == "클레임 처리 7단계"
    assert context["labels"]["claim_steps"] == "클레임 처리 7단계"


# --- the order follows settings.order -------------------------------------------------------


def test_the_order_follows_settings_order(hospital):
    listed = [
        "purpose",
        "roles",
        "channels",
        "deadlines",
        "claim_steps",
        "compensation",
        "complaint_categories",
        "behaviour_types",
        "staff-protection",
        "follow_up",
        "privacy",
        "faqs",
    ]
    ids = [section["id"] for section in hospital["sections"]]
    assert ids[: len(listed)] == listed
    # the rest follow in the default order
    assert ids[len(listed) :] == [
        "revisions",
        "approvals",
        "segments",
        "initial_response",
        "feedback",
        "maintenance",
    ]


def test_custom_sections_stand_before_faqs_and_glossary_by_default(saas):
    ids = [section["id"] for section in saas["sections"]]
    assert ids[-3:] == ["privacy", "incident-communication", "faqs"]


# --- the hospital's facts, as facts ------------------------------------------------------------


def test_the_hospitals_deadlines_are_facts(hospital):
    channels = by_id(hospital["manual"]["channels"])
    desk = channels["desk"]["deadline_list"]
    assert [(d["id"], d["within"], d["within_text"]) for d in desk] == [
        ("in-person", "immediate", "즉시")
    ]
    phone = channels["phone"]["deadline_list"]
    assert [(d["within_text"], d["kind"]) for d in phone] == [("2시간", "reply")]
    written = channels["written"]["deadline_list"]
    assert [(d["within_text"], d["kind"], d["kind_label"]) for d in written] == [
        ("48시간", "reply", CONTEXT_LABELS["deadline_kind_reply"].ko),
        ("7일", "result", CONTEXT_LABELS["deadline_kind_result"].ko),
    ]
    groups = {g["kind"]: [d["id"] for d in g["deadlines"]] for g in hospital["deadline_groups"]}
    assert groups == {
        "reply": ["in-person", "phone-callback", "written-first"],
        "result": ["written-result"],
        "limit": ["refund-window"],
    }
    assert [g["kind"] for g in hospital["deadline_groups"]] == ["reply", "result", "limit"]


def test_the_hospitals_signatures_are_not_invented(hospital):
    rows = hospital["manual"]["approvals"]
    assert [(r["action"], r["action_label"], r["role"], r["name"], r["date"]) for r in rows] == [
        ("written", "작성", "원무팀장", "서지원", None),
        ("reviewed", "검토", "QI실장", None, None),
        ("approved", "승인", "병원장", None, None),
    ]
    for row in rows:  # the default wording follows the action
        assert row["meaning"] is None
        assert row["meaning_text"] == CONTEXT_LABELS[f"signature_meaning_{row['action']}"].ko
    assert hospital["manual"]["meta"]["author"] == "원무팀장 서지원"


def test_the_hospitals_compensation_is_a_section_with_its_table(hospital):
    compensation = hospital["custom"]["compensation"]
    assert compensation["title"] == "보상 기준"
    assert compensation["table"]["columns"] == ["구분", "기준", "보상"]
    assert compensation["table"]["rows"][1] == [
        "수납 오류",
        "과다 수납 확인",
        "차액 환불과 사과 문자",
    ]
    assert [c["id"] for c in hospital["manual"]["custom_sections"]] == [
        "compensation",
        "staff-protection",
    ]
    protection = hospital["custom"]["staff-protection"]
    assert [item["title"] for item in protection["items"]] == ["응대 중지", "휴식 보장"]


# --- the SaaS desk's deadlines ------------------------------------------------------------------


def test_the_saas_limits_are_time_limits_not_replies(saas):
    groups = {g["kind"]: g for g in saas["deadline_groups"]}
    assert [g["kind"] for g in saas["deadline_groups"]] == ["reply", "update", "limit"]
    assert [d["id"] for d in groups["limit"]["deadlines"]] == ["refund-window", "deletion-request"]
    assert groups["limit"]["title"] == CONTEXT_LABELS["deadlines_limit"].en
    replies = [d["id"] for d in groups["reply"]["deadlines"]]
    assert "refund-window" not in replies and "deletion-request" not in replies
    deadlines = by_id(saas["manual"]["deadlines"])
    # a number and its unit are joined by a no-break space (typography.py)
    assert deadlines["phone-answer"]["within_text"] == "60\u00a0seconds"
    assert deadlines["p2-first"]["within_text"] == "4\u00a0business\u00a0hours"
    assert deadlines["p2-first"]["applies_to"] == "P2, P3 and P4"
    assert deadlines["incident-updates"]["within_text"] == "every 30\u00a0minutes"
    assert deadlines["refund-window"]["within_text"] == "14\u00a0days"
    email = by_id(saas["manual"]["channels"])["email"]["deadline_list"]
    assert [d["id"] for d in email] == ["p1-first", "p2-first"]


def test_the_saas_review_row_reads_as_a_review(saas):
    rows = by_id(saas["manual"]["approvals"])
    assert rows["legal-review"]["action_label"] == "Reviewed by"
    assert rows["legal-review"]["meaning_text"].startswith("Reviewed the privacy")
    assert rows["ops-written"]["action_label"] == "Written by"
    assert rows["ops-written"]["meaning_text"] == CONTEXT_LABELS["signature_meaning_written"].en


# --- titles: the manual's, else the theme's, else the default ---------------------------------


def _manual(extra: str):
    text = (EXAMPLES / "manual.en.yaml").read_text("utf-8") + extra
    result = validate_source(loads(text, "manual.yaml"))
    assert result.manual is not None, [d.message("en") for d in result.diagnostics]
    return result.manual


def test_title_precedence_manual_then_theme_then_default():
    plain = _manual("")
    assert build_context(plain)["labels"]["claim_steps"] == "Handling steps"
    themed = build_context(plain, {"claim_steps": "Our {n} steps"})
    assert themed["labels"]["claim_steps"] == "Our 3\u00a0steps"  # joined: typography.py
    own = _manual("\nsettings:\n  titles:\n    claim_steps: Escalation in {n} steps\n")
    context = build_context(own, {"claim_steps": "Our {n} steps"})
    assert context["labels"]["claim_steps"] == "Escalation in 3\u00a0steps"
    assert by_id(context["sections"])["claim_steps"]["title"] == "Escalation in 3\u00a0steps"


def test_a_single_deadline_still_gives_a_deadline_list():
    context = build_context(_manual(""))
    phone = by_id(context["manual"]["channels"])["phone"]
    assert phone["deadline"] == "complaint-response"
    assert [d["id"] for d in phone["deadline_list"]] == ["complaint-response"]
    assert phone["deadline_within"] == "24\u00a0hours"


# --- durations in words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,ko,en",
    [
        ("immediate", "즉시", "immediately"),
        ("30s", "30초", "30 seconds"),
        ("1s", "1초", "1 second"),
        ("4bh", "4영업시간", "4 business hours"),
        ("1bh", "1영업시간", "1 business hour"),
        ("1y", "1년", "1 year"),
        ("2y", "2년", "2 years"),
        ("1h", "1시간", "1 hour"),
        ("2h", "2시간", "2 hours"),
        ("2bd", "영업일 2일", "2 business days"),
    ],
)
def test_durations_in_words(value, ko, en):
    assert refs.format_duration(value, "ko") == ko
    assert refs.format_duration(value, "en") == en


@pytest.mark.parametrize(
    "value,ko,en",
    [
        ("30m", "30분마다", "every 30 minutes"),
        ("1h", "1시간마다", "every hour"),
        ("2bd", "영업일 2일마다", "every 2 business days"),
    ],
)
def test_an_update_deadline_reads_as_an_interval(value, ko, en):
    deadline = Deadline(id="x", name="x", within=value, kind="update")
    assert refs.deadline_text(deadline, "ko") == ko
    assert refs.deadline_text(deadline, "en") == en


# --- the consistency rules read the new units ---------------------------------------------------

_DEADLINES = """
deadlines:
  - id: first
    name: 첫 응답
    within: 4bh
  - id: updates
    name: 진행 안내
    kind: update
    within: 30m
  - id: at-once
    name: 대면
    within: immediate
"""


def _codes(text: str) -> list[tuple[str, str]]:
    base = (EXAMPLES / "manual.ko.yaml").read_text("utf-8")
    start = base.index("deadlines:\n")
    end = base.index("channels:\n")
    source = base[:start] + _DEADLINES.lstrip() + "\n" + base[end:]
    source = source.replace("    deadline: complaint-response", "    deadline: first")
    source = source.replace("[[deadlines.complaint-response]]", "[[deadlines.first]]")
    source = source.replace("      - 통화 내용을 바로 기록합니다.", f"      - {text}")
    result = validate_source(loads(source, "manual.yaml"))
    return [(d.code, d.args.get("literal", "")) for d in result.diagnostics]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("4영업시간 이내에 답합니다.", [("W502", "4영업시간 이내")]),
        # the texts stand under the phone channel: a limit is compared with the channel's
        # own deadline (E507, issue 16); an interval with the update deadlines (E501)
        ("2영업시간 이내에 답합니다.", [("E507", "2영업시간 이내")]),
        ("30분마다 알립니다.", [("W502", "30분마다")]),
        ("10분마다 알립니다.", [("E501", "10분마다")]),
        ("30분 이내에 답합니다.", [("E507", "30분 이내")]),  # 30m is an interval, not a limit
        ("영업일 2일 이내에 답합니다.", [("E507", "영업일 2일 이내")]),
        ("1년 안에 답합니다.", [("E507", "1년 안에")]),
        ("즉시 기록합니다.", []),
    ],
)
def test_prose_durations_are_compared_with_the_new_units(text, expected):
    assert _codes(text) == expected


def test_every_new_rule_has_its_fixture():
    fixtures = {p.stem for p in (Path(__file__).parent / "fixtures" / "rules").glob("*.yaml")}
    assert {"E108", "E109", "E206", "E207", "E406", "W407", "W505", "E506"} <= fixtures


def test_required_sections_may_name_a_custom_section(tmp_path):
    text = (EXAMPLES / "manual.ko.yaml").read_text("utf-8")
    text += "\nsettings:\n  required_sections: [purpose, compensation, incidents]\n"
    path = tmp_path / "manual.yaml"
    path.write_text(text, "utf-8")
    codes = [(d.code, d.args.get("name")) for d in validate_file(path).diagnostics]
    assert codes == [("E206", "incidents")]
