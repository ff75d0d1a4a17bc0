"""What a render child does before it renders: find WeasyPrint's libraries without a
subprocess per name, and keep the garbage collector off what it inherited.

Both only save time (measured in `make bench`, never here); these tests check that they
change nothing else: the same libraries are found, the parent's settings stay as they
were.
"""

from __future__ import annotations

import ctypes.util
import gc
import subprocess
import sys

import pytest

from csmanual import isolation
from csmanual.render.pdf.libraries import found_quickly

# the libraries WeasyPrint loads, by the name under which Linux finds them
WEASYPRINT_LIBRARIES = (
    "gobject-2.0",
    "pango-1.0",
    "pangoft2-1.0",
    "harfbuzz",
    "harfbuzz-subset",
    "fontconfig",
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig")


@linux_only
def test_the_quick_lookup_finds_what_find_library_finds():
    expected = {name: ctypes.util.find_library(name) for name in WEASYPRINT_LIBRARIES}
    assert expected["pango-1.0"], "Pango must be installed for the PDF"
    with found_quickly():
        found = {name: ctypes.util.find_library(name) for name in WEASYPRINT_LIBRARIES}
    assert found == expected


@linux_only
def test_the_quick_lookup_runs_no_subprocess_per_name(monkeypatch):
    original = ctypes.util.find_library
    with found_quickly():
        # the cache was read on entering; from here on a subprocess would be an error
        def refuse(*args, **kwargs):
            raise AssertionError(f"a subprocess was started: {args[:1]}")

        monkeypatch.setattr(subprocess, "Popen", refuse)
        assert ctypes.util.find_library("pango-1.0")
        assert ctypes.util.find_library("libpango-1.0-0") is None  # a Windows name
        assert ctypes.util.find_library("harfbuzz-vector-does-not-exist") is None
    assert ctypes.util.find_library is original


@linux_only
def test_a_library_only_in_ld_library_path_is_found(tmp_path, monkeypatch):
    (tmp_path / "libcsmanualprobe.so.3").write_bytes(b"")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path))
    with found_quickly():
        assert ctypes.util.find_library("csmanualprobe") == "libcsmanualprobe.so.3"


def test_without_a_linker_cache_find_library_is_left_alone(monkeypatch):
    import csmanual.render.pdf.libraries as libraries

    monkeypatch.setattr(libraries, "_linker_cache", lambda: None)
    original = ctypes.util.find_library
    with found_quickly():
        assert ctypes.util.find_library is original


def _collector_settings() -> tuple[int, int]:
    return gc.get_threshold()[0], gc.get_freeze_count()


def test_a_render_child_freezes_what_it_inherited_and_the_parent_is_unchanged():
    before = (gc.get_threshold(), gc.get_freeze_count())
    threshold, frozen = isolation.run([isolation.Job("html", _collector_settings, ())])["html"]
    assert threshold == isolation.YOUNG_COLLECTION_EVERY
    assert frozen > 1000  # the test process's own objects, inherited by the fork
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_the_pdf_child_keeps_the_cpu_and_the_others_yield_it(tmp_path, monkeypatch):
    """With fewer cores than render children, the deck and the HTML wait for the PDF."""
    import os
    from pathlib import Path

    import csmanual.build
    from csmanual.project import Project, Rendered

    def niceness(name, context, folders):  # runs in the child: how nice it was made
        return Rendered(name, str(os.nice(0)).encode())

    monkeypatch.setattr(csmanual.build, "render_format", niceness)
    example = Path(csmanual.build.__file__).parent / "examples" / "manual.ko.yaml"
    result = csmanual.build.build(Project(example), ["html", "pdf", "pptx"], tmp_path)
    parent = os.nice(0)
    told = {r.format: int(r.data) for r in result.rendered}
    assert told["pdf"] == parent
    assert told["html"] == told["pptx"] == min(parent + 10, 19)
