"""Online story assignment on ECB+ must stay above the floors in tests/floors.toml (dev and test halves
of the topics, and all topics). Embedding the 772 articles takes minutes on a busy CPU (cached after)."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsprobe.evaluate.stories import evaluate_stories
from tests.conftest import DATA, require_data
from tests.floors import floor

pytestmark = pytest.mark.slow  # quality floors

ECBPLUS = DATA / "ecbplus-stories" / "dev.jsonl"


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test", "all"])
def test_story_floors(split):
    require_data(ECBPLUS)
    scores = evaluate_stories(ECBPLUS, split)
    assert scores["stories"].f1 >= floor("stories", f"{split}_bcubed_f1"), scores["stories"]
    assert scores["stories"].v_measure >= floor("stories", f"{split}_v_measure"), scores["stories"]


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.parametrize("order", ["reverse", "shuffle1"])
def test_other_arrival_orders(order):
    require_data(ECBPLUS)
    assert evaluate_stories(ECBPLUS, "all", order)["stories"].f1 >= floor("stories", "all_other_orders_bcubed_f1")


CROSSLINGUAL = {"dev": "crosslingual.jsonl", "test": "crosslingual-test.jsonl"}


@pytest.mark.parametrize("split", ["dev", "test"])
@pytest.mark.parametrize("order", ["date", "reverse", "shuffle1"])
def test_translations_join_their_story(split, order):
    """The team's cross-language sets (tests/data/stories): each event told in English and in another language."""
    path = Path(__file__).parents[1] / "data" / "stories" / CROSSLINGUAL[split]
    scores = evaluate_stories(path, "all", order)
    assert scores["stories"].f1 >= floor("stories_crosslingual", f"{split}_bcubed_f1"), scores["stories"]
