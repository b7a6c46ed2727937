"""The lexicon prior shared by training and the technique classifier: how often a lemma sits inside a
technique span in the training articles."""
from __future__ import annotations

from collections.abc import Mapping

from spacy.attrs import LEMMA
from spacy.tokens import Doc

# lemma -> (share of its training occurrences inside a span, how often it was seen)
Lexicon = Mapping[str, tuple[float, int]]


def lemma_keys(doc: Doc) -> list[str]:
    """The key each token has in the lexicon prior: its lowercase lemma."""
    strings = doc.vocab.strings
    return [strings[h].lower() for h in doc.to_array(LEMMA).tolist()] if len(doc) else []
