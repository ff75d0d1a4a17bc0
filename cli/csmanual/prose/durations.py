"""Durations a text states as a limit or an interval, as CS writers write them.

    24시간 이내 · 24시간 내 1차 회신 · 24시간 안으로 · 하루 이내 · 이틀 안에 · 한 달 안에
    영업일 2일 이내 · 2영업일 내 · 1~2일 이내 · 24시간을 넘기지 않고 · 처리 기한은 24시간
    즉시 회신 · 당일 답변 · 30분마다
    within 3 days · within a day · no later than 4 business hours · same-day reply

What is not a limit stays out: "24시간 안팎" (about), "24시간 이상" (at least), "3일 후"
(after), "3월 2일까지" (a date), "24시간 운영" (opening hours), "적어도 이틀마다" and "at
least every two days" (a floor set in passing). Each found duration
carries every value it may mean in `refs.comparable` form (당일 is a day or a business
day), and `every` for an interval, so that a rule compares it with the deadlines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from csmanual import refs
from csmanual.prose.numerals import EN_NUMBERS, KO_NATIVE, alternatives

__all__ = ["EVERY", "Stated", "comparable_of", "stated"]

EVERY = "every"  # marks a recurring interval's comparable value

# --- numbers --------------------------------------------------------------------------

# native words that are a number of days by themselves
_NATIVE_DAYS = {
    "하루": 1,
    "이틀": 2,
    "사흘": 3,
    "나흘": 4,
    "닷새": 5,
    "엿새": 6,
    "이레": 7,
    "열흘": 10,
    "보름": 15,
}
_ENGLISH = {"a": 1, "an": 1, **EN_NUMBERS}


# At most 9 digits: int() refuses numbers over 4300 digits, and no deadline is that long.
_DIGITS = r"(?<![\d.,])(?:(?P<low>\d{1,9})\s*[~\-–]\s*)?(?P<n>\d{1,9})"
_KO_NUMBER = rf"(?:{_DIGITS}|(?P<native>{alternatives(KO_NATIVE)})(?=\s*(?:시간|주|달|개월)))"
_KO_UNIT = r"(?P<unit>영업시간|시간|영업일|일주일|주일|개월|초|분|일|주|달|년)"
# the first letter a duration can start with, checked first: the regex engine skips
# every other position at once (6 ms → 1 ms on the sample)
_KO_FIRST = "".join(sorted({w[0] for w in [*KO_NATIVE, *_NATIVE_DAYS, "영업일", "일주일"]}))
_KO_DURATION = (
    rf"(?=[0-9{_KO_FIRST}])(?P<business>영업일\s*(?:기준\s*)?)?"
    rf"(?:{_KO_NUMBER}\s*{_KO_UNIT}|(?P<days>{alternatives(_NATIVE_DAYS)})|(?P<week>일주일))"
)
# what makes it a limit: 이내, 안에, 안으로, 내에, 내로, 까지, and 안/내 standing alone
# ("24시간 내 회신"; not 안내, 내부), "…을 넘기지 않고"
_KO_MARKER = (
    r"\s*(?:이내|안에|안으로|내에|내로|까지|(?:안|내)(?![가-힣])"
    r"|[을를]\s*넘(?:기)?지\s*않(?:고|도록|게|아야)?)"
)
# "처리 기한은 24시간", "기한: 2영업일": a limit named without a marker
_KO_NAMED = r"(?:기한|시한|마감|처리\s*기간)\s*(?:은|는|이|:)\s*"
# what says it is no limit after all: about, at least, after, before …
_KO_NOT_LIMIT = r"(?!\s*(?:안팎|이상|정도|내외|전후|가량|쯤|후|뒤|전|동안|마다|넘게))"

_KO_LIMIT = re.compile(rf"{_KO_DURATION}{_KO_MARKER}")
_KO_NAMED_LIMIT = re.compile(rf"{_KO_NAMED}{_KO_DURATION}{_KO_NOT_LIMIT}")
# "적어도 이틀마다", "at least every two days": a floor set in passing, not a deadline
_KO_EVERY = re.compile(rf"(?<!적어도 )(?<!최소 )(?<!최소한 ){_KO_DURATION}\s*마다")
_KO_AT_ONCE = re.compile(
    r"(?P<word>즉시|당일(?:\s*(?:내에?|안에|중에?|중으로))?)\s*(?:1차\s*)?"
    r"(?=응답|회신|답변|답신|연락|답을|답해|답합|답드)"
)

_EN_NUMBER = rf"(?:{_DIGITS}|(?P<word>{alternatives(_ENGLISH)})\b)"
_EN_UNIT = (
    r"(?P<unit>business\s+hours?|business\s+days?|working\s+hours?|working\s+days?|"
    r"seconds?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|months?|years?)\b"
)
_EN_DURATION = rf"{_EN_NUMBER}\s*-?\s*{_EN_UNIT}"
_EN_LIMIT = re.compile(
    r"\b(?:within|inside(?:\s+of)?|no\s+later\s+than|no\s+more\s+than|at\s+most)\s+"
    rf"(?:the\s+)?{_EN_DURATION}",
    re.I,
)
# "the deadline is 2 days": a limit named without "within"
_EN_NAMED_LIMIT = re.compile(
    rf"\b(?:deadline|time\s+limit)\s+(?:is|of)\s+{_EN_DURATION}(?!\s+or\s+(?:more|longer))",
    re.I,
)
_EN_EVERY = re.compile(rf"(?<!at least )\bevery\s+{_EN_DURATION}", re.I)
_EN_AT_ONCE = re.compile(
    r"\b(?:respond|reply|replies|answer|call\s+back|get\s+back)\w*\s+(?:to\s+\w+\s+)?"
    r"(?P<word>immediately|at\s+once|(?:on\s+)?the\s+same\s+day)\b"
    r"|\b(?P<word2>same-day)\s+(?:reply|response|answer)",
    re.I,
)

_UNIT_OF = {
    "초": "s",
    "분": "m",
    "시간": "h",
    "영업시간": "bh",
    "일": "d",
    "영업일": "bd",
    "주": "w",
    "주일": "w",
    "일주일": "w",
    "달": "mo",
    "개월": "mo",
    "년": "y",
    "second": "s",
    "minute": "m",
    "hour": "h",
    "business hour": "bh",
    "working hour": "bh",
    "day": "d",
    "business day": "bd",
    "working day": "bd",
    "week": "w",
    "month": "mo",
    "year": "y",
    "min": "m",
    "hr": "h",
    "h": "h",
    "wk": "w",
}
_SAME_DAY = frozenset({refs.comparable(1, "d"), (1, "bd")})
_AT_ONCE = frozenset({(0, refs.IMMEDIATE)})


@dataclass(frozen=True)
class Stated:
    """A duration a text states: as written, where it starts in the text, and every
    comparable value it may mean (a range means its longest)."""

    literal: str
    start: int
    values: frozenset


def comparable_of(within: str, every: bool) -> tuple:
    """A deadline's `within` in the form `Stated.values` holds."""
    value = refs.comparable(*refs.parse_duration(within))
    return (EVERY, *value) if every else value


def stated(text: str) -> Iterator[Stated]:
    """Every duration `text` states as a limit or an interval, in order. References
    ([[deadlines.x]]) are blanked out first, keeping every other character's place."""
    bare = refs.REFERENCE.sub(lambda m: " " * len(m.group()), text)
    found: dict[int, Stated] = {}
    for pattern, every in (
        (_KO_LIMIT, False),
        (_KO_NAMED_LIMIT, False),
        (_KO_EVERY, True),
        (_EN_LIMIT, False),
        (_EN_NAMED_LIMIT, False),
        (_EN_EVERY, True),
    ):
        for match in pattern.finditer(bare):
            value = _value(match, bare)
            if value is None:
                continue
            start = match.start()
            literal = " ".join(match.group().split())
            found.setdefault(start, Stated(literal, start, frozenset({_mark(value, every)})))
    for pattern in (_KO_AT_ONCE, _EN_AT_ONCE):
        for match in pattern.finditer(bare):
            group = "word" if match.group("word") else "word2"
            word = match.group(group)
            start = match.start()
            at_once = word in ("즉시",) or word.lower() in ("immediately", "at once")
            values = _AT_ONCE if at_once else _SAME_DAY
            found.setdefault(start, Stated(" ".join(match.group().split()), start, values))
    yield from (found[start] for start in sorted(found))


def _mark(value: tuple, every: bool) -> tuple:
    return (EVERY, *value) if every else value


def _value(match: re.Match, text: str) -> tuple | None:
    groups = match.groupdict()
    if groups.get("days"):
        number, unit = _NATIVE_DAYS[groups["days"]], "d"
    elif groups.get("week"):
        number, unit = 1, "w"
    else:
        unit_word = " ".join(groups["unit"].lower().split())
        unit = _UNIT_OF.get(unit_word) or _UNIT_OF[unit_word.rstrip("s")]
        if groups.get("n"):
            number = int(groups["n"])
        elif groups.get("native"):
            number = KO_NATIVE[groups["native"]]
        else:
            number = _ENGLISH[groups["word"].lower()]
        if unit == "d" and groups.get("n") and _is_date(text, match.start("n")):
            return None  # 3월 2일까지: a day of the month
    if groups.get("business") and unit == "d":  # 영업일 2일: business days
        unit = "bd"
    if number == 0:
        return None
    return refs.comparable(number, unit)


def _is_date(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return before.endswith(("월", "/", "매달", "매월"))
