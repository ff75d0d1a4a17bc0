"""Themes: where templates and assets are found, and the Jinja environment that renders them.

Search order: the designer's `--theme DIR` → the project's `templates/` → the built-in
default theme. A folder holds only the files it overrides. An override can extend the
original it replaces: `{% extends "!default/html/manual.html.j2" %}` names the default
theme's file explicitly (Pelican's trick), so one block can change and the rest inherit.

Theme authors are not trusted to run code or read files on the build machine: the
environment is sandboxed (no attribute access to Python internals), and a template or
asset must resolve, symlinks followed, to a file inside its theme folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from csmanual import __version__
from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.messages import L, wording

if TYPE_CHECKING:
    from csmanual.loader import Source

DEFAULT_PREFIX = "!default"

# everything that changes the code Jinja compiles a template to (the bytecode cache's key
# holds only the template's path and text)
ENVIRONMENT_OPTIONS = {
    "autoescape": ("html", "html.j2", "xml"),
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def default_theme_dir() -> Path:
    """The built-in theme: `csmanual/default_theme` when installed, else the checkout's
    `templates/`."""
    package = Path(__file__).resolve().parent
    installed = package / "default_theme"
    return installed if installed.is_dir() else package.parents[1] / "templates"


class ThemeError(DiagnosticError):
    """A theme problem a designer can fix, at its file and line: a template error (E750,
    in Jinja's words) unless a coded diagnostic is given."""

    def __init__(
        self,
        problem: str | L | Diagnostic,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ):
        if not isinstance(problem, Diagnostic):
            problem = Diagnostic("E750", file or "theme", line, column, args={"problem": problem})
        super().__init__(problem)
        self.file, self.line, self.column = problem.file, problem.line, problem.column

    @classmethod
    def coded(cls, code: str, file: str | os.PathLike, *at: int | None, **args: object):
        line, column = (*at, None, None)[:2]
        return cls(Diagnostic(code, str(file), line, column, args=args))


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


class Outside(jinja2.TemplateNotFound):
    """A template that resolves, through a symlink or '..', outside its theme folder."""

    def __init__(self, name: str, filename: str):
        super().__init__(name)
        self.filename = filename


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses files resolving (through symlinks) outside its folder."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(os.path.realpath(filename))
        if not any(_inside(real, Path(os.path.realpath(root))) for root in self.searchpath):
            raise Outside(template, filename)
        return source, filename, uptodate


@dataclass
class Theme:
    """An ordered list of theme folders, most specific first; the default theme is last."""

    folders: list[Path]
    _environment: jinja2.Environment | None = field(default=None, repr=False)
    _look: object = field(default=None, repr=False)

    @classmethod
    def locate(
        cls, theme: str | os.PathLike | None = None, project: str | os.PathLike | None = None
    ) -> Theme:
        folders: list[Path] = []
        for candidate in (theme, project):
            if candidate is None:
                continue
            path = Path(candidate)
            if candidate is theme and not path.is_dir():
                raise ThemeError.coded("E751", path, folder=path)
            if path.is_dir():
                folders.append(path.resolve())
        default = default_theme_dir().resolve()
        folders = [f for f in dict.fromkeys(folders) if f != default]
        return cls([*folders, default])

    @property
    def default(self) -> Path:
        return self.folders[-1]

    def find(self, name: str) -> Path:
        """The first file called `name` in the search path, confined to its folder."""
        parts = Path(name).parts
        if Path(name).is_absolute() or ".." in parts:
            raise ThemeError.coded("E753", self.folders[0], name=name, folder=self.folders[0])
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                real = Path(os.path.realpath(candidate))
                if not _inside(real, Path(os.path.realpath(folder))):
                    raise ThemeError.coded("E753", candidate, name=name, folder=folder)
                return candidate
        raise ThemeError.coded("E752", self.folders[0], name=name, searched=self.describe())

    def read_text(self, name: str) -> str:
        return self.find(name).read_text("utf-8")

    def read_bytes(self, name: str) -> bytes:
        return self.find(name).read_bytes()

    def describe(self) -> str:
        return ", ".join(str(f) for f in self.folders)

    def files(self) -> Iterable[Path]:
        """Every file of every theme folder (for change detection)."""
        for folder in self.folders:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    yield path

    def labels(self, lang: str) -> dict[str, str]:
        """UI words (`labels.yaml`) in one language; an override file may set single words."""
        merged: dict[str, str] = {}
        for folder in reversed(self.folders):
            path = folder / "labels.yaml"
            if path.is_file():
                for key, words in _read_labels(path, folder).data.items():
                    if lang in words:
                        merged[key] = str(words[lang])
        return merged

    def omitted(self, formats: Iterable[str]) -> dict[str, list[str]]:
        """What each format leaves out on purpose, by section: `theme.yaml`'s `omit:`
        (`omit: {pptx: [glossary]}`); the most specific theme that names a format decides
        for it, so an override can put a section back with an empty list."""
        known = set(formats)
        decided: dict[str, list[str]] = {}
        for folder in self.folders:
            path = folder / "theme.yaml"
            if not path.is_file():
                continue
            for name, sections in _read_omissions(path, folder, known).items():
                decided.setdefault(name, sections)
        return decided

    def look(self):
        """The colours and fonts of every format (`theme.yaml`'s `palette:` and `fonts:`,
        see `csmanual.palette`), read once."""
        if self._look is None:
            from csmanual.palette import read_look

            files = []
            for level, folder in enumerate(self.folders):
                path = folder / "theme.yaml"
                if path.is_file():
                    files.append((level, path, _read_yaml(path, folder)))
            self._look = read_look(files)
        return self._look

    def stray_labels(self) -> list[Diagnostic]:
        """Words an override's labels.yaml sets that the default theme does not have and no
        template of the overrides names: most likely a misspelt key, which no build uses."""
        import difflib
        import re

        known = set(_read_labels(self.default / "labels.yaml", self.default).data)
        overrides = self.folders[:-1]
        named = "\n".join(
            path.read_text("utf-8", errors="replace")
            for folder in overrides
            for path in sorted(folder.rglob("*.j2"))
        )
        stray = []
        for folder in overrides:
            path = folder / "labels.yaml"
            if not path.is_file():
                continue
            labels = _read_labels(path, folder)
            for key in labels.data:
                if key in known or re.search(rf"\b{re.escape(key)}\b", named):
                    continue
                near = difflib.get_close_matches(key, known, n=1)
                at = labels.span((key,), on_key=True)
                args = {"key": key, "suggestion": _did_you_mean(near)}
                stray.append(Diagnostic("W750", str(path), at.line, at.column, args=args))
        return stray

    def environment(self, filters: dict[str, Callable] | None = None) -> jinja2.Environment:
        if self._environment is None:
            loader = jinja2.ChoiceLoader(
                [
                    ConfinedLoader([str(f) for f in self.folders]),
                    jinja2.PrefixLoader(
                        {DEFAULT_PREFIX: ConfinedLoader(str(self.default))}, delimiter="/"
                    ),
                ]
            )
            options = dict(ENVIRONMENT_OPTIONS)
            env = ImmutableSandboxedEnvironment(
                loader=loader,
                autoescape=jinja2.select_autoescape(
                    list(options.pop("autoescape")), default_for_string=True
                ),
                undefined=jinja2.StrictUndefined,
                bytecode_cache=bytecode_cache(),
                **options,
            )
            env.globals["inline"] = self._inline
            env.globals["theme_style"] = self._theme_style
            self._environment = env
        if filters:
            self._environment.filters.update(filters)
        return self._environment

    @jinja2.pass_context
    def _theme_style(self, context, fmt: str) -> Markup:
        """theme.yaml's palette and fonts as CSS for `fmt` (html, pdf, card), in the order
        of the manual's language: `<style>{{ theme_style("pdf") }}</style>`."""
        from csmanual.palette import css

        return Markup(css(self.look(), fmt, context.get("lang", "ko"), self))

    def _inline(self, name: str) -> Markup:
        """The text of a theme asset, for a <style> or <script> block of a self-contained page."""
        return Markup(self.read_text(name))

    def render(self, name: str, context: dict, filters: dict[str, Callable] | None = None) -> str:
        env = self.environment(filters)
        try:
            return env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as error:
            raise ThemeError(
                error.message or "syntax error", error.filename or error.name, error.lineno
            ) from None
        except Outside as error:
            file, line = _template_position(error)  # the template that includes it, if any
            folder = next((f for f in self.folders if str(error.filename).startswith(str(f))), "")
            at = (file, line) if file else (error.filename, None)
            raise ThemeError.coded("E753", *at, name=error.name, folder=folder) from None
        except jinja2.TemplateNotFound as error:
            file, line = _template_position(error)
            at = (file, line) if file else (self.folders[0], None)
            raise ThemeError.coded("E752", *at, name=error.name, searched=self.describe()) from None
        except jinja2.UndefinedError as error:
            file, line = _template_position(error)
            problem = wording("template.undefined", detail=error.message)
            raise ThemeError(problem, file, line) from None
        except jinja2.exceptions.SecurityError as error:
            file, line = _template_position(error)
            raise ThemeError(
                wording("template.not_allowed", detail=str(error)), file, line
            ) from None
        except RecursionError as error:  # a macro, include or recursive loop that never ends
            file, line = _template_position(error)
            raise ThemeError(wording("template.recursion"), file, line) from None
        except (
            jinja2.TemplateError,
            ArithmeticError,
            AttributeError,
            LookupError,
            OSError,
            TypeError,
            ValueError,
        ) as error:  # 1/0, 'a' + 1, '{0}'.format(), unreadable asset
            file, line = _template_position(error)
            raise ThemeError(f"{type(error).__name__}: {error}", file, line) from None


def _did_you_mean(near: list[str]):
    return wording("suggest.key", name=near[0]) if near else wording("suggest.label_spelling")


def _read_yaml(path: Path, folder: Path) -> Source:
    """A theme's YAML file (labels.yaml, theme.yaml), read like a source: confined to its
    folder, size-limited, no anchors or aliases (an alias bomb here would be expanded by
    the build process itself, outside the render limits), no tags. Empty: no data."""
    from csmanual.loader import LoadError, Source, load

    if not _inside(Path(os.path.realpath(path)), Path(os.path.realpath(folder))):
        raise ThemeError.coded("E753", path, name=path.name, folder=folder)
    try:
        return load(path)
    except LoadError as error:
        first = error.diagnostics[0]
        if first.code == "E010":
            return Source(str(path), {})
        raise ThemeError(first) from None  # the loader's own rule: E004 at its line


def _read_labels(path: Path, folder: Path) -> Source:
    source = _read_yaml(path, folder)
    for key, words in source.data.items():
        _check_words(source, path, key, words)
    return source


def _read_omissions(path: Path, folder: Path, formats: set[str]) -> dict[str, list[str]]:
    """`theme.yaml`'s `omit:`, checked: a known format → a list of section names."""
    source = _read_yaml(path, folder)
    omit = source.data.get("omit", {})
    if not isinstance(omit, dict):
        span = source.span(("omit",), on_key=True)
        raise ThemeError.coded("E757", path, span.line, span.column, format="omit")
    for name, sections in omit.items():
        good = isinstance(sections, list) and all(isinstance(s, str) for s in sections)
        if name not in formats or not good:
            span = source.span(("omit", name), on_key=True)
            raise ThemeError.coded("E757", path, span.line, span.column, format=name)
    return omit


def _check_words(source: Source, path: Path, key: str, words: object) -> None:
    """`key: {ko: 목차, en: Contents}`: anything else would be passed over without a word,
    or print as "None" in the manual."""
    from csmanual.messages import LANGS  # not at import: a no-op rebuild never needs it

    def fail(code: str, *at: object) -> ThemeError:
        span = source.span((key, *at), on_key=bool(at))
        return ThemeError.coded(code, path, span.line, span.column, key=key, lang=(*at, "")[0])

    if not isinstance(words, dict):
        raise fail("E754")
    for lang, word in words.items():
        if lang not in LANGS:
            raise fail("E755", lang)
        if isinstance(word, bool) or not isinstance(word, (str, int, float)):
            raise fail("E756", lang)


def _template_position(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template frame of a rendering error: the file and line a designer edits."""
    file = line = None
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((".j2", ".html", ".css", ".js", ".yaml")):
            file, line = code.co_filename, tb.tb_lineno
            template = tb.tb_frame.f_globals.get("__jinja_template__")
            if template is not None:
                line = template.get_corresponding_lineno(tb.tb_lineno)
        tb = tb.tb_next
    return file, line


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A cache entry that cannot be read (damaged, truncated) is compiled again, and a cache
    that cannot be written (disk full, read-only) is simply not used."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # any damage means: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds: the slide plan alone takes ~45 ms to compile.

    The folder is private to the user (0700: only they can plant code in it) and named
    after everything the compiled code depends on, so another version never reads it.
    `CSMANUAL_CACHE_DIR` moves it; `CSMANUAL_CACHE_DIR=off` turns it off.
    """
    base = os.environ.get("CSMANUAL_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "csmanual"
    )
    if base == "off":
        return None
    key = repr((__version__, jinja2.__version__, sys.version_info[:2], ENVIRONMENT_OPTIONS))
    folder = os.path.join(base, "templates-" + hashlib.sha256(key.encode()).hexdigest()[:16])
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.stat(folder)
        if info.st_uid != os.getuid() or info.st_mode & 0o077:
            return None  # someone else could write code into it
    except OSError:
        return None
    return _QuietBytecodeCache(folder)
