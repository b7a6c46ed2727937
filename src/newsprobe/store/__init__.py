"""The corpus store: SQLite (default, FTS5) or PostgreSQL (tsvector), one schema, Alembic migrations.

    >>> from newsprobe.store import Store, Filters, search, technique_use
    >>> with Store("sqlite:///corpus.db") as store:           # or "postgresql+psycopg://user:pw@host/db"
    ...     store.add(analysis)                              # one transaction; False if already stored
    ...     hits = search(store, Filters(text="sanctions", outlet=["Mehr News Agency"], date_from="2022-01-01"))
    ...     monthly = technique_use(store, Filters(outlet=["Mehr News Agency"]))
"""
from __future__ import annotations

from newsprobe.store import links_schema, schema  # links_schema: the across-articles tables, same MetaData
from newsprobe.store.corpus import Store
from newsprobe.store.db import resolve_url
from newsprobe.store.export import ExportFormat, export
from newsprobe.store.search import Filters, Hit, search
from newsprobe.store.stats import all_stats, comentions, own_voice_share, technique_use, top_speakers, who_quotes_whom

__all__ = ["ExportFormat", "Filters", "Hit", "Store", "all_stats", "comentions", "export", "links_schema",
           "own_voice_share", "resolve_url", "schema", "search", "technique_use", "top_speakers", "who_quotes_whom"]
