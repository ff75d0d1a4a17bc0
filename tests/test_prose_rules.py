"""The prose readers one by one (durations, counts, speech levels), and what the
consistency rules say: which deadline they assumed, the count reference they offer, the
ids that exist when a reference names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from csmanual import refs
from csmanual.loader import loads
from csmanual.prose.durations import stated
from csmanual.prose.speech import endings
from csmanual.validate import validate_file, validate_source

FIXTURES = Path(__file__).parent / "fixtures" / "prose"
HOURS = 3600


@pytest.mark.parametrize(
    "text,literal,value",
    [
        ("24시간 내 1차 회신", "24시간 내", (24 * HOURS, "s")),
        ("24시간 안으로 답합니다", "24시간 안으로", (24 * HOURS, "s")),
        ("하루 이내", "하루 이내", (24 * HOURS, "s")),
        ("회신은 이틀 안에 드립니다", "이틀 안에", (48 * HOURS, "s")),
        ("처리 기한은 48시간입니다", "기한은 48시간", (48 * HOURS, "s")),
        ("2영업일 이내", "2영업일 이내", (2, "bd")),
        ("영업일 기준 2일 이내", "영업일 기준 2일 이내", (2, "bd")),
        ("1~2일 이내", "1~2일 이내", (48 * HOURS, "s")),
        ("24시간을 넘기지 않고 회신", "24시간을 넘기지 않고", (24 * HOURS, "s")),
        ("한 달 안에", "한 달 안에", (1, "mo")),
        ("보름 안에", "보름 안에", (15 * 24 * HOURS, "s")),
        ("즉시 회신합니다", "즉시", (0, "immediate")),
        ("within a day", "within a day", (24 * HOURS, "s")),
        ("within 4 business hours", "within 4 business hours", (4, "bh")),
        ("the deadline is 2 days", "deadline is 2 days", (48 * HOURS, "s")),
        ("reply within 24h", "within 24h", (24 * HOURS, "s")),
        ("within 2 hrs", "within 2 hrs", (2 * HOURS, "s")),
        ("every 30 mins", "every 30 mins", ("every", 1800, "s")),
    ],
)
def test_a_duration_as_written_is_read_with_its_value(text, literal, value):
    [found] = stated(text)
    assert found.literal == literal
    assert value in found.values
    assert text[found.start :].startswith(literal.split()[0])


@pytest.mark.parametrize(
    "text",
    [
        "24시간 안팎",
        "24시간 이상 걸립니다",
        "3일 후에 연락합니다",
        "3월 2일까지 신청합니다",
        "상담실은 24시간 운영합니다",
        "3일 안내합니다",
        "하루 내내 기다렸습니다",
        "기한은 24시간 안팎입니다",
        "즉시 보고합니다",
        "open 24 hours a day",
        "3 days or more",
        "at least every two business days",
    ],
)
def test_a_duration_that_is_no_limit_is_not_read(text):
    assert list(stated(text)) == []


@pytest.mark.parametrize(
    "phrase,levels",
    [
        ("그건 안 돼.", ["plain"]),
        ("알았어, 해 줄게", ["plain"]),
        ("고객님이 잘못 아신 거잖아", ["plain"]),
        ("좀 조용히 해", ["plain"]),
        ("하지 마", ["plain"]),
        ("제가 확인해 드리겠습니다.", ["polite"]),
        ("네, 고객님. 편하게 말씀해 주세요. 끝까지 듣겠습니다.", ["polite", "polite"]),
        ("“죽을 뻔했다”라고 하셨지요.", ["polite"]),  # the quoted words are the customer's
        ("충분히 이해", []),  # a noun: no level
        ("앞으로도 좋은 거래.", []),  # 거래 is a noun, not "…할래"
        ("그거 할래?", ["plain"]),
    ],
)
def test_speech_level_by_sentence_ending(phrase, levels):
    assert [e.level for e in endings(phrase)] == levels


def _diagnostic(fixture: str, code: str, line: int):
    found = validate_file(FIXTURES / fixture).diagnostics
    [one] = [d for d in found if d.code == code and d.line == line]
    return one


def test_the_message_says_which_deadline_was_assumed_and_why():
    by_name = _diagnostic("durations_subject.ko.yaml", "E507", 105)
    assert "서면 민원 1차 회신 (24시간)" in by_name.message("ko")
    assert "the sentence names it" in by_name.message("en")
    by_place = _diagnostic("durations_subject.ko.yaml", "E507", 69)
    assert "대표 전화" in by_place.message("ko") and "환불" not in by_place.message("ko")
    assert "the text stands under it" in by_place.message("en")
    repeated = _diagnostic("durations_subject.ko.yaml", "W502", 111)
    assert "환불 신청 기간" in repeated.message("ko")


def test_a_wrong_count_offers_the_count_reference_in_the_writers_words():
    found = _diagnostic("counts.ko.yaml", "E508", 102)
    assert "처리 단계는 3개입니다" in found.message("ko")
    assert "민원 처리 [[count.claim_steps]]단계" in found.hint("ko")
    native = _diagnostic("counts.ko.yaml", "E508", 107)
    assert "[[count.behaviour_types]]가지 고객 유형" in native.hint("en")


def test_a_count_reference_prints_the_number_of_items():
    result = validate_file(FIXTURES / "negative.ko.yaml")
    said = refs.expand("민원 처리 [[count.claim_steps]]단계", result.manual, "ko")
    assert said == "민원 처리 3단계"


def _with_answer(answer: str):
    text = (FIXTURES / "counts.ko.yaml").read_text("utf-8")
    text = text.replace("민원 처리 7단계와 6가지 고객 유형별 요령을 따릅니다.", answer)
    return validate_source(loads(text, "x.yaml")).diagnostics


def test_an_unknown_count_reference_says_what_can_be_counted():
    found = _with_answer("민원은 [[count.steps]]단계로 처리합니다.")
    [found] = [d for d in found if d.code == "E203"]
    assert "claim_steps" in found.message("en") and "behaviour_types" in found.message("en")


def test_an_unknown_id_with_nothing_close_lists_the_ids_that_exist():
    [found] = [d for d in _with_answer("먼저 [[roles.zzzzzz]]에게 묻습니다.") if d.code == "E203"]
    assert found.hint("en") == "known ids: agent, lead"
    [field] = [d for d in _with_answer("먼저 [[roles.agent.qqqq]]를 봅니다.") if d.code == "E203"]
    assert "responsibilities" in field.hint("en")


def test_an_unknown_reference_in_a_folded_block_is_shown_at_its_own_line():
    text = (FIXTURES / "counts.ko.yaml").read_text("utf-8")
    text = text.replace(
        "채널이든 같은 기준으로 응대합니다.",
        "채널이든 [[roles.nobody]]에게 같은 기준으로 응대합니다.",
    )
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "[[roles.nobody]]" in row)
    column = text.splitlines()[line - 1].index("[[roles.nobody]]") + 1
    found = validate_source(loads(text, "x.yaml")).diagnostics
    [e203] = [d for d in found if d.code == "E203"]
    assert (e203.line, e203.column) == (line, column)


def test_a_dont_say_phrase_is_found_whatever_its_case_and_spacing():
    text = (FIXTURES / "durations_counts.en.yaml").read_text("utf-8")
    text = text.replace(
        "phrases: [I understand this blocks your team; I am on it now.]",
        "phrases: [Please calm  down, I am checking.]",
    )
    found = validate_source(loads(text, "x.yaml")).diagnostics
    [e514] = [d for d in found if d.code == "E514"]
    assert "'Calm down'" in e514.message("en")


def test_a_deadline_named_by_its_own_time_is_no_repetition_but_a_wrong_one_is_found():
    text = (FIXTURES / "counts.ko.yaml").read_text("utf-8")
    own = text.replace("    name: 전화 콜백\n", "    name: 2시간 안에 전화 콜백\n")
    assert [
        d.code
        for d in validate_source(loads(own, "x.yaml")).diagnostics
        if d.code in ("W502", "E507", "E501")
    ] == []
    wrong = text.replace("    name: 전화 콜백\n", "    name: 3시간 안에 전화 콜백\n")
    found = [d.code for d in validate_source(loads(wrong, "x.yaml")).diagnostics]
    assert "E507" in found
