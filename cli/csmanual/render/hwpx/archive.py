"""Same inputs, same bytes: an .hwpx (an OCF zip) with a fixed order and fixed times.

Hangul reads an HWPX only when `mimetype` is the first entry, stored uncompressed (as in
EPUB's container format). The other parts follow in one fixed order (the order Hangul
itself writes), each with the earliest time a zip can carry and fixed attributes, so two
builds of one source are byte-identical whatever the clock or the time zone says. The
compression and its level are those of the PPTX writer (`render/pptx/archive.py`).
"""

from __future__ import annotations

import io
import zipfile

from csmanual.render.pptx.archive import FIXED_TIME, LEVEL

MIMETYPE = b"application/hwp+zip"
ORDER = (
    "mimetype",
    "version.xml",
    "Contents/header.xml",
    "Contents/section0.xml",
    "Preview/PrvText.txt",
    "settings.xml",
    "Preview/PrvImage.png",
    "META-INF/container.rdf",
    "Contents/content.hpf",
    "META-INF/container.xml",
    "META-INF/manifest.xml",
)


def _entry(name: str, stored: bool) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    entry.create_system = 0
    entry.external_attr = 0
    return entry


def write_package(parts: dict[str, bytes]) -> bytes:
    """The package of `parts` ({name: bytes}): `mimetype` first and stored, the parts
    Hangul knows in its order, any others (pictures) after them by name."""
    parts = {**parts, "mimetype": MIMETYPE}
    names = [name for name in ORDER if name in parts]
    names += sorted(name for name in parts if name not in ORDER)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name in names:
            stored = name == "mimetype"
            package.writestr(
                _entry(name, stored), parts[name], compresslevel=None if stored else LEVEL
            )
    return out.getvalue()
