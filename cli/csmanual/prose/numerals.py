"""Numbers as writers spell them in words, shared by the duration and the count readers."""

from __future__ import annotations

import re
from collections.abc import Iterable

# native Korean counting words before a counter ("두 시간", "일곱 가지", "열두 단계")
KO_NATIVE = {
    "한": 1,
    "두": 2,
    "세": 3,
    "네": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
    "열": 10,
    "스무": 20,
}
KO_NATIVE.update({f"열{w}": 10 + n for w, n in list(KO_NATIVE.items()) if n < 10})

EN_NUMBERS = {
    word: n
    for n, word in enumerate(
        [
            *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight"),
            *("nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"),
            *("sixteen", "seventeen", "eighteen", "nineteen", "twenty"),
        ]
    )
}
EN_NUMBERS["thirty"] = 30


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, so that 열두 is not read as 열."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))
