import pytest

from newsprobe.claims.degenerate import damping, degeneracy


@pytest.mark.parametrize("text", ["Unemployment.", "Thank you!", "", "   "])
def test_too_few_words(text):
    assert degeneracy(text) is not None


def test_capitals_and_tables_are_not_sentences():
    assert degeneracy("THE ECONOMY GREW BY 4 PERCENT LAST YEAR") == "capitals"
    assert degeneracy("Name | Votes | Share | Alice | 1,200 | 40%") == "table or list"
    assert degeneracy("Growth rate 2019 2020 2021 12.5 13.1 14.8 inflation rate 3.1 2.9") == "table or list"


def test_ordinary_sentence_is_kept():
    text = "The deficit rose by 200 billion dollars in 2019, the largest increase in a decade."
    assert degeneracy(text) is None
    assert damping(text) == 1.0


def test_text_without_letters_scores_zero():
    assert damping("12 34 56 78") == 0.0
    assert 0.0 < damping("ONE TWO THREE FOUR FIVE") < 1.0
