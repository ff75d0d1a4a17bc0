"""Run rendering jobs in child processes with a time and a memory limit.

Themes are not trusted: a template can loop for ever or build a huge string, and the
sandbox alone cannot stop that. Each job runs in a forked child with RLIMIT_AS (memory)
and a wall-clock deadline enforced by the parent, which kills what overruns. The
children also give the build its parallelism: the formats render side by side.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from csmanual.diagnostics import Diagnostic, DiagnosticError
from csmanual.errors import UserError


def _limits() -> tuple[float, int]:
    """(seconds, bytes) for one build; the environment may lower or raise them."""
    seconds = float(os.environ.get("CSMANUAL_RENDER_TIMEOUT", "300"))
    megabytes = int(os.environ.get("CSMANUAL_RENDER_MEMORY_MB", "3072"))
    return seconds, megabytes * 1024 * 1024


class LimitExceeded(DiagnosticError):
    """A job ran out of time or memory (usually a theme that loops or grows without end)."""

    @classmethod
    def coded(cls, code: str, **args: object) -> LimitExceeded:
        return cls(Diagnostic(code, "", args=args))


class JobFailed(Exception):
    """A job failed with an unexpected error; carries the child's traceback."""


@dataclass
class Job:
    name: str
    function: Callable
    args: tuple | None  # None: given later, through `Batch.run` (the child waits for them)
    prepare: Callable[[], object] | None = None  # run first, e.g. import a heavy engine


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


# a render child makes millions of short-lived objects (WeasyPrint's boxes); Python's
# default collects the youngest generation every 700 allocations, the older ones every
# 10 collections of the one below
YOUNG_COLLECTION_EVERY = 10_000
OLDER_COLLECTION_EVERY = 50


def _collect_less() -> None:
    """What the child inherited from the parent (the model, the context) lives until it
    exits: frozen, the collector never walks it again; and it collects less often. In the
    collector, measured on the PDF: the sample 0.21 s → 0.04 s, 10 × the sample 3.3 s →
    0.7 s (its peak memory 385 MB → 422 MB)."""
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, OLDER_COLLECTION_EVERY, OLDER_COLLECTION_EVERY)


def _child(
    job: Job,
    connection: Connection,
    memory: int,
    parent: int = 0,
    seconds: float = 300,
    arguments: Connection | None = None,
) -> None:
    if parent:
        _die_with_parent(parent, seconds)
    _collect_less()
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # not on every platform; the deadline still holds
        pass
    try:
        if job.prepare:
            job.prepare()
        args = job.args
        if args is None:
            assert arguments is not None
            try:
                args = arguments.recv()
            except EOFError:  # the parent gave up on this job (e.g. the source had errors)
                os._exit(0)
        outcome = ("ok", job.function(*args))
    except MemoryError:
        outcome = ("memory", None)
    except BaseException as error:
        # a user's mistake (and Ctrl-C) goes to the parent as itself; anything else is a
        # bug, reported with the child's traceback, never as a bare exception of the parent
        outcome = ("crash", traceback.format_exc())
        if isinstance(error, (UserError, KeyboardInterrupt)):
            with contextlib.suppress(Exception):
                pickle.dumps(error)
                outcome = ("error", error)
    try:
        connection.send(outcome)
    except MemoryError:
        connection.send(("memory", None))
    finally:
        connection.close()


class Batch:
    """Children forked now and given their arguments later, so that each prepares (imports
    its engine) while the parent is still working out what to render. Leaving the `with`
    block kills whatever still runs."""

    def __init__(self, jobs: list[Job], timeout: float | None = None, memory: int | None = None):
        default_timeout, default_memory = _limits()
        self.timeout = default_timeout if timeout is None else timeout
        self.memory = default_memory if memory is None else memory
        context = multiprocessing.get_context("fork")
        self.running: dict[Connection, tuple[Job, multiprocessing.Process]] = {}
        self.arguments: dict[str, Connection] = {}
        try:
            for job in jobs:
                receive, send = context.Pipe(duplex=False)
                wanted, give = context.Pipe(duplex=False) if job.args is None else (None, None)
                process = context.Process(
                    target=_child,
                    daemon=True,
                    args=(job, send, self.memory, os.getpid(), self.timeout, wanted),
                )
                process.start()
                send.close()
                if wanted is not None:
                    wanted.close()
                    self.arguments[job.name] = give
                self.running[receive] = (job, process)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def run(
        self,
        arguments: dict[str, tuple] | None = None,
        on_done: Callable[[str, object], None] | None = None,
    ) -> dict[str, object]:
        """Give the waiting jobs their arguments; return {name: result} or raise the first
        failure. The time limit counts from here."""
        for name, connection in self.arguments.items():
            # a child that failed preparing has gone; its answer says why
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                connection.send((arguments or {})[name])
            connection.close()
        self.arguments.clear()
        results: dict[str, object] = {}
        deadline = time.monotonic() + self.timeout
        running = self.running
        while running:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                names = ", ".join(job.name for job, _ in running.values())
                raise LimitExceeded.coded("E790", format=names, seconds=self.timeout)
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
                    megabytes = self.memory // (1024 * 1024)
                    raise LimitExceeded.coded("E791", format=job.name, megabytes=megabytes)
                elif status == "lost":
                    raise LimitExceeded.coded("E792", format=job.name, exit=value)
                elif status == "error":
                    raise value
                else:
                    raise JobFailed(f"rendering {job.name} failed:\n{value}")
        return results

    def close(self) -> None:
        for connection in self.arguments.values():
            connection.close()
        self.arguments.clear()
        for connection, (_, process) in self.running.items():
            if process.is_alive():
                process.kill()
            process.join(5)
            connection.close()
        self.running.clear()


def run(
    jobs: list[Job],
    on_done: Callable[[str, object], None] | None = None,
    timeout: float | None = None,
    memory: int | None = None,
) -> dict[str, object]:
    """Run every job at once; return {name: result} or raise the first failure."""
    with Batch(jobs, timeout, memory) as batch:
        return batch.run(on_done=on_done)
