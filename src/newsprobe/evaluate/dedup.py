"""Duplicates by content, not by id: a hash of normalised text.

Corpora copy texts under other ids (two PTC datathon training articles are SemEval-2020 dev articles
with a digit added to the id; ClaimBuster and CheckThat! share the 2016 debates), so a check by id or
file name misses them. Training drops every text whose normalised hash equals an evaluation text's.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

# Typographic quotes and apostrophes fold to their ASCII forms before punctuation is dropped, so a
# copy that only changed its quote style hashes the same.
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"'})
_PUNCTUATION = re.compile(r"[^\w\s]|_", re.UNICODE)


def normalise(text: str) -> str:
    """NFKC, casefold, quotes unified, punctuation stripped, whitespace runs made one space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(_PUNCTUATION.sub(" ", text).split())


def text_hash(text: str) -> str:
    """sha256 (hex) of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def hashes(texts: Iterable[str]) -> set[str]:
    return {text_hash(t) for t in texts}


def drop_duplicates(items: Iterable[T], held_out: set[str],
                    text: Callable[[T], str] = str) -> tuple[list[T], list[T]]:
    """(kept, dropped): `dropped` are the items whose text hashes into `held_out`."""
    kept: list[T] = []
    dropped: list[T] = []
    for item in items:
        (dropped if text_hash(text(item)) in held_out else kept).append(item)
    return kept, dropped
