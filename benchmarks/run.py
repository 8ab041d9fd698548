"""Time drafter as whole processes, against pandoc, and print a Markdown table.

    python benchmarks/run.py [--runs 5]

Generates workspaces of 100, 1,000 and 10,000 entries in benchmarks/workspaces/ (ignored by
git), then reports medians of several runs. What the ratios and the growth compare (drafter
and the floor at 1,000 and 10,000 entries, pandoc at 1,000) is timed in turns, run after run,
so that a slower spell of a shared machine weighs on all of them. Run by hand or by CI as a
report, not as a test; the table goes to docs/developpement.md, between its
`<!-- performance:start -->` and `<!-- performance:end -->` markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

SIZES = (100, 1_000, 10_000)
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
    return interleaved_medians([(command, cwd)], runs)[0]


def interleaved_medians(commands: list[tuple[list[str], Path]], runs: int) -> list[float]:
    """Return the median wall time of each command, the commands taking turns run after run
    (after one warm-up each): what slows the machine for a while slows them all, so their
    ratios hold even when the absolute times drift."""
    for command, cwd in commands:
        subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=ENV)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, (command, cwd) in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=ENV)
            times[index].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


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
    spaces = workspaces()
    runs, w1k = args.runs, spaces[1_000]
    build = [drafter, "build", "--force", "-o", "bench.docx"]
    rows = [("`drafter --help`", median_seconds([drafter, "--help"], w1k, runs), "≤ 0.25 s")]
    for size in SIZES:
        goal = "≤ 0.3 s" if size == 1_000 else ""
        rows.append(
            (
                f"`drafter check`, {size:,} entries",
                median_seconds([drafter, "check"], spaces[size], runs),
                goal,
            )
        )
    builds = {100: median_seconds(build, spaces[100], runs)}
    # every ratio and the growth from runs taken in turns: drafter and the floor at 1,000 and
    # 10,000 entries, and pandoc at 1,000
    turns = [(build, spaces[1_000]), (floor_command(drafter, spaces[1_000]), spaces[1_000])]
    turns += [(build, spaces[10_000]), (floor_command(drafter, spaces[10_000]), spaces[10_000])]
    pandoc = shutil.which("pandoc")
    if pandoc:
        turns.append(([pandoc, "bench.md", "-o", "pandoc.docx"], w1k))
    medians = interleaved_medians(turns, runs)
    builds[1_000], builds[10_000] = medians[0], medians[2]
    floors = {1_000: medians[1], 10_000: medians[3]}
    pandoc_s = medians[4] if pandoc else None
    rows += [(f"`drafter build`, {size:,} entries", builds[size], "") for size in SIZES]
    flat = median_seconds(build, spaces["flat"], runs)
    rows.append(("`drafter build`, 10,000 entries, one paragraph and comment each", flat, ""))
    table = [(name, f"{seconds:.3f} s", goal) for name, seconds, goal in rows]
    for size, seconds in floors.items():
        table.append(
            (f"floor: plain python-docx + lxml, same draft, {size:,}", f"{seconds:.3f} s", "")
        )
    ratio = builds[1_000] / floors[1_000]
    table.append(("drafter build / floor, 1,000 entries", f"{ratio:.2f} ×", "≤ 2.5 ×"))
    ratio = builds[10_000] / floors[10_000]
    table.append(("drafter build / floor, 10,000 entries", f"{ratio:.2f} ×", "≤ 5 ×"))
    if pandoc_s is not None:
        table.append(("`pandoc` md → docx, 1,000 entries", f"{pandoc_s:.3f} s", ""))
        ratio = builds[1_000] / pandoc_s
        table.append(("drafter build / pandoc, 1,000 entries", f"{ratio:.2f} ×", "≤ 0.5 ×"))
    growth = builds[10_000] / builds[1_000]
    table.append(("growth: build 10,000 / build 1,000", f"{growth:.1f}", "≤ 6"))
    shapes = (
        (10_000, "10,000 entries"),
        ("flat", "10,000 entries, no sub-topics"),
        ("rich", "10,000 entries, a file each, with points, proposals, long purposes"),
    )
    for name, label in shapes:
        peak = peak_memory_mb(build, spaces[name])
        table.append((f"peak memory, build {label}", f"{peak:.0f} MB", "≤ 150 MB"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; medians of {runs} runs\n"
    )
    print("| figure | value | goal |\n|---|---|---|")
    for name, value, goal in table:
        print(f"| {name} | {value} | {goal} |")


def installed_script() -> str | None:
    """Return the drafter script installed beside this Python (as in a virtualenv), not a
    version manager's shim on PATH (pyenv's costs a shell and ~40 ms a run; the floor and
    pandoc run without one)."""
    beside = Path(sys.executable).with_name("drafter")
    return str(beside) if beside.is_file() else shutil.which("drafter")


def workspaces() -> dict[int | str, Path]:
    """Return the generated workspaces by size (and "flat": 10,000 without sub-topics)."""
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
