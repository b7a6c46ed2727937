"""Store benchmark: bulk load rate, search/aggregate latency and size per article, SQLite beside PostgreSQL.

    PYTHONPATH=src python benchmarks/store.py --n 100000 [--postgres URL] [--folder /tmp/npbench]

The corpus is synthetic, made from a few real articles (../shared/data) analysed by the full pipeline
(every layer's own findings: entities, attributions, timexes, events, claims and techniques; a
template whose article has none of a kind keeps none): each copy gets its own outlet, date, URL, a
closing sentence of its own (so ids and full text differ) and PERSON names drawn from a
Zipf-distributed pool (so speakers and co-mentions vary).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprobe.analysis import doc_to_analysis, make_doc  # noqa: E402
from newsprobe.config import load_options  # noqa: E402
from newsprobe.ingest.text import article_from_text, article_id  # noqa: E402
from newsprobe.paths import data_dir  # noqa: E402
from newsprobe.pipeline import load_pipeline  # noqa: E402
from newsprobe.store import Store  # noqa: E402
from newsprobe.store.search import Filters, search  # noqa: E402
from newsprobe.store.stats import comentions, own_voice_share, technique_use, top_speakers  # noqa: E402

DATA = data_dir()
OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOPQRST"]
# Techniques the queries filter on (the labels the techniques layer gives).
TECHNIQUES = ["Loaded_Language", "Name_Calling,Labeling", "Repetition", "Exaggeration,Minimisation", "Doubt",
              "Appeal_to_fear-prejudice", "Flag-Waving", "Causal_Oversimplification", "Slogans",
              "Appeal_to_Authority", "Black-and-White_Fallacy", "Thought-terminating_Cliches",
              "Whataboutism,Straw_Men,Red_Herring", "Bandwagon,Reductio_ad_hitlerum"]
TOPICS = ("sanctions election harvest drought pipeline ceasefire inflation refinery tariff vaccine embargo "
          "protest budget reactor border summit strike flood satellite treaty currency corridor militia "
          "monsoon parliament verdict uranium grain tanker airstrike").split()
FIRST = "Ali Sara John Maria Li Omar Elena David Fatima Ivan Chen Amir Laura Pedro Yusuf Anna Kofi Mina".split()
LAST = "Rezaei Smith Novak Haddad Kim Garcia Petrov Okafor Larsen Tanaka Moreau Silva Khan Weber Rossi".split()


# --- templates: real articles through the real pipeline -----------------------------------------
def template_texts(count: int, data: Path = DATA) -> list[str]:
    texts = [(data / "samples" / "mehr-2022-01-soleimani-legacy.txt").read_text(encoding="utf-8")]
    truth = json.loads((data / "article-extraction-benchmark" / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = sorted((v["articleBody"] for v in truth.values()), key=len)
    middle = [b for b in bodies if 2500 <= len(b) <= 9000]
    texts += middle[:: max(1, len(middle) // (count - 1))][: count - 1]
    return texts


def templates(count: int, data: Path = DATA) -> list[dict]:
    nlp = load_pipeline(load_options())
    result = []
    for text in template_texts(count, data):
        doc = nlp(make_doc(nlp, article_from_text(text)))
        result.append(doc_to_analysis(doc, "template").model_dump(mode="json"))
    return result


# --- the synthetic corpus ----------------------------------------------------------------------
def synthetic(templates_: list[dict], n: int, seed: int = 7) -> Iterator[dict]:
    """`n` analyses as plain dicts (the store's bulk path takes dicts; no pydantic per copy)."""
    rng = random.Random(seed)
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    weights = [1 / (rank + 1) for rank in range(len(names))]  # Zipf: a few names everywhere
    outlet_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(OUTLETS))]  # the largest has ~14%
    start = date(2020, 1, 1)
    for i in range(n):
        template = templates_[i % len(templates_)]
        outlet = rng.choices(OUTLETS, outlet_weights)[0]
        published = (start + timedelta(days=rng.randrange(1461))).isoformat()
        topic, other = rng.choice(TOPICS), rng.choice(TOPICS)
        text = f"{template['article']['text']}\n\n{outlet} report {i} on the {topic} and the {other}."
        url = f"https://{outlet.lower().replace(' ', '')}.example.org/{published}/{i}"
        drawn = rng.choices(names, weights, k=len(template["entities"]))
        entities = [{**e, "name": name} if e["type"] == "PERSON" else e for e, name in zip(template["entities"], drawn)]
        article = {**template["article"], "id": article_id(text, url), "text": text, "url": url, "outlet": outlet,
                   "published": published, "title": f"{topic.title()} and {other}: report {i}"}
        yield {**template, "source": f"synthetic:{i}", "article": article, "entities": entities}


# --- measurements ------------------------------------------------------------------------------
def load(store: Store, corpus: Iterator[dict], batch_size: int) -> tuple[int, float, float]:
    """(added, wall seconds, this process's CPU seconds: on this shared machine the wall clock also
    counts time spent waiting for a core)."""
    started, cpu = time.perf_counter(), time.process_time()
    added = store.add_many(corpus, batch_size=batch_size)
    return added, time.perf_counter() - started, time.process_time() - cpu


def size_bytes(store: Store, path: Path | None) -> int:
    with store.engine.connect() as connection:
        if store.dialect == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return path.stat().st_size if path else 0
        return int(connection.exec_driver_sql(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')").scalar())


def queries(store: Store, rng: random.Random) -> dict[str, Callable[[], object]]:
    """Ten typical searches and aggregates; each call draws fresh parameters."""
    def months() -> tuple[str, str]:
        first = date(2020, 1, 1) + timedelta(days=30 * rng.randrange(46))
        return first.isoformat(), (first + timedelta(days=30)).isoformat()

    def year() -> tuple[str, str]:
        first = 2020 + rng.randrange(4)
        return f"{first}-01-01", f"{first}-12-31"

    def span(dates: tuple[str, str]) -> dict[str, str]:
        return {"date_from": dates[0], "date_to": dates[1]}

    def common_name() -> str:
        return f"{rng.choice(FIRST[:3])} {rng.choice(LAST[:3])}"

    def fts_two_filters():
        start, end = year()
        return search(store, Filters(text=rng.choice(TOPICS), outlet=[rng.choice(OUTLETS[:8])], date_from=start,
                                     date_to=end))

    def stored_id() -> str:
        return rng.choice(ids)

    with store.engine.connect() as connection:
        ids = connection.exec_driver_sql("SELECT id FROM articles ORDER BY pk LIMIT 2000").scalars().all()
    return {
        "fts + outlet + year": fts_two_filters,
        "fts only (one word)": lambda: search(store, Filters(text=rng.choice(TOPICS))),
        "fts two words + phrase": lambda: search(store, Filters(text=f'"{rng.choice(TOPICS)} and" the')),
        "entity + month": lambda: search(store, Filters(entity=common_name(), **span(months()))),
        "speaker + outlet": lambda: search(store, Filters(speaker=common_name(), outlet=[rng.choice(OUTLETS[:5])])),
        "technique + voice + checkworthiness + outlet": lambda: search(store, Filters(
            technique=rng.choice(TECHNIQUES[:4]), voice="outlet", min_checkworthiness=0.8,
            outlet=[rng.choice(OUTLETS[:5])])),
        "get one analysis by id": lambda: store.get(stored_id()),
        "stats: techniques per month (one outlet, one year)": lambda: technique_use(
            store, Filters(outlet=[rng.choice(OUTLETS[:5])], **span(year()))),
        "stats: top speakers (one month)": lambda: top_speakers(store, Filters(**span(months()))),
        "stats: co-mentions (one outlet, one month)": lambda: comentions(
            store, Filters(outlet=[rng.choice(OUTLETS[:5])], **span(months()))),
        "stats: own-voice share per outlet (all)": lambda: own_voice_share(store),
    }


def _p50_p95(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def latencies(store: Store, runs: int) -> dict[str, tuple[float, float, float, float]]:
    """Per query: wall p50, p95 and this process's CPU p50, p95 (ms). SQLite runs inside this process, so
    its CPU time is the latency on an idle core; PostgreSQL works in its server, so there only wall counts."""
    rng = random.Random(11)
    result = {}
    for name, query in queries(store, rng).items():
        query()  # warm the cache as a running service would be
        wall, cpu = [], []
        for _ in range(runs):
            started, cpu_started = time.perf_counter(), time.process_time()
            query()
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        result[name] = (*_p50_p95(wall), *_p50_p95(cpu))
    return result


def bench(url: str, path: Path | None, corpus: list[dict], n: int, batch: int, runs: int,
          reuse: bool = False) -> dict:
    store = Store(url)
    load_before = os.getloadavg()[0]
    if reuse:  # latencies again on the corpus a previous run loaded
        added, seconds, cpu = store.count(), float("nan"), float("nan")
    else:
        added, seconds, cpu = load(store, synthetic(corpus, n), batch)
    if store.dialect == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    else:
        with store.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
    size = size_bytes(store, path)
    figures = {"backend": store.dialect, "added": added, "load_s": seconds, "rate": added / seconds,
               "cpu_s": cpu, "load_avg": (load_before, os.getloadavg()[0]),
               "bytes_per_article": size / max(added, 1), "size_mb": size / 1e6, "latency": latencies(store, runs)}
    store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--templates", type=int, default=8)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each query")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/newsprobe-store-bench"))
    parser.add_argument("--postgres", default=os.environ.get("NEWSPROBE_TEST_POSTGRES_URL"),
                        help="a PostgreSQL URL whose database may be emptied (default $NEWSPROBE_TEST_POSTGRES_URL)")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="measure latencies on the corpus already loaded")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder (../shared/data)")
    args = parser.parse_args()
    started = time.perf_counter()
    corpus = templates(args.templates, args.data)
    rows = sum(len(t[k]) for t in corpus for k in ("entities", "attributions", "timexes", "events", "claims",
                                                   "techniques")) / len(corpus)
    words = sum(len(t["article"]["text"].split()) for t in corpus) / len(corpus)
    print(f"templates {len(corpus)} (mean {words:.0f} words, {rows:.0f} findings) in "
          f"{time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    generated = sum(1 for _ in synthetic(corpus, min(args.n, 20_000)))
    print(f"generation {generated / (time.perf_counter() - started):,.0f} analyses/s")
    results = []
    if not args.skip_sqlite:
        args.folder.mkdir(parents=True, exist_ok=True)
        path = args.folder / "bench.db"
        for leftover in args.folder.glob("bench.db*") if not args.reuse else []:
            leftover.unlink()
        results.append(bench(f"sqlite:///{path}", path, corpus, args.n, args.batch, args.runs, args.reuse))
        report(results[-1])
    if args.postgres and not args.skip_postgres:
        if not args.reuse:
            _reset_postgres(args.postgres)
        results.append(bench(args.postgres, None, corpus, args.n, args.batch, args.runs, args.reuse))
        report(results[-1])
    if len(results) == 2:
        print("\nPostgreSQL / SQLite: load rate x{:.2f}, size x{:.2f}".format(
            results[1]["rate"] / results[0]["rate"], results[1]["bytes_per_article"] / results[0]["bytes_per_article"]))


def _reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def report(figures: dict) -> None:
    print(f"\n[{figures['backend']}] {figures['added']:,} analyses loaded in {figures['load_s']:.1f} s = "
          f"{figures['rate']:,.0f} analyses/s (client CPU {figures['cpu_s']:.1f} s = "
          f"{figures['added'] / figures['cpu_s']:,.0f} per CPU second; load average {figures['load_avg'][0]:.1f} "
          f"before, {figures['load_avg'][1]:.1f} after, on {os.cpu_count()} cores); {figures['size_mb']:,.0f} MB = "
          f"{figures['bytes_per_article'] / 1024:.1f} KiB per article")
    print(f"{'query':<52} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'cpu p95':>8}   (load average "
          f"{os.getloadavg()[0]:.1f})")
    for name, (p50, p95, cpu50, cpu95) in figures["latency"].items():
        print(f"{name:<52} {p50:>8.1f} {p95:>8.1f} {cpu50:>8.1f} {cpu95:>8.1f}")


if __name__ == "__main__":
    main()
