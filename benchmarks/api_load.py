"""API under load: 8 concurrent clients on POST /analyze, then GET /search, then GET /article/{id}.

    PYTHONPATH=src .venv/bin/python benchmarks/api_load.py [--seconds 60] [--clients 8]

Starts `newsprobe serve --demo` on 127.0.0.1 (a temporary SQLite store with the demo articles; analyses in
the configured worker processes, `api_workers`), then runs each phase for `--seconds`: `--clients` httpx
clients sending requests back to back. During the analyse phase one more client reads `GET /` every 0.25 s,
to show that pages stay responsive while analyses run. Prints requests/s, p50/p95/max latency and errors
(anything but 200) per phase, `GET /` latency during analyses, and the server's memory (RSS of the server
process and its workers, from /proc) before and after. Loopback only; every loop is bounded by the phase's
deadline. The clients share this machine's CPUs with the server, so the figures are lower bounds.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from newsprobe.paths import data_dir

REFERENCE = data_dir() / "samples" / "mehr-2022-01-soleimani-legacy.txt"
SEARCH_WORDS = ("strike", "minister", "water", "border", "talks", "port", "union", "said")
START_TIMEOUT_S = 900.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def family(pid: int) -> list[int]:
    """`pid` and all its descendants (worker processes), from /proc."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            children = (task / "children").read_text().split() if (task / "children").exists() else []
            todo += [int(child) for child in children]
    return found


def rss_mb(pid: int) -> float:
    total = 0
    for member in family(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return total / 1024


async def client_loop(http: httpx.AsyncClient, make_request, deadline: float, times: list, errors: list) -> None:
    i = 0
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            response = await make_request(http, i)
            if response.status_code != 200:
                errors.append(f"{response.status_code} {response.text[:120]}")
        except httpx.HTTPError as exc:
            errors.append(type(exc).__name__)
        times.append(time.monotonic() - started)
        i += 1


async def page_loop(http: httpx.AsyncClient, deadline: float, times: list, errors: list) -> None:
    while time.monotonic() < deadline:
        started = time.monotonic()
        response = await http.get("/")
        times.append(time.monotonic() - started)
        if response.status_code != 200:
            errors.append(str(response.status_code))
        await asyncio.sleep(0.25)


def summary(name: str, times: list[float], errors: list[str], seconds: float) -> str:
    if not times:
        return f"{name}: no requests completed"
    ordered = sorted(times)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return (f"{name}: {len(times)} requests, {len(times) / seconds:.1f} req/s, p50 {p(0.5):.0f} ms, "
            f"p95 {p(0.95):.0f} ms, max {ordered[-1] * 1000:.0f} ms, errors {len(errors)}"
            + (f" (first: {errors[0]})" if errors else ""))


async def phase(base: str, name: str, make_request, clients: int, seconds: float, watch_pages: bool) -> list[str]:
    times: list[float] = []
    errors: list[str] = []
    pages: list[float] = []
    page_errors: list[str] = []
    async with httpx.AsyncClient(base_url=base, timeout=300.0) as http:
        deadline = time.monotonic() + seconds
        started = time.monotonic()
        tasks = [client_loop(http, make_request, deadline, times, errors) for _ in range(clients)]
        if watch_pages:
            tasks.append(page_loop(http, deadline, pages, page_errors))
        await asyncio.gather(*tasks)
        elapsed = time.monotonic() - started
    lines = [summary(name, times, errors, elapsed)]
    if watch_pages:
        lines.append(summary("  GET / meanwhile", pages, page_errors, elapsed))
    return lines


def start_server(db: str, port: int) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("newsprobe")), "serve", "--demo", "--db", db,
               "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(1)
    server.kill()
    raise SystemExit("the server did not start")


async def run(args: argparse.Namespace) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(f"sqlite:///{folder}/load.db", port)
        try:
            async with httpx.AsyncClient(base_url=base, timeout=600.0) as http:
                ids = [a["id"] for a in (await http.get("/articles")).json()["articles"]]
                # One analysis per worker first, so that loading the pipelines is not counted.
                await asyncio.gather(*(http.post("/analyze", json={"text": text}) for _ in range(args.workers)))
            before = rss_mb(server.pid)
            print(f"reference article: {len(text):,} characters; {len(ids)} stored articles; "
                  f"{args.clients} clients, {args.seconds:g} s per phase")
            analyse = lambda http, i: http.post("/analyze", json={"text": text, "published": "2022-01-02"})  # noqa: E731
            search = lambda http, i: http.get("/search", params={"q": SEARCH_WORDS[i % len(SEARCH_WORDS)]})  # noqa: E731
            article = lambda http, i: http.get(f"/article/{ids[i % len(ids)]}")  # noqa: E731
            lines = await phase(base, "POST /analyze", analyse, args.clients, args.seconds, watch_pages=True)
            lines += await phase(base, "GET /search", search, args.clients, args.seconds, watch_pages=False)
            lines += await phase(base, "GET /article/{id}", article, args.clients, args.seconds, watch_pages=False)
            after = rss_mb(server.pid)
            print("\n".join(lines))
            print(f"server RSS (server + workers): {before:.0f} MB before the phases, {after:.0f} MB after")
        finally:
            server.terminate()
            server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of each phase")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="warm-up analyses (one per api_workers)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
