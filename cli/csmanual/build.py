"""The pipeline, start to finish: validate → context → render each format → write.

Every format is rendered in memory first; files are written (atomically) only when all
of them succeeded, so the outputs of one build always agree with each other and a
failed build leaves the previous outputs exactly as they were.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from csmanual import manifest, render
from csmanual.context import build_context
from csmanual.diagnostics import Diagnostic
from csmanual.fileio import write_atomic
from csmanual.theme import Theme
from csmanual.validate import Result, validate_file


@dataclass
class Output:
    format: str
    path: Path
    size: int
    seconds: float


@dataclass
class BuildResult:
    validation: Result
    outputs: list[Output] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.validation.diagnostics

    @property
    def ok(self) -> bool:
        return self.validation.ok


Progress = Callable[[str, float], None]  # (format, seconds) after each rendered format


def project_root(source: str | os.PathLike) -> Path:
    """`x/source/manual.yaml` → `x`; a source elsewhere → its own folder."""
    folder = Path(source).resolve().parent
    return folder.parent if folder.name == "source" else folder


def load_theme(source: str | os.PathLike, theme: str | os.PathLike | None = None) -> Theme:
    return Theme.locate(theme, project_root(source) / "templates")


def context_for(result: Result, theme: Theme) -> dict:
    assert result.manual is not None
    return build_context(result.manual, theme.labels(result.manual.meta.language))


def build(
    source: str | os.PathLike,
    formats: Sequence[str],
    out_dir: str | os.PathLike,
    theme_dir: str | os.PathLike | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build `formats` from `source` into `out_dir`; raises ThemeError for template problems."""
    validation = validate_file(source)
    result = BuildResult(validation)
    if not validation.ok:
        return result
    theme = load_theme(source, theme_dir)
    context = context_for(validation, theme)
    rendered = []
    for name in formats:
        started = time.perf_counter()
        renderer = render.get(name)
        data = renderer.render(context, theme)
        seconds = time.perf_counter() - started
        rendered.append((renderer, data, seconds))
        if progress:
            progress(name, seconds)
    for renderer, data, seconds in rendered:
        path = Path(out_dir) / renderer.filename
        write_atomic(path, data)
        result.outputs.append(Output(renderer.name, path, len(data), seconds))
    manifest.write(out_dir, source, manifest.theme_digest(theme),
                   [(o.format, o.path) for o in result.outputs])
    return result
