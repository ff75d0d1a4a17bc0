"""The only way the PDF engine may load a file: from the theme or the source folder.

WeasyPrint fetches whatever a template or stylesheet names (`url(...)`, `@import`,
`<img src>`, `<link rel=attachment>`), by default from the network and the whole file
system. A theme is not trusted, so this fetcher allows `file:` URLs inside a theme folder
(found through the theme's search path, so an override folder can replace single assets)
or inside the source folder, and `data:` URLs; everything else is refused, and any failed
fetch stops the build with a message that names the URL, never a silent gap in the PDF.
"""

from __future__ import annotations

import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from csmanual.catalogue import L
from csmanual.catalogue.render_rules import NOT_FOUND, REFUSED_AS
from csmanual.characters import line_col
from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.render.pdf.engine import path2url
from csmanual.theme import DEFAULT_PREFIX, Theme, ThemeError

CONTENT_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
}


class FetchRefused(DiagnosticError):
    """A template or stylesheet asked for a file the PDF may not load (E702, E703), at the
    theme file that names it where one does."""


class _Refused(Exception):
    """Why `_fetch` refused a URL: a rule code and its args, placed by `fetch`."""

    def __init__(self, code: str, **args: object):
        super().__init__(code)
        self.code, self.args_ = code, args


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


class ConfinedFetcher(URLFetcher):
    """Serves theme assets (search path applied) and source-folder files; nothing else."""

    def __init__(self, theme: Theme, source_dir: str | os.PathLike | None = None):
        super().__init__(
            allowed_protocols=("file", "data"),
            allow_redirects=False,
            fail_on_errors=True,
            timeout=1,
        )
        self.theme = theme
        self.source_dir = Path(os.path.realpath(source_dir)) if source_dir else None
        self.failures: list[Diagnostic] = []  # every refusal, in case the engine swallows one
        self.fetched: list[str] = []
        self.last_stylesheet: str | None = None  # for engine messages that give only line:col
        self.stylesheets: list[str] = []  # in the order loaded: where generated text is set
        # the template laid out (the renderer says): where a refusal no theme file spells out
        # is named, e.g. a URL made by a template expression
        self.document = str(theme.folders[0] / "pdf")

    @property
    def base_url(self) -> str:
        """Where relative URLs of the generated HTML resolve: the first theme folder."""
        return path2url(str(self.theme.folders[0] / "pdf")) + "/"

    def fetch(self, url, headers=None):
        try:
            response = self._fetch(url)
        except _Refused as refused:
            file, line, column = written_at(self.theme, url) or (self.document, None, None)
            found = Diagnostic(refused.code, file, line, column, args=refused.args_)
            self.failures.append(found)
            raise FetchRefused(found) from None
        self.fetched.append(url)
        return response

    def _fetch(self, url: str) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url)
        if scheme != "file":
            raise _Refused("E702", url=url, outside=REFUSED_AS["network"])
        path = Path(url2pathname(urlsplit(url).path))
        for folder in self.theme.folders:
            if _inside(path, folder):
                name = path.relative_to(folder).as_posix()
                try:
                    found = self._find(name)
                except ThemeError as error:
                    raise _Refused("E703", name=name, reason=said(error)) from None
                return self._response(url, found)
        real = Path(os.path.realpath(path))
        if self.source_dir is not None and _inside(real, self.source_dir):
            if not real.is_file():
                raise _Refused("E703", name=str(path), reason=NOT_FOUND)
            return self._response(url, real)
        outside = REFUSED_AS["outside both" if self.source_dir else "outside theme"]
        raise _Refused("E702", url=url, outside=outside)

    def _find(self, name: str) -> Path:
        """`name` through the search path; `!default/name` in the default theme only.

        An override stylesheet extends the original with `@import "../!default/pdf/print.css"`
        (the same prefix as templates use), where `print.css` would find itself.
        """
        prefix = DEFAULT_PREFIX + "/"
        if name.startswith(prefix):
            return Theme([self.theme.default]).find(name[len(prefix) :])
        return self.theme.find(name)

    def _response(self, url: str, path: Path) -> URLFetcherResponse:
        kind = CONTENT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
        if kind == "text/css":
            self.last_stylesheet = str(path)
            if str(path) not in self.stylesheets:
                self.stylesheets.append(str(path))
        headers = {"Content-Type": kind or "application/octet-stream"}
        return URLFetcherResponse(url, path.read_bytes(), headers=headers)


def said(error: Exception) -> L | str:
    """An error's words for a message arg: a coded error's own message in both languages."""
    found = getattr(error, "diagnostics", None)
    if found:
        return L(found[0].message("ko"), found[0].message("en"))
    return str(error)


# how a theme file names another file: url(…) and @import "…" in CSS, src/href in HTML
_REFERENCES = re.compile(
    r"""url\(\s*(["']?)(?P<css>[^"')]*)\1\s*\)"""
    r"""|@import\s+(["'])(?P<imported>[^"']*)\3"""
    r"""|\b(?:src|href)\s*=\s*(["'])(?P<html>[^"']*)\5"""
)


def written_at(theme: Theme, url: str) -> tuple[str, int, int] | None:
    """(file, line, column) of the designer's theme file that names `url` (resolved as the
    engine resolves it), or None: the message then names the URL alone. The default theme
    names no refused URL, so only the designer's folders are read."""
    for folder in theme.folders[:-1]:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".css", ".j2", ".html") or not path.is_file():
                continue
            if path.is_symlink() or not _inside(Path(os.path.realpath(path)), folder):
                continue
            try:
                text = path.read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            # served from the first folder whatever folder holds it (the search path)
            base = path2url(str(theme.folders[0] / path.relative_to(folder)))
            for match in _REFERENCES.finditer(text):
                group = next(g for g in ("css", "imported", "html") if match.group(g) is not None)
                if urljoin(base, match.group(group).strip()) == url:
                    line, column = line_col(text, match.start(group))
                    return str(path), line, column
    return None
