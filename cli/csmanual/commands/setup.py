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
    from csmanual.messages import word

    click.echo(f"{directory}: {word('init.created', lang)}")


@click.command()
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
