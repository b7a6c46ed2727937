"""Sentence-embedding cost (MiniLM, ONNX Runtime int8) for stories and fact-checks, measured in one run.

    PYTHONPATH=src python benchmarks/embeddings_speed.py [N]

Embeds N ECB+ articles (title + text, cut at 256 word pieces) and N Snopes fact-check claims (default
200 each), no cache, and prints articles/s, claims/s and their ratio, plus the online story assignment
alone (articles/s, features already computed). Then the two embedders a story reads, each alone over
the same articles, in CPU seconds per article: MiniLM (ONNX Runtime) and the multilingual Universal
Sentence Encoder (numpy, stories/multilingual.py), one thread each, and their ratio.
"""
from __future__ import annotations

import json
import sys
import time

from newsprobe.embeddings import SentenceEncoder
from newsprobe.stories.data import parse_article
from newsprobe.stories import multilingual
from newsprobe.stories.features import article_text
from newsprobe.stories.pipeline import assign, features
from newsprobe.techniques.data import data_root


def main(n: int = 200) -> None:
    root = data_root()
    with open(root / "ecbplus-stories" / "dev.jsonl", encoding="utf-8") as handle:
        articles = [parse_article(line) for line in handle][:n]
    with open(root / "checkthat2022-claim-retrieval" / "task2a-tweets-snopes" / "vclaims.jsonl", encoding="utf-8") as h:
        claims = [json.loads(line)["vclaim"] for line in h][:n]
    encoder = SentenceEncoder()
    encoder.embed(claims[:8])  # warm-up
    start = time.perf_counter()
    found = features(articles, encoder)
    article_rate = len(articles) / (time.perf_counter() - start)
    start = time.perf_counter()
    encoder.embed(claims)
    claim_rate = len(claims) / (time.perf_counter() - start)
    start = time.perf_counter()
    assign(found)
    assign_rate = len(found) / (time.perf_counter() - start)
    print(f"articles (features: both embeddings + words): {article_rate:.1f}/s over {len(articles)}")
    print(f"fact-check claims (embedding): {claim_rate:.1f}/s over {len(claims)}")
    print(f"claims/articles ratio: {claim_rate / article_rate:.1f}")
    print(f"story assignment alone: {assign_rate:.1f} articles/s")
    texts = [article_text(a.title, a.text) for a in articles]
    costs = {"MiniLM (ONNX Runtime, 1 thread)": SentenceEncoder(threads=1).embed,
             "multilingual USE (numpy, 1 thread)": multilingual.embed}
    spent = {}
    for name, embed in costs.items():
        embed(texts[:4])  # warm-up: loads the model
        start = time.process_time()
        embed(texts)
        spent[name] = (time.process_time() - start) / len(texts)
        print(f"{name}: {1000 * spent[name]:.1f} CPU ms per article")
    first, second = spent.values()
    print(f"multilingual / MiniLM CPU: {second / first:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
