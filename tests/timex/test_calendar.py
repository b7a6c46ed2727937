from datetime import date

from newsprobe.timex.calendar import add_months, render, shift, valid_date, weekday_near


def test_valid_date():
    assert valid_date(2021, 2, 28) and not valid_date(2021, 2, 29) and valid_date(2020, 2, 29)
    assert not valid_date(None, 2, 30) and not valid_date(2020, 13, 1) and valid_date(None, 2, 29)


def test_shift_and_render():
    d = date(2013, 3, 20)
    assert render(shift(d, -1, "W"), "week") == "2013-W11"
    assert render(shift(d, -2, "Y"), "year") == "2011"
    assert render(d, "decade") == "201" and render(d, "quarter") == "2013-Q1"
    assert add_months(date(2013, 1, 31), 1) == date(2013, 2, 28)


def test_weekday_near():
    sunday = date(2022, 1, 2)
    assert weekday_near(sunday, 6, -1) == date(2022, 1, 1)
    assert weekday_near(sunday, 6, 1) == date(2022, 1, 8)
    assert weekday_near(sunday, 7, -1) == sunday


# --- the ends of the calendar (issue 15): date arithmetic clamps, never raises ---
import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsprobe.timex import find_timexes  # noqa: E402
from newsprobe.timex.calendar import nearest_year  # noqa: E402
from newsprobe.timex.rules import timex_rules  # noqa: E402

VOCAB = timex_rules().vocab
TEMPLATES = [
    "on {weekday}", "last {weekday}", "next {weekday} {pod}", "{weekday} at {hour} pm", "{rel} {unit}",
    "{num} {unit}s ago", "in {num} {unit}s", "{word} {unit}s ago", "{rel} {month}", "{month} {day}",
    "{month} of {rel} year", "{month} '{yy}", "{rel} {season}", "the {ordinal} quarter", "the {ordinal} half",
    "the '{yy}s", "the {tens}s", "{month} {day}, '{yy}", "{fixed}", "{pod} on {month} {day}",
]


@st.composite
def relative_expressions(draw: st.DrawFn) -> str:
    pick = lambda values: draw(st.sampled_from(sorted(values)))  # noqa: E731
    return draw(st.sampled_from(TEMPLATES)).format(
        weekday=pick(VOCAB["weekdays"]), pod=pick(VOCAB["parts_of_day"]), rel=pick(VOCAB["relative"]),
        unit=pick(VOCAB["units"]), month=pick(VOCAB["months"]), season=pick(VOCAB["seasons"]),
        ordinal=pick(VOCAB["ordinals"]), word=pick(VOCAB["numbers"]), fixed=pick(timex_rules().fixed),
        num=draw(st.integers(1, 1_000_000)), hour=draw(st.integers(1, 12)), day=draw(st.integers(1, 31)),
        yy=f"{draw(st.integers(0, 99)):02d}", tens=draw(st.sampled_from(range(0, 100, 10))))


@settings(max_examples=600, deadline=None)
@given(anchor=st.dates(date.min, date.max) | st.sampled_from([date.min, date.max]),
       phrase=relative_expressions(), tense=st.sampled_from([-1, 0, 1]))
def test_any_anchor_with_any_relative_expression_never_raises(anchor, phrase, tense):
    for match in find_timexes(f"He said {phrase} that it was over.", anchor, lambda s, e: tense):
        assert not re.match(r"^(?:-|\d{5})", match.value), match  # no year outside 0000..9999 is written


@given(anchor=st.dates(date.min, date.max), amount=st.integers(-10**7, 10**7),
       unit=st.sampled_from(["Y", "DE", "CE", "Q", "M", "W", "WE", "D", "H"]),
       weekday=st.integers(1, 7), direction=st.sampled_from([-1, 0, 1]), month=st.integers(1, 12),
       day=st.integers(1, 31))
def test_calendar_arithmetic_clamps_at_the_ends(anchor, amount, unit, weekday, direction, month, day):
    shifted = shift(anchor, amount, unit)
    assert date.min <= shifted <= date.max and render(shifted, "week")
    assert date.min <= weekday_near(anchor, weekday, direction) <= date.max
    assert abs(nearest_year(anchor, month, day, direction) - anchor.year) <= 1


def test_the_reported_overflows():
    """`newsprobe analyze` stopped with OverflowError on these anchors (JSON-LD 0001-01-01, 9999-12-31)."""
    assert weekday_near(date.min, 6, -1) == date.min
    assert shift(date.max, 1, "M") == date.max and shift(date.max, 2, "Y") == date.max
    values = {m.text: m.value for m in find_timexes("on Saturday, two years ago, next month", date.min)}
    assert values == {"Saturday": "0001-01-01", "two years ago": "0001", "next month": "0001-02"}
