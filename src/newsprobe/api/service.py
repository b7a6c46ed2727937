"""What one running app holds: its options, the pipeline (loaded once, on first use) and the store."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from spacy.language import Language

from newsprobe.analysis import run_pipeline
from newsprobe.config import Options
from newsprobe.model import Analysis, Article
from newsprobe.pipeline import load_pipeline


@dataclass
class Service:
    options: Options
    db: str | None = None
    nlp: Language | None = None
    _store: object | None = None
    _nlp_lock: threading.Lock = field(default_factory=threading.Lock)
    _store_lock: threading.Lock = field(default_factory=threading.Lock)

    def pipeline(self) -> Language:
        with self._nlp_lock:
            if self.nlp is None:
                self.nlp = load_pipeline(self.options)
            return self.nlp

    def analyse(self, article: Article, source: str) -> Analysis:
        nlp = self.pipeline()
        # One article at a time through the shared Language: its components keep per-call state.
        with self._nlp_lock:
            return next(run_pipeline(nlp, [(article, source)], batch_size=1))

    def store(self):  # noqa: ANN201 - newsprobe.store.Store, imported lazily (SQLAlchemy is heavy)
        """The corpus store, opened (and migrated) on first use; NP40x when it cannot be opened."""
        with self._store_lock:
            if self._store is None:
                from newsprobe.api.tokens import ensure_table
                from newsprobe.store import Store

                store = Store(self.db, read_only=None)  # a store it may not write is served read-only
                if not store.read_only:
                    ensure_table(store.engine)
                self._store = store
            return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()  # type: ignore[attr-defined]
            self._store = None
