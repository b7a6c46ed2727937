"""Recipes that turn a matched time phrase into its TIMEX3 value, anchored to a date in news mode.

`direction` is the tense of the clause around the phrase: -1 past, +1 future, 0 unknown or present.
With no anchor, relative phrases keep a value with unknown digits ("XXXX-WXX") and are marked
`anchored=False`; nothing is guessed.
"""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from collections.abc import Callable

from newsprobe.errors import Code, NewsprobeError
from newsprobe.timex.calendar import (GRANULARITY, nearest_year, render, shift, unknown, valid_date,
                                      weekday_near)
from newsprobe.timex.rules import TimexRules


@dataclass
class Value:
    value: str
    anchored: bool = True
    relative: str | None = None  # the offset from the anchor, when the value depends on it ("DCT-P2Y")


Groups = dict[str, str | None]
_FIXED = re.compile(r"^DCT(?:(?P<sign>[+-])(?P<n>\d+)(?P<unit>D|WE))?(?: (?P<pod>T\w\w))?$")
_FIXED_DAY = re.compile(r"^DCT@(?P<month>\d\d)-(?P<day>\d\d)$")
_TZ_UTC = {"utc", "gmt"}


def _group(g: Groups, name: str) -> str:
    """A group that the recipe needs, so every pattern using the recipe captures it; NP704 otherwise."""
    value = g.get(name)
    if value is None:
        raise NewsprobeError(Code.BAD_TIME_RULES, f"the pattern captured no '{name}', which its recipe needs")
    return value


def _number(rules: TimexRules, text: str | None) -> float | str | None:
    """'two' -> 2, '45' -> 45, 'twenty-five' -> 25, 'several' -> 'X'; None when not a number."""
    if text is None:
        return None
    text = re.sub(r"\s+", " ", text.lower().strip())
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) if "." in text else int(text)
    numbers = rules.vocab["numbers"]
    if text in numbers:
        return numbers[text]
    parts = re.split(r"[\s-]", text)
    if all(p in numbers and isinstance(numbers[p], int) for p in parts):
        return sum(numbers[p] for p in parts)
    return None


def _unit(rules: TimexRules, word: str | None) -> tuple[str, int] | None:
    if not word:
        return None
    word = word.lower()
    units = rules.vocab["units"]
    for form in (word, word.rstrip("s"), word[:-3] + "y" if word.endswith("ies") else word):
        if form in units:
            letter, mult = units[form]
            return letter, int(mult)
    return None


def _year(rules: TimexRules, g: Groups, anchor: date | None) -> tuple[int | None, bool]:
    """The year written (four digits, or two read against the anchor's century); flag False if unsure."""
    written = g.get("year")
    if written and len(written) == 4:
        return int(written), True
    two = g.get("year2") or written
    if two:
        yy = int(two)
        if anchor is None:
            return None, False
        century = anchor.year // 100 * 100
        year = century + yy if century + yy <= anchor.year + 10 else century - 100 + yy
        return year, True
    return None, True


def _month(rules: TimexRules, g: Groups) -> int | None:
    text = g.get("month")
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return rules.vocab["months"].get(text.lower().rstrip("."))


def date_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    written_day, written_year = g.get("day"), g.get("year")
    month, day = _month(rules, g), int(written_day) if written_day else None
    year, sure = _year(rules, g, anchor)
    two = g.get("year2") or (written_year if written_year and len(written_year) == 2 else None)
    if two and year is None:
        if month is None or not valid_date(None, month, day):
            return Value(f"XX{int(two):02d}", anchored=False) if month is None else None
        return Value(f"XX{int(two):02d}-{month:02d}" + (f"-{day:02d}" if day else ""), anchored=False)
    if month is None:
        return Value(f"{year:04d}") if year is not None else None
    if not valid_date(year, month, day):
        return None  # "February 30": not a date, so no value is made up
    if year is None:
        if anchor is None:
            tail = f"-{day:02d}" if day else ""
            return Value(f"XXXX-{month:02d}{tail}", anchored=False)
        year = _day_year(anchor, month, day, direction) if day else nearest_year(anchor, month, 15, direction)
    tail = f"-{day:02d}" if day else ""
    return Value(f"{year:04d}-{month:02d}{tail}")


# A day named without a year lies within about three months of the publication date.
NEAR_DAYS = 92


def _day_year(anchor: date, month: int, day: int, direction: int) -> int:
    """The year of "Jan. 14": the day the tense points to when it is near the anchor, else the closest
    day when that is near (a misread tense must not move a near date a whole year), else the day the
    tense points to ("last seen Nov. 3" written in May is the November before); with no tense, the
    anchor's year."""
    for way in (direction, 0):
        year = nearest_year(anchor, month, day, way)
        if abs((date(year, month, min(day, monthrange(year, month)[1])) - anchor).days) <= NEAR_DAYS:
            return year
    return nearest_year(anchor, month, day, direction) if direction else anchor.year


# A month named alone in a past-tense clause lies at most this many months back; farther than that (the
# month just after the anchor's), the clause's tense was misread or unknown and the nearest such month is
# meant. A future reading is kept: "will rise in December" written in January is eleven months ahead.
FAR_MONTHS = 10


def month_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    month = _month(rules, g)
    if month is None:
        return None
    rel = rules.vocab["relative"].get((g.get("rel") or "").lower())
    if anchor is None:
        return Value(f"XXXX-{month:02d}", anchored=False)
    rely = g.get("rely")
    if rely:  # "October of next year"
        return Value(f"{anchor.year + rules.vocab['relative'][rely.lower()]:04d}-{month:02d}")
    if rel is None or rel == 0:
        # a whole month counts as past once it has begun, as future until it has ended
        day = {-1: 1, 1: 28}.get(direction, 15)
        year = nearest_year(anchor, month, day, direction) if rel is None else anchor.year
        if rel is None and direction < 0 and (anchor.year - year) * 12 + anchor.month - month > FAR_MONTHS:
            year = nearest_year(anchor, month, 15, 0)  # "November" written on October 30 is the coming one
    else:
        year = anchor.year - (month >= anchor.month) if rel < 0 else anchor.year + (month <= anchor.month)
    return Value(f"{year:04d}-{month:02d}")


def offset_value(rules: TimexRules, g: Groups, anchor: date | None, sign: int | None) -> Value | None:
    unit = _unit(rules, g.get("unit"))
    if unit is None:
        return None
    letter, mult = unit
    if sign is None:
        sign = rules.vocab["relative"].get((g.get("rel") or "").lower(), 0)
    amount = _number(rules, g.get("num")) if g.get("num") else (1 if sign else 0)
    if amount is None:
        return None
    if isinstance(amount, str):  # "X", an unknown count ("several years")
        return Value("PAST_REF" if sign < 0 else "FUTURE_REF")
    if letter == "Y" and mult == 10:
        letter, amount = ("DE", amount) if not g.get("num") else ("Y", amount * 10)
    elif letter == "Y" and mult == 100:
        letter = "CE"
    granularity = GRANULARITY.get(letter, "day")
    steps = sign * amount
    relative = f"DCT{'+' if steps >= 0 else '-'}P{abs(steps):g}{letter}"
    if anchor is None:
        return Value(unknown(granularity), anchored=False, relative=relative)
    return Value(render(shift(anchor, steps, letter), granularity), relative=relative)


def weekday_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    weekday = rules.vocab["weekdays"].get((g.get("weekday") or "").lower())
    if weekday is None:
        return None
    pod = rules.vocab["parts_of_day"].get((g.get("pod") or "").lower())
    suffix = f"T{pod}" if pod else ""
    rel = rules.vocab["relative"].get((g.get("rel") or "").lower())
    if anchor is None:
        return Value(f"XXXX-WXX-{weekday}{suffix}", anchored=False)
    if rel is not None and rel != 0:
        day = weekday_near(shift(anchor, rel, "D"), weekday, rel)  # "last Monday": strictly before
    else:
        day = weekday_near(anchor, weekday, 1 if direction > 0 else -1)
    return Value(day.isoformat() + suffix)


def weekend_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    """"the weekend": the one around the Saturday on or before the anchor (after it when future)."""
    if anchor is None:
        return Value("XXXX-WXX-WE", anchored=False)
    return Value(render(weekday_near(anchor, 6, 1 if direction > 0 else -1), "weekend"))


def season_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    code = rules.vocab["seasons"].get((g.get("season") or "").lower())
    if code is None:
        return None
    year, _ = _year(rules, g, anchor)
    if year is None:
        if anchor is None:
            return Value(f"XXXX-{code}", anchored=False)
        rel = rules.vocab["relative"].get((g.get("rel") or "").lower(), 0)
        year = anchor.year + rel
    return Value(f"{year:04d}-{code}")


def quarter_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    word = (g.get("ord") or "").lower()
    n = int(word[0]) if word[:1].isdigit() else rules.vocab["ordinals"].get(word)
    if n is None:
        return None
    year, _ = _year(rules, g, anchor)
    rel = (g.get("rel") or "").lower()
    if year is None:
        if anchor is None:
            return Value(f"XXXX-Q{n}", anchored=False)
        if word == "last" and not rel:  # "the last quarter": the one before the anchor's
            return Value(render(shift(anchor, -1, "Q"), "quarter"))
        year = anchor.year + rules.vocab["relative"].get(rel, 0) if rel else _quarter_year(anchor, n, direction)
        year -= 1 if g.get("ago") else 0  # "the year-ago third quarter"
    return Value(f"{year:04d}-Q{n}")


def _quarter_year(anchor: date, n: int, direction: int) -> int:
    """The year of "the fourth quarter" with no year: the latest one that has begun by the anchor
    (results are reported after a quarter), unless the clause looks ahead."""
    begun = n <= (anchor.month - 1) // 3 + 1
    return anchor.year if begun or direction > 0 else anchor.year - 1


def half_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    """"the first half of 2009" -> 2009-H1."""
    n = 1 if (g.get("ord") or "").lower() in ("first", "1st") else 2
    year, _ = _year(rules, g, anchor)
    if year is None:
        if anchor is None:
            return Value(f"XXXX-H{n}", anchored=False)
        year = anchor.year + rules.vocab["relative"].get((g.get("rel") or "").lower(), 0)
    return Value(f"{year:04d}-H{n}")


def century_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    """"the 21st century" -> 20 (TIMEX3 writes a century as its first two digits)."""
    n = int(_group(g, "century"))
    return Value(f"{n - 1:02d}") if 1 <= n <= 30 else None


def decade_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    decade = g.get("decade")
    if decade:
        return Value(decade[:3])
    tens = int(_group(g, "decade2"))
    if anchor is None:
        return Value(f"XX{tens // 10}", anchored=False)
    century = anchor.year // 100
    if tens > anchor.year % 100:
        century -= 1
    return Value(f"{century:02d}{tens // 10}")


def decade_word_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    """"the nineties": the decade of that name closest before the anchor (199 in 2000)."""
    tens = rules.vocab["decade_words"][_group(g, "decadeword").lower()]
    return decade_value(rules, {"decade2": f"{tens}0"}, anchor, direction)


def spoken_year_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    """"nineteen ninety-six" -> 1996."""
    hundreds, tens = _number(rules, g["hundreds"]), _number(rules, g["tens"])
    if not isinstance(hundreds, int) or not isinstance(tens, int):
        return None
    return Value(f"{hundreds * 100 + tens:04d}")


def reported_quarter_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    """"the quarter" in a results story: the last quarter reported before the anchor (the anchor's own
    when "current"); "year-ago" / "a year ago" moves it four quarters back."""
    if anchor is None:
        return Value("XXXX-QX", anchored=False)
    current = (g.get("rel") or "").lower() == "current"
    steps = (0 if current else -1) - (4 if g.get("ago") else 0)
    return Value(render(shift(anchor, steps, "Q"), "quarter"))


def duration_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    unit = _unit(rules, g.get("unit"))
    if unit is None:
        return None
    letter, mult = unit
    amount = _number(rules, g.get("num")) if g.get("num") else "X"
    if amount is None or _looks_like_year(amount) or _ordinal_or_fraction(g):
        return None
    if amount != "X" and mult != 1:
        amount *= mult
    elif amount == "X" and mult == 10:
        letter = "DE"
    elif amount == "X" and mult == 100:
        letter = "CE"
    if letter in ("SEASON", "WE"):
        return None
    if (g.get("half") or g.get("andhalf")) and isinstance(amount, int):
        half = _plus_half(amount, letter)
        return Value(half) if half else None
    amount_text = amount if amount == "X" else f"{amount:g}"
    if letter in ("H", "MIN", "S"):
        return Value(f"PT{amount_text}{letter[0]}")
    return Value(f"P{amount_text}{letter}")


# Half of a unit in the next smaller one: "2 1/2 years" -> P2Y6M, "a minute and a half" -> PT1M30S.
_HALF = {"Y": "6M", "M": "15D", "D": "T12H", "H": "30M", "MIN": "30S"}


def _plus_half(amount: int, letter: str) -> str | None:
    part = _HALF.get(letter)
    if part is None:
        return None
    if letter in ("H", "MIN"):
        return f"PT{amount}{letter[0]}{part}"
    return f"P{amount}{letter}{part}"


def one_unit_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    """"the year ended March 31": one whole unit (P1Y)."""
    return duration_value(rules, {**g, "num": "1"}, anchor, direction)


def _ordinal_or_fraction(g: Groups) -> bool:
    """"a second group", "a quarter of the market": not one second, not one quarter."""
    return (g.get("num") or "").lower() in ("a", "an") and (g.get("unit") or "").lower() in ("second", "quarter")


def _looks_like_year(amount: float | str) -> bool:
    """"the 1988 quarter" is a year, not 1988 quarters."""
    return isinstance(amount, int) and 1500 <= amount <= 2099


def set_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    freq, weekday = g.get("freq"), g.get("weekday")
    if freq:
        unit = rules.vocab["frequency"][freq.lower()]
        return Value("PT1H" if unit == "TH" else f"P{unit}" if unit[0].isdigit() else f"P1{unit}")
    if weekday:
        return Value(f"XXXX-WXX-{rules.vocab['weekdays'][weekday.lower()]}")
    word = (g.get("unit") or "").lower()
    special = {"night": "TNI", "morning": "TMO", "evening": "TEV", "season": "P3M", "weekend": "XXXX-WXX-WE"}
    if word in special:
        return Value(special[word] if not special[word].startswith("T") else f"XXXX-XX-XX{special[word]}")
    unit = _unit(rules, word)
    if unit is None:
        return None
    letter, mult = unit
    n = {"other": 2}.get((g.get("num") or "").lower()) or _number(rules, g.get("num")) or 1
    n = n * mult if isinstance(n, int) else n
    return Value(f"PT{n}{letter[0]}" if letter in ("H", "MIN", "S") else f"P{n}{letter}")


def time_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    day = None
    written_year, written_month, written_day, written_pod = g.get("year"), g.get("month"), g.get("day"), g.get("pod")
    if written_year and written_month and written_day:
        if not valid_date(int(written_year), int(written_month), int(written_day)):
            return None
        day = f"{int(written_year):04d}-{int(written_month):02d}-{int(written_day):02d}"
    if written_pod:
        shift_days = {"last": -1, "yesterday": -1, "tomorrow": 1}.get((g.get("rel") or "").lower(), 0)
        pod = rules.vocab["parts_of_day"][written_pod.lower()]
        if anchor is None:
            return Value(f"XXXX-XX-XXT{pod}", anchored=False)
        return Value(f"{shift(anchor, shift_days, 'D').isoformat()}T{pod}")
    hour, minute = int(_group(g, "hour")), int(g.get("minute") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    zone = "Z" if (g.get("tz") or "").lower() in _TZ_UTC else ""
    if day is None and g.get("month") and g.get("day"):  # "16:15 UTC, June 1"
        on = date_value(rules, {"month": g["month"], "day": g["day"]}, anchor, direction)
        day = on.value if on is not None and len(on.value) == 10 else None
    if day is None and g.get("weekday"):
        on = weekday_value(rules, {"weekday": g["weekday"]}, anchor, direction)
        day = on.value if on is not None else None
    if day is None:
        day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    return Value(f"{day}T{hour:02d}:{minute:02d}{zone}", anchored=anchor is not None or "X" not in day)


def fixed_value(recipe: str, anchor: date | None, direction: int) -> Value | None:
    """A fixed phrase's value: a literal (PRESENT_REF) or an offset from the anchor ("DCT-1D")."""
    if not recipe.startswith("DCT"):
        return Value(recipe)
    day_match = _FIXED_DAY.match(recipe)
    if day_match:
        month, day = int(day_match["month"]), int(day_match["day"])
        if anchor is None:
            return Value(f"XXXX-{month:02d}-{day:02d}", anchored=False)
        return Value(f"{nearest_year(anchor, month, day, direction):04d}-{month:02d}-{day:02d}")
    m = _FIXED.match(recipe)
    if not m:
        return None
    steps = (int(m["n"]) if m["n"] else 0) * (-1 if m["sign"] == "-" else 1)
    unit, pod = m["unit"] or "D", m["pod"] or ""
    granularity = "weekend" if unit == "WE" else "day"
    relative = f"DCT{'+' if steps >= 0 else '-'}P{abs(steps)}{unit}"
    if anchor is None:
        return Value(unknown(granularity) + pod, anchored=False, relative=relative)
    return Value(render(shift(anchor, steps, unit), granularity) + pod, relative=relative)


def year_back_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    """"a year earlier" read alone: the anchor's year less one (find.py prefers the previous expression's)."""
    return offset_value(rules, {"num": "1", "unit": "year"}, anchor, -1)


# A reporting period ("1989-Q3", "1989-H1"): what "a year earlier" in a results story compares with.
_PERIOD = re.compile(r"^(?P<year>\d{4})(?P<rest>-(?:Q[1-4X]|H[12]))$")


def year_before(previous: str | None) -> Value | None:
    """TimeML anchors "a year earlier" to the expression before it: after "the third quarter" (1989-Q3)
    it is 1988-Q3. None when that expression is not a reporting period (the anchor's year is used:
    a day such as "yesterday" is rarely what a year-on-year comparison means)."""
    m = _PERIOD.match(previous or "")
    if m is None or int(m["year"]) < 1:
        return None
    return Value(f"{int(m['year']) - 1:04d}{m['rest']}")  # no offset from the anchor to report


def range_value(rules: TimexRules, g: Groups, anchor: date | None, direction: int) -> Value | None:
    """"from 2009 to 2011": the length of the span of years."""
    first, last = int(_group(g, "year")), int(_group(g, "yearb"))
    return Value(f"P{last - first}Y") if last > first else None


Recipe = Callable[[TimexRules, Groups, "date | None", int], "Value | None"]
RECIPES: dict[str, Recipe] = {
    "date": date_value, "month": month_value, "weekday": weekday_value, "season": season_value,
    "quarter": quarter_value, "decade": decade_value, "duration": duration_value, "set": set_value,
    "time": time_value, "range": range_value, "half": half_value, "century": century_value,
    "decade_word": decade_word_value, "one_unit": one_unit_value, "spoken_year": spoken_year_value, "reported_quarter": reported_quarter_value,
    "year_back": year_back_value, "weekend": weekend_value,
}
