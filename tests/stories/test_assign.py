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


def _translated(vector: np.ndarray, english: bool, text: str) -> ArticleFeatures:
    return ArticleFeatures(UNIT, words(text), Counter(), None, names(text), vector / np.linalg.norm(vector), english)


def test_the_multilingual_vector_counts_only_across_language_classes():
    settings = Settings(embedding=0.0, words=0.0, names=0.0, years=0.0, threshold=0.25, crosslingual=0.3)
    near = np.array([1.0, 0.1, 0.0])
    english = [_translated(near, True, "port strike in Velmora"), _translated(near, True, "another port strike")]
    assigner = StoryAssigner(settings)
    assert [assigner.add(a) for a in english] == [0, 1]  # same language: the vector is not read
    assert assigner.add(_translated(near, False, "huelga en el puerto")) == 0  # a translation joins
    alone = StoryAssigner(Settings(**{**settings.__dict__, "crosslingual": 0.0}))
    assert [alone.add(a) for a in (english[0], _translated(near, False, "huelga"))] == [0, 1]
