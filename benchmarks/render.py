"""Copy the recorded runs (`benchmarks/results/NAME.txt`, made by `benchmarks/record.py`) into BENCHMARKS.md.

Each `<!-- results/NAME.txt -->` ... `<!-- end -->` block of BENCHMARKS.md is replaced by the file's text,
so the figures there are what a run printed. `python benchmarks/render.py --check` exits 1 when
BENCHMARKS.md is out of date (a test runs it).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "BENCHMARKS.md"
BLOCK = re.compile(r"(<!-- (results/[\w.-]+\.txt) -->\n).*?(<!-- end -->)", re.S)


def render(text: str, folder: Path = ROOT / "benchmarks") -> str:
    def fill(match: re.Match) -> str:
        recorded = (folder / match.group(2)).read_text(encoding="utf-8").rstrip()
        return f"{match.group(1)}```\n{recorded}\n```\n{match.group(3)}"
    return BLOCK.sub(fill, text)


def main(argv: list[str]) -> int:
    current = DOC.read_text(encoding="utf-8")
    rendered = render(current)
    if "--check" in argv:
        if rendered != current:
            print("BENCHMARKS.md is out of date: run python benchmarks/render.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(rendered, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
