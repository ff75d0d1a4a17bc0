"""Same inputs, same bytes: rewrite a .pptx (a zip) with fixed entry times and attributes.

python-pptx stamps every zip entry with the current local time; the entries, their order
and their contents are otherwise already deterministic. This rewrites the archive in the
same order with a fixed date, fixed permissions and one compression level, so two builds
of one source are byte-identical whatever the clock or the time zone says.
"""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def normalize(data: bytes, date_time: tuple[int, int, int, int, int, int] = FIXED_TIME) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()
