"""Time drafter as whole processes, against pandoc, and print a Markdown table.

    python benchmarks/run.py [--runs 5]

Generates workspaces of 100, 1,000 and 10,000 entries in benchmarks/workspaces/ (ignored by
git), then reports medians of several runs. Run by hand or by CI as a report, not as a test.
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


def median_seconds(command: list[str], cwd: Path, runs: int) -> float:
    """Return the median wall time of a command over several runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_memory_mb(command: list[str], cwd: Path) -> float:
    """Return the peak resident memory of a command, in MB."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE_RSS, *command],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return int(out.strip()) / 1024


def main() -> None:
    """Generate the workspaces, time everything, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    drafter = shutil.which("drafter") or sys.exit("drafter is not installed")
    pandoc = shutil.which("pandoc")
    spaces = {}
    for size in SIZES:
        spaces[size] = HERE / "workspaces" / f"w{size}"
        if not (spaces[size] / "inputs").is_dir():
            generate(size, spaces[size])
    flat = HERE / "workspaces" / "w10000-flat"
    if not (flat / "inputs").is_dir():
        generate(10_000, flat, flat=True)
    runs, w1k, w10k = args.runs, spaces[1_000], spaces[10_000]
    build = [drafter, "build", "--force", "-o", "bench.docx"]
    rows = [("`drafter --help`", median_seconds([drafter, "--help"], w1k, runs), "≤ 0.25 s")]
    for size in SIZES:
        rows.append(
            (
                f"`drafter check`, {size:,} entries",
                median_seconds([drafter, "check"], spaces[size], runs),
                "≤ 0.5 s" if size == 1_000 else "",
            )
        )
    builds = {size: median_seconds(build, spaces[size], runs) for size in SIZES}
    rows += [(f"`drafter build`, {size:,} entries", builds[size], "") for size in SIZES]
    rows.append(
        (
            "`drafter build`, 10,000 entries, one paragraph and comment each",
            median_seconds(build, flat, runs),
            "",
        )
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; medians of {runs} runs\n"
    )
    print("| figure | value | goal |\n|---|---|---|")
    for name, seconds, goal in rows:
        print(f"| {name} | {seconds:.3f} s | {goal} |")
    if pandoc:
        subprocess.run(
            [drafter, "build", "--format", "md", "-o", "bench.md"],
            cwd=w1k,
            check=True,
            capture_output=True,
        )
        pandoc_s = median_seconds([pandoc, "bench.md", "-o", "pandoc.docx"], w1k, runs)
        print(f"| `pandoc` md → docx, 1,000 entries | {pandoc_s:.3f} s | |")
        print(
            f"| drafter build / pandoc, 1,000 entries | {builds[1_000] / pandoc_s:.2f} × "
            "| ≤ 1.0 × |"
        )
    print(f"| growth: build 10,000 / build 1,000 | {builds[10_000] / builds[1_000]:.1f} | ≤ 12 |")
    print(f"| peak memory, build 10,000 | {peak_memory_mb(build, w10k):.0f} MB | ≤ 300 MB |")


if __name__ == "__main__":
    main()
