"""The pipeline, start to finish: validate → context → render each format → write.

Every format is rendered in memory first; files are written (atomically) only when all
of them succeeded, so the outputs of one build always agree with each other and a
failed build leaves the previous outputs exactly as they were.

A build whose inputs (source, effective theme files, tool version) match the manifest of
the previous build, with every requested output still as it was written, renders
nothing: the hashes decide, never timestamps.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from csmanual import __version__, isolation, manifest, render
from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.errors import UserError
from csmanual.fileio import locked, remove_temporaries, write_all_atomic
from csmanual.project import Project, Rendered, render_format

if TYPE_CHECKING:  # validation (pydantic, the model) is imported when used:
    from csmanual.validate import Result  # a no-op rebuild never pays for it (~0.12 s)


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
    rendered: list[Rendered] = field(default_factory=list)
    up_to_date: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not any(d.level == "error" for d in self.diagnostics)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The source's problems, then what each renderer reported."""
        found = list(self.validation.diagnostics) if self.validation else []
        for result in self.rendered:
            found.extend(result.diagnostics)
        return found


Progress = Callable[[str, float], None]  # (format, seconds) after each rendered format


def _up_to_date(source: Path, theme_hash: str, out_dir: Path, formats: Sequence[str]) -> bool:
    previous = manifest.read(out_dir)
    if not previous or previous.get("building") or previous["tool"]["version"] != __version__:
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


def build(
    project: Project,
    formats: Sequence[str],
    out_dir: str | os.PathLike,
    *,
    force: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Build `formats` of `project` into `out_dir`.

    Nothing is written when the source has errors, a renderer reports an error, or (with
    `strict`) anything at all was reported. Template and theme problems raise
    DiagnosticError; the outputs are then left as they were.
    """
    source, out_dir = Path(project.source), Path(out_dir)
    _refuse_harmful(out_dir, project, formats)
    theme_hash = manifest.theme_digest(project.theme)
    if (
        not force
        and project.changes_since is None
        and source.is_file()
        and _up_to_date(source, theme_hash, out_dir, formats)
    ):
        return BuildResult(None, up_to_date=True)
    # one render child per format, forked now so that it imports its engine (WeasyPrint:
    # ~0.5 s) while we validate; leaving the block stops children that were not needed
    jobs = [
        isolation.Job(name, render_format, None, prepare=partial(_start_renderer, name))
        for name in formats
    ]
    with isolation.Batch(jobs) as renderers:
        result = BuildResult(project.validation)
        if _stops(result.diagnostics, strict):
            return result
        _refuse_oversized(project)
        context, folders = project.context, project.theme.folders

        def done(name: str, value: Rendered) -> None:
            if progress:
                progress(name, value.seconds)

        arguments = {name: (name, context, folders) for name in formats}
        rendered = renderers.run(arguments, on_done=done)
    result.rendered = [rendered[name] for name in formats]
    result.outputs = [
        Output(r.format, out_dir / render.filename(r.format), len(r.data), r.seconds)
        for r in result.rendered
    ]
    if _stops(result.diagnostics, strict):
        return result
    assert project.validation.source is not None  # it validated
    _write(out_dir, result, source.name, project.validation.source.sha256, theme_hash)
    result.written = True
    return result


# WeasyPrint's formats take longest (the sample's PDF: ~3 s, its deck: ~0.3 s): with
# fewer cores than processes, the other children yield the CPU to them and to the
# validation that all of them wait for
LONGEST = ("pdf", "card")


def _start_renderer(name: str) -> render.Renderer:
    if name not in LONGEST:
        with contextlib.suppress(OSError):
            os.nice(10)
    return render.get(name)


def _refuse_harmful(out_dir: Path, project: Project, formats: Sequence[str]) -> None:
    """An output folder whose files would replace the source, or that lies inside a theme
    folder (the outputs would become theme files), is refused before anything is done."""
    where = out_dir.resolve()
    source = Path(project.source).resolve()
    for name in formats:
        if (where / render.filename(name)) == source:
            raise DiagnosticError(
                Diagnostic(
                    "E758",
                    str(out_dir),
                    args={"output": render.filename(name), "source": project.source},
                )
            )
    for folder in project.theme.folders:
        if where == folder or folder in where.parents:
            raise DiagnosticError(
                Diagnostic("E759", str(out_dir), args={"out": out_dir, "theme": folder})
            )


MAX_ITEMS = 5_000  # every entry with an id; the sample has about 170
MAX_TEXT = 50_000  # characters in one value; a long paragraph is about 1,000


def _refuse_oversized(project: Project) -> None:
    """A manual too large to render is said in a second, not after minutes of layout at
    the memory limit (a 100,000-term glossary, an 8 MB line)."""
    from csmanual.model_walk import strings

    source = project.validation.source
    assert source is not None  # it validated
    items = _count_items(source.data)
    if items > MAX_ITEMS:
        args = {"count": f"{items:,}", "limit": f"{MAX_ITEMS:,}"}
        raise DiagnosticError(Diagnostic("E793", source.path, args=args))
    path, text = max(strings(source.data), key=lambda found: len(found[1]), default=((), ""))
    if len(text) > MAX_TEXT:
        at = source.span(path)
        args = {"length": f"{len(text):,}", "limit": f"{MAX_TEXT:,}"}
        raise DiagnosticError(Diagnostic("E794", source.path, at.line, at.column, (), args))


def _count_items(data: object) -> int:
    if isinstance(data, dict):
        return ("id" in data) + sum(_count_items(value) for value in data.values())
    if isinstance(data, list):
        return sum(_count_items(value) for value in data)
    return 0


def _stops(found: list[Diagnostic], strict: bool) -> bool:
    return any(d.level == "error" for d in found) or (strict and bool(found))


def _write(
    out_dir: Path, result: BuildResult, source_name: str, source_hash: str, theme_hash: str
) -> None:
    """The outputs, then the manifest that vouches for them; a folder that cannot be made
    or written (no permission, no space) is a UserError saying what was left as it was."""
    data = {o.path: r.data for o, r in zip(result.outputs, result.rendered, strict=True)}
    step = "open"
    try:
        with locked(out_dir):  # a second build into the same folder writes before or after
            remove_temporaries(out_dir)  # left by a build that was killed while writing
            step = "write"
            manifest.mark_building(out_dir)
            write_all_atomic(data)
            step = "manifest"
            written = [(o.format, o.path) for o in result.outputs]
            manifest.write(out_dir, source_name, source_hash, theme_hash, written)
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
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(d.level == "error" for d in self.diagnostics)


def check_theme(project: Project, formats: Sequence[str]) -> list[FormatCheck]:
    """Render each format of `project` with its theme, in memory, and say what fails.

    A designer's dry run: every problem of every format at once (a build stops at the
    first), the PPTX master's missing layouts and placeholders all listed, nothing written.
    The source must validate first (`project.validation.ok`).
    """
    context, folders = project.context, project.theme.folders
    checks = []
    for name in formats:
        check = FormatCheck(name)
        try:
            if name == "pptx":  # every gap of the master, not only the first one rendering meets
                job = isolation.Job(name, _master_problems, (context, folders))
                check.diagnostics = isolation.run([job])[name]
            if not check.failed:
                job = isolation.Job(name, render_format, (name, context, folders))
                check.diagnostics += isolation.run([job])[name].diagnostics
        except DiagnosticError as error:  # a template error, a missing glyph, a limit
            check.diagnostics += error.diagnostics
        checks.append(check)
    return checks


def _master_problems(context: dict, folders: list[Path]) -> list[Diagnostic]:
    from csmanual.render.pptx import check_master
    from csmanual.theme import Theme

    return check_master(Theme(list(folders)), context)
