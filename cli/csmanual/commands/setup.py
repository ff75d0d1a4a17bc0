"""init, schema, rules: starting a manual, and the reference an editor or a reader uses."""

from __future__ import annotations

import json

import click


@click.command(short_help="Start a new manual project that validates clean.")
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
    csmanual.yaml (the project's settings: formats, output folder, theme), a README.md
    that says how to fill in the source and build it, a Makefile (make manual, make
    validate), an empty templates/ folder for theme overrides, output/ and a .gitignore.
    Existing files are never overwritten (a README.md or Makefile already there is kept).

    \b
    Example:
      csmanual init my-manual && cd my-manual && csmanual validate && csmanual build
    """
    from csmanual.scaffold import ScaffoldError, create

    try:
        written = create(directory, lang)
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    for path in written:
        click.echo(f"  {path}")
    from csmanual.messages import word

    click.echo(word("init.next", lang, folder=directory))


@click.command()
@click.option("--indent", type=int, default=2, show_default=True)
@click.option(
    "--lang",
    type=click.Choice(["ko", "en", "both"]),
    default=None,
    help="Language of the fields' descriptions  [default: csmanual.yaml's lang, else the "
    "language of source/manual.yaml, else both]",
)
def schema(indent: int, lang: str | None) -> None:
    """Print the JSON Schema of the source format.

    Editors with a YAML language server use it for completion, checks and a description
    of every field on hover; the first line of a manual names it:
    # yaml-language-server: $schema=manual.schema.json

    \b
    Examples:
      csmanual schema > source/manual.schema.json
      csmanual schema --lang en
    """
    from csmanual.commands.common import DEFAULT_SOURCE, settings_of
    from csmanual.editor_schema import json_schema

    if lang is None:
        lang = settings_of(DEFAULT_SOURCE).lang or _language_of_manual(DEFAULT_SOURCE)
    click.echo(json.dumps(json_schema(lang), ensure_ascii=False, indent=indent))


def _language_of_manual(source: str) -> str:
    """The manual's meta.language when SOURCE is a manual that says it, else both."""
    from csmanual.loader import LoadError, load

    try:
        meta = load(source).data.get("meta")
    except (LoadError, OSError):
        return "both"
    language = meta.get("language") if isinstance(meta, dict) else None
    return language if language in ("ko", "en") else "both"


@click.command(short_help="Print every rule code as a Markdown table.")
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
        "{advice}": "see the hint: usually the indentation, the space after a colon or quotes",
        "": "see the message",
    }
    words = {"raw": "VALUE", "deadline": "ID"}

    def what_to_do(hint: str) -> str:
        if hint in whole:  # hints made only of the diagnostic's own words
            return whole[hint]
        # other placeholders become upper-case words: "add a '{field}:' line" → "'FIELD:'"
        hint = re.sub(r"\{(\w+)\}", lambda m: words.get(m[1], m[1].upper()), hint)
        hint = hint.replace("{{", "{").replace("}}", "}")  # str.format's escapes
        return hint.replace("|", "\\|")

    click.echo("| code | severity | rule | what to do |\n| --- | --- | --- | --- |")
    for rule in RULES.values():
        click.echo(f"| {rule.code} | {rule.severity} | {rule.title} | {what_to_do(rule.hint_en)} |")
