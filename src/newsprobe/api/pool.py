"""Bounded analysis: a few worker processes, each with its own pipeline, a bounded queue and a time budget.

A spaCy Language keeps per-call state and a thread cannot be stopped, so each worker is a process that
loads its own pipeline: one over its time budget is killed and replaced while the others carry on, and the
server's event loop only waits on pipes. Admission is counted up front: past `workers + queue` requests in
flight a request is refused at once (NP912, 503 with Retry-After) instead of piling up.
"""
from __future__ import annotations

import asyncio
import importlib
import logging
import multiprocessing as mp
import queue
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Analysis, Article

LOG = logging.getLogger("newsprobe.api")
# Fork would copy the server's threads (uvicorn, ONNX Runtime pools) into a child that cannot use them.
SPAWN = mp.get_context("spawn")
LOAD_TIMEOUT_S = 600.0  # loading a pipeline is not the request's time: it gets its own, generous limit
Analyser = Callable[[Article, str], Analysis]


def pipeline_analyser(options: Options) -> Analyser:
    """The real analyser: the configured pipeline, one article at a time (the default worker loader)."""
    from newsprobe.analysis import run_pipeline
    from newsprobe.pipeline import load_pipeline

    nlp = load_pipeline(options)
    return lambda article, source: next(run_pipeline(nlp, [(article, source)], batch_size=1))


def _load(loader: str) -> Callable[[Options], Analyser]:
    module, _, name = loader.partition(":")
    return getattr(importlib.import_module(module), name)


def _answer(analyse: Analyser, job: tuple[Article, str]) -> tuple[str, Any]:
    try:
        return "ok", analyse(*job)
    except NewsprobeError as error:
        return "error", (error.code.value, error.detail)
    except Exception as exc:  # noqa: BLE001 - one article's crash must not end the worker
        return "error", (Code.ANALYSIS_FAILED.value, type(exc).__name__)


def worker_main(conn: Connection, options: Options, loader: str) -> None:
    """A worker process: load the analyser once, say "ready", then answer one job at a time until EOF."""
    try:
        analyse = _load(loader)(options)
    except NewsprobeError as error:
        conn.send(("failed", (error.code.value, error.detail)))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(analyse, job))


def _raise(answer: tuple[str, Any]) -> Analysis:
    kind, value = answer
    if kind == "ok":
        return value
    if kind == "timeout":
        raise NewsprobeError(Code.ANALYSIS_TIMEOUT, value)
    if kind == "died":
        raise NewsprobeError(Code.WORKER_FAILED, value)
    code, detail = value
    raise NewsprobeError(Code(code), detail)


class Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, options: Options, loader: str) -> None:
        self.conn, child = SPAWN.Pipe()
        self.process = SPAWN.Process(target=worker_main, args=(child, options, loader), daemon=True,
                                     name="newsprobe-analysis")
        self.process.start()
        child.close()

    def wait_ready(self) -> None:
        """Block until the pipeline is loaded; NP914 (or the loader's own code) when it cannot be."""
        if not self.conn.poll(LOAD_TIMEOUT_S):
            raise NewsprobeError(Code.WORKER_FAILED, f"no pipeline after {LOAD_TIMEOUT_S:.0f} s")
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            raise NewsprobeError(Code.WORKER_FAILED, "the worker exited while loading") from None
        if kind != "ready":
            raise NewsprobeError(Code(value[0]), value[1])

    def run(self, job: tuple[Article, str], budget: float) -> tuple[str, Any]:
        """The worker's answer; ("timeout", budget) when it has not answered in time, ("died", why) if it exited."""
        try:
            self.conn.send(job)
            if not self.conn.poll(budget):
                return "timeout", f"{budget:g} s"
            return self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            return "died", f"it exited with status {self.process.exitcode}"

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class Admission:
    """At most `most` requests in flight (running or waiting); the rest are refused at once with NP912."""

    def __init__(self, most: int) -> None:
        self.most, self.inside = most, 0
        self._lock = threading.Lock()

    @contextmanager
    def slot(self):  # noqa: ANN201
        with self._lock:
            if self.inside >= self.most:
                raise NewsprobeError(Code.BUSY, f"{self.inside} analyses are running or waiting")
            self.inside += 1
        try:
            yield
        finally:
            with self._lock:
                self.inside -= 1


class ProcessPool:
    """`options.api_workers` worker processes, started as work arrives, each answering one job at a time."""

    def __init__(self, options: Options, loader: str = "newsprobe.api.pool:pipeline_analyser") -> None:
        self.options, self.loader, self.budget = options, loader, options.api_analysis_timeout_s
        self.admission = Admission(options.api_workers + options.api_queue)
        # One waiting thread per admitted request, so the server's own thread pool is never used up.
        self._threads = ThreadPoolExecutor(self.admission.most, thread_name_prefix="newsprobe-analysis")
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()  # idle or busy, so that closing stops every one
        self._started = 0
        self._lock = threading.Lock()

    def warm(self) -> None:
        """Start every worker now, in the background, so the first requests do not wait for pipelines to load."""
        def start_one() -> None:
            with self._lock:
                if self._started >= self.options.api_workers:
                    return
                self._started += 1
            try:
                self._idle.put(self._start())
            except NewsprobeError as error:
                LOG.error("analysis worker: %s", error)

        for _ in range(self.options.api_workers):
            threading.Thread(target=start_one, daemon=True, name="newsprobe-warm").start()

    async def analyse(self, article: Article, source: str) -> Analysis:
        with self.admission.slot():
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._threads, self._analyse, article, source)

    def _analyse(self, article: Article, source: str) -> Analysis:
        worker = self._take()
        answer = worker.run((article, source), self.budget)
        if answer[0] in {"timeout", "died"}:  # stop it; the next request that needs a worker starts a fresh one
            self._retire(worker)
        else:
            self._idle.put(worker)
        return _raise(answer)

    def _take(self) -> Worker:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            grow = self._started < self.options.api_workers
            if grow:
                self._started += 1
        if grow:
            return self._start()
        try:
            return self._idle.get(timeout=self.budget)
        except queue.Empty:
            raise NewsprobeError(Code.BUSY, f"no worker was free within {self.budget:g} s") from None

    def _start(self) -> Worker:
        worker = Worker(self.options, self.loader)
        with self._lock:
            self._all.add(worker)
        try:
            worker.wait_ready()
        except NewsprobeError:
            self._retire(worker)
            raise
        return worker

    def _retire(self, worker: Worker) -> None:
        worker.stop()
        with self._lock:
            self._started -= 1
            self._all.discard(worker)
        LOG.warning("analysis worker %s stopped", worker.process.pid)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)


class InProcess:
    """`api_workers = 0`: the server's own pipeline, one article at a time, on a thread. The time budget
    bounds the wait for the pipeline only: a running analysis cannot be stopped here (use workers for that)."""

    def __init__(self, options: Options, pipeline: Callable[[], Any]) -> None:
        self.options, self.pipeline, self.budget = options, pipeline, options.api_analysis_timeout_s
        self.admission = Admission(1 + options.api_queue)
        self._lock = threading.Lock()

    async def analyse(self, article: Article, source: str) -> Analysis:
        from starlette.concurrency import run_in_threadpool

        with self.admission.slot():
            return await run_in_threadpool(self._analyse, article, source)

    def _analyse(self, article: Article, source: str) -> Analysis:
        from newsprobe.analysis import run_pipeline

        nlp = self.pipeline()
        # One article at a time through the shared Language: its components keep per-call state.
        if not self._lock.acquire(timeout=self.budget):
            raise NewsprobeError(Code.BUSY, f"the pipeline was not free within {self.budget:g} s")
        try:
            return next(run_pipeline(nlp, [(article, source)], batch_size=1))
        finally:
            self._lock.release()

    def warm(self) -> None:
        self.pipeline()

    def close(self) -> None:
        pass
