"""Same inputs, same bytes: a .pptx (a zip) with fixed entry times and attributes.

python-pptx stamps every zip entry with the current local time; the entries, their order
and their contents are otherwise already deterministic. `save` writes a package's parts in
python-pptx's own order straight into an archive with a fixed date, fixed permissions and
one compression level; `normalize` rewrites an archive python-pptx saved the same way. So
two builds of one source are byte-identical whatever the clock or the time zone says.
"""

from __future__ import annotations

import io
import zipfile

from pptx.opc.serialized import PackageWriter

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


class _FixedZip:
    """python-pptx's zip writer (`write(pack_uri, blob)`), with fixed entry attributes."""

    def __init__(self, out: io.BytesIO):
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)

    def __enter__(self) -> _FixedZip:
        return self

    def __exit__(self, *exc) -> None:
        self._zip.close()

    def write(self, pack_uri, blob: bytes) -> None:
        self._zip.writestr(_entry(pack_uri.membername, FIXED_TIME), blob, compresslevel=LEVEL)


class _Writer(PackageWriter):
    def _write(self) -> None:
        with _FixedZip(self._pkg_file) as phys_writer:
            self._write_content_types_stream(phys_writer)
            self._write_pkg_rels(phys_writer)
            self._write_parts(phys_writer)


def save(package) -> bytes:
    """A python-pptx package as `normalize(package.save())` would give it, compressed once."""
    out = io.BytesIO()
    _Writer.write(out, package._rels, tuple(package.iter_parts()))
    return out.getvalue()
