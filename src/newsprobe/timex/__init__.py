"""Time expressions: find them in text (rules kept as data) and give their TIMEX3 values."""
from newsprobe.timex.find import TimexMatch, find_timexes

__all__ = ["TimexMatch", "find_timexes"]
