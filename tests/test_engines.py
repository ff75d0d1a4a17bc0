"""The engines whose internals the renderers use are installed in the range pyproject pins.

render/pdf/engine.py and render/pptx/engine.py reach into WeasyPrint and python-pptx
beyond their public API; pyproject.toml pins both to the versions that was tested with.
A venv can still hold another version (an old install, `pip install -U weasyprint`):
then these tests fail and say so, before a build fails in an engine's internals.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"
ENGINES = ("weasyprint", "python-pptx")


def pinned() -> dict[str, str]:
    """{distribution name: its version specifier} of pyproject's [project] dependencies."""
    text = PYPROJECT.read_text("utf-8")
    try:
        import tomllib
    except ImportError:  # Python 3.10: the dependency strings are simple enough to find
        lines = re.findall(r'^\s*"([A-Za-z0-9_.-]+)\s*([^";]*)"', text, re.M)
    else:
        found = tomllib.loads(text)["project"]["dependencies"]
        lines = [re.match(r"([A-Za-z0-9_.-]+)\s*([^;]*)", d).groups() for d in found]
    return {name.lower(): spec.strip() for name, spec in lines}


def _release(text: str) -> tuple[int, int, int]:
    """ "1.0.2" → (1, 0, 2), "70.0" → (70, 0, 0): major, minor, micro, to compare."""
    parts = [int(part) for part in re.findall(r"\d+", text.split("+")[0])[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


def contains(spec: str, installed: str) -> bool:
    """`installed` satisfies `spec` (e.g. ">=1.0,<1.1")."""
    try:
        from packaging.specifiers import SpecifierSet
    except ImportError:  # a tiny reading of the comparisons pyproject uses
        compare = {
            ">=": lambda a, b: a >= b,
            "<": lambda a, b: a < b,
            "<=": lambda a, b: a <= b,
            ">": lambda a, b: a > b,
            "==": lambda a, b: a == b,
            "!=": lambda a, b: a != b,
        }
        have = _release(installed)
        for clause in filter(None, (c.strip() for c in spec.split(","))):
            op, bound = re.fullmatch(r"(>=|<=|==|!=|<|>)\s*(\S+)", clause).groups()
            if not compare[op](have, _release(bound)):
                return False
        return True
    return SpecifierSet(spec).contains(installed, prereleases=True)


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engine_is_pinned_to_a_range(engine):
    spec = pinned().get(engine)
    assert spec, f"pyproject.toml does not list {engine} among the dependencies"
    assert "<" in spec, (
        f"{engine} is pinned as {spec!r}: the renderers use its internals "
        f"(render/*/engine.py), so give the range tested, with an upper bound"
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_the_installed_engine_is_in_the_pinned_range(engine):
    spec = pinned()[engine]
    try:
        installed = version(engine)
    except PackageNotFoundError:
        pytest.fail(f"{engine} is not installed; csmanual needs {engine}{spec}")
    assert contains(spec, installed), (
        f"{engine} {installed} is outside the range csmanual is tested with ({spec}): "
        f"the renderers use its internals (render/*/engine.py); install {engine}{spec!r} "
        "or check engine.py against this version and widen the range in pyproject.toml"
    )


@pytest.mark.parametrize(
    "spec, installed, inside",
    [
        (">=1.0,<1.1", "1.0.2", True),
        (">=1.0,<1.1", "1.1.0", False),
        (">=1.0,<1.1", "0.6.23", False),
        (">=70,<71", "70.0", True),
        (">=70,<71", "71.0", False),
        (">=70,<71", "69.9", False),
    ],
)
def test_the_range_check_itself(spec, installed, inside):
    """So that the check above is real: a version outside the pin is caught."""
    assert contains(spec, installed) is inside


def test_the_kept_page_references_are_pydyfs_own_and_follow_new_pages():
    """render/pdf/engine.page_references_kept wraps pydyf's `PDF.page_references`: it must
    still be a property there, and the kept tuple must be the one pydyf makes, renewed
    when a page is added."""
    import pydyf

    from csmanual.render.pdf.engine import page_references_kept

    assert isinstance(pydyf.PDF.page_references, property), "pydyf changed: see engine.py"
    pdf = pydyf.PDF()
    pages = []
    with page_references_kept():
        for _ in range(3):
            page = pydyf.Dictionary({"Type": "/Page"})
            pdf.add_page(page)
            pages.append(page)
            first = pdf.page_references
            assert first is pdf.page_references  # kept, not made again
        kept = pdf.page_references
    assert kept == pdf.page_references  # what pydyf itself says, after the block
    assert kept == tuple(f"{page.number} 0 R".encode() for page in pages)
    assert isinstance(pydyf.PDF.page_references, property)
    assert "_csmanual_page_references" not in vars(pydyf.PDF)
