"""Fact-checks in the store: `newsprobe factchecks load FILE`, and the links from claims to fact-checks.

A claim's links are its `top` nearest fact-checks (MiniLM cosine, through the vector index) scoring at
least `threshold`. They depend only on the claim and the loaded collection, never on the order things
arrived: an ingested article's claims are linked at once, and a load re-ranks the stored claims its new
fact-checks come near. Loading is idempotent: a fact-check whose id is stored is left as it is.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, UTC
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import sqlalchemy as sa

from newsprobe.config import Options
from newsprobe.errors import NewsprobeError
from newsprobe.factchecks.collection import Record, deduplicated, read_collection
from newsprobe.model import Analysis
from newsprobe.store.corpus import Store
from newsprobe.store.links_schema import claim_factchecks, claim_vectors, factchecks
from newsprobe.store.schema import articles
from newsprobe.store.vectors import CLAIM_KEY_BITS, claim_key, split_claim_key, stored_index, to_bytes

if TYPE_CHECKING:
    from newsprobe.embeddings import Embedder

BATCH = 256  # fact-checks embedded and written per transaction
CLAIMS_PER_FACTCHECK = 1000  # stored claims looked at per new fact-check when re-ranking their links


@dataclass
class LoadReport:
    added: int = 0
    stored: int = 0  # already in the store (a re-load)
    errors: int = 0
    linked_claims: int = 0

    def line(self, path: Path) -> str:
        return (f"{path}: {self.added} fact-checks added, {self.stored} already stored, {self.errors} errors; "
                f"{self.linked_claims} stored claims re-linked")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _stored_ids(connection: sa.Connection, ids: list[str]) -> set[str]:
    return set(connection.scalars(sa.select(factchecks.c.id).where(factchecks.c.id.in_(ids))))


def _row(record: Record, vector: np.ndarray, source: str, now: datetime) -> dict:
    return {"id": record.id, "claim": record.claim, "title": record.title, "url": record.url,
            "rating": record.rating, "date": record.date, "publisher": record.publisher,
            "extra": json.dumps(record.extra, ensure_ascii=False) if record.extra else None,
            "source": source, "vector": to_bytes(vector), "loaded_at": now}


def load_factchecks(store: Store, path: Path, encoder: Embedder, options: Options,
                    on_error: Callable[[NewsprobeError], None]) -> LoadReport:
    """Stream `path` into the store, BATCH records a transaction; each bad record goes to `on_error`."""
    report = LoadReport()
    items: Iterator = deduplicated(read_collection(path))
    while chunk := list(islice(items, BATCH)):
        records = []
        for item in chunk:
            if isinstance(item, NewsprobeError):
                report.errors += 1
                on_error(item)
            else:
                records.append(item)
        if records:
            _load_batch(store, records, str(path), encoder, options, report)
    return report


def _load_batch(store: Store, records: list[Record], source: str, encoder: Embedder, options: Options,
                report: LoadReport) -> None:
    with store.engine.connect() as connection:
        stored = _stored_ids(connection, [record.id for record in records])
    fresh = [record for record in records if record.id not in stored]
    report.stored += len(stored)
    if not fresh:
        return
    vectors = encoder.embed([record.claim for record in fresh])
    now = _now()
    with store.engine.begin() as connection:
        connection.execute(factchecks.insert(), [_row(r, v, source, now) for r, v in zip(fresh, vectors)])
        claims = stored_index(store.engine, claim_vectors, connection)
        near = claims.search(vectors, CLAIMS_PER_FACTCHECK, options.corpus_factcheck_threshold)
        keys = sorted({hit.key for hits in near for hit in hits})
        relink(store, connection, keys, options)
    report.added += len(fresh)
    report.linked_claims += len(keys)


def _claim_vectors(connection: sa.Connection, keys: Sequence[int]) -> np.ndarray:
    key = claim_vectors.c.article_pk * (1 << CLAIM_KEY_BITS) + claim_vectors.c.idx
    found = {}
    for start in range(0, len(keys), 500):
        chunk = list(keys[start:start + 500])
        for row in connection.execute(sa.select(key.label("key"), claim_vectors.c.vector).where(key.in_(chunk))):
            found[row.key] = row.vector
    return np.stack([np.frombuffer(found[k], dtype=np.float32) for k in keys])


def relink(store: Store, connection: sa.Connection, keys: Sequence[int], options: Options,
           vectors: np.ndarray | None = None) -> int:
    """Replace the fact-check links of the claims `keys` by their best fact-checks now; return links written."""
    if not keys:
        return 0
    vectors = _claim_vectors(connection, keys) if vectors is None else vectors
    index = stored_index(store.engine, factchecks, connection)
    found = index.search(vectors, options.corpus_factcheck_top, options.corpus_factcheck_threshold)
    rows = []
    for key, hits in zip(keys, found):
        article_pk, idx = split_claim_key(key)
        connection.execute(claim_factchecks.delete().where(
            (claim_factchecks.c.article_pk == article_pk) & (claim_factchecks.c.claim_idx == idx)))
        rows += [{"article_pk": article_pk, "claim_idx": idx, "factcheck_pk": hit.key, "score": hit.score}
                 for hit in hits]
    if rows:
        connection.execute(claim_factchecks.insert(), rows)
    return len(rows)


def link_articles(store: Store, analyses: Iterable[Analysis], encoder: Embedder, options: Options) -> int:
    """Store the vectors of the check-worthy claims of `analyses` (stored already) and link them; return the
    number of links. Claims stored before (a second call) are left as they are."""
    analyses = list(analyses)
    with store.engine.begin() as connection:
        pks = dict(connection.execute(sa.select(articles.c.id, articles.c.pk).where(
            articles.c.id.in_([analysis.article.id for analysis in analyses]))).all())
        done = set(connection.scalars(sa.select(claim_vectors.c.article_pk).where(
            claim_vectors.c.article_pk.in_(list(pks.values()))).distinct()))
        keys, texts = [], []
        for analysis in analyses:
            pk = pks.get(analysis.article.id)
            if pk is None or pk in done:
                continue
            for idx, claim in enumerate(analysis.claims):
                if claim.checkworthiness >= options.corpus_min_checkworthiness:
                    keys.append(claim_key(pk, idx))
                    texts.append(claim.text)
        if not keys:
            return 0
        vectors = encoder.embed(texts)
        connection.execute(claim_vectors.insert(), [
            {"article_pk": split_claim_key(k)[0], "idx": split_claim_key(k)[1], "vector": to_bytes(v)}
            for k, v in zip(keys, vectors)])
        return relink(store, connection, keys, options, vectors)


def claim_links(store: Store, article_pk: int) -> dict[int, list[dict]]:
    """claim idx -> its fact-checks (best first) with their score, for one stored article."""
    query = (sa.select(claim_factchecks.c.claim_idx, claim_factchecks.c.score, factchecks.c.id, factchecks.c.claim,
                       factchecks.c.title, factchecks.c.url, factchecks.c.rating, factchecks.c.date,
                       factchecks.c.publisher)
             .join(factchecks, factchecks.c.pk == claim_factchecks.c.factcheck_pk)
             .where(claim_factchecks.c.article_pk == article_pk)
             .order_by(claim_factchecks.c.claim_idx, claim_factchecks.c.score.desc(), factchecks.c.id))
    out: dict[int, list[dict]] = {}
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            link = dict(row._mapping)
            out.setdefault(link.pop("claim_idx"), []).append(link)
    return out


def search_factchecks(store: Store, text: str, encoder: Embedder, top: int = 10) -> list[dict]:
    """The stored fact-checks nearest `text`, best first, with their cosine."""
    vector = encoder.embed([text])
    with store.engine.connect() as connection:
        hits = stored_index(store.engine, factchecks, connection).search(vector, top)[0]
        if not hits:
            return []
        rows = {row.pk: dict(row._mapping) for row in connection.execute(
            sa.select(factchecks.c.pk, factchecks.c.id, factchecks.c.claim, factchecks.c.title, factchecks.c.url,
                      factchecks.c.rating, factchecks.c.date, factchecks.c.publisher)
            .where(factchecks.c.pk.in_([hit.key for hit in hits])))}
    return [{**{k: v for k, v in rows[hit.key].items() if k != "pk"}, "score": hit.score} for hit in hits]


def factcheck_detail(store: Store, factcheck_id: str) -> dict:
    """One stored fact-check and the stored claims linked to it, best first (NP832 when absent)."""
    from newsprobe.errors import Code
    from newsprobe.store.schema import claims

    columns = [c for c in factchecks.c if c.name not in {"vector", "pk", "loaded_at"}]
    with store.engine.connect() as connection:
        row = connection.execute(sa.select(factchecks.c.pk, *columns).where(factchecks.c.id == factcheck_id)).first()
        if row is None:
            raise NewsprobeError(Code.FACTCHECK_NOT_FOUND, factcheck_id)
        found = dict(row._mapping)
        pk = found.pop("pk")
        found["extra"] = json.loads(found["extra"]) if found["extra"] else {}
        linked = (sa.select(articles.c.id.label("article"), claim_factchecks.c.claim_idx.label("claim"),
                            claims.c.text, claims.c.voice, articles.c.outlet, articles.c.published,
                            claim_factchecks.c.score)
                  .select_from(claim_factchecks)
                  .join(articles, articles.c.pk == claim_factchecks.c.article_pk)
                  .join(claims, (claims.c.article_pk == claim_factchecks.c.article_pk)
                        & (claims.c.idx == claim_factchecks.c.claim_idx))
                  .where(claim_factchecks.c.factcheck_pk == pk)
                  .order_by(claim_factchecks.c.score.desc(), articles.c.id, claim_factchecks.c.claim_idx))
        found["claims"] = [dict(r._mapping) for r in connection.execute(linked)]
    return found
