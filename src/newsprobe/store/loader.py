"""`newsprobe ingest`: read inputs, analyse only what is not stored yet, store each article in one transaction.

An article's id is a hash of its URL and text, so a second run over the same inputs adds nothing and
a run killed half way resumes where it stopped: stored ids are skipped before the (costly) analysis.
Failures (unreadable inputs, pipeline errors) are stored with their input, code and reason; a
database that refuses writes (full disk) ends the run with NP403, everything stored so far intact.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from spacy.language import Language

from newsprobe.analysis import run_pipeline
from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.ingest import read_inputs
from newsprobe.ingest.text import check_published
from newsprobe.model import Analysis, Article
from newsprobe.pipeline import load_pipeline
from newsprobe.store.across import AcrossArticles
from newsprobe.store.corpus import Store

Item = tuple[Article, str]


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    @property
    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.added / elapsed if elapsed > 0 else 0.0


class Ingester:
    """Feeds articles into a store; `run` returns what happened."""

    def __init__(self, store: Store, options: Options, nlp: Language | None = None,
                 console: Console | None = None) -> None:
        self.store, self.options = store, options
        self.nlp = nlp or load_pipeline(options)
        self.console = console
        self.report = IngestReport()
        self._seen: set[str] = set()
        self.across = AcrossArticles(store, options)  # stories and fact-check links of what is stored

    def _fail(self, source: str, error: NewsprobeError) -> None:
        self.report.failed += 1
        self.store.add_failure(error.source or source, error.code.value, error.reason)

    def _new_items(self, chunk: list[tuple[str, Article | NewsprobeError]]) -> list[Item]:
        """The chunk's articles that are neither stored nor seen earlier in this run; failures recorded."""
        items: list[Item] = []
        for source, result in chunk:
            if isinstance(result, NewsprobeError):
                self._fail(source, result)
            elif result.id in self._seen:
                self.report.skipped += 1
            else:
                self._seen.add(result.id)
                items.append((result, source))
        stored = self.store.stored_ids(article.id for article, _ in items)
        self.report.skipped += len(stored)
        self.across.add_stored(stored)  # a run killed after storing them, before their stories
        return [item for item in items if item[0].id not in stored]

    def _store(self, analysis: Analysis) -> bool:
        try:
            added = self.store.add(analysis, clear_failures_of=analysis.source)
        except NewsprobeError as error:
            if error.code is not Code.DB_REFUSED_ARTICLE:
                raise  # the database itself is failing (full disk, lost server): end the run
            self._fail(analysis.source, error.with_source(analysis.source))
            return False
        if added:
            self.report.added += 1
        else:
            self.report.skipped += 1
        return added

    def run(self, results: Iterable[tuple[str, Article | NewsprobeError]],
            tick: Callable[[IngestReport], None] = lambda _r: None) -> IngestReport:
        stream = iter(results)
        size = self.options.batch_size
        while chunk := list(islice(stream, size)):
            items = self._new_items(chunk)
            stored = []
            for analysis in run_pipeline(self.nlp, items, size, on_error=lambda _a, src, error: self._fail(src, error)):
                if self._store(analysis):
                    stored.append(analysis)
                tick(self.report)
            self.across.add(stored)
            tick(self.report)
        self.report.seconds = time.perf_counter() - self.report.started
        return self.report


def ingest(specs: list[str], store: Store, options: Options, *, fetch_items: bool = False,
           published: str | None = None, console: Console | None = None) -> IngestReport:
    """Analyse and store every new article in `specs`, with a progress bar on `console`."""
    published = check_published(published)
    ingester = Ingester(store, options, console=console)
    results = read_inputs(specs, options, published, fetch_items=fetch_items)
    columns = (SpinnerColumn(), TextColumn("[bold]ingesting"), BarColumn(bar_width=None),
               TextColumn("{task.fields[added]} stored"), TextColumn("{task.fields[rate]:.1f}/s"),
               TextColumn("{task.fields[skipped]} already stored"),
               TextColumn("[red]{task.fields[failed]} failed"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=console is None) as progress:
        task = progress.add_task("ingest", total=None, added=0, rate=0.0, skipped=0, failed=0)

        def tick(report: IngestReport) -> None:
            progress.update(task, added=report.added, rate=report.rate, skipped=report.skipped,
                            failed=report.failed)

        return ingester.run(results, tick)
