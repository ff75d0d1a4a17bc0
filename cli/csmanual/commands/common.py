"""What every command shares: options, colour, and the one way problems are reported.

A user's mistake ends in a message and exit 1, never a traceback: a coded problem (a
source's, a template's, a renderer's) prints as `file:line:col: error[CODE] …` with its
hint; any other user error as one line; a bug as "internal error, please report it".
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence

import click

from csmanual import diagnostics
from csmanual.diagnostics import Diagnostic

DEFAULT_SOURCE = os.path.join("source", "manual.yaml")

SOURCE = click.argument(
    "source", default=DEFAULT_SOURCE, required=False, type=click.Path(dir_okay=True, path_type=str)
)

LANG = click.option(
    "--lang",
    type=click.Choice(["ko", "en"]),
    default=None,
    help="Language of the messages (default: csmanual.yaml's lang, else the manual's "
    "meta.language).",
)


def theme_option(purpose: str):
    """The --theme option, with what this command uses the theme for."""
    return click.option(
        "--theme", "theme_dir", default=None, type=click.Path(path_type=str), help=purpose
    )


def since_option(purpose: str):
    return click.option("--changes-since", "since", metavar="REV", default=None, help=purpose)


def colour(stream=None) -> bool:
    stream = stream or sys.stdout
    return stream.isatty() and "NO_COLOR" not in os.environ


def formats(value: str) -> list[str]:
    """`html,pdf` → ["html", "pdf"]; an unknown name is a usage error (exit 2)."""
    from csmanual.render import FORMATS

    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(
            f"{', '.join(unknown) or value!r}: choose from {', '.join(FORMATS)}",
            param_hint="--format",
        )
    return list(dict.fromkeys(names))


def report(
    found: Sequence[Diagnostic], lang: str, subject: str, err: bool = True, strict: bool = False
) -> None:
    """Every problem with its hint, then `subject: N errors, M warnings` (under --strict:
    `… M warnings treated as errors`)."""
    stream = sys.stderr if err else sys.stdout
    if found:
        click.echo(diagnostics.format_text(found, lang, colour(stream)), err=err)
    said = diagnostics.summary(found, lang, colour(stream), strict)
    click.echo(f"{subject}: {said}", err=err)


@contextlib.contextmanager
def reported(lang: str | None, subject: str, project=None, code: int = 1) -> Iterator[None]:
    """Turn what the work raises into what the user reads, and exit `code` (1; 2 where 1
    means an answer, as diff --exit-code's "they differ"); without --lang, in the language
    of the project's manual (read only when there is something to say)."""
    from csmanual.errors import UserError
    from csmanual.isolation import JobFailed

    try:
        yield
    except diagnostics.DiagnosticError as error:
        report(error.diagnostics, lang or _language_of(project), subject)
        sys.exit(code)
    except UserError as error:
        raise _failure(str(error), code) from None
    except JobFailed as error:
        raise _failure(f"internal error, please report it: {error}", code) from None


def _failure(message: str, code: int) -> click.ClickException:
    failure = click.ClickException(message)
    failure.exit_code = code
    return failure


def settings_of(source: str, lang: str | None = None, code: int = 1):
    """The settings (`csmanual.yaml`) of SOURCE's project: beside the project of a source
    file, else in the current folder (a git revision, a source not there). A settings file
    with problems ends the command with exit `code`, its problems said like the source's."""
    from pathlib import Path

    from csmanual import settings
    from csmanual.project import Project, project_root

    root = project_root(source) if os.path.isfile(source) else Path.cwd()
    try:
        return settings.read(root)
    except diagnostics.DiagnosticError as error:
        lang = lang or _language_of(Project(source) if os.path.isfile(source) else None)
        report(error.diagnostics, lang, settings.shown(root / settings.NAME))
        sys.exit(code)


def _language_of(project) -> str:
    return project.lang if project is not None else "ko"


def exit_for(found: Sequence[Diagnostic], strict: bool = False) -> int:
    errors, warnings = diagnostics.count(found)
    return 1 if errors or (strict and warnings) else 0
