"""`newsprobe claims similar`: a claim's paraphrases across the stored articles, in time order.

The claim is a stored one (ARTICLE_ID:CLAIM_INDEX) or any text; its nearest stored claims come from the
vector index over the check-worthy claims' vectors (store/vectors.py), kept when their cosine reaches
`min_score`. Each comes with its article's outlet and date, its voice, who it is attributed to, whether
that speaker denied it, and the techniques found on its words: a claim's path through the news (the
claim page and `GET /claims/{claim}/path`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

import numpy as np
import sqlalchemy as sa

from newsprobe.errors import Code, NewsprobeError
from newsprobe.store.corpus import Store
from newsprobe.store.links_schema import claim_vectors
from newsprobe.store.schema import articles, attributions, claims, techniques
from newsprobe.store.vectors import claim_key, from_bytes, split_claim_key, stored_index

if TYPE_CHECKING:
    from newsprobe.embeddings import Embedder


def _stored_vector(connection: sa.Connection, query: str) -> np.ndarray | str | None:
    """The vector of a stored claim named ARTICLE_ID:INDEX (its text when it has none: claims below the
    check-worthiness of the index), or None when `query` does not name a stored claim's form."""
    article_id, _, idx = query.rpartition(":")
    if not article_id or not idx.isdigit():
        return None
    where = (articles.c.id == article_id, claims.c.idx == int(idx))
    row = connection.execute(
        sa.select(claims.c.text, claim_vectors.c.vector).join(articles, articles.c.pk == claims.c.article_pk)
        .outerjoin(claim_vectors, (claim_vectors.c.article_pk == claims.c.article_pk)
                   & (claim_vectors.c.idx == claims.c.idx))
        .where(*where)).first()
    if row is None:
        raise NewsprobeError(Code.CLAIM_NOT_FOUND, query)
    return from_bytes(row.vector)[None, :] if row.vector is not None else row.text


def _techniques_by_article(connection: sa.Connection, article_pks: set[int]) -> dict[int, list[tuple[int, int, str]]]:
    """(start, end, technique) of every technique span of these articles, in text order, per article."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    rows = connection.execute(
        sa.select(techniques.c.article_pk, techniques.c.start, techniques.c.end, techniques.c.technique)
        .where(techniques.c.article_pk.in_(sorted(article_pks)))
        .order_by(techniques.c.article_pk, techniques.c.start, techniques.c.idx))
    for row in rows:
        found.setdefault(row.article_pk, []).append((row.start, row.end, row.technique))
    return found


def _appearances(connection: sa.Connection, scores: dict[tuple[int, int], float]) -> list[dict]:
    """Each stored claim of `scores` ((article pk, claim index) -> score) with its article, voice, speaker,
    denial and the techniques overlapping its characters (each named once, in text order); claims that are
    gone are left out. Two queries however many claims: no query per claim."""
    if not scores:
        return []
    article_pks = {pk for pk, _ in scores}
    rows = connection.execute(
        sa.select(claims.c.article_pk, claims.c.idx, articles.c.id, articles.c.outlet, articles.c.published,
                  articles.c.title, claims.c.text, claims.c.voice, claims.c.checkworthiness, claims.c.denied,
                  claims.c.start, claims.c.end, attributions.c.speaker_name, attributions.c.kind)
        .join(articles, articles.c.pk == claims.c.article_pk)
        .outerjoin(attributions, (attributions.c.article_pk == claims.c.article_pk)
                   & (attributions.c.idx == claims.c.attribution))
        .where(claims.c.article_pk.in_(sorted(article_pks)), claims.c.idx.in_(sorted({idx for _, idx in scores}))))
    stored = {(row.article_pk, row.idx): dict(row._mapping) for row in rows}
    spans = _techniques_by_article(connection, article_pks)
    out = []
    for (article_pk, idx), score in scores.items():
        found = stored.get((article_pk, idx))
        if found is None:
            continue
        del found["article_pk"], found["idx"]
        start, end = found.pop("start"), found.pop("end")
        on_claim = (name for s, e, name in spans.get(article_pk, ()) if s < end and e > start)
        found.update(claim=f"{found['id']}:{idx}", score=score, key=claim_key(article_pk, idx),
                     denied=bool(found["denied"]), techniques=list(dict.fromkeys(on_claim)))
        out.append(found)
    return out


def similar_claims(store: Store, query: str, encoder: Embedder | None, top: int = 50,
                   min_score: float = 0.75) -> list[dict]:
    """Stored claims saying what `query` says, oldest first (undated last)."""
    with store.engine.connect() as connection:
        stored = _stored_vector(connection, query)
        if stored is None or isinstance(stored, str):
            if encoder is None:
                from newsprobe.embeddings import SentenceEncoder

                encoder = SentenceEncoder()
            vector = encoder.embed([query if stored is None else stored])
        else:
            vector = stored
        hits = stored_index(store.engine, claim_vectors, connection).search(vector, top, min_score)[0]
        out = _appearances(connection, {split_claim_key(hit.key): hit.score for hit in hits})
    out.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["key"]))
    return [_finished(entry) for entry in out]


def print_similar(db: str | None, query: str, out: TextIO, top: int, min_score: float) -> int:
    """One tab-separated line per claim: date, outlet, voice (and speaker), score, claim id, text."""
    with Store(db, read_only=None) as store:
        rows = similar_claims(store, query, None, top, min_score)
    for row in rows:
        voice = row["voice"] + (f" ({row['speaker_name']})" if row["speaker_name"] else "")
        voice += ", denied" if row["denied"] else ""
        print("\t".join([row["published"] or "?", row["outlet"] or "-", voice, f"{row['score']:.3f}", row["claim"],
                         row["text"]]), file=out)
    return len(rows)


def outlet_voices(rows: list[dict]) -> list[dict]:
    """Appearances counted per outlet and voice, as the outlets-by-voice chart reads them."""
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["outlet"] or "(no outlet)", row["voice"])
        counts[key] = counts.get(key, 0) + 1
    return [{"outlet": outlet, "voice": voice, "claims": n} for (outlet, voice), n in sorted(counts.items())]


def claim_path(store: Store, claim: str, encoder: Embedder | None, top: int = 50,
               min_score: float = 0.75) -> dict:
    """A stored claim (ARTICLE_ID:INDEX) and every stored claim saying the same, oldest first, with the
    appearances counted per outlet and voice (NP833 when no such claim is stored)."""
    if ":" not in claim or not claim.rpartition(":")[2].isdigit():
        raise NewsprobeError(Code.CLAIM_NOT_FOUND, f"{claim} (a claim is ARTICLE_ID:INDEX)")
    appearances = similar_claims(store, claim, encoder, top, min_score)
    own = next((row for row in appearances if row["claim"] == claim), None)
    if own is None:  # a claim under the index's check-worthiness is not among its own neighbours
        own = _own_claim(store, claim)
        appearances = sorted([*appearances, own], key=lambda r: (r["published"] is None, r["published"] or ""))
    return {"claim": claim, "text": own["text"], "appearances": appearances, "outlets": outlet_voices(appearances)}


def _own_claim(store: Store, claim: str) -> dict:
    article_id, _, idx = claim.rpartition(":")
    with store.engine.connect() as connection:
        pk = connection.scalar(sa.select(articles.c.pk).where(articles.c.id == article_id))
        found = _appearances(connection, {(pk, int(idx)): 1.0}) if pk is not None else []
    if not found:
        raise NewsprobeError(Code.CLAIM_NOT_FOUND, claim)
    return _finished(found[0])


def _finished(entry: dict) -> dict:
    """An appearance as callers get it: no sort key, the date as ISO text."""
    entry.pop("key")
    entry["published"] = entry["published"].isoformat() if entry["published"] else None
    return entry
