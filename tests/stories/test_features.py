"""Names for telling two events of one topic apart: capitalised words and numbers, lower-cased, stop words out."""
from __future__ import annotations

from newsprobe.stories.features import names


def test_names_keep_people_places_and_amounts():
    found = names("The Chargers' Jamal Williams was arrested in San Diego; bail was set at $ 2,500.")
    assert found["jamal"] == found["williams"] == found["diego"] == 1
    assert found["2,500"] == 1 and "arrested" not in found and "bail" not in found
    assert "the" not in found  # a capitalised stop word stays out


def test_no_names_is_empty():
    assert not names("nothing capitalised here at all")
