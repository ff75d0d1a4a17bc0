"""The PDF manual and the desk cards: the theme's HTML + print CSS, typeset by WeasyPrint.

renderer    = the two renderers and their shared path: check glyphs, render the
              template, lay it out, write a tagged PDF (PDF/UA-1) dated from the source
glyphs      = the theme's fonts, and no character of the manual they cannot draw
line_breaks = Korean lines broken between words only: the scripts, the `keepall` filter
keep_all    = `word-break: keep-all` taught to WeasyPrint (a Pango attribute per word)
fetch       = the only way the engine may load a file: the theme or the source folder
engine      = the few WeasyPrint internals used, and why
libraries   = WeasyPrint's native libraries found from one reading of the linker's cache
"""

from csmanual.render.pdf.libraries import found_quickly

with found_quickly():  # before anything imports WeasyPrint: its import finds its libraries
    import weasyprint  # noqa: F401

from csmanual.render.pdf.renderer import CardRenderer, PdfRenderer  # noqa: E402

__all__ = ["CardRenderer", "PdfRenderer"]
