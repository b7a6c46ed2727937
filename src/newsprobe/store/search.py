"""Full-text search with filters: FTS5 (bm25, snippet) on SQLite, tsvector (ts_rank, ts_headline) on PostgreSQL.

The query language is the same on both: words (all must match), "a phrase", `OR` between terms,
`-word` to exclude, and `word*` for a prefix (SQLite only; PostgreSQL ignores the star).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from newsprobe.errors import Code, NewsprobeError
from newsprobe.store import schema
from newsprobe.store.corpus import Store
from newsprobe.store.rows import _published

MARK = ("<mark>", "</mark>")
VOICES = {"outlet", "attributed", "vague"}
_TOKEN = re.compile(r'-?"[^"]*"|\S+')
A = schema.articles
FTS = sa.table("articles_fts", sa.column("rowid"))


@dataclass
class Filters:
    """What to select; every field is optional and they combine with AND."""

    text: str | None = None
    outlet: list[str] = field(default_factory=list)
    date_from: str | date | None = None
    date_to: str | date | None = None
    language: str | None = None
    entity: str | None = None
    speaker: str | None = None
    technique: str | None = None
    voice: str | None = None
    min_checkworthiness: float | None = None


@dataclass
class Hit:
    id: str
    url: str | None
    outlet: str | None
    published: str | None
    title: str | None
    passage: str
    score: float


def fts5_query(text: str) -> str:
    """The user's query as FTS5 syntax, every term quoted so punctuation can never break it."""
    parts: list[str] = []
    for token in _TOKEN.findall(text):
        negate = token.startswith("-") and len(token) > 1
        token = token[1:] if negate else token
        if token == "OR" and parts and parts[-1] not in {"OR", "NOT"}:
            parts.append("OR")
            continue
        prefix = token.endswith("*") and not token.startswith('"')
        term = token.strip('"').rstrip("*") if not token.startswith('"') else token[1:-1]
        if not term.strip():
            continue
        quoted = '"' + term.replace('"', '""') + '"' + ("*" if prefix else "")
        if negate:
            if not parts or parts[-1] in {"OR", "NOT"}:
                raise NewsprobeError(Code.BAD_QUERY, f"'-{term}' must follow a term to exclude from")
            parts.append("NOT")
        parts.append(quoted)
    while parts and parts[-1] in {"OR", "NOT"}:
        parts.pop()
    if not parts:
        raise NewsprobeError(Code.BAD_QUERY, f"no words to search for in {text!r}")
    return " ".join(parts)


def _date(value: str | date | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return _published(value)
    except ValueError:
        raise NewsprobeError(Code.BAD_QUERY, f"{name} '{value}' is not a date YYYY-MM-DD") from None


def _having(table: sa.Table, *conditions: sa.ColumnElement) -> sa.ColumnElement:
    return A.c.id.in_(sa.select(table.c.article_id).where(*conditions))


def conditions(filters: Filters) -> list[sa.ColumnElement]:
    """The WHERE conditions on `articles` for every filter but the text."""
    where: list[sa.ColumnElement] = []
    if filters.outlet:
        where.append(A.c.outlet.in_(filters.outlet))
    if (start := _date(filters.date_from, "date_from")) is not None:
        where.append(A.c.published >= start)
    if (end := _date(filters.date_to, "date_to")) is not None:
        where.append(A.c.published <= end)
    if filters.language:
        where.append(A.c.language == filters.language)
    if filters.entity:
        where.append(_having(schema.entities, schema.entities.c.norm == filters.entity.casefold()))
    if filters.speaker:
        where.append(_having(schema.attributions, schema.attributions.c.speaker_norm == filters.speaker.casefold()))
    if filters.technique:
        where.append(_having(schema.techniques, schema.techniques.c.technique == filters.technique))
    where.extend(_claim_conditions(filters))
    return where


def _claim_conditions(filters: Filters) -> list[sa.ColumnElement]:
    claims, wanted = schema.claims, []
    if filters.voice:
        if filters.voice not in VOICES:
            raise NewsprobeError(Code.BAD_QUERY, f"voice must be one of {', '.join(sorted(VOICES))}")
        wanted.append(claims.c.voice == filters.voice)
    if filters.min_checkworthiness is not None:
        if not 0.0 <= filters.min_checkworthiness <= 1.0:
            raise NewsprobeError(Code.BAD_QUERY, "check-worthiness is between 0 and 1")
        wanted.append(claims.c.checkworthiness >= filters.min_checkworthiness)
    # One claim must meet both: an outlet-voice claim that is also check-worthy.
    return [_having(claims, *wanted)] if wanted else []


def text_match(store: Store, text: str) -> tuple[list[sa.ColumnElement], sa.ColumnElement, sa.FromClause]:
    """(conditions, score to sort by ascending, FROM) for the full-text part of a query."""
    fts5 = fts5_query(text)  # also checks the query, so both back ends accept and refuse the same ones
    if store.dialect == "sqlite":
        joined = A.join(FTS, FTS.c.rowid == A.c.pk)
        match = sa.literal_column("articles_fts").op("MATCH")(fts5)
        return [match], sa.func.bm25(sa.literal_column("articles_fts"), 10.0, 1.0), joined
    query = _tsquery(text)
    tsv = sa.literal_column("articles.tsv")
    return [tsv.op("@@")(query)], -sa.func.ts_rank(tsv, query), A


def _tsquery(text: str) -> sa.ColumnElement:
    return sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), text.replace("*", ""))


def _passage(store: Store, text: str | None, mark: tuple[str, str]) -> sa.ColumnElement:
    if not text:
        return sa.func.substr(A.c.text, 1, 240)
    if store.dialect == "sqlite":
        return sa.func.snippet(sa.literal_column("articles_fts"), -1, mark[0], mark[1], "…", 24)
    options = f"StartSel={mark[0]}, StopSel={mark[1]}, MaxWords=30, MinWords=12, MaxFragments=2"
    return sa.func.ts_headline(sa.literal_column("'english'::regconfig"), A.c.text, _tsquery(text), options)


def search(store: Store, filters: Filters, limit: int = 20, offset: int = 0,
           mark: tuple[str, str] = MARK) -> list[Hit]:
    """The best `limit` matches (by relevance with text, else newest first), each with its passage."""
    where = conditions(filters)
    if filters.text:
        text_where, score, source = text_match(store, filters.text)
        where += text_where
        order: list[sa.ColumnElement] = [score, A.c.pk]
    else:
        score, source = sa.literal(0.0), A
        order = [A.c.published.desc().nulls_last() if store.dialect == "postgresql" else A.c.published.desc(),
                 A.c.pk]
    query = (sa.select(A.c.id, A.c.url, A.c.outlet, A.c.published, A.c.title,
                       _passage(store, filters.text, mark).label("passage"), score.label("score"))
             .select_from(source).where(*where).order_by(*order).limit(limit).offset(offset))
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(query).all()
    except sa.exc.OperationalError as exc:
        raise NewsprobeError(Code.BAD_QUERY, str(exc.orig).splitlines()[0]) from exc
    return [Hit(r.id, r.url, r.outlet, r.published.isoformat() if r.published else None, r.title,
                r.passage or "", float(r.score or 0.0)) for r in rows]


def restrictions(store: Store, filters: Filters) -> list[sa.ColumnElement]:
    """Every filter, the text included, as WHERE conditions on `articles` (for exports and aggregates)."""
    where = conditions(filters)
    if filters.text:
        if store.dialect == "sqlite":
            match = sa.literal_column("articles_fts").op("MATCH")(fts5_query(filters.text))
            where.append(A.c.pk.in_(sa.select(FTS.c.rowid).where(match)))
        else:
            fts5_query(filters.text)  # the same queries are refused on both back ends
            where.append(sa.literal_column("articles.tsv").op("@@")(_tsquery(filters.text)))
    return where
