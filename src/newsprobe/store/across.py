"""What `newsprobe ingest` does across articles after storing a batch: each new article's story, and its
check-worthy claims' vectors and fact-check links (both in the store's own tables, see links_schema.py).

The sentence encoder is loaded on the first batch that needs it, so an ingest that stores nothing new
(or runs with `[corpus] link_at_ingest = false`) never pays for it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from newsprobe.config import Options
from newsprobe.model import Analysis
from newsprobe.store.corpus import Store

if TYPE_CHECKING:  # the encoder (onnxruntime) and the vector index are imported when first needed
    from newsprobe.embeddings import SentenceEncoder
    from newsprobe.store.stories import AssignerCache


class AcrossArticles:
    def __init__(self, store: Store, options: Options, encoder: SentenceEncoder | None = None) -> None:
        self.store, self.options = store, options
        self._encoder = encoder
        self._stories: AssignerCache | None = None  # the story assigner, replayed once per ingest run

    @property
    def encoder(self) -> SentenceEncoder:
        if self._encoder is None:
            from newsprobe.embeddings import SentenceEncoder

            self._encoder = SentenceEncoder()
        return self._encoder

    def add(self, analyses: list[Analysis]) -> None:
        """Stories and fact-check links for `analyses` (stored already); those done before are left alone."""
        if not analyses or not self.options.corpus_link_at_ingest:
            return
        from newsprobe.store.factchecks import link_articles
        from newsprobe.store.stories import AssignerCache, assign_articles

        self._stories = self._stories or AssignerCache()
        assign_articles(self.store, analyses, self.encoder, self._stories)
        link_articles(self.store, analyses, self.encoder, self.options)
