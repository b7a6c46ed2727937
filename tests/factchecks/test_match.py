"""Time-aware ranking: with query dates, a fact-check stated long before or after the query loses to an
equally similar recent one; without dates (or with the weights off) the scores do not change."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from newsprobe.factchecks.data import FactCheck
from newsprobe.factchecks.match import Matcher, MatchSettings

CLAIM = "The Kessa bridge was closed for repairs for a whole year."
FACTCHECKS = [FactCheck("old", CLAIM, extra={"date": "stated on March 1, 2010 in a speech"}),
              FactCheck("recent", CLAIM, extra={"date": "stated on May 20, 2016 in an interview"}),
              FactCheck("later", CLAIM, extra={"date": "stated on May 1, 2017 on Twitter"}),
              FactCheck("undated", CLAIM)]


class FixedEncoder:
    """Every text gets one vector: only the dates and the words tell the fact-checks apart."""
    def embed(self, texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 4)) / 2.0


@pytest.fixture
def matcher():
    return Matcher(FACTCHECKS, FixedEncoder(), MatchSettings(0.5, (), recency=0.05, later=1.0))


def test_recent_before_old_and_later_last(matcher):
    ranked = matcher.rank([CLAIM], 4)[0]
    plain = matcher.scores([CLAIM])[0]
    row = matcher.scores([CLAIM], dates=[date(2016, 6, 1)])[0]
    assert np.allclose(plain, plain[0]) and [hit.score for hit in ranked] == pytest.approx(list(plain))
    order = [matcher.ids[j] for j in np.argsort(-row, kind="stable")]
    assert order == ["undated", "recent", "old", "later"]
    assert row[3] == pytest.approx(plain[3])  # unknown date: nothing taken off


def test_unknown_query_date_or_weights_off_change_nothing(matcher):
    plain = matcher.scores([CLAIM])
    assert np.array_equal(matcher.scores([CLAIM], dates=[None]), plain)
    off = Matcher(FACTCHECKS, FixedEncoder(), MatchSettings(0.5, ()))
    assert np.allclose(off.scores([CLAIM], dates=[date(2016, 6, 1)]), plain)
