"""The Hangul (HWPX) edition: written on the reference document, read back as readers do.

python-hwpx (a pure-Python OWPML library) validates the package and its XML against the
OWPML schema; rhwp (a Rust HWP/HWPX engine) parses it, extracts its text and lays out its
pages. rhwp's wheel bundles an old FreeType: it loads only with the system's
libfreetype.so.6 in LD_PRELOAD, so it runs in a child process, and its tests are skipped
with the reason where it cannot load.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from csmanual.diagnostics import DiagnosticError
from csmanual.project import Project
from csmanual.render.hwpx import HwpxRenderer
from csmanual.render.hwpx.archive import write_package
from csmanual.render.hwpx.owpml import HH, HP
from csmanual.render.hwpx.reference import HEADER, SECTION, read_reference
from manual_items import named_items

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "source" / "manual.yaml"
ORGS = sorted((ROOT / "tests" / "fixtures" / "orgs").glob("*.yaml"))
OTHERS = [  # the examples init writes and the deck's stress source
    ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml",
    ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml",
    ROOT / "tests" / "fixtures" / "pptx" / "stress.ko.yaml",
]
REFERENCE = ROOT / "templates" / "hwpx" / "reference.hwpx"
FREETYPE = next(
    (
        p
        for p in (
            "/usr/lib/x86_64-linux-gnu/libfreetype.so.6",
            "/usr/lib/aarch64-linux-gnu/libfreetype.so.6",
            "/usr/lib64/libfreetype.so.6",
        )
        if os.path.exists(p)
    ),
    None,
)
NS = {"hp": HP, "hh": HH}


def render(source: Path = SAMPLE, theme: Path | None = None, since: str | None = None):
    project = Project(source, theme, changes_since=since)
    assert project.validation.ok, project.validation.diagnostics
    renderer = HwpxRenderer()
    data = renderer.render(project.context, project.theme)
    return data, renderer.diagnostics, project.context


@cache
def sample() -> bytes:
    return render()[0]


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


# --- rhwp in a child process --------------------------------------------------------------

_READER = """
import json, sys
import rhwp
doc = rhwp.parse(sys.argv[1])
out = {"pages": doc.page_count, "text": doc.extract_text()}
if len(sys.argv) > 2:
    out["svg"] = [doc.render_svg(i) for i in range(doc.page_count)]
print(json.dumps(out))
"""


@cache
def _rhwp_loads() -> str | None:
    """None when rhwp loads here; else why not (the skip reason)."""
    if FREETYPE is None:
        return "rhwp needs the system's libfreetype.so.6 (apt-get install libfreetype6)"
    env = {**os.environ, "LD_PRELOAD": FREETYPE}
    done = subprocess.run(
        [sys.executable, "-c", "import rhwp"], env=env, capture_output=True, text=True
    )
    if done.returncode:
        return f"rhwp-python cannot load: {done.stderr.strip().splitlines()[-1:]}"
    return None


def read_with_rhwp(data: bytes, tmp_path: Path, svg: bool = False) -> dict:
    reason = _rhwp_loads()
    if reason:
        pytest.skip(reason)
    path = tmp_path / "manual.hwpx"
    path.write_bytes(data)
    env = {**os.environ, "LD_PRELOAD": FREETYPE}
    args = [sys.executable, "-c", _READER, str(path)] + (["svg"] if svg else [])
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def drawn_text(pages: list[str]) -> str:
    """The text of every `<text>` rhwp draws, page after page."""
    out = []
    for svg in pages:
        root = etree.fromstring(svg.encode())
        out += ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    return " ".join(out)


def squeeze(text: str) -> str:
    """`text` without whitespace (a line may wrap anywhere) and without the middle dot,
    which rhwp draws as a circle, not as a character."""
    return re.sub(r"[\s\u00b7]+", "", text)


# --- the package -----------------------------------------------------------------------------


def test_two_builds_are_byte_identical_and_mimetype_comes_first_stored():
    first, second = render()[0], render()[0]
    assert first == second
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert entries[0].filename == "mimetype"
    assert entries[0].compress_type == zipfile.ZIP_STORED
    assert zipfile.ZipFile(io.BytesIO(first)).read("mimetype") == b"application/hwp+zip"
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("case", ["sample", "changes", *(p.stem for p in ORGS)])
def test_python_hwpx_validates_the_package_and_its_xml(case, tmp_path):
    from hwpx.tools.package_validator import validate_package
    from hwpx.tools.validator import validate_document

    if case == "sample":
        data = sample()
    elif case == "changes":
        data = render(since=str(older_sample(tmp_path)))[0]
    else:
        data = render(next(p for p in ORGS if p.stem == case))[0]
    path = tmp_path / "manual.hwpx"
    path.write_bytes(data)
    package = validate_package(path)
    assert not [i for i in package.issues if i.level == "error"], package.issues
    document = validate_document(path)
    assert not document.issues, document.issues  # the OWPML schema: no error, no warning


def test_document_properties_come_from_the_source():
    content = part(sample(), "Contents/content.hpf")
    opf = "{http://www.idpf.org/2007/opf/}"
    meta = {m.get("name"): m.text for m in content.iter(f"{opf}meta")}
    assert content.find(f".//{opf}title").text == "고객응대 매뉴얼"
    assert content.find(f".//{opf}language").text == "ko"
    assert meta["CreatedDate"].endswith("T00:00:00Z") and meta["ModifiedDate"].startswith("20")
    assert "고객응대" in meta["keyword"]


def test_header_and_footer_carry_the_document_id_and_page_n_of_m():
    section = part(sample(), SECTION)
    footer = section.find(".//hp:footer", NS)
    header = section.find(".//hp:header", NS)
    assert "CS-MAN-001" in "".join(header.itertext())
    assert "CS-MAN-001" in "".join(footer.itertext())
    kinds = [n.get("numType") for n in footer.iterfind(".//hp:autoNum", NS)]
    assert kinds == ["PAGE", "TOTAL_PAGE"]


def test_headings_are_outline_levels_with_their_bookmarks():
    """Hangul's outline view lists exactly the plan's headings; each anchor is a bookmark."""
    from csmanual.render.office.plan import Heading, render_plan

    project = Project(SAMPLE)
    plan = render_plan(project.context, project.theme)
    headings = [b for b in plan.blocks if isinstance(b, Heading)]
    data = sample()
    header, section = part(data, HEADER), part(data, SECTION)
    outline = {
        p.get("id")
        for p in header.iterfind(".//hh:paraPr", NS)
        if p.find("hh:heading", NS).get("type") == "OUTLINE"
    }
    found = [p for p in section.iterfind("hp:p", NS) if p.get("paraPrIDRef") in outline]
    assert len(found) == len(headings) > 20
    marks = [m.get("name") for m in section.iterfind(".//hp:bookmark", NS)]
    assert marks == [h.anchor for h in headings if h.anchor]


def test_korean_breaks_between_words_in_every_paragraph_shape():
    header = part(sample(), HEADER)
    settings = header.iterfind(".//hh:paraPr/hh:breakSetting", NS)
    assert {s.get("breakNonLatinWord") for s in settings} == {"KEEP_WORD"}


def test_every_font_set_of_the_reference_is_the_bundled_korean_font():
    faces = {
        face.get("lang"): {f.get("face") for f in face}
        for face in part(sample(), HEADER).iterfind(".//hh:fontface", NS)
    }
    assert faces["HANGUL"] == faces["LATIN"] == {"나눔고딕"}


def test_the_reference_is_what_its_script_makes(tmp_path):
    sys.path.insert(0, str(ROOT / "tests" / "tools"))
    import hashlib

    from make_reference_hwpx import SKELETON_SHA256, make, skeleton_bytes

    if hashlib.sha256(skeleton_bytes()).hexdigest() != SKELETON_SHA256:
        pytest.skip("python-hwpx's blank document changed: run the script, review the reference")
    made = tmp_path / "reference.hwpx"
    make(made)
    assert made.read_bytes() == REFERENCE.read_bytes()


# --- the reference: a designer's, maybe hostile ----------------------------------------------


def reference_parts() -> dict[str, bytes]:
    package = zipfile.ZipFile(REFERENCE)
    return {name: package.read(name) for name in package.namelist()}


def theme_with(tmp_path: Path, parts: dict[str, bytes]) -> Path:
    folder = tmp_path / "theme"
    (folder / "hwpx").mkdir(parents=True)
    (folder / "hwpx" / "reference.hwpx").write_bytes(write_package(parts))
    return folder


def edited_header(edit) -> dict[str, bytes]:
    parts = reference_parts()
    head = etree.fromstring(parts[HEADER])
    edit(head)
    parts[HEADER] = etree.tostring(head, xml_declaration=True, encoding="UTF-8")
    return parts


def codes(error: DiagnosticError) -> list[str]:
    return [d.code for d in error.diagnostics]


def test_a_reference_that_is_no_zip_is_e727():
    with pytest.raises(DiagnosticError) as caught:
        read_reference(b"not a zip at all", "reference.hwpx")
    assert codes(caught.value) == ["E727"]


def test_a_zip_bomb_reference_is_refused_before_it_is_read():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("Contents/header.xml", b"\0" * (65 * 2**20))
    with pytest.raises(DiagnosticError) as caught:
        read_reference(out.getvalue(), "reference.hwpx")
    assert codes(caught.value) == ["E728"]
    assert caught.value.diagnostics[0].args["size"] == 65


def test_a_reference_with_scripts_is_refused():
    parts = {**reference_parts(), "Scripts/headerScripts": b"function OnDocument_New() {}"}
    with pytest.raises(DiagnosticError) as caught:
        read_reference(write_package(parts), "reference.hwpx")
    assert codes(caught.value) == ["E729"]
    assert caught.value.diagnostics[0].args["part"] == "Scripts/headerScripts"


@pytest.mark.parametrize(
    "item",
    [
        '<opf:item id="img" href="http://example.com/logo.png" media-type="image/png"/>',
        '<opf:item id="img" href="BinData/a.png" media-type="image/png" isEmbeded="0"/>',
        '<opf:item id="img" href="../../etc/passwd" media-type="image/png"/>',
    ],
)
def test_a_reference_linking_outside_is_refused(item):
    parts = reference_parts()
    parts["Contents/content.hpf"] = parts["Contents/content.hpf"].replace(
        b"</opf:manifest>", item.encode() + b"</opf:manifest>"
    )
    with pytest.raises(DiagnosticError) as caught:
        read_reference(write_package(parts), "reference.hwpx")
    assert codes(caught.value) == ["E730"]


def test_every_style_the_plan_needs_that_the_reference_lacks_is_named(tmp_path):
    def drop(head):
        styles = head.find(f"{{{HH}}}refList/{{{HH}}}styles")
        for style in list(styles):
            if style.get("engName") in ("Caution", "Heading 2"):
                styles.remove(style)

    theme = theme_with(tmp_path, edited_header(drop))
    with pytest.raises(DiagnosticError) as caught:
        render(theme=theme)
    found = {d.args["style"] for d in caught.value.diagnostics}
    assert codes(caught.value) == ["E731", "E731"] and found == {"Caution", "Heading 2"}
    message = caught.value.diagnostics[0].message("en")
    assert "Heading 2" in message or "Caution" in message


def test_check_theme_names_the_missing_style(tmp_path):
    from click.testing import CliRunner

    from csmanual.cli import main

    def drop(head):
        styles = head.find(f"{{{HH}}}refList/{{{HH}}}styles")
        styles.remove(next(s for s in styles if s.get("engName") == "Caution"))

    theme = theme_with(tmp_path, edited_header(drop))
    args = ["check-theme", str(SAMPLE), "--theme", str(theme), "--format", "hwpx"]
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "E731" in result.output and "'Caution'" in result.output


def test_a_reference_font_the_theme_lacks_is_w720(tmp_path):
    def serif(head):
        for font in head.iterfind(".//hh:fontface[@lang='HANGUL']/hh:font", NS):
            font.set("face", "함초롬바탕")

    _, warnings, _ = render(theme=theme_with(tmp_path, edited_header(serif)))
    assert [(w.code, w.args["face"]) for w in warnings] == [("W720", "함초롬바탕")]


def test_a_designers_reference_changes_the_output(tmp_path):
    """Another heading colour and font in the reference: the manual uses them."""

    def restyle(head):
        styles = head.find(f"{{{HH}}}refList/{{{HH}}}styles")
        heading = next(s for s in styles if s.get("engName") == "Heading 1")
        shape = head.find(f".//hh:charPr[@id='{heading.get('charPrIDRef')}']", NS)
        shape.set("textColor", "#AA0000")
        for face in head.iterfind(".//hh:fontface/hh:font", NS):
            face.set("face", "NanumGothic")

    data, _, _ = render(theme=theme_with(tmp_path, edited_header(restyle)))
    assert data != sample()
    header = part(data, HEADER)
    assert header.find(".//hh:charPr[@textColor='#AA0000']", NS) is not None
    assert {f.get("face") for f in header.iterfind(".//hh:font", NS)} == {"NanumGothic"}


# --- tracked changes ------------------------------------------------------------------------


def older_sample(tmp_path: Path) -> Path:
    """The sample as it was before two edits: a word added to a summary, a guidance line
    rewritten."""
    text = SAMPLE.read_text("utf-8")
    older = text.replace("summary: 먼저 정중히 사과합니다.", "summary: 먼저 사과합니다.", 1)
    older = older.replace("- 들은 내용은 그대로 기록합니다.", "- 고객의 요구를 메모합니다.", 1)
    assert older.count("\n") == text.count("\n") and older != text
    path = tmp_path / "older.yaml"
    path.write_text(older, "utf-8")
    return path


def test_changes_since_are_revisions_hangul_shows_by_the_manuals_author(tmp_path):
    from hwpx import HwpxDocument

    data, _, context = render(since=str(older_sample(tmp_path)))
    path = tmp_path / "manual.hwpx"
    path.write_bytes(data)
    tracking = HwpxDocument.open(path).tracking
    kinds = sorted(change.change_type for change in tracking.changes.values())
    assert kinds.count("Insert") >= 2 and "Delete" in kinds
    latest = context["manual"]["revisions"][-1]
    assert [a.name for a in tracking.authors.values()] == [latest["author"]]
    assert {c.date for c in tracking.changes.values()} == {latest["date"] + "T00:00:00Z"}
    section = part(data, SECTION)
    inserted = [mark.tail or "" for mark in section.iterfind(".//hp:insertBegin", NS)]
    assert "정중히 " in inserted
    deleted = [mark.tail or "" for mark in section.iterfind(".//hp:deleteBegin", NS)]
    assert "메모합니다." in deleted
    # every mark points at a change the header lists, begin and end alike
    ids = {m.get("Id") for m in section.iter(f"{{{HP}}}insertBegin", f"{{{HP}}}deleteBegin")}
    ends = {m.get("Id") for m in section.iter(f"{{{HP}}}insertEnd", f"{{{HP}}}deleteEnd")}
    assert ids == ends == set(tracking.changes)
    header = part(data, HEADER)
    assert int(header.find("hh:trackchageConfig", NS).get("flags")) & 1  # tracking is on


def test_without_changes_since_there_are_no_revisions():
    data = sample()
    assert part(data, HEADER).find(".//hh:trackChanges", NS) is None
    assert part(data, SECTION).find(".//hp:insertBegin", NS) is None


# --- read as a reader does: rhwp --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "source", [SAMPLE, *ORGS, *OTHERS], ids=lambda p: p.parent.name + "/" + p.stem
)
def test_every_item_is_in_the_text_rhwp_reads_in_order(source, tmp_path):
    """Every named item of the manual (tests/manual_items.py) is in the text rhwp draws on
    its pages (its extract_text leaves tables out), and the items of each section come in
    the source's order."""
    data, _, context = render(source)
    text = squeeze(drawn_text(read_with_rhwp(data, tmp_path, svg=True)["svg"]))
    by_section: dict[str, list[str]] = {}
    for section, words in named_items(context):
        by_section.setdefault(section, []).append(squeeze(words))
    missing, disordered = [], []
    for section, items in by_section.items():
        at = 0
        for words in items:
            found = text.find(words, at)
            if found < 0:
                (disordered if words in text else missing).append(f"{section}: {words}")
            else:
                at = found
    assert not missing, f"{source.stem}: {len(missing)} items missing: {missing[:10]}"
    assert not disordered, f"{source.stem}: out of order: {disordered[:10]}"


@pytest.mark.slow
def test_rhwp_lays_out_every_page_with_text_inside_the_paper(tmp_path):
    read = read_with_rhwp(sample(), tmp_path, svg=True)
    assert read["pages"] >= 10 and len(read["svg"]) == read["pages"]
    for number, svg in enumerate(read["svg"], 1):
        root = etree.fromstring(svg.encode())
        width, height = float(root.get("width")), float(root.get("height"))
        texts = root.findall(".//{http://www.w3.org/2000/svg}text")
        assert texts, f"page {number} is empty"
        for element in texts:
            x, y = float(element.get("x")), float(element.get("y"))
            assert 0 <= x <= width and 0 <= y <= height, (number, element.text, x, y)


def test_a_section_theme_yaml_omits_for_hwpx_is_left_out_of_it_only(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "theme.yaml").write_text("omit:\n  hwpx: [glossary]\n", "utf-8")
    data, _, context = render(theme=theme)
    text = "".join(part(data, SECTION).itertext())
    definition = context["manual"]["glossary"][0]["definition"]
    assert definition not in text and definition in "".join(part(sample(), SECTION).itertext())
    from csmanual.render.office.plan import render_plan

    project = Project(SAMPLE, theme)
    docx_plan = render_plan(project.context, project.theme)  # the Word edition keeps it
    assert any(definition in str(block) for block in docx_plan.blocks)


def test_a_hostile_reference_stops_the_build_with_its_code_and_writes_nothing(tmp_path):
    """Through the real command line: exit 1, the code and the file named, no traceback,
    and the previous output left as it was."""
    parts = {**reference_parts(), "Scripts/sourceScripts": b"function f() {}"}
    theme = theme_with(tmp_path, parts)
    out = tmp_path / "out"
    out.mkdir()
    (out / "manual.hwpx").write_bytes(b"the previous build")
    args = [str(SAMPLE), "--format", "hwpx", "--theme", str(theme), "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "csmanual", "build", *args, "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1, done.stderr
    assert "E729" in done.stderr and "reference.hwpx" in done.stderr
    assert "Traceback" not in done.stderr
    assert (out / "manual.hwpx").read_bytes() == b"the previous build"


def test_a_reference_with_more_sections_gives_one_section_of_the_manual(tmp_path):
    """A designer's reference saved with a second section (구역): the manual keeps only
    the first section's page settings, so no sample text of the reference is left in it."""
    parts = reference_parts()
    parts["Contents/section1.xml"] = parts[SECTION].replace(
        "본문 (Body Text)".encode(), "두 번째 구역 견본".encode()
    )
    parts["Contents/content.hpf"] = (
        parts["Contents/content.hpf"]
        .replace(
            b"</opf:manifest>",
            b'<opf:item id="section1" href="Contents/section1.xml" '
            b'media-type="application/xml"/></opf:manifest>',
        )
        .replace(b"</opf:spine>", b'<opf:itemref idref="section1" linear="yes"/></opf:spine>')
    )
    head = etree.fromstring(parts[HEADER])
    head.set("secCnt", "2")
    parts[HEADER] = etree.tostring(head, xml_declaration=True, encoding="UTF-8")
    data, _, _ = render(theme=theme_with(tmp_path, parts))
    package = zipfile.ZipFile(io.BytesIO(data))
    assert "Contents/section1.xml" not in package.namelist()
    assert b"section1" not in package.read("Contents/content.hpf")
    assert part(data, HEADER).get("secCnt") == "1"
    every_part = b"".join(package.read(name) for name in package.namelist())
    assert "두 번째 구역 견본".encode() not in every_part


def test_each_contents_entry_links_to_its_headings_bookmark():
    """A click on an entry of the contents jumps to its heading, as Hangul's own links do:
    a HYPERLINK field whose Command names the bookmark (`?name;0;0;0;`)."""
    section = part(sample(), SECTION)
    bookmarks = {m.get("name") for m in section.iterfind(".//hp:bookmark", NS)}
    links = []
    for begin in section.iterfind(".//hp:fieldBegin[@type='HYPERLINK']", NS):
        command = begin.find("hp:parameters/hp:stringParam[@name='Command']", NS).text
        links.append(re.fullmatch(r"\?(.+);0;0;0;", command).group(1).replace("\\", ""))
    ends = section.findall(".//hp:fieldEnd", NS)
    assert len(links) == len(ends) > 20
    assert set(links) <= bookmarks


def test_a_whole_new_list_item_is_inserted_with_its_paragraph_end(tmp_path):
    """An item new since REV is inserted with its mark and its paragraph end (paraend), so
    rejecting it in Hangul leaves no empty line."""
    text = SAMPLE.read_text("utf-8")
    line = "      - 들은 내용은 그대로 기록합니다.\n"
    older = tmp_path / "older.yaml"
    older.write_text(text.replace(line, "", 1), "utf-8")
    data, _, _ = render(since=str(older))
    section = part(data, SECTION)
    item = next(
        p for p in section.iterfind("hp:p", NS) if "들은 내용은 그대로" in "".join(p.itertext())
    )
    begins = item.findall(".//hp:insertBegin", NS)
    ends = item.findall(".//hp:insertEnd", NS)
    assert begins and item.find(".//hp:deleteBegin", NS) is None
    assert "".join(b.tail or "" for b in begins) == "• 들은 내용은 그대로 기록합니다."
    assert [e.get("paraend") for e in ends][-1] == "1"


def test_a_picture_whose_name_says_script_is_not_a_script():
    parts = {**reference_parts(), "BinData/description.png": b"\x89PNG\r\n\x1a\n"}
    read_reference(write_package(parts), "reference.hwpx")  # no E729


def test_a_reference_whose_xml_declares_entities_is_refused():
    parts = reference_parts()
    bomb = b'<!DOCTYPE hh:head [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    header = parts[HEADER]
    at = header.index(b"?>") + 2
    parts[HEADER] = header[:at] + bomb + header[at:]
    with pytest.raises(DiagnosticError) as caught:
        read_reference(write_package(parts), "reference.hwpx")
    assert codes(caught.value) == ["E727"]
    assert "DTD" in caught.value.diagnostics[0].args["reason"]
