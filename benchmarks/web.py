"""API load and page paint: requests/s and p95 latency under 50 concurrent clients, first paint of a long article.

    .venv/bin/python benchmarks/web.py [--articles 300] [--seconds 10] [--clients 50]

1. Stores `--articles` PTC news articles (../shared/data, analysed by the pipeline) in a fresh SQLite file.
2. Starts `newsprobe serve` on loopback in a second process and runs a bounded load from this one:
   `--clients` concurrent clients (httpx, asyncio), each sending requests back to back for `--seconds`,
   first on `GET /articles/{id}` (random stored ids), then on `GET /search?q=<word>` (random common words).
3. Opens the article page of a 5,000-word article in headless Chromium (/usr/bin/chromium) and reads
   first-contentful-paint from the Performance API. The article's entities come from the pipeline; a claim
   on every sentence and a technique on every third one are added so that every layer is dense.
Both processes share this machine's CPUs, so the figures are lower bounds for a dedicated server; the
server's CPU time per request (from /proc) is printed too, as a figure that machine load moves less.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from newsprobe.paths import data_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = data_dir()
CORPUS = DATA / "ptc-datathon-v5" / "tasks-2-3" / "train"
WORDS = ("government", "president", "police", "war", "election", "media", "people", "court", "border", "money")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build_store(db: str, count: int, nlp) -> list[str]:
    from newsprobe import analyze_many
    from newsprobe.store import Store

    files = sorted(CORPUS.glob("article*.txt"))[:count]
    if not files:
        raise SystemExit(f"no articles in {CORPUS}")
    texts = [f.read_text(encoding="utf-8") for f in files]
    with Store(db) as store:
        added = store.add_many(analyze_many(texts, nlp=nlp))
    print(f"stored {added} PTC articles")
    return [a.article.id for a in Store(db).analyses()]


def long_article(db: str, nlp) -> str:
    """Store a >=5,000-word article with every layer dense; return its id."""
    from newsprobe import analyze
    from newsprobe.model import Claim, Technique
    from newsprobe.store import Store

    parts, words = [], 0
    for path in sorted(CORPUS.glob("article*.txt")):
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        words += len(text.split())
        if words >= 5000:
            break
    text = "\n\n".join(parts)
    analysis = analyze(text, nlp=nlp, source="benchmark:long")
    doc = nlp(text)
    for i, sentence in enumerate(doc.sents):
        start, end = sentence.start_char, sentence.end_char
        analysis.claims.append(Claim(start=start, end=end, text=text[start:end], checkworthiness=(i % 10) / 10,
                                     voice=("outlet", "attributed", "vague")[i % 3]))
        if i % 3 == 0 and len(sentence) > 4:
            stop = sentence[3].idx + len(sentence[3])
            analysis.techniques.append(Technique(start=start, end=stop, text=text[start:stop],
                                                 technique="Loaded_Language", confidence=0.5))
    with Store(db) as store:
        store.add(analysis)
    print(f"long article: {len(text.split())} words, {len(analysis.entities)} entities, "
          f"{len(analysis.claims)} claims, {len(analysis.techniques)} techniques")
    return analysis.article.id


async def load(base: str, paths: list[str], clients: int, seconds: float) -> tuple[float, float, int, int]:
    """(requests per second, p95 latency in ms, requests, failures) over `seconds`."""
    latencies: list[float] = []
    failures = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        deadline = time.perf_counter() + seconds

        async def worker(seed: int) -> None:
            nonlocal failures
            pick = random.Random(seed)
            while time.perf_counter() < deadline:
                began = time.perf_counter()
                response = await client.get(pick.choice(paths))
                latencies.append(time.perf_counter() - began)
                failures += response.status_code != 200

        began = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        elapsed = time.perf_counter() - began
    p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
    return len(latencies) / elapsed, p95, len(latencies), failures


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (Linux /proc), to show cost apart from machine load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_paint(url: str) -> tuple[float, float]:
    """(first-contentful-paint ms, DOMContentLoaded ms) of `url` in headless Chromium, best of 3 loads."""
    from playwright.sync_api import sync_playwright

    paints, loaded = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url, wait_until="load")
            page.wait_for_timeout(300)
            paints.append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
            loaded.append(page.evaluate("performance.timing.domContentLoadedEventEnd - performance.timing.navigationStart"))
            page.close()
        browser.close()
    return min(paints), min(loaded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()

    from newsprobe.pipeline import load_pipeline

    nlp = load_pipeline()
    folder = Path(tempfile.mkdtemp(prefix="newsprobe-bench-"))
    db = f"sqlite:///{folder / 'bench.db'}"
    ids = build_store(db, args.articles, nlp)
    long_id = long_article(db, nlp)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "from newsprobe.cli import main; main()", "serve", "--db", db,
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/stats", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        for name, paths in (("GET /articles/{id}", [f"/articles/{i}" for i in ids]),
                            ("GET /search", [f"/search?q={w}&limit=20" for w in WORDS])):
            used = cpu_seconds(server.pid)
            rate, p95, count, failed = asyncio.run(load(base, paths, args.clients, args.seconds))
            used = cpu_seconds(server.pid) - used
            print(f"{name}: {rate:.0f} requests/s, p95 {p95:.0f} ms ({count} requests, {failed} failed, "
                  f"{args.clients} clients, {args.seconds:g} s); server CPU {used / count * 1000:.1f} ms/request, "
                  f"so {count / used:.0f} requests per CPU-second")
        began = time.perf_counter()
        page = httpx.get(f"{base}/article/{long_id}", timeout=30)
        served = (time.perf_counter() - began) * 1000
        paint, loaded = first_paint(f"{base}/article/{long_id}")
        print(f"article page, 5,000+ words: server {served:.0f} ms for {len(page.content) / 1e6:.1f} MB; "
              f"first contentful paint {paint:.0f} ms, DOMContentLoaded {loaded:.0f} ms (best of 3)")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
