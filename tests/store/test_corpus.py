"""The Store on both back ends: exact round trips, one transaction per article, coded failures."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from tests.store.store_fixtures import TEXT, full_analysis

from newsprobe.errors import Code, NewsprobeError
from newsprobe.store import Store, schema
from newsprobe.store.db import head_revision, resolve_url


def test_round_trip_is_exact(store: Store, analysis) -> None:
    assert store.add(analysis) is True
    assert store.get(analysis.article.id) == analysis
    assert store.get(analysis.article.id).model_dump_json() == analysis.model_dump_json()


def test_second_add_writes_nothing(store: Store, analysis) -> None:
    assert store.add(analysis)
    assert not store.add(analysis)
    assert store.count() == 1
    with store.engine.connect() as connection:
        assert connection.scalar(sa.select(sa.func.count()).select_from(schema.claims)) == 2


def test_findings_are_rows_with_offsets(store: Store, analysis) -> None:
    store.add(analysis)
    with store.engine.connect() as connection:
        for table in (schema.mentions, schema.timexes, schema.claims, schema.techniques):
            rows = connection.execute(sa.select(table.c.start, table.c.end, table.c.text)).all()
            assert rows and all(TEXT[r.start:r.end] == r.text for r in rows), table.name
        speakers = connection.execute(sa.select(schema.attributions.c.speaker_name, schema.attributions.c.content_text)
                                      .order_by(schema.attributions.c.idx)).all()
        article = connection.execute(sa.select(schema.articles.c.word_count, schema.articles.c.month,
                                               schema.articles.c.licence, schema.articles.c.dateline_text)).one()
    assert [s.speaker_name for s in speakers] == ["Ali Khamenei", "Many pundits"]
    assert speakers[0].content_text == '"We will respond,"'
    assert tuple(article) == (len(TEXT.split()), "2022-01", "CC-BY-4.0", "TEHRAN")


def test_bulk_load_skips_stored_and_repeated_ids(store: Store) -> None:
    first = [full_analysis(aid=f"b{i}") for i in range(5)]
    assert store.add_many(first, batch_size=2) == 5
    again = [*first[:3], full_analysis(aid="new"), full_analysis(aid="new")]
    assert store.add_many(again) == 1
    assert store.count() == 6
    assert store.get("b4") == first[4]
    assert [a.article.id for a in store.analyses(["b1", "new"])] == ["b1", "new"]


def test_failures_are_counted_per_input_and_code(store: Store, analysis) -> None:
    store.add_failure("feed.xml", "NP411", "not XML")
    store.add_failure("feed.xml", "NP411", "still not XML")
    store.add_failure("x.warc", "NP412", "corrupt")
    rows = {(r["source"], r["code"]): r for r in store.failures()}
    assert rows[("feed.xml", "NP411")]["count"] == 2
    assert rows[("feed.xml", "NP411")]["reason"] == "still not XML"
    # A later success of the same input clears its failures in the same transaction.
    assert store.add(analysis, clear_failures_of="feed.xml")
    assert [r["source"] for r in store.failures()] == ["x.warc"]


def test_missing_article_is_np407(store: Store) -> None:
    with pytest.raises(NewsprobeError) as caught:
        store.get("nope")
    assert caught.value.code is Code.NOT_STORED


def test_migrated_schema_matches_the_metadata(store: Store) -> None:
    def ours(obj, name, type_, reflected, compare_to) -> bool:
        # Full-text objects are back-end specific and made by the migration on purpose.
        return not (name in {"tsv", "ix_articles_tsv"} or (name or "").startswith("articles_fts")
                    or name == "alembic_version")

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": ours})
        assert compare_metadata(context, schema.metadata) == []
        assert context.get_current_revision() == head_revision()


def test_sqlite_uses_wal(tmp_path) -> None:
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_plain_path_and_postgresql_scheme_resolve(tmp_path) -> None:
    assert resolve_url(str(tmp_path / "c.db")).get_backend_name() == "sqlite"
    assert resolve_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("url, code", [
    ("mysql://u@h/db", Code.DB_URL),
    ("not a url://", Code.DB_URL),
    ("sqlite:////no/such/folder/c.db", Code.DB_CONNECT),
    ("postgresql+psycopg://nobody:x@127.0.0.1:1/none", Code.DB_CONNECT),
])
def test_bad_database_urls_are_coded(url: str, code: Code) -> None:
    with pytest.raises(NewsprobeError) as caught:
        Store(url)
    assert caught.value.code is code


def test_newer_schema_is_np404(db_url: str) -> None:
    Store(db_url).close()
    engine = sa.create_engine(db_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(NewsprobeError) as caught:
        Store(db_url)
    assert caught.value.code is Code.DB_SCHEMA


def test_full_disk_is_np403_and_keeps_what_was_stored(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'full.db'}")
    store.add(full_analysis(aid="kept"))
    with store.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    # SQLite's max_page_count makes the database "full" exactly as a full disk would.
    sa.event.listen(store.engine, "connect", lambda dbapi, _r: dbapi.execute(f"PRAGMA max_page_count={pages + 2}"))
    store.engine.dispose()
    big = full_analysis(TEXT + " filler" * 200_000, aid="big")
    with pytest.raises(NewsprobeError) as caught:
        store.add(big)
    assert caught.value.code is Code.DB_WRITE
    assert store.count() == 1 and store.get("kept").article.id == "kept"
    with store.engine.connect() as connection:
        assert connection.scalar(sa.select(sa.func.count()).select_from(schema.claims)) == 2


def test_values_the_database_refuses_are_np409_for_that_article(store: Store) -> None:
    if store.dialect != "postgresql":
        pytest.skip("SQLite stores any text")
    with pytest.raises(NewsprobeError) as caught:
        store.add(full_analysis(TEXT + "\x00", aid="nul"))
    assert caught.value.code is Code.DB_REFUSED_ARTICLE
    assert store.count() == 0


def test_refused_batch_is_stored_again_article_by_article(store: Store, monkeypatch) -> None:
    store.add(full_analysis(aid="b1"))
    # As if another writer stored b1 between the batch's look-up and its write: the batch hits the unique id.
    calls, real = [], store.stored_ids
    monkeypatch.setattr(store, "stored_ids", lambda ids: real(ids) if calls.append(1) or len(calls) > 1 else set())
    batch = [full_analysis(aid=f"b{i}") for i in range(3)]
    if store.dialect == "postgresql":  # a value PostgreSQL refuses: only that article fails
        batch.append(full_analysis(TEXT + "\x00", aid="nul"))
    assert store.add_many(batch, batch_size=10) == 2
    assert store.count() == 3 and store.get("b2") == batch[2]
    with store.engine.connect() as connection:
        assert connection.scalar(sa.select(sa.func.count()).select_from(schema.claims)) == 6
    expected = [("test:nul", Code.DB_REFUSED_ARTICLE.value)] if store.dialect == "postgresql" else []
    assert [(f["source"], f["code"]) for f in store.failures()] == expected


def test_writes_leave_foreign_keys_enforced(store: Store, analysis) -> None:
    store.add(analysis)
    store.add_many([full_analysis(aid="f2")])
    with store.engine.connect() as connection:
        if store.dialect == "sqlite":  # the bulk writer turns the checks off for its own transaction only
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        connection.execute(schema.articles.delete().where(schema.articles.c.id == "f2"))
        connection.commit()
        counts = [connection.scalar(sa.select(sa.func.count()).select_from(t)) for t in schema.FINDING_TABLES]
    assert counts == [3, 3, 2, 2, 1, 2, 1]  # the deleted article's findings went with it (ON DELETE CASCADE)


def test_bulk_rows_written_several_to_a_statement_are_all_exact(store: Store) -> None:
    batch = [full_analysis(aid=f"r{i:02d}") for i in range(70)]  # enough rows for the multi-row statements
    assert store.add_many(batch, batch_size=70) == 70
    expected = {t.name: 0 for t in schema.FINDING_TABLES}
    for table in expected:
        with store.engine.connect() as connection:
            expected[table] = connection.scalar(sa.select(sa.func.count()).select_from(schema.metadata.tables[table]))
    assert expected == {"entities": 210, "mentions": 210, "attributions": 140, "timexes": 140, "events": 70,
                        "claims": 140, "techniques": 70}
    m, a = schema.mentions, schema.articles
    with store.engine.connect() as connection:
        rows = connection.execute(sa.select(a.c.id, m.c.idx, m.c.entity_idx, m.c.start, m.c.end, m.c.text)
                                  .select_from(m.join(a, a.c.pk == m.c.article_pk)).order_by(a.c.pk, m.c.idx)).all()
    wanted = [(f"r{i:02d}", j, j, s.start, s.end, s.text) for i in range(70)
              for j, s in enumerate(e.mentions[0] for e in batch[i].entities)]
    assert [tuple(r) for r in rows] == wanted
