"""Korean line breaks for the PDF engine: between 어절 (words) only.

WeasyPrint ignores `word-break: keep-all` and breaks Hangul words anywhere. The `keepall`
filter wraps every word that holds Hangul (or CJK) in `<span class="w">`, which the print
stylesheet sets to `white-space: nowrap`: lines then break only at the spaces between
words, and the PDF text stays searchable (word joiners would break search).
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

# Hangul syllables and jamo, CJK ideographs, kana: scripts WeasyPrint breaks anywhere
_CJK = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_SPACES = re.compile(r"(\s+)")
# a word longer than this is not kept whole: on a narrow line it would run off the page
# (a product code, a long compound); broken anywhere, it stays readable
LONGEST_KEPT = 16
_TAGS = re.compile(r"(<[^>]*>)")


def keepall(value: Any) -> Markup:
    """Escape `value` and keep each Korean word on one line (breaks only at spaces).

    Markup (already-escaped HTML from a template) keeps its tags; only its text is wrapped.
    """
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        pieces = _TAGS.split(str(value))
        return Markup("".join(p if p.startswith("<") else _wrap(p) for p in pieces))
    return Markup(_wrap(str(escape(str(value)))))


def _wrap(escaped: str) -> str:
    parts = _SPACES.split(escaped)
    for index in range(0, len(parts), 2):  # words; odd indexes are the spaces between them
        part = parts[index]
        # a single character cannot be split; a very long word must be
        if 1 < len(part) <= LONGEST_KEPT and _CJK.search(part):
            parts[index] = f'<span class="w">{part}</span>'
    return "".join(parts)
