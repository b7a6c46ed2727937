"""SQLite: the store fills the full-text index once per write, not a trigger once per article.

FTS5 flushes its pending terms to a new segment at every statement savepoint, and a trigger runs
inside each article's INSERT: a bulk load wrote one tiny segment per article and then merged them,
about 0.3 ms per article. The Store now indexes a whole batch in one INSERT ... SELECT after writing
its articles (0.11 ms per article). The delete and update triggers stay: they are rare and keep any
other change consistent. PostgreSQL's generated tsvector column is unaffected.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS articles_fts_insert")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
                   "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END")
