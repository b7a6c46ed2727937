"""Corpus reads the API needs beyond the store's own: a keyset-paged article list, entities."""
from __future__ import annotations

import sqlalchemy as sa

from newsprobe.api.auth import shown_source
from newsprobe.store import schema
from newsprobe.store.search import Filters, restrictions

A, E = schema.articles, schema.entities
LISTED = (A.c.id, A.c.url, A.c.outlet, A.c.published, A.c.title, A.c.language, A.c.word_count)


def _rows(store, query: sa.Select) -> list[dict]:  # noqa: ANN001 - newsprobe.store.Store
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def list_articles(store, filters: Filters, limit: int, before: int | None) -> tuple[list[dict], int | None]:  # noqa: ANN001
    """Newest stored first, `limit` at a time; returns the page and the key to continue before (or None)."""
    query = sa.select(A.c.pk, *LISTED).where(*restrictions(store, filters))
    if before is not None:
        query = query.where(A.c.pk < before)
    rows = _rows(store, query.order_by(A.c.pk.desc()).limit(limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    for row in rows:
        row["published"] = row["published"].isoformat() if row["published"] else None
    following = rows[-1]["pk"] if more and rows else None
    for row in rows:
        del row["pk"]
    return rows, following


def top_entities(store, filters: Filters, kind: str | None, limit: int, offset: int) -> list[dict]:  # noqa: ANN001
    """Entities by the number of matching articles that name them."""
    scope = sa.select(A.c.pk).where(*restrictions(store, filters)).subquery("scope")
    query = (sa.select(sa.func.min(E.c.name).label("name"), sa.func.min(E.c.type).label("type"),
                       sa.func.count(sa.distinct(E.c.article_pk)).label("articles"),
                       sa.func.sum(E.c.mention_count).label("mentions"))
             .select_from(scope.join(E, E.c.article_pk == scope.c.pk)))
    if kind:
        query = query.where(E.c.type == kind)
    query = query.group_by(E.c.norm).order_by(sa.text("articles DESC"), sa.text("mentions DESC"), sa.text("name"))
    return _rows(store, query.limit(limit).offset(offset))


def article_json(store, article_id: str, full_source: bool = True) -> bytes:  # noqa: ANN001
    """One stored Analysis as JSON bytes, straight from its stored form (no model round trip); NP407 if absent.
    Without `full_source` a file's path is cut to its name (see `auth.shown_source`)."""
    import json

    from newsprobe.errors import Code, NewsprobeError
    from newsprobe.store.rows import analysis_data

    query = sa.select(A.c.analysis, A.c.text).where(A.c.id == article_id)
    with store.engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        raise NewsprobeError(Code.NOT_STORED, article_id)
    data = analysis_data(row.analysis, row.text)
    data["source"] = shown_source(data.get("source"), full_source)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
