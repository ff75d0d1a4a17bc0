"""The Word edition (manual.docx): the shared document plan (render/office) written into
the theme's reference document (docx/reference.docx) with python-docx.

    reference  open the designer's reference safely and read its styles (`reference`)
    body       blocks → WordprocessingML in the reference's styles, tracked changes,
               bookmarks, contents, page fields (`body`)
    renderer   the steps in order; properties; reproducible bytes (`renderer`)
"""

from csmanual.render.docx.renderer import DocxRenderer

__all__ = ["DocxRenderer"]
