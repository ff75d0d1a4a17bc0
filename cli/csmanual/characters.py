"""The characters a source may hold, found with their line and column.

Refused (E009): control characters, surrogates, noncharacters and the line breaks YAML
counts that editors do not. Reported (W014, W015): invisible and reordering characters
pasted from elsewhere. Lines end with \n, \r\n or a lone \r, as YAML and editors count.
"""

from __future__ import annotations

import re
import unicodedata

from csmanual.diagnostics import Diagnostic
from csmanual.messages import L, wording

# C0/C1 controls except tab, \n and \r; surrogates and Unicode noncharacters. Also NEL,
# LINE SEPARATOR and PARAGRAPH SEPARATOR: YAML counts them as line breaks and editors do
# not, so every position after one would be a line off; in text they are invisible breaks.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U000efffe\U000effff"
    "\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)

# Zero-width characters: invisible in an editor, and a word holding one is not found by a
# search for it. Written as an escape they are deliberate, and not reported.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# bidirectional controls reorder what is shown: "evil" reads "live", "exe.txt" "txt.exe"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def scan(text: str, pattern: re.Pattern, code: str, name: str, limit: int) -> list[Diagnostic]:
    """A diagnostic for each character of `text` that `pattern` matches (at most
    `limit`), at its own line and column."""
    found = []
    line, line_start, scanned = 1, 0, 0  # counted as we go: a file full of them stays linear
    for match in pattern.finditer(text):
        index = match.start()
        line += breaks(text, scanned, index)
        line_start = last_line_start(text, scanned, index) or line_start
        scanned = index
        args = {"char": describe(match.group())}
        found.append(Diagnostic(code, name, line, index - line_start + 1, args=args))
        if len(found) == limit:
            break
    return found


def breaks(text: str, start: int, end: int) -> int:
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


def last_line_start(text: str, start: int, end: int) -> int:
    """Where the last line beginning in text[start:end] begins; 0 if none does."""
    return max(text.rfind("\n", start, end), text.rfind("\r", start, end)) + 1


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`."""
    index = min(index, len(text))
    return breaks(text, 0, index) + 1, index - last_line_start(text, 0, index) + 1


def describe(char: str) -> L:
    code = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return wording("char.surrogate", code=code)
    name = unicodedata.name(char, "")
    if name:  # Unicode's own names are English everywhere
        return L.same(f"{code} ({name})")
    if ord(char) < 0xA0:
        return wording("char.control", code=code)
    return wording("char.noncharacter", code=code)
