"""`manifest.json`: proof of what a build was made from, written next to the outputs.

It records the tool version, the sha256 of the source and of the effective theme, and
the sha256 and size of every output, so an auditor can check that a released PDF was
built from a given source (`csmanual verify`). No timestamps: same inputs, same manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from csmanual import __version__
from csmanual.fileio import write_atomic
from csmanual.theme import Theme

NAME = "manifest.json"


def sha256_file(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def theme_digest(theme: Theme) -> str:
    """One hash over the files the build actually uses: each name's first match in the path."""
    effective: dict[str, Path] = {}
    for folder in theme.folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                effective.setdefault(path.relative_to(folder).as_posix(), path)
    digest = hashlib.sha256()
    for name in sorted(effective):
        digest.update(name.encode() + b"\0" + sha256_file(effective[name]).encode() + b"\n")
    return digest.hexdigest()


def read(folder: str | os.PathLike) -> dict | None:
    try:
        return json.loads((Path(folder) / NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def write(
    folder: str | os.PathLike,
    source: str | os.PathLike,
    theme_hash: str,
    outputs: list[tuple[str, Path]],
) -> Path:
    """Record `outputs` [(format, path)]; entries of earlier builds stay while still true."""
    source_hash = sha256_file(source)
    previous = read(folder) or {}
    kept = {}
    if (
        previous.get("source", {}).get("sha256") == source_hash
        and previous.get("theme", {}).get("sha256") == theme_hash
        and previous.get("tool", {}).get("version") == __version__
    ):
        kept = {
            name: entry
            for name, entry in previous.get("outputs", {}).items()
            if (Path(folder) / name).is_file()
            and sha256_file(Path(folder) / name) == entry.get("sha256")
        }
    for fmt, path in outputs:
        kept[path.name] = {"format": fmt, "sha256": sha256_file(path), "size": path.stat().st_size}
    manifest = {
        "tool": {"name": "csmanual", "version": __version__},
        "source": {"path": Path(source).name, "sha256": source_hash},
        "theme": {"sha256": theme_hash},
        "outputs": dict(sorted(kept.items())),
    }
    target = Path(folder) / NAME
    write_atomic(target, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
    return target


def verify(output: str | os.PathLike, source: str | os.PathLike | None) -> list[str]:
    """Problems found checking `output` against its manifest (and the source); [] if none."""
    path = Path(output)
    manifest = read(path.parent)
    if manifest is None:
        return [f"no readable {NAME} next to {path}"]
    entry = manifest.get("outputs", {}).get(path.name)
    if entry is None:
        return [f"{path.name} is not listed in {path.parent / NAME}"]
    problems = []
    if not path.is_file():
        return [f"{path} does not exist"]
    if sha256_file(path) != entry.get("sha256"):
        problems.append(
            f"{path.name} was changed after the build (sha256 differs from the manifest)"
        )
    if source is not None and sha256_file(source) != manifest.get("source", {}).get("sha256"):
        problems.append(f"{path.name} was not built from {source} (source sha256 differs)")
    return problems
