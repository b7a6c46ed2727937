"""Finding tables keyed by the article's integer pk instead of its 16-character id.

Each finding row was keyed (article_id, idx), the id a hash: a bulk load inserted every row at a
random place in each table and index, and each row carried the id twice (table and secondary index).
Keyed by (article_pk, idx), new rows are appended and the key costs at most 8 bytes; joins compare
integers. Existing rows are copied over with their article's pk. The index on events.code goes: no
query filters on it, and every bulk load paid for it. The covering indexes on articles end in pk, the
key the aggregates now join by, instead of id.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

# Finding table -> its secondary indexes (name, columns), the article key spelt KEY.
INDEXES = {
    "entities": [("ix_entities_norm", ["norm", "KEY"])],
    "mentions": [],
    "attributions": [("ix_attributions_speaker", ["speaker_norm", "KEY"])],
    "timexes": [],
    "events": [],
    "claims": [("ix_claims_voice", ["voice", "KEY", "checkworthiness"])],
    "techniques": [("ix_techniques_technique", ["technique", "KEY"])],
}


def _rekey(table: str, old_key: str, new_key: str, key_type: sa.types.TypeEngine, target: str) -> None:
    """Rebuild `table` with `new_key` (referencing articles.`target`) in place of `old_key`, rows kept."""
    bind = op.get_bind()
    old = sa.Table(table, sa.MetaData(), autoload_with=bind)
    own = [sa.Column(c.name, c.type, nullable=c.nullable, comment=c.comment) for c in old.columns
           if c.name != old_key]
    op.create_table(
        f"{table}_new", sa.Column(new_key, key_type, nullable=False), *own,
        sa.PrimaryKeyConstraint(new_key, "idx", name=f"pk_{table}_{new_key}"),
        sa.ForeignKeyConstraint([new_key], [f"articles.{target}"], ondelete="CASCADE",
                                name=f"fk_{table}_{new_key}"),
        sqlite_with_rowid=False)
    quoted = [f'"{c.name}"' for c in own]
    held = "pk" if target == "id" else "id"  # the articles column the old key holds
    op.execute(f"INSERT INTO {table}_new ({new_key}, {', '.join(quoted)}) "
               f"SELECT a.{target}, {', '.join(f'f.{q}' for q in quoted)} "
               f"FROM {table} f JOIN articles a ON a.{held} = f.{old_key}")
    op.drop_table(table)
    op.rename_table(f"{table}_new", table)
    for name, columns in INDEXES[table]:
        op.create_index(name, table, [new_key if c == "KEY" else c for c in columns])


SCOPE_INDEXES = {"ix_articles_outlet_published": ["outlet", "published", "month", "word_count"],
                 "ix_articles_published": ["published", "outlet", "month", "word_count"]}


def _scope_indexes(last: str) -> None:
    for name, columns in SCOPE_INDEXES.items():
        op.drop_index(name, "articles")
        op.create_index(name, "articles", [*columns, last])


def upgrade() -> None:
    for table in INDEXES:
        _rekey(table, "article_id", "article_pk", sa.Integer(), "pk")
    _scope_indexes("pk")


def downgrade() -> None:
    for table in INDEXES:
        _rekey(table, "article_pk", "article_id", sa.String(64), "id")
    op.create_index("ix_events_code", "events", ["code", "article_id"])
    _scope_indexes("id")
