"""The `csmanual` command: one click group; the commands live in `csmanual.commands`.

Commands are thin: each makes a `Project` (or reads a file), asks it for work and prints
what came back. Exit codes: 0 ok, 1 problems found (or a user error), 2 usage error.
"""

from __future__ import annotations

import click

from csmanual import __version__
from csmanual.commands import audit, manual, setup


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="csmanual")
def main() -> None:
    """Keep a customer-service manual as one YAML source; check it and build it.

    \b
    Examples:
      csmanual init my-manual                start a new manual project
      csmanual validate                      check source/manual.yaml
      csmanual validate --strict --lang en   warnings fail too; messages in English
      csmanual build --format html,pdf,pptx  build the three outputs into output/
      csmanual schema > source/manual.schema.json

    \b
    `make manual` installs csmanual into .venv/bin (run .venv/bin/csmanual, or
    `source .venv/bin/activate` first). Colour only on a terminal; NO_COLOR=1 turns it
    off. Shell completion: eval "$(_CSMANUAL_COMPLETE=bash_source csmanual)".
    """


for command in (
    manual.validate,
    manual.build,
    manual.context,
    manual.check_theme,
    manual.serve,
    audit.diff,
    audit.verify,
    setup.rules,
    setup.schema,
    setup.init,
):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
