"""Counts a text states of the manual's own items: "클레임 처리 7단계", "13가지 고객 유형",
"채널 3개", "일곱 가지 고객 구분", "seven handling steps".

A count belongs to a section only when the words right next to it name that section's
items (`Nouns`: the tool's words for them and the manual's own title), and, for a bare
word such as 단계, 유형 or steps, when the sentence also says whose ("처리", "고객",
"handling"): "2단계 인증" and "three steps to reset a password" count something else.
A count of 단계 may be an ordinal ("처리 3단계에서" is the third step): only a count
larger than the section, or one followed by a word that makes it a total, is compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from csmanual.prose.numerals import EN_NUMBERS, KO_NATIVE, alternatives

__all__ = ["Count", "Nouns", "counts"]

# a first letter checked first, so that the engine skips every other position at once
_KO_FIRST = "".join(sorted({w[0] for w in KO_NATIVE}))
_KO_COUNT = re.compile(
    rf"(?=[0-9{_KO_FIRST}])(?<![\d.,])(?:(?P<n>\d{{1,4}})|(?<![가-힣])(?P<native>{alternatives(KO_NATIVE)}))"
    r"\s*(?P<counter>가지|개|곳|종류|단계)(?P<rest>[가-힣]*)"
)
_EN_COUNT = re.compile(
    rf"(?<![\d.,\w-])(?:(?P<n>\d{{1,4}})|(?P<word>{alternatives(EN_NUMBERS)}))\s+",
    re.I,
)
# after 단계: it reads as a total ("7단계와", "7단계로 이루어진"), not the n-th step
_TOTAL_AFTER = re.compile(r"^(?:와|과|로|으로|를|을|가|이|의|에\s*따라|는|은)?$")
_ORDINAL_AFTER = ("에서", "째", "인", "에")
_WORD = re.compile(r"[0-9A-Za-z가-힣·/-]+")


@dataclass(frozen=True)
class Nouns:
    """How a section's items are called: `names`, the nouns that count them ("고객 유형",
    "유형", "steps"), and `context`, words of the section's titles that say whose a bare
    noun is ("고객", "처리", "handling")."""

    names: tuple[str, ...]
    context: frozenset[str]


@dataclass(frozen=True)
class Count:
    literal: str
    start: int
    number: int
    written: str  # the number as written ("7", "일곱")
    section: str
    total: bool  # surely a total: not possibly the n-th one, nor some of them


def counts(text: str, nouns: Mapping[str, Nouns], lang: str) -> Iterator[Count]:
    """Every count in `text` that belongs to one section of `nouns`."""
    finder = _korean if lang == "ko" else _english
    yield from finder(text, nouns)


def _korean(text: str, nouns: Mapping[str, Nouns]) -> Iterator[Count]:
    for match in _KO_COUNT.finditer(text):
        sentence_words = set(_WORD.findall(_sentence(text, match.start())))
        number = int(match.group("n")) if match.group("n") else KO_NATIVE[match.group("native")]
        counter, rest = match.group("counter"), match.group("rest")
        before = _WORD.findall(text[max(0, match.start() - 30) : match.start()])[-2:]
        after = _WORD.findall(text[match.end() : match.end() + 30])[:2]
        counted = " ".join(text[match.start() : match.end("counter")].split())
        if counter == "단계":
            # the counter is the noun: "처리 7단계", "7단계 처리 절차"
            section = _owner(["단계"], before + after, set(), nouns)
            total = bool(_TOTAL_AFTER.match(rest)) and not rest.startswith(_ORDINAL_AFTER)
            literal = " ".join([*before, counted])
        else:
            section, literal, total = None, counted, True
            if not rest:  # "13가지 고객 유형": the noun follows
                phrases = _phrases(after)
                section = _owner(phrases, before, sentence_words, nouns)
                if section:
                    said = next(p for p in phrases if section in _named(p, nouns))
                    literal = f"{counted} {said}"
            if section is None and before:  # "고객 유형 13가지", "채널 3개"
                phrases = _phrases(before, tail=True)
                section = _owner(phrases, [], sentence_words, nouns)
                if section:
                    said = next(p for p in phrases if section in _named(p, nouns))
                    literal = f"{said} {counted}"
        if section:
            written = match.group("n") or match.group("native")
            total = total and not _some_of(text, match.start(), match.end())
            yield Count(literal, match.start(), number, written, section, total)


def _english(text: str, nouns: Mapping[str, Nouns]) -> Iterator[Count]:
    for match in _EN_COUNT.finditer(text):
        sentence = _sentence(text, match.start())
        sentence_words = {w.lower() for w in _WORD.findall(sentence)}
        raw = match.group("n") or match.group("word")
        number = int(raw) if raw.isdigit() else EN_NUMBERS[raw.lower()]
        after = [w.lower() for w in _WORD.findall(text[match.end() : match.end() + 40])[:3]]
        section = _owner(_phrases(after), [], sentence_words, nouns)
        if section:
            words = next(p for p in _phrases(after) if _named(p, nouns))
            end = _end_of_words(text, match.end(), len(words.split()))
            literal = " ".join(text[match.start() : end].split())
            total = not _some_of(text, match.start(), end)
            yield Count(literal, match.start(), number, raw, section, total)


def _phrases(words: list[str], tail: bool = False) -> list[str]:
    """The one- and two-word phrases next to a count, longest first, without the particle
    after the last word ("유형을" → "유형")."""
    options = [words[-2:], words[-1:]] if tail else [words[:2], words[:1]]
    found = []
    for option in options:
        if not option:
            continue
        phrase = " ".join(option)
        found.append(phrase)
        # a particle after the noun, not 의 or 별: "유형의 서류" counts 서류
        bare = re.sub(r"(?:을|를|이|가|은|는|와|과|에서|에|으로|로|입니다|이다)$", "", phrase)
        if bare != phrase and bare:
            found.append(bare)
    return found


def _named(phrase: str, nouns: Mapping[str, Nouns]) -> list[str]:
    return [s for s, n in nouns.items() if phrase in n.names]


def _owner(phrases, near: list[str], sentence_words: set[str], nouns) -> str | None:
    """The one section the phrases name; a bare noun needs a word of its context in the
    sentence, and one owner only."""
    for phrase in phrases:
        owners = _named(phrase, nouns)
        if not owners:
            continue
        if len(phrase.split()) == 1:
            said = sentence_words | set(near)
            owners = [s for s in owners if _says_any(said, nouns[s].context)]
        if len(owners) == 1:
            return owners[0]
        if owners:
            return None  # named, but whose is not clear: no finding
    return None


# words that make a count a part, not the whole: "대표적인 세 가지 고객 유형", "그중 두
# 가지", "two of the steps", "three common types"
_SOME = re.compile(
    r"(?:대표적인|대표|주요|그중|이 중|중에서|중|몇|일부|예로|예를|먼저|특히)\s*$"
    r"|\b(?:some|few|main|key|common|typical|first|last)\s*$",
    re.I,
)
_SOME_AFTER = re.compile(r"예로|예를|만\s|of\s+the\b|of\s+our\b", re.I)


def _some_of(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start]
    after = text[end : end + 16]
    return bool(_SOME.search(before) or _SOME_AFTER.search(after))


def _says_any(words: set[str], context: frozenset[str]) -> bool:
    """A word of `context` is said, perhaps with a particle after it ("고객에게")."""
    return any(word.startswith(c) for word in words for c in context)


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind(stop, 0, at) for stop in ".!?\n")
    ends = [e for e in (text.find(stop, at) for stop in ".!?\n") if e >= 0]
    return text[start + 1 : min(ends) if ends else len(text)]


def _end_of_words(text: str, start: int, count: int) -> int:
    end = start
    for match in _WORD.finditer(text, start):
        end = match.end()
        count -= 1
        if count <= 0:
            break
    return end
