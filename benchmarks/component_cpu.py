"""CPU seconds per pipeline component over the throughput benchmark's articles (best of N rounds).

    .venv/bin/python benchmarks/component_cpu.py [--articles 100] [--rounds 3] [--corpus DIR]

Each component runs over the whole batch in turn and is timed with `time.process_time`, which other
jobs on the machine disturb less than the wall clock that benchmarks/throughput.py reads.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from spacy.language import Language

from newsprobe import load_pipeline
from newsprobe.analysis import doc_to_analysis, make_doc
from newsprobe.config import load_options
from newsprobe.ingest.text import article_from_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "ptc-datathon-v5" / "tasks-2-3" / "train"


def one_round(nlp: Language, texts: list[str], batch_size: int) -> dict[str, float]:
    times: dict[str, float] = {}
    start = time.process_time()
    docs = [make_doc(nlp, article_from_text(t)) for t in texts]
    times["ingest + tokenizer"] = time.process_time() - start
    for name, proc in nlp.pipeline:
        start = time.process_time()
        docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        times[name] = time.process_time() - start
    start = time.process_time()
    for doc in docs:
        doc_to_analysis(doc, "<text>")
    times["doc_to_analysis"] = time.process_time() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    options = load_options()
    nlp = load_pipeline(options)
    files = sorted(args.corpus.glob("article*.txt"))[: args.articles]
    if not files:
        raise SystemExit(f"no articles in {args.corpus}")
    texts = [f.read_text(encoding="utf-8") for f in files]
    one_round(nlp, texts[:10], options.batch_size)  # warm-up: caches, lazy loads
    rounds = [one_round(nlp, texts, options.batch_size) for _ in range(args.rounds)]
    best = {name: min(r[name] for r in rounds) for name in rounds[0]}
    ours = sum(v for k, v in best.items() if k.startswith("newsprobe") or k == "doc_to_analysis")
    spacy_s = sum(v for k, v in best.items() if k not in ("ingest + tokenizer", "doc_to_analysis")
                  and not k.startswith("newsprobe"))
    for name, seconds in best.items():
        print(f"{name:24s} {seconds:7.3f} s")
    print(f"{'spaCy components':24s} {spacy_s:7.3f} s")
    print(f"{'newsprobe components':24s} {ours:7.3f} s")
    print(f"{'implied ratio':24s} {spacy_s / (spacy_s + ours):7.3f}")


if __name__ == "__main__":
    main()
