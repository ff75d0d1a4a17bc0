"""A project's defaults, in one file at its root: `csmanual.yaml` (as mkdocs has mkdocs.yml).

    formats: [html, pdf, pptx]   # what `csmanual build` makes
    out: output                  # where the outputs go, beside the settings file
    theme: my-theme              # a theme folder whose files override the default theme's
    lang: en                     # the language of the messages

Every command reads it; an option on the command line wins over it. Paths in it are
relative to the folder it is in, so a command run from anywhere builds the same project
the same way. It is read with the source's own safe loader and checked like the source:
every problem has a code (E770–E779), a line and a column.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date, datetime
from difflib import get_close_matches
from pathlib import Path

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.messages import value_kind, wording

NAME = "csmanual.yaml"
KEYS = ("formats", "out", "theme", "lang")
DEFAULT_FORMATS = ("html",)  # without settings: the quickest output to look at
DEFAULT_OUT = "output"


@dataclass(frozen=True)
class Settings:
    """What a project's settings file says; None where it says nothing."""

    root: Path  # the project folder: the settings file's folder
    file: Path | None = None  # the settings file, when the project has one
    formats: tuple[str, ...] | None = None
    out: str | None = None
    theme: str | None = None
    lang: str | None = None

    def output_folder(self, out: str | None = None) -> str:
        """`--out` as given (relative to where the command runs), else the settings' `out`
        or `output` beside the project: shown relative to here when it is below here."""
        if out is not None:
            return out
        return shown(self.root / (self.out or DEFAULT_OUT))

    def theme_folder(self, theme: str | None = None) -> str | None:
        """`--theme` as given, else the settings' theme (relative to the project)."""
        if theme is not None or self.theme is None:
            return theme
        return shown(self.root / self.theme)

    def chosen_formats(self, names: str | None = None) -> str:
        """`--format` as given, else the settings' formats, else html (as `--format` text)."""
        if names is not None:
            return names
        return ",".join(self.formats or DEFAULT_FORMATS)


def shown(path: Path) -> str:
    """A path as a person reads it: relative to the current folder when it is below it."""
    here = Path.cwd()
    try:
        return os.path.normpath(path.relative_to(here))
    except ValueError:
        return str(path)


def read(root: str | os.PathLike) -> Settings:
    """The settings of the project in `root` (no file: every default). A file with
    problems raises DiagnosticError with all of them."""
    root = Path(root)
    file = root / NAME
    if not file.is_file():
        return Settings(root)
    from csmanual.loader import LoadError, load

    name = shown(file)
    try:
        source = load(file)
    except LoadError as error:
        if all(d.code == "E010" for d in error.diagnostics):  # empty: every default
            return Settings(root, file)
        said = (replace(_as_settings(d), file=name) for d in error.diagnostics)
        raise DiagnosticError(*said) from None
    source.path = name
    found: list[Diagnostic] = []
    values: dict[str, object] = {}
    for key, value in source.data.items():
        check = _CHECKS.get(key)
        if check is None:
            found.append(source.at("E771", (key,), on_key=True, key=key, suggestion=_near(key)))
            continue
        problems, kept = check(source, key, value, root)
        found += problems
        if not problems:
            values[key] = kept
    if found:
        raise DiagnosticError(*found)
    return Settings(root, file, **values)


def _as_settings(found: Diagnostic) -> Diagnostic:
    """The loader's "not a mapping" speaks of a manual's sections: say it of settings."""
    if found.code != "E011":
        return found
    return Diagnostic(
        "E770", found.file, found.line, found.column, args={**found.args, "names": ", ".join(KEYS)}
    )


def _near(key: object) -> object:
    close = get_close_matches(str(key), KEYS, 1)
    if close:
        return wording("suggest.key", name=close[0])
    return wording("suggest.allowed_keys", names=", ".join(KEYS))


def _wrong_kind(source, key: str, value: object, expected: str, example: str) -> Diagnostic:
    found = _KINDS.get(type(value), "found.map")
    said = value_kind(found) if found in _READ_AS else wording(found)
    expected_said = wording(expected)
    return source.at("E772", (key,), key=key, expected=expected_said, found=said, example=example)


_READ_AS = {"null", "bool", "int", "float", "timestamp"}
_KINDS = {
    type(None): "null",
    bool: "bool",
    int: "int",
    float: "float",
    str: "found.text",
    list: "found.list",
    date: "timestamp",
    datetime: "timestamp",
}


def _formats(source, key, value, root):
    from csmanual.render import FORMATS

    names = value.split(",") if isinstance(value, str) else value
    example = "formats: [html, pdf, pptx]"
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return [_wrong_kind(source, key, value, "settings.kind.formats", example)], None
    names = [n.strip() for n in names if n.strip()]
    if not names:
        return [_wrong_kind(source, key, value, "settings.kind.formats", example)], None
    found = []
    for index, name in enumerate(names):
        if name not in FORMATS:
            close = get_close_matches(name, FORMATS, 1)
            if close:
                suggestion = wording("suggest.key", name=close[0])
            else:
                suggestion = wording("settings.known_formats", names=", ".join(FORMATS))
            path = (key, index) if isinstance(value, list) else (key,)
            found.append(source.at("E773", path, name=name, suggestion=suggestion))
    return found, tuple(dict.fromkeys(names))


def _text(source, key, value, example):
    if isinstance(value, str) and value.strip():
        return [], value.strip()
    return [_wrong_kind(source, key, value, "settings.kind.folder", example)], None


def _out(source, key, value, root):
    return _text(source, key, value, "out: output")


def _theme(source, key, value, root):
    problems, folder = _text(source, key, value, "theme: my-theme")
    if problems:
        return problems, None
    if not (root / folder).is_dir():
        return [source.at("E774", (key,), folder=folder)], None
    return [], folder


def _lang(source, key, value, root):
    from csmanual.catalogue import LANGS

    if value in LANGS:
        return [], value
    return [source.at("E775", (key,), value=value)], None


_CHECKS = {"formats": _formats, "out": _out, "theme": _theme, "lang": _lang}
