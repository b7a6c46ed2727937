"""Words per second of the full newsprobe pipeline against the bare spaCy parse, in one process.

    .venv/bin/python benchmarks/throughput.py [--articles 100] [--rounds 3]

Both run over the same articles (PTC news texts from ../shared/data) with the same spaCy model and batch
size; rounds alternate bare and full so that machine noise hits both alike. The ratio of medians is the
figure recorded in BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import spacy

from newsprobe import analyze_many, load_pipeline
from newsprobe.config import load_options

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "ptc-datathon-v5" / "tasks-2-3" / "train"


def load_texts(count: int) -> list[str]:
    files = sorted(CORPUS.glob("article*.txt"))[:count]
    if not files:
        raise SystemExit(f"no articles in {CORPUS}")
    return [f.read_text(encoding="utf-8") for f in files]


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    options = load_options()
    texts = load_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(options.spacy_model)
    full = load_pipeline(options)

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=options.batch_size):
            pass

    def run_full() -> None:
        for _ in analyze_many(texts, nlp=full, batch_size=options.batch_size):
            pass

    run_bare(), run_full()  # warm-up: caches, lazy loads
    bare_s, full_s = [], []
    for _ in range(args.rounds):
        bare_s.append(timed(run_bare))
        full_s.append(timed(run_full))
    bare_wps, full_wps = words / statistics.median(bare_s), words / statistics.median(full_s)
    print(f"articles {len(texts)}  words {words}  rounds {args.rounds}  components {', '.join(full.pipe_names)}")
    print(f"bare spaCy parse   {bare_wps:10,.0f} words/s")
    print(f"full pipeline      {full_wps:10,.0f} words/s")
    print(f"ratio full/bare    {full_wps / bare_wps:10.3f}")


if __name__ == "__main__":
    main()
