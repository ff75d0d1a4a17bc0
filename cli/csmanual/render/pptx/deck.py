"""The presentation being built: the master opened, slides and notes added in constant time,
document properties taken from the source, the file saved byte for byte reproducibly.

python-pptx's own `add_slide` and `notes_slide` look through every relationship, slide id
or part already present to find the next free name, so a deck gets slower with every
slide (quadratic in all). Here the next part names, relationship ids and slide ids are
counted instead; the parts made are the ones python-pptx would make.

A new slide of a layout gets the same placeholders every time (python-pptx clones them
into an empty shape tree), and a new notes page the same ones from the notes master: they
are cloned by python-pptx once, for the first slide of a layout and the first notes page,
and copied from then on.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from copy import deepcopy

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart, SlidePart

from csmanual.render.pptx.engine import (
    add_relationship,
    add_slide_id,
    package_relationships,
    save,
    text_body,
)

_RID = re.compile(r"^rId(\d+)$")
_TX_BODY = qn("p:txBody")


class Deck:
    def __init__(self, master: bytes, file: str = "pptx/master.pptx"):
        self.file = file  # where the master came from: its problems are named there
        self.prs = Presentation(io.BytesIO(master))
        self.part = self.prs.part
        self.package = self.part.package
        self._sld_ids = self.prs.slides.element
        for sld_id in list(self._sld_ids):  # a designer's master may carry sample slides
            self.part.rels.pop(sld_id.rId)
            self._sld_ids.remove(sld_id)
        # the notes master first: python-pptx relates a new one (a master without one) by
        # the next free rId, which the first slide would otherwise take over
        self.notes_master = self.part.notes_master_part
        _list_notes_master(self.prs.part._element, self.part.rels)
        numbers = [int(m.group(1)) for m in map(_RID.match, self.part.rels) if m]
        self._next_rid = max(numbers, default=0) + 1
        self._next_id = 256
        self._count = 0
        self._notes = 0
        self._placeholders: dict[str, list] = {}  # layout part name → its slide's placeholders
        self._notes_placeholders: list | None = None  # of the first notes page, to copy
        self._notes_body_at: int | None = None  # which of them holds the notes text

    @property
    def slide_count(self) -> int:
        """How many slides the deck has so far (the number of the last one added)."""
        return self._count

    @property
    def layouts(self) -> dict:
        """{name: layout} of every layout of every master, names lower-cased."""
        return {
            layout.name.strip().lower(): layout
            for master in self.prs.slide_masters
            for layout in master.slide_layouts
        }

    def add_slide(self, layout):
        self._count += 1
        slide_part = SlidePart.new(
            PackURI(f"/ppt/slides/slide{self._count}.xml"), self.package, layout.part
        )
        rid = f"rId{self._next_rid}"
        self._next_rid += 1
        add_relationship(self.part.rels, rid, RT.SLIDE, slide_part)
        add_slide_id(self._sld_ids, self._next_id, rid)
        self._next_id += 1
        slide = slide_part.slide
        key = str(layout.part.partname)
        if key not in self._placeholders:
            self._placeholders[key] = _cloned(
                slide.shapes.element, lambda: slide.shapes.clone_layout_placeholders(layout)
            )
        else:
            _copy_into(slide.shapes.element, self._placeholders[key])
        return slide

    def notes(self, slide):
        """The notes page of a new slide (made, as python-pptx would, from the notes master)."""
        return self._notes_page(slide)[0]

    def notes_body(self, slide):
        """The `p:txBody` of the notes placeholder of a new slide's new notes page (None when
        the notes master has none): what python-pptx's `notes_slide.notes_text_frame` holds."""
        return self._notes_page(slide)[1]

    def _notes_page(self, slide):
        part = NotesSlidePart(
            PackURI(f"/ppt/notesSlides/notesSlide{self._count}.xml"),
            CT.PML_NOTES_SLIDE,
            self.package,
            CT_NotesSlide.new(),
        )
        part.relate_to(self.notes_master, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        notes_slide = part.notes_slide
        tree = notes_slide.shapes.element
        if self._notes_placeholders is None:
            before = len(tree)
            notes_slide.clone_master_placeholders(self.notes_master.notes_master)
            frame = notes_slide.notes_text_frame
            added = list(tree[before:])
            self._notes_placeholders = [deepcopy(e) for e in added]
            body = None if frame is None else text_body(frame)
            self._notes_body_at = None if body is None else added.index(body.getparent())
        else:
            copies = _copy_into(tree, self._notes_placeholders)
            at = self._notes_body_at
            body = None if at is None else copies[at].find(_TX_BODY)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        self._notes += 1
        return notes_slide, body

    def properties(self, meta: dict, revisions: list[dict], lang: str) -> None:
        """Document properties from the source only: never the clock or the machine."""
        core = self.prs.core_properties
        core.title = _fits(meta.get("title"))
        core.subject = _fits(meta.get("subtitle") or meta.get("organization"))
        core.author = _fits(meta.get("owner"))
        core.keywords = _fits(", ".join(meta.get("keywords") or ()))
        core.category = _fits(meta.get("organization"))
        core.comments = _fits(f"{meta.get('document_id', '')} {meta.get('version', '')}".strip())
        core.identifier = _fits(meta.get("document_id"))
        core.version = _fits(meta.get("version"))
        core.language = lang
        core.content_status = ""
        last_author = revisions[-1].get("author") if revisions else None
        core.last_modified_by = _fits(last_author) or core.author
        core.revision = max(len(revisions), 1)
        dates = [r["date"] for r in revisions if r.get("date")] or [meta["effective_date"]]
        core.created = _date(min(dates))
        core.modified = _date(max([*dates, meta["effective_date"]]))

    def save(self) -> bytes:
        self._app_properties()
        return save(self.package)

    def _app_properties(self) -> None:
        """docProps/app.xml says what this file is (the master's says "0 slides, 4:3")."""
        for rel in package_relationships(self.package).values():
            if rel.reltype == RT.EXTENDED_PROPERTIES:
                wide = self.prs.slide_width * 9 == self.prs.slide_height * 16
                rel.target_part.blob = (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'extended-properties"><Application>csmanual</Application>'
                    f"<PresentationFormat>{'Widescreen' if wide else 'Custom'}"
                    f"</PresentationFormat><Slides>{self._count}</Slides>"
                    f"<Notes>{self._notes}</Notes><HiddenSlides>0</HiddenSlides></Properties>"
                ).encode()


def _list_notes_master(presentation, rels) -> None:
    """presentation.xml names its notes master (`p:notesMasterIdLst`, after the slide
    masters), as PowerPoint writes it; python-pptx relates a new one without naming it."""
    if presentation.find(qn("p:notesMasterIdLst")) is not None:
        return
    rid = next(r.rId for r in rels.values() if r.reltype == RT.NOTES_MASTER)
    listed = presentation.makeelement(qn("p:notesMasterIdLst"), {})
    listed.append(listed.makeelement(qn("p:notesMasterId"), {qn("r:id"): rid}))
    presentation.find(qn("p:sldMasterIdLst")).addnext(listed)


def _cloned(tree, clone) -> list:
    """What `clone()` adds to a shape tree, copied to add to the next one alike."""
    before = len(tree)
    clone()
    return [deepcopy(e) for e in tree[before:]]


def _copy_into(tree, elements: list) -> list:
    copies = [deepcopy(element) for element in elements]
    for copy in copies:
        tree.insert_element_before(copy, "p:extLst")
    return copies


PROPERTY_LENGTH = 255  # what a document property holds (python-pptx refuses more)


def _fits(text: str | None) -> str:
    """A document property's text, cut to what the property holds (the slides keep it all)."""
    text = text or ""
    return text if len(text) <= PROPERTY_LENGTH else text[: PROPERTY_LENGTH - 1] + "…"


def _date(value: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(str(value)[:10]), dt.time())
