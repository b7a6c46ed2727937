"""Find time expressions in a text with the compiled rules and give each its TIMEX3 value."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from collections.abc import Callable

from newsprobe.model import TimexType
from newsprobe.timex.normalise import RECIPES, Value, fixed_value, offset_value, year_before
from newsprobe.timex.rules import Pattern, TimexRules, timex_rules

# A value whose year lies before year 0 or after 9999 ("10000-10" for "October of next year" written
# in 9999): no TIMEX3 value exists for it, so the phrase is skipped rather than given a broken one.
_OFF_CALENDAR = re.compile(r"^(?:-|\d{5})")
# "the year-ago quarter", "a year earlier": a period already a year back from the one being reported.
_LOOKS_BACK = re.compile(r"\b(?:ago|earlier)\b", re.IGNORECASE)
# tense(start, end) -> -1 past, +1 future, 0 present or unknown, for the clause around a phrase.
Tense = Callable[[int, int], int]


@dataclass
class TimexMatch:
    start: int
    end: int
    text: str
    type: TimexType
    value: str
    anchored: bool
    relative: str | None
    rule: str


@dataclass
class _Candidate:
    start: int
    end: int
    order: int
    pattern: Pattern | None
    match: re.Match[str] | None


def _candidates(text: str, rules: TimexRules) -> list[_Candidate]:
    found = [_Candidate(m.start(), m.end(), -1, None, m) for m in rules.fixed_regex.finditer(text)]
    for order, pattern in enumerate(rules.patterns):
        for m in pattern.regex.finditer(text):
            start, end = m.span("ext") if "ext" in pattern.regex.groupindex else m.span()
            if end > start:
                found.append(_Candidate(start, end, order, pattern, m))
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first (earlier rule on ties), keeping only matches that overlap no kept one.

    The kept spans never overlap, so sorted by start a candidate need only be checked against its two
    neighbours (a text of thousands of years stays near-linear, not quadratic)."""
    kept: list[_Candidate] = []
    starts: list[int] = []
    ends: list[int] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start)):
        i = bisect.bisect_right(starts, cand.start)
        if (i == 0 or ends[i - 1] <= cand.start) and (i == len(starts) or starts[i] >= cand.end):
            kept.append(cand)
            starts.insert(i, cand.start)
            ends.insert(i, cand.end)
    return sorted(kept, key=lambda c: c.start)


def _value(cand: _Candidate, rules: TimexRules, anchor: date | None,
           direction: int) -> tuple[TimexType, Value | None]:
    m = cand.match
    assert m is not None
    if cand.pattern is None:
        kind, recipe = rules.fixed[re.sub(r"\s+", " ", m.group(0).lower())]
        return kind, fixed_value(recipe, anchor, direction)
    groups = m.groupdict()
    if cand.pattern.recipe == "offset":
        return cand.pattern.type, offset_value(rules, groups, anchor, cand.pattern.sign)
    return cand.pattern.type, RECIPES[cand.pattern.recipe](rules, groups, anchor, direction)


def _year_back(previous: tuple[str, bool] | None) -> Value | None:
    """"a year earlier" after "the third quarter" is that quarter a year back; after "the year-ago
    quarter" it is that same period, already a year back."""
    if previous is None:
        return None
    moved = year_before(previous[0])
    return Value(previous[0]) if moved is not None and previous[1] else moved


def _past(start: int, end: int) -> int:
    return -1


def find_timexes(text: str, anchor: date | None = None, tense: Tense | None = None,
                 rules: TimexRules | None = None) -> list[TimexMatch]:
    """Every time expression in `text`, valued against `anchor` (None: relative values stay relative);
    `rules`: a component's own (None: the packaged rules)."""
    rules = rules or timex_rules()
    tense = tense or _past
    found = []
    previous: tuple[str, bool] | None = None  # the last date written and whether it already looks back
    for cand in _select(_candidates(text, rules)):
        kind, value = _value(cand, rules, anchor, tense(cand.start, cand.end))
        if value is None or _OFF_CALENDAR.match(value.value):
            continue
        looks_back = bool(_LOOKS_BACK.search(text, cand.start, cand.end))
        if cand.pattern is not None and cand.pattern.recipe == "year_back":
            value = _year_back(previous) or value
        if kind == "DATE":
            previous = (value.value, looks_back)
        if value.value.startswith("P") and not value.value.endswith("_REF") and kind == "DATE":
            kind = "DURATION"
        rule = cand.pattern.name if cand.pattern else "fixed"
        found.append(TimexMatch(cand.start, cand.end, text[cand.start:cand.end], kind, value.value,
                                value.anchored, value.relative, rule))
    return found
