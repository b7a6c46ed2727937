"""Aggregates over the corpus, each one SQL query (grouped in the database, never in Python)."""
from __future__ import annotations

import sqlalchemy as sa

from newsprobe.query import AGGREGATES
from newsprobe.store import schema
from newsprobe.store.corpus import Store
from newsprobe.store.search import Filters, restrictions

A, T, ATT, E, C = schema.articles, schema.techniques, schema.attributions, schema.entities, schema.claims
UNKNOWN_OUTLET, UNDATED = "(unknown)", "(undated)"


def _scope(store: Store, filters: Filters | None) -> sa.Subquery:
    """The matching articles (all without filters) as (pk, outlet, month, word_count): every aggregate
    starts from here and reaches findings by their (article_pk, ...) key, so a narrow filter stays cheap."""
    # Literal constants, not bound parameters: PostgreSQL must see GROUP BY and SELECT as one expression.
    columns = [A.c.pk, sa.func.coalesce(A.c.outlet, sa.literal_column(f"'{UNKNOWN_OUTLET}'")).label("outlet"),
               sa.func.coalesce(A.c.month, sa.literal_column(f"'{UNDATED}'")).label("month"), A.c.word_count,
               A.c.claim_count, A.c.own_voice_count]
    return sa.select(*columns).where(*restrictions(store, filters or Filters())).subquery("scope")


def _rows(store: Store, query: sa.Select) -> list[dict]:
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def technique_use(store: Store, filters: Filters | None = None) -> list[dict]:
    """Per outlet, month and technique: uses, the outlet-month's words, and uses per 1,000 words."""
    scope = _scope(store, filters)
    words = (sa.select(scope.c.outlet, scope.c.month, sa.func.sum(scope.c.word_count).label("words"),
                       sa.func.count().label("articles"))
             .group_by(scope.c.outlet, scope.c.month).subquery("words"))
    uses = (sa.select(scope.c.outlet, scope.c.month, T.c.technique, sa.func.count().label("count"))
            .select_from(scope.join(T, T.c.article_pk == scope.c.pk))
            .group_by(scope.c.outlet, scope.c.month, T.c.technique).subquery("uses"))
    query = (sa.select(uses.c.outlet, uses.c.month, uses.c.technique, uses.c["count"], words.c.words,
                       words.c.articles,
                       (sa.cast(uses.c["count"], sa.Float) * 1000.0 / sa.func.nullif(words.c.words, 0))
                       .label("per_1000_words"))
             .select_from(uses.join(words, sa.and_(uses.c.outlet == words.c.outlet, uses.c.month == words.c.month)))
             .order_by(uses.c.outlet, uses.c.month, uses.c["count"].desc(), uses.c.technique))
    return _rows(store, query)


def top_speakers(store: Store, filters: Filters | None = None, limit: int = 20) -> list[dict]:
    """Who is quoted most: attributions, articles and outlets per speaker."""
    scope = _scope(store, filters)
    query = (sa.select(sa.func.min(ATT.c.speaker_name).label("speaker"), sa.func.count().label("attributions"),
                       sa.func.count(sa.distinct(ATT.c.article_pk)).label("articles"),
                       sa.func.count(sa.distinct(scope.c.outlet)).label("outlets"))
             .select_from(scope.join(ATT, ATT.c.article_pk == scope.c.pk))
             .where(ATT.c.speaker_norm.is_not(None)).group_by(ATT.c.speaker_norm))
    return _rows(store, query.order_by(sa.text("attributions DESC"), sa.text("speaker")).limit(limit))


def who_quotes_whom(store: Store, filters: Filters | None = None, limit: int = 50) -> list[dict]:
    """Outlet -> speaker pairs: how often each outlet quotes each speaker, and how many are direct quotes."""
    scope = _scope(store, filters)
    query = (sa.select(scope.c.outlet, sa.func.min(ATT.c.speaker_name).label("speaker"),
                       sa.func.count().label("attributions"),
                       sa.func.sum(sa.case((ATT.c.kind == "direct", 1), else_=0)).label("direct"))
             .select_from(scope.join(ATT, ATT.c.article_pk == scope.c.pk))
             .where(ATT.c.speaker_norm.is_not(None)).group_by(scope.c.outlet, ATT.c.speaker_norm))
    return _rows(store, query.order_by(sa.text("attributions DESC"), sa.text("outlet"), sa.text("speaker"))
                 .limit(limit))


def comentions(store: Store, filters: Filters | None = None, limit: int = 50) -> list[dict]:
    """Pairs of entities named in the same article, by the number of articles naming both."""
    scope = _scope(store, filters)
    # Each (article, entity name) once, so that a pair counts once per article without count(DISTINCT).
    named = (sa.select(E.c.article_pk, E.c.norm, sa.func.min(E.c.name).label("name"))
             .select_from(scope.join(E, E.c.article_pk == scope.c.pk))
             .group_by(E.c.article_pk, E.c.norm).subquery("named"))
    first, second = named.alias("first"), named.alias("second")
    query = (sa.select(sa.func.min(first.c.name).label("entity"), sa.func.min(second.c.name).label("other"),
                       sa.func.count().label("articles"))
             .select_from(first.join(second, sa.and_(second.c.article_pk == first.c.article_pk,
                                                     first.c.norm < second.c.norm)))
             .group_by(first.c.norm, second.c.norm))
    return _rows(store, query.order_by(sa.text("articles DESC"), sa.text("entity"), sa.text("other")).limit(limit))


def own_voice_share(store: Store, filters: Filters | None = None) -> list[dict]:
    """Per outlet: claims, claims in the outlet's own voice, and their share (outlets with claims only).

    Summed from each article's counts (kept on its row and in the covering indexes), not from the claim rows."""
    scope = _scope(store, filters)
    claims, own = sa.func.sum(scope.c.claim_count), sa.func.sum(scope.c.own_voice_count)
    query = (sa.select(scope.c.outlet, claims.label("claims"), own.label("own_voice"),
                       (sa.cast(own, sa.Float) / claims).label("share"))
             .group_by(scope.c.outlet).having(claims > 0))
    return _rows(store, query.order_by(sa.text("outlet")))


def claim_voices(store: Store, filters: Filters | None = None) -> list[dict]:
    """Per outlet and voice: how many claims."""
    outlet = sa.func.coalesce(A.c.outlet, sa.literal_column(f"'{UNKNOWN_OUTLET}'"))
    query = (sa.select(outlet.label("outlet"), C.c.voice, sa.func.count().label("claims"))
             .select_from(A.join(C, C.c.article_pk == A.c.pk)).where(*restrictions(store, filters or Filters()))
             .group_by(outlet, C.c.voice).order_by(outlet, C.c.voice))
    return _rows(store, query)


def all_stats(store: Store, filters: Filters | None = None, limit: int = 20,
              which: tuple[str, ...] = AGGREGATES) -> dict[str, list[dict]]:
    """The aggregates named in `which`, by name."""
    makers = {"techniques": lambda: technique_use(store, filters),
              "speakers": lambda: top_speakers(store, filters, limit),
              "quotes": lambda: who_quotes_whom(store, filters, limit),
              "comentions": lambda: comentions(store, filters, limit),
              "voice": lambda: own_voice_share(store, filters),
              "voices": lambda: claim_voices(store, filters)}
    return {name: makers[name]() for name in which}
