"""Words per second of the techniques layer alone and of the bare spaCy parse, measured in one run.

    PYTHONPATH=src python benchmarks/techniques_speed.py [N_ARTICLES]

Parses N PTC articles (default 50) with the configured spaCy model, then runs the techniques
component over the parsed Docs one at a time (no worker thread, so this is the layer's whole cost),
and its span encoder pass alone (with the hidden states the technique head reads). Prints the rates,
their ratio to the parse, and the pipeline's share of
the bare parse's rate with the layer run serially (parse time / (parse + layer time)), plus peak memory.
"""
from __future__ import annotations

import resource
import sys
import time

import spacy

from newsprobe.config import load_options
from newsprobe.pipeline.extensions import register_extensions
from newsprobe.pipeline.techniques import TechniquesComponent
from newsprobe.techniques.data import PTC_TRAIN, data_root, read_folder


def main(n: int = 50) -> None:
    articles = read_folder(data_root() / PTC_TRAIN)[:n]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.load(load_options().spacy_model)
    register_extensions()
    component = TechniquesComponent()
    list(nlp.pipe(texts[:2]))  # warm up
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    found = sum(len(component(doc)._.np_techniques) for doc in docs)
    layer_s = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        component.predictor.encode(doc)  # what the component runs: probabilities and hidden states
    encoder_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {len(texts)}  words {words}  techniques found {found}")
    print(f"bare spaCy parse    {words / parse_s:9.0f} words/s")
    print(f"techniques layer    {words / layer_s:9.0f} words/s  ({(words / layer_s) / (words / parse_s):.1f}x the parse)")
    print(f"  of which encoder  {words / encoder_s:9.0f} words/s  (ONNX Runtime, one thread)")
    print(f"parse + techniques  {parse_s / (parse_s + layer_s):.3f} of the bare parse's words/s (serial)")
    print(f"peak memory         {peak_mb:.0f} MB (whole process: spaCy model, texts, docs, techniques model)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
