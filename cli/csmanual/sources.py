"""Naming a version of the manual: a file, or a file at a git revision.

source/manual.yaml              the file on disk
HEAD~1:source/manual.yaml       the file as committed at a revision
v1.2                            short form: source/manual.yaml at that revision
"""

from __future__ import annotations

import os
import subprocess

from csmanual.diagnostics import Diagnostic
from csmanual.errors import UserError
from csmanual.loader import MAX_BYTES, LoadError, human_size, loads
from csmanual.validate import Result, validate_file, validate_source

DEFAULT_PATH = os.path.join("source", "manual.yaml")


def open_version(spec: str, default_path: str = DEFAULT_PATH) -> Result:
    if os.path.exists(spec):
        return validate_file(spec)
    revision, path = _split(spec, default_path)
    name = f"{revision}:{path}"
    try:
        name, data = revision_blob(spec, default_path)
    except TooLarge as error:
        return Result(name, None, None, [Diagnostic("E002", name, args=error.args[0])])
    try:
        source = loads(data, name)
    except LoadError as error:
        return Result(name, None, None, error.diagnostics)
    return validate_source(source)


def _split(spec: str, default_path: str) -> tuple[str, str]:
    revision, sep, path = spec.partition(":")
    if not revision:
        raise UserError(f"no such file: {spec}")
    return revision, path if sep else default_path


def revision_blob(spec: str, default_path: str = DEFAULT_PATH) -> tuple[str, bytes]:
    """`REV:path`, or `REV` meaning `REV:default_path` → (`REV:path`, the blob's bytes).
    Not a revision: a UserError that says why (a blob too large: TooLarge)."""
    revision, path = _split(spec, default_path)
    name = f"{revision}:{path}"
    try:
        return name, _git_show(revision, path)
    except GitError as error:
        if ":" in spec:
            raise
        raise UserError(
            f"{spec}: no such file, and not a git revision either "
            f"(as a revision it means {name}; {error.reason})"
        ) from None


def read_version(spec: str, default_path: str = DEFAULT_PATH) -> tuple[str, bytes]:
    """The bytes of a version as the build would have read them: a file, or a blob at a
    revision (what `verify --source` hashes)."""
    if os.path.exists(spec):
        if not os.path.isfile(spec):
            raise UserError(f"{spec}: not a regular file")
        with open(spec, "rb") as stream:
            return spec, stream.read(MAX_BYTES + 1)
    try:
        return revision_blob(spec, default_path)
    except TooLarge as error:
        raise UserError(f"{spec}: {error.args[0]['size']} > {error.args[0]['limit']}") from None


def commit_of(spec: str) -> dict[str, str] | None:
    """The commit a version names ({"commit": short hash, "subject": …}), or None for a file
    on disk or anything git does not know as a commit."""
    if os.path.exists(spec) or spec.startswith(("-", ":")):
        return None
    revision = spec.partition(":")[0]
    try:
        found = _git(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
        if found.returncode != 0:
            return None
        shown = _git("log", "-1", "--format=%h%x00%s", found.stdout.decode().strip())
    except GitError:  # no git: a version without its commit, not an error
        return None
    if shown.returncode != 0:
        return None
    short, _, subject = shown.stdout.decode("utf-8", "replace").strip().partition("\0")
    return {"commit": short, "subject": subject}


class GitError(UserError):
    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


class TooLarge(Exception):
    """A blob over the loader's limit (E002's args), found before it is read."""


def _git(*args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], capture_output=True, timeout=30, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed", "git is not installed") from None


def _git_show(revision: str, path: str) -> bytes:
    """The blob `revision:path`, resolved first: a revision never reaches git as an option
    (`--output=FILE` would make git write a file), and a blob over the size limit is
    refused before it is read."""
    if revision.startswith("-"):
        reason = "a revision cannot start with '-'"
        raise GitError(f"{revision}:{path}: {reason}", reason)
    # "./" makes git read the path relative to the current folder, as the user typed it
    relative = path if path.startswith(("./", "/")) else f"./{path}"
    found = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}:{relative}")
    if found.returncode != 0:
        known = _git("rev-parse", "--verify", "--quiet", "--end-of-options", revision)
        reason = f"{path} is not in {revision}" if known.returncode == 0 else "unknown revision"
        raise GitError(f"{revision}:{path}: neither a file nor a git revision ({reason})", reason)
    blob = found.stdout.decode().strip()
    size = _git("cat-file", "-s", blob)
    if size.returncode == 0 and int(size.stdout or 0) > MAX_BYTES:
        raise TooLarge({"size": human_size(int(size.stdout)), "limit": human_size(MAX_BYTES)})
    done = _git("cat-file", "blob", blob)
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else f"git exited with {done.returncode}"
        raise GitError(f"{revision}:{path}: {reason}", reason)
    return done.stdout
