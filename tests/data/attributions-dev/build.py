"""Build the hand-made brat .ann files of this folder from annotations.spec.

annotations.spec lists, per document (`=== NAME SPEC`), one attribution per line:
`C=content|Q=cue|S=source`. Each is text as it appears; `A~~B` spans from A to the first B after
it; `##` joins the parts of a discontinuous content. A cue or source is the occurrence nearest
the content (outside it). SPEC names the text as in index.tsv (see evaluate/attributions.py).
Run: PYTHONPATH=src python tests/data/attributions-dev/build.py [../shared/data]
"""
from __future__ import annotations

import sys
from pathlib import Path

from newsprobe.evaluate.attributions import text_for
from newsprobe.evaluate.brat import format_ann

HERE = Path(__file__).parent


def locate(text: str, pattern: str, near: tuple[tuple[int, int], ...] = ()) -> tuple[int, int]:
    head, _, tail = pattern.partition("~~")
    starts = []
    i = text.find(head)
    while i >= 0:
        starts.append(i)
        i = text.find(head, i + 1)
    if near:
        starts = [s for s in starts if all(s + len(head) <= a or s >= b for a, b in near)]
        starts.sort(key=lambda s: min(min(abs(s - a), abs(s - b)) for a, b in near))
    if not starts:
        raise SystemExit(f"not found: {pattern!r}")
    start = starts[0]
    end = start + len(head)
    if tail:
        j = text.find(tail, end)
        if j < 0:
            raise SystemExit(f"not found: {tail!r}")
        end = j + len(tail)
    return start, end


def build(data: Path) -> None:
    index, docs, current = [], {}, None
    for line in (HERE / "annotations.spec").read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            name, spec = line[4:].split()
            index.append(f"{name}\t{spec}")
            current = docs.setdefault(name, [])
        elif line.strip():
            current.append(dict(f.split("=", 1) for f in line.split("|")))
    (HERE / "index.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    specs = dict(row.split("\t") for row in index)
    for name, rows in docs.items():
        ann = HERE / f"{name}.ann"
        text = text_for(ann, data, specs)
        records = []
        for row in rows:
            parts = tuple(locate(text, p) for p in row["C"].split("##"))
            rec = {"Content": parts}
            if "Q" in row:
                rec["Cue"] = (locate(text, row["Q"], parts),)
            if "S" in row:
                rec["Source"] = (locate(text, row["S"], parts),)
            records.append(rec)
        ann.write_text(format_ann(records, text), encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data"))
