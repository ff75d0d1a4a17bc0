"""diff, verify: what an auditor asks of two versions and of a released file."""

from __future__ import annotations

import sys

import click

from csmanual.commands.common import (
    DEFAULT_SOURCE,
    LANG,
    report,
    reported,
    settings_of,
    theme_option,
)

ERROR = 2  # diff's and verify's failures: 1 is an answer ("they differ", "not as built")


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
      csmanual diff HEAD                         uncommitted edits since the last commit
      csmanual diff HEAD~1 HEAD                  what the last commit changed
      csmanual diff v1.1 v1.2 --format html > changes.html
      csmanual diff old.yaml new.yaml --exit-code

    \b
    Exit codes:
      0  done (with --exit-code: the versions are the same)
      1  with --exit-code: the versions differ
      2  error: a version cannot be read or has errors, or a usage error
    """
    from csmanual import diff as semantic
    from csmanual import isolation
    from csmanual.project import Project
    from csmanual.sources import commit_of

    settings = settings_of(new, lang, code=ERROR)  # the project's theme and language
    theme_dir, lang = settings.theme_folder(theme_dir), lang or settings.lang
    projects = [Project(spec, theme_dir, revisions=True) for spec in (old, new)]
    for spec, project in zip((old, new), projects, strict=True):
        with reported(lang, spec, code=ERROR):
            result = project.validation
        if result.manual is None or not result.ok:
            report(result.diagnostics, lang or result.lang, spec)
            click.echo(f"Error: {spec}: cannot compare a manual with errors", err=True)
            sys.exit(ERROR)
    before, after = (project.validation.manual for project in projects)
    lang = lang or after.meta.language
    changes = semantic.diff(before, after)
    # each side as the reports name it: the commit, the manual's version and date
    sides = [
        semantic.version(spec, project.validation.manual, commit_of(spec))
        for spec, project in zip((old, new), projects, strict=True)
    ]
    with reported(lang, new, code=ERROR):
        theme = projects[1].theme
        # the theme's words in the report's language; the newer manual's own section titles
        context = projects[1].context
        titles = {section["id"]: section["title"] for section in context["sections"]}
        labels = {**context["labels"], **theme.labels(lang), **titles}
        if output_format == "json":
            text = semantic.format_json(changes, *sides, labels=labels, lang=lang)
        elif output_format == "html":  # a theme's template: under the same limits as a build
            from csmanual.render.report import render_report

            job = isolation.Job(
                "diff --format html",
                render_report,
                (changes, theme, labels, lang, *sides, after.meta.title),
            )
            text = isolation.run([job])["diff --format html"]
        else:
            text = semantic.format_text(
                changes, lang, *sides, markdown=output_format == "md", labels=labels
            )
    click.echo(text)
    sys.exit(1 if exit_code and changes else 0)


@click.command(short_help="Check built files against their manifest.json.")
@click.argument("outputs", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--source",
    default=None,
    metavar="SOURCE",
    help="Also check that they were built from this version: a file, REV:path or REV "
    "(source/manual.yaml at a git revision), as in diff.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--lang",
    type=click.Choice(["ko", "en"]),
    default=None,
    help="Language of the messages (default: Korean, or csmanual.yaml's lang; a build "
    "folder has no manual to ask).",
)
def verify(outputs: tuple[str, ...], source: str | None, output_format: str, lang: str | None):
    """Check built files against the manifest.json the build wrote next to them.

    OUTPUTS are built files, or folders: a folder means every file its manifest.json
    lists (default: the project's output folder, csmanual.yaml's out). With --source,
    also check that they were built from that version.

    \b
    Exit codes:
      0  every file is exactly what the build wrote (from SOURCE, if given)
      1  a file differs, is missing, not listed, or was built from another source
      2  nothing could be checked: a usage error, or SOURCE cannot be read

    \b
    Examples:
      csmanual verify                               the project's outputs
      csmanual verify output/manual.pdf
      csmanual verify output --source v1.2          every file, built from the tag v1.2
      csmanual verify output --format json          for a script
    """
    import hashlib
    import json
    import os

    from csmanual import manifest
    from csmanual.messages import word

    settings = settings_of(DEFAULT_SOURCE, lang, code=ERROR)
    lang = lang or settings.lang or "ko"
    outputs = outputs or (settings.output_folder(),)
    known = None
    if source is not None:
        with reported(lang, source, code=ERROR):
            from csmanual.sources import read_version

            name, data = read_version(source)
        known = (name, hashlib.sha256(data).hexdigest())
    results = []
    for output in outputs:
        if os.path.isdir(output):
            results.extend(manifest.check_folder(output, known))
        else:
            results.append((output, manifest.check(output, known)))
    failed = sum(1 for _, problems in results if problems)
    if output_format == "json":
        entries = [
            {
                "path": path,
                "ok": not problems,
                "problems": [{"code": p.code, "message": p.text(lang)} for p in problems],
            }
            for path, problems in results
        ]
        report_ = {"ok": not failed, "source": known and known[0], "files": entries}
        click.echo(json.dumps(report_, ensure_ascii=False, indent=2))
    else:
        built = f" ({word('verify.built_from', lang, source=known[0])})" if known else ""
        for path, problems in results:
            for problem in problems:
                click.echo(f"{path}: {problem.text(lang)}", err=True)
            if not problems:
                click.echo(f"{path}: OK{built}")
        if len(results) > 1:
            said = (
                word("verify.summary_failed", lang, n=failed, total=len(results))
                if failed
                else word("verify.summary_ok", lang, n=len(results))
            )
            click.echo(said, err=bool(failed))
    sys.exit(1 if failed else 0)
