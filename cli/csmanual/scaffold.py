"""`csmanual init`: a new manual project that validates clean from the first minute.

Besides the source it writes the project's settings (`csmanual.yaml`: the formats a build
makes), a README that says how to fill the source in and build it, and a Makefile whose
`make manual` / `make validate` find csmanual on PATH, in the project's .venv, or where
the csmanual that made the project lives.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

from csmanual.editor_schema import json_schema
from csmanual.fileio import write_all_atomic
from csmanual.messages import word
from csmanual.settings import NAME as SETTINGS

GITIGNORE = "/output/*\n!/output/.gitkeep\n"
# `make` finds csmanual: CSMANUAL=… on make's command line, on PATH, in the project's
# .venv, or the csmanual that made the project (if it is still there)
MAKEFILE = """\
# make manual     @@manual@@
# make validate   @@validate@@
# make serve      @@serve@@
CSMANUAL ?= $(firstword $(shell command -v csmanual 2>/dev/null) \\
  $(wildcard .venv/bin/csmanual) $(wildcard @@made_with@@))

.DEFAULT_GOAL := manual
.PHONY: manual validate serve csmanual-found

manual: csmanual-found
\t$(CSMANUAL) build

validate: csmanual-found
\t$(CSMANUAL) validate

serve: csmanual-found
\t$(CSMANUAL) serve

csmanual-found:
\t@test -n "$(CSMANUAL)" || { echo "@@not_found@@" >&2; exit 1; }
"""


class ScaffoldError(Exception):
    pass


def example_manual(lang: str) -> str:
    return (
        resources.files("csmanual").joinpath("examples", f"manual.{lang}.yaml").read_text("utf-8")
    )


def makefile(lang: str) -> str:
    text = MAKEFILE.replace("@@made_with@@", _made_with())
    for key in ("manual", "validate", "serve", "not_found"):
        text = text.replace(f"@@{key}@@", word(f"init.make.{key}", lang))
    return text


def _made_with() -> str:
    """The csmanual command beside this Python (a venv's bin/), when make can name it."""
    command = Path(sys.executable).parent / "csmanual"
    path = str(command.absolute())
    unsafe = any(c.isspace() or c in "$#'\"\\" for c in path)
    return "" if unsafe or not command.is_file() else path


def settings_text(lang: str) -> str:
    from csmanual.render import FORMATS

    return word("init.settings", lang, formats=", ".join(FORMATS))


def create(directory: str, lang: str) -> list[str]:
    root = Path(directory)
    optional = {  # written only where the folder has none yet: its own are kept
        root / "README.md": word("init.readme", lang),
        root / "Makefile": makefile(lang),
    }
    files = {
        root / SETTINGS: settings_text(lang),
        root / "source" / "manual.yaml": example_manual(lang),
        root / "source" / "manual.schema.json": json.dumps(
            json_schema(lang), ensure_ascii=False, indent=2
        )
        + "\n",
        root / "templates" / "README.md": word("init.theme_readme", lang),
        root / "output" / ".gitkeep": "",
        root / ".gitignore": GITIGNORE,
    }
    existing = [str(path) for path in files if path.exists()]
    if existing:
        raise ScaffoldError(
            "these files exist already and are left as they are: " + ", ".join(existing)
        )
    if root.exists() and not root.is_dir():
        raise ScaffoldError(f"{root} exists and is not a folder")
    files |= {path: text for path, text in optional.items() if not path.exists()}
    try:  # all or nothing: no half-made project when one file cannot be written
        write_all_atomic({path: text.encode("utf-8") for path, text in files.items()})
    except OSError as error:
        where = error.filename or root
        raise ScaffoldError(f"cannot create {where}: {error.strerror or error}") from None
    return [str(path) for path in files]
