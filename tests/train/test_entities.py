"""Training data for the entities models: duplicates of evaluation texts are dropped by content."""
from __future__ import annotations

from newsprobe.evaluate.gum import GumDoc
from newsprobe.train.entities import without_duplicates


def test_a_training_text_duplicating_a_held_out_text_is_dropped():
    held_out = [GumDoc("GUM_news_dev", "Varga said: “We will strike.”\nThe union agreed.", [])]
    copy = GumDoc("GUM_news_copy", "varga said \"we will strike\" the union agreed", [])  # same words
    other = GumDoc("GUM_news_other", "Varga said the union would not strike.", [])
    kept, dropped = without_duplicates([copy, other], held_out)
    assert [d.name for d in kept] == ["GUM_news_other"]
    assert [d.name for d in dropped] == ["GUM_news_copy"]
