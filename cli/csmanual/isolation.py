"""Run rendering jobs in child processes with a time and a memory limit.

Themes are not trusted: a template can loop for ever or build a huge string, and the
sandbox alone cannot stop that. Each job runs in a forked child with RLIMIT_AS (memory)
and a wall-clock deadline enforced by the parent, which kills what overruns. The
children also give the build its parallelism: the formats render side by side.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from csmanual.errors import UserError


def _limits() -> tuple[float, int]:
    """(seconds, bytes) for one build; the environment may lower or raise them."""
    seconds = float(os.environ.get("CSMANUAL_RENDER_TIMEOUT", "300"))
    megabytes = int(os.environ.get("CSMANUAL_RENDER_MEMORY_MB", "3072"))
    return seconds, megabytes * 1024 * 1024


class LimitExceeded(UserError):
    """A job ran out of time or memory (usually a theme that loops or grows without end)."""


class JobFailed(Exception):
    """A job failed with an unexpected error; carries the child's traceback."""


@dataclass
class Job:
    name: str
    function: Callable
    args: tuple


def _die_with_parent(parent: int, seconds: float) -> None:
    """A child whose build was killed (SIGKILL leaves no time to clean up) must not live on.

    Linux: the kernel kills it when the parent dies. Elsewhere: a CPU-time limit a little
    above the deadline stops a template that loops for ever, parent or not.
    """
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    try:
        import resource

        cpu = int(seconds) + 30
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    except (ImportError, ValueError, OSError, OverflowError):
        pass


def _child(
    job: Job, connection: Connection, memory: int, parent: int = 0, seconds: float = 300
) -> None:
    if parent:
        _die_with_parent(parent, seconds)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # not on every platform; the deadline still holds
        pass
    try:
        outcome = ("ok", job.function(*job.args))
    except MemoryError:
        outcome = ("memory", None)
    except BaseException as error:
        try:
            pickle.dumps(error)
            outcome = ("error", error)
        except Exception:
            outcome = ("crash", traceback.format_exc())
    try:
        connection.send(outcome)
    except MemoryError:
        connection.send(("memory", None))
    finally:
        connection.close()


def run(
    jobs: list[Job],
    on_done: Callable[[str, object], None] | None = None,
    timeout: float | None = None,
    memory: int | None = None,
) -> dict[str, object]:
    """Run every job at once; return {name: result} or raise the first failure."""
    default_timeout, default_memory = _limits()
    timeout = default_timeout if timeout is None else timeout
    memory = default_memory if memory is None else memory
    context = multiprocessing.get_context("fork")
    running: dict[Connection, tuple[Job, multiprocessing.Process]] = {}
    results: dict[str, object] = {}
    deadline = time.monotonic() + timeout
    try:
        for job in jobs:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(
                target=_child, daemon=True, args=(job, send, memory, os.getpid(), timeout)
            )
            process.start()
            send.close()
            running[receive] = (job, process)
        while running:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                names = ", ".join(job.name for job, _ in running.values())
                raise LimitExceeded(
                    f"rendering {names} took longer than {timeout:g} s "
                    "(a template that loops without end?)"
                )
            for connection in wait(list(running), timeout=remaining):
                job, process = running.pop(connection)
                try:
                    status, value = connection.recv()
                except EOFError:
                    process.join(1)
                    status, value = "lost", process.exitcode  # killed before it could answer
                connection.close()
                process.join(5)
                if status == "ok":
                    results[job.name] = value
                    if on_done:
                        on_done(job.name, value)
                elif status == "memory":
                    raise LimitExceeded(
                        f"rendering {job.name} used more than "
                        f"{memory // (1024 * 1024)} MB of memory"
                    )
                elif status == "lost":
                    raise LimitExceeded(
                        f"rendering {job.name} stopped without an answer "
                        f"(exit {value}; out of memory?)"
                    )
                elif status == "error":
                    raise value
                else:
                    raise JobFailed(f"rendering {job.name} failed:\n{value}")
    finally:
        for connection, (_, process) in running.items():
            if process.is_alive():
                process.kill()
            process.join(5)
            connection.close()
    return results
