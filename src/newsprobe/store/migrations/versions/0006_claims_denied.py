"""A claim's `denied` flag on its row (issue 18: a claim's path says whether a speaker denied it).

The flag was only in the stored Analysis; with it on the claim row, `claims similar`, the API and the claim
page show it without unpacking every article. Existing claims take it from their article's stored Analysis.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from newsprobe.store.rows import unpack

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _denied_claims(connection: sa.Connection) -> list[dict]:
    """(article_pk, idx) of every stored claim its Analysis marks denied; only articles with claims are read."""
    found = []
    rows = connection.execute(sa.text(
        "SELECT pk, analysis FROM articles WHERE pk IN (SELECT DISTINCT article_pk FROM claims)"))
    for pk, blob in rows:
        for idx, claim in enumerate(unpack(bytes(blob)).get("claims", ())):
            if claim.get("denied"):
                found.append({"pk": pk, "idx": idx})
    return found


def upgrade() -> None:
    with op.batch_alter_table("claims", recreate="never") as batch:
        batch.add_column(sa.Column("denied", sa.Boolean, nullable=False, server_default=sa.false(),
                                   comment="the attribution's source denies this content"))
    connection = op.get_bind()
    denied = _denied_claims(connection)
    if denied:
        connection.execute(sa.text("UPDATE claims SET denied = :yes WHERE article_pk = :pk AND idx = :idx"),
                           [{**row, "yes": True} for row in denied])


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("denied")
