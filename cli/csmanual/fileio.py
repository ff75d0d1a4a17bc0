"""Writing files so that a reader never sees half of one and a failure never costs the old one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

_PREFIX = ".csmanual-"
_SUFFIX = ".tmp"


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    The rename is atomic on POSIX and Windows: readers see the old file or the new one,
    and an interrupted write leaves the old file as it was (and no temporary file).
    """
    write_all_atomic({Path(path): data})


def write_all_atomic(files: Mapping[Path, bytes]) -> None:
    """Write several files: every temporary file first (synced), then the renames together.

    A failure before the renames leaves every old file as it was; the renames themselves
    take microseconds, so an interruption almost never separates the files of one build.
    A process killed outright (SIGKILL) may leave a temporary file: `remove_temporaries`.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=f"{_PREFIX}{target.name}.", suffix=_SUFFIX, dir=target.parent
            )
            staged.append((temporary, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
        while staged:
            temporary, target = staged[0]
            os.replace(temporary, target)
            staged.pop(0)
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def remove_temporaries(folder: str | os.PathLike) -> None:
    """Delete temporary files an earlier, killed build left in `folder` (hold `locked`)."""
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            if entry.name.startswith(_PREFIX) and entry.name.endswith(_SUFFIX):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


@contextlib.contextmanager
def locked(folder: str | os.PathLike) -> Iterator[None]:
    """Hold an exclusive lock on `folder` so that two builds write their files one after
    the other (POSIX: flock on the folder itself, no lock file; elsewhere: no lock)."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock
