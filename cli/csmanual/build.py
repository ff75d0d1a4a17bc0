"""The pipeline, start to finish: validate → context → render each format → write.

Every format is rendered in memory first; files are written (atomically) only when all
of them succeeded, so the outputs of one build always agree with each other and a
failed build leaves the previous outputs exactly as they were.

A build whose inputs (source, effective theme files, tool version) match the manifest of
the previous build, with every requested output still as it was written, renders
nothing: the hashes decide, never timestamps.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from csmanual import __version__, isolation, manifest, render
from csmanual.diagnostics import Diagnostic
from csmanual.errors import UserError
from csmanual.fileio import locked, remove_temporaries, write_all_atomic
from csmanual.theme import Theme

if TYPE_CHECKING:  # validate and context (pydantic, the model) are imported when used:
    from csmanual.validate import Result  # a no-op rebuild never pays for them (~0.12 s)


@dataclass
class Output:
    format: str
    path: Path
    size: int
    seconds: float


@dataclass
class BuildResult:
    validation: Result | None  # None when nothing had to be rebuilt
    outputs: list[Output] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # renderer warnings (e.g. a slide too full)
    up_to_date: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.validation.diagnostics if self.validation else []

    @property
    def ok(self) -> bool:
        return self.validation is None or self.validation.ok


Progress = Callable[[str, float], None]  # (format, seconds) after each rendered format


def project_root(source: str | os.PathLike) -> Path:
    """`x/source/manual.yaml` → `x`; a source elsewhere → its own folder."""
    folder = Path(source).resolve().parent
    return folder.parent if folder.name == "source" else folder


def load_theme(source: str | os.PathLike, theme: str | os.PathLike | None = None) -> Theme:
    return Theme.locate(theme, project_root(source) / "templates")


def context_for(
    result: Result, theme: Theme, earlier: Result | None = None, since: str | None = None
) -> dict:
    from csmanual.context import build_context

    assert result.manual is not None
    context = build_context(
        result.manual,
        theme.labels(result.manual.meta.language),
        earlier.manual if earlier else None,
        since,
    )
    # where things stand, so that a renderer's error or warning names the source line
    context["source_file"] = result.path
    context["positions"] = _item_positions(result)
    return context


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


def _up_to_date(source: Path, theme_hash: str, out_dir: Path, formats: Sequence[str]) -> bool:
    previous = manifest.read(out_dir)
    if not previous or previous.get("tool", {}).get("version") != __version__:
        return False
    if previous.get("theme", {}).get("sha256") != theme_hash:
        return False
    if previous.get("source", {}).get("sha256") != manifest.sha256_file(source):
        return False
    outputs = previous.get("outputs", {})
    for name in formats:
        entry = outputs.get(render.filename(name))
        path = out_dir / render.filename(name)
        if entry is None or not path.is_file() or path.stat().st_size != entry.get("size"):
            return False
        if manifest.sha256_file(path) != entry.get("sha256"):
            return False
    return True


def render_format(name: str, context: dict, folders: list[Path]) -> tuple[bytes, list[str], float]:
    started = time.perf_counter()
    renderer = render.get(name)
    data = renderer.render(context, Theme(list(folders)))
    return data, list(getattr(renderer, "warnings", [])), time.perf_counter() - started


def build(
    source: str | os.PathLike,
    formats: Sequence[str],
    out_dir: str | os.PathLike,
    theme_dir: str | os.PathLike | None = None,
    progress: Progress | None = None,
    force: bool = False,
    strict: bool = False,
    changes_since: Result | None = None,
    since: str | None = None,
) -> BuildResult:
    """Build `formats` from `source` into `out_dir`.

    `changes_since`, an earlier validated version, makes the outputs mark what changed.
    Nothing is written when the source has errors (or, with `strict`, warnings). Raises
    ThemeError (and the renderers' own errors) for template problems; the outputs are
    then left as they were.
    """
    source, out_dir = Path(source), Path(out_dir)
    theme = load_theme(source, theme_dir)
    theme_hash = manifest.theme_digest(theme)
    if (
        not force
        and changes_since is None
        and source.is_file()
        and _up_to_date(source, theme_hash, out_dir, formats)
    ):
        return BuildResult(None, up_to_date=True)
    # one render child per format, forked now so that it imports its engine (WeasyPrint:
    # ~0.4 s) while we validate; leaving the block stops children that were not needed
    jobs = [
        isolation.Job(name, render_format, None, prepare=partial(render.get, name))
        for name in formats
    ]
    with isolation.Batch(jobs) as renderers:
        from csmanual.validate import validate_file

        validation = validate_file(source)
        result = BuildResult(validation)
        if not validation.ok or (strict and validation.diagnostics):
            return result
        context = context_for(validation, theme, changes_since, since)

        def done(name: str, value: tuple) -> None:
            if progress:
                progress(name, value[2])

        arguments = {name: (name, context, theme.folders) for name in formats}
        rendered = renderers.run(arguments, on_done=done)
    for name in formats:
        data, notes, seconds = rendered[name]
        result.outputs.append(Output(name, out_dir / render.filename(name), len(data), seconds))
        result.notes.extend(notes)
    _write(out_dir, result.outputs, rendered, source, theme_hash)
    return result


def _write(
    out_dir: Path, outputs: list[Output], rendered: dict, source: Path, theme_hash: str
) -> None:
    """The outputs, then the manifest that vouches for them; a folder that cannot be made
    or written (no permission, no space) is a UserError saying what was left as it was."""
    step = "open"
    try:
        with locked(out_dir):  # a second build into the same folder writes before or after
            remove_temporaries(out_dir)  # left by a build that was killed while writing
            step = "write"
            write_all_atomic({o.path: rendered[o.format][0] for o in outputs})
            step = "manifest"
            manifest.write(out_dir, source, theme_hash, [(o.format, o.path) for o in outputs])
    except OSError as error:
        reason = error.strerror or str(error)
        if error.filename:
            reason += f": {error.filename}"
        raise UserError(f"{out_dir}: {_CANNOT[step]} ({reason})") from None


_CANNOT = {
    "open": "cannot create or open the output folder; choose another --out",
    "write": "cannot write the outputs there; the files already there are unchanged",
    "manifest": "the outputs were written but manifest.json was not; build again once the "
    "folder is writable (until then `csmanual verify` cannot vouch for them)",
}


@dataclass
class FormatCheck:
    format: str
    problems: list[str]  # what stops this format from building
    warnings: list[str]


def check_theme(
    source: str | os.PathLike, formats: Sequence[str], theme_dir: str | os.PathLike | None = None
) -> tuple[Result, list[FormatCheck]]:
    """Render each format from `source` with the theme, in memory, and say what fails.

    A designer's dry run: every problem of every format at once (a build stops at the
    first), the PPTX master's missing layouts and placeholders all listed, nothing written.
    """
    from csmanual.validate import validate_file

    theme = load_theme(source, theme_dir)
    validation = validate_file(source)
    if not validation.ok:
        return validation, []
    context = context_for(validation, theme)
    checks = []
    for name in formats:
        check = FormatCheck(name, [], [])
        try:
            if name == "pptx":  # every gap of the master, not only the first one rendering meets
                job = isolation.Job(name, _master_problems, (context, theme.folders))
                check.problems = isolation.run([job])[name]
            if not check.problems:
                job = isolation.Job(name, render_format, (name, context, theme.folders))
                check.warnings = isolation.run([job])[name][1]
        except UserError as error:  # ThemeError, a missing glyph, a limit
            check.problems.append(str(error))
        checks.append(check)
    return validation, checks


def _master_problems(context: dict, folders: list[Path]) -> list[str]:
    from csmanual.render.pptx import check_master

    return check_master(Theme(list(folders)), context)
