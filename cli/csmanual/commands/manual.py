"""validate, build, context, check-theme, serve: the commands a manual is written with."""

from __future__ import annotations

import json
import sys

import click

from csmanual import diagnostics
from csmanual.commands.common import (
    LANG,
    SOURCE,
    colour,
    exit_for,
    formats,
    report,
    reported,
    settings_of,
    since_option,
    theme_option,
)


@click.command(short_help="Check SOURCE and list every problem.")
@SOURCE
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for machines.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (use before a release).")
@click.option(
    "--against",
    metavar="REV",
    default=None,
    help="Fail if the content changed since REV (a git revision or a file) "
    "without a new version and revision entry.",
)
@LANG
def validate(
    source: str, output_format: str, strict: bool, against: str | None, lang: str | None
) -> None:
    """Check SOURCE (default: source/manual.yaml) and report every problem.

    \b
    Each problem reads  file:line:column: error[CODE] key.path: message
    followed by a hint; the codes are listed in docs/writing.md.

    \b
    Examples:
      csmanual validate
      csmanual validate source/manual.yaml --format json
    """
    from csmanual.project import Project

    lang = lang or settings_of(source, lang).lang
    project = Project(source, changes_since=against)
    found = list(project.validation.diagnostics)
    lang = lang or project.lang
    if against and project.validation.manual is not None:
        from csmanual.rules import unrecorded_change

        with reported(lang, source):
            earlier = project.earlier
        assert earlier is not None and earlier.manual is not None
        result = project.validation
        change = unrecorded_change(earlier.manual, result.manual, result.source, against)
        found += [change] if change else []
    if output_format == "json":
        click.echo(diagnostics.format_json(source, found, lang, strict))
    else:
        report(found, lang, source, err=False, strict=strict)
    sys.exit(exit_for(found, strict))


@click.command()
@SOURCE
@click.option(
    "--format",
    "names",
    default=None,
    metavar="LIST",
    help="Comma-separated formats to build  [default: the formats of csmanual.yaml, else html]",
)
@click.option(
    "--out",
    "out_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder for the outputs  [default: csmanual.yaml's out, else output/ beside the "
    "project's source/ folder]",
)
@theme_option("A theme folder whose files override the default theme's.")
@click.option("--strict", is_flag=True, help="Refuse to build while there are warnings.")
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@since_option("Mark what changed since REV (a git revision or a file) in every output.")
@LANG
def build(
    source: str,
    names: str | None,
    out_dir: str | None,
    theme_dir: str | None,
    strict: bool,
    force: bool,
    since: str | None,
    lang: str | None,
) -> None:
    """Validate SOURCE and build the manual into --out.

    Nothing is written unless the source is valid and every format rendered: the
    previous outputs stay as they were after any failure. Problems of the templates
    and renderers are reported like the source's; --strict refuses them too.
    The project's csmanual.yaml gives the defaults of --format, --out, --theme and
    --lang; an option given here wins. Outputs go beside the project, wherever the
    command runs.

    \b
    Examples:
      csmanual build
      csmanual build --format html,pdf,pptx --out output
      csmanual build --theme my-theme --strict
    """
    from csmanual.build import build as run_build
    from csmanual.project import Project

    settings = settings_of(source, lang)
    chosen = formats(settings.chosen_formats(names))
    out_dir = settings.output_folder(out_dir)
    theme_dir = settings.theme_folder(theme_dir)
    lang = lang or settings.lang
    live = colour(sys.stderr)

    def progress(name: str, seconds: float) -> None:
        if live:
            click.echo(f"  ✓ {name:<5} {seconds:6.2f} s", err=True)

    if live:  # progress goes to a terminal only; pipes and CI logs get the results alone
        click.echo(f"building {', '.join(chosen)} from {source} …", err=True)
    project = Project(source, theme_dir, changes_since=since)
    _say_if_damaged(out_dir, project, lang)
    with reported(lang, source, project):
        result = run_build(project, chosen, out_dir, force=force, strict=strict, progress=progress)
    if result.up_to_date:
        click.echo(f"{out_dir}: up to date ({', '.join(chosen)}); --force rebuilds")
        return
    found = result.diagnostics
    if found:
        report(found, lang or project.lang, source, strict=strict)
    if not result.written:
        sys.exit(1)
    for output in result.outputs:
        click.echo(f"{output.path}  ({output.size:,} bytes)")
    _say_omitted(project, chosen, lang or project.lang)


def _say_if_damaged(out_dir: str, project, lang: str | None) -> None:
    """A damaged manifest is ignored (everything is rebuilt), and the user hears why."""
    from pathlib import Path

    from csmanual import manifest
    from csmanual.messages import word

    if manifest.damaged(out_dir):
        path = Path(out_dir) / manifest.NAME
        said = word("build.manifest_damaged", lang or project.lang, path=path)
        click.echo(said, err=True)


def _say_omitted(project, chosen: list[str], lang: str) -> None:
    """A format that leaves sections out on purpose says so (it is the theme's choice, not
    a problem): `pptx: leaves out Glossary (theme.yaml)`."""
    from csmanual.messages import word

    titles = project.context["labels"]
    for name in chosen:
        left = project.omitted.get(name)
        if left:
            sections = ", ".join(titles.get(section, section) for section in left)
            click.echo(word("build.omitted", lang, format=name, sections=sections))


@click.command()
@SOURCE
@theme_option("A theme folder (its labels.yaml words are included).")
@since_option("Fill `changes` with what changed since REV (a git revision or a file).")
def context(source: str, theme_dir: str | None, since: str | None) -> None:
    """Print the template context built from SOURCE, as JSON.

    Every variable a template can use is in it: designers read this instead of Python.

    \b
    Example:
      csmanual context | less
    """
    from csmanual.project import Project

    settings = settings_of(source)
    project = Project(source, settings.theme_folder(theme_dir), changes_since=since)
    if not project.validation.ok:
        report(project.validation.diagnostics, settings.lang or project.lang, source)
        sys.exit(1)
    with reported(settings.lang or project.lang, source):
        data = project.context
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command("check-theme", short_help="Dry-run a theme: every problem of every format.")
@SOURCE
@theme_option("The theme folder to check (default: the project's templates/).")
@click.option(
    "--format",
    "names",
    default=None,
    help="Formats to check, comma-separated  [default: the formats of csmanual.yaml, "
    "else html,pdf,pptx]",
)
@LANG
def check_theme(source: str, theme_dir: str | None, names: str | None, lang: str | None) -> None:
    """Check a theme: render every format from SOURCE in memory and list what fails.

    Unlike a build, which stops at the first problem, this reports every format's
    problems: template errors with file and line, characters the PDF fonts lack, and
    every layout and placeholder the slide plan needs that the PPTX master lacks; and
    labels.yaml words that no build uses (usually misspelt keys).
    Nothing is written. Exit 0 when every format renders, 1 otherwise.

    \b
    Example:
      csmanual check-theme --theme my-theme
    """
    from csmanual.build import check_theme as run_check
    from csmanual.project import Project

    settings = settings_of(source, lang)
    if names is None and settings.formats is None:
        names = "html,pdf,pptx"  # a theme is checked in every format unless a project says
    chosen = formats(settings.chosen_formats(names))
    project = Project(source, settings.theme_folder(theme_dir))
    lang = lang or settings.lang or project.lang
    if not project.validation.ok:
        report(project.validation.diagnostics, lang, source)
        raise click.ClickException(f"{source}: fix the source first; a theme is checked with it")
    with reported(lang, source):
        stray = project.theme.stray_labels()
        checks = run_check(project, chosen)
    if stray:
        click.echo("labels: check")
        click.echo(_indented(stray, lang))
    for check in checks:
        click.echo(f"{check.format}: {'FAILED' if check.failed else 'ok'}")
        if check.diagnostics:
            click.echo(_indented(check.diagnostics, lang))
    if any(check.failed for check in checks):
        sys.exit(1)


def _indented(found, lang: str) -> str:
    text = diagnostics.format_text(found, lang, colour())
    return "\n".join(f"  {line}" for line in text.splitlines())


@click.command(short_help="Live preview of the HTML manual on 127.0.0.1.")
@SOURCE
@theme_option("A theme folder whose files override the default theme's.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port on 127.0.0.1 (0 picks a free one).",
)
def serve(source: str, theme_dir: str | None, port: int) -> None:
    """Preview the HTML manual on http://127.0.0.1:PORT/, rebuilt on every change.

    Edit the source or a template and the browser reloads by itself; an error in
    either shows in the page instead of a stale manual. Only loopback is served.

    \b
    Example:
      csmanual serve --theme my-theme
    """
    from csmanual.serve import serve as run_serve

    theme_dir = settings_of(source).theme_folder(theme_dir)
    try:
        log = lambda line: click.echo(line, err=True)  # noqa: E731
        run_serve(source, theme_dir, port, log=log, colour=colour(sys.stderr))
    except OSError as error:
        raise click.ClickException(f"cannot serve on port {port}: {error.strerror}") from None
