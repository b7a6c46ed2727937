"""`newsprobe claims similar`: a claim's paraphrases across the stored articles, in time order.

The claim is a stored one (ARTICLE_ID:CLAIM_INDEX) or any text; its nearest stored claims come from the
vector index over the check-worthy claims' vectors (store/vectors.py), kept when their cosine reaches
`min_score`. Each comes with its article's outlet and date, its voice and who it is attributed to (whether a
speaker denied it is in the stored Analysis, not in the attribution rows, and is not shown yet)."""
from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

import numpy as np
import sqlalchemy as sa

from newsprobe.errors import Code, NewsprobeError
from newsprobe.store.corpus import Store
from newsprobe.store.links_schema import claim_vectors
from newsprobe.store.schema import articles, attributions, claims
from newsprobe.store.vectors import claim_key, from_bytes, split_claim_key, stored_index

if TYPE_CHECKING:
    from newsprobe.embeddings import SentenceEncoder


def _stored_vector(connection: sa.Connection, query: str) -> np.ndarray | None:
    """The vector of a stored claim named ARTICLE_ID:INDEX, or None when `query` does not name one."""
    article_id, _, idx = query.rpartition(":")
    if not article_id or not idx.isdigit():
        return None
    row = connection.execute(
        sa.select(claim_vectors.c.vector).join(articles, articles.c.pk == claim_vectors.c.article_pk)
        .where(articles.c.id == article_id, claim_vectors.c.idx == int(idx))).first()
    if row is None:
        raise NewsprobeError(Code.CLAIM_NOT_FOUND, query)
    return from_bytes(row.vector)[None, :]


def similar_claims(store: Store, query: str, encoder: SentenceEncoder | None, top: int = 50,
                   min_score: float = 0.75) -> list[dict]:
    """Stored claims saying what `query` says, oldest first (undated last)."""
    with store.engine.connect() as connection:
        vector = _stored_vector(connection, query)
        if vector is None:
            if encoder is None:
                from newsprobe.embeddings import SentenceEncoder

                encoder = SentenceEncoder()
            vector = encoder.embed([query])
        hits = stored_index(store.engine, claim_vectors, connection).search(vector, top, min_score)[0]
        scores = {split_claim_key(hit.key): hit.score for hit in hits}
        out = []
        for article_pk, idx in scores:
            row = connection.execute(
                sa.select(articles.c.id, articles.c.outlet, articles.c.published, articles.c.title, claims.c.text,
                          claims.c.voice, claims.c.checkworthiness, attributions.c.speaker_name,
                          attributions.c.kind)
                .join(articles, articles.c.pk == claims.c.article_pk)
                .outerjoin(attributions, (attributions.c.article_pk == claims.c.article_pk)
                           & (attributions.c.idx == claims.c.attribution))
                .where(claims.c.article_pk == article_pk, claims.c.idx == idx)).first()
            if row is not None:
                found = dict(row._mapping)
                found.update(claim=f"{found['id']}:{idx}", score=scores[(article_pk, idx)], key=claim_key(article_pk, idx))
                out.append(found)
    out.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["key"]))
    for entry in out:
        entry.pop("key")
        entry["published"] = entry["published"].isoformat() if entry["published"] else None
    return out


def print_similar(db: str | None, query: str, out: TextIO, top: int, min_score: float) -> int:
    """One tab-separated line per claim: date, outlet, voice (and speaker), score, claim id, text."""
    with Store(db, read_only=None) as store:
        rows = similar_claims(store, query, None, top, min_score)
    for row in rows:
        voice = row["voice"] + (f" ({row['speaker_name']})" if row["speaker_name"] else "")
        print("\t".join([row["published"] or "?", row["outlet"] or "-", voice, f"{row['score']:.3f}", row["claim"],
                         row["text"]]), file=out)
    return len(rows)
