"""Dates for time-aware fact-check matching: the day a checked claim was stated, the day a query was said.

Why: a debate sentence repeats claims checked before it, rarely ones stated after it, and more often
recent ones than old ones (CheckThat! 2022 2B train: 95 % of the relevant fact-checks were stated on or
before the debate's day). Free-form dates are read with a few regexes (PolitiFact's "stated on October
22, 2019 in ...", Snopes' "26 May 2015"); anything else is unknown and then changes nothing.
"""
from __future__ import annotations

import re
from datetime import date

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
PATTERNS = (  # (regex, order of the year, month and day groups)
    (ISO_DATE, "ymd"),
    (re.compile(r"\b" + MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE), "mdy"),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(\d{4})\b", re.IGNORECASE), "dmy"),
)
QUERY_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})_")  # CheckThat! 2B query ids: 20121023_third_presidential_debate_0959


def stated_on(value: object) -> date | None:
    """The first date written out in `value` (ISO, "October 22, 2019", "22 October 2019"), else None."""
    if not isinstance(value, str):
        return None
    for pattern, order in PATTERNS:
        for match in pattern.finditer(value):
            parts = dict(zip(order, match.groups()))
            month = parts["m"]
            number = int(month) if month.isdigit() else MONTHS.index(month[:3].lower()) + 1
            try:
                return date(int(parts["y"]), number, int(parts["d"]))
            except ValueError:
                continue
    return None


def query_day(query_id: str) -> date | None:
    """The debate's day from a CheckThat! 2B query id (it starts with YYYYMMDD_), else None."""
    return ymd_day(QUERY_DAY.match(query_id))


def ymd_day(match: re.Match[str] | None) -> date | None:
    """The day of a match whose groups are year, month and day (digits), else None (no match, or no such day)."""
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
