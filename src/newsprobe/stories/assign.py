"""Online story assignment: each new article joins the most similar story, or starts a new one.

Nothing already assigned moves (never a re-clustering). A story is compared through its members:
the mean of their embeddings, the sum of their TF-IDF word vectors (document frequencies counted
over the articles seen so far, so the weights grow with the collection), the same for their names
(capitalised words and numbers), and the years they name.
Why years: one topic often holds two events a year or more apart (two arrests of the same group),
whose words and embeddings are close; the years the articles name tell them apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from newsprobe.stories.features import ArticleFeatures

HASH_BITS = 18  # word ids are hashed, so the vocabulary needs no fixed size


@dataclass(frozen=True)
class Settings:
    """Weights of the similarity and the threshold for joining; chosen on the dev topics of ECB+ (README):
    the words carry most of it, the names (people, places, amounts) add what tells two events of one
    topic apart, the embedding adds a little, years named apart subtract."""
    embedding: float = 0.1
    words: float = 1.0
    years: float = 0.1
    days: float = 0.0  # ECB+ gives no ISO dates, so this weight could not be chosen there: off
    threshold: float = 0.34
    names: float = 0.3  # TF-IDF similarity of the capitalised words and numbers only
    link: str = "centroid"  # or "average": the mean similarity with the members (average link; lost on dev)
    # The multilingual embedding's cosine with a story told only in the other language class (English or
    # not): a translation shares names and numbers but few words. Chosen on the team's cross-language dev
    # set (tests/data/stories/crosslingual.jsonl: 0.2 to 0.5 all put every translation in its story, 0
    # none); ECB+ is all English, so it never applies there.
    crosslingual: float = 0.3


def word_ids(words: dict) -> tuple[np.ndarray, np.ndarray]:
    ids = np.array([hash_word(word) for word in words], dtype=np.int64)
    return ids, np.array(list(words.values()), dtype=np.float64)


def hash_word(word: str) -> int:
    """A stable id (Python's hash() changes per process)."""
    value = 2166136261
    for byte in word.encode("utf-8"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value & ((1 << HASH_BITS) - 1)


@dataclass
class Story:
    embedding_sum: np.ndarray
    years: dict = field(default_factory=dict)
    days: list = field(default_factory=list)  # publication dates as day numbers
    size: int = 0
    multilingual_sum: np.ndarray | None = None  # sum of the members' multilingual vectors
    languages: set = field(default_factory=set)  # the members' language classes (True: English)


class WordChannel:
    """One bag of words of every member (all words, or only the names): TF-IDF vectors whose document
    frequencies are counted over the articles seen so far, kept as flat arrays (story, member, word id,
    log count) that are cheap to append and to reweigh."""

    def __init__(self) -> None:
        self.entry_story = np.zeros(0, dtype=np.int64)
        self.entry_row = np.zeros(0, dtype=np.int64)
        self.entry_word = np.zeros(0, dtype=np.int64)
        self.entry_count = np.zeros(0)
        self.df = np.zeros(1 << HASH_BITS)
        self.articles = 0

    def see(self, words: dict) -> tuple[np.ndarray, np.ndarray]:
        """Count the article in the document frequencies; return its word ids and log counts."""
        ids, counts = word_ids(words)
        ids, inverse = np.unique(ids, return_inverse=True)  # hashed words may collide
        counts = np.log1p(np.bincount(inverse, weights=counts))
        self.df[ids] += 1
        self.articles += 1
        return ids, counts

    def join(self, story: int, ids: np.ndarray, counts: np.ndarray) -> None:
        self.entry_story = np.concatenate([self.entry_story, np.full(len(ids), story)])
        self.entry_row = np.concatenate([self.entry_row, np.full(len(ids), self.articles - 1)])
        self.entry_word = np.concatenate([self.entry_word, ids])
        self.entry_count = np.concatenate([self.entry_count, counts])

    def similarity(self, ids: np.ndarray, counts: np.ndarray, sizes: np.ndarray, link: str) -> np.ndarray:
        """Per story: the article's TF-IDF vector dotted with the sum of the members' unit vectors, over
        the sum's length ("centroid": cosine with the centroid) or over the member count ("average":
        the mean cosine with the members, average link)."""
        if not len(ids) or not len(self.entry_row):
            return np.zeros(len(sizes))
        idf = np.log((1 + self.articles) / (1 + self.df)) + 1.0
        article = counts * idf[ids]
        article /= max(np.linalg.norm(article), 1e-12)
        weights = self.entry_count * idf[self.entry_word]
        weights /= np.sqrt(np.bincount(self.entry_row, weights=weights ** 2))[self.entry_row]
        stories = sparse.csr_matrix((weights, (self.entry_story, self.entry_word)),
                                    shape=(len(sizes), 1 << HASH_BITS))  # duplicates are summed
        if link == "average":
            return stories[:, ids] @ article / np.maximum(sizes, 1)
        norms = np.sqrt(np.asarray(stories.multiply(stories).sum(axis=1)).ravel())
        return stories[:, ids] @ article / np.maximum(norms, 1e-12)


class StoryAssigner:
    def __init__(self, settings: Settings = Settings()) -> None:
        self.settings = settings
        self.stories: list[Story] = []
        self.words, self.names = WordChannel(), WordChannel()

    @property
    def articles(self) -> int:
        return self.words.articles

    def add(self, article: ArticleFeatures) -> int:
        """Assign the article to a story and return the story's number (0, 1, ... in order of creation)."""
        word_input, name_input = self.words.see(article.words), self.names.see(article.names)
        scores = self.scores(article, word_input, name_input)
        best = int(np.argmax(scores)) if len(scores) else -1
        if best < 0 or scores[best] < self.settings.threshold:
            best = len(self.stories)
            self.stories.append(Story(np.zeros_like(article.embedding)))
        self.join(self.stories[best], article)
        self.words.join(best, *word_input)
        self.names.join(best, *name_input)
        return best

    def join(self, story: Story, article: ArticleFeatures) -> None:
        story.embedding_sum = story.embedding_sum + article.embedding
        story.size += 1
        for year, count in article.years.items():
            story.years[year] = story.years.get(year, 0) + count
        if article.published:
            story.days.append(article.published.toordinal())
        story.languages.add(article.english)
        if article.multilingual is not None:
            base = story.multilingual_sum if story.multilingual_sum is not None else 0.0
            story.multilingual_sum = base + article.multilingual

    def scores(self, article: ArticleFeatures, word_input: tuple[np.ndarray, np.ndarray],
               name_input: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """One similarity per existing story."""
        if not self.stories:
            return np.zeros(0)
        s = self.settings
        sums = np.stack([story.embedding_sum for story in self.stories])
        sizes = np.array([story.size for story in self.stories], dtype=np.float64)
        scale = sizes if s.link == "average" else np.maximum(np.linalg.norm(sums, axis=1), 1e-12)
        total = s.embedding * (sums @ article.embedding / scale)
        total += s.words * self.words.similarity(*word_input, sizes, s.link)
        if s.names:
            total += s.names * self.names.similarity(*name_input, sizes, s.link)
        if s.years:
            total += s.years * np.array([year_agreement(article.years, story.years) for story in self.stories])
        if s.crosslingual and article.multilingual is not None:
            total += s.crosslingual * np.array([crosslingual(article, story) for story in self.stories])
        if s.days and article.published:
            total -= s.days * np.array([day_distance(article.published.toordinal(), story.days)
                                        for story in self.stories])
        return total


def crosslingual(article: ArticleFeatures, story: Story) -> float:
    """The cosine of the article's multilingual vector with the story's mean, where the story is told only
    in the other language class; else 0 (within a language, words and names decide)."""
    if article.multilingual is None or story.multilingual_sum is None or article.english in story.languages:
        return 0.0
    norm = float(np.linalg.norm(story.multilingual_sum))
    return float(story.multilingual_sum @ article.multilingual) / norm if norm else 0.0


def year_agreement(article: dict, story: dict) -> float:
    """-1 when the article and the story name years and share none, else 0 (a shared year says little:
    both events of a topic may name the year of an earlier one)."""
    if not article or not story:
        return 0.0
    return 0.0 if set(article) & set(story) else -1.0


def day_distance(day: int, story_days: list[int]) -> float:
    """How far (log of weeks) the article's date lies from the story's median date; 0 when unknown."""
    if not story_days:
        return 0.0
    return float(np.log1p(abs(day - float(np.median(story_days))) / 7.0))
