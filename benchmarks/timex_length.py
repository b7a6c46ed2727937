"""How the time-expression finder's work grows with the text: CPU seconds of `find_timexes` on a text of
N words and of 10N (best of R rounds), printed as a ratio. Linear work gives 10.

    PYTHONPATH=src .venv/bin/python benchmarks/timex_length.py [--words 10000] [--rounds 3]

Three hostile shapes (issue 17): a run of numbers that all look like years ("1999 2000 2001 ..."),
team-written prose dense with dates (10N words is 100,000 at the default), and one sentence of
many clauses (200 at 10x, each with a weekday and a duration).
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date

from newsprobe.timex import find_timexes

ANCHOR = date(2013, 3, 20)
PROSE = ("The ministers met on Saturday, two years ago, and will meet again next week. "
         "Profit rose 5% in the third quarter; a year earlier it fell in the 1990s style. ")
CLAUSE = "on Monday the rebels left the town for three days"


def numbers(words: int) -> str:
    return " ".join(str(1900 + i % 200) for i in range(words))


def prose(words: int) -> str:
    return PROSE * max(1, words // len(PROSE.split()))


def clauses(words: int) -> str:
    return "He said that " + ", and ".join([CLAUSE] * max(1, words // len(CLAUSE.split()))) + "."


def cpu_seconds(text: str, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        find_timexes(text, ANCHOR, lambda s, e: -1)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    find_timexes("warm-up on Monday")  # compiles the rules outside the timing
    shapes: tuple[tuple[str, Callable[[int], str], int], ...] = (
        ("numbers", numbers, args.words), ("prose", prose, args.words), ("clauses", clauses, 200))
    for name, make, words in shapes:
        one, ten = (cpu_seconds(make(words * k), args.rounds) for k in (1, 10))
        print(f"{name:8} {len(make(words).split()):>7} words {one:7.3f} s   x10 {ten:7.3f} s   "
              f"ratio {ten / one:5.2f}  (linear: 10)")


if __name__ == "__main__":
    main()
