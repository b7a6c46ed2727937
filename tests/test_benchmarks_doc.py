"""BENCHMARKS.md holds what recorded runs printed (benchmarks/results/), never figures typed by hand."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _render_module():
    spec = importlib.util.spec_from_file_location("render", ROOT / "benchmarks" / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_results_block_is_replaced_by_the_recorded_file(tmp_path: Path) -> None:
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "demo.txt").write_text("$ python x.py\n3 inputs, 0 failures\n", encoding="utf-8")
    text = "# B\n<!-- results/demo.txt -->\nold figure 7\n<!-- end -->\nafter\n"
    rendered = _render_module().render(text, tmp_path)
    assert rendered == "# B\n<!-- results/demo.txt -->\n```\n$ python x.py\n3 inputs, 0 failures\n```\n<!-- end -->\nafter\n"
    assert _render_module().render(rendered, tmp_path) == rendered


def test_benchmarks_md_is_rendered_from_the_recorded_runs() -> None:
    doc = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "<!-- results/" in doc
    assert _render_module().render(doc) == doc, "run python benchmarks/render.py"
