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
    try:
        data = _git_show(revision, path)
    except GitError as error:
        if sep:
            raise
        raise UserError(
            f"{spec}: no such file, and not a git revision either "
            f"(as a revision it means {revision}:{path}; {error.reason})"
        ) from None
    try:
        source = loads(data, f"{revision}:{path}")
    except LoadError as error:
        return Result(f"{revision}:{path}", None, None, error.diagnostics)
    return validate_source(source)


class GitError(UserError):
    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def _git_show(revision: str, path: str) -> bytes:
    # "./" makes git read the path relative to the current folder, as the user typed it
    relative = path if path.startswith(("./", "/")) else f"./{path}"
    try:
        done = subprocess.run(
            ["git", "show", f"{revision}:{relative}"], capture_output=True, timeout=30, check=False
        )
    except FileNotFoundError:
        raise GitError(
            f"{revision}:{path} is not a file, and git is not installed", "git is not installed"
        ) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else f"git exited with {done.returncode}"
        raise GitError(f"{revision}:{path}: neither a file nor a git revision ({reason})", reason)
    return done.stdout
