"""Every use of WeasyPrint beyond its documented API, in one place, each with its reason.

The renderers otherwise use what WeasyPrint documents as public (`HTML`, `LOGGER`,
`URLFetcher`, `URLFetcherResponse`, `FontConfiguration`, a document's pages, anchors,
links and metadata). These few names are not, so pyproject.toml pins WeasyPrint to the
major version they were tested with (>=70,<71; tests/test_engines.py fails outside it).
One is pydyf's, the library WeasyPrint writes PDF objects with; tests/test_engines.py
checks it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


def harfbuzz_subset_missing() -> bool:
    """True when WeasyPrint falls back to fontTools to subset fonts (slow for Korean).

    WeasyPrint decides so in `weasyprint.text.ffi`: its HarfBuzz subsetter handle is None
    when libharfbuzz-subset cannot be opened, and it is used from HarfBuzz 4.1 only. There
    is no public way to ask; the build only warns about the slowness (W703)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return not (harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0))


def path2url(path: str) -> str:
    """A file path as the `file:` URL WeasyPrint itself makes of it (its own quoting), so
    that the URLs our fetcher is asked for compare equal to the ones we resolve."""
    from weasyprint.urls import path2url as weasyprint_path2url

    return weasyprint_path2url(path)


def fatal_fetch_error() -> type[BaseException]:
    """The exception WeasyPrint wraps a fetcher's error in when `fail_on_errors` is set
    (`weasyprint.urls.FatalURLFetchingError`, a BaseException): the refusal it carries as
    its cause is ours to report."""
    from weasyprint.urls import FatalURLFetchingError

    return FatalURLFetchingError


def text_beyond_the_page(document) -> list[tuple[int, str]]:
    """(page number, text) of every laid-out text that ends beyond its page's right edge:
    text the reader would never see. The laid-out boxes (`page._page_box`) are not public;
    WeasyPrint documents only pages, anchors and links."""
    found = []
    for number, page in enumerate(document.pages, 1):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            stack.extend(getattr(box, "children", None) or ())
            text = getattr(box, "text", None)
            if text and box.position_x + box.width > page.width + 0.5:  # half a point: rounding
                found.append((number, text))
    return found


def drawn_fonts(document) -> list[tuple[str, bytes, dict[int, str]]]:
    """(family, the font file's bytes, {glyph id: the text it draws}) of every font a written
    PDF uses, fallbacks included. `write_pdf` fills `document.fonts` with
    `weasyprint.pdf.fonts.Font` objects (`family`, `hb_face`, `to_unicode`: glyph → the
    text it draws); none of it is public. The face's blob is the whole font file as it
    was loaded, also after subsetting replaced `file_content`."""
    from weasyprint.text.fonts import get_hb_object_data

    return [
        (font.family, get_hb_object_data(font.hb_face), dict(font.to_unicode))
        for font in document.fonts.values()
    ]


@contextmanager
def page_references_kept() -> Iterator[None]:
    """pydyf's `PDF.page_references` makes the tuple of every page's reference anew on each
    use, and WeasyPrint's tagging (PDF/UA) uses it once per tagged element: time in pages
    × elements. At 10 × the sample (159 pages) it was made 20,556 times, about 1 s of the
    write. While active, the tuple is kept until a page is added (pages are only ever
    appended to `Kids`)."""
    import pydyf

    original = getattr(pydyf.PDF, "page_references", None)
    if not isinstance(original, property):  # another pydyf: nothing to keep
        yield
        return

    def page_references(pdf):
        count = len(pdf.pages["Kids"])
        kept = pdf.__dict__.get("_csmanual_page_references")
        if kept is None or kept[0] != count:
            kept = (count, original.fget(pdf))
            pdf.__dict__["_csmanual_page_references"] = kept
        return kept[1]

    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original
