"""Run a benchmark or evaluation command and keep what it printed as `benchmarks/results/NAME.txt`.

    python benchmarks/record.py NAME -- COMMAND [ARG ...]

The file starts with the command, the commit, the time and the load average before and after, so a
figure in BENCHMARKS.md always says what produced it and on how busy a machine. `benchmarks/render.py`
then copies the file into BENCHMARKS.md: figures there are never typed by hand.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def commit() -> str:
    run = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                           text=True, check=False).stdout.strip()
    return run.stdout.strip() + (" (with uncommitted changes)" if dirty else "")


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    name, command = argv[0], argv[2:]
    started, load_before = datetime.now(UTC), load()
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    header = [f"$ {shlex.join(command)}",
              f"# commit {commit()}; started {started:%Y-%m-%d %H:%M} UTC; "
              f"{(datetime.now(UTC) - started).total_seconds():.0f} s wall; exit {run.returncode}",
              f"# load average (1, 5, 15 min) before: {load_before}; after: {load()}; {os.cpu_count()} cores"]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.txt").write_text("\n".join(header) + "\n" + run.stdout.rstrip() + "\n", encoding="utf-8")
    sys.stderr.write(run.stderr)
    print((RESULTS / f"{name}.txt").read_text(encoding="utf-8"))
    return run.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
