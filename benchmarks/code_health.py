"""Code-health figures for the package: function lengths and module sizes.

`python benchmarks/code_health.py [--top 10] [--root src/newsprobe]` prints the longest functions,
the largest modules (lines of code, blank and comment lines excluded) and the median and
90th-percentile function length. Run it before and after a refactor to compare like with like.
A function's length counts its lines from `def` to its last statement, nested functions included.
"""
from __future__ import annotations

import argparse
import ast
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def function_lengths(path: Path) -> list[tuple[str, int]]:
    """(qualified name, line count) for every function and method in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                found.append((name, (child.end_lineno or child.lineno) - child.lineno + 1))
                visit(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")

    visit(tree, "")
    return found


def code_lines(path: Path) -> int:
    """Lines that are neither blank nor comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines if line.strip() and not line.strip().startswith("#"))


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT / "src" / "newsprobe")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    modules = sorted(args.root.rglob("*.py"))
    functions = [(f"{m.relative_to(args.root)}:{name}", n) for m in modules for name, n in function_lengths(m)]
    sizes = sorted(((code_lines(m), str(m.relative_to(args.root))) for m in modules), reverse=True)
    lengths = [n for _, n in functions]
    print(f"modules {len(modules)}, functions {len(functions)}, "
          f"function length median {statistics.median(lengths):g}, p90 {percentile(lengths, 0.9)}, "
          f"max {max(lengths)}")
    print(f"\nlongest {args.top} functions (lines):")
    for name, n in sorted(functions, key=lambda item: (-item[1], item[0]))[: args.top]:
        print(f"  {n:4d}  {name}")
    print(f"\nlargest {args.top} modules (code lines):")
    for n, name in sizes[: args.top]:
        print(f"  {n:4d}  {name}")


if __name__ == "__main__":
    main()
