"""Time drafter as whole processes, against pandoc, and print a Markdown table.

    python benchmarks/run.py [--runs 5]

Generates workspaces of 100, 1,000 and 10,000 entries in benchmarks/workspaces/ (ignored by
git), the 1,000 entries again with every sentence translated into English (w1000-en), then
reports medians of several runs. What the ratios compare (drafter and the floor at 1,000 and
10,000 entries, pandoc and the English edition at 1,000) is timed in turns, run after run, so
that a slower spell of a shared machine weighs on all of them; each ratio is the median of
the runs' own ratios, with their range, in wall time and in CPU time (user + system: what
the process computed, without its waiting for a core the other users of the machine hold).
Run by hand or by CI as a report, not as a test; the table goes to docs/developpement.md,
between its `<!-- performance:start -->` and `<!-- performance:end -->` markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate, translate  # noqa: E402

SIZES = (100, 1_000, 10_000)
Row = tuple[str, str, str]
MEASURE_RSS = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN)"
    ".ru_maxrss)"
)


# As a user's Python runs: compiled modules cached in __pycache__ (pip compiles them when it
# installs; some environments set PYTHONDONTWRITEBYTECODE, which would time the compiler).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_seconds(command: list[str], cwd: Path, runs: int) -> float:
    """Return the median wall time of a command over several runs, after one warm-up run."""
    return statistics.median(interleaved_times([(command, cwd)], runs)[0][0])


Times = list[list[float]]  # per command, per run


def interleaved_times(commands: list[tuple[list[str], Path]], runs: int) -> tuple[Times, Times]:
    """Return the wall and the CPU times (user + system) of each command, run after run, the
    commands taking turns (after one warm-up each): what slows the machine for a while slows
    them all, so the ratios of one run hold even when the absolute times drift. CPU time
    leaves out the waiting for a core that others' work causes on a shared machine."""
    for command, cwd in commands:
        subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=ENV)
    wall: Times = [[] for _ in commands]
    cpu: Times = [[] for _ in commands]
    for _ in range(runs):
        for index, (command, cwd) in enumerate(commands):
            before, start = _children_cpu(), time.perf_counter()
            subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=ENV)
            wall[index].append(time.perf_counter() - start)
            cpu[index].append(_children_cpu() - before)
    return wall, cpu


def _children_cpu() -> float:
    """Return the CPU time of the finished children of this process."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ratio(values: list[float]) -> str:
    """Return the median of per-run ratios with their range: « 2.41 × (2.30–2.55) »."""
    return f"{statistics.median(values):.2f} × ({min(values):.2f}–{max(values):.2f})"


def ratios(wall: Times, cpu: Times, per_run: Callable[[Times, int], float]) -> str:
    """Return a ratio of wall times, then of CPU times, each over the runs."""
    runs = range(len(wall[0]))
    in_wall = ratio([per_run(wall, i) for i in runs])
    return f"{in_wall}; CPU {ratio([per_run(cpu, i) for i in runs])}"


def peak_memory_mb(command: list[str], cwd: Path) -> float:
    """Return the peak resident memory of a command, in MB."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE_RSS, *command],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    ).stdout
    return int(out.strip()) / 1024


def main() -> None:
    """Generate the workspaces, time everything, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    drafter = installed_script() or sys.exit("drafter is not installed")
    spaces = workspaces(drafter)
    table = plain_figures(drafter, spaces, args.runs)
    table += compared_figures(drafter, spaces, args.runs)
    table += memory_figures(spaces, [drafter, *BUILD])
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; medians of {args.runs} runs; load average before: "
        f"{LOAD_BEFORE}, after: {load_average()}\n"
    )
    print("| figure | value | goal |\n|---|---|---|")
    for name, value, goal in table:
        print(f"| {name} | {value} | {goal} |")


BUILD = ["build", "--force", "-o", "bench.docx"]


def plain_figures(drafter: str, spaces: dict[int | str, Path], runs: int) -> list[Row]:
    """Return the figures timed on their own: help, check, the small and flat builds."""
    w1k = spaces[1_000]
    rows = [("`drafter --help`", median_seconds([drafter, "--help"], w1k, runs), "≤ 0.25 s")]
    for size in SIZES:
        seconds = median_seconds([drafter, "check"], spaces[size], runs)
        rows.append((f"`drafter check`, {size:,} entries", seconds, "≤ 0.3 s" * (size == 1_000)))
    build = [drafter, *BUILD]
    rows.append(("`drafter build`, 100 entries", median_seconds(build, spaces[100], runs), ""))
    flat = median_seconds(build, spaces["flat"], runs)
    rows.append(("`drafter build`, 10,000 entries, one paragraph and comment each", flat, ""))
    return [(name, f"{seconds:.3f} s", goal) for name, seconds, goal in rows]


def compared_figures(drafter: str, spaces: dict[int | str, Path], runs: int) -> list[Row]:
    """Return what is compared, from runs taken in turns: drafter and the floor at 1,000 and
    10,000 entries, pandoc at 1,000, the English edition at 1,000."""
    build, w1k, w10k = [drafter, *BUILD], spaces[1_000], spaces[10_000]
    turns = [(build, w1k), (floor_command(drafter, w1k), w1k)]
    turns += [(build, w10k), (floor_command(drafter, w10k), w10k)]
    turns.append(([drafter, *BUILD, "--langue", "en"], spaces["en"]))
    pandoc = shutil.which("pandoc")
    if pandoc:
        turns.append(([pandoc, "bench.md", "-o", "pandoc.docx"], w1k))
    wall, cpu = interleaved_times(turns, runs)
    b1k, f1k, b10k, f10k, en = wall[:5]
    rows: list[Row] = [
        ("`drafter build`, 1,000 entries", seconds(b1k), ""),
        ("`drafter build`, 10,000 entries", seconds(b10k), ""),
        ("floor: plain python-docx + lxml, same draft, 1,000", seconds(f1k), ""),
        ("floor: plain python-docx + lxml, same draft, 10,000", seconds(f10k), ""),
        (
            "drafter build / floor, 1,000 entries",
            ratios(wall, cpu, lambda t, i: t[0][i] / t[1][i]),
            "≤ 2.5 ×",
        ),
        (
            "drafter build / floor, 10,000 entries",
            ratios(wall, cpu, lambda t, i: t[2][i] / t[3][i]),
            "",
        ),
        (
            "marginal cost 1,000 → 10,000: drafter's / the floor's",
            ratios(wall, cpu, lambda t, i: (t[2][i] - t[0][i]) / (t[3][i] - t[1][i])),
            "≤ 3 ×",
        ),
        (
            "growth: build 10,000 / build 1,000",
            ratios(wall, cpu, lambda t, i: t[2][i] / t[0][i]),
            "",
        ),
        ("`drafter build --langue en`, 1,000 entries, all translated", seconds(en), ""),
        (
            "English build / French build, 1,000 entries",
            ratios(wall, cpu, lambda t, i: t[4][i] / t[0][i]),
            "≤ 1.2 ×",
        ),
    ]
    if pandoc:
        rows.append(("`pandoc` md → docx, 1,000 entries", seconds(wall[5]), ""))
        per_run = ratios(wall, cpu, lambda t, i: t[0][i] / t[5][i])
        rows.append(("drafter build / pandoc, 1,000 entries", per_run, "≤ 1.2 ×"))
    return rows


def seconds(times: list[float]) -> str:
    """Return the median of some wall times, in seconds."""
    return f"{statistics.median(times):.3f} s"


def memory_figures(spaces: dict[int | str, Path], build: list[str]) -> list[Row]:
    """Return the peak memory of the three 10,000-entry builds."""
    shapes = (
        (10_000, "10,000 entries"),
        ("flat", "10,000 entries, no sub-topics"),
        ("rich", "10,000 entries, a file each, with points, proposals, long purposes"),
    )
    return [
        (f"peak memory, build {label}", f"{peak_memory_mb(build, spaces[name]):.0f} MB", "≤ 150 MB")
        for name, label in shapes
    ]


def load_average() -> str:
    """Return the machine's load average over one minute (others' work slows the runs)."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


LOAD_BEFORE = load_average()


def installed_script() -> str | None:
    """Return the drafter script installed beside this Python (as in a virtualenv), not a
    version manager's shim on PATH (pyenv's costs a shell and ~40 ms a run; the floor and
    pandoc run without one)."""
    beside = Path(sys.executable).with_name("drafter")
    return str(beside) if beside.is_file() else shutil.which("drafter")


def workspaces(drafter: str) -> dict[int | str, Path]:
    """Return the generated workspaces by size, and by shape at 10,000 ("flat": without
    sub-topics; "rich": long entries), and "en": the 1,000 entries with an English catalogue
    where every sentence is translated."""
    spaces: dict[int | str, Path] = {}
    for size in SIZES:
        spaces[size] = HERE / "workspaces" / f"w{size}"
        if not (spaces[size] / "inputs").is_dir():
            generate(size, spaces[size])
    spaces["flat"] = HERE / "workspaces" / "w10000-flat"
    if not (spaces["flat"] / "inputs").is_dir():
        generate(10_000, spaces["flat"], flat=True)
    spaces["rich"] = HERE / "workspaces" / "w10000-rich"
    if not (spaces["rich"] / "inputs").is_dir():
        generate(10_000, spaces["rich"], rich=True)
    spaces["en"] = HERE / "workspaces" / "w1000-en"
    if not (spaces["en"] / "traductions").is_dir():
        generate(1_000, spaces["en"])
        translate(spaces["en"], drafter)
    return spaces


def floor_command(drafter: str, workspace: Path) -> list[str]:
    """Return the floor script's command, on the same draft's Markdown (written here)."""
    subprocess.run(
        [drafter, "build", "--format", "md", "--force", "-o", "bench.md"],
        cwd=workspace,
        check=True,
        capture_output=True,
    )
    return [sys.executable, str(HERE / "floor.py"), "bench.md", "floor.docx"]


if __name__ == "__main__":
    main()
