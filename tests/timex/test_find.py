"""Normalisation of time phrases to TIMEX3 values, in news mode, with and without an anchor."""
from __future__ import annotations

from datetime import date

import pytest

from newsprobe.timex import find_timexes

ANCHOR = date(2013, 3, 20)  # a Wednesday, ISO week 12


def values(text: str, anchor: date | None = ANCHOR, tense: int = -1) -> list[tuple[str, str, str]]:
    return [(m.text, m.type, m.value) for m in find_timexes(text, anchor, lambda s, e: tense)]


@pytest.mark.parametrize("text, expected", [
    ("It happened last week.", ("last week", "DATE", "2013-W11")),
    ("Music of the 1990s.", ("the 1990s", "DATE", "199")),
    ("It took a month.", ("a month", "DURATION", "P1M")),
    ("Prices rise each season.", ("each season", "SET", "P3M")),
    ("We met today.", ("today", "DATE", "2013-03-20")),
    ("He died on January 3, 2020.", ("January 3, 2020", "DATE", "2020-01-03")),
    ("It opened two years ago.", ("two years ago", "DATE", "2011")),
    ("Yesterday it rained.", ("Yesterday", "DATE", "2013-03-19")),
    ("Sales fell in the third quarter of 2012.", ("the third quarter of 2012", "DATE", "2012-Q3")),
    ("Sales fell last year.", ("last year", "DATE", "2012")),
    ("It starts next month.", ("next month", "DATE", "2013-04")),
    ("a five-year plan", ("five-year", "DURATION", "P5Y")),
    ("for the past nine days", ("the past nine days", "DURATION", "P9D")),
    ("at 16:15 UTC", ("16:15 UTC", "TIME", "2013-03-20T16:15Z")),
    ("at 3:30 p.m.", ("3:30 p.m.", "TIME", "2013-03-20T15:30")),
    ("markets open daily", ("daily", "SET", "P1D")),
    ("every Monday", ("every Monday", "SET", "XXXX-WXX-1")),
    ("It is now clear.", ("now", "DATE", "PRESENT_REF")),
    ("It was in the 1990s and recently.", ("the 1990s", "DATE", "199")),
    ("in March 2012", ("March 2012", "DATE", "2012-03")),
    ("on 5 May 2011", ("5 May 2011", "DATE", "2011-05-05")),
    ("from 2009 to 2011", ("from 2009 to 2011", "DURATION", "P2Y")),
    ("in the 21st century", ("the 21st century", "DATE", "20")),
    ("in the first half of 2009", ("the first half of 2009", "DATE", "2009-H1")),
])
def test_phrase_values(text, expected):
    assert expected in values(text)


def test_weekday_follows_tense():
    past = values("They met on Saturday.", tense=-1)
    future = values("They will meet on Saturday.", tense=1)
    assert past == [("Saturday", "DATE", "2013-03-16")]
    assert future == [("Saturday", "DATE", "2013-03-23")]


def test_weekday_on_the_anchor_day_is_that_day():
    assert values("They met on Wednesday.")[0][2] == "2013-03-20"


def test_reference_meeting_saturday():
    # published Sunday 2022-01-02: "a meeting on Saturday" in a past-tense report is the day before
    assert values("In a meeting on Saturday he said", date(2022, 1, 2))[0][2] == "2022-01-01"


def test_extent_excludes_preposition_includes_modifiers():
    texts = [m[0] for m in values("On Saturday, two years ago, in the 1990s, last week")]
    assert texts == ["Saturday", "two years ago", "the 1990s", "last week"]


def test_month_day_without_year_takes_year_from_tense():
    assert values("It closed on December 20.", date(2013, 1, 5), tense=-1)[0][2] == "2012-12-20"
    assert values("It opens on February 2.", date(2013, 1, 5), tense=1)[0][2] == "2013-02-02"


# --- bad input ---

def test_nonexistent_date_gets_no_value():
    found = values("The deal was signed on February 30, 2021.")
    assert all("02-30" not in v and "2021-03" not in v for _, _, v in found)
    assert values("on February 29, 2021") == []
    assert values("on February 29, 2020") == [("February 29, 2020", "DATE", "2020-02-29")]


def test_two_digit_years():
    assert values("back in '98", date(2013, 1, 1)) == [("'98", "DATE", "1998")]
    assert values("on 5/6/07", date(2013, 1, 1)) == [("5/6/07", "DATE", "2007-05-06")]
    # no anchor: the century is unknown, so it stays unknown
    found = find_timexes("back in '98", None)
    assert [(m.value, m.anchored) for m in found] == [("XX98", False)]


def test_no_anchor_keeps_relative_values_relative():
    found = {m.text: m for m in find_timexes("Last week, two years ago, today and on Saturday.", None)}
    assert found["Last week"].value == "XXXX-WXX" and not found["Last week"].anchored
    assert found["Last week"].relative == "DCT-P1W"
    assert found["two years ago"].value == "XXXX" and found["two years ago"].relative == "DCT-P2Y"
    assert found["today"].value == "XXXX-XX-XX" and not found["today"].anchored
    assert found["Saturday"].value == "XXXX-WXX-6" and not found["Saturday"].anchored
    # absolute dates need no anchor
    assert [(m.value, m.anchored) for m in find_timexes("on January 3, 2020", None)] == [("2020-01-03", True)]


def test_non_english_month_names_are_not_read():
    assert values("le 3 janvier 2020") == [("2020", "DATE", "2020")]
    assert values("el 3 de enero") == []


def test_may_the_verb_is_not_a_month():
    assert values("They may come.") == []
    assert values("It opened in May.", date(2013, 8, 1)) == [("May", "DATE", "2013-05")]


def test_fall_the_verb_is_not_a_season():
    assert values("Prices fall sharply.") == []
    assert values("It opens this fall.") == [("this fall", "DATE", "2013-FA")]


def test_phrases_do_not_cross_lines():
    assert values("It ended in March\n2012 was a good year")[0][0] == "March"


def test_plain_numbers_are_not_years():
    assert values("It cut 2000 jobs and $2010 in fees, 1,999 units.") == []


def test_month_alone_counts_from_its_first_day_in_the_past():
    assert values("Sales fell in January.", date(2009, 1, 5), tense=-1) == [("January", "DATE", "2009-01")]
    assert values("Sales fell in December.", date(2009, 1, 5), tense=-1) == [("December", "DATE", "2008-12")]
    assert values("Sales will rise in December.", date(2009, 1, 5), tense=1) == [("December", "DATE", "2009-12")]


# --- TimeML conventions found on the TBAQ dev split ---

@pytest.mark.parametrize("text, expected", [
    ("It ended almost four years ago.", ("almost four years ago", "DATE", "2009")),
    ("Three days later, it closed.", ("Three days", "DURATION", "P3D")),
    ("Profit fell in the fourth quarter.", ("the fourth quarter", "DATE", "2012-Q4")),
    ("Profit rose in the first quarter.", ("the first quarter", "DATE", "2013-Q1")),
    ("It earned $5 in the year-ago third quarter.", ("the year-ago third quarter", "DATE", "2011-Q3")),
    ("It earned $5 in the quarter.", ("the quarter", "DATE", "2012-Q4")),
    ("It earned $4 in the year-ago quarter.", ("the year-ago quarter", "DATE", "2011-Q4")),
    ("Sales in the current quarter", ("the current quarter", "DATE", "2013-Q1")),
    ("It earned $4 in the 1988 third quarter.", ("the 1988 third quarter", "DATE", "1988-Q3")),
    ("Sales grew through the nineties.", ("the nineties", "DATE", "199")),
    ("Atlanta, nineteen ninety-six.", ("nineteen ninety-six", "DATE", "1996")),
    ("It slowed in the last half of 2012.", ("the last half of 2012", "DATE", "2012-H2")),
    ("Net rose for the year ended March 31.", ("the year", "DURATION", "P1Y")),
    ("Net rose 5% in the nine months.", ("the nine months", "DURATION", "P9M")),
    ("They lived there for 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M")),
    ("But a minute and a half later, it fell.", ("a minute and a half", "DURATION", "PT1M30S")),
    ("It rose eight trading days in a row.", ("eight trading days", "DURATION", "P8D")),
    ("Sales for this year's third quarter fell.", ("this year's third quarter", "DATE", "2013-Q3")),
])
def test_timeml_news_conventions(text, expected):
    assert expected in values(text)


def test_a_time_takes_the_day_written_after_it():
    found = values("The offer runs until 5 p.m. EST Nov. 9.", date(1989, 11, 2))
    assert found[0] == ("5 p.m. EST", "TIME", "1989-11-09T17:00")


def test_a_day_near_the_anchor_keeps_its_year_against_a_misread_tense():
    # a past tense would push "Jan. 14" back a year; a day this near the anchor is the near one
    assert values("It was set for Jan. 14.", date(2000, 1, 5), tense=-1)[0][2] == "2000-01-14"
    assert values("It ended Jan. 13.", date(1998, 3, 6), tense=1)[0][2] == "1998-01-13"
    # a day far either way follows the tense
    assert values("the year ended Jan. 31", date(1989, 10, 15), tense=-1)[-1][2] == "1989-01-31"
    assert values("He was last seen Nov. 3.", date(2013, 5, 7), tense=-1)[0][2] == "2012-11-03"
    assert values("He was last seen Nov. 3.", date(2013, 5, 7), tense=0)[0][2] == "2013-11-03"


def test_ordinals_fractions_and_years_are_not_durations():
    assert values("A second group of directors met.") == []
    assert values("more than a quarter of the market") == []
    assert all(not v.startswith("P1988") for _, _, v in values("in the 1988 quarter"))


def test_quarterly_is_not_a_set():
    assert values("It cut its quarterly dividend.") == []


def test_vague_adverbs_are_not_time_expressions():
    # TimeBank marks these rarely; "soon" and "previously" were mostly false alarms on TBAQ dev
    assert values("As previously reported, it will close soon and shortly after.") == []


# --- added with the second TBAQ dev error analysis (issue 17) ---

def test_a_year_earlier_refers_to_the_period_before_it():
    text = "Profit rose in the third quarter. A year earlier it had fallen."
    assert values(text) == [("the third quarter", "DATE", "2012-Q3"), ("A year earlier", "DATE", "2011-Q3")]
    # after a period already a year back, it is that same period
    text = "It lost $4 in the year-ago quarter. The year-ago results were restated."
    assert values(text)[-1] == ("year-ago", "DATE", "2011-Q4")
    # with no period before it (a day is not one), the anchor's year less one
    assert values("Prices fell yesterday. A year ago they rose.")[-1] == ("A year ago", "DATE", "2012")


def test_the_weekend_is_the_latest_one_unless_the_clause_looks_ahead():
    assert values("Talks went on over the weekend.") == [("the weekend", "DATE", "2013-W11-WE")]
    assert values("Talks will go on over the weekend.", tense=1) == [("the weekend", "DATE", "2013-W12-WE")]
    assert values("Talks went on over the weekend.", None) == [("the weekend", "DATE", "XXXX-WXX-WE")]


def test_year_end_is_the_anchor_year():
    assert values("The merger should close by year-end.") == [("year-end", "DATE", "2013")]
    assert values("Rates may rise by year's end.") == [("year's end", "DATE", "2013")]


def test_mid_part_of_day():
    assert values("By mid-afternoon yesterday, shares had recovered.") == [
        ("mid-afternoon yesterday", "TIME", "2013-03-19TAF")]
    assert values("Trading resumed by mid morning.") == [("mid morning", "TIME", "2013-03-20TMO")]


def test_fiscal_quarter_keeps_fiscal_in_the_extent():
    assert values("Sales fell in the fiscal-first quarter.") == [("the fiscal-first quarter", "DATE", "2013-Q1")]
    assert values("Sales fell in the fiscal third quarter.") == [("the fiscal third quarter", "DATE", "2012-Q3")]


def test_a_past_month_is_not_the_one_just_after_the_anchor():
    # written on October 30, "November" in a clause read as past is the coming November, not last year's
    assert values("Orders for November shipments rose.", date(2013, 10, 30)) == [("November", "DATE", "2013-11")]
    assert values("The firm changed its books in December.", date(2013, 10, 30)) == [("December", "DATE", "2012-12")]


def test_just_and_only_are_outside_the_extent():
    assert values("It took only 14 days.") == [("14 days", "DURATION", "P14D")]
    assert values("It was a colony just a decade ago.") == [("a decade ago", "DATE", "2003")]
    assert values("It took about five hours.") == [("about five hours", "DURATION", "PT5H")]


# --- hostile input (issue 17): a best-effort result, never an exception; speed is in benchmarks/timex_length.py ---

def _well_formed(text: str, found: list) -> None:
    spans = [(m.start, m.end) for m in found]
    assert all(text[m.start:m.end] == m.text for m in found)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))  # sorted, no overlap


def test_a_text_of_thousands_of_numbers():
    text = " ".join(str(1000 + i) for i in range(3000))  # "1000 1001 ... 3999"
    found = find_timexes(text, ANCHOR)
    _well_formed(text, found)
    years = {m.text for m in found if m.type == "DATE"}
    assert {"1500", "1999", "2099"} <= years and "1499" not in years and "2100" not in years
    assert all(m.value == m.text for m in found if m.text.isdigit())


def test_a_sentence_of_200_clauses():
    text = "He said that " + ", and ".join(f"on Monday {i} rebels left for three days" for i in range(200)) + "."
    found = find_timexes(text, ANCHOR)
    _well_formed(text, found)
    assert [m.value for m in found].count("2013-03-18") == 200
    assert [m.value for m in found].count("P3D") == 200


@pytest.mark.slow
def test_a_text_of_100000_words():
    sentence = "The ministers met on Saturday, two years ago, and will meet again next week in Geneva. "
    text = sentence * (100_000 // len(sentence.split()) + 1)
    found = find_timexes(text, ANCHOR)
    _well_formed(text, found)
    assert len(found) == 3 * text.count("ministers")
