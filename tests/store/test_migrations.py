"""Upgrading a database made by an older schema keeps every stored article and finding, on both back ends."""
from __future__ import annotations

import json
import zlib

import sqlalchemy as sa
from alembic import command
from tests.store.store_fixtures import full_analysis, small_corpus

from newsprobe.store import Store, schema
from newsprobe.store.db import _alembic_config, create_engine, resolve_url
from newsprobe.store.rows import COLUMNS
from newsprobe.store.search import Filters, search
from newsprobe.store.stats import own_voice_share, technique_use


def test_row_builders_fill_every_column_of_their_table() -> None:
    for table in schema.FINDING_TABLES:
        assert sorted(COLUMNS[table.name]) == sorted(c.name for c in table.columns), table.name


def _store_at_0001(url: str, analyses: list) -> None:
    """Write `analyses` the way revision 0001 stored them: findings keyed by article_id, zlib blobs."""
    engine = create_engine(resolve_url(url))
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
    with engine.begin() as connection:
        for analysis in analyses:
            data = analysis.model_dump(mode="json")
            article = data["article"]
            blob = zlib.compress(json.dumps({**data, "article": {k: v for k, v in article.items() if k != "text"}})
                                 .encode("utf-8"), 1)
            connection.execute(sa.text(
                "INSERT INTO articles (id, outlet, published, month, title, word_count, text, analysis, "
                "schema_version, stored_at) VALUES (:id, :outlet, :published, :month, :title, :words, :text, :blob, "
                "'1', '2026-11-26 00:00:00.000000')"),
                {"id": article["id"], "outlet": article["outlet"], "published": article["published"],
                 "month": (article["published"] or "")[:7] or None, "title": article["title"],
                 "words": len(article["text"].split()), "text": article["text"], "blob": blob})
            for i, claim in enumerate(data["claims"]):
                connection.execute(sa.text(
                    'INSERT INTO claims (article_id, idx, start, "end", text, checkworthiness, voice) '
                    "VALUES (:aid, :idx, :start, :end, :text, :worth, :voice)"),
                    {"aid": article["id"], "idx": i, "start": claim["start"], "end": claim["end"],
                     "text": claim["text"], "worth": claim["checkworthiness"], "voice": claim["voice"]})
            for i, technique in enumerate(data["techniques"]):
                connection.execute(sa.text(
                    'INSERT INTO techniques (article_id, idx, start, "end", text, technique, confidence) '
                    "VALUES (:aid, :idx, :start, :end, :text, :technique, 0.5)"),
                    {"aid": article["id"], "idx": i, "start": technique["start"], "end": technique["end"],
                     "text": technique["text"], "technique": technique["technique"]})
    engine.dispose()


def test_upgrade_from_0001_rekeys_findings_and_keeps_them(db_url: str) -> None:
    corpus = small_corpus()
    _store_at_0001(db_url, corpus)
    with Store(db_url) as store:
        assert store.count() == len(corpus)
        assert store.get("t1") == corpus[1]  # an old zlib blob reads back exactly
        with store.engine.connect() as connection:
            claims = connection.execute(sa.select(schema.articles.c.id, schema.claims.c.voice).select_from(
                schema.claims.join(schema.articles, schema.articles.c.pk == schema.claims.c.article_pk))
                .order_by(schema.articles.c.id, schema.claims.c.idx)).all()
        assert [tuple(c) for c in claims] == [("a1", "attributed"), ("a1", "vague"), ("m2", "outlet"),
                                              ("t1", "outlet")]
        assert sorted(h.id for h in search(store, Filters(technique="Loaded_Language"))) == ["a1", "m2"]
        assert {r["outlet"]: r["own_voice"] for r in own_voice_share(store)} == {"Mehr": 1, "Tasnim": 1}
        assert sum(r["count"] for r in technique_use(store)) == 5
        # New articles go on after the old ones, keyed by their own pk.
        assert store.add(full_analysis(aid="new"))
        assert sorted(h.id for h in search(store, Filters(technique="Loaded_Language"))) == ["a1", "m2", "new"]


def test_upgrade_to_0006_takes_denied_claims_from_the_stored_analysis(db_url: str) -> None:
    corpus = small_corpus()
    denied = corpus[0].claims[0].model_copy(update={"denied": True})  # a1's attributed claim
    corpus[0] = corpus[0].model_copy(update={"claims": [denied, *corpus[0].claims[1:]]})
    with Store(db_url) as store:
        store.add_many(corpus)
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0005")
    with engine.connect() as connection:
        assert "denied" not in {c["name"] for c in sa.inspect(connection).get_columns("claims")}
    engine.dispose()
    with Store(db_url) as store, store.engine.connect() as connection:  # opening the store upgrades it
        flags = connection.execute(sa.select(schema.articles.c.id, schema.claims.c.idx, schema.claims.c.denied)
                                   .join(schema.articles, schema.articles.c.pk == schema.claims.c.article_pk)
                                   .order_by(schema.articles.c.id, schema.claims.c.idx)).all()
    assert [tuple(f) for f in flags] == [("a1", 0, True), ("a1", 1, False), ("m2", 0, False), ("t1", 0, False)]
