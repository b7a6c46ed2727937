"""The corpus schema, one for every back end (SQLAlchemy Core).

Findings are rows with their offsets as columns, so that searches and aggregates need no JSON
parsing; `articles.analysis` keeps the whole Analysis (less the text, which has its own column) so
that an article comes back exactly as it was analysed. Finding tables are keyed by (article_pk,
idx): the article's integer key (ever increasing, so a bulk load appends instead of inserting at
random places, and 8 bytes at most per row instead of the 16-character id) and the position in the
Analysis list; on SQLite they are WITHOUT ROWID tables, so each article's findings sit together and
no second key index is stored.

Full text is back-end specific and lives in the migration: an FTS5 table over (title, text) on
SQLite, a generated tsvector column `articles.tsv` with a GIN index on PostgreSQL.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

ID = sa.String(64)


def _article_fk() -> sa.Column:
    return sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True)


def _span(prefix: str, nullable: bool = True) -> list[sa.Column]:
    """start, end and text columns of one Span field."""
    names = (f"{prefix}_start", f"{prefix}_end", f"{prefix}_text") if prefix else ("start", "end", "text")
    return [sa.Column(names[0], sa.Integer, nullable=nullable), sa.Column(names[1], sa.Integer, nullable=nullable),
            sa.Column(names[2], sa.Text, nullable=nullable)]


articles = sa.Table(
    "articles", metadata,
    # An integer key for the full-text index (FTS5 needs a stable integer rowid).
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", ID, nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("month", sa.String(7), comment="YYYY-MM of published, for monthly aggregates"),
    sa.Column("language", sa.String(16)),
    sa.Column("title", sa.Text),
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
    sa.Column("claim_count", sa.Integer, nullable=False, server_default=sa.text("0"), comment="claims of the article"),
    sa.Column("own_voice_count", sa.Integer, nullable=False, server_default=sa.text("0"),
              comment="claims in the outlet's own voice"),
    # Covers the aggregates' article scope (no visit to the wide rows that hold text and analysis): pk is how
    # they reach findings (on SQLite it is the rowid, which every index holds anyway).
    sa.Index("ix_articles_outlet_published", "outlet", "published", "month", "word_count", "claim_count",
             "own_voice_count", "pk"),
    sa.Index("ix_articles_published", "published", "outlet", "month", "word_count", "claim_count", "own_voice_count",
             "pk"),
)

entities = sa.Table(
    "entities", metadata,
    _article_fk(),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("entity_id", sa.String(64), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("norm", sa.Text, nullable=False, comment="casefolded name, for matching"),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("aliases", sa.Text, comment="aliases joined by '; '"),
    sa.Column("roles", sa.Text, comment="roles joined by '; '"),
    sa.Column("mention_count", sa.Integer, nullable=False),
    sa.Index("ix_entities_norm", "norm", "article_pk"),
    sqlite_with_rowid=False,
)

mentions = sa.Table(
    "mentions", metadata,
    _article_fk(),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("entity_idx", sa.Integer, nullable=False),
    *_span("", nullable=False),
    sqlite_with_rowid=False,
)

attributions = sa.Table(
    "attributions", metadata,
    _article_fk(),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("speaker", sa.String(64), comment="entity id"),
    sa.Column("speaker_name", sa.Text, comment="the speaker entity's name, else the source as written"),
    sa.Column("speaker_norm", sa.Text),
    sa.Column("vague", sa.Boolean, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    *_span("source"), *_span("cue"), *_span("content", nullable=False), *_span("channel"),
    sa.Index("ix_attributions_speaker", "speaker_norm", "article_pk"),
    sqlite_with_rowid=False,
)

timexes = sa.Table(
    "timexes", metadata,
    _article_fk(),
    sa.Column("idx", sa.Integer, primary_key=True),
    *_span("", nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sqlite_with_rowid=False,
)

events = sa.Table(
    "events", metadata,
    _article_fk(),
    sa.Column("idx", sa.Integer, primary_key=True),
    *_span("trigger", nullable=False),
    sa.Column("code", sa.String(16), nullable=False),
    sa.Column("actor", sa.String(64)),
    sa.Column("target", sa.String(64)),
    sa.Column("time", sa.Integer, comment="timex idx"),
    sa.Column("place", sa.String(64)),
    sa.Column("confidence", sa.Float, nullable=False),
    sqlite_with_rowid=False,
)

claims = sa.Table(
    "claims", metadata,
    _article_fk(),
    sa.Column("idx", sa.Integer, primary_key=True),
    *_span("", nullable=False),
    sa.Column("checkworthiness", sa.Float, nullable=False),
    sa.Column("voice", sa.String(16), nullable=False),
    sa.Column("attribution", sa.Integer, comment="attribution idx"),
    sa.Column("denied", sa.Boolean, nullable=False, server_default=sa.false(),
              comment="the attribution's source denies this content"),
    sa.Index("ix_claims_voice", "voice", "article_pk", "checkworthiness"),
    sqlite_with_rowid=False,
)

techniques = sa.Table(
    "techniques", metadata,
    _article_fk(),
    sa.Column("idx", sa.Integer, primary_key=True),
    *_span("", nullable=False),
    sa.Column("technique", sa.String(64), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Index("ix_techniques_technique", "technique", "article_pk"),
    sqlite_with_rowid=False,
)

failures = sa.Table(
    "failures", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("code", sa.String(8), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("count", sa.Integer, nullable=False, comment="times this input failed this way"),
    sa.Column("first_at", sa.DateTime, nullable=False),
    sa.Column("last_at", sa.DateTime, nullable=False),
    sa.UniqueConstraint("source", "code", name="uq_failures_source_code"),
)

# Finding tables in the order an article's rows are written (children after their article).
FINDING_TABLES = (entities, mentions, attributions, timexes, events, claims, techniques)
