"""Calendar arithmetic for TIMEX3 values: shifting an anchor date and printing it at a granularity.

Arithmetic never raises at the ends of the calendar: a shift past 0001-01-01 or 9999-12-31 stops
there (an anchor of "0001-01-01" with "last Saturday" gives 0001-01-01, not an OverflowError).
"""
from __future__ import annotations

import calendar
from datetime import date

# Granularity of a unit letter when a shifted anchor is printed ("last week" -> 2013-W11).
GRANULARITY = {"Y": "year", "DE": "decade", "CE": "century", "M": "month", "W": "week", "WE": "weekend",
               "D": "day", "Q": "quarter", "H": "day", "MIN": "day", "S": "day"}


def valid_date(year: int | None, month: int, day: int | None) -> bool:
    """Whether the date exists ("February 30" does not; February 29 needs a leap year when known)."""
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    leap = calendar.isleap(year if year is not None else 2000)  # an unknown year may be a leap year
    last = calendar.monthrange(2000 if leap else 2001, month)[1]  # a stand-in year with the same February
    return 1 <= day <= last


def plus_days(anchor: date, days: int) -> date:
    """`anchor` + `days`, stopping at date.min and date.max."""
    ordinal = min(max(anchor.toordinal() + days, 1), date.max.toordinal())
    return date.fromordinal(ordinal)


def add_months(anchor: date, months: int) -> date:
    total = anchor.year * 12 + anchor.month - 1 + months
    total = min(max(total, date.min.year * 12), date.max.year * 12 + 11)
    year, month = divmod(total, 12)
    day = min(anchor.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def shift(anchor: date, amount: float, unit: str) -> date:
    """The anchor moved by `amount` units (whole units; halves round towards the anchor)."""
    n = int(amount)
    if unit in ("Y", "DE", "CE"):
        return add_months(anchor, 12 * n * {"Y": 1, "DE": 10, "CE": 100}[unit])
    if unit == "Q":
        return add_months(anchor, 3 * n)
    if unit == "M":
        return add_months(anchor, n)
    if unit in ("W", "WE"):
        return plus_days(anchor, 7 * n)
    if unit == "H":
        return plus_days(anchor, int(n / 24))
    return plus_days(anchor, n)


def render(day: date, granularity: str) -> str:
    """A date printed as a TIMEX3 value at the granularity ("week" -> "2013-W11", "decade" -> "201")."""
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity in ("week", "weekend"):
        iso_year, week, _ = day.isocalendar()
        return f"{iso_year:04d}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    return day.isoformat()


def unknown(granularity: str) -> str:
    """The TIMEX3 value with every digit unknown, for a relative date with no anchor."""
    return {"year": "XXXX", "decade": "XXX", "century": "XX", "month": "XXXX-XX", "quarter": "XXXX-QX",
            "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE"}.get(granularity, "XXXX-XX-XX")


def weekday_near(anchor: date, weekday: int, direction: int) -> date:
    """The ISO `weekday` (1 = Monday) on or before the anchor (direction <= 0) or on or after it."""
    delta = weekday - anchor.isoweekday()
    if direction > 0:
        return plus_days(anchor, delta % 7)
    return plus_days(anchor, -((-delta) % 7))


def nearest_year(anchor: date, month: int, day: int, direction: int) -> int:
    """The year of month/day: before the anchor when past, after when future, else the closest."""
    candidates = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1) if date.min.year <= y <= date.max.year]
    def when(y: int) -> date:
        return date(y, month, min(day, calendar.monthrange(y, month)[1]))
    if direction < 0:  # at the calendar's ends there may be no such year: the anchor's own is kept
        return max((y for y in candidates if when(y) <= anchor), default=anchor.year)
    if direction > 0:
        return min((y for y in candidates if when(y) >= anchor), default=anchor.year)
    return min(candidates, key=lambda y: abs((when(y) - anchor).days))
