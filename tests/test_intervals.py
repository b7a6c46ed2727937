"""SortedRanges.near: every range that can overlap or hold a stretch is among those it gives."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsprobe.intervals import SortedRanges

RANGE = st.tuples(st.integers(0, 200), st.integers(0, 40)).map(lambda r: (r[0], r[0] + r[1]))


@given(st.lists(RANGE, max_size=30), RANGE)
def test_near_holds_every_range_that_overlaps_holds_or_touches_the_stretch(ranges, stretch):
    start, end = stretch
    index = SortedRanges((s, e, k) for k, (s, e) in enumerate(ranges))
    near = index.near(start, end)
    related = {k for k, (s, e) in enumerate(ranges) if (s < end and start < e) or (s <= start and end <= e)}
    assert related <= {k for _, _, k in near}
    assert [s for s, _, _ in near] == sorted(s for s, _, _ in near)


def test_ties_keep_their_given_order():
    assert [k for _, _, k in SortedRanges([(5, 9, "b"), (1, 2, "a"), (5, 6, "c")]).near(0, 10)] == ["a", "b", "c"]
