"""E7xx/W7xx: problems of the renderers and the theme (templates, stylesheets, fonts,
the PPTX master), said like the source's problems: a code, a place, Korean and English."""

from __future__ import annotations

from csmanual.catalogue import Rule

RENDER_RULES: list[Rule] = []
