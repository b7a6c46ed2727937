"""Char ranges sorted by start, for "which of these can overlap start..end?" without comparing every pair.

A 100,000-word text has some 10^4 attributions, sentences and noun chunks: the layers that relate one
kind of range to another (merges, claim units, span boundaries) look up candidates here, then apply
their own overlap or containment test to them.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class SortedRanges(Generic[T]):
    """(start, end, item) triples in order of start (ties keep their given order)."""

    def __init__(self, ranges: Iterable[tuple[int, int, T]]) -> None:
        self.ranges = sorted(ranges, key=lambda r: r[0])
        self.starts = [r[0] for r in self.ranges]
        self.longest = max((end - start for start, end, _ in self.ranges), default=0)

    def near(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """Every range that can overlap or hold start..end (a superset: callers test their relation), in
        order of start."""
        return self.ranges[bisect_left(self.starts, start - self.longest):bisect_right(self.starts, end)]
