"""What a careful reader notices (issue 19): a number split from its word at a line end,
the words a screen reader says, the language every format is tagged with, and the words of
an English build that are not English.

The no-break rule is csmanual.typography's; these tests read it back from the outputs as a
reader gets them: the HTML's text, the PDF's lines (pdftotext), the deck's runs and the
deck's own line measure.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from csmanual.project import Project
from csmanual.typography import NBSP, keep_together

ROOT = Path(__file__).parents[1]
FERRIES = ROOT / "tests" / "fixtures" / "typography" / "ferries.en.yaml"
SOURCES = {
    "ferries": FERRIES,
    "ferries-ko": ROOT / "tests" / "fixtures" / "typography" / "ferries.ko.yaml",
    "sample": ROOT / "source" / "manual.yaml",
    "example-en": ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml",
    "example-ko": ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml",
    "hospital": ROOT / "tests" / "fixtures" / "orgs" / "hospital.ko.yaml",
    "saas": ROOT / "tests" / "fixtures" / "orgs" / "saas.en.yaml",
}

# --- the rule, pair by pair ------------------------------------------------------------------

JOINED = [
    ("within 15 minutes", "within 15\u00a0minutes"),
    ("every 30 minutes", "every 30\u00a0minutes"),
    ("follow 4 steps", "follow 4\u00a0steps"),
    ("2 days", "2\u00a0days"),
    ("at 10:00 am", "at 10:00\u00a0am"),
    ("1,000 passengers", "1,000\u00a0passengers"),
    ("1.5 hours", "1.5\u00a0hours"),
    ("2–3 days", "2–3\u00a0days"),
    ("(15 minutes)", "(15\u00a0minutes)"),
    ("within 4 business hours", "within 4\u00a0business\u00a0hours"),
    ("2 working days", "2\u00a0working\u00a0days"),
    ("10 Calendar Days", "10\u00a0Calendar\u00a0Days"),
    ("3 단계로", "3\u00a0단계로"),
    ("오전 10시", "오전\u00a010시"),
    ("오후 3시 30분", "오후\u00a03시\u00a030분"),
    ("3시 30분에", "3시\u00a030분에"),
    ("1시간 30분 이내", "1시간\u00a030분 이내"),
    ("5분 30초", "5분\u00a030초"),
    ("Step 3", "Step\u00a03"),
    ("go back to step 2.", "go back to step\u00a02."),
    ("Tier 1 agent", "Tier\u00a01\u00a0agent"),
    ("Room 204", "Room\u00a0204"),
    ("No. 7", "No.\u00a07"),
    ("영업일 2일 이내", "영업일\u00a02일 이내"),
    ("매 30분", "매\u00a030분"),
]
UNCHANGED = [
    "24시간 이내",  # Korean writes its units without a space
    "a P1 ticket",  # a number inside a word is no count
    "v2 release",
    "version 2.1",  # a number at the end
    "1 2 3",  # numbers in a row: no word after them
    "10 - 20",
    "15\nminutes",  # a line break the writer typed stays
    "15  minutes",  # two spaces: not one word space, left as written
    "no number here",
    "footstep 3",  # a label word inside another word
    "3시 30",  # a time's second part needs its unit
    "the gate 30",  # a room or a gate is numbered as a name only (capitalised)
    "4 business",  # a qualifier with no unit: rule 1 only
]


@pytest.mark.parametrize(("text", "joined"), JOINED)
def test_a_number_and_its_word_are_joined(text, joined):
    assert keep_together(text) == joined


@pytest.mark.parametrize("text", UNCHANGED[:-1])
def test_other_spaces_stay_as_written(text):
    assert keep_together(text) == text


def test_a_qualifier_without_its_unit_stays_with_the_number_only():
    assert keep_together("4 business") == "4\u00a0business"


def test_the_rule_is_idempotent():
    for _text, joined in JOINED:
        assert keep_together(joined) == joined


# --- the context: once, for every format -----------------------------------------------------


@cache
def context(source: Path) -> dict:
    return Project(source).context


def test_the_context_joins_durations_references_and_free_text():
    manual = context(FERRIES)["manual"]
    deadlines = {d["id"]: d for d in manual["deadlines"]}
    assert deadlines["delay-notice"]["within_text"] == "15\u00a0minutes"
    assert deadlines["email-first"]["within_text"] == "4\u00a0business\u00a0hours"
    assert deadlines["delay-updates"]["within_text"] == "every 30\u00a0minutes"
    assert manual["purpose"]["benefits"][1] == "Agents follow 4\u00a0steps instead of guessing."
    # a reference expanded in running text is joined too
    [chat] = [f for f in manual["faqs"] if f["id"] == "chat-time"]
    assert "within 2\u00a0minutes between 7:00\u00a0am and 11:00\u00a0pm" in chat["answer"]
    channels = {c["id"]: c for c in manual["channels"]}
    assert channels["phone"]["deadline_list"][1]["within_text"] == "2\u00a0hours"


def test_ids_dates_and_versions_are_untouched():
    manual = context(FERRIES)["manual"]
    assert manual["meta"]["effective_date"] == "2027-03-01"
    assert manual["meta"]["version"] == "3.2"
    assert manual["meta"]["document_id"] == "NHF-PC-3"
    assert all(NBSP not in d["id"] for d in manual["deadlines"])


# --- what a reader sees: a number is never split from its word ---------------------------------

PAIR = re.compile(r"(?<![\w.,:])(\d+(?:[.,:]\d+)*)[ \u00a0]+([^\W\d_]+)")
LINE_END_NUMBER = re.compile(r"(?<![\w.,:])(\d+(?:[.,:]\d+)*)$")
LINE_START_WORD = re.compile(r"([^\W\d_]+)")


def texts_of(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts_of(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts_of(v)]
    return []


def pairs_of(source: Path) -> set[tuple[str, str]]:
    """Every (number, word) the manual's texts hold: what must never be split."""
    found = set()
    for text in texts_of(context(source)["manual"]):
        if keep_together(text) != text or NBSP in text:
            found.update(PAIR.findall(text))
    return found


def splits(lines: list[str], pairs: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Lines that end with the number of a pair while the next line starts with its word."""
    out = []
    lines = [line.strip() for line in lines]
    for this, following in pairwise(lines):
        number, word = LINE_END_NUMBER.search(this), LINE_START_WORD.match(following)
        if number and word and (number.group(1), word.group(1)) in pairs:
            out.append((this[-40:], following[:40]))
    return out


def test_the_split_finder_finds_a_split():
    pairs = {("15", "minutes")}
    assert splits(["a deadline of 15", "minutes for"], pairs) == [
        ("a deadline of 15", "minutes for")
    ]
    assert splits(["SUP-7", "minutes"], pairs) == []


class _Text(HTMLParser):
    """The text of a page outside <style> and <script>, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self.skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.mark.parametrize("name", list(SOURCES))
def test_the_html_joins_every_number_to_its_word(name):
    source = SOURCES[name]
    text = page_text(Project(source).render("html").data.decode())
    pairs = pairs_of(source)
    broken = [f"{n} {w}" for n, w in pairs if re.search(rf"(?<![\w.,:]){re.escape(n)} {w}", text)]
    assert broken == []
    if name == "ferries":  # the words are there, joined
        assert "15\u00a0minutes" in text and "4\u00a0business\u00a0hours" in text


def deck_runs(data: bytes) -> list[str]:
    import io

    from pptx import Presentation
    from pptx.oxml.ns import qn

    prs = Presentation(io.BytesIO(data))
    runs = []
    for slide in prs.slides:
        runs += [t.text or "" for t in slide.shapes._spTree.iter(qn("a:t"))]
    return runs


@pytest.mark.parametrize("name", list(SOURCES))
def test_the_deck_joins_every_number_to_its_word(name):
    source = SOURCES[name]
    runs = deck_runs(Project(source).render("pptx").data)
    pairs = pairs_of(source)
    broken = [
        (n, w, run)
        for run in runs
        for n, w in pairs
        if re.search(rf"(?<![\w.,:]){re.escape(n)} {w}", run)
    ]
    assert broken == []
    if name == "ferries":
        assert any("15\u00a0minutes" in run for run in runs)


def test_the_decks_fitter_never_breaks_a_line_at_a_no_break_space():
    from csmanual.render.pptx.measure import EMU_PER_PT, WIDTH_SAFETY, FontBook, line_count
    from csmanual.theme import Theme

    font = FontBook(Theme.locate()).font("Noto Sans")
    size = 12
    # a line as wide as "minutes": split at the space, "of 15" / "minutes" take 2 lines;
    # joined, "15 minutes" is one word, too long for the line, as PowerPoint sees it
    width = max(font.width("of 15"), font.width("minutes")) * size * EMU_PER_PT
    width = int(width / WIDTH_SAFETY) + 1
    assert line_count("of 15 minutes", width, font, size) == 2
    assert line_count("of 15\u00a0minutes", width, font, size) == 3


needs_poppler = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed"
)


def pdf_lines(data: bytes, tmp: Path, mode: str) -> list[str]:
    path = tmp / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", mode, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = text.splitlines()
    if mode == "-layout":  # a row of columns: the line ends in its last column
        lines = [re.split(r"\s{3,}", line.strip())[-1] for line in lines]
    return lines


@pytest.mark.slow
@needs_poppler
@pytest.mark.parametrize("fmt", ["pdf", "card"])
@pytest.mark.parametrize("name", list(SOURCES))
def test_the_pdfs_never_end_a_line_between_a_number_and_its_word(name, fmt, tmp_path):
    source = SOURCES[name]
    data = Project(source).render(fmt).data
    pairs = pairs_of(source)
    for mode in ("-raw", "-layout"):
        assert splits(pdf_lines(data, tmp_path, mode), pairs) == [], mode


# --- what a screen reader says -----------------------------------------------------------------


def test_a_screen_reader_says_step_1_before_the_steps_name():
    html = Project(FERRIES).render("html").data.decode()
    context_ = context(FERRIES)
    step = context_["labels"]["step"]
    for s in context_["manual"]["claim_steps"]:
        hidden = re.search(
            rf'id="step-{s["id"]}"[^>]*>\s*<h3>.*?<span class="visually-hidden">(.*?)</span>',
            html,
        )
        assert hidden is not None, s["id"]
        assert hidden.group(1) == f"{step} {s['number']}: "
    assert step == "Step"


# --- the language every format is tagged with ---------------------------------------------------


def pdf_languages(data: bytes) -> set[bytes]:
    """Every /Lang of a PDF, its compressed object streams included."""
    import zlib

    found = set(re.findall(rb"/Lang\s*\(([^)]*)\)", data))
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            found |= set(re.findall(rb"/Lang\s*\(([^)]*)\)", zlib.decompress(stream.group(1))))
        except zlib.error:
            continue
    return found


def deck_languages(data: bytes) -> tuple[set[str], str]:
    """The `lang` of every run of the deck (slides and notes), and its core property."""
    import io

    from pptx import Presentation
    from pptx.oxml.ns import qn

    prs = Presentation(io.BytesIO(data))
    langs = set()
    for slide in prs.slides:
        trees = [slide.shapes._spTree]
        if slide.has_notes_slide:
            trees.append(slide.notes_slide.shapes._spTree)
        for tree in trees:
            langs |= {rpr.get("lang") for rpr in tree.iter(qn("a:rPr"), qn("a:endParaRPr"))}
    return langs - {None}, prs.core_properties.language


def with_language(source: Path, tag: str, tmp: Path) -> Path:
    text = source.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^  language: \S+$", f"  language: {tag}", text)
    assert count == 1
    path = tmp / source.name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "tag", "deck"),
    [
        ("ferries", "en-GB", "en-GB"),
        ("ferries", "en-US", "en-US"),
        ("ferries", "en", "en-US"),  # a run needs a region: the usual one
        ("hospital", "ko-KR", "ko-KR"),
        ("hospital", "ko", "ko-KR"),
    ],
)
def test_every_format_is_tagged_with_the_manuals_language(name, tag, deck, tmp_path):
    project = Project(with_language(SOURCES[name], tag, tmp_path))
    assert project.validation.ok, [str(d) for d in project.validation.diagnostics]
    assert project.context["lang"] == tag[:2]  # labels, durations and messages: the language
    html = project.render("html").data.decode()
    assert f'<html lang="{tag}">' in html
    runs, core = deck_languages(project.render("pptx").data)
    assert runs == {deck} and core == deck


@pytest.mark.slow
def test_the_pdfs_are_tagged_with_the_manuals_language():
    project = Project(FERRIES)
    assert project.context["lang_tag"] == "en-GB"
    for fmt in ("pdf", "card"):
        assert pdf_languages(project.render(fmt).data) == {b"en-GB"}, fmt


def test_a_region_changes_no_word(tmp_path):
    british = Project(FERRIES).context
    plain = Project(with_language(FERRIES, "en", tmp_path)).context
    assert british["labels"] == plain["labels"] and british["manual"] == {
        **plain["manual"],
        "meta": british["manual"]["meta"],
    }


def test_a_tag_the_outputs_cannot_carry_is_refused(tmp_path):
    from csmanual.validate import validate_file

    result = validate_file(with_language(FERRIES, "en-AU", tmp_path))
    assert [d.code for d in result.diagnostics] == ["E107"]
    assert "en-GB" in str(result.diagnostics[0])


# --- an English build says nothing in Korean where a user meets it ------------------------------

HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def test_the_english_pages_styles_and_script_hold_no_korean():
    html = Project(FERRIES).render("html").data.decode()
    inlined = re.findall(r"<(style|script)>(.*?)</\1>", html, re.S)
    assert len(inlined) == 2
    assert [HANGUL.findall(code) for _, code in inlined] == [[], []]


def prompts_of(data: bytes) -> dict[str, list[tuple[str, str, set[str]]]]:
    """Per layout (and the masters): each placeholder's name, prompt text and run languages."""
    import io

    from pptx import Presentation
    from pptx.oxml.ns import qn

    prs = Presentation(io.BytesIO(data))
    # the notes master the notes pages use (python-pptx's prs.notes_master makes a new one
    # when the presentation part does not name it the way it looks for)
    notes = next(s for s in prs.slides if s.has_notes_slide).notes_slide
    parts = {"master": prs.slide_master, "notes": notes.part.notes_master}
    parts.update({layout.name: layout for layout in prs.slide_layouts})
    found = {}
    for name, part in parts.items():
        found[name] = [
            (
                shape.name,
                shape.text_frame.text,
                {e.get("lang") for e in shape._element.iter(qn("a:rPr"), qn("a:endParaRPr"))},
            )
            for shape in part.placeholders
            if shape.has_text_frame
        ]
    return found


def test_the_masters_prompts_are_in_the_manuals_language():
    context_ = context(FERRIES)
    found = prompts_of(Project(FERRIES).render("pptx").data)
    labels = context_["labels"]
    card = {name: text for name, text, _ in found["card"]}
    assert card == {
        "title": labels["pptx_prompt_type"],
        "traits": labels["traits"],
        "do": labels["do"],
        "dont": labels["dont_say"],
        "example": labels["phrases"],
        "footer": "",
        "slide number": "‹#›",
    }
    assert card["title"] == "Customer type"
    for part, shapes in found.items():
        for name, text, langs in shapes:
            assert not HANGUL.search(text), (part, name, text)
            assert langs <= {"en-GB"}, (part, name, langs)
    notes = [text for name, text, _ in found["notes"] if "Notes" in name]
    assert notes == ["Speaker notes"]


def test_a_korean_decks_prompts_stay_korean():
    found = prompts_of(Project(SOURCES["hospital"]).render("pptx").data)
    titles = {part: text for part, shapes in found.items() for n, text, _ in shapes if n == "title"}
    assert titles["content"] == "제목" and titles["section"] == "섹션 제목"
    assert all(langs <= {"ko-KR"} for shapes in found.values() for *_, langs in shapes)
