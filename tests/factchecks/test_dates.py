"""Dates read for time-aware matching: PolitiFact's and Snopes' forms, the 2B query ids, unknown stays None."""
from __future__ import annotations

from datetime import date

from newsprobe.factchecks.dates import query_day, stated_on


def test_stated_on_reads_the_collections_forms():
    assert stated_on("stated on October 22, 2019 in a campaign mailer.:") == date(2019, 10, 22)
    assert stated_on("26 May 2015") == date(2015, 5, 26)
    assert stated_on("Sept. 3rd, 2020") == date(2020, 9, 3)
    assert stated_on("2021-03-06") == date(2021, 3, 6)


def test_unknown_or_impossible_dates_are_none():
    assert stated_on("sometime last year") is None
    assert stated_on("February 30, 2020") is None
    assert stated_on(None) is None and stated_on(20200101) is None


def test_query_day_from_the_debate_id():
    assert query_day("20121023_third_presidential_debate_0959") == date(2012, 10, 23)
    assert query_day("tweet-sno-0") is None
    assert query_day("20121399_x") is None
