"""Same inputs, same bytes: a .pptx (a zip) with fixed entry times and attributes.

python-pptx stamps every zip entry with the current local time; the entries, their order
and their contents are otherwise already deterministic. `engine.save` writes a package's
parts in python-pptx's own order straight into a `FixedZip`: a fixed date, fixed
permissions and one compression level; `normalize` rewrites an archive python-pptx saved
the same way. So two builds of one source are byte-identical whatever the clock or the
time zone says.
"""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
LEVEL = 6


def _entry(name: str, date_time: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=date_time)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.create_system = 0
    entry.external_attr = 0
    return entry


def normalize(data: bytes, date_time: tuple[int, int, int, int, int, int] = FIXED_TIME) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(
                _entry(info.filename, date_time), source.read(info.filename), compresslevel=LEVEL
            )
    return out.getvalue()


class FixedZip:
    """A zip writer with python-pptx's interface (`write(pack_uri, blob)`) that gives every
    entry the fixed time and attributes of `normalize` (the package writer: `engine`)."""

    def __init__(self, out: io.BytesIO):
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)

    def __enter__(self) -> FixedZip:
        return self

    def __exit__(self, *exc) -> None:
        self._zip.close()

    def write(self, pack_uri, blob: bytes) -> None:
        self._zip.writestr(_entry(pack_uri.membername, FIXED_TIME), blob, compresslevel=LEVEL)
