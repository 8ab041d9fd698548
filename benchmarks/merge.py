"""Time the late merge: N changed entries into a draft the editors reworked, as whole processes.

    python benchmarks/merge.py [--runs 5] [--sizes 1000 10000] [--changes 10 100]

For each size, a synthetic workspace (benchmarks/generate.py) is built once, its draft edited
as editors do (a paragraph of theirs after each area heading, a comment, a word in bold), then
N entries change: a third reworded, a third added, a third withdrawn. Each run restores that
state and times `drafter build`, which merges the changes into a numbered copy as tracked
changes. Prints a Markdown table of medians (after one warm-up run). A report, not a test; the table
goes to docs/developpement.md, between its `<!-- fusion:start -->` and `<!-- fusion:end -->`
markers.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402
from run import ENV, installed_script, peak_memory_mb  # noqa: E402

LATE = """\
- date: 2024-05
  sous_theme: {topic}
  texte: Une activité tardive de mesure n° {number} a eu lieu {{date}}
  contributeur: SEAE
"""


def edit_like_editors(path: Path) -> None:
    """Rework a draft as editors do: their paragraph after each area heading, a comment on
    the first paragraph, a word in bold."""
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    for heading in [p for p in paragraphs if p.style is not None and "Heading" in p.style.name]:
        context = document.add_paragraph("Contexte rédigé par les rédacteurs.", style="Body Text")
        heading._p.addnext(context._p)
    first = next(p for p in paragraphs if p.runs)
    document.add_comment(first.runs, text="À revoir", author="Rédaction", initials="R")
    paragraphs[-1].runs[0].bold = True
    document.save(str(path))


def change_entries(root: Path, count: int) -> None:
    """Change `count` entries: a third reworded, a third withdrawn, a third added."""
    files = sorted((root / "inputs").glob("*/lot-*.yaml"))
    step = max(1, len(files) // max(1, count))
    chosen = files[::step]
    for number in range(count):
        path = chosen[number % len(chosen)]
        text = path.read_text(encoding="utf-8")
        if number % 3 == 0:
            path.write_text(text.replace("activité de test", "activité revue", 1), "utf-8")
        elif number % 3 == 1:
            path.write_text(_without_last(text), "utf-8")
        else:
            topic = text.split("sous_theme: ", 1)[1].split("\n", 1)[0]
            late = path.with_name(f"tardive-{number:04d}.yaml")
            late.write_text(LATE.format(topic=topic, number=number), "utf-8")


def _without_last(text: str) -> str:
    """Return a list file without its last entry (withdrawn; the others keep their ids)."""
    entries = text.split("\n- ")
    return "\n- ".join(entries[:-1]) + "\n" if len(entries) > 1 else text


def prepared(drafter: str, size: int, changes: int, folder: Path) -> Path:
    """Return a workspace of `size` entries, its draft built and edited, `changes` changed."""
    root = folder / f"fusion-{size}-{changes}"
    if root.exists():
        shutil.rmtree(root)
    generate(size, root)
    subprocess.run([drafter, "build", "-w", str(root)], check=True, capture_output=True, env=ENV)
    edit_like_editors(root / "outputs" / "rapport-etape-09.docx")
    change_entries(root, changes)
    shutil.copytree(root / "outputs", root / "outputs.avant")
    return root


def timed_merge(drafter: str, root: Path) -> float:
    """Restore the edited draft, then time one `drafter build` (the merge)."""
    shutil.rmtree(root / "outputs")
    shutil.copytree(root / "outputs.avant", root / "outputs")
    start = time.perf_counter()
    done = subprocess.run([drafter, "build", "-w", str(root)], capture_output=True, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or "brouillon fusionné écrit" not in done.stdout.decode():
        sys.exit(f"merge failed in {root}:\n{done.stdout.decode()}{done.stderr.decode()}")
    return elapsed


def peak_memory(drafter: str, root: Path) -> float:
    """Restore the edited draft, then return the peak memory (MB) of one merge."""
    shutil.rmtree(root / "outputs")
    shutil.copytree(root / "outputs.avant", root / "outputs")
    return peak_memory_mb([drafter, "build", "-w", str(root)], root)


def main() -> None:
    """Print the table of median merge times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--changes", type=int, nargs="+", default=[10, 100])
    args = parser.parse_args()
    drafter = installed_script() or shutil.which("drafter") or "drafter"
    folder = HERE / "workspaces"
    folder.mkdir(exist_ok=True)
    print("| brouillon retouché | changements | fusion (médiane) | mémoire maximale |")
    print("|---|---|---|---|")
    for size in args.sizes:
        for changes in args.changes:
            root = prepared(drafter, size, changes, folder)
            timed_merge(drafter, root)  # warm-up
            median = statistics.median(timed_merge(drafter, root) for _ in range(args.runs))
            peak = peak_memory(drafter, root)
            row = f"| {size:,} entrées | {changes} | {median:.2f} s | {peak:.0f} Mo |"
            print(row.replace(",", " "))


if __name__ == "__main__":
    main()
