"""Across articles (issue 18): loaded fact-checks with their vectors, check-worthy claims' vectors, links
from claims to fact-checks, and each article's story (store/links_schema.py).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"

NO_ROWID = {"sqlite_with_rowid": False}


def _article_pk() -> sa.Column:
    return sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True)


def upgrade() -> None:
    op.create_table(
        "factchecks",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(512), nullable=False, unique=True),
        sa.Column("claim", sa.Text, nullable=False), sa.Column("title", sa.Text), sa.Column("url", sa.Text),
        sa.Column("rating", sa.Text), sa.Column("date", sa.Text), sa.Column("publisher", sa.Text),
        sa.Column("extra", sa.Text), sa.Column("source", sa.Text),
        sa.Column("vector", sa.LargeBinary, nullable=False), sa.Column("loaded_at", sa.DateTime, nullable=False))
    op.create_table("claim_vectors", _article_pk(), sa.Column("idx", sa.Integer, primary_key=True),
                    sa.Column("vector", sa.LargeBinary, nullable=False), **NO_ROWID)
    op.create_table(
        "claim_factchecks", _article_pk(), sa.Column("claim_idx", sa.Integer, primary_key=True),
        sa.Column("factcheck_pk", sa.Integer, sa.ForeignKey("factchecks.pk", ondelete="CASCADE"), primary_key=True),
        sa.Column("score", sa.Float, nullable=False), **NO_ROWID)
    op.create_index("ix_claim_factchecks_factcheck", "claim_factchecks", ["factcheck_pk"])
    op.create_table("stories", sa.Column("pk", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("created_at", sa.DateTime, nullable=False))
    op.create_table(
        "article_stories", _article_pk(),
        sa.Column("story_pk", sa.Integer, sa.ForeignKey("stories.pk"), nullable=False),
        sa.Column("features", sa.LargeBinary, nullable=False))
    op.create_index("ix_article_stories_story", "article_stories", ["story_pk", "article_pk"])


def downgrade() -> None:
    for table in ("article_stories", "stories", "claim_factchecks", "claim_vectors", "factchecks"):
        op.drop_table(table)
