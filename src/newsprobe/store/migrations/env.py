"""Alembic environment: newsprobe runs migrations itself, on the connection it opened (see store.migrate)."""
from __future__ import annotations

from alembic import context

from newsprobe.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("newsprobe migrations run through newsprobe.store.migrate.upgrade(connection)")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
