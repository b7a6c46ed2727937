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
