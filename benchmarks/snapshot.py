"""Byte-identical output snapshots for behaviour-preserving refactors.

`python benchmarks/snapshot.py write DIR` runs `newsprobe analyze` (the real CLI, in a subprocess)
over a fixed set of inputs and writes each output to DIR; `python benchmarks/snapshot.py compare
DIR` runs them again and lists every output that differs by a single byte. Take the snapshot on the
commit before a refactor, compare after it: exit status 0 means nothing a user sees has changed.

The inputs are the team's demo articles (JSON, text and HTML output), the reference article, the
hand-annotated attribution development texts and a few awkward strings, so the check covers every
layer, every output format and the edge cases. Snapshots stay outside the repository: they hold
the corpora's text.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from newsprobe.paths import data_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = data_dir()
DEMO = ROOT / "src" / "newsprobe" / "demo"

# Inputs a tokenizer, a date parser or a quote matcher could trip on (written by the team).
AWKWARD = {
    "unbalanced-quotes": 'The mayor said "we will not stop. Nobody answered\n"She left," he said.',
    "dates-only": "On 3 March, then on Tuesday, and next year, and in the 1990s, and 2024-02-30.",
    "pronoun-first": "She said the plan would fail. Officials denied it, according to a memo.",
    "one-word": "Yes",
}


def _inputs(scratch: Path) -> list[tuple[str, Path, str, list[str]]]:
    """(name, path, format, extra args) for every output in the snapshot."""
    runs: list[tuple[str, Path, str, list[str]]] = []
    for path in sorted(DEMO.glob("*.txt")):
        for fmt in ("json", "text", "html"):
            runs.append((f"demo-{path.stem}.{fmt}", path, fmt, ["--published", "2024-06-01"]))
    for path in sorted((DATA / "samples").glob("*.txt")):
        if path.name == "SOURCE.txt":
            continue
        runs.append((f"sample-{path.stem}.json", path, "json", ["--published", "2022-01-02"]))
    for path in sorted((DATA / "polnear-train-dev" / "dev" / "text").glob("*.txt"))[:8]:
        runs.append((f"polnear-{path.stem[:40]}.json", path, "json", []))
    for name, text in AWKWARD.items():
        path = scratch / f"awkward-{name}.txt"
        path.write_text(text, encoding="utf-8")
        runs.append((f"awkward-{name}.json", path, "json", ["--published", "2024-03-05"]))
    return runs


def _outputs() -> dict[str, bytes]:
    """Every snapshot output by name, produced by the installed `newsprobe` command."""
    results: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for name, path, fmt, extra in _inputs(scratch):
            # A copy under a fixed name, so the `source` field does not depend on the checkout's path.
            local = scratch / f"{name.rsplit('.', 1)[0]}.txt"
            if path != local:
                local.write_bytes(path.read_bytes())
            command = [str(Path(sys.executable).parent / "newsprobe"), "analyze", local.name, "--format", fmt, *extra]
            # This checkout's code, whatever the installed package points at (the run is in a scratch folder).
            env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
            done = subprocess.run(command, capture_output=True, check=False, cwd=scratch, env=env)
            results[name] = done.stdout + f"\n[exit {done.returncode}]\n".encode()
    return results


def write(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in _outputs().items():
        (folder / name).write_bytes(data)
    print(f"snapshot: {len(list(folder.iterdir()))} outputs written to {folder}")
    return 0


def compare(folder: Path) -> int:
    differ = []
    outputs = _outputs()
    for name, data in outputs.items():
        before = folder / name
        if not before.exists() or before.read_bytes() != data:
            differ.append(name)
    missing = sorted({p.name for p in folder.iterdir()} - set(outputs))
    for name in differ + missing:
        print(f"differs: {name}")
    digest = hashlib.sha256(b"".join(outputs[n] for n in sorted(outputs))).hexdigest()[:16]
    print(f"snapshot: {len(outputs) - len(differ)} of {len(outputs)} outputs byte-identical "
          f"({len(missing)} missing); digest {digest}")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in {"write", "compare"}:
        sys.exit("usage: python benchmarks/snapshot.py write|compare DIR")
    action, target = sys.argv[1], Path(sys.argv[2])
    sys.exit(write(target) if action == "write" else compare(target))
