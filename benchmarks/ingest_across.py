"""What stories and fact-check links add to `newsprobe ingest`, per article, as a share of ingest's time.

    PYTHONPATH=src .venv/bin/python benchmarks/ingest_across.py [--articles 120] [--factchecks N] [--batch 32]

One ingest run (the real `Ingester`: analysis with every layer, storing, then the across-articles step
per batch) over the first `--articles` ECB+ articles (../shared/data/ecbplus-stories; a date only where
it is YYYY-MM-DD), into a fresh SQLite store that already holds `--factchecks` PolitiFact fact-checks
(CheckThat! 2022 2B vclaims, so that each claim is matched against a real collection). The
across-articles step (story assignment: the article's embedding, words, names, years; claim embeddings,
the claim index, fact-check search and links) is timed where the ingester calls it, wall clock and
process CPU, in the same run as the rest of ingest.
The issue's budget: the step adds at most 15 % to ingest's wall time per article, i.e.
across / (ingest - across) <= 0.15. The sentence encoder is loaded before the run (a once-per-process
cost, printed apart). The fact-checks are loaded before the clock starts.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprobe.config import load_options  # noqa: E402
from newsprobe.model import Article  # noqa: E402
from newsprobe.paths import data_dir  # noqa: E402
from newsprobe.stories.features import published  # noqa: E402


class Clock:
    """Wall and CPU seconds spent inside one wrapped call, summed over its calls."""

    def __init__(self, call: Callable) -> None:
        self.call, self.wall, self.cpu = call, 0.0, 0.0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return self.call(*args, **kwargs)
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += time.process_time() - cpu


def ecb_articles(count: int) -> list[tuple[str, Article]]:
    rows = []
    with open(data_dir() / "ecbplus-stories" / "dev.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            day = published(record.get("date"))  # ECB+ dates are mostly free text: those are left out
            rows.append((f"ecb:{record['id']}", Article(id=record["id"], text=record["text"], title=record["title"],
                                                         published=day.isoformat() if day else None, outlet="ECB+")))
            if len(rows) == count:
                break
    return rows


def factcheck_file(count: int, folder: Path) -> Path:
    source = data_dir() / "checkthat2022-claim-retrieval" / "task2b-debates-politifact" / "vclaims.jsonl"
    target = folder / "factchecks.jsonl"
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        for i, line in enumerate(lines):
            if i == count:
                break
            out.write(line)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--factchecks", type=int, default=19250)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()

    from newsprobe.embeddings import SentenceEncoder
    from newsprobe.pipeline import load_pipeline
    from newsprobe.store import Store
    from newsprobe.store.factchecks import load_factchecks
    from newsprobe.store.loader import Ingester

    options = replace(load_options(), batch_size=args.batch)
    started = time.perf_counter()
    encoder = SentenceEncoder()
    encoder.embed(["warm up"])
    load_s = time.perf_counter() - started
    nlp = load_pipeline(options)
    articles = ecb_articles(args.articles)
    with tempfile.TemporaryDirectory() as folder, Store(f"sqlite:///{folder}/bench.db") as store:
        load_factchecks(store, factcheck_file(args.factchecks, Path(folder)), encoder, options, lambda _e: None)
        ingester = Ingester(store, options, nlp)
        ingester.across._encoder = encoder
        clock = Clock(ingester.across.add)
        ingester.across.add = clock  # type: ignore[method-assign]
        wall, cpu = time.perf_counter(), time.process_time()
        report = ingester.run(articles)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    words = sum(len(a.text.split()) for _, a in articles)
    print(f"ingest_across: {report.added} articles ({words} words) in batches of {args.batch}, "
          f"{args.factchecks} fact-checks loaded; encoder load {load_s:.2f} s (once per process, not counted)")
    print(f"  ingest wall {wall:.1f} s, of which across {clock.wall:.1f} s; "
          f"CPU {cpu:.1f} s, of which across {clock.cpu:.1f} s")
    print(f"  per article: ingest {1000 * wall / report.added:.0f} ms wall, across {1000 * clock.wall / report.added:.0f} ms")
    print(f"  across / rest of ingest: wall {clock.wall / (wall - clock.wall):.3f}, CPU {clock.cpu / (cpu - clock.cpu):.3f} "
          f"(budget 0.15)")


if __name__ == "__main__":
    main()
