"""`word-break: keep-all` for WeasyPrint: Korean lines break between words (어절) only.

WeasyPrint 70 accepts only `word-break: normal | break-all`, and Pango, which breaks its
lines, may break Hangul between any two syllables ("불/만"). Wrapping each word in a
`white-space: nowrap` span worked, but cost 2.6 × the layout time: every word became a
box of its own. This module gives WeasyPrint the CSS value instead, the way it could be
offered upstream:

- the `word-break` validator also accepts `keep-all` (inherited, like every value of it);
- where a text's style says `keep-all`, its Pango layout gets an allow-breaks = false
  attribute (`pango_attr_allow_breaks_new`, Pango ≥ 1.44) over the UTF-8 bytes of each
  word that holds Hangul or CJK, in `Layout.set_text`: every line break and every
  min-content width (a table column's narrowest width is measured with a layout too)
  then sees the word as one piece. Nothing else of the layout changes: the text stays
  one box, and searchable.

A word longer than LONGEST_KEPT characters is left breakable, as before: on a narrow
line it would otherwise run off the page. Where a word is cut by markup
(`고객<b>님</b>`), WeasyPrint decides the break between the two boxes without the
layout; our templates put no markup inside a word.

Installed only while our renderer lays out and draws (`keep_all()`), so WeasyPrint used
elsewhere in the same process (the benchmark's reference) is WeasyPrint unchanged. The
WeasyPrint internals used (`Layout.set_text`, the `PROPERTIES` validators, the cffi
handles) are checked by tests/test_keep_all.py, which fails loudly when they change;
pyproject.toml pins WeasyPrint to the major version they were tested with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from csmanual.render.pdf.line_breaks import CJK, LONGEST_KEPT

KEEP_ALL = "keep-all"
PANGO_ALLOW_BREAKS = (1, 44)  # the first Pango with the allow-breaks attribute
# a word runs to the next space; a no-break space (a number and its unit) stays inside it
_WORDS = re.compile("(?:[^\\s]|\u00a0)+")
_DECLARATIONS = """
    PangoAttribute * pango_attr_allow_breaks_new (gboolean allow_breaks);
    PangoAttrList * pango_attr_list_ref (PangoAttrList *list);
    PangoAttrList * pango_attr_list_copy (PangoAttrList *list);
"""
_declared = False


def kept_words(text: str) -> list[tuple[int, int]]:
    """(start, end) UTF-8 byte offsets of every word of `text` that must not be broken:
    2 to LONGEST_KEPT characters between spaces, holding Hangul or CJK."""
    found = []
    offset = previous = 0  # bytes so far, and the character they end at
    for word in _WORDS.finditer(text):
        if not (1 < len(word[0]) <= LONGEST_KEPT and CJK.search(word[0])):
            continue
        offset += len(text[previous : word.start()].encode())
        size = len(word[0].encode())
        found.append((offset, offset + size))
        offset, previous = offset + size, word.end()
    return found


@contextmanager
def keep_all() -> Iterator[None]:
    """WeasyPrint with `word-break: keep-all`, for the time of the block."""
    from weasyprint.css.validation import properties
    from weasyprint.text import line_break

    _declare()
    validate, set_text = properties.PROPERTIES["word-break"], line_break.Layout.set_text
    properties.PROPERTIES["word-break"] = _accepting_keep_all(validate)
    line_break.Layout.set_text = _keeping_words(set_text)
    try:
        yield
    finally:
        properties.PROPERTIES["word-break"] = validate
        line_break.Layout.set_text = set_text


def pango_version() -> tuple[int, int]:
    from weasyprint.text.ffi import pango

    version = pango.pango_version()  # e.g. 15012 for 1.50.12
    return version // 10000, version // 100 % 100


def _declare() -> None:
    """Declare the three Pango functions WeasyPrint's cffi handle does not (once)."""
    global _declared
    if not _declared:
        from weasyprint.text.ffi import ffi

        ffi.cdef(_DECLARATIONS)
        _declared = True


def _accepting_keep_all(validate):
    from weasyprint.css.validation.properties import get_single_keyword

    def word_break(tokens):
        if get_single_keyword(tokens) == KEEP_ALL:
            return KEEP_ALL
        return validate(tokens)

    word_break.wants_base_url = validate.wants_base_url
    return word_break


def _keeping_words(set_text):
    from weasyprint.text.ffi import ffi, pango

    def keeping_set_text(layout, text, justify=False):
        # the list WeasyPrint set (font features, spacing) comes back before it adds to
        # it again, so the words of an earlier text never stay
        mine = getattr(layout, "_keep_all", None)
        if mine is not None and mine[0] is layout.layout:
            pango.pango_layout_set_attributes(layout.layout, mine[1])
            layout._keep_all = None
        set_text(layout, text, justify)
        if layout.style["word_break"] != KEEP_ALL:
            return
        words = kept_words(layout.text)  # WeasyPrint may have shortened the text
        if not words:
            return
        theirs = pango.pango_layout_get_attributes(layout.layout)
        if theirs == ffi.NULL:
            attributes = pango.pango_attr_list_new()
        else:
            theirs = ffi.gc(pango.pango_attr_list_ref(theirs), pango.pango_attr_list_unref)
            attributes = pango.pango_attr_list_copy(theirs)
        attributes = ffi.gc(attributes, pango.pango_attr_list_unref)
        for start, end in words:
            keep = pango.pango_attr_allow_breaks_new(False)
            keep.start_index, keep.end_index = start, end
            pango.pango_attr_list_insert(attributes, keep)  # the list owns it now
        pango.pango_layout_set_attributes(layout.layout, attributes)
        layout._keep_all = (layout.layout, theirs if theirs != ffi.NULL else ffi.NULL)

    return keeping_set_text
