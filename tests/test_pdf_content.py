"""The PDF manual of any organisation: every item in its own words, its own titles and
counts in the contents, headings, running header and bookmarks, its own order of the
sections, its own sections, deadlines by kind, signature rows by action, and English set
in the bundled Latin font. Read back with poppler (pdftotext, pdffonts)."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from csmanual import render
from csmanual.project import Project, project_root
from csmanual.render.pdf import PdfRenderer
from csmanual.render.pdf.fetch import ConfinedFetcher
from csmanual.render.pdf.glyphs import font_coverage, theme_fonts
from csmanual.theme import Theme
from manual_items import reader_names

ROOT = Path(__file__).parents[1]
ORGS = Path(__file__).parent / "fixtures" / "orgs"
HOSPITAL = ORGS / "hospital.ko.yaml"
SAAS = ORGS / "saas.en.yaml"
SAMPLE_WORDS = ("7단계", "일곱", "13가지", "seven", "thirteen")
STEPS_TITLE = {HOSPITAL: "민원 처리 5단계", SAAS: "Escalation process"}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in ("pdftotext", "pdffonts")),
        reason="poppler-utils (pdftotext, pdffonts) not installed",
    ),
]


def theme_of(source: Path) -> Theme:
    return Theme.locate(None, project_root(source) / "templates")


@cache
def context(source: Path) -> dict:
    project = Project(source, theme_of(source))
    assert project.validation.ok, [str(d) for d in project.validation.diagnostics]
    return project.context


@cache
def pdf(source: Path, tmp: Path) -> Path:
    path = tmp / f"{source.stem}.pdf"
    path.write_bytes(render.get("pdf").render(context(source), theme_of(source)))
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("orgs")
    return lambda source: pdf(source, tmp)


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def pages(path: Path) -> list[str]:
    return run("pdftotext", "-raw", path, "-").split("\f")[:-1]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def names(source: Path) -> list[str]:
    return reader_names(context(source))


@pytest.mark.parametrize("source", [HOSPITAL, SAAS], ids=["hospital", "saas"])
def test_every_item_is_in_the_pdf_in_the_manuals_words(built, source):
    text = "".join(pages(built(source)))
    missing = [n for n in names(source) if squeeze(str(n)) not in squeeze(text)]
    assert missing == []
    for word in SAMPLE_WORDS:
        assert word not in text.lower(), word
    if source == HOSPITAL:
        assert "클레임" not in text
    else:
        assert "claim" not in text.lower()


def running_headers(path: Path, title: str) -> list[str]:
    """The section named in each page's running header (after the document's title)."""
    found = []
    for text in pages(path)[1:]:
        header = text.strip().splitlines()[-2]
        assert header.startswith(title), header
        found.append(header[len(title) :].strip())
    return found


@pytest.mark.parametrize("source", [HOSPITAL, SAAS], ids=["hospital", "saas"])
def test_contents_headings_and_running_headers_use_the_manuals_titles(built, source, tmp_path):
    """With each section on a page of its own (a theme's print.css), every page's running
    header names its section by the manual's title, in the manual's order."""
    c = context(source)
    body = [s["title"] for s in c["sections"] if s["id"] not in ("approvals", "revisions")]
    theme = tmp_path / "theme"
    (theme / "pdf").mkdir(parents=True)
    (theme / "pdf" / "print.css").write_text(
        '@import "../!default/pdf/print.css";\nsection.section { break-before: page; }\n',
        encoding="utf-8",
    )
    located = Theme.locate(theme)
    path = tmp_path / "paged.pdf"
    path.write_bytes(render.get("pdf").render(Project(source, located).context, located))
    headers = running_headers(path, c["manual"]["meta"]["title"])
    front = [c["labels"]["approvals"], c["labels"]["contents"]]
    assert list(dict.fromkeys(headers)) == [*front, *body]
    texts = pages(path)
    contents = texts[headers.index(c["labels"]["contents"]) + 1]
    assert STEPS_TITLE[source] in " ".join(contents.split())
    first = texts[headers.index(STEPS_TITLE[source]) + 1]
    assert first.startswith(STEPS_TITLE[source])  # the heading


def bookmarks(source: Path) -> list:
    theme = theme_of(source)
    renderer = PdfRenderer()
    html = renderer.html(context(source), theme, font_coverage(theme_fonts(theme)))
    return renderer.layout(html, ConfinedFetcher(theme)).make_bookmark_tree()


@pytest.mark.parametrize("source", [HOSPITAL, SAAS], ids=["hospital", "saas"])
def test_bookmarks_and_contents_follow_the_manuals_order(built, source):
    c = context(source)
    body = [s["title"] for s in c["sections"] if s["id"] not in ("approvals", "revisions")]
    tree = bookmarks(source)
    top = [entry[0] for entry in tree]
    assert top == [
        c["labels"]["approvals"],
        c["labels"]["revisions"],
        c["labels"]["contents"],
        *body,
    ]
    steps = next(entry for entry in tree if entry[0] == STEPS_TITLE[source])
    last = c["manual"]["claim_steps"][-1]
    assert steps[2][-1][0].endswith(last["name"]) and str(last["number"]) in steps[2][-1][0]
    # the text follows the same order: each title's first place after the contents page
    text = squeeze("".join(pages(built(source))[3:]))
    places = [text.find(squeeze(t)) for t in body]
    assert -1 not in places and places == sorted(places)
    if source == HOSPITAL:  # settings.order puts the compensation rules after the steps
        assert body.index("보상 기준") == body.index("민원 처리 5단계") + 1


def test_deadlines_by_kind_and_channels_with_all_their_deadlines(built):
    text = " ".join("".join(pages(built(HOSPITAL))).split())
    for title in ("응답 기한", "결과 회신 기한", "기간 제한"):
        assert title in text
    assert "대면 민원 응대 즉시" in text
    assert "48시간 서면 민원 1차 회신 7일 서면 민원 결과 회신" in text  # the written channel
    english = " ".join("".join(pages(built(SAAS))).split())
    assert "every 30 minutes" in english and "4 business hours" in english
    assert english.index("Time limits") < english.index("Refund window")


def test_signature_rows_by_action_with_lines_to_sign(built):
    front = " ".join(pages(built(HOSPITAL))[1].split())
    assert "작성 원무팀장 서지원 이 판의 내용을 작성했습니다." in front
    assert "검토 QI실장 이 판의 내용을 검토했습니다." in front  # no name, no date yet
    assert "승인했음을" not in front
    english = " ".join(pages(built(SAAS))[1].split())
    assert "Reviewed by" in english and "Approved by: Reviewed" not in english
    cover = " ".join(pages(built(HOSPITAL))[0].split())
    assert "작성자 원무팀장 서지원" in cover


def test_an_english_manual_is_set_in_the_latin_font_and_a_korean_one_in_nanum(built):
    fonts = run("pdffonts", built(SAAS)).splitlines()[2:]
    names_ = [line.split()[0].split("+")[-1] for line in fonts]
    assert "CS-Noto-Sans" in names_ and "CS-Noto-Sans-Bold" in names_
    assert all(line.split()[-5] == "yes" for line in fonts)  # embedded
    korean = [
        line.split()[0].split("+")[-1] for line in run("pdffonts", built(HOSPITAL)).splitlines()[2:]
    ]
    assert korean and all(name.startswith("CS-NanumGothic") for name in korean)


def test_a_theme_overrides_a_section_block_in_the_manuals_place(tmp_path):
    """The PDF's section blocks sit in a loop over `sections`: an override replaces its
    block once, where the manual's order puts it; the scoped custom block sees `s`."""
    theme = tmp_path / "theme"
    (theme / "pdf").mkdir(parents=True)
    (theme / "pdf" / "manual.html.j2").write_text(
        '{% extends "!default/pdf/manual.html.j2" %}\n'
        '{% block claim_steps %}<section class="section" id="sec-claim_steps">'
        "<h1>{{ labels.claim_steps }}</h1><p>THEMED STEPS "
        "{{ manual.claim_steps | map(attribute='name') | join(' / ') }}</p></section>"
        "{% endblock %}\n"
        "{% block custom_section %}<p>THEMED CUSTOM {{ s.id }}</p>{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    located = Theme.locate(theme)
    path = tmp_path / "themed.pdf"
    path.write_bytes(render.get("pdf").render(Project(HOSPITAL, located).context, located))
    text = " ".join("".join(pages(path)[3:]).split())
    assert text.count("THEMED STEPS") == 1
    assert "THEMED STEPS 경청 / 기록 / 사실 확인 / 회신 / 재발 방지" in text
    assert text.index("THEMED STEPS") < text.index("THEMED CUSTOM compensation")
    assert text.index("THEMED CUSTOM compensation") < text.index("주차권 제공")
    assert text.index("주차권 제공") < text.index("THEMED CUSTOM staff-protection")


def test_a_card_s_escalation_reads_with_a_colon_as_the_steps_do(tmp_path):
    """'When to escalate: …' on the desk cards and type cards, as the claim steps print it
    (the cards printed 'When to escalate The customer…')."""
    sample = Path(__file__).parents[1] / "source" / "manual.yaml"
    project = Project(sample)
    cards = tmp_path / "cards.pdf"
    cards.write_bytes(project.render("card").data)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(cards), "-"], capture_output=True, text=True
        ).stdout.split()
    )
    label = project.context["labels"]["escalate_when"]
    assert f"{label}: " in text and f"{label} " not in text.replace(f"{label}: ", "")


def glossary_manual(folder: Path, terms: int) -> Path:
    """A manual of a glossary only, `terms` rows long, to move a table's end over a page."""
    rows = "".join(
        f"  - {{id: term-{i}, term: Gloss{i:03d}, definition: 'A definition of the term "
        f"number {i}, long enough to take a line of its own.'}}\n"
        for i in range(terms)
    )
    path = folder / f"glossary-{terms}.yaml"
    path.write_text(
        "meta: {title: Glossary, organization: Test desk, document_id: G-1, version: '1.0',\n"
        "       effective_date: 2027-01-01, owner: Desk, language: en}\n"
        "settings: {required_sections: [glossary]}\n"
        "glossary:\n" + rows,
        encoding="utf-8",
    )
    return path


def glossary_rows_per_page(source: Path, theme: Theme) -> list[int]:
    """How many glossary rows each page that has any holds, in page order."""
    path = source.with_suffix(".pdf")
    path.write_bytes(render.get("pdf").render(Project(source, theme).context, theme))
    counts = [len(re.findall(r"Gloss\d{3}", text)) for text in pages(path)]
    return [n for n in counts if n]


def test_a_table_never_ends_with_one_row_on_a_page_of_its_own(tmp_path):
    """The last page of a table that crosses pages holds at least two rows (not a repeated
    header and one row), and its first page at least two under the header. The theme that
    undoes the rule finds the length that ends badly; the default theme lays it out well."""
    undone = tmp_path / "undone"
    (undone / "pdf").mkdir(parents=True)
    (undone / "pdf" / "print.css").write_text(
        '@import "../!default/pdf/print.css";\n'
        "tbody tr { break-after: auto !important; break-before: auto !important; }\n",
        encoding="utf-8",
    )
    plain, default = Theme.locate(undone), Theme.locate(None)
    for terms in range(24, 64):
        source = glossary_manual(tmp_path, terms)
        counts = glossary_rows_per_page(source, plain)
        if len(counts) > 1 and counts[-1] == 1:
            break
    else:
        pytest.fail("no glossary length ends with a single row on a page: the test moves nothing")
    fixed = glossary_rows_per_page(source, default)
    assert len(fixed) > 1 and fixed[-1] >= 2 and fixed[0] >= 2, fixed
    assert sum(fixed) == terms


def body_size_per_page(data: bytes, tmp: Path) -> list[float]:
    """The most common word height on each page: the size of its body text."""
    from collections import Counter

    path = tmp / "cards.pdf"
    path.write_bytes(data)
    xml = run("pdftotext", "-bbox", path, "-")
    sizes = []
    for page in xml.split("<page ")[1:]:
        heights = [
            round(float(y1) - float(y0), 1)
            for y0, y1 in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page)
        ]
        sizes.append(Counter(heights).most_common(1)[0][0])
    return sizes


def test_the_cards_of_one_set_share_one_size(tmp_path):
    """One card too long for its page makes the whole set denser, not that card alone."""
    ferries = Path(__file__).parent / "fixtures" / "typography" / "ferries.en.yaml"
    long_type = (
        "  - id: long-story\n    name: Customer with a long story\n    traits:\n"
        + "".join(
            f"      - A trait of this customer, number {i}, told at length.\n" for i in range(11)
        )
        + "    do:\n"
        + "".join(f"      - Something to do for this customer, number {i}.\n" for i in range(11))
        + "    dont_say: [Please be brief.]\n"
    )
    text = ferries.read_text(encoding="utf-8")
    text = text.replace("\ninitial_response:", long_type + "\ninitial_response:", 1)
    source = tmp_path / "long.yaml"
    source.write_text(text, encoding="utf-8")
    project = Project(source)
    assert project.validation.ok, [str(d) for d in project.validation.diagnostics]
    rendered = project.render("card")
    sizes = body_size_per_page(rendered.data, tmp_path)
    assert len(sizes) == len(project.context["manual"]["behaviour_types"])  # a page a card
    assert len(set(sizes)) == 1, sizes
    usual = body_size_per_page(Project(ferries).render("card").data, tmp_path)
    assert sizes[0] < usual[0]  # denser than a set that fits its pages as it is
