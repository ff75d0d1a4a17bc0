"""The Hangul (HWPX) edition: the shared document plan (office/document.yaml.j2) written as
OWPML on the theme's reference document (hwpx/reference.hwpx), without Hangul.

    reference = the designer's document, opened safely: styles, page, sample tables
                (`reference`)
    write     = blocks as OWPML paragraphs and tables, header and footer with page
                numbers, tracked changes, document properties (`writer`, `owpml`)
    save      = mimetype first and stored, fixed order and times (`archive`)
"""

from csmanual.render.hwpx.renderer import HwpxRenderer

__all__ = ["HwpxRenderer"]
