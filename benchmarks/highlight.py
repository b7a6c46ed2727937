"""Highlighting speed: the article page's marked text for a long, densely annotated article.

    PYTHONPATH=src .venv/bin/python benchmarks/highlight.py [--words 5000] [--repeat 20]

The article (tests/web/web_fixtures.py `dense_analysis`) has `--words` words in paragraphs of 100, a
technique every 5 words and a claim every 20 overlapping them. Printed, each the best of `--repeat` runs:
milliseconds per render and words per second for that article and one twice as long (their ratio shows
the work is linear), and the ratio of a render to escaping the same text with `html.escape` in the
same run, a figure that machine load moves less than seconds do.
"""
from __future__ import annotations

import argparse
import html
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsprobe.web import highlight
from tests.web.web_fixtures import dense_analysis


def best(run: Callable[[], object], repeat: int) -> float:
    """The fastest of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    rows = []
    for words in (args.words, 2 * args.words):
        analysis = dense_analysis(words)
        render = best(lambda a=analysis: highlight.render_text(a), args.repeat)
        escape = best(lambda t=analysis.article.text: html.escape(t), args.repeat)
        rows.append((words, len(analysis.techniques) + len(analysis.claims), render, escape))
    print(f"{'words':>6} {'findings':>8} {'ms/render':>10} {'words/s':>10} {'render/escape':>14}")
    for words, findings, render, escape in rows:
        print(f"{words:>6} {findings:>8} {render * 1000:>10.1f} {words / render:>10,.0f} {render / escape:>14.0f}")
    print(f"twice the words: {rows[1][2] / rows[0][2]:.2f} times the render time (2.00 is linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
