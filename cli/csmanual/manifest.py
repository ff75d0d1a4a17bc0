"""`manifest.json`: proof of what a build was made from, written next to the outputs.

It records the tool version, the sha256 of the source and of the effective theme, and
the sha256 and size of every output, so an auditor can check that a released PDF was
built from a given source (`csmanual verify`). No timestamps: same inputs, same manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from csmanual import __version__
from csmanual.fileio import write_atomic
from csmanual.messages import word
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
    """The manifest of `folder`, or None when there is none or it is damaged (not the shape
    a build writes): a build then rebuilds everything and writes a good one."""
    path = Path(folder) / NAME
    try:
        if not path.is_file():  # a pipe or a device here would make the read wait for ever
            return None
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if _well_formed(data) else None


def damaged(folder: str | os.PathLike) -> bool:
    """A manifest is there but cannot be used (unreadable, not JSON, the wrong shape)."""
    path = Path(folder) / NAME
    return path.exists() and read(folder) is None


def _well_formed(data: object) -> bool:
    def text(value: object) -> bool:
        return isinstance(value, str)

    if not isinstance(data, dict):
        return False
    parts = [data.get(key) for key in ("tool", "source", "theme", "outputs")]
    if not all(isinstance(part, dict) for part in parts):
        return False
    tool, source, theme, outputs = parts
    if not (text(tool.get("version")) and text(source.get("sha256"))):
        return False
    if not text(theme.get("sha256")):
        return False
    return all(
        isinstance(entry, dict)
        and text(entry.get("sha256"))
        and text(entry.get("format"))
        and type(entry.get("size")) is int
        for entry in outputs.values()
    )


def mark_building(folder: str | os.PathLike) -> None:
    """Before the outputs are replaced: the manifest says a build is under way, so that an
    interrupted build's mix of old and new files is said as such (`verify`) and rebuilt."""
    previous = read(folder)
    if previous is not None:
        previous["building"] = True
        _write(Path(folder), previous)


def write(
    folder: str | os.PathLike,
    source_name: str,
    source_hash: str,
    theme_hash: str,
    outputs: list[tuple[str, Path]],
) -> Path:
    """Record `outputs` [(format, path)] built from a source whose bytes had `source_hash`
    (the bytes the build read, not the file as it is now); entries of earlier builds stay
    while still true."""
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
        "source": {"path": Path(source_name).name, "sha256": source_hash},
        "theme": {"sha256": theme_hash},
        "outputs": dict(sorted(kept.items())),
    }
    return _write(Path(folder), manifest)


def _write(folder: Path, manifest: dict) -> Path:
    target = folder / NAME
    write_atomic(target, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
    return target


@dataclass(frozen=True)
class Problem:
    """One reason a file is not what its build wrote: `code` is stable (for scripts),
    the words are the catalogue's `verify.<code>`."""

    code: str
    args: dict[str, str] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return word(f"verify.{self.code}", lang, **self.args)


def check_folder(
    folder: str | os.PathLike, source: tuple[str, str] | None = None
) -> list[tuple[str, list[Problem]]]:
    """Every output the manifest of `folder` lists, checked as `check` does; without a
    usable manifest, the folder itself with the reason."""
    if damaged(folder):
        return [(str(folder), [Problem("damaged", {"manifest": str(Path(folder) / NAME)})])]
    manifest = read(folder)
    if manifest is None:
        return [(str(folder), [Problem("no_manifest_in", {"folder": str(folder)})])]
    paths = [os.path.join(folder, name) for name in sorted(manifest["outputs"])]
    return [(path, check(path, source)) for path in paths]


def check(output: str | os.PathLike, source: tuple[str, str] | None = None) -> list[Problem]:
    """What is wrong with `output` against its manifest ([] if nothing); `source` is
    (name, sha256) of the version it should have been built from."""
    path = Path(output)
    where = str(path.parent / NAME)
    if damaged(path.parent):
        return [Problem("damaged", {"manifest": where})]
    manifest = read(path.parent)
    if manifest is None:
        return [Problem("no_manifest", {"path": str(path), "manifest": NAME})]
    if manifest.get("building"):
        return [Problem("interrupted", {"folder": str(path.parent)})]
    entry = manifest["outputs"].get(path.name)
    if entry is None:
        listed = ", ".join(sorted(manifest["outputs"])) or "—"
        return [Problem("not_listed", {"name": path.name, "manifest": where, "listed": listed})]
    if not path.is_file():
        return [Problem("missing", {"path": str(path)})]
    problems = []
    if path.stat().st_size != entry["size"] or sha256_file(path) != entry["sha256"]:
        problems.append(Problem("changed", {"name": path.name}))
    if source is not None and source[1] != manifest["source"]["sha256"]:
        problems.append(Problem("other_source", {"name": path.name, "source": source[0]}))
    return problems


def verify(output: str | os.PathLike, source: str | os.PathLike | None) -> list[str]:
    """Problems found checking `output` against its manifest (and a source file), in
    English; [] if none."""
    from csmanual.sources import read_version

    known = None
    if source is not None:
        name, data = read_version(str(source))
        known = (name, hashlib.sha256(data).hexdigest())
    return [problem.text("en") for problem in check(output, known)]
