"""Every use of python-pptx beyond its public API, in one place, each with its reason.

The deck is built faster and more reproducibly than python-pptx's public API allows: a
slide is added in constant time (python-pptx scans every relationship and slide id for
the next free one, quadratic over a deck), the zip is written with fixed entry times, and
text is written with lxml calls alone. That needs a few of python-pptx's private names;
they are all here, so that an upgrade of python-pptx has one module to check, and
pyproject.toml pins python-pptx to the range these were tested with (>=1.0,<1.1;
tests/test_engines.py fails outside it).

Where python-pptx has a public way that gives the same bytes (`.element` of a shape tree,
a layout or a master, `Part.blob =`, `slide.shapes[-1]`), the other modules use it.
"""

from __future__ import annotations

import io

from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.package import _Relationship
from pptx.opc.serialized import PackageWriter
from pptx.shapes.shapetree import SlideShapes
from pptx.text.text import TextFrame

from csmanual.render.pptx.archive import FixedZip

# --- relationships and slide ids in constant time ------------------------------------------------


def add_relationship(rels, rid: str, reltype: str, target) -> None:
    """Relate `target` under the id `rid`, which the caller knows to be free.

    The public `rels.get_or_add(reltype, part)` looks through every relationship for one
    to the part, then for the next free rId: quadratic over a deck's slides. `_rels` is
    the mapping behind `rels`, `_base_uri` the base its targets resolve from, and
    `_Relationship` the record the public path would have made."""
    rels._rels[rid] = _Relationship(rels._base_uri, rid, reltype, RTM.INTERNAL, target)


def add_slide_id(sld_id_lst, slide_id: int, rid: str) -> None:
    """Append a `p:sldId` with the given id, which the caller knows to be free.

    The public `sldIdLst.add_sldId(rId)` reads every slide id for the next one (quadratic);
    `_add_sldId` is the element factory it calls then."""
    sld_id_lst._add_sldId(id=slide_id, rId=rid)


def package_relationships(package):
    """The package's own relationships (`_rels`, {rId: relationship}): what the zip writer
    takes, and where docProps/app.xml is found. python-pptx has no public accessor."""
    return package._rels


# --- shapes and text frames --------------------------------------------------------------------


def next_shape_id(shapes) -> int:
    """The id a new shape of a slide gets (one more than the largest id on it): the value
    python-pptx's own add_* methods use, private as `_next_shape_id`."""
    return shapes._next_shape_id


def shapes_of(tree, slide) -> SlideShapes:
    """A `SlideShapes` over a shape tree that is not (yet) the slide's: a scratch copy on
    which python-pptx's clone_placeholder runs once per layout (python-pptx constructs it
    from the slide only)."""
    return SlideShapes(tree, slide)


def text_frame(sp) -> TextFrame:
    """A p:sp's text frame, made as `shape.text_frame` makes it, without the shape object
    (building one per placeholder of a deck costs more than the text it holds)."""
    return TextFrame(sp.get_or_add_txBody(), None)


def text_body(frame):
    """The `p:txBody` (or `a:txBody`) element of a text frame: python-pptx keeps it as
    `_txBody` and has no public accessor; the text is written into it with lxml calls."""
    return frame._txBody


def paragraph_element(paragraph):
    """The `a:p` element of a python-pptx paragraph (`_p`; no public accessor)."""
    return paragraph._p


# --- the zip ------------------------------------------------------------------------------------


class _FixedTimeWriter(PackageWriter):
    """python-pptx's package writer with our zip writer: `_write` is the method that opens
    its zip (with the clock's time on every entry); its three steps are python-pptx's own."""

    def _write(self) -> None:
        with FixedZip(self._pkg_file) as phys_writer:
            self._write_content_types_stream(phys_writer)
            self._write_pkg_rels(phys_writer)
            self._write_parts(phys_writer)


def save(package) -> bytes:
    """A python-pptx package as `normalize(package.save())` would give it, compressed once."""
    out = io.BytesIO()
    _FixedTimeWriter.write(out, package_relationships(package), tuple(package.iter_parts()))
    return out.getvalue()
