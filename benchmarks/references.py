"""Build the reference drafts and print a digest of each: two checkouts that print the same
lines write the same bytes (what a refactoring must keep).

    python benchmarks/references.py OUT_DIR [--large]

Run it with each checkout's code first on the path (PYTHONPATH=checkout); OUT_DIR must not
exist. The drafts: the demo (inputs/ of the repository) and the 6th report's reconstruction
(tests/data/rapport-6), 100 and 1,000 generated entries, each plain, with --toc --annexe,
--sans-commentaires and as Markdown; with --large, the three 10,000-entry shapes too. Each
Word draft's merge base (outputs/.drafter/) is digested with it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

VARIANTS = {
    "plain": [],
    "toc-annexe": ["--toc", "--annexe"],
    "sans-commentaires": ["--sans-commentaires"],
    "md": ["--format", "md"],
}


def workspaces(out: Path, large: bool) -> dict[str, tuple[Path, list[str]]]:
    """Return each workspace to build, by name, with the variants it is built in."""
    found = {
        "demo": (HERE.parent, list(VARIANTS)),
        "rapport-6": (HERE.parent / "tests" / "data" / "rapport-6", list(VARIANTS)),
    }
    shapes = [(100, ""), (1000, "")] + (
        [(10_000, ""), (10_000, "--flat"), (10_000, "--rich")] if large else []
    )
    for count, shape in shapes:
        root = out / "ws" / f"w{count}{shape}"
        generate(count, root, flat=shape == "--flat", rich=shape == "--rich")
        found[root.name] = (root, list(VARIANTS) if count < 10_000 else ["plain"])
    return found


def build(name: str, root: Path, variant: str, out: Path) -> list[Path]:
    """Build one variant of a workspace into out; return the files written."""
    suffix = ".md" if variant == "md" else ".docx"
    target = out / "drafts" / f"{name}-{variant}{suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "drafter", "build", "-w", str(root), "-o", str(target)]
    subprocess.run(command + VARIANTS[variant], check=True, capture_output=True)
    base = target.parent / ".drafter" / f"{target.name}.json"
    return [target, base] if base.exists() else [target]


def main() -> None:
    """Build every reference draft and print `digest  name` lines."""
    out = Path(sys.argv[1])
    out.mkdir(parents=True)
    for name, (root, variants) in workspaces(out, "--large" in sys.argv).items():
        for variant in variants:
            for path in build(name, root, variant, out):
                digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
                print(f"{digest}  {path.relative_to(out)}")
    shutil.rmtree(out / "ws")


if __name__ == "__main__":
    main()
