"""The three outputs carry the same content: every item of the source is in the HTML, the
PDF and the deck, unless the theme declares that a format leaves its section out.

Built for the sample, both examples, the stress source and two manuals of other
organisations (a Korean hospital, an English SaaS desk). An item is any entry of the
manual that has an `id`; it is found by the words that name it (its name, title, term or
question), compared without whitespace (a line may wrap anywhere). Custom sections' table
cells count as items too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from manual_items import named_items

ROOT = Path(__file__).parents[1]
SOURCES = {
    "sample": ROOT / "source" / "manual.yaml",
    "example.ko": ROOT / "cli" / "csmanual" / "examples" / "manual.ko.yaml",
    "example.en": ROOT / "cli" / "csmanual" / "examples" / "manual.en.yaml",
    "stress": ROOT / "tests" / "fixtures" / "pptx" / "stress.ko.yaml",
    "hospital": ROOT / "tests" / "fixtures" / "orgs" / "hospital.ko.yaml",
    "saas": ROOT / "tests" / "fixtures" / "orgs" / "saas.en.yaml",
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed"),
]


def csmanual(*args: str) -> str:
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "csmanual", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text("utf-8"))
    return " ".join(parser.parts)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pptx_text(path: Path) -> str:
    """Every text run of the slides and the speaker notes (the XML's <a:t>)."""
    with zipfile.ZipFile(path) as deck:
        names = [n for n in deck.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", n)]
        xml = " ".join(deck.read(n).decode("utf-8") for n in names)
    return " ".join(re.findall(r"<a:t>([^<]*)</a:t>", xml)).replace("&amp;", "&")


@cache
def built(name: str) -> tuple[dict, dict[str, str]]:
    """The context and the text of each format of one source, built once per session."""
    out = Path(f"/tmp/csmanual-every-item/{name}")
    source = str(SOURCES[name])
    csmanual("build", source, "--format", "html,pdf,pptx", "--out", str(out), "--force")
    context = json.loads(csmanual("context", source))
    texts = {
        "html": html_text(out / "manual.html"),
        "pdf": pdf_text(out / "manual.pdf"),
        "pptx": pptx_text(out / "manual.pptx"),
    }
    return context, {fmt: squeeze(text) for fmt, text in texts.items()}


@pytest.mark.parametrize("fmt", ["html", "pdf", "pptx"])
@pytest.mark.parametrize("name", list(SOURCES))
def test_every_item_is_in_every_format(name, fmt):
    context, texts = built(name)
    left_out = set(context.get("omitted", {}).get(fmt, []))
    missing = [
        f"{section}: {words}"
        for section, words in named_items(context)
        if section not in left_out and squeeze(words) not in texts[fmt]
    ]
    assert not missing, f"{name}.{fmt} lacks {len(missing)} items: {missing[:20]}"
