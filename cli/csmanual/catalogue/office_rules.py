"""E715–E739/W712–W729: problems of the editable office editions (DOCX and HWPX) and of
their reference documents in a theme, said like every other diagnostic.

DOCX owns E715–E726 and W712–W719; HWPX owns E727–E739 and W720–W729.
"""

from __future__ import annotations

from csmanual.catalogue import Rule

DOCX_RULES: list[Rule] = []

HWPX_RULES: list[Rule] = []

OFFICE_RULES: list[Rule] = [*DOCX_RULES, *HWPX_RULES]
