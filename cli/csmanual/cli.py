"""The `csmanual` command: thin click commands; the work happens in the modules they call.

Exit codes: 0 ok, 1 problems found (or a user error), 2 usage error (click's own).
"""

from __future__ import annotations

import json
import os
import sys

import click

from csmanual import __version__, diagnostics

DEFAULT_SOURCE = os.path.join("source", "manual.yaml")

_SOURCE = click.argument(
    "source", default=DEFAULT_SOURCE, required=False, type=click.Path(dir_okay=True, path_type=str)
)


def _theme(purpose: str):
    """The --theme option, with what this command uses the theme for."""
    return click.option(
        "--theme", "theme_dir", default=None, type=click.Path(path_type=str), help=purpose
    )


_LANG = click.option(
    "--lang",
    type=click.Choice(["ko", "en"]),
    default=None,
    help="Language of the messages (default: the manual's meta.language).",
)


def _colour(stream=None) -> bool:
    stream = stream or sys.stdout
    return stream.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="csmanual")
def main() -> None:
    """Keep a customer-service manual as one YAML source; check it and build it.

    \b
    Examples:
      csmanual validate                      check source/manual.yaml
      csmanual validate --strict --lang en   warnings fail too; messages in English
      csmanual schema > source/manual.schema.json
      csmanual init my-manual                start a new manual project
    """


def _earlier_version(spec: str, source: str):
    """An earlier version to compare with: a file, REV:path, or REV (this source's path)."""
    from csmanual.sources import open_version

    earlier = open_version(spec, default_path=source)
    if earlier.manual is None:
        raise click.ClickException(f"{spec}: that version of the manual does not validate")
    return earlier


def _unrecorded(result, against: str) -> list:
    from csmanual.diff import unrecorded_change
    from csmanual.errors import UserError

    try:
        earlier = _earlier_version(against, result.path)
    except UserError as error:
        raise click.ClickException(str(error)) from None
    found = unrecorded_change(earlier.manual, result.manual, result.source, against)
    return [found] if found else []


@main.command()
@_SOURCE
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
@_LANG
def validate(
    source: str, output_format: str, strict: bool, against: str | None, lang: str | None
) -> None:
    """Check SOURCE (default: source/manual.yaml) and report every problem.

    \b
    Each problem reads  file:line:column: error[CODE] key.path: message
    followed by a hint; the codes are listed in the README.

    \b
    Examples:
      csmanual validate
      csmanual validate source/manual.yaml --format json
    """
    from csmanual.validate import validate_file

    result = validate_file(source)
    if against and result.manual is not None:
        result.diagnostics.extend(_unrecorded(result, against))
    found = diagnostics.promote_warnings(result.diagnostics) if strict else result.diagnostics
    lang = lang or result.lang
    if output_format == "json":
        click.echo(diagnostics.format_json(source, found, lang))
    else:
        if found:
            click.echo(diagnostics.format_text(found, lang, _colour()))
        click.echo(f"{source}: {diagnostics.summary(found, lang, _colour())}")
    errors, _ = diagnostics.count(found)
    sys.exit(1 if errors else 0)


def _formats(value: str) -> list[str]:
    from csmanual.render import FORMATS

    names = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(
            f"{', '.join(unknown) or value!r}: choose from {', '.join(FORMATS)}",
            param_hint="--format",
        )
    return list(dict.fromkeys(names))


def _print_diagnostics(found, lang: str, source: str) -> None:
    if found:
        click.echo(diagnostics.format_text(found, lang, _colour(sys.stderr)), err=True)
    click.echo(f"{source}: {diagnostics.summary(found, lang, _colour(sys.stderr))}", err=True)


@main.command()
@_SOURCE
@click.option(
    "--format",
    "formats",
    default="html",
    show_default=True,
    metavar="LIST",
    help="Comma-separated formats to build.",
)
@click.option(
    "--out",
    "out_dir",
    default="output",
    show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder for the outputs.",
)
@_theme("A theme folder whose files override the default theme's.")
@click.option("--strict", is_flag=True, help="Refuse to build while there are warnings.")
@click.option("--force", is_flag=True, help="Rebuild even if nothing changed.")
@click.option(
    "--changes-since",
    "since",
    metavar="REV",
    default=None,
    help="Mark what changed since REV (a git revision or a file) in every output.",
)
@_LANG
def build(
    source: str,
    formats: str,
    out_dir: str,
    theme_dir: str | None,
    strict: bool,
    force: bool,
    since: str | None,
    lang: str | None,
) -> None:
    """Validate SOURCE and build the manual into --out.

    Nothing is written unless the source is valid and every format rendered: the
    previous outputs stay as they were after any failure.

    \b
    Examples:
      csmanual build
      csmanual build --format html,pdf,pptx --out output
      csmanual build --theme my-theme
    """
    from csmanual.build import build as run_build
    from csmanual.errors import UserError
    from csmanual.isolation import JobFailed
    from csmanual.theme import ThemeError

    names = _formats(formats)
    live = _colour(sys.stderr)

    def progress(name: str, seconds: float) -> None:
        if live:
            click.echo(f"  ✓ {name:<5} {seconds:6.2f} s", err=True)

    if live:  # progress goes to a terminal only; pipes and CI logs get the results alone
        click.echo(f"building {', '.join(names)} from {source} …", err=True)
    try:
        earlier = _earlier_version(since, source) if since else None
        result = run_build(
            source,
            names,
            out_dir,
            theme_dir,
            progress,
            force=force,
            strict=strict,
            changes_since=earlier,
            since=since,
        )
    except ThemeError as error:
        raise click.ClickException(f"theme: {error}") from None
    except UserError as error:
        raise click.ClickException(str(error)) from None
    except JobFailed as error:
        raise click.ClickException(f"internal error, please report it: {error}") from None
    if result.up_to_date:
        click.echo(f"{out_dir}: up to date ({', '.join(names)}); --force rebuilds")
        return
    for note in result.notes:
        click.echo(f"warning: {note}", err=True)
    found = result.diagnostics
    if strict:
        found = diagnostics.promote_warnings(found)
    lang = lang or result.validation.lang
    errors, _ = diagnostics.count(found)
    if errors or found:
        _print_diagnostics(found, lang, source)
    if errors:
        sys.exit(1)
    for output in result.outputs:
        click.echo(f"{output.path}  ({output.size:,} bytes)")


@main.command()
@_SOURCE
@_theme("A theme folder (its labels.yaml words are included).")
@click.option(
    "--changes-since",
    "since",
    metavar="REV",
    default=None,
    help="Fill `changes` with what changed since REV (a git revision or a file).",
)
def context(source: str, theme_dir: str | None, since: str | None) -> None:
    """Print the template context built from SOURCE, as JSON.

    Every variable a template can use is in it: designers read this instead of Python.

    \b
    Example:
      csmanual context | less
    """
    from csmanual.build import context_for, load_theme
    from csmanual.errors import UserError
    from csmanual.theme import ThemeError
    from csmanual.validate import validate_file

    result = validate_file(source)
    if not result.ok:
        _print_diagnostics(result.diagnostics, result.lang, source)
        sys.exit(1)
    try:
        earlier = _earlier_version(since, source) if since else None
        data = context_for(result, load_theme(source, theme_dir), earlier, since)
    except ThemeError as error:
        raise click.ClickException(f"theme: {error}") from None
    except UserError as error:
        raise click.ClickException(str(error)) from None
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command("check-theme")
@_SOURCE
@_theme("The theme folder to check (default: the project's templates/).")
@click.option(
    "--format",
    "formats",
    default="html,pdf,pptx",
    show_default=True,
    help="Formats to check, comma-separated.",
)
def check_theme(source: str, theme_dir: str | None, formats: str) -> None:
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
    from csmanual.build import load_theme
    from csmanual.errors import UserError
    from csmanual.isolation import JobFailed

    names = _formats(formats)
    try:
        result, checks = run_check(source, names, theme_dir)
    except UserError as error:  # the theme folder itself (missing, unreadable labels)
        raise click.ClickException(str(error)) from None
    except JobFailed as error:
        raise click.ClickException(f"internal error, please report it: {error}") from None
    if not result.ok:
        _print_diagnostics(result.diagnostics, result.lang, source)
        raise click.ClickException(f"{source}: fix the source first; a theme is checked with it")
    stray = load_theme(source, theme_dir).stray_labels()
    if stray:
        click.echo("labels: check")
    for line in stray:
        click.echo(f"  warning: {line}")
    for check in checks:
        click.echo(f"{check.format}: {'FAILED' if check.problems else 'ok'}")
        for line in check.problems:
            click.echo(f"  error: {line}")
        for line in check.warnings:
            click.echo(f"  warning: {line}")
    if any(check.problems for check in checks):
        sys.exit(1)


@main.command()
@_SOURCE
@_theme("A theme folder whose files override the default theme's.")
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

    try:
        run_serve(source, theme_dir, port, log=lambda line: click.echo(line, err=True))
    except OSError as error:
        raise click.ClickException(f"cannot serve on port {port}: {error.strerror}") from None


@main.command()
@click.argument("old")
@click.argument("new", default=DEFAULT_SOURCE, required=False)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "md", "json", "html"]),
    default="text",
    show_default=True,
)
@click.option(
    "--exit-code", is_flag=True, help="Exit 1 when there are differences (like git diff)."
)
@_theme("Theme for the html report (diff/report.html.j2).")
@_LANG
def diff(
    old: str, new: str, output_format: str, exit_code: bool, theme_dir: str | None, lang: str | None
) -> None:
    """Compare two versions of the manual, item by item.

    OLD and NEW are files or git revisions: REV:path, or just REV for
    source/manual.yaml at that revision. NEW defaults to source/manual.yaml.
    Items are matched by id: reordering shows as a move, not as a change.

    \b
    Examples:
      csmanual diff HEAD~1                       what changed since the last commit
      csmanual diff v1.1 v1.2 --format html > changes.html
      csmanual diff old.yaml new.yaml --exit-code
    """
    from csmanual import diff as semantic
    from csmanual import isolation
    from csmanual.errors import UserError
    from csmanual.sources import open_version
    from csmanual.theme import Theme, ThemeError

    try:
        versions = [open_version(spec) for spec in (old, new)]
    except UserError as error:
        raise click.ClickException(str(error)) from None
    for spec, version in zip((old, new), versions, strict=True):
        if version.manual is None or not version.ok:
            _print_diagnostics(version.diagnostics, lang or version.lang, spec)
            raise click.ClickException(f"{spec}: cannot compare a manual with errors")
    before, after = versions[0].manual, versions[1].manual
    lang = lang or after.meta.language
    changes = semantic.diff(before, after)
    try:
        theme = Theme.locate(theme_dir)
        if output_format == "json":
            text = semantic.format_json(changes, old, new)
        elif output_format == "html":  # a theme's template: under the same limits as a build
            job = isolation.Job(
                "diff report",
                semantic.format_html,
                (changes, theme, lang, old, new, after.meta.title),
            )
            text = isolation.run([job])["diff report"]
        else:
            text = semantic.format_text(
                changes, lang, old, new, markdown=output_format == "md", labels=theme.labels(lang)
            )
    except ThemeError as error:
        raise click.ClickException(f"theme: {error}") from None
    except UserError as error:  # a time or memory limit
        raise click.ClickException(str(error)) from None
    except isolation.JobFailed as error:
        raise click.ClickException(f"internal error, please report it: {error}") from None
    click.echo(text)
    sys.exit(1 if exit_code and changes else 0)


@main.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--source",
    default=None,
    type=click.Path(dir_okay=False, path_type=str),
    help="Also check that OUTPUT was built from this source file.",
)
def verify(output: str, source: str | None) -> None:
    """Check OUTPUT against the manifest.json written next to it by the build.

    Exit 0 when the file is exactly what the build wrote (and, with --source, was built
    from that source); 1 otherwise, saying what differs.

    \b
    Example:
      csmanual verify output/manual.pdf --source source/manual.yaml
    """
    from csmanual.manifest import verify as check

    problems = check(output, source)
    for problem in problems:
        click.echo(f"{output}: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"{output}: OK" + (f" (built from {source})" if source else ""))


@main.command()
def rules() -> None:
    """Print every rule code as a Markdown table (the README's table is this output).

    \b
    Example:
      csmanual rules
    """
    import re

    from csmanual.messages import RULES

    whole = {
        "{suggestion}": 'follow the "did you mean" hint',
        "{example}": "see the example in the message",
        "": "see the message",
    }
    words = {"raw": "VALUE", "deadline": "ID"}

    def what_to_do(hint: str) -> str:
        if hint in whole:  # hints made only of the diagnostic's own words
            return whole[hint]
        # other placeholders become upper-case words: "add a '{field}:' line" → "'FIELD:'"
        hint = re.sub(r"\{(\w+)\}", lambda m: words.get(m[1], m[1].upper()), hint)
        return hint.replace("|", "\\|")

    click.echo("| code | severity | rule | what to do |\n| --- | --- | --- | --- |")
    for rule in RULES.values():
        click.echo(f"| {rule.code} | {rule.severity} | {rule.title} | {what_to_do(rule.hint_en)} |")


@main.command()
@click.option("--indent", type=int, default=2, show_default=True)
def schema(indent: int) -> None:
    """Print the JSON Schema of the source format.

    Editors with a YAML language server use it for completion and checks; the first
    line of a manual names it:  # yaml-language-server: $schema=manual.schema.json

    \b
    Example:
      csmanual schema > source/manual.schema.json
    """
    from csmanual.model import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=indent))


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=str))
@click.option(
    "--lang",
    type=click.Choice(["ko", "en"]),
    default="ko",
    show_default=True,
    help="Language of the example manual.",
)
def init(directory: str, lang: str) -> None:
    """Create a new manual project in DIRECTORY that validates clean.

    Writes source/manual.yaml (an example to edit), source/manual.schema.json,
    an empty templates/ folder for theme overrides, output/ and a .gitignore.
    Existing files are never overwritten.

    \b
    Example:
      csmanual init my-manual && cd my-manual && csmanual validate
    """
    from csmanual.scaffold import ScaffoldError, create

    try:
        written = create(directory, lang)
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    for path in written:
        click.echo(f"  {path}")
    click.echo(
        f"{directory}: "
        + (
            "새 매뉴얼을 만들었습니다. 'csmanual validate'로 확인하세요."
            if lang == "ko"
            else "new manual created; check it with 'csmanual validate'."
        )
    )


if __name__ == "__main__":  # pragma: no cover
    main()
