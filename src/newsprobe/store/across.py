"""What the store does across articles once an article is stored, on every path that stores one (`newsprobe
ingest`, `ingest --from-batch`, `POST /articles`): each new article's story, and its check-worthy claims'
vectors and fact-check links (both in the store's own tables, see links_schema.py).

An article's story is written last, after its links, so a stored article without a story is one whose step
did not finish (a killed run): `add` and `add_stored` do it then, and leave alone articles that have one.

The sentence encoder is loaded on the first batch that needs it, so an ingest that stores nothing new
(or runs with `[corpus] link_at_ingest = false`) never pays for it."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newsprobe.config import Options
from newsprobe.model import Analysis
from newsprobe.store.corpus import Store

if TYPE_CHECKING:  # the encoder (onnxruntime) and the vector index are imported when first needed
    from newsprobe.embeddings import Embedder
    from newsprobe.store.stories import AssignerCache


class AcrossArticles:
    """One per run (or per API process): the story assigner is replayed from the store once, then kept."""

    def __init__(self, store: Store, options: Options, encoder: Embedder | None = None) -> None:
        self.store, self.options = store, options
        self._encoder = encoder
        self._stories: AssignerCache | None = None  # the story assigner, replayed once per ingest run

    @property
    def encoder(self) -> Embedder:
        if self._encoder is None:
            from newsprobe.embeddings import SentenceEncoder

            self._encoder = SentenceEncoder()
        return self._encoder

    def add(self, analyses: Sequence[Analysis | dict]) -> None:
        """Links, then stories, for those of `analyses` (stored already; a dict is a stored analysis's JSON, as
        a batch shard holds it) that have no story yet; the others are left alone."""
        if not analyses or not self.options.corpus_link_at_ingest:
            return
        from newsprobe.store.stories import without_story

        missing = without_story(self.store, (_id(a) for a in analyses))
        self._add([a if isinstance(a, Analysis) else Analysis.model_validate(a)
                   for a in analyses if _id(a) in missing])

    def add_stored(self, ids: Iterable[str]) -> None:
        """The same for stored articles known by id only (already stored when a run resumes), read back."""
        if not self.options.corpus_link_at_ingest:
            return
        from newsprobe.store.stories import without_story

        missing = without_story(self.store, ids)
        if missing:
            self._add(list(self.store.analyses(missing)))

    def _add(self, analyses: list[Analysis]) -> None:
        if not analyses:
            return
        from newsprobe.store.factchecks import link_articles
        from newsprobe.store.stories import AssignerCache, assign_articles

        link_articles(self.store, analyses, self.encoder, self.options)
        self._stories = self._stories or AssignerCache()
        assign_articles(self.store, analyses, self.encoder, self._stories)  # last: a story marks the step done


def _id(analysis: Analysis | dict) -> str:
    return analysis.article.id if isinstance(analysis, Analysis) else analysis["article"]["id"]
