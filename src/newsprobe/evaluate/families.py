"""Families of near-identical evaluation records, so that a record and its twins fall on one side of a split.

The CAMEO validation records come in near-identical variants (one word or one comma apart); a split by
position puts one twin in dev and the other in test, so the test figure is not a held-out figure.

Rule: two records are twins when the similarity of their normalised texts (lower-cased, punctuation
dropped, whitespace collapsed; difflib's ratio 2*M/T) is >= TWIN_SIMILARITY, or when they share an id.
A family is a connected component of the twin relation. Each family goes to dev or test by a hash of
its first record id (in file order): sha256(id)'s first byte even -> dev, odd -> test.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from difflib import SequenceMatcher

TWIN_SIMILARITY = 0.8
_PUNCT = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two normalised texts (1.0: identical)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < TWIN_SIMILARITY or matcher.quick_ratio() < TWIN_SIMILARITY:
        return matcher.quick_ratio()  # an upper bound below the threshold: cheap and enough to decide
    return matcher.ratio()


def families(ids: Sequence[str], texts: Sequence[str]) -> list[list[int]]:
    """Connected components of the twin relation, as lists of record positions in file order."""
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[max(find(i), find(j))] = min(find(i), find(j))

    normal = [normalise(t) for t in texts]
    first_of_id: dict[str, int] = {}
    for i, record_id in enumerate(ids):
        join(i, first_of_id.setdefault(record_id, i))
        for j in range(i):
            if find(i) != find(j) and similarity(normal[i], normal[j]) >= TWIN_SIMILARITY:
                join(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(ids)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def side(first_id: str) -> str:
    """dev or test for a family, from its first record id alone (stable when other families change)."""
    return "dev" if hashlib.sha256(first_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"
