"""WeasyPrint's native libraries, found without a subprocess for every name tried.

WeasyPrint's import looks up each of its seven libraries (Pango, HarfBuzz, fontconfig …)
under up to six names (`libpango-1.0-0`, `pango-1.0`, … `.dylib`, `.dll`) with
`ctypes.util.find_library`, which on Linux runs `ldconfig -p`, then gcc and ld, for every
name it does not find: about twenty subprocesses, measured at 0.19 s of the 0.63 s import
that every PDF build waits for. While `found_quickly()` is active, the linker's cache is
read once and each name is looked up in it, as find_library itself does first.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def found_quickly() -> Iterator[None]:
    """`ctypes.util.find_library` answered from one reading of the linker's cache, for the
    time of the block; elsewhere than Linux, or without ldconfig, it is left as it is."""
    listing = _linker_cache() if sys.platform.startswith("linux") else None
    if listing is None:
        yield
        return
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        # the soname, as find_library returns it: the loader then finds the file itself
        found = re.search(rf"\s(lib{re.escape(name)}\.so[^\s]*)\s+\(", listing)
        return found[1] if found else _in_library_path(name)

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _linker_cache() -> str | None:
    """What `ldconfig -p` lists (the libraries the loader knows), or None."""
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            done = subprocess.run([ldconfig, "-p"], capture_output=True, timeout=10, check=True)
        except (OSError, subprocess.SubprocessError):
            continue
        return done.stdout.decode("utf-8", errors="replace")
    return None


def _in_library_path(name: str) -> str | None:
    """A library in LD_LIBRARY_PATH, which the cache does not list (find_library's last
    resort, through ld, finds those too)."""
    for folder in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep)):
        for path in sorted(Path(folder).glob(f"lib{name}.so*")):
            return path.name
    return None
