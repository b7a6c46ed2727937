"""The assigner's word channels: the names channel tells two events of one topic apart where the shared
vocabulary does not, and average link scores the mean member similarity."""
from __future__ import annotations

from collections import Counter

import numpy as np

from newsprobe.stories.assign import Settings, StoryAssigner
from newsprobe.stories.features import ArticleFeatures, names, words

UNIT = np.ones(4) / 2.0


def article(text: str) -> ArticleFeatures:
    return ArticleFeatures(UNIT, words(text), Counter(), None, names(text))


TOPIC = "receiver arrested on suspicion of drunk driving after a traffic stop, team says he will play"
TEXTS = [f"Vincent Jackson {TOPIC}", f"Jamal Williams {TOPIC} Sunday", f"Vincent Jackson {TOPIC} tonight"]


def test_names_split_two_events_the_words_merge():
    plain = Settings(embedding=0.0, names=0.0, years=0.0, threshold=0.5)
    merged = StoryAssigner(plain)
    assert [merged.add(a) for a in map(article, TEXTS)] == [0, 0, 0]
    named = StoryAssigner(Settings(embedding=0.0, names=1.0, years=0.0, threshold=1.5))
    assert [named.add(a) for a in map(article, TEXTS)] == [0, 1, 0]


def test_average_link_and_centroid_agree_on_one_member():
    first, second = article(TEXTS[0]), article(TEXTS[2])
    scores = []
    for link in ("centroid", "average"):
        assigner = StoryAssigner(Settings(embedding=0.0, names=0.0, years=0.0, threshold=0.0, link=link))
        assigner.add(first)
        scores.append(assigner.scores(second, assigner.words.see(second.words), assigner.names.see(second.names)))
    assert np.allclose(scores[0], scores[1]) and 0.0 < scores[0][0] <= 1.0
