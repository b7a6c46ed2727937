"""Initial corpus schema: articles, findings with offsets, failures, and full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

ID = sa.String(64)
NO_ROWID = {"sqlite_with_rowid": False}


def _fk() -> sa.Column:
    return sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def _idx() -> sa.Column:
    return sa.Column("idx", sa.Integer, primary_key=True)


def _span(prefix: str, nullable: bool = True) -> list[sa.Column]:
    names = (f"{prefix}_start", f"{prefix}_end", f"{prefix}_text") if prefix else ("start", "end", "text")
    return [sa.Column(names[0], sa.Integer, nullable=nullable), sa.Column(names[1], sa.Integer, nullable=nullable),
            sa.Column(names[2], sa.Text, nullable=nullable)]


def _articles() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", ID, nullable=False),
        sa.Column("url", sa.Text), sa.Column("outlet", sa.Text), sa.Column("published", sa.Date),
        sa.Column("month", sa.String(7), comment="YYYY-MM of published, for monthly aggregates"),
        sa.Column("language", sa.String(16)), sa.Column("title", sa.Text),
        sa.Column("authors", sa.Text, comment="authors joined by '; '"),
        sa.Column("licence", sa.String(64)),
        *_span("dateline"),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, comment="the input it was read from"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("analysis", sa.LargeBinary, nullable=False,
                  comment="zlib-compressed Analysis JSON without article.text"),
        sa.Column("schema_version", sa.String(16), nullable=False),
        sa.Column("stored_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("id"),
    )
    op.create_index("ix_articles_outlet_published", "articles", ["outlet", "published", "month", "word_count", "id"])
    op.create_index("ix_articles_published", "articles", ["published", "outlet", "month", "word_count", "id"])


def _findings() -> None:
    op.create_table(
        "entities", _fk(), _idx(),
        sa.Column("entity_id", sa.String(64), nullable=False), sa.Column("name", sa.Text, nullable=False),
        sa.Column("norm", sa.Text, nullable=False, comment="casefolded name, for matching"),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("aliases", sa.Text, comment="aliases joined by '; '"),
        sa.Column("roles", sa.Text, comment="roles joined by '; '"),
        sa.Column("mention_count", sa.Integer, nullable=False), **NO_ROWID)
    op.create_index("ix_entities_norm", "entities", ["norm", "article_id"])
    op.create_table("mentions", _fk(), _idx(), sa.Column("entity_idx", sa.Integer, nullable=False),
                    *_span("", nullable=False), **NO_ROWID)
    op.create_table(
        "attributions", _fk(), _idx(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("speaker", sa.String(64), comment="entity id"),
        sa.Column("speaker_name", sa.Text, comment="the speaker entity's name, else the source as written"),
        sa.Column("speaker_norm", sa.Text),
        sa.Column("vague", sa.Boolean, nullable=False), sa.Column("confidence", sa.Float, nullable=False),
        *_span("source"), *_span("cue"), *_span("content", nullable=False), *_span("channel"), **NO_ROWID)
    op.create_index("ix_attributions_speaker", "attributions", ["speaker_norm", "article_id"])
    op.create_table("timexes", _fk(), _idx(), *_span("", nullable=False),
                    sa.Column("type", sa.String(16), nullable=False), sa.Column("value", sa.Text, nullable=False),
                    **NO_ROWID)
    op.create_table(
        "events", _fk(), _idx(), *_span("trigger", nullable=False),
        sa.Column("code", sa.String(16), nullable=False), sa.Column("actor", sa.String(64)),
        sa.Column("target", sa.String(64)), sa.Column("time", sa.Integer, comment="timex idx"),
        sa.Column("place", sa.String(64)), sa.Column("confidence", sa.Float, nullable=False), **NO_ROWID)
    op.create_index("ix_events_code", "events", ["code", "article_id"])
    op.create_table(
        "claims", _fk(), _idx(), *_span("", nullable=False),
        sa.Column("checkworthiness", sa.Float, nullable=False), sa.Column("voice", sa.String(16), nullable=False),
        sa.Column("attribution", sa.Integer, comment="attribution idx"), **NO_ROWID)
    op.create_index("ix_claims_voice", "claims", ["voice", "article_id", "checkworthiness"])
    op.create_table(
        "techniques", _fk(), _idx(), *_span("", nullable=False),
        sa.Column("technique", sa.String(64), nullable=False), sa.Column("confidence", sa.Float, nullable=False),
        **NO_ROWID)
    op.create_index("ix_techniques_technique", "techniques", ["technique", "article_id"])


def _failures() -> None:
    op.create_table(
        "failures",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False), sa.Column("code", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("count", sa.Integer, nullable=False, comment="times this input failed this way"),
        sa.Column("first_at", sa.DateTime, nullable=False), sa.Column("last_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("source", "code", name="uq_failures_source_code"))


SQLITE_FTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
]
POSTGRES_FTS = [
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', text), 'B')) STORED",
    "CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)",
]


def upgrade() -> None:
    _articles()
    _findings()
    _failures()
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("failures", "techniques", "claims", "events", "timexes", "attributions", "mentions",
                  "entities", "articles"):
        op.drop_table(table)
