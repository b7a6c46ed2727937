"""API tokens: random secrets shown once, kept only as SHA-256 hashes in the corpus database.

The table lives beside the store's own tables but is created here (CREATE IF NOT EXISTS), so the
store's schema and migrations stay about the corpus alone.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa

PREFIX = "np_"
metadata = sa.MetaData()
api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False, unique=True, comment="sha256 hex of the token"),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("revoked", sa.Boolean, nullable=False, default=False),
)


def _hash(token: str) -> str:
    # Tokens are 256-bit random strings, so a fast hash is enough (no password stretching needed).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def ensure_table(engine: sa.Engine) -> None:
    metadata.create_all(engine, checkfirst=True)


def create_token(engine: sa.Engine, name: str = "default") -> str:
    """A new token; only its hash is stored, so this is the one time it can be read."""
    ensure_table(engine)
    token = PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(UTC).replace(tzinfo=None)
    with engine.begin() as connection:
        connection.execute(api_tokens.insert().values(name=name, hash=_hash(token), created_at=now, revoked=False))
    return token


def token_valid(engine: sa.Engine, token: str) -> bool:
    digest = _hash(token)
    query = sa.select(api_tokens.c.hash).where(api_tokens.c.hash == digest, api_tokens.c.revoked.is_(False))
    with engine.connect() as connection:
        found = connection.scalar(query)
    return found is not None and hmac.compare_digest(found, digest)


def list_tokens(engine: sa.Engine) -> list[dict]:
    ensure_table(engine)
    query = sa.select(api_tokens.c.pk, api_tokens.c.name, api_tokens.c.created_at, api_tokens.c.revoked)
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query.order_by(api_tokens.c.pk))]


def revoke_token(engine: sa.Engine, pk: int) -> bool:
    ensure_table(engine)
    with engine.begin() as connection:
        result = connection.execute(api_tokens.update().where(api_tokens.c.pk == pk).values(revoked=True))
    return result.rowcount > 0
