"""The documentation tells the truth about the code it can be checked against.

- docs/writing.md documents every rule code: its rule table is the output of `csmanual rules`.
- Every relative link in README.md and docs/*.md leads to a file that exists, and to a
  heading that exists when it names one (`file.md#anchor`, GitHub's anchors).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from csmanual.cli import main
from csmanual.messages import RULES

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
RULES_DOC = ROOT / "docs" / "writing.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]


def rule_table() -> str:
    """The lines of docs/writing.md's '## Rule codes' section that form its table."""
    text = RULES_DOC.read_text("utf-8")
    section = text.split("\n## Rule codes\n", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def test_rule_table_lists_every_code():
    rows = re.findall(r"^\| ([EW]\d{3}) \| (error|warning) \|", rule_table(), re.M)
    documented = dict(rows)
    missing = [code for code in RULES if code not in documented]
    assert not missing, f"docs/writing.md's rule table lacks {missing}: run `csmanual rules`"
    assert list(documented) == list(RULES), "one row per code, in the catalog's order"
    for code, severity in documented.items():
        assert severity == RULES[code].severity, code


def test_rule_table_is_the_rules_command_output():
    output = CliRunner().invoke(main, ["rules"]).output.strip()
    assert rule_table() == output, (
        "regenerate the table in docs/writing.md ('## Rule codes') with `csmanual rules`"
    )


# --- links -------------------------------------------------------------------------------

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.M)
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)


def prose(text: str) -> str:
    """The text without code blocks and comments, where a `#` or `[x](y)` is no markdown."""
    return COMMENT.sub("", FENCE.sub("", text))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text, lower-case, punctuation dropped, spaces → -."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    text = re.sub(r"<[^>]+>", "", text).lower()
    text = re.sub(r"[^\w\- ]", "", text)  # \w is Unicode: Hangul stays
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    result = set()
    for heading in HEADING.findall(prose(path.read_text("utf-8"))):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.add(base if count == 0 else f"{base}-{count}")
    return result


def links(path: Path) -> list[str]:
    text = CODE_SPAN.sub("", prose(path.read_text("utf-8")))
    return INLINE_LINK.findall(text) + REFERENCE_LINK.findall(text)


def test_slug_follows_github():
    assert slug("What changed: `csmanual diff`") == "what-changed-csmanual-diff"
    assert slug("Words: labels.yaml") == "words-labelsyaml"
    assert slug("HTML: the blocks you can override") == "html-the-blocks-you-can-override"
    assert slug("고객 유형별 응대") == "고객-유형별-응대"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_somewhere(doc: Path):
    broken = []
    for target in links(doc):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):  # https:, mailto: …
            continue
        file, _, anchor = target.partition("#")
        path = (doc.parent / file).resolve() if file else doc
        if not path.exists():
            broken.append(f"{target}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(f"{target}: no heading with this anchor in {path.name}")
    assert not broken, f"broken links in {doc.relative_to(ROOT)}: {broken}"


def test_the_readme_leads_to_every_page_of_docs():
    linked = {(README.parent / t.partition("#")[0]).resolve() for t in links(README)}
    unlinked = [p.name for p in DOCS[1:] if p.resolve() not in linked]
    assert not unlinked, f"README.md does not link to {unlinked}"
