"""diff, verify: what an auditor asks of two versions and of a released file."""

from __future__ import annotations

import sys

import click

from csmanual.commands.common import DEFAULT_SOURCE, LANG, report, reported, theme_option


@click.command()
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
@theme_option("Theme for the html report (diff/report.html.j2).")
@LANG
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
    from csmanual.project import Project

    projects = [Project(spec, theme_dir, revisions=True) for spec in (old, new)]
    for spec, project in zip((old, new), projects, strict=True):
        with reported(lang, spec):
            result = project.validation
        if result.manual is None or not result.ok:
            report(result.diagnostics, lang or result.lang, spec)
            raise click.ClickException(f"{spec}: cannot compare a manual with errors")
    before, after = (project.validation.manual for project in projects)
    lang = lang or after.meta.language
    changes = semantic.diff(before, after)
    with reported(lang, new):
        theme = projects[1].theme
        # the newer manual's words: its section titles (settings.titles) and the theme's
        labels = projects[1].context["labels"]
        if output_format == "json":
            text = semantic.format_json(changes, old, new)
        elif output_format == "html":  # a theme's template: under the same limits as a build
            from csmanual.render.report import render_report

            job = isolation.Job(
                "diff --format html",
                render_report,
                (changes, theme, labels, lang, old, new, after.meta.title),
            )
            text = isolation.run([job])["diff --format html"]
        else:
            text = semantic.format_text(
                changes, lang, old, new, markdown=output_format == "md", labels=labels
            )
    click.echo(text)
    sys.exit(1 if exit_code and changes else 0)


@click.command(short_help="Check a built file against its manifest.json.")
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
