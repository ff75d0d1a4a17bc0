"""The document plan the DOCX and HWPX editions share (office/document.yaml.j2): rendered
from every manual, read back safely, checked, and its change marks made from `changes`."""

from __future__ import annotations

from pathlib import Path

import pytest

from csmanual.project import Project
from csmanual.render.office.filters import redline
from csmanual.render.office.plan import (
    Caution,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Signature,
    Table,
    Toc,
    parse_plan,
    plain,
    render_plan,
    styles_needed,
    texts,
    whole_change,
)
from csmanual.theme import ThemeError
from manual_items import named_items
from versions import earlier_sample

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "source" / "manual.yaml"
SOURCES = [
    SAMPLE,
    ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml",
    *sorted((ROOT / "tests" / "fixtures" / "orgs").glob("*.yaml")),
]


def plan_of(source: Path, changes_since: str | None = None):
    project = Project(source, changes_since=changes_since)
    return project.context, render_plan(project.context, project.theme)


def squeeze(text: str) -> str:
    return "".join(text.split())


FRONT = ("approvals", "revisions")  # document control opens the edition, as in the PDF


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_item_is_in_the_plan_in_order(source):
    context, document = plan_of(source)
    text = squeeze(" ".join(plain(t) for t in texts(document)))
    sections = sorted(
        (s for s in context["sections"] if s["id"] in FRONT), key=lambda s: FRONT.index(s["id"])
    )
    sections += [s for s in context["sections"] if s["id"] not in FRONT]
    items = named_items(context)
    position = 0
    for section in sections:
        position = text.find(squeeze(section["title"]), position)
        assert position >= 0, f"{source.stem}: the title of {section['id']}"
        for words in (w for s, w in items if s == section["id"]):
            position = text.find(squeeze(words), position)
            assert position >= 0, f"{source.stem}: {section['id']}: {words} (or out of order)"
    headings = [plain(b.text) for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == [s["title"] for s in sections]


def test_the_sample_plan_has_cover_signatures_history_contents_and_tables():
    context, document = plan_of(SAMPLE)
    kinds = [type(b) for b in document.blocks]
    assert kinds[:2] == [Paragraph, Paragraph] and document.blocks[1].style == "Title"
    assert {Signature, Table, Toc, PageBreak, Caution, ListBlock} <= set(kinds)
    meta = context["manual"]["meta"]
    assert document.properties.title == meta["title"]
    assert document.properties.language == "ko-KR"
    assert document.properties.keywords == tuple(meta["keywords"])
    assert "{page}" in document.footer and "{pages}" in document.footer
    assert meta["document_id"] in document.footer and meta["version"] in document.footer
    signature = next(b for b in document.blocks if isinstance(b, Signature))
    assert len(signature.rows) == len(context["manual"]["approvals"])
    assert all(not row[-1].text for row in signature.rows)  # the line to sign
    toc = next(b for b in document.blocks if isinstance(b, Toc))
    entries = [e.text for e in toc.entries]
    assert [e.text for e in toc.entries if e.level == 1] == [
        s["title"] for s in context["sections"] if s["id"] not in ("approvals", "revisions")
    ]
    assert context["manual"]["claim_steps"][0]["name"] in " ".join(entries)
    assert not document.has_changes()


def test_styles_needed_names_every_style_the_plan_uses():
    _, document = plan_of(SAMPLE)
    needed = styles_needed(document)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Body Text", "List Bullet"):
        assert needed[name] == "paragraph"
    assert needed["Manual Table"] == needed["Signature Table"] == "table"
    assert {"Caution", "TOC 1", "TOC 2", "Header", "Footer", "Table Text"} <= set(needed)


def test_redline_deletes_and_inserts_word_by_word():
    runs = redline("목소리가 커지고 감정이 앞섭니다.", "목소리가 커집니다.")
    assert [r.get("change") for r in runs] == [None, "deleted", "inserted"]
    assert "".join(r["text"] for r in runs if r.get("change") != "deleted") == (
        "목소리가 커지고 감정이 앞섭니다."
    )
    assert "".join(r["text"] for r in runs if r.get("change") != "inserted") == "목소리가 커집니다."
    assert redline("same", "same") == "same"


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The sample against an earlier version: a text edited, a FAQ new, a FAQ and a term gone."""
    author = ("    author: 박지원\n", "    author: 박지원 (고객지원팀)\n")
    path = earlier_sample(tmp_path_factory.mktemp("earlier"), author)
    return plan_of(SAMPLE, str(path))


def test_changes_since_make_inserted_and_deleted_runs(changed):
    context, document = changed
    assert document.has_changes()
    marked = [t for t in texts(document) if any(r.change for r in t)]
    edited = next(t for t in marked if "주변에도" in plain(t))
    assert [r.text.strip() for r in edited if r.change == "inserted"] == ["감정이 앞서"]
    new_faq = next(
        b for b in document.blocks if isinstance(b, Heading) and b.anchor == "faqs-why-manual"
    )
    assert whole_change(new_faq.text) == "inserted"
    gone = [
        b for b in document.blocks if isinstance(b, Heading) and whole_change(b.text) == "deleted"
    ]
    assert [plain(b.text) for b in gone] == [""] and gone[0].text[0].text == "없어진 질문"
    glossary = [b for b in document.blocks if isinstance(b, Table)][-1]
    assert whole_change(glossary.rows[-1][0].text) == "deleted"  # the term, a deleted row
    assert glossary.rows[-1][0].text[0].text == "옛 용어"
    assert "v" not in document.revision.date and document.revision.author
    history = next(b for b in document.blocks if isinstance(b, Table) and len(b.columns) == 4)
    author = history.rows[0][2].text  # the first revision's author, redlined
    assert [(r.text.strip(), r.change) for r in author] == [
        ("박지원", None),
        ("(고객지원팀)", "deleted"),
    ]
    caution = next(b for b in document.blocks if isinstance(b, Caution))
    assert context["changes"]["since"] in plain(caution.text)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"blocks": "no"}, "`blocks:` list"),
        ({"blocks": [{"kind": "picture"}]}, "block 1 (picture)"),
        ({"blocks": [{"kind": "heading", "level": 7, "text": "x"}]}, "level"),
        ({"blocks": [{"kind": "heading", "text": "x", "anchor": "1 bad"}]}, "anchor"),
        ({"blocks": [{"kind": "paragraph", "text": "x", "colour": "red"}]}, "colour"),
        ({"blocks": [{"kind": "table", "columns": ["a", "b"], "rows": [["1"]]}]}, "one cell"),
        ({"blocks": [{"kind": "list", "items": [[{"text": "x", "change": "moved"}]]}]}, "moved"),
        ({"blocks": [], "properties": {"created": "today"}}, "YYYY-MM-DD"),
        (
            {"blocks": [{"kind": "heading", "text": t, "anchor": "a"} for t in "xy"]},
            "anchor 'a'",
        ),
    ],
)
def test_a_plan_of_the_wrong_shape_is_a_theme_error(data, words):
    with pytest.raises(ThemeError) as raised:
        parse_plan(data)
    assert words in str(raised.value.diagnostics[0].message("en"))


def test_widths_are_fractions_and_empty_blocks_are_dropped():
    document = parse_plan(
        {
            "blocks": [
                {"kind": "table", "columns": ["a", "b"], "widths": [1, 3], "rows": [["x", "y"]]},
                {"kind": "paragraph", "text": ""},
                {"kind": "list", "items": []},
            ]
        }
    )
    assert len(document.blocks) == 1 and document.blocks[0].widths == (0.25, 0.75)
