"""`csmanual init`: a new manual project that validates clean from the first minute."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from csmanual.fileio import write_all_atomic
from csmanual.messages import word
from csmanual.model import json_schema

GITIGNORE = "/output/*\n!/output/.gitkeep\n"


class ScaffoldError(Exception):
    pass


def example_manual(lang: str) -> str:
    return (
        resources.files("csmanual").joinpath("examples", f"manual.{lang}.yaml").read_text("utf-8")
    )


def create(directory: str, lang: str) -> list[str]:
    root = Path(directory)
    files = {
        root / "source" / "manual.yaml": example_manual(lang),
        root / "source" / "manual.schema.json": json.dumps(
            json_schema(), ensure_ascii=False, indent=2
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
    try:  # all or nothing: no half-made project when one file cannot be written
        write_all_atomic({path: text.encode("utf-8") for path, text in files.items()})
    except OSError as error:
        where = error.filename or root
        raise ScaffoldError(f"cannot create {where}: {error.strerror or error}") from None
    return [str(path) for path in files]
