"""A throwaway git repository holding versions of a manual, for the auditors' tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


class Repo:
    """`root/source/manual.yaml` under git; `commit(text, subject)` records a version."""

    def __init__(self, root: Path):
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        self.root = root
        self.source = root / "source" / "manual.yaml"
        self.source.parent.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            check=True,
            env={**os.environ, **ENV},
            capture_output=True,
        )
        return done.stdout.decode().strip()

    def commit(self, text: str, subject: str) -> str:
        """Write the source, commit it; the commit's short hash."""
        self.source.write_text(text, encoding="utf-8")
        self.git("add", "source/manual.yaml")
        self.git("commit", "-qm", subject)
        return self.git("rev-parse", "--short", "HEAD")
