"""`csmanual serve`: a live preview of the HTML manual on loopback.

The page is rebuilt in memory whenever the source or a theme file changes (polling:
nothing to install, and a manual project is a handful of files). The page asks the
server once a second whether a newer build exists and reloads itself. A validation or
template error replaces the page with the error, so the preview is never stale.
"""

from __future__ import annotations

import contextlib
import html
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from csmanual import diagnostics, isolation
from csmanual.diagnostics import DiagnosticError
from csmanual.errors import UserError
from csmanual.messages import both
from csmanual.project import Project, render_format
from csmanual.theme import ThemeError

GENERATION_PATH = "/__csmanual__/generation"
_RELOADER = f"""<script>
(function () {{
  var seen = null;
  setInterval(function () {{
    fetch("{GENERATION_PATH}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})
      .then(function (g) {{ if (seen === null) seen = g; else if (g !== seen) location.reload(); }})
      .catch(function () {{}});
  }}, 1000);
}})();
</script>"""


def _error_page(title: str, body: str) -> bytes:
    return (
        "<!doctype html><html lang='ko'><head><meta charset='utf-8'>"
        f"<title>csmanual: {html.escape(title)}</title>"
        "<style>body{font:15px/1.6 system-ui,sans-serif;margin:2rem;color:#222}"
        "pre{background:#fff4f4;border-left:4px solid #c62828;padding:1rem;white-space:pre-wrap}"
        "</style></head><body>"
        f"<h1>{html.escape(title)}</h1><pre>{html.escape(body)}</pre>{_RELOADER}</body></html>"
    ).encode()


class Preview:
    """The latest build of the page, rebuilt when its inputs change."""

    def __init__(self, source: str, theme_dir: str | None):
        self.source = source
        self.theme_dir = theme_dir
        self.page = b""
        self.generation = 0
        self.snapshot: tuple = ()
        self.lock = threading.Lock()
        # what the last rebuild found, for the terminal: (problems, their language), or the
        # one-line message of a problem that has no code
        self.problems: list = []
        self.lang = "ko"
        self.message = ""

    def inputs(self) -> tuple:
        files = [Path(self.source)]
        with contextlib.suppress(ThemeError):  # a broken theme is reported by the build
            files += list(Project(self.source, self.theme_dir).theme.files())
        state = []
        for path in files:
            try:
                stat = path.stat()
                state.append((str(path), stat.st_mtime_ns, stat.st_size))
            except OSError:
                state.append((str(path), None, None))
        return tuple(state)

    def rebuild(self) -> str:
        """Build the page through a fresh `Project`, as `csmanual build` would."""
        project = Project(self.source, self.theme_dir)
        result = project.validation
        self.problems, self.lang, self.message = list(result.diagnostics), result.lang, ""
        if not result.ok:
            text = diagnostics.format_text(result.diagnostics, result.lang)
            page, status = (
                _error_page(both("serve.source_errors"), text),
                "error",
            )
        else:
            try:
                job = isolation.Job(
                    "html", render_format, ("html", project.context, project.theme.folders)
                )
                rendered = isolation.run([job])["html"]
                self.problems += rendered.diagnostics  # the renderer's warnings
                page = rendered.data.replace(b"</body>", _RELOADER.encode() + b"</body>", 1)
                status = "ok"
            except DiagnosticError as error:  # a template's or a renderer's coded problem
                self.problems += error.diagnostics
                text = diagnostics.format_text(error.diagnostics, result.lang)
                page, status = _error_page(both("serve.template_error"), text), "error"
            except UserError as error:
                self.message = str(error)
                page, status = _error_page(both("serve.template_error"), str(error)), "error"
            except isolation.JobFailed as error:  # keep serving: the next edit may mend it
                title = both("serve.internal_error")
                self.message = f"{title}: {error}"
                page, status = _error_page(title, str(error)), "error"
        with self.lock:
            self.page = page
            self.generation += 1
        return status

    def refresh_if_changed(self) -> str | None:
        snapshot = self.inputs()
        if snapshot == self.snapshot:
            return None
        self.snapshot = snapshot
        return self.rebuild()


def terminal_news(what: str, status: str, preview: Preview, colour: bool = False) -> str:
    """`12:00:00 rebuilt: error`, then the problems as `csmanual build` prints them (file,
    line, message, hint, in the manual's language) and its summary line: the designer
    reads what to fix where they typed the command, not only in the browser."""
    lines = [f"{time.strftime('%H:%M:%S')} {what}: {status}"]
    if preview.problems:
        lines.append(diagnostics.format_text(preview.problems, preview.lang, colour))
        lines.append(diagnostics.summary(preview.problems, preview.lang, colour))
    if preview.message:
        lines.append(preview.message)
    return "\n".join(lines)


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
MAX_CLIENTS = 32  # a browser needs two or three; more are held off, never a thread each
IDLE_SECONDS = 10  # a client that sends nothing for this long is let go


class _Server(ThreadingHTTPServer):
    """Loopback only, a bounded number of client threads, one log line per failure."""

    daemon_threads = True

    def __init__(self, address, handler, log):
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(MAX_CLIENTS)
        self.log = log

    def process_request(self, request, client_address) -> None:
        if not self.slots.acquire(blocking=False):
            self.shutdown_request(request)  # too many at once: this one is turned away
            return
        try:
            super().process_request(request, client_address)
        except Exception:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        self.log(f"{time.strftime('%H:%M:%S')} client {client_address[0]}: {error!r}")


def serve(source: str, theme_dir: str | None, port: int, log=print, colour: bool = False) -> None:
    preview = Preview(source, theme_dir)
    first = preview.refresh_if_changed()

    class Handler(BaseHTTPRequestHandler):
        timeout = IDLE_SECONDS  # socket timeout: a half-sent request does not hold a thread

        def do_GET(self) -> None:
            if not self._loopback_host():
                # DNS rebinding: a page of another site, resolved to 127.0.0.1, reads ours
                self.send_error(403, "only http://127.0.0.1 or http://localhost is served")
                return
            if self.path == GENERATION_PATH:
                body, kind = str(preview.generation).encode(), "text/plain"
            elif self.path in ("/", "/index.html", "/manual.html"):
                with preview.lock:
                    body, kind = preview.page, "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _loopback_host(self) -> bool:
            host = (self.headers.get("Host") or "").lower()
            port = str(self.server.server_address[1])
            return host in LOOPBACK_NAMES or any(host == f"{n}:{port}" for n in LOOPBACK_NAMES)

        def log_message(self, *args) -> None:  # keep the terminal for rebuild news
            pass

    server = _Server(("127.0.0.1", port), Handler, log)
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.5):
            status = preview.refresh_if_changed()
            if status:
                log(terminal_news("rebuilt", status, preview, colour))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    log(f"http://127.0.0.1:{server.server_address[1]}/  ({os.path.basename(source)}; Ctrl-C stops)")
    log(terminal_news("built", first or "ok", preview, colour))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
