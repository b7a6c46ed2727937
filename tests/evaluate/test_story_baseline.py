"""The issue's TF-IDF average-link baseline for stories: it clusters whole splits, and its threshold is
chosen on the dev topics only."""
from __future__ import annotations

import pytest

from newsprobe.evaluate import story_baseline
from newsprobe.stories.data import Article
from tests.conftest import DATA, require_data

ECBPLUS = DATA / "ecbplus-stories" / "dev.jsonl"


def _article(number: int, story: str, text: str) -> Article:
    return Article(id=f"a{number}", text=text, story=story, topic="1")


def test_clusters_articles_by_their_words():
    articles = [_article(0, "quake", "An earthquake shook the coastal town of Velmora overnight."),
                _article(1, "quake", "Velmora's coastal town was shaken by an earthquake overnight."),
                _article(2, "strike", "Dockworkers in Eastport walked off the job over pay."),
                _article(3, "strike", "The Eastport dockworkers' strike over pay entered a second day.")]
    labels = story_baseline.cluster(articles, 0.8)
    assert labels[0] == labels[1] != labels[2] == labels[3]
    assert story_baseline.cluster(articles[:1], 0.8) == [0]


def test_threshold_is_chosen_on_dev_topics_only(monkeypatch):
    seen: list[set[str]] = []

    def recording(articles, threshold):
        seen.append({a.topic for a in articles})
        return list(range(len(articles)))

    monkeypatch.setattr(story_baseline, "cluster", recording)
    articles = [Article(id=f"a{i}", text="x", story=f"s{i}", topic=str(topic)) for i, topic in enumerate([1, 2, 3, 4])]
    dev_topics = story_baseline.split_topics("dev")
    story_baseline.chosen_threshold(articles)
    assert seen and all(topics <= dev_topics for topics in seen)


@pytest.mark.slow
@pytest.mark.data
def test_baseline_on_ecbplus_is_the_issue_reference():
    """The issue states 0.874 for the whole set with the threshold chosen there; chosen on dev it is the same."""
    require_data(ECBPLUS)
    threshold, scores = story_baseline.evaluate_baseline(ECBPLUS, "all")
    assert threshold in story_baseline.GRID
    assert scores["stories"].f1 == pytest.approx(0.874, abs=0.002)
