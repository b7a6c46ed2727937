"""What one running app holds: its options, the analysis pool (started on first use) and the store."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.language import Language

from newsprobe.api.pool import InProcess, ProcessPool
from newsprobe.config import Options
from newsprobe.errors import Code, NewsprobeError
from newsprobe.model import Analysis, Article
from newsprobe.pipeline import load_pipeline

if TYPE_CHECKING:
    from newsprobe.embeddings import Embedder
    from newsprobe.store.across import AcrossArticles

LOG = logging.getLogger("newsprobe.api")


@dataclass
class Service:
    options: Options
    db: str | None = None
    nlp: Language | None = None
    # "module:function" building a worker's analyser from the Options (tests swap in a stand-in).
    loader: str = "newsprobe.api.pool:pipeline_analyser"
    _store: object | None = None
    _pool: ProcessPool | InProcess | None = None
    _nlp_lock: threading.Lock = field(default_factory=threading.Lock)
    _store_lock: threading.Lock = field(default_factory=threading.Lock)
    _across: AcrossArticles | None = None  # its story assigner is replayed once per process, then kept
    _across_lock: threading.Lock = field(default_factory=threading.Lock)

    def pipeline(self) -> Language:
        with self._nlp_lock:
            if self.nlp is None:
                self.nlp = load_pipeline(self.options)
            return self.nlp

    def pool(self) -> ProcessPool | InProcess:
        with self._nlp_lock:
            if self._pool is None:
                workers = self.options.api_workers
                self._pool = ProcessPool(self.options, self.loader) if workers > 0 else InProcess(self.options,
                                                                                                 self.pipeline)
            return self._pool

    async def analyse(self, article: Article, source: str) -> Analysis:
        """The article's Analysis, within the time budget; NP908 when its text is over the length limit."""
        most = self.options.api_max_text_chars
        if len(article.text) > most:
            raise NewsprobeError(Code.TEXT_TOO_LONG, f"{len(article.text):,} characters; the limit is {most:,}")
        return await self.pool().analyse(article, source)

    def store(self):  # noqa: ANN201 - newsprobe.store.Store, imported lazily (SQLAlchemy is heavy)
        """The corpus store, opened (and migrated) on first use; its NP40x code (details in the log) if it cannot be."""
        with self._store_lock:
            if self._store is None:
                from newsprobe.api.tokens import ensure_table
                from newsprobe.store import Store

                try:
                    store = Store(self.db, read_only=None)  # a store it may not write is served read-only
                    if not store.read_only:
                        ensure_table(store.engine)
                except NewsprobeError as error:
                    # The reason names the database's path or URL: log it here, never send it to a client.
                    LOG.error("the store could not be opened: %s", error)
                    raise NewsprobeError(error.code, "details are in the server's log") from None
                self._store = store
            return self._store

    def link(self, encoder: Embedder, article_id: str, analysis: Analysis | None = None) -> None:
        """A stored article's story and fact-check links, through ingest's step (`AcrossArticles`), if it has no
        story yet; `analysis` None: read it back (a POST of an article stored before, whose step may not
        have finished). One article at a time in this process, so stories are numbered in arrival order."""
        from newsprobe.store.across import AcrossArticles

        store = self.store()
        with self._across_lock:
            if self._across is None:
                self._across = AcrossArticles(store, self.options, encoder)
            if analysis is None:
                self._across.add_stored([article_id])
            else:
                self._across.add([analysis])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._store is not None:
            self._store.close()  # type: ignore[attr-defined]
            self._store = None
