"""The README documents every rule code: its rule table is the output of `csmanual rules`."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from csmanual.cli import main
from csmanual.messages import RULES

README = Path(__file__).parents[1] / "README.md"


def rule_table() -> str:
    """The lines of the README's '## Rule codes' section that form its table."""
    text = README.read_text("utf-8")
    section = text.split("\n## Rule codes\n", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def test_readme_rule_table_lists_every_code():
    rows = re.findall(r"^\| ([EW]\d{3}) \| (error|warning) \|", rule_table(), re.M)
    documented = dict(rows)
    missing = [code for code in RULES if code not in documented]
    assert not missing, f"README rule table lacks {missing}: run `csmanual rules`"
    assert list(documented) == list(RULES), "one row per code, in the catalog's order"
    for code, severity in documented.items():
        assert severity == RULES[code].severity, code


def test_readme_rule_table_is_the_rules_command_output():
    output = CliRunner().invoke(main, ["rules"]).output.strip()
    assert rule_table() == output, "regenerate the README table with `csmanual rules`"
