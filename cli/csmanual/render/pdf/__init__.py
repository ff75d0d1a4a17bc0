"""The PDF manual and the desk cards: the theme's HTML + print CSS, typeset by WeasyPrint.

renderer = the two renderers and their shared path: check glyphs, render the template,
           lay it out, write a tagged PDF (PDF/UA-1) with dates from the source
text     = Korean line breaks between words (`keepall`) and the missing-glyph check
fonts    = the theme's font files and which characters they draw
fetch    = the only way the engine may load a file: from the theme or the source folder
"""

from csmanual.render.pdf.renderer import CardRenderer, PdfRenderer

__all__ = ["CardRenderer", "PdfRenderer"]
