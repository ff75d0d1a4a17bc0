"""The pipeline object: one source with its theme, validated once, one context for every format.

Every command goes through a `Project` (as mkdocs goes through its config and Sphinx
through its application): the theme is located, the source validated and the template
context built at most once, when first asked for, and each format renders from that one
context to a `Rendered` result. `build` writes such results; `serve` shows the HTML one.

    project = Project("source/manual.yaml", theme="my-theme", changes_since="v1.1")
    project.validation.diagnostics     # every problem of the source
    project.render("pdf").data         # the PDF's bytes, in this process
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csmanual.diagnostics import Diagnostic
from csmanual.errors import UserError

if TYPE_CHECKING:  # imported when used: `validate` never pays for Jinja (the theme), a
    from csmanual.theme import Theme  # no-op rebuild never for pydantic (~0.12 s)
    from csmanual.validate import Result


@dataclass(frozen=True)
class Rendered:
    """One format rendered in memory: the file's bytes and what the renderer had to say."""

    format: str
    data: bytes
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


def project_root(source: str | os.PathLike) -> Path:
    """`x/source/manual.yaml` → `x`; a source elsewhere → its own folder."""
    folder = Path(source).resolve().parent
    return folder.parent if folder.name == "source" else folder


class Project:
    """A manual's source, the theme it is rendered with, and what is made from them.

    `source` is a file; with `revisions`, also a file at a git revision (`REV:path`, or
    `REV` for the source's usual path), as `diff` compares them.
    `theme` is a theme folder, or a `Theme` already located; the project's own
    `templates/` and the default theme come after it. `changes_since` names an earlier
    version (a file or a git revision) whose differences every output marks.
    """

    def __init__(
        self,
        source: str | os.PathLike,
        theme: str | os.PathLike | Theme | None = None,
        changes_since: str | None = None,
        revisions: bool = False,
    ):
        self.source = str(source)
        self.changes_since = changes_since
        self.revisions = revisions
        self._theme_arg = theme

    @cached_property
    def root(self) -> Path:
        return project_root(self.source)

    @cached_property
    def theme(self) -> Theme:
        from csmanual.theme import Theme

        if isinstance(self._theme_arg, Theme):
            return self._theme_arg
        return Theme.locate(self._theme_arg, self.root / "templates")

    @cached_property
    def validation(self) -> Result:
        if self.revisions:
            from csmanual.sources import open_version

            return open_version(self.source)
        from csmanual.validate import validate_file

        return validate_file(self.source)

    @property
    def lang(self) -> str:
        """The manual's language; when YAML cannot read the source (a wrong indentation),
        the `language:` line as written, so that an English manual hears it in English."""
        result = self.validation
        if result.source is None and not self.revisions:
            return language_written_in(self.source) or result.lang
        return result.lang

    @cached_property
    def earlier(self) -> Result | None:
        """The version named by `changes_since`, validated (None without one)."""
        if self.changes_since is None:
            return None
        return open_earlier(self.changes_since, self.source)

    @cached_property
    def context(self) -> dict[str, Any]:
        """The template context every format renders from (`csmanual context` prints it).

        Raises UserError while the source has errors: there is no manual to render.
        """
        from csmanual.context import build_context

        result = self.validation
        if result.manual is None or not result.ok:
            raise UserError(f"{self.source}: the source has errors; fix them first")
        earlier = self.earlier
        context = build_context(
            result.manual,
            self.theme.labels(result.manual.meta.language),
            earlier.manual if earlier else None,
            self.changes_since,
        )
        context["omitted"] = self.omitted
        # where things stand, so that a renderer's error or warning names the source line
        context["source_file"] = result.path
        context["positions"] = _item_positions(result)
        return context

    @cached_property
    def omitted(self) -> dict[str, list[str]]:
        """Format → the sections it leaves out on purpose, as the theme declares them
        (`theme.yaml`); a section the manual does not have is not listed."""
        present = set(self.validation.source.data) if self.validation.source else set()
        manual = self.validation.manual
        present |= {c.id for c in getattr(manual, "custom_sections", None) or ()}
        from csmanual.render import FORMATS

        declared = self.theme.omitted(FORMATS)
        return {name: [s for s in sections if s in present] for name, sections in declared.items()}

    def render(self, name: str) -> Rendered:
        """Render one format in this process (a build renders in limited children)."""
        return render_format(name, self.context, self.theme.folders)


_LANGUAGE_LINE = re.compile(r"^[ \t]+language:[ \t]*[\"']?(ko|en)\b", re.M)


def language_written_in(source: str | os.PathLike) -> str | None:
    """`ko` or `en` from the first `language:` line of a file YAML could not read (a
    regular file only: reading a pipe would wait for ever)."""
    try:
        if not os.path.isfile(source):
            return None
        with open(source, encoding="utf-8", errors="replace") as handle:
            found = _LANGUAGE_LINE.search(handle.read(256 * 1024))
    except OSError:
        return None
    return found[1] if found else None


def render_format(name: str, context: dict, folders: list[Path]) -> Rendered:
    """Render `name` from a context: module-level, so that a render child can run it."""
    started = time.perf_counter()
    from csmanual import render
    from csmanual.theme import Theme

    renderer = render.get(name)
    data = renderer.render(context, Theme(list(folders)))
    found = list(renderer.diagnostics)
    return Rendered(name, data, found, time.perf_counter() - started)


def open_earlier(spec: str, source: str) -> Result:
    """An earlier version to compare with: a file, REV:path, or REV (this source's path)."""
    from csmanual.sources import open_version

    earlier = open_version(spec, default_path=source)
    if earlier.manual is None:
        raise UserError(f"{spec}: that version of the manual does not validate")
    return earlier


def _item_positions(result: Result) -> dict[str, str]:
    """`{"behaviour_types/loud": "source/manual.yaml:120", "initial_response": …}` for
    every list item and every section."""
    from csmanual.model import LIST_SECTIONS

    source = result.source
    if source is None:
        return {}
    positions = {
        section: f"{result.path}:{source.span((section,), on_key=True).line}"
        for section in source.data
    }
    for section in LIST_SECTIONS:
        items = source.data.get(section)
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                line = source.span((section, index)).line
                positions[f"{section}/{item['id']}"] = f"{result.path}:{line}"
    return positions
