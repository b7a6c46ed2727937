"""The article-level techniques profile: which techniques, how often, and in what share of sentences."""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from newsprobe.pipeline.extensions import sentences

from newsprobe.model import Technique, TechniqueProfile


def build_profile(doc: Doc, techniques: list[Technique]) -> TechniqueProfile:
    sents = [s for s in sentences(doc) if s.text.strip()]
    touched = sum(1 for s in sents if any(t.start < s.end_char and t.end > s.start_char for t in techniques))
    counts = Counter(t.technique for t in techniques)
    return TechniqueProfile(
        ran=True,
        counts=dict(counts.most_common()),
        sentences=len(sents),
        sentences_with_technique=touched,
        share_of_sentences=round(touched / len(sents), 4) if sents else 0.0,
    )


def skipped_profile(reason: str) -> TechniqueProfile:
    return TechniqueProfile(ran=False, reason=reason)
