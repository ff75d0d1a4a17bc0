"""Words that a line must not split: a number and the word it counts, in every format.

"within 15 / minutes" at the end of a line makes a reader look twice; Korean "24시간"
already stays together because it is written without a space. The template context
(`context.build_context`) passes every text of the manual through `keep_together` once, so
HTML, PDF and PPTX (and any later format) get the same no-break spaces (U+00A0) and no
renderer needs a rule of its own. Which spaces become no-break spaces, precisely:

1. Between a number and the word after it: `15 minutes`, `3 steps`, `10:00 am`,
   `1,000 passengers`, `2–3 days` (its last number), `3 단계`. A number is digits, with
   groups joined by `.`, `,` or `:` (1.5, 1,000, 10:00); it stands on its own (not part of
   a word such as `P1` or `v2`); the word begins with a letter of any script. Exactly one
   ordinary space is replaced; a line break the writer typed stays.
2. Inside an English time unit of two words after such a number: `4 business hours`,
   `2 working days`, `10 calendar days` stay on one line as a whole.
3. In Korean, between a word that opens a time and its number: `오전 10시`, `오후 3시`,
   `영업일 2일` (how csmanual spells business days), `매 30분`; and inside a time of two
   parts: `3시 30분`, `1시간 30분`, `5분 30초`.
4. In English, between a word that names a numbered thing and its number: `step 3`,
   `Level 2`, `tier 1`, `Priority 1` (any case), and `Room 204`, `Gate 5`, `Floor 3`,
   `Page 4`, `Section 2`, `Chapter 1`, `No. 7` (capitalised, as names are written).

Nothing else changes: ids, dates and versions hold no such space, and text the writer
already joined (U+00A0, U+202F) is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

NBSP = "\u00a0"

_NUMBER = r"(?<![\w.,:])\d+(?:[.,:]\d+)*"
_LETTER = r"[^\W\d_]"  # a letter of any script (Latin, Hangul …)
_UNIT_QUALIFIERS = r"business|working|calendar"
_UNITS = r"(?:second|minute|hour|day|week|month|year)s?\b"

# rule 2 before rule 1: the qualifier and its unit, after a number
_QUALIFIED_UNIT = re.compile(rf"({_NUMBER}) ({_UNIT_QUALIFIERS}) ({_UNITS})", re.IGNORECASE)
_NUMBER_WORD = re.compile(rf"({_NUMBER}) (?={_LETTER})")
_KOREAN_OPENERS = re.compile(r"(?<![\w])(오전|오후|영업일|매) (?=\d)")
_KOREAN_TIME_PARTS = re.compile(r"(?<![\w.,:])(\d+(?:시간|시|분)) (?=\d+(?:분|초))")
# a step or a level is numbered in any case; a room or a gate only as a name ("Gate 5"):
# "at the gate 30 minutes before" keeps its space
_NUMBERED_THINGS = re.compile(
    r"(?<![\w.])((?i:step|stage|phase|level|tier|priority)"
    r"|Room|Gate|Floor|Page|Section|Chapter|No\.) (?=\d)"
)


def keep_together(text: str) -> str:
    """`text` with a no-break space wherever a line must not split it (see the module)."""
    if " " not in text or not any(ch.isdigit() for ch in text):
        return text  # most texts: nothing to do, quickly
    text = _QUALIFIED_UNIT.sub(rf"\1{NBSP}\2{NBSP}\3", text)
    text = _NUMBER_WORD.sub(rf"\1{NBSP}", text)
    text = _KOREAN_OPENERS.sub(rf"\1{NBSP}", text)
    text = _KOREAN_TIME_PARTS.sub(rf"\1{NBSP}", text)
    return _NUMBERED_THINGS.sub(rf"\1{NBSP}", text)


def keep_together_all(value: Any) -> Any:
    """A tree of plain data (dicts, lists, strings) with every text through `keep_together`:
    a new tree, so that nothing the caller shares (a model's list) changes under it."""
    if isinstance(value, str):
        return keep_together(value)
    if isinstance(value, dict):
        return {key: keep_together_all(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [keep_together_all(item) for item in value]
    return value
