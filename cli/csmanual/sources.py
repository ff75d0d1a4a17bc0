"""Naming a version of the manual: a file, or a file at a git revision.

    source/manual.yaml              the file on disk
    HEAD~1:source/manual.yaml       the file as committed at a revision
    v1.2                            short form: source/manual.yaml at that revision
"""

from __future__ import annotations

import os
import subprocess

from csmanual.errors import UserError
from csmanual.loader import LoadError, loads
from csmanual.validate import Result, validate_file, validate_source

DEFAULT_PATH = os.path.join("source", "manual.yaml")


def open_version(spec: str, default_path: str = DEFAULT_PATH) -> Result:
    if os.path.exists(spec):
        return validate_file(spec)
    revision, sep, path = spec.partition(":")
    if not sep:
        path = default_path
    if not revision:
        raise UserError(f"no such file: {spec}")
    data = _git_show(revision, path)
    try:
        source = loads(data, f"{revision}:{path}")
    except LoadError as error:
        return Result(f"{revision}:{path}", None, None, error.diagnostics)
    return validate_source(source)


def _git_show(revision: str, path: str) -> bytes:
    # "./" makes git read the path relative to the current folder, as the user typed it
    relative = path if path.startswith(("./", "/")) else f"./{path}"
    try:
        done = subprocess.run(["git", "show", f"{revision}:{relative}"], capture_output=True,
                              timeout=30, check=False)
    except FileNotFoundError:
        raise UserError(f"{revision}:{path} is not a file, and git is not installed") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(f"{revision}:{path}: neither a file nor a git revision"
                        + (f" ({reason[-1]})" if reason else ""))
    return done.stdout
