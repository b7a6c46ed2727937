"""The store's claim-to-fact-check link threshold, chosen on CheckThat! 2022 Task 2A dev (tweets against
Snopes fact-checks) and reported on dev-test, never chosen there.

A link is made when a fact-check is among a claim's `top` nearest (MiniLM cosine, as the store's vector
index ranks them) and scores at least the threshold. Per threshold this prints the links' precision (share
that the relevance file lists), recall (share of listed pairs linked) and F1; the chosen threshold is the
one with the best dev F1.

    python -m newsprobe.evaluate.factcheck_links [DATA_FOLDER]
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from newsprobe.embeddings import SentenceEncoder, embed_cached
from newsprobe.evaluate import prf
from newsprobe.evaluate.claim_retrieval import queries_of, subtask_folder
from newsprobe.factchecks.data import read_factchecks, read_qrels

THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(13))  # 0.30 ... 0.90


def link_scores(scores: np.ndarray, ids: list[str], asked: list[str], qrels: dict[str, set[str]], top: int,
                threshold: float) -> tuple[float, float, float]:
    linked = correct = 0
    for row, query in zip(scores, asked):
        best = np.argsort(-row)[:top]
        made = [ids[j] for j in best if row[j] >= threshold]
        linked += len(made)
        correct += len(set(made) & qrels[query])
    relevant = sum(len(qrels[q]) for q in asked)
    return prf(correct, linked, relevant)


def threshold_table(data: Path, top: int = 5) -> dict[str, dict[float, tuple[float, float, float]]]:
    folder = subtask_folder(data, "tweets")
    checks = read_factchecks(folder / "vclaims.jsonl").items
    encoder = SentenceEncoder()
    vectors = embed_cached(encoder, [check.vclaim for check in checks])
    ids = [check.vclaim_id for check in checks]
    queries = queries_of(folder)
    embedded = embed_cached(encoder, list(queries.values()))  # every query of the subtask: one cache entry
    row = {query_id: i for i, query_id in enumerate(queries)}
    out = {}
    for name in ("dev-qrels.tsv", "dev-test-qrels.tsv"):
        qrels = read_qrels(folder / name)
        asked = sorted(q for q in qrels if q in queries)
        scores = embedded[[row[q] for q in asked]] @ vectors.T
        out[name] = {t: link_scores(scores, ids, asked, qrels, top, t) for t in THRESHOLDS}
    return out


def main() -> None:
    from newsprobe.paths import data_path

    data = data_path(Path(sys.argv[1]) if len(sys.argv) > 1 else None, "checkthat2022-claim-retrieval")
    table = threshold_table(data)
    dev = table["dev-qrels.tsv"]
    chosen = max(dev, key=lambda t: (dev[t][2], -t))
    print("threshold  dev P / R / F1            dev-test P / R / F1")
    for t in THRESHOLDS:
        row = [f"{x:.3f}" for x in (*dev[t], *table["dev-test-qrels.tsv"][t])]
        print(f"{t:.2f}{' *' if t == chosen else '  '}     {' / '.join(row[:3])}     {' / '.join(row[3:])}")
    print(f"chosen on dev (best F1): {chosen:.2f}")


if __name__ == "__main__":
    main()
