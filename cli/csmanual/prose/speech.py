"""The speech level of what a customer hears: each sentence of a phrase read by its
ending, from a closed list.

    polite  합쇼체 (…습니다, …십시오, …니까) and 해요체 (…요, …죠): both are polite, and
            mixing them is ordinary courteous Korean ("편하게 말씀해 주세요. 끝까지
            듣겠습니다.")
    plain   반말 (…어, …아, …야, …지, …잖아, …거든) and plain imperatives and statements
            (…해, …해라, …봐, …줘, …한다)

Words quoted inside a phrase ("“죽을 뻔했다”라고 하셨지요") are the customer's, not the
agent's, and are left out. A sentence that ends in a noun or a greeting ("네, 고객님")
has no level.

Why a list and not a morphological analyser: measured on 47 phrases (every phrase of the
sample, the examples, the orgs and the prose fixtures, all polite, and 18 labelled
sentences, 14 of them plain), the list found 14 of 14 plain endings with no false alarm
in 0.4 ms; kiwipiepy 0.24 (its final endings, EF) found 11 with none false, after 7 s
of loading on the shared test machine. The list keeps `validate` fast and light.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Ending", "endings"]

_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"|'[^']*'|「[^」]*」|『[^』]*』")
_SENTENCE = re.compile(r"[^.!?…\n]+")
_LAST_WORD = re.compile(r"([가-힣]+)[^가-힣]*$")

_POLITE = re.compile(r"(?:요|니다|니까|시오|십시오|죠|소서)$")
# 반말 and plain endings, longest and surest first. A one-syllable ending is taken only
# after a syllable that makes it a verb's ("맞아", "했어"), not a noun's ("미디어").
_PLAIN = re.compile(
    r"(?:잖아|거든|는데|던데|[할줄볼될갈]게|구나|[했됐봤었았였겠]니|[하했]냐|"
    r"(?:하|되|있|없|겠|었|았|였|했|맞|않|알|그렇|아니)지|"
    r"(?:었|았|였|했|겠|맞|좋|알|싫|괜찮|많|없|있|같|몰)[어아]|"
    r"[하해]라|몰라|[해돼봐줘]|(?:이|거|뭐|니)야|[한했없있겠좋같]다|지\s*마|^마|[할갈볼줄될]래)$"
)
# nouns that end like a plain verb: never a level
_NOUNS = frozenset({"이해", "피해", "손해", "방해", "오해", "양해", "견해", "화해", "분야"})


@dataclass(frozen=True)
class Ending:
    """A sentence's last word as written, where it starts, and its level."""

    word: str
    start: int
    level: str  # "polite" or "plain"


def endings(phrase: str) -> Iterator[Ending]:
    """The ending of each sentence of `phrase` that has a level."""
    # a quotation is blanked, not cut, so that positions still point into the phrase
    text = _QUOTED.sub(lambda m: " " * len(m.group()), phrase)
    for sentence in _SENTENCE.finditer(text):
        last = _LAST_WORD.search(sentence.group())
        if last is None:
            continue
        word = last.group(1)
        start = sentence.start() + last.start(1)
        if _POLITE.search(word):
            yield Ending(word, start, "polite")
        elif word not in _NOUNS and _PLAIN.search(word):
            yield Ending(word, start, "plain")
