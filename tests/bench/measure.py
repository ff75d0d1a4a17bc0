"""Measuring tools for the benchmark: timed runs, the real CLI in a subprocess, peak memory,
the machine it ran on."""

from __future__ import annotations

import gc
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Timing:
    """Several runs of one measurement: wall seconds (and CPU seconds for subprocesses)."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peak_rss: int = 0  # bytes: the largest single process (getrusage)
    peak_tree: int = 0  # bytes: the largest sum over the process and its children (sampled)
    note: str = ""  # "n/a (renderer missing)", an error …
    label: str = ""  # what differs from the row's title ("html+pptx only")

    @property
    def ok(self) -> bool:
        return bool(self.walls) and not self.note

    @property
    def wall(self) -> float | None:
        return statistics.median(self.walls) if self.walls else None

    @property
    def cpu(self) -> float | None:
        return statistics.median(self.cpus) if self.cpus else None


def timed(
    function: Callable[[], object], runs: int, warmup: int = 1, budget: float = float("inf")
) -> tuple[Timing, object]:
    """Median of up to `runs` calls after `warmup` calls; returns the timing and the last value.

    Runs stop once `budget` seconds have been spent (at least one run): a step that takes a
    minute is measured once or twice, a step of 30 ms `runs` times.
    """
    result = None
    for _ in range(warmup):
        result = function()
    timing = Timing()
    spent = 0.0
    while len(timing.walls) < runs and (not timing.walls or spent < budget):
        gc.collect()  # the garbage of the run before is not this run's cost
        started = time.perf_counter()
        result = function()
        timing.walls.append(time.perf_counter() - started)
        spent += timing.walls[-1]
        if timing.walls and spent + timing.walls[-1] > budget:
            break
    return timing, result


def paired(
    first: Callable[[], object],
    second: Callable[[], object],
    runs: int,
    warmup: int = 1,
    budget: float = float("inf"),
) -> tuple[Timing, Timing, object, object]:
    """Like `timed` for two functions run in turn (a, b, a, b …), so that a change in the
    machine's load during the measurement falls on both alike."""
    a = b = None
    for _ in range(warmup):
        a, b = first(), second()
    ta, tb = Timing(), Timing()
    while len(ta.walls) < runs:
        for function, timing in ((first, ta), (second, tb)):
            gc.collect()
            started = time.perf_counter()
            value = function()
            timing.walls.append(time.perf_counter() - started)
            a, b = (value, b) if timing is ta else (a, value)
        if sum(ta.walls) + sum(tb.walls) + ta.walls[-1] + tb.walls[-1] > budget:
            break
    return ta, tb, a, b


# --- subprocesses ----------------------------------------------------------------------


def _children_rss(pid: int) -> int:
    """RSS in bytes of `pid` and every descendant (Linux /proc), 0 when it has gone."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * resource.getpagesize()
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as kids:
                    stack += [int(k) for k in kids.read().split()]
        except (OSError, ValueError):
            continue
    return total


class _TreeSampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.01):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        if not Path("/proc").is_dir():
            return
        while not self.done.is_set():
            self.peak = max(self.peak, _children_rss(self.pid))
            self.done.wait(self.interval)


def run_cli(
    args: list[str],
    env: dict[str, str],
    timing: Timing,
    expect: str | None = None,
    cwd: str | None = None,
) -> subprocess.CompletedProcess:
    """Run a command once, adding its wall time, CPU time (itself and its children) and
    memory to `timing`. Raises when it fails or its output lacks `expect`."""
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        started = time.perf_counter()
        process = subprocess.Popen(
            args, env=env, cwd=cwd, stdout=out_file, stderr=err_file, text=True
        )
        sampler = _TreeSampler(process.pid)
        sampler.start()
        # wait4: the rusage of this process and the children it waited for, nothing earlier
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if process.returncode != 0 or (expect and expect not in out + err):
        raise RuntimeError(f"{' '.join(args)} → exit {process.returncode}\n{out}\n{err}")
    timing.walls.append(wall)
    timing.cpus.append(usage.ru_utime + usage.ru_stime)
    timing.peak_rss = max(timing.peak_rss, usage.ru_maxrss * 1024)  # KiB on Linux
    timing.peak_tree = max(timing.peak_tree, sampler.peak)
    return subprocess.CompletedProcess(args, process.returncode, out, err)


def in_rounds(
    runs: dict[str, Callable[[Timing], object]], rounds: int, budget: float = float("inf")
) -> dict[str, Timing]:
    """Each run once per round, in turn (a, b, c, a, b, c …), so that a change in the
    machine's load falls on all alike; stops after `rounds` rounds or once `budget`
    seconds are spent (at least one round). A run adds its own times to the Timing."""
    timings = {name: Timing() for name in runs}
    spent = 0.0
    for _ in range(rounds):
        for name, run in runs.items():
            before = sum(timings[name].walls)
            run(timings[name])
            spent += sum(timings[name].walls) - before
        if spent * (1 + 1 / max(len(timings[name].walls), 1)) > budget:
            break
    return timings


def cli_env(pycache: Path) -> dict[str, str]:
    """The environment of the CLI runs: a user's, with a warm bytecode cache.

    Without one (PYTHONDONTWRITEBYTECODE=1, as in some sandboxes and CI images) every run
    compiles csmanual's modules again, which is not what a user experiences; the cache
    goes to a temporary folder so the checkout stays clean.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["NO_COLOR"] = "1"
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


def csmanual_command() -> list[str]:
    """The CLI the benchmark runs: BENCH_CSMANUAL (a command, e.g. a wrapper that runs
    another checkout) or the one installed beside this Python."""
    if os.environ.get("BENCH_CSMANUAL"):
        return os.environ["BENCH_CSMANUAL"].split()
    script = Path(sys.executable).with_name("csmanual")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "csmanual"]


# --- the machine -----------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    return "RAM unknown"


def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return "missing"


def load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def machine() -> str:
    try:
        from csmanual.render.pdf.engine import harfbuzz_subset_missing

        subset = "fontTools (slow)" if harfbuzz_subset_missing() else "HarfBuzz"
    except Exception:
        subset = "?"
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    return (
        f"{_cpu_model()}, {cores} cores ({usable} usable), {_ram()}, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"WeasyPrint {_version('weasyprint')}, python-pptx {_version('python-pptx')}, "
        f"pydyf {_version('pydyf')}, font subsetting: {subset}"
    )
