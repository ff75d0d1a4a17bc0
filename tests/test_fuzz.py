"""Property-based tests: whatever a CS manager's editor (or a hostile file) produces, the
validator answers with diagnostics, never with an exception.

Three sources of input: the example manual's text mutated line by line (deleted,
duplicated, swapped, re-indented lines; inserted Korean, tabs, control characters,
colons, quotes, brackets, anchors, tags), arbitrary YAML-ish token soup and raw bytes,
and the example's *data* with one value replaced by something of another kind (which
reaches the schema and content rules, not only the parser).

CSMANUAL_FUZZ_EXAMPLES sets the number of examples per test (default 200; `make fuzz`
runs 10,000).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csmanual import diagnostics
from csmanual.loader import LoadError, loads
from csmanual.messages import RULES
from csmanual.validate import validate_file, validate_source

EXAMPLE = Path(__file__).parents[1] / "cli" / "csmanual" / "examples" / "manual.ko.yaml"
EXAMPLE_TEXT = EXAMPLE.read_text("utf-8")
EXAMPLE_LINES = EXAMPLE_TEXT.splitlines(keepends=True)
EXAMPLE_DATA = yaml.safe_load(EXAMPLE_TEXT)

FUZZ = settings(
    max_examples=int(os.environ.get("CSMANUAL_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- the property ----------------------------------------------------------------------


def check(raw: str | bytes, name: str = "fuzz.yaml") -> list[diagnostics.Diagnostic]:
    """Load and validate `raw` as validate_file does; every outcome must be well formed."""
    try:
        source = loads(raw, name)
    except LoadError as error:
        found = error.diagnostics
        assert found, "a failed load names at least one problem"
        assert all(d.level == "error" for d in found)
    else:
        result = validate_source(source)
        found = result.diagnostics
        assert result.lang in ("ko", "en")
        assert (result.manual is not None) or not result.ok
    assert_well_formed(found, raw, name)
    return found


def assert_well_formed(found, raw: str | bytes, name: str) -> None:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    # the lines an editor shows: one more when the text ends with a line break
    last_line = max(
        1, len(text.splitlines()) + text.endswith(("\n", "\r", "\x85", "\u2028", "\u2029"))
    )
    for d in found:
        assert d.code in RULES
        assert d.file == name
        if d.line is not None:
            assert 1 <= d.line <= last_line, (d, last_line)
            assert d.column is not None and d.column >= 1
        for lang in ("ko", "en"):
            assert d.message(lang)
            d.hint(lang)
    for lang in ("ko", "en"):
        diagnostics.format_text(found, lang)
        diagnostics.summary(found, lang)
        report = json.loads(diagnostics.format_json(name, found, lang))
        assert len(report["diagnostics"]) == len(found)


@contextlib.contextmanager
def parser(libyaml: bool):
    """Run with libyaml's parser (the usual case) or PyYAML's pure-Python one."""
    saved = yaml.__with_libyaml__
    yaml.__with_libyaml__ = libyaml and saved
    try:
        yield
    finally:
        yaml.__with_libyaml__ = saved


# --- strategies ------------------------------------------------------------------------

NASTY = [
    "\t",
    ":",
    ": ",
    " :",
    "- ",
    "-",
    "'",
    '"',
    "\\",
    "#",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!python/object/apply:os.system ",
    "!!str ",
    "!!bool ",
    "!",
    "|",
    ">",
    "? ",
    "---",
    "...",
    "%YAML 1.1",
    "<<: ",
    "@",
    "`",
    "%",
    "\r",
    "\r\n",
    "\n",
    " ",
    "    ",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "\ud800",
    '"\\u0007"',
    '"\\ud800"',
    '"\\x00"',
    "NO",
    "yes",
    "1.10",
    "010",
    "0x1F",
    "1:20",
    ".inf",
    "2026-01-01",
    "2026-13-45",
    "~",
    "null",
    "[[deadlines.complaint-response]]",
    "[[",
    "]]",
    "[[roles.nobody]]",
    "24시간 이내",
    "48시간 이내",
    "within 3 days",
    "TODO",
    "미정",
    "고객",
    "응대",
    "매뉴얼",
    "😀",
    "é",
    "ｎａｍｅ",
    "9" * 30,
]
nasty = st.one_of(st.sampled_from(NASTY), st.text(max_size=8))


@st.composite
def mutated_example(draw) -> str:
    lines = list(EXAMPLE_LINES)
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(
            st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "dedent", "cut"])
        )
        if operation == "delete" and len(lines) > 1:
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == "insert":
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(nasty) + line[at:]
        elif operation == "indent":
            lines[index] = draw(st.sampled_from([" ", "  ", "\t", "    "])) + lines[index]
        elif operation == "dedent":
            lines[index] = lines[index][draw(st.integers(1, 4)) :]
        elif operation == "cut":
            line = lines[index]
            lines[index] = line[: draw(st.integers(0, len(line)))]
    return "".join(lines)


yamlish = st.lists(
    st.one_of(
        st.sampled_from(NASTY),
        st.sampled_from(["meta", "title", "roles", "id", "name", "claim_steps", "number"]),
        st.sampled_from(["\n", "\n  ", "\n    ", "\n- ", ": ", ":\n  "]),
        st.text(alphabet="가나다 abc:-[]{},'\"#&*!|>?\n\t ", max_size=10),
    ),
    max_size=60,
).map("".join)


def leaf_values() -> st.SearchStrategy:
    text = st.one_of(st.text(max_size=30), st.sampled_from(NASTY))
    scalar = st.one_of(
        text,
        st.none(),
        st.booleans(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True),
        st.dates(),
    )
    return st.recursive(
        scalar,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
        ),
        max_leaves=6,
    )


def paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))


ALL_PATHS = [p for p in paths(EXAMPLE_DATA) if p]


@st.composite
def mutated_data(draw) -> str:
    data = json.loads(json.dumps(EXAMPLE_DATA, default=str))  # a deep copy
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "replace":
                parent[path[-1]] = draw(leaf_values())
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=10))] = draw(leaf_values())
            elif isinstance(parent, list):
                parent.append(draw(leaf_values()))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or reshaped this path
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# --- the tests -------------------------------------------------------------------------


def test_the_unmutated_example_is_clean():
    """The fuzzers start from a clean manual, so what they find comes from the mutation."""
    assert check(EXAMPLE_TEXT, "example.yaml") == []
    assert check(yaml.safe_dump(EXAMPLE_DATA, allow_unicode=True, sort_keys=False)) == []


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
@FUZZ
@given(text=mutated_example())
def test_mutated_example_text_yields_only_diagnostics(libyaml, text):
    with parser(libyaml):
        check(text)


@FUZZ
@given(text=yamlish)
def test_yamlish_text_yields_only_diagnostics(text):
    check(text)


@FUZZ
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_yield_only_diagnostics(raw):
    check(raw)


@FUZZ
@given(
    raw=mutated_example().map(lambda text: text.encode("utf-8", "surrogatepass")),
    cut=st.integers(0, 40),
)
def test_mutated_bytes_with_broken_encoding(raw, cut):
    """Mutated UTF-8 with a byte sequence cut in half or re-encoded as cp949."""
    position = min(cut * 97, len(raw))
    broken = raw[:position] + raw[position + 1 :]
    check(broken)
    with contextlib.suppress(UnicodeEncodeError):
        check(raw.decode("utf-8", "surrogatepass").encode("cp949"))


@FUZZ
@given(text=mutated_data())
def test_mutated_data_reaches_the_rules_and_yields_only_diagnostics(text):
    check(text)


@settings(FUZZ, max_examples=max(10, FUZZ.max_examples // 10))
@given(text=mutated_example())
def test_validate_file_on_disk(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "manual.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))  # a lone surrogate as bytes
    result = validate_file(path)
    assert_well_formed(result.diagnostics, text, str(path))
