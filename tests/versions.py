"""Versions of a manual for the change tests: a throwaway git repository holding them, and
an earlier version of the sample made by editing its text."""

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


SAMPLE = Path(__file__).parents[1] / "source" / "manual.yaml"


def earlier_sample(folder: Path, *edits: tuple[str, str]) -> Path:
    """The sample as it was before: a behaviour type's text shorter, one FAQ not yet
    written, a FAQ and a glossary term since removed; `edits` change more. Against it the
    sample has a changed field, an added FAQ and two removed items."""
    text = SAMPLE.read_text("utf-8")
    faqs = text.index("  - id: why-manual")
    next_item = text.index("  - id:", faqs + 5)
    earlier = (
        text.replace("목소리가 커지고 감정이 앞서 주변에도", "목소리가 커지고 주변에도")
        .replace(text[faqs:next_item], "")
        .replace(
            "\nfaqs:\n", "\nfaqs:\n  - id: old-faq\n    question: 없어진 질문\n    answer: 네.\n"
        )
        .replace(
            "glossary:\n",
            "glossary:\n  - id: old-term\n    term: 옛 용어\n"
            "    definition: 이제 쓰지 않는 용어입니다.\n",
            1,
        )
    )
    for old, new in edits:
        assert old in earlier, old
        earlier = earlier.replace(old, new, 1)
    path = folder / "earlier.yaml"
    path.write_text(earlier, encoding="utf-8")
    return path
