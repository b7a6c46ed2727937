"""Stories in the store: each ingested article gets a story as it arrives, never a re-clustering.

The online assigner of `newsprobe.stories` keeps, per story, the sum of its members' embeddings, their
words and years. Each article's features are stored with its story (`article_stories.features`), so a
later ingest rebuilds the assigner's state by replaying the stored assignments in arrival order (no
text is read again, no story moves) and then assigns only the new articles.
"""
from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, UTC
from typing import TYPE_CHECKING, Any

import numpy as np
import sqlalchemy as sa

from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Analysis
from newsprobe.stories.assign import Story, StoryAssigner
from newsprobe.stories.build import article_features
from newsprobe.stories.features import ArticleFeatures, article_text
from newsprobe.store.corpus import ID_CHUNK, Store
from newsprobe.store.links_schema import article_stories, stories
from newsprobe.store.lock import story_writer_lock
from newsprobe.store.schema import articles

if TYPE_CHECKING:
    from newsprobe.embeddings import Embedder


def pack(found: ArticleFeatures) -> bytes:
    """An article's features as compressed JSON (the embedding as a list of floats)."""
    data: dict[str, Any] = {"embedding": [float(x) for x in found.embedding], "words": dict(found.words),
            "years": {str(k): v for k, v in found.years.items()},
            "published": found.published.isoformat() if found.published else None, "names": dict(found.names),
            "english": found.english}
    if found.multilingual is not None:
        data["multilingual"] = [round(float(x), 6) for x in found.multilingual]
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"))


def unpack(blob: bytes) -> ArticleFeatures:
    data = json.loads(zlib.decompress(blob))
    return ArticleFeatures(np.asarray(data["embedding"], dtype=np.float32), Counter(data["words"]),
                           Counter({int(k): v for k, v in data["years"].items()}),
                           date.fromisoformat(data["published"]) if data["published"] else None,
                           Counter(data.get("names", {})),
                           np.asarray(data["multilingual"], dtype=np.float32) if "multilingual" in data else None,
                           data.get("english", True))


def features(analyses: list[Analysis], encoder: Embedder) -> list[ArticleFeatures]:
    """What the assigner reads of each article (as `newsprobe.stories.pipeline.features` does for files)."""
    texts = [article_text(a.article.title, a.article.text) for a in analyses]
    if not texts:
        return []
    return article_features(texts, [str(a.article.published or "") for a in analyses], encoder.embed(texts))


def replay(assigner: StoryAssigner, members: Iterable[tuple[int, ArticleFeatures]]) -> None:
    """Put stored (story number, features) pairs back into `assigner`, in arrival order, as `add` left them
    (the same bookkeeping as `StoryAssigner.add`, without scoring: the story is known)."""
    for story, found in members:
        word_input, name_input = assigner.words.see(found.words), assigner.names.see(found.names)
        while len(assigner.stories) <= story:
            assigner.stories.append(Story(np.zeros_like(found.embedding)))
        assigner.join(assigner.stories[story], found)
        assigner.words.join(story, *word_input)
        assigner.names.join(story, *name_input)


def stored_assigner(connection: sa.Connection) -> StoryAssigner:
    assigner = StoryAssigner()
    query = sa.select(article_stories.c.story_pk, article_stories.c.features).order_by(article_stories.c.article_pk)
    rows = connection.execute(query.execution_options(yield_per=1000))
    replay(assigner, ((row.story_pk - 1, unpack(row.features)) for row in rows))
    return assigner


class AssignerCache:
    """The replayed assigner, kept between the batches of one ingest so that each batch does not replay the
    whole store again (a cost that grows with the store). It is rebuilt whenever the stored assignments are
    not exactly those it holds: another writer added some, or a batch's transaction was rolled back."""

    def __init__(self) -> None:
        self._assigner: StoryAssigner | None = None

    def assigner(self, connection: sa.Connection) -> StoryAssigner:
        stored = connection.scalar(sa.select(sa.func.count()).select_from(article_stories))
        if self._assigner is None or self._assigner.articles != stored:
            self._assigner = stored_assigner(connection)
        return self._assigner


def assign_articles(store: Store, analyses: list[Analysis], encoder: Embedder,
                    cache: AssignerCache | None = None) -> dict[str, int]:
    """Give each stored article of `analyses` that has no story yet its story; return article id -> story.
    With a `cache` (one per ingest run), the stored assignments are replayed once, not per call."""
    with store.engine.begin() as connection:
        story_writer_lock(connection, stories)  # first: another process's assignments are all in, or none
        pks = dict(connection.execute(sa.select(articles.c.id, articles.c.pk).where(
            articles.c.id.in_([a.article.id for a in analyses]))).all())
        done = set(connection.scalars(sa.select(article_stories.c.article_pk).where(
            article_stories.c.article_pk.in_(list(pks.values())))))
        fresh = sorted((a for a in analyses if a.article.id in pks and pks[a.article.id] not in done),
                       key=lambda a: pks[a.article.id])
        if not fresh:
            return {}
        assigner = (cache or AssignerCache()).assigner(connection)
        known = len(assigner.stories)
        now = datetime.now(UTC).replace(tzinfo=None)
        out = {}
        for analysis, found in zip(fresh, features(fresh, encoder)):
            story = assigner.add(found) + 1
            if story > known:
                connection.execute(stories.insert().values(pk=story, created_at=now))
                known = story
            connection.execute(article_stories.insert().values(
                article_pk=pks[analysis.article.id], story_pk=story, features=pack(found)))
            out[analysis.article.id] = story
        return out


def without_story(store: Store, ids: Iterable[str]) -> set[str]:
    """Those of `ids` that are stored and have no story yet (an id not stored is left out)."""
    ids, out = list(ids), set[str]()
    query = (sa.select(articles.c.id).outerjoin(article_stories, article_stories.c.article_pk == articles.c.pk)
             .where(article_stories.c.article_pk.is_(None)))
    with store.engine.connect() as connection:
        for start in range(0, len(ids), ID_CHUNK):
            out.update(connection.scalars(query.where(articles.c.id.in_(ids[start:start + ID_CHUNK]))))
    return out


def story_list(store: Store, limit: int = 50, offset: int = 0) -> list[dict]:
    """Stories, largest first: article count, outlets, first and last publication date."""
    a, s = articles, article_stories
    query = (sa.select(s.c.story_pk.label("story"), sa.func.count().label("articles"),
                       sa.func.count(sa.distinct(a.c.outlet)).label("outlet_count"),
                       sa.func.min(a.c.published).label("first"), sa.func.max(a.c.published).label("last"))
             .join(a, a.c.pk == s.c.article_pk).group_by(s.c.story_pk)
             .order_by(sa.desc("articles"), s.c.story_pk).limit(limit).offset(offset))
    with store.engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(query)]
        outlets = _outlets(connection, [row["story"] for row in rows])
    for row in rows:
        row["outlets"] = outlets.get(row["story"], [])
        row["first"], row["last"] = _iso(row["first"]), _iso(row["last"])
    return rows


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else (str(value) if value else None)


def _outlets(connection: sa.Connection, story_pks: list[int]) -> dict[int, list[str]]:
    query = (sa.select(article_stories.c.story_pk, articles.c.outlet).distinct()
             .join(articles, articles.c.pk == article_stories.c.article_pk)
             .where(article_stories.c.story_pk.in_(story_pks), articles.c.outlet.is_not(None))
             .order_by(article_stories.c.story_pk, articles.c.outlet))
    out: dict[int, list[str]] = {}
    for story, outlet in connection.execute(query):
        out.setdefault(story, []).append(outlet)
    return out


def story_articles(store: Store, story: int) -> list[dict]:
    """The articles of one story in publication order (NP831 when there is no such story)."""
    a = articles
    query = (sa.select(a.c.id, a.c.pk, a.c.title, a.c.outlet, a.c.published, a.c.url, a.c.word_count,
                       a.c.claim_count, a.c.own_voice_count)
             .join(article_stories, article_stories.c.article_pk == a.c.pk)
             .where(article_stories.c.story_pk == story).order_by(a.c.published, a.c.pk))
    with store.engine.connect() as connection:
        rows = [dict(row._mapping) for row in connection.execute(query)]
    if not rows:
        raise NewsprobeError(Code.STORY_NOT_FOUND, story)
    for row in rows:
        row["published"] = _iso(row["published"])
    return rows


def article_story(store: Store, article_pk: int) -> int | None:
    with store.engine.connect() as connection:
        return connection.scalar(sa.select(article_stories.c.story_pk).where(article_stories.c.article_pk == article_pk))


def story_outlets(store: Store, story: int) -> list[dict]:
    """Outlets of one story side by side: articles, words, speakers quoted (with counts), claims per voice,
    techniques per 1,000 words (NP831 when there is no such story)."""
    from newsprobe.store.schema import attributions, claims, techniques

    a = articles
    members = (sa.select(a.c.pk, sa.func.coalesce(a.c.outlet, "").label("outlet"), a.c.word_count)
               .join(article_stories, article_stories.c.article_pk == a.c.pk)
               .where(article_stories.c.story_pk == story).subquery())
    out: dict[str, dict] = {}
    with store.engine.connect() as connection:
        for outlet, count, words_ in connection.execute(sa.select(
                members.c.outlet, sa.func.count(), sa.func.sum(members.c.word_count)).group_by(members.c.outlet)):
            out[outlet] = {"outlet": outlet or None, "articles": count, "words": int(words_ or 0), "speakers": [],
                           "claims": {"outlet": 0, "attributed": 0, "vague": 0}, "techniques": 0}
        if not out:
            raise NewsprobeError(Code.STORY_NOT_FOUND, story)
        speakers = (sa.select(members.c.outlet, attributions.c.speaker_name, sa.func.count().label("n"))
                    .select_from(attributions).join(members, members.c.pk == attributions.c.article_pk)
                    .where(attributions.c.speaker_name.is_not(None))
                    .group_by(members.c.outlet, attributions.c.speaker_name)
                    .order_by(members.c.outlet, sa.desc("n"), attributions.c.speaker_name))
        for outlet, name, count in connection.execute(speakers):
            out[outlet]["speakers"].append({"name": name, "quotes": count})
        voices = (sa.select(members.c.outlet, claims.c.voice, sa.func.count())
                  .select_from(claims).join(members, members.c.pk == claims.c.article_pk).group_by(members.c.outlet, claims.c.voice))
        for outlet, voice, count in connection.execute(voices):
            out[outlet]["claims"][voice] = count
        used = (sa.select(members.c.outlet, sa.func.count())
                .select_from(techniques).join(members, members.c.pk == techniques.c.article_pk).group_by(members.c.outlet))
        for outlet, count in connection.execute(used):
            out[outlet]["techniques"] = count
    for row in out.values():
        row["techniques_per_1000_words"] = round(1000 * row["techniques"] / row["words"], 2) if row["words"] else 0.0
    return sorted(out.values(), key=lambda row: (-row["articles"], row["outlet"] or ""))
