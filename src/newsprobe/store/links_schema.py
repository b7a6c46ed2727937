"""The store's across-articles layer (issue 18): fact-checks, vectors, claim links and stories.

These tables sit beside the per-article ones (schema.py) on the same MetaData. Vectors are kept as
float32 bytes (384 MiniLM dimensions, unit length) in the store, the one source of truth on both back
ends; the nearest-neighbour index over them (store/vectors.py) is built from these rows.
"""
from __future__ import annotations

import sqlalchemy as sa

from newsprobe.store.schema import metadata

factchecks = sa.Table(
    "factchecks", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(512), nullable=False, unique=True),  # the collection's own id
    sa.Column("claim", sa.Text, nullable=False),  # the claim the fact-check verifies
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("rating", sa.Text),
    sa.Column("date", sa.Text),  # as the collection gives it
    sa.Column("publisher", sa.Text),
    sa.Column("extra", sa.Text),  # every other field, as JSON
    sa.Column("source", sa.Text),  # the file it was loaded from
    sa.Column("vector", sa.LargeBinary, nullable=False),  # float32 embedding of the claim
    sa.Column("loaded_at", sa.DateTime, nullable=False),
)

claim_vectors = sa.Table(
    "claim_vectors", metadata,
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),  # the claim's idx
    sa.Column("vector", sa.LargeBinary, nullable=False),  # float32 embedding of the claim text
    sqlite_with_rowid=False,
)

claim_factchecks = sa.Table(
    "claim_factchecks", metadata,
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    sa.Column("claim_idx", sa.Integer, primary_key=True),
    sa.Column("factcheck_pk", sa.Integer, sa.ForeignKey("factchecks.pk", ondelete="CASCADE"), primary_key=True),
    sa.Column("score", sa.Float, nullable=False),  # cosine of the two embeddings
    sa.Index("ix_claim_factchecks_factcheck", "factcheck_pk"),
    sqlite_with_rowid=False,
)

stories = sa.Table(
    "stories", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=False),  # story number + 1, in creation order
    sa.Column("created_at", sa.DateTime, nullable=False),
)

article_stories = sa.Table(
    "article_stories", metadata,
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_pk", sa.Integer, sa.ForeignKey("stories.pk"), nullable=False),
    # what the assigner keeps of the article (embedding, words, years, date): its state is rebuilt from these
    sa.Column("features", sa.LargeBinary, nullable=False),
    sa.Index("ix_article_stories_story", "story_pk", "article_pk"),
)
