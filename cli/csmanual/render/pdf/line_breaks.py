"""Korean line breaks for the PDF engine: between 어절 (words) only.

The print stylesheet says `word-break: keep-all`, as a browser would read it, and
`keep_all.py` teaches WeasyPrint that value: lines then break only at the spaces between
words, and the PDF text stays one searchable run (word joiners would break search).

The `keepall` template filter is what the themes' templates call on every text: it once
wrapped each Korean word in a no-break span (2.6 × the layout time). Now the stylesheet
does the work, and the filter only escapes; themes that use it keep working.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

# Hangul syllables and jamo, CJK ideographs, kana: scripts Pango breaks anywhere
CJK = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
# a word longer than this is not kept whole: on a narrow line it would run off the page
# (a product code, a long compound); broken anywhere, it stays readable
LONGEST_KEPT = 16


def keepall(value: Any) -> Markup:
    """`value` escaped (Markup, already-escaped HTML from a template, as it is); the
    stylesheet's `word-break: keep-all` keeps each Korean word on one line."""
    if value is None:
        return Markup("")
    return escape(value)
