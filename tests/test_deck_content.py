"""The deck carries every item of any organisation's manual, in its own words and order.

Built for two manuals of organisations other than the sample (a Korean hospital front desk
with 5 steps and sections of its own, an English SaaS desk with a 4-step escalation
process): every item is named on a slide or in the notes, the agenda is the deck's parts in
the deck's order, no word of the sample's structure is left, the theme's declared
omissions are the only ones, a short process is not a lonely row of chevrons, and an
English deck is set in a Latin face.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn

from csmanual.project import Project
from csmanual.render.pptx import PptxRenderer
from csmanual.theme import Theme
from manual_items import named_items

ROOT = Path(__file__).parents[1]
ORGS = {
    "hospital": ROOT / "tests" / "fixtures" / "orgs" / "hospital.ko.yaml",
    "saas": ROOT / "tests" / "fixtures" / "orgs" / "saas.en.yaml",
}
SAMPLE = ROOT / "source" / "manual.yaml"
SAMPLE_WORDS = ("7단계", "일곱", "13가지", "seven", "thirteen")
CLOSING = ("revisions", "approvals")  # document control closes the deck


@cache
def built(source: Path, theme: Path | None = None):
    """(context, deck, warnings) of one source, built once."""
    project = Project(source, theme)
    renderer = PptxRenderer()
    data = renderer.render(project.context, Theme.locate(theme))
    return project.context, Presentation(io.BytesIO(data)), renderer.diagnostics


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def slide_text(slide) -> str:
    """Every run of a slide: placeholders, diagram shapes and table cells."""
    return " ".join(t.text or "" for t in slide.shapes._spTree.iter(qn("a:t")))


def notes_text(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def title_of(slide) -> str:
    title = slide.shapes.title
    return title.text_frame.text if title is not None else ""


def deck_text(prs, notes: bool = True) -> str:
    return " ".join(slide_text(s) + (" " + notes_text(s) if notes else "") for s in prs.slides)


def table_rows(prs, title: str) -> list[list[str]]:
    """The body rows (header left out) of every table on the slides titled `title`."""
    return [
        [cell.text for cell in row.cells]
        for slide in prs.slides
        if title_of(slide) == title
        for shape in slide.shapes
        if shape.has_table
        for row in list(shape.table.rows)[1:]
    ]


def agenda_of(prs) -> list[str]:
    agenda = prs.slides[1]
    assert agenda.slide_layout.name == "two-content"
    return [
        p.text
        for name in ("left", "right")
        for shape in agenda.shapes
        if shape.name == name
        for p in shape.text_frame.paragraphs
        if p.text
    ]


# --- every item, in the manual's words ---------------------------------------------------------


@pytest.mark.parametrize("org", list(ORGS))
def test_every_item_is_named_in_the_deck(org):
    context, prs, _ = built(ORGS[org])
    text = squeeze(deck_text(prs))
    left_out = set(context["omitted"].get("pptx", []))
    missing = [
        f"{section}: {words}"
        for section, words in named_items(context)
        if section not in left_out and squeeze(words) not in text
    ]
    assert not missing, f"the {org} deck lacks {len(missing)} items: {missing[:20]}"


@pytest.mark.parametrize("org", list(ORGS))
def test_the_deck_has_no_warning(org):
    _, _, warnings = built(ORGS[org])
    assert [str(w) for w in warnings] == []


@pytest.mark.parametrize("org", list(ORGS))
def test_every_channel_names_all_its_deadlines(org):
    context, prs, _ = built(ORGS[org])
    slides = [s for s in prs.slides if title_of(s) == context["labels"]["channels"]]
    assert slides, "no slide titled with the channels' section title"
    text = squeeze(" ".join(slide_text(s) for s in slides))
    for channel in context["manual"]["channels"]:
        for deadline in channel["deadline_list"]:
            assert squeeze(f"{deadline['name']} · {deadline['within_text']}") in text


@pytest.mark.parametrize("org", list(ORGS))
def test_deadlines_are_grouped_by_kind(org):
    context, prs, _ = built(ORGS[org])
    rows = table_rows(prs, context["labels"]["deadlines"])
    expected = []
    for group in context["deadline_groups"]:
        for i, d in enumerate(group["deadlines"]):
            expected.append([group["title"] if i == 0 else "", d["name"], d["within_text"]])
    assert [row[:3] for row in rows] == expected
    applies = {d["name"]: d["applies_to"] for d in context["manual"]["deadlines"]}
    assert all(row[3] == applies[row[1]] for row in rows if applies[row[1]])


def test_signatures_say_what_each_signer_did():
    context, prs, _ = built(ORGS["hospital"])
    rows = table_rows(prs, context["labels"]["approvals"])
    approvals = context["manual"]["approvals"]
    assert [r[:3] for r in rows] == [
        [a["action_label"], a["role"], a["name"] or ""] for a in approvals
    ]
    assert [r[4] for r in rows] == [a["meaning_text"] for a in approvals]
    assert [r[3] for r in rows] == ["", "", ""]  # no invented dates


# --- the agenda is what the deck holds, in its order -----------------------------------------


@pytest.mark.parametrize("org", [*ORGS, "sample"])
def test_agenda_lists_the_parts_in_the_decks_order(org):
    context, prs, _ = built(ORGS.get(org, SAMPLE))
    left_out = context["omitted"].get("pptx", [])
    sections = [s for s in context["sections"] if s["id"] not in left_out]
    expected = [s["title"] for s in sections if s["id"] not in CLOSING] + [
        s["title"] for s in sections if s["id"] in CLOSING
    ]
    assert agenda_of(prs) == expected
    # each part opens with a slide titled as the agenda says, in the agenda's order
    titles = [title_of(s) for s in prs.slides][2:]
    at = 0
    for entry in expected:
        assert entry in titles[at:], f"no slide titled {entry!r} after slide {at + 3}"
        at = titles.index(entry, at) + 1


def test_the_hospitals_order_is_its_own():
    context, prs, _ = built(ORGS["hospital"])
    order = ["purpose", "roles", "channels", "deadlines", "claim_steps", "compensation"]
    titles = {s["id"]: s["title"] for s in context["sections"]}
    assert agenda_of(prs)[: len(order)] == [titles[i] for i in order]
    assert agenda_of(prs)[4] == "민원 처리 5단계"


def test_a_section_the_manual_lacks_has_no_slide():
    """The hospital has no principles, policies or glossary: no slide falls back to
    another section's content under their titles (or "목적과 원칙")."""
    context, prs, _ = built(ORGS["hospital"])
    sample, _, _ = built(SAMPLE)
    absent = [s["title"] for s in sample["sections"] if not context["manual"].get(s["id"])]
    absent = [t for t in absent if t not in {s["title"] for s in context["sections"]}]
    assert "서비스 원칙" in absent
    titles = [title_of(s) for s in prs.slides]
    for title in [*absent, "목적과 원칙"]:
        assert not any(title in t for t in titles), title


# --- no word of the sample --------------------------------------------------------------------


@pytest.mark.parametrize("org", list(ORGS))
def test_no_word_of_the_samples_structure(org):
    _, prs, _ = built(ORGS[org])
    text = deck_text(prs)
    for word in SAMPLE_WORDS:
        assert word not in text.lower(), word
    if org == "hospital":
        assert "클레임" not in text


def test_no_pptx_label_names_a_count_step_or_status_of_the_sample():
    theme = Theme.locate()
    sample, _, _ = built(SAMPLE)
    names = [s["name"] for s in sample["manual"]["claim_steps"]]
    names += [s["name"] for s in sample["manual"]["follow_up"]["statuses"]]
    for lang in ("ko", "en"):
        labels = {k: v for k, v in theme.labels(lang).items() if k.startswith("pptx_")}
        for key, text in labels.items():
            assert not any(w in text.lower() for w in SAMPLE_WORDS), key
            assert not re.search(r"\d", text.replace("{n}", "")), key
            assert not any(n in text for n in names), (key, text)
    en = theme.labels("en")
    assert "received" not in en["pptx_note_follow_up"] and "{statuses}" in en["pptx_note_follow_up"]


def test_trainer_notes_name_the_manuals_own_statuses():
    context, prs, _ = built(ORGS["saas"])
    notes = [notes_text(s) for s in prs.slides if title_of(s) == context["labels"]["follow_up"]]
    assert notes and "Open → Pending → Solved" in notes[0]


# --- what the theme leaves out, and nothing else -------------------------------------------------


def test_the_deck_leaves_out_exactly_what_the_theme_declares(tmp_path):
    context, prs, _ = built(SAMPLE)
    assert context["omitted"]["pptx"] == ["glossary"]  # templates/theme.yaml
    text = squeeze(deck_text(prs))
    glossary = context["manual"]["glossary"]
    assert not any(squeeze(t["definition"]) in text for t in glossary)
    assert context["labels"]["glossary"] not in agenda_of(prs)
    # an override theme puts the glossary back: the plan has a slide for it
    (tmp_path / "theme.yaml").write_text("omit:\n  pptx: []\n", encoding="utf-8")
    context, prs, _ = built(SAMPLE, tmp_path)
    assert context["omitted"].get("pptx", []) == []
    assert agenda_of(prs)[-3] == context["labels"]["glossary"]
    text = squeeze(deck_text(prs, notes=False))
    assert all(squeeze(t["term"]) in text and squeeze(t["definition"]) in text for t in glossary)


# --- a short process ------------------------------------------------------------------------------


def test_a_short_process_is_shown_with_its_summaries_in_the_middle_of_the_slide():
    context, prs, _ = built(ORGS["saas"])
    steps = context["manual"]["claim_steps"]
    [slide] = [s for s in prs.slides if title_of(s) == context["labels"]["claim_steps"]]
    shapes = {sh.name: sh for sh in slide.shapes}
    chevrons = [shapes[f"step {i + 1}"] for i in range(len(steps))]
    assert chevrons[0].auto_shape_type == MSO_SHAPE.PENTAGON
    assert all(c.auto_shape_type == MSO_SHAPE.CHEVRON for c in chevrons[1:])
    texts = [shapes[f"step {i + 1} text"].text_frame.text for i in range(len(steps))]
    for step, text in zip(steps, texts, strict=True):
        assert text.startswith(step["summary"]) and step["owner_name"] in text
    # the row and its texts sit in the middle of the slide, not at the top of an empty one
    top = chevrons[0].top
    bottom = max(shapes[f"step {i + 1} text"].top for i in range(len(steps)))
    middle = prs.slide_height // 2
    assert top > prs.slide_height * 0.3 and bottom < prs.slide_height * 0.8
    assert abs((top + bottom) // 2 - middle) < prs.slide_height * 0.15
    # four steps say all they have on the overview: no slide of one sentence per step
    assert not any(title_of(s).startswith("Step ") for s in prs.slides)


def test_steps_with_guidance_keep_a_slide_each():
    context, prs, _ = built(SAMPLE)
    titles = [title_of(s) for s in prs.slides]
    for step in context["manual"]["claim_steps"]:
        assert any(step["name"] in t and str(step["number"]) in t for t in titles)


# --- English first-class --------------------------------------------------------------------


def runs_faces(prs) -> set[tuple[str | None, str | None, str | None]]:
    faces = set()
    for slide in prs.slides:
        trees = [slide.shapes._spTree]
        if slide.has_notes_slide:
            trees.append(slide.notes_slide.shapes._spTree)
        for tree in trees:
            for rpr in tree.iter(qn("a:rPr")):
                latin, ea = rpr.find(qn("a:latin")), rpr.find(qn("a:ea"))
                faces.add(
                    (
                        rpr.get("lang"),
                        None if latin is None else latin.get("typeface"),
                        None if ea is None else ea.get("typeface"),
                    )
                )
    return faces


def test_english_runs_are_set_in_the_latin_face_with_the_korean_one_beside():
    _, prs, _ = built(ORGS["saas"])
    assert runs_faces(prs) == {("en-US", "Noto Sans", "NanumGothic")}
    _, prs, _ = built(ORGS["hospital"])
    assert runs_faces(prs) == {("ko-KR", "NanumGothic", "NanumGothic")}


def test_latin_text_is_measured_with_the_latin_fonts_advances():
    from csmanual.render.pptx.measure import FontBook, Measure

    book = FontBook(Theme.locate())
    paired = Measure(book, {"NanumGothic": "Noto Sans"}).font("NanumGothic", False)
    noto, nanum = book.font("Noto Sans"), book.font("NanumGothic")
    assert noto.path.name == "NotoSans-Regular.ttf"
    assert paired.width("Support") == pytest.approx(noto.width("Support"))
    assert paired.width("Support") != pytest.approx(nanum.width("Support"))
    assert paired.width("민원") == pytest.approx(nanum.width("민원"))
    assert paired.width("P1 민원") == pytest.approx(noto.width("P1 ") + nanum.width("민원"))
    assert book.missing == []


def test_a_group_of_rows_running_onto_the_next_slide_is_named_again():
    from csmanual.render.pptx.plan import Table, layout_slides, parse_plan

    plan = parse_plan(
        {
            "slides": [
                {
                    "layout": "content",
                    "title": "Deadlines",
                    "body": {
                        "table": {
                            "columns": ["Kind", "Deadline"],
                            "rows": [["Replies", "a"], ["", "b"], ["", "c"], ["Limits", "d"]],
                            "group": 0,
                        }
                    },
                }
            ]
        }
    )

    class TwoRows:
        def fits_text(self, layout, name, text, scale=1.0):
            return True

        def fits_rows(self, layout, name, table):
            return len(table.rows) <= 2

    pages = layout_slides(plan, TwoRows(), lambda t: f"{t} (continued)")
    tables = [slide.fills["body"] for slide, _ in pages]
    assert all(isinstance(t, Table) for t in tables)
    assert [t.rows for t in tables] == [
        (("Replies", "a"), ("", "b")),
        (("Replies", "c"), ("Limits", "d")),
    ]


# --- behaviour types say when to escalate on the slide ------------------------------------------

FERRIES = ROOT / "tests" / "fixtures" / "typography" / "ferries.en.yaml"


@pytest.mark.parametrize(
    "source", [FERRIES, ORGS["saas"], SAMPLE], ids=["ferries", "saas", "sample"]
)
def test_a_behaviour_types_slide_says_when_to_escalate(source):
    """On the slide, as the claim steps' slides say it, not only in the trainer's notes."""
    context, prs, _ = built(source)
    labels = context["labels"]
    said = 0
    for kind in context["manual"]["behaviour_types"]:
        continued = labels["pptx_continued"].replace("{title}", kind["name"])
        text = "".join(  # its card, and the "(continued)" slides of a long list
            squeeze(slide_text(s)) for s in prs.slides if title_of(s) in (kind["name"], continued)
        )
        if kind.get("escalate_when"):
            assert squeeze(f"{labels['escalate_when']}: {kind['escalate_when']}") in text
            said += 1
        if kind.get("escalate_to_name"):
            assert squeeze(kind["escalate_to_name"]) in text
    assert said or source == ORGS["saas"]


# --- a list and its "(continued)" slides are set in one size -------------------------------------


def list_sizes(prs, slide, styles) -> set[float]:
    """The sizes (pt) of the first-level paragraphs of a slide's texts, titles left out:
    a run's own size, else its placeholder's, as the master gives it."""
    layout = slide.slide_layout.name
    sizes = set()
    for shape in slide.placeholders:
        box = styles[layout].box(layout, shape.name)
        if shape.name in ("footer", "slide number"):
            continue
        if box is None or box.kind == "title" or not shape.has_text_frame:
            continue
        for paragraph in shape.text_frame.paragraphs:
            if paragraph.level or not paragraph.runs:
                continue
            size = paragraph.runs[0].font.size
            sizes.add(round(size.pt, 1) if size is not None else box.levels[0].size)
    return sizes


@pytest.mark.parametrize("org", [*ORGS, "sample"])
def test_a_list_and_its_continued_slides_share_one_size(org):
    from csmanual.render.pptx.master import master_styles, open_master

    context, prs, _ = built(ORGS.get(org, SAMPLE))
    styles = master_styles(open_master(Theme.locate()))
    continued = context["labels"]["pptx_continued"]
    slides = list(prs.slides)
    runs = 0
    for index, slide in enumerate(slides):
        title = title_of(slide)
        if title.endswith(continued.replace("{title}", "")) or not title:
            continue
        group = [slide]
        for later in slides[index + 1 :]:
            if title_of(later) != continued.replace("{title}", title):
                break
            group.append(later)
        if len(group) > 1:
            runs += 1
            sizes = set().union(*(list_sizes(prs, s, styles) for s in group))
            assert len(sizes) == 1, (title, sizes)
    assert runs  # each of these decks has a list that runs on


def test_the_deck_names_its_notes_master_beside_its_slides():
    """The presentation relates its notes master (the first slide's relationship took its
    rId: python-pptx then made a new notes master when the deck was opened)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    _, prs, _ = built(ORGS["saas"])
    rels = prs.part.rels
    assert len({rel.rId for rel in rels.values()}) == len(rels)
    notes_master = prs.part.part_related_by(RT.NOTES_MASTER)
    first_notes = next(s for s in prs.slides if s.has_notes_slide).notes_slide
    assert first_notes.part.part_related_by(RT.NOTES_MASTER) is notes_master
    assert sum(rel.reltype == RT.SLIDE for rel in rels.values()) == len(prs.slides)
    listed = prs.part._element.find(qn("p:notesMasterIdLst"))  # as PowerPoint writes it
    assert [e.get(qn("r:id")) for e in listed] == [
        rel.rId for rel in rels.values() if rel.reltype == RT.NOTES_MASTER
    ]
    assert listed.getprevious().tag == qn("p:sldMasterIdLst")
