"""Cold start of `newsprobe analyze FILE` against loading spaCy's model and parsing FILE in a bare script.

    python benchmarks/cold_start.py [--rounds 5] [FILE]

Each run is a fresh Python process (imports, model loads and one analysis, as a user pays them). Rounds
alternate bare and newsprobe so that machine noise hits both alike; the figures are medians over the
rounds. Wall time is the parent's clock around the child; CPU time and peak memory (max RSS) come from
the child's own resource usage (`os.wait4`, the per-child form of `resource.getrusage(RUSAGE_CHILDREN)`).
The target is a wall ratio of at most 1.5; on a busy machine read the CPU ratio beside it.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = ROOT / "src" / "newsprobe" / "demo" / "harbour-ledger-2024-03-port-strike.txt"

BARE = """
import sys, spacy
text = open(sys.argv[1], encoding="utf-8").read()
spacy.load(sys.argv[2])(text)
"""
NEWSPROBE = "from newsprobe.cli import app; app(prog_name='newsprobe')"


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    peak_mb: float


def run_child(command: list[str]) -> Run:
    """Run one child process to the end; its wall time, CPU time and peak RSS."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{command[:3]} failed ({child.returncode}): {child.stderr.read().decode()[-500:]}")
    child.stderr.close()
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # ru_maxrss: KiB on Linux


def median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?", default=DEFAULT_FILE)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from newsprobe.config import load_options  # the configured spaCy model, as `analyze` loads it

    model = load_options().spacy_model
    bare_cmd = [sys.executable, "-c", BARE, str(args.file), model]
    full_cmd = [sys.executable, "-c", NEWSPROBE, "analyze", str(args.file)]
    bare, full = [], []
    for _ in range(args.rounds):
        bare.append(run_child(bare_cmd))
        full.append(run_child(full_cmd))
    print(f"file {args.file.name}  rounds {args.rounds}  spaCy model {model}  (medians)")
    print(f"{'':26s} {'wall s':>8s} {'CPU s':>8s} {'peak MB':>8s}")
    for name, runs in (("bare load + parse", bare), ("newsprobe analyze", full)):
        print(f"{name:26s} {median(runs, 'wall_s'):8.2f} {median(runs, 'cpu_s'):8.2f} {median(runs, 'peak_mb'):8.0f}")
    print(f"{'ratio newsprobe/bare':26s} {median(full, 'wall_s') / median(bare, 'wall_s'):8.2f} "
          f"{median(full, 'cpu_s') / median(bare, 'cpu_s'):8.2f} "
          f"{median(full, 'peak_mb') / median(bare, 'peak_mb'):8.2f}")


if __name__ == "__main__":
    main()
