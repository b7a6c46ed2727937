"""Nearest-neighbour search over the store's vectors: a usearch HNSW index built from the stored rows.

The vectors live in the store (float32 bytes, the one source of truth on SQLite and PostgreSQL alike:
pgvector is not packaged for this machine's PostgreSQL 15, and one index for both back ends gives the
same results on both). The index is kept per process and brought up to date from the rows added since it
was last read (rows are keyed by an ever-growing integer), so a search never loops over vectors in
Python. Scores are inner products of unit vectors: cosines.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa
from usearch.index import Index, ScalarKind

from newsprobe.store.links_schema import claim_vectors, factchecks

DIMENSIONS = 384
CLAIM_KEY_BITS = 16  # a claim's key: article_pk << 16 | idx (an article holds far fewer than 65,536 claims)


def claim_key(article_pk: int, idx: int) -> int:
    return (article_pk << CLAIM_KEY_BITS) | idx


def split_claim_key(key: int) -> tuple[int, int]:
    return key >> CLAIM_KEY_BITS, key & ((1 << CLAIM_KEY_BITS) - 1)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


@dataclass(frozen=True)
class Neighbour:
    key: int
    score: float


class VectorIndex:
    """An HNSW index (inner product) over unit vectors keyed by integers."""

    def __init__(self) -> None:
        # expansion_search 128 (usearch's default is 64): better recall at a small cost per query
        self.index = Index(ndim=DIMENSIONS, metric="ip", dtype=ScalarKind.F32, expansion_search=128)

    def __len__(self) -> int:
        return len(self.index)

    def add(self, keys: Sequence[int], vectors: np.ndarray) -> None:
        if len(keys):
            self.index.add(np.asarray(keys, dtype=np.uint64), np.ascontiguousarray(vectors, dtype=np.float32))

    def search(self, vectors: np.ndarray, k: int, threshold: float = -1.0) -> list[list[Neighbour]]:
        """The `k` nearest keys of each query vector scoring at least `threshold`, best first (ties by key)."""
        if not len(self.index) or not len(vectors) or k <= 0:
            return [[] for _ in range(len(vectors))]
        found = self.index.search(np.ascontiguousarray(vectors, dtype=np.float32), min(k, len(self.index)))
        keys = np.atleast_2d(found.keys)
        scores = 1.0 - np.atleast_2d(found.distances)
        # one query gives Matches (no counts: every key is real), several give BatchMatches
        counts = np.atleast_1d(np.asarray(getattr(found, "counts", keys.shape[1])))
        out = []
        for row_keys, row_scores, count in zip(keys, scores, counts):
            hits = [Neighbour(int(key), round(float(score), 6)) for key, score in zip(row_keys[:count], row_scores[:count])
                    if score >= threshold]
            out.append(sorted(hits, key=lambda hit: (-hit.score, hit.key)))
        return out


class StoredIndex:
    """A VectorIndex over one vector table of a store, refreshed from the rows added since its last read."""

    def __init__(self, table: sa.Table) -> None:
        self.table = table
        self.index = VectorIndex()
        self.last = -1  # the highest key read so far

    def _key(self) -> sa.ColumnElement:
        if self.table is factchecks:
            return factchecks.c.pk
        return claim_vectors.c.article_pk * (1 << CLAIM_KEY_BITS) + claim_vectors.c.idx

    def refresh(self, connection: sa.Connection) -> VectorIndex:
        key = self._key()
        if self.last >= 0 and connection.execute(sa.select(key).where(key == self.last)).first() is None:
            self.index, self.last = VectorIndex(), -1  # the rows read before are gone: a store made anew
        query = sa.select(key.label("key"), self.table.c.vector).where(key > self.last).order_by(key)
        rows = connection.execute(query).all()
        if rows:
            self.index.add([row.key for row in rows], np.stack([from_bytes(row.vector) for row in rows]))
            self.last = rows[-1].key
        return self.index


_INDEXES: dict[tuple[str, str], StoredIndex] = {}


def stored_index(engine: sa.Engine, table: sa.Table, connection: sa.Connection) -> VectorIndex:
    """The process's index over `table` of the store behind `engine`, up to date with its rows."""
    name = (engine.url.render_as_string(hide_password=False), table.name)
    if name not in _INDEXES:
        _INDEXES[name] = StoredIndex(table)
    return _INDEXES[name].refresh(connection)


def forget(engine: sa.Engine) -> None:
    """Drop the process's indexes of a store (a test's database that is dropped and made again)."""
    url = engine.url.render_as_string(hide_password=False)
    for name in [name for name in _INDEXES if name[0] == url]:
        del _INDEXES[name]
