"""The corpus store: SQLite (default, FTS5) or PostgreSQL (tsvector), one schema, Alembic migrations.

    >>> from newsprobe.store import Store, Filters, search
    >>> with Store("sqlite:///corpus.db") as store:
    ...     hits = search(store, Filters(text="sanctions", outlet=["Mehr"]))
"""
from __future__ import annotations

from newsprobe.store.corpus import Store
from newsprobe.store.db import resolve_url
from newsprobe.store import schema  # noqa: F401 - re-exported for callers

__all__ = ["Store", "resolve_url", "schema"]
